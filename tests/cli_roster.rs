//! The CLI end to end for issue 2: `castmatch roster generate` writes a seeded roster, and
//! `castmatch search --json` ranks it, through the real binary.

use std::path::Path;
use std::process::{Command, Output};

fn castmatch(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_castmatch"))
        .args(args)
        .output()
        .expect("the castmatch binary runs")
}

fn generate(dir: &Path, name: &str, seed: &str) -> String {
    let path = dir.join(name).to_string_lossy().into_owned();
    let out = castmatch(&[
        "roster", "generate", "--n", "300", "--seed", seed, "--out", &path,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    path
}

#[test]
fn generate_writes_a_seeded_roster_that_search_ranks_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let roster = generate(dir.path(), "a.csv", "7");
    let text = std::fs::read_to_string(&roster).unwrap();
    assert_eq!(text.lines().count(), 301, "a header and 300 talents");
    assert!(text.starts_with("id,name,gender,age,height_cm,city,languages,skills"));
    let again = generate(dir.path(), "b.csv", "7");
    assert_eq!(
        std::fs::read_to_string(again).unwrap(),
        text,
        "same seed, same roster"
    );
    let other = generate(dir.path(), "c.csv", "8");
    assert_ne!(std::fs::read_to_string(other).unwrap(), text);

    let requirements = r#"{"gender":"female","age_min":20,"age_max":40}"#;
    let out = castmatch(&[
        "search",
        "--roster",
        &roster,
        "--k",
        "5",
        "--json",
        "--requirements",
        requirements,
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let matches: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(matches.len(), 5);
    let roster = castmatch_core::roster::from_csv(
        &text,
        castmatch_core::roster::ImportMode::Strict,
        castmatch_core::Date::from_ymd(2025, 9, 1).unwrap(),
    )
    .unwrap();
    let mut last_score = f64::INFINITY;
    for m in &matches {
        let id = m["id"].as_str().unwrap();
        let talent = roster
            .talents
            .iter()
            .find(|t| t.id == id)
            .expect("a roster talent");
        assert_eq!(m["name"], talent.name.as_str());
        assert_eq!(talent.gender, castmatch_core::Gender::Female);
        assert!((20..=40).contains(&talent.age), "{id} is {}", talent.age);
        let score = m["score"].as_f64().unwrap();
        assert!(score <= last_score, "ranked best first");
        last_score = score;
        assert!(!m["reasons"].as_array().unwrap().is_empty(), "explained");
    }
}

#[test]
fn bad_requirements_fail_with_the_field_named() {
    let dir = tempfile::tempdir().unwrap();
    let roster = generate(dir.path(), "a.csv", "1");
    let out = castmatch(&[
        "search",
        "--roster",
        &roster,
        "--json",
        "--requirements",
        r#"{"age_min":"thirty"}"#,
    ]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("age_min"), "{stderr}");
}
