//! `castmatch monitor` end to end: Markdown and JSON output on the seed plan, and a clear,
//! non-zero exit on an invalid plan. The binary needs the default "server" feature.

use std::process::Command;

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/plan.json");

fn monitor(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_castmatch"))
        .arg("monitor")
        .args(args)
        .output()
        .expect("run castmatch")
}

#[test]
fn markdown_report_on_the_seed() {
    let out = monitor(&[SEED, "--at", "2025-09-05T01:45:00+05:30"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("**Current status**: 42% complete"), "{text}");
    assert!(text.contains("## 📊 Agent status matrix"));
}

#[test]
fn json_has_every_figure_including_gate_decisions_and_escalation_levels() {
    let out = monitor(&[
        SEED,
        "--at",
        "2025-09-06T09:00:00+05:30",
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let eval: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(eval["progress"]["overall"], 42.0);
    let gate = eval["gates"]
        .as_array()
        .expect("gates")
        .iter()
        .find(|g| g["id"] == "day-3-infrastructure")
        .expect("gate")
        .clone();
    assert_eq!(gate["decision"], "NO-GO");
    assert_eq!(gate["failing"].as_array().map(Vec::len), Some(7));
    let levels: Vec<&str> = eval["blockers"]
        .as_array()
        .expect("blockers")
        .iter()
        .filter_map(|b| b["level"].as_str())
        .collect();
    assert_eq!(levels, ["human", "human", "human"]);
    assert!(eval["schedule"]["critical_path"].is_array());
}

#[test]
fn invalid_plan_exits_non_zero_with_the_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("plan.json");
    let text = std::fs::read_to_string(SEED).expect("seed").replacen(
        r#""depends_on": [
        "devops"
      ]"#,
        r#""depends_on": ["redis"]"#,
        1,
    );
    std::fs::write(&path, text).expect("write");
    let out = monitor(&[
        path.to_str().expect("path"),
        "--at",
        "2025-09-05T01:45:00+05:30",
    ]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(r#"agents[1].depends_on[0]: no agent "redis""#),
        "{stderr}"
    );

    let out = monitor(&[SEED, "--at", "tomorrow"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad time"));
}
