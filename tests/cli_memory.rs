//! The CLI's memory file: `search --memory` records turns and applies rejections, `feedback`
//! writes decisions, and a damaged file is refused and left exactly as it was.

use std::path::Path;
use std::process::{Command, Output};

fn castmatch(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_castmatch"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn roster_csv(dir: &Path) -> String {
    let mut csv = String::from("id,name,gender,age,height_cm,city,languages,skills\n");
    for i in 0..40 {
        let gender = if i % 2 == 0 { "female" } else { "male" };
        let skills = if i % 3 == 0 {
            "theatre;kathak"
        } else {
            "boxing"
        };
        csv.push_str(&format!(
            "T{i:03},Talent {i},{gender},{},165,Mumbai,hindi,{skills}\n",
            20 + i
        ));
    }
    let path = dir.join("roster.csv");
    std::fs::write(&path, csv).unwrap();
    path.to_string_lossy().into_owned()
}

fn search_ids(roster: &str, memory: &str) -> Vec<String> {
    let out = castmatch(&[
        "search",
        "--roster",
        roster,
        "--requirements",
        r#"{"gender":"female"}"#,
        "-k",
        "10",
        "--json",
        "--memory",
        memory,
        "--role",
        "Lead",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let matches: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    matches
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn feedback_and_search_share_a_memory_file() {
    let dir = tempfile::tempdir().unwrap();
    let roster = roster_csv(dir.path());
    let memory = dir.path().join("director.mem");
    let memory = memory.to_str().unwrap();

    let first = search_ids(&roster, memory);
    assert_eq!(first.len(), 10);
    let out = castmatch(&[
        "feedback",
        "--memory",
        memory,
        "--role",
        "Lead",
        &first[0],
        "reject",
        "--note",
        "not right",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 rejected"));
    let second = search_ids(&roster, memory);
    assert!(
        !second.contains(&first[0]),
        "the rejected talent is gone from the next search"
    );

    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "the atomic save leaves no temporary file"
    );

    let bad = castmatch(&[
        "feedback", "--memory", memory, "--role", "Lead", "T001", "maybe",
    ]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("expected \"shortlist\""));
}

/// The age a match's reasons state ("age 27 within 25-32").
fn age_in_reasons(reasons: &serde_json::Value) -> u64 {
    reasons
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|r| {
            r.as_str()?
                .strip_prefix("age ")?
                .split(' ')
                .next()?
                .parse()
                .ok()
        })
        .next()
        .expect("an age reason")
}

#[test]
fn brief_turns_refine_the_roles_standing_brief() {
    let dir = tempfile::tempdir().unwrap();
    let roster = roster_csv(dir.path());
    let memory = dir.path().join("director.mem");
    let path = memory.to_str().unwrap();
    let turn = |text: &str| {
        let out = castmatch(&[
            "search", "--roster", &roster, "--memory", path, "--role", "Lead", "--json", text,
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let found: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        found
            .iter()
            .map(|m| age_in_reasons(&m["reasons"]))
            .collect::<Vec<_>>()
    };
    assert!(turn("a woman aged 25-32")
        .iter()
        .all(|a| (25..=32).contains(a)));
    assert!(turn("a bit older").iter().all(|a| (30..=37).contains(a)));
}

#[test]
fn a_damaged_memory_file_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let roster = roster_csv(dir.path());
    let memory = dir.path().join("director.mem");
    let path = memory.to_str().unwrap();
    search_ids(&roster, path);
    let mut bytes = std::fs::read(&memory).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&memory, &bytes).unwrap();

    let out = castmatch(&[
        "feedback",
        "--memory",
        path,
        "--role",
        "Lead",
        "T000",
        "shortlist",
    ]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("refused at byte") && stderr.contains("checksum"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read(&memory).unwrap(),
        bytes,
        "the damaged file is not overwritten"
    );
}
