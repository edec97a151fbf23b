//! `castmatch roster build` end to end (issue 15): the snapshot it writes restores to a catalog
//! that ranks exactly as one built in memory, by fields and by meaning; a bad roster file is an
//! error naming its line and column; the output is replaced atomically or not at all.

use std::path::Path;
use std::process::{Command, Output};
use std::rc::Rc;

use castmatch_core::catalog::Catalog;
use castmatch_core::memory::Personalisation;
use castmatch_core::profile::TextModel;
use castmatch_core::rank::{rank, Match};
use castmatch_core::roster::{self, ImportMode};
use castmatch_core::Requirements;
use castmatch_index::HnswParams;
use castmatch_text::StaticModel;

fn castmatch(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_castmatch"))
        .args(args)
        .output()
        .expect("the castmatch binary runs")
}

fn model() -> Rc<dyn TextModel> {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/models/castmatch-static-v1-d128.cmse"
    ))
    .expect("the shipped model file");
    Rc::new(StaticModel::from_bytes(&bytes).expect("the shipped model loads"))
}

fn briefs() -> Vec<Requirements> {
    [
        r#"{"gender":"female","age_min":22,"age_max":35,"languages":["hindi"]}"#,
        r#"{"gender":"male","age_min":45,"description":"retired army officer, stern and upright"}"#,
        r#"{"description":"stand-up comic with great timing","cities":["mumbai"]}"#,
        r#"{"skills":["singing"],"age_max":40}"#,
    ]
    .iter()
    .map(|json| serde_json::from_str(json).expect("a Requirements JSON"))
    .collect()
}

fn ranked(catalog: &Catalog, r: &Requirements) -> Vec<(String, f32, Vec<String>)> {
    rank(catalog, r, 20, &Personalisation::default())
        .into_iter()
        .map(
            |Match {
                 id, score, reasons, ..
             }| (id, score, reasons),
        )
        .collect()
}

fn build(args: &[&str], out: &Path) -> Output {
    let out = out.to_string_lossy();
    let mut all = vec!["roster", "build"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", &out]);
    castmatch(&all)
}

fn assert_ranks_like(restored: &mut Catalog, in_memory: &Catalog) {
    let mut embedded = 0;
    restored
        .set_model(Some(model()), &mut |done, _| embedded = done)
        .unwrap();
    assert_eq!(
        embedded, 0,
        "the profiles came embedded with the shipped model"
    );
    assert!(
        restored.semantic().is_some(),
        "ranks by meaning after restore"
    );
    assert_eq!(restored.len(), in_memory.len());
    for r in briefs() {
        let expected = ranked(in_memory, &r);
        assert!(!expected.is_empty(), "{r:?} matches someone");
        assert_eq!(ranked(restored, &r), expected, "{r:?}");
    }
}

#[test]
fn a_synthetic_snapshot_restores_and_ranks_as_the_catalog_built_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("roster.cmcat");
    let done = build(&["--n", "400", "--seed", "9"], &out);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let bytes = std::fs::read(&out).unwrap();
    let mut restored = Catalog::from_bytes(&bytes).expect("the snapshot restores");

    let in_memory = Catalog::build_with_model(
        roster::synthetic(400, 9),
        HnswParams::default(),
        Some(model()),
        &mut |_, _| {},
    )
    .unwrap();
    assert_eq!(
        in_memory.to_bytes(),
        bytes,
        "the parallel native build writes the very bytes a single-threaded build does"
    );
    assert_ranks_like(&mut restored, &in_memory);

    let other = dir.path().join("other.cmcat");
    assert!(build(&["--n", "400", "--seed", "10"], &other)
        .status
        .success());
    assert_ne!(std::fs::read(other).unwrap(), bytes, "the seed matters");
}

#[test]
fn a_roster_file_builds_the_same_catalog_as_importing_it() {
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("roster.csv");
    std::fs::write(&csv_path, roster::to_csv(&roster::synthetic(250, 4))).unwrap();
    let out = dir.path().join("from-csv.cmcat");
    let done = build(&["--from", &csv_path.to_string_lossy()], &out);
    assert!(
        done.status.success(),
        "{}",
        String::from_utf8_lossy(&done.stderr)
    );
    let mut restored = Catalog::from_bytes(&std::fs::read(&out).unwrap()).unwrap();

    let today = castmatch_core::Date::from_ymd(2026, 1, 1).unwrap();
    let text = std::fs::read_to_string(&csv_path).unwrap();
    let imported = roster::from_csv(&text, ImportMode::Strict, today).unwrap();
    let in_memory = Catalog::build_with_model(
        imported.talents,
        HnswParams::default(),
        Some(model()),
        &mut |_, _| {},
    )
    .unwrap();
    assert_ranks_like(&mut restored, &in_memory);
}

#[test]
fn a_bad_roster_file_names_line_and_column_and_leaves_the_old_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("roster.cmcat");
    assert!(build(&["--n", "50"], &out).status.success());
    let before = std::fs::read(&out).unwrap();

    let mut csv = roster::to_csv(&roster::synthetic(20, 1));
    let mut lines: Vec<String> = csv.lines().map(str::to_owned).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let age = header.iter().position(|c| *c == "age").unwrap();
    let mut cells: Vec<String> = lines[5].split(',').map(str::to_owned).collect();
    cells[age] = "twenty".into();
    lines[5] = cells.join(",");
    csv = lines.join("\n");
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, csv).unwrap();

    let failed = build(&["--from", &bad.to_string_lossy()], &out);
    assert!(!failed.status.success());
    let message = String::from_utf8_lossy(&failed.stderr);
    assert!(
        message.contains("line 6") && message.contains("column age") && message.contains("twenty"),
        "{message}"
    );
    assert_eq!(
        std::fs::read(&out).unwrap(),
        before,
        "the old snapshot is kept"
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["bad.csv", "roster.cmcat"],
        "no temporary file left behind"
    );

    let json = dir.path().join("bad.json");
    std::fs::write(&json, "[{\"id\": \"A1\", \"name\": ").unwrap();
    let failed = build(&["--from", &json.to_string_lossy()], &out);
    assert!(!failed.status.success());
    let message = String::from_utf8_lossy(&failed.stderr);
    assert!(
        message.contains("line 1") && message.contains("column"),
        "{message}"
    );
    assert_eq!(std::fs::read(&out).unwrap(), before);
}

#[test]
fn a_successful_build_replaces_the_file_whole_and_an_unwritable_one_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("roster.cmcat");
    std::fs::write(&out, b"an old file").unwrap();
    assert!(build(&["--n", "30", "--seed", "2"], &out).status.success());
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(Catalog::from_bytes(&bytes).unwrap().len(), 30);

    let missing = dir.path().join("no-such-dir").join("roster.cmcat");
    let failed = build(&["--n", "30"], &missing);
    assert!(!failed.status.success());
    assert!(String::from_utf8_lossy(&failed.stderr).contains("no-such-dir"));

    let neither = castmatch(&["roster", "build", "--out", &out.to_string_lossy()]);
    assert_eq!(neither.status.code(), Some(2), "--n or --from is required");
    assert_eq!(std::fs::read(&out).unwrap(), bytes);
}
