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
    // 3: critical alerts at that moment (the blockers reached the human level).
    assert_eq!(
        out.status.code(),
        Some(3),
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
    assert_eq!(
        out.status.code(),
        Some(4),
        "NO-GO: {}",
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

// ---- measuring the running system ----

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `castmatch serve --fake-upstream` as a child process; killed on drop.
struct Served {
    child: std::process::Child,
    base: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn serve() -> Served {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_castmatch"))
        .args(["serve", "--fake-upstream", "--port", &port.to_string()])
        .args(["--www", "/nonexistent", "--pkg", "/nonexistent"])
        .env_remove("ANTHROPIC_API_KEY")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("run castmatch serve");
    let served = Served {
        child,
        base: format!("http://127.0.0.1:{port}"),
    };
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    for _ in 0..300 {
        if client
            .get(format!("{}/api/health", served.base))
            .send()
            .await
            .is_ok()
        {
            return served;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("castmatch serve did not start");
}

/// One streamed conversation turn, read to its end; returns the event stream's text.
async fn converse(base: &str) -> String {
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let body = serde_json::json!({
        "model": "claude-sonnet-4-5",
        "max_tokens": 256,
        "stream": true,
        "messages": [{"role": "user", "content": "Female lead, 25-32, Marathi and Hindi, Kathak, Mumbai"}],
    });
    let response = client
        .post(format!("{base}/v1/messages"))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .expect("post");
    assert_eq!(response.status(), 200);
    response.text().await.expect("stream")
}

#[tokio::test]
async fn probe_measures_response_time_and_conversations_of_a_running_server() {
    let served = serve().await;
    for _ in 0..6 {
        let stream = converse(&served.base).await;
        assert!(stream.contains("message_stop"), "{stream}");
    }
    let out = monitor(&[SEED, "--probe", &served.base, "--format", "md"]);
    let text = String::from_utf8_lossy(&out.stdout);
    let metrics_url = format!("{}/metrics", served.base);
    let row = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("| {name} |")))
            .unwrap_or_else(|| {
                panic!(
                    "no {name} row in\n{text}\n{}",
                    String::from_utf8_lossy(&out.stderr)
                )
            })
            .split('|')
            .map(str::trim)
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    // | Response time | < 2 s | 0.0123 s | 2026-... | http://127.0.0.1:PORT/metrics | ✅ met |
    let response = row("Response time");
    let seconds: f64 = response[3]
        .trim_end_matches(" s")
        .parse()
        .expect("a measured number of seconds");
    assert!(seconds > 0.0 && seconds < 2.0, "{response:?}");
    assert_eq!(response[5], metrics_url);
    assert_ne!(response[4], "-", "measured at a time");
    assert_eq!(response[6], "✅ met");
    let conversations = row("Successful conversations");
    assert_eq!(
        &conversations[3..7],
        [
            "6",
            conversations[4].as_str(),
            metrics_url.as_str(),
            "✅ met"
        ]
    );
    assert_eq!(
        row("Concurrent users")[3],
        "1 users",
        "the peak: one conversation at a time"
    );

    // JSON: the same figures, the probe's p95 as the metric's value.
    let out = monitor(&[
        SEED,
        "--probe",
        &served.base,
        "--format",
        "json",
        "--no-checks",
    ]);
    let eval: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let metric = |id: &str| {
        eval["metrics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(metric("conversations")["measured"], 6.0);
    assert_eq!(metric("response-time")["measure"], "first_byte_p95_seconds");
    assert!(metric("response-time")["measured"].as_f64().unwrap() > 0.0);
}

/// A plan whose blocker is decided by two services on loopback ports.
fn plan_with_services(
    dir: &std::path::Path,
    database: u16,
    api: u16,
    timeout_ms: u64,
) -> std::path::PathBuf {
    let plan = serde_json::json!({
        "project": "Loopback",
        "start": "2025-09-03T09:00:00+05:30",
        "target_days": 14,
        "agents": [{"id": "devops", "name": "DevOps", "team": "development", "status": "active", "progress": 10}],
        "services": [
            {"id": "db", "name": "Database", "check": format!("tcp://127.0.0.1:{database}"), "timeout_ms": timeout_ms},
            {"id": "api", "name": "API", "check": format!("http://127.0.0.1:{api}/health"), "timeout_ms": timeout_ms},
        ],
        "blockers": [{"id": "infra", "title": "Infrastructure down", "since": "2025-09-03T09:00:00+05:30",
                      "blocks": ["devops"], "cleared_by": ["db", "api"]}],
    });
    let path = dir.join("plan.json");
    std::fs::write(&path, plan.to_string()).unwrap();
    path
}

#[tokio::test]
async fn service_checks_raise_and_clear_a_blocker_on_real_sockets() {
    use std::io::{Read, Write};
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("monitor");
    let out_arg = out_dir.to_str().unwrap();
    // Nothing listens on either port yet; the API port accepts but never answers.
    let database = free_port();
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let api = silent.local_addr().unwrap().port();
    let plan = plan_with_services(dir.path(), database, api, 400);
    let plan_arg = plan.to_str().unwrap();

    let down = monitor(&[plan_arg, "--out", out_arg]);
    assert_eq!(
        down.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&down.stderr)
    );
    let printed = String::from_utf8_lossy(&down.stdout);
    assert!(
        printed.contains("Database is down: connection refused"),
        "{printed}"
    );
    assert!(
        printed.contains("API is down: no answer within 400 ms"),
        "{printed}"
    );
    let log = std::fs::read_to_string(out_dir.join("measurements.jsonl")).unwrap();
    let run: serde_json::Value = serde_json::from_str(log.lines().next().unwrap()).unwrap();
    let api_check = run["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["service"] == "api")
        .unwrap();
    assert!(
        api_check["millis"].as_f64().unwrap() < 400.0 * 3.0,
        "{api_check}"
    );
    drop(silent);

    // Both come up: the next run clears the blocker at its own time.
    let database_up = std::net::TcpListener::bind(("127.0.0.1", database)).unwrap();
    let api_up = std::net::TcpListener::bind(("127.0.0.1", api)).unwrap();
    std::thread::spawn(move || {
        for mut stream in api_up.incoming().flatten() {
            let mut buffer = [0u8; 1024];
            let _ = stream.read(&mut buffer);
            let _ = stream
                .write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\nok");
        }
    });
    let up = monitor(&[plan_arg, "--out", out_arg]);
    let printed = String::from_utf8_lossy(&up.stdout);
    assert!(!printed.contains("is down"), "{printed}");
    let log = std::fs::read_to_string(out_dir.join("measurements.jsonl")).unwrap();
    let second: serde_json::Value = serde_json::from_str(log.lines().nth(1).unwrap()).unwrap();
    let log_path = out_dir.join("measurements.jsonl");
    let eval = monitor(&[
        plan_arg,
        "--log",
        log_path.to_str().unwrap(),
        "--no-checks",
        "--format",
        "json",
    ]);
    let eval: serde_json::Value = serde_json::from_slice(&eval.stdout).expect("json");
    let blocker = &eval["blockers"][0];
    assert_eq!(blocker["active"], false, "{blocker}");
    let resolved =
        castmatch_progress::parse_time(blocker["resolved_at"].as_str().unwrap()).unwrap();
    assert_eq!(
        resolved,
        castmatch_progress::parse_time(second["at"].as_str().unwrap()).unwrap()
    );
    assert_eq!(eval["agents"][0]["blocked"], false);
    drop(database_up);
    // Each run wrote its report.
    let reports = std::fs::read_dir(&out_dir)
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("report-")
        })
        .count();
    assert!(reports >= 1);
}

#[test]
fn exit_codes_tell_no_go_from_critical_alerts() {
    // Day 2 at 01:45: blockers at the human level are critical, no gate has failed yet.
    assert_eq!(
        monitor(&[SEED, "--at", "2025-09-05T01:45:00+05:30"])
            .status
            .code(),
        Some(3)
    );
    // Day 3 ended with the infrastructure gate NO-GO.
    assert_eq!(
        monitor(&[SEED, "--at", "2025-09-06T09:00:00+05:30"])
            .status
            .code(),
        Some(4)
    );
    // Before anything went wrong: 0.
    assert_eq!(
        monitor(&[SEED, "--at", "2025-09-03T10:00:00+05:30"])
            .status
            .code(),
        Some(0)
    );
    // Bad arguments: clap's 2; --every without --out is one of them.
    assert_eq!(monitor(&[SEED, "--every", "2h"]).status.code(), Some(2));
}
