//! A catalog snapshot restored natively and searched: what `castmatch roster build` writes, at
//! 10k, 100k and 1M talents (issue 15, BENCHMARKS.md "Issue 15: scale").
//!
//! `castmatch roster build --n 1000000 --out /tmp/1m.cmcat`, then
//! `CASTMATCH_BENCH_SNAPSHOT=/tmp/1m.cmcat cargo bench --bench scale`: one file a run, so the
//! resident memory is that catalog's. Prints one JSON line: restore time (checks, index, units;
//! then the model attached, which keeps the embedded profiles), RSS before and after, and the
//! p50 / p99 of ranking a fixed set of briefs (structured and by meaning), each run many times,
//! and each brief's own p50 (in `BRIEFS` order).

use std::rc::Rc;
use std::time::Instant;

use castmatch_core::catalog::Catalog;
use castmatch_core::features::encode_requirements;
use castmatch_core::memory::Personalisation;
use castmatch_core::profile::TextModel;
use castmatch_core::rank::rank;
use castmatch_core::Requirements;
use castmatch_text::StaticModel;

const QUERIES: usize = 600;
const BRIEFS: [&str; 6] = [
    r#"{"gender":"female","age_min":25,"age_max":32,"languages":["hindi"],"cities":["mumbai"]}"#,
    r#"{"gender":"male","age_min":45,"description":"retired army officer, stern and upright"}"#,
    r#"{"description":"stand-up comic with great timing"}"#,
    r#"{"skills":["singing"],"age_max":40}"#,
    r#"{"gender":"female","languages":["marathi","hindi"],"age_min":50}"#,
    r#"{}"#,
];

/// Resident and peak resident memory of this process, in MB (Linux).
fn rss_mb() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

fn main() {
    let Ok(path) = std::env::var("CASTMATCH_BENCH_SNAPSHOT") else {
        eprintln!("scale: set CASTMATCH_BENCH_SNAPSHOT=FILE (a `castmatch roster build` output)");
        return;
    };
    let model = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/models/castmatch-static-v1-d128.cmse"
    ))
    .expect("the shipped model file");
    let model: Rc<dyn TextModel> = Rc::new(StaticModel::from_bytes(&model).expect("the model"));
    let bytes = std::fs::read(&path).expect("the snapshot file");
    let (rss_before, _) = rss_mb();

    let started = Instant::now();
    let mut catalog = Catalog::from_bytes(&bytes).expect("the snapshot restores");
    let from_bytes_ms = started.elapsed().as_secs_f64() * 1e3;
    let mut embedded = 0;
    catalog
        .set_model(Some(model), &mut |done, _| embedded = done)
        .expect("the model attaches");
    let restore_ms = started.elapsed().as_secs_f64() * 1e3;
    assert_eq!(
        embedded, 0,
        "embedded with the shipped model: nothing to redo"
    );
    drop(bytes);
    let (rss_after, peak) = rss_mb();

    let briefs: Vec<Requirements> = BRIEFS
        .iter()
        .map(|b| serde_json::from_str(b).expect("a brief"))
        .collect();
    let memory = Personalisation::default();
    let mut by_brief = vec![Vec::new(); briefs.len()];
    for q in 0..QUERIES {
        let started = Instant::now();
        let found = rank(&catalog, &briefs[q % briefs.len()], 10, &memory);
        std::hint::black_box(found);
        by_brief[q % briefs.len()].push(started.elapsed().as_secs_f64() * 1e3);
    }
    let at = |latencies: &mut Vec<f64>, p: f64| {
        latencies.sort_by(f64::total_cmp);
        let rank = ((latencies.len() as f64 * p).ceil() as usize).max(1) - 1;
        (latencies[rank] * 100.0).round() / 100.0
    };
    let per_brief: Vec<f64> = by_brief.iter_mut().map(|l| at(l, 0.5)).collect();
    let (recall, worst) = structured_recall(&catalog);
    let mut latencies: Vec<f64> = by_brief.concat();
    println!(
        "{}",
        serde_json::json!({
            "file": path,
            "talents": catalog.len(),
            "bytes": std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
            "from_bytes_ms": from_bytes_ms.round(),
            "restore_ms": restore_ms.round(),
            "rss_before_mb": rss_before.round(),
            "rss_after_mb": rss_after.round(),
            "rss_peak_mb": peak.round(),
            "search_p50_ms": at(&mut latencies, 0.5),
            "search_p99_ms": at(&mut latencies, 0.99),
            "p50_ms_per_brief": per_brief,
            "structured_recall_at_40": recall,
            "structured_recall_worst": worst,
            "queries": QUERIES,
        })
    );
}

/// Recall@40 (ranking's candidate pool for ten results), by distance, of the structured index's search,
/// whatever plan it picks, against the exact scan under the same filter: mean and worst over
/// briefs of every combination of gender, ages, language and city. The graph's quality on the
/// catalog's own vectors.
fn structured_recall(catalog: &Catalog) -> (f64, f64) {
    const POOL: usize = 40;
    let mut recalls = Vec::new();
    for gender in ["", r#""gender":"female","#, r#""gender":"male","#] {
        for ages in [
            "",
            r#""age_min":20,"age_max":30,"#,
            r#""age_min":30,"age_max":45,"#,
            r#""age_min":45,"#,
        ] {
            for language in [
                "",
                r#""languages":["hindi"],"#,
                r#""languages":["marathi"],"#,
            ] {
                for city in ["", r#""cities":["mumbai"],"#, r#""cities":["delhi"],"#] {
                    let brief = format!("{{{gender}{ages}{language}{city}}}").replace(",}", "}");
                    let r: Requirements = serde_json::from_str(&brief).expect("a brief");
                    let query = encode_requirements(&r).to_vec();
                    let filter = catalog.filter(&r);
                    let mut scratch = castmatch_index::Search::default();
                    let found =
                        catalog
                            .index()
                            .search_filtered(&query, POOL, &filter, &mut scratch);
                    let truth = catalog.index().exact(&query, POOL, &filter);
                    // By distance: rows tie often (the features are mostly one-hot), and the
                    // scan breaks ties by id where the walk meets them in any order.
                    let bound = truth.last().map_or(f32::MAX, |t| t.distance + 1e-6);
                    let hits = found.iter().filter(|h| h.distance <= bound).count();
                    recalls.push(hits as f64 / truth.len().max(1) as f64);
                }
            }
        }
    }
    let mean = recalls.iter().sum::<f64>() / recalls.len() as f64;
    let round = |x: f64| (x * 1000.0).round() / 1000.0;
    (
        round(mean),
        round(recalls.iter().copied().fold(1.0, f64::min)),
    )
}
