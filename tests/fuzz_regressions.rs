//! Fuzz findings kept as native regression tests: every file in `tests/fuzz/regressions/<target>/`
//! goes through the same code as its fuzz target (`tests/fuzz/harness.rs`) and must not panic.
//!
//! `cargo test --test fuzz_regressions -- --ignored write_seed_corpus` (re)writes the fuzzers'
//! starting corpus in `tests/fuzz/corpus/`: valid rosters, plans and snapshots to mutate.

#[path = "fuzz/harness.rs"]
mod harness;

use std::fs;
use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz")
}

/// Runs every kept input of `target` through `check`; names the file if one panics.
fn replay(target: &str, check: fn(&[u8])) {
    let dir = fuzz_dir().join("regressions").join(target);
    let Ok(entries) = fs::read_dir(&dir) else {
        return; // no finding kept for this target
    };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    for file in files {
        let data = fs::read(&file).expect("regression input reads");
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{} panics again", file.display());
    }
}

#[test]
fn roster_csv_regressions() {
    replay("roster_csv", harness::roster_csv);
}

#[test]
fn roster_json_regressions() {
    replay("roster_json", harness::roster_json);
}

#[test]
fn brief_parse_regressions() {
    replay("brief_parse", harness::brief_parse);
}

#[test]
fn memory_snapshot_regressions() {
    replay("memory_snapshot", harness::memory_snapshot);
}

#[test]
fn plan_loader_regressions() {
    replay("plan_loader", harness::plan_loader);
}

#[test]
fn index_snapshot_regressions() {
    replay("index_snapshot", harness::index_snapshot);
}

#[test]
fn catalog_snapshot_regressions() {
    replay("catalog_snapshot", harness::catalog_snapshot);
}

/// The seed corpus must itself pass: valid inputs are the fuzzers' starting points.
#[test]
fn seed_inputs_pass() {
    for (target, inputs) in seeds() {
        let check = checker(target);
        for (name, data) in inputs {
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "seed {target}/{name} panics");
        }
    }
}

#[test]
#[ignore = "writes files; run by hand before fuzzing"]
fn write_seed_corpus() {
    for (target, inputs) in seeds() {
        let dir = fuzz_dir().join("corpus").join(target);
        fs::create_dir_all(&dir).expect("corpus dir");
        for (name, data) in inputs {
            fs::write(dir.join(name), data).expect("seed writes");
        }
    }
}

fn checker(target: &str) -> fn(&[u8]) {
    match target {
        "roster_csv" => harness::roster_csv,
        "roster_json" => harness::roster_json,
        "brief_parse" => harness::brief_parse,
        "memory_snapshot" => harness::memory_snapshot,
        "plan_loader" => harness::plan_loader,
        "index_snapshot" => harness::index_snapshot,
        "catalog_snapshot" => harness::catalog_snapshot,
        other => panic!("unknown target {other}"),
    }
}

/// A named input file.
type Seed = (String, Vec<u8>);

/// Small valid inputs per target; snapshots in both modes (raw, and payload-with-fixed-CRC).
fn seeds() -> Vec<(&'static str, Vec<Seed>)> {
    use castmatch_core::catalog::Catalog;
    use castmatch_core::roster::{synthetic, to_csv};
    use castmatch_index::{Hnsw, HnswParams};

    let talents = synthetic(12, 7);
    let csv = to_csv(&talents).into_bytes();
    let json = serde_json::to_vec(&talents).expect("talents serialise");
    let plan = castmatch_progress::generate::plan(12, 16, 7);
    let plan = serde_json::to_vec(&plan).expect("plan serialises");

    let rows =
        ndarray::Array2::from_shape_fn((40, 8), |(i, j)| ((i * 7 + j * 3) % 11) as f32 + 1.0);
    let rows = &rows
        / &rows
            .map_axis(ndarray::Axis(1), |r| r.dot(&r).sqrt())
            .insert_axis(ndarray::Axis(1));
    let index = Hnsw::build(rows.view(), HnswParams::default().m(4), &mut |_, _| {}).to_bytes();
    let catalog = Catalog::build(synthetic(6, 3), HnswParams::default().m(4), &mut |_, _| {})
        .expect("catalog builds")
        .to_bytes();

    let mut session = castmatch_core::memory::Session::new();
    session.switch_director("Asha").expect("director");
    session.open_project("Monsoon").expect("project");
    session.open_role(1_700_000_000, "lead").expect("role");
    session.say(1_700_000_010, "female lead, 25-32, Marathi, Kathak, Mumbai");
    let _ = session.remember(1_700_000_020, "never cast smokers");
    let memory = session.snapshot();

    let raw = |bytes: &[u8]| [&[0u8][..], bytes].concat();
    let payload = |bytes: &[u8], at: usize| [&[1u8][..], &bytes[at..]].concat();
    vec![
        (
            "roster_csv",
            vec![
                ("synthetic.csv".into(), csv),
                ("header-only.csv".into(), b"id,name\n".to_vec()),
            ],
        ),
        (
            "roster_json",
            vec![
                ("synthetic.json".into(), json),
                ("empty.json".into(), b"[]".to_vec()),
            ],
        ),
        ("plan_loader", vec![("generated.json".into(), plan)]),
        (
            "brief_parse",
            vec![
                (
                    "lead.txt".into(),
                    b"female lead, 25-32, fluent Marathi and Hindi, trained in Kathak, Mumbai"
                        .to_vec(),
                ),
                (
                    "refine.txt".into(),
                    b"a bit older, drop the dance; no smokers please. Height 5'6\" to 5'10\""
                        .to_vec(),
                ),
            ],
        ),
        (
            "index_snapshot",
            vec![
                ("raw".into(), raw(&index)),
                ("payload".into(), payload(&index, 24)),
            ],
        ),
        (
            "memory_snapshot",
            vec![
                ("raw".into(), raw(&memory)),
                ("payload".into(), payload(&memory, 24)),
            ],
        ),
        (
            "catalog_snapshot",
            vec![
                ("raw".into(), raw(&catalog)),
                ("payload".into(), payload(&catalog, 16)),
            ],
        ),
    ]
}
