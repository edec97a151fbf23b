//! Recall of the meaning layer's search (each distinct profile text one int8 point; scanned
//! whole up to 250k points, the unit HNSW beyond) against an exact per-talent scan of the same
//! vectors, on the synthetic roster embedded with the shipped model, at filter selectivities
//! from the whole roster down to about 0.1% (issue 14's target: recall@10 >= 0.98 at 100k).
//!
//! `cargo bench --bench semantic_recall` (`CASTMATCH_BENCH_N=100000`, the default; or
//! `CASTMATCH_BENCH_SNAPSHOT=FILE`, a `castmatch roster build` output, restored). The exact
//! scan takes every talent the filter admits, its best unit by the same similarity the index
//! uses, and the ten best talents; recall is the share of the search's ten whose exact
//! similarity reaches the tenth best (ties count: the synthetic bios repeat sentences).

use std::rc::Rc;
use std::time::Instant;

use castmatch_core::catalog::Catalog;
use castmatch_core::profile::TextModel;
use castmatch_core::roster::{synthetic, Gender};
use castmatch_core::Requirements;
use castmatch_index::HnswParams;
use castmatch_text::StaticModel;

const K: usize = 10;

/// What directors ask for in words: types, looks and trades, none of them the synthetic
/// generator's persona names.
const PHRASES: [&str; 16] = [
    "a retired army officer with a stern face",
    "small-town doctor who has seen it all",
    "stand-up comic with great timing",
    "hard-nosed newspaper reporter",
    "farmer from a Punjab village",
    "corporate lawyer in a sharp suit",
    "gentle school teacher",
    "police inspector, tough and honest",
    "a chef who runs a busy kitchen",
    "airline pilot, calm under pressure",
    "temple priest",
    "village head who settles disputes",
    "fitness trainer with an athletic build",
    "girl next door, warm smile",
    "a cricketer past his prime",
    "rugged biker",
];

fn filters() -> Vec<(&'static str, Requirements)> {
    let r =
        |gender: Option<Gender>, ages: Option<(u32, u32)>, cities: &[&str], languages: &[&str]| {
            Requirements {
                gender,
                age_min: ages.map(|a| a.0),
                age_max: ages.map(|a| a.1),
                cities: cities.iter().map(|c| c.to_string()).collect(),
                languages: languages.iter().map(|l| l.to_string()).collect(),
                ..Default::default()
            }
        };
    vec![
        ("none", r(None, None, &[], &[])),
        ("gender", r(Some(Gender::Male), None, &[], &[])),
        (
            "gender, age 35-50",
            r(Some(Gender::Male), Some((35, 50)), &[], &[]),
        ),
        (
            "+ Mumbai",
            r(Some(Gender::Male), Some((35, 50)), &["mumbai"], &[]),
        ),
        (
            "+ Mumbai, Marathi",
            r(
                Some(Gender::Male),
                Some((35, 50)),
                &["mumbai"],
                &["marathi"],
            ),
        ),
        (
            "female 60-70, Pune",
            r(Some(Gender::Female), Some((60, 70)), &["pune"], &[]),
        ),
    ]
}

fn main() {
    let n: usize = std::env::var("CASTMATCH_BENCH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/models/castmatch-static-v1-d128.cmse"
    ))
    .expect("the shipped model file");
    let model: Rc<dyn TextModel> = Rc::new(StaticModel::from_bytes(&bytes).expect("model loads"));
    let started = Instant::now();
    let catalog = match std::env::var("CASTMATCH_BENCH_SNAPSHOT") {
        Ok(path) => {
            let bytes = std::fs::read(&path).expect("the snapshot file");
            let mut catalog = Catalog::from_bytes(&bytes).expect("the snapshot restores");
            catalog
                .set_model(Some(model), &mut |_, _| {})
                .expect("the model attaches");
            catalog
        }
        Err(_) => Catalog::build_with_model(
            synthetic(n, 42),
            HnswParams::default(),
            Some(model),
            &mut |_, _| {},
        )
        .expect("the catalog builds"),
    };
    let n = catalog.len();
    println!(
        "{n} talents built (or restored) and embedded in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let (_, semantic) = catalog.semantic().expect("the meaning layer");

    println!("\n| filter | selectivity | recall@{K} | p50 search ms | exact scan ms |");
    println!("| --- | --- | --- | --- | --- |");
    for (name, r) in filters() {
        let matching = catalog.count_matching(&r);
        let filter = catalog.filter(&r);
        let (mut found, mut total) = (0, 0);
        let (mut search_ms, mut exact_ms) = (Vec::new(), 0.0);
        for phrase in PHRASES {
            let q = catalog
                .semantic_query(&Requirements {
                    description: Some(phrase.to_string()),
                    ..Default::default()
                })
                .expect("the phrase has a vector");
            let t = Instant::now();
            let hits = semantic.search(&q, &filter, K, false);
            search_ms.push(t.elapsed().as_secs_f64() * 1e3);
            let t = Instant::now();
            let exact = semantic.exhaustive(&q, &filter, K, false);
            exact_ms += t.elapsed().as_secs_f64() * 1e3;
            // A hit counts when its exact best-unit similarity reaches the tenth exact one:
            // the synthetic bios repeat sentences, so many talents tie and any of them is right.
            let tenth = exact.last().map_or(f32::MAX, |e| e.1);
            found += hits
                .iter()
                .filter(|h| {
                    semantic
                        .fit(&q, h.0)
                        .is_some_and(|f| f.similarity >= tenth - 1e-5)
                })
                .count()
                .min(exact.len());
            total += exact.len();
        }
        search_ms.sort_by(f64::total_cmp);
        println!(
            "| {name} | {:.2}% ({matching}) | {:.3} | {:.2} | {:.1} |",
            100.0 * matching as f64 / n as f64,
            found as f64 / total.max(1) as f64,
            search_ms[search_ms.len() / 2],
            exact_ms / PHRASES.len() as f64,
        );
    }
}
