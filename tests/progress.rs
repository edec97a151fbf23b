//! The delivery dashboard on the seed plan (`www/data/plan.json`, the orchestration summary's
//! state at Day 2) and on generated plans: figures, decisions, validation errors, no panics.

use castmatch_progress::{
    generate, json_schema, parse_time, Evaluation, GateDecision, PlanError, Severity, Tracker,
    Update,
};
use chrono::{DateTime, FixedOffset, TimeDelta};

const SEED_NOW: &str = "2025-09-05T01:45:00+05:30";

fn seed() -> Tracker {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/www/data/plan.json"))
        .expect("seed plan");
    Tracker::from_json(&text).expect("seed plan is valid")
}

fn at(text: &str) -> DateTime<FixedOffset> {
    parse_time(text).expect("time")
}

fn agent<'e>(eval: &'e Evaluation, id: &str) -> &'e castmatch_progress::AgentView {
    eval.agents.iter().find(|a| a.id == id).expect("agent")
}

fn blocker<'e>(eval: &'e Evaluation, id: &str) -> &'e castmatch_progress::BlockerView {
    eval.blockers.iter().find(|b| b.id == id).expect("blocker")
}

fn gate<'e>(eval: &'e Evaluation, id: &str) -> &'e castmatch_progress::GateView {
    eval.gates.iter().find(|g| g.id == id).expect("gate")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

#[test]
fn seed_progress_is_42_percent_weighted() {
    let eval = seed().evaluate(at(SEED_NOW));
    assert!(
        close(eval.progress.overall, 42.0),
        "{}",
        eval.progress.overall
    );
    let teams: Vec<(f64, usize)> = eval
        .progress
        .by_team
        .iter()
        .map(|t| (t.progress, t.agents))
        .collect();
    assert!(
        close(teams[0].0, 710.0 / 18.0) && teams[0].1 == 6,
        "{teams:?}"
    );
    assert!(close(teams[1].0, 46.6) && teams[1].1 == 10, "{teams:?}");
    assert_eq!(eval.day, 2);
    assert_eq!(eval.agents.len(), 16);
}

#[test]
fn seed_day_2_with_docker_down_blocks_the_development_team() {
    let eval = seed().evaluate(at(SEED_NOW));
    let blocked: Vec<&str> = eval
        .agents
        .iter()
        .filter(|a| a.blocked_by.is_some())
        .map(|a| a.id.as_str())
        .collect();
    assert_eq!(
        blocked,
        [
            "devops",
            "backend",
            "aiml",
            "frontend",
            "testing",
            "integration"
        ]
    );
    assert!(eval
        .agents
        .iter()
        .filter(|a| a.team == castmatch_progress::Team::Design)
        .all(|a| a.blocked_by.is_none()));

    assert_eq!(
        agent(&eval, "devops").nearest_blocker.as_deref(),
        Some("docker")
    );
    let backend = agent(&eval, "backend");
    assert_eq!(
        (
            backend.blocked_by.as_deref(),
            backend.nearest_blocker.as_deref()
        ),
        (Some("docker"), Some("redis-auth"))
    );
    assert_eq!(
        backend.chain,
        ["docker", "redis-auth", "claude-integration"]
    );

    let chains: Vec<Vec<&str>> = eval
        .chains
        .iter()
        .map(|c| c.ids.iter().map(String::as_str).collect())
        .collect();
    let main = [
        "docker",
        "redis-auth",
        "claude-integration",
        "frontend-connect",
        "e2e-chat",
        "coverage",
    ];
    let memory = [
        "docker",
        "redis-auth",
        "session-store",
        "memory-system",
        "long-term-memory",
        "advanced-features",
    ];
    assert!(chains.iter().any(|c| c == &main), "{chains:?}");
    assert!(chains.iter().any(|c| c == &memory), "{chains:?}");
    // The Anthropic blocker is a root cause of its own, blocking the Claude service.
    let anthropic = blocker(&eval, "anthropic-key");
    assert!(anthropic.root_cause && anthropic.blocking_count == 1);
    assert!(
        !blocker(&eval, "redis-auth").root_cause,
        "Redis waits on Docker"
    );
}

#[test]
fn redis_blocker_escalates_agent_orchestrator_human_at_1_3_7_hours() {
    let tracker = seed();
    let since = tracker
        .plan()
        .blockers
        .iter()
        .find(|b| b.id == "redis-auth")
        .expect("redis")
        .since;
    let level_after = |hours: i64| {
        let eval = tracker.evaluate(since + TimeDelta::hours(hours));
        let redis = blocker(&eval, "redis-auth").clone();
        (redis.level, redis.next_level, redis.next_escalation_at)
    };
    let (level, next, next_at) = level_after(1);
    assert_eq!(
        (level.as_deref(), next.as_deref()),
        (Some("agent-to-agent"), Some("orchestrator"))
    );
    assert_eq!(next_at.as_deref(), Some("2025-09-05T00:00:00+05:30"));
    let (level, next, _) = level_after(3);
    assert_eq!(
        (level.as_deref(), next.as_deref()),
        (Some("orchestrator"), Some("human"))
    );
    let (level, next, next_at) = level_after(7);
    assert_eq!(
        (level.as_deref(), next, next_at),
        (Some("human"), None, None)
    );
}

#[test]
fn seed_escalation_levels_at_the_summary_time() {
    let eval = seed().evaluate(at(SEED_NOW));
    let levels: Vec<_> = eval
        .blockers
        .iter()
        .map(|b| (b.id.as_str(), b.level.as_deref()))
        .collect();
    assert_eq!(
        levels,
        [
            ("docker", Some("human")),
            ("redis-auth", Some("orchestrator")),
            ("anthropic-key", Some("agent-to-agent"))
        ]
    );
    assert!(close(blocker(&eval, "docker").age_hours, 7.75));
}

#[test]
fn day_3_gate_is_pending_at_risk_on_day_2_and_no_go_on_day_3() {
    let tracker = seed();
    let day2 = tracker.evaluate(at(SEED_NOW));
    let gate2 = gate(&day2, "day-3-infrastructure");
    assert_eq!(gate2.decision, GateDecision::Pending);
    assert!(gate2.at_risk);

    let day3 = tracker.evaluate(at("2025-09-06T09:00:00+05:30"));
    let gate3 = gate(&day3, "day-3-infrastructure");
    assert_eq!(gate3.decision, GateDecision::NoGo);
    assert_eq!(gate3.criteria_total, 7);
    let failing = gate3.failing.join("\n");
    for named in [
        "task docker-up",
        "task infra-health",
        "task claude-service",
        "blocker docker",
        "blocker redis-auth",
        "service postgres (Postgres) not stable: never checked",
        "service redis (Redis) not stable: never checked",
    ] {
        assert!(failing.contains(named), "{named} missing from {failing}");
    }
    assert!(day3
        .alerts
        .iter()
        .any(|a| a.subject == "day-3-infrastructure" && a.severity == Severity::Critical));
}

#[test]
fn schedule_projects_slip_from_measured_velocity() {
    let eval = seed().evaluate(at(SEED_NOW));
    let schedule = &eval.schedule;
    let velocity = schedule.velocity_per_day.expect("velocity");
    assert!((3.8..4.0).contains(&velocity), "{velocity}");
    let slip = schedule.slip_days.expect("slip");
    assert!((2.5..2.8).contains(&slip), "{slip}");
    assert_eq!(
        schedule.critical_path.first().map(String::as_str),
        Some("anthropic-sdk")
    );
    assert_eq!(
        schedule.critical_path.last().map(String::as_str),
        Some("coverage")
    );
    assert!(close(
        schedule.critical_path_days,
        0.25 + 1.0 + 1.8 + 1.5 + 1.5 + 3.0
    ));
}

#[test]
fn seed_alerts_name_stalls_blockers_and_gates() {
    let eval = seed().evaluate(at(SEED_NOW));
    let has = |subject: &str, severity: Severity| {
        eval.alerts
            .iter()
            .any(|a| a.subject == subject && a.severity == severity)
    };
    assert!(has("aiml", Severity::Critical), "AI/ML idle 30.75 h");
    assert!(has("devops", Severity::Warning));
    assert!(has("docker", Severity::Critical));
    assert!(has("redis-auth", Severity::Warning));
    assert!(
        !eval.alerts.iter().any(|a| a.subject == "anthropic-key"),
        "younger than the 2 h threshold"
    );
    assert!(has("day-3-infrastructure", Severity::Warning));
    assert!(
        has("conversations", Severity::Warning),
        "off target and needed by an at-risk gate"
    );
    assert!(
        !eval.alerts.iter().any(|a| a.subject == "testing"),
        "standby workstreams are not stalled"
    );
    assert!(eval
        .alerts
        .windows(2)
        .all(|w| w[0].severity >= w[1].severity));
}

#[test]
fn resolving_docker_unblocks_devops_and_moves_the_root_to_redis() {
    let mut tracker = seed();
    let now = at(SEED_NOW);
    tracker
        .apply(Update::ResolveBlocker {
            blocker: "docker".into(),
            at: now,
        })
        .expect("resolve");
    let eval = tracker.evaluate(now);
    assert_eq!(agent(&eval, "devops").blocked_by, None);
    let backend = agent(&eval, "backend");
    assert_eq!(
        (backend.blocked_by.as_deref(), backend.chain.len()),
        (Some("redis-auth"), 2)
    );
    assert!(blocker(&eval, "redis-auth").root_cause);
    assert_eq!(blocker(&eval, "docker").level, None);
    assert!(eval.ready_tasks.contains(&"docker-up".to_string()));

    for task in ["docker-up", "infra-health"] {
        tracker
            .apply_json(&format!(
                r#"{{"kind":"task","task":"{task}","progress":100}}"#
            ))
            .expect("task done");
    }
    let eval = tracker.evaluate(now);
    assert!(eval
        .handoffs
        .iter()
        .any(|h| h.id == "infra-ready" && h.fired));
    assert!(eval.ready_workstreams.contains(&"backend".to_string()));

    tracker
        .apply(Update::ResolveBlocker {
            blocker: "redis-auth".into(),
            at: now,
        })
        .expect("resolve");
    tracker
        .apply_json(r#"{"kind":"task","task":"claude-service","progress":100}"#)
        .expect("task");
    let day3 = tracker.evaluate(at("2025-09-06T09:00:00+05:30"));
    let infrastructure = gate(&day3, "day-3-infrastructure");
    assert_eq!(infrastructure.decision, GateDecision::NoGo);
    assert_eq!(
        infrastructure.failing.len(),
        2,
        "{:?}",
        infrastructure.failing
    );

    // "Stable" is three healthy checks in a row of both services before the gate.
    tracker.observe(checks(&[
        ("2025-09-06T02:00:00+05:30", true),
        ("2025-09-06T04:00:00+05:30", true),
        ("2025-09-06T06:00:00+05:30", true),
    ]));
    let day3 = tracker.evaluate(at("2025-09-06T09:00:00+05:30"));
    assert_eq!(
        gate(&day3, "day-3-infrastructure").decision,
        GateDecision::Go
    );
}

/// Runs of the monitor that checked Postgres and Redis, healthy or not, at each time.
fn checks(runs: &[(&str, bool)]) -> Vec<castmatch_progress::Run> {
    runs.iter()
        .map(|&(time, healthy)| castmatch_progress::Run {
            at: at(time),
            jobs: vec![castmatch_progress::Job::Health],
            readings: vec![],
            checks: ["postgres", "redis"]
                .iter()
                .map(|service| castmatch_progress::observations::Check {
                    service: service.to_string(),
                    healthy,
                    detail: if healthy {
                        "connected".into()
                    } else {
                        "connection refused".into()
                    },
                    millis: Some(0.3),
                })
                .collect(),
            outcome: None,
        })
        .collect()
}

#[test]
fn progress_updates_feed_history_and_bad_updates_change_nothing() {
    let mut tracker = seed();
    let update = r#"{"kind":"progress","agent":"aiml","at":"2025-09-05T01:40:00+05:30","progress":35,"status":"active"}"#;
    tracker.apply_json(update).expect("update");
    let eval = tracker.evaluate(at(SEED_NOW));
    assert!(close(agent(&eval, "aiml").hours_since_progress, 5.0 / 60.0));
    assert!(!eval.alerts.iter().any(|a| a.subject == "aiml"));

    let before = tracker.to_json();
    let err = tracker.apply_json(
        r#"{"kind":"progress","agent":"nobody","at":"2025-09-05T01:40:00+05:30","progress":5}"#,
    );
    assert_eq!(
        err.unwrap_err().to_string(),
        r#"change.agent: no agent "nobody""#
    );
    let err = tracker.apply(Update::Task {
        task: "grid".into(),
        progress: 101.0,
        at: None,
    });
    assert_eq!(
        err.unwrap_err().to_string(),
        "change.progress: must be 0 to 100, got 101"
    );
    assert!(tracker
        .apply_json(r#"{"kind":"metric","metric":"coverage"}"#)
        .is_err());
    assert_eq!(tracker.to_json(), before);
}

#[test]
fn seed_report_is_shaped_like_the_summary() {
    let report = seed().report(at(SEED_NOW));
    for expected in [
        "*Generated: 2025-09-05 01:45 +05:30 (Day 2 of 14)*",
        "**Agents**: 16 total (6 development + 10 design)",
        "**Current status**: 42% complete",
        "1. **🔴 Docker not running** - open 7.8 h, escalation: human",
        "| **DevOps** | development | 🔴 Critical | 60% | Docker/Redis setup | Docker not running (3 tasks) |",
        "Docker not running → Redis authentication failing → Backend API: Claude integration → Frontend: Frontend connection → Testing: E2E chat tests",
        "Backend API: Redis session store → AI/ML: AI memory system → Long-term memory → Advanced features",
        "- ⏳ Infrastructure ready → Backend notification (waiting on docker-up, infra-health)",
        "| 3 | Infrastructure stability gate | 2025-09-06 09:00 +05:30 | ⏳ PENDING | 0/7 | ⚠️ yes |",
        "- **NO-GO if**: Still blocked on Redis/Docker",
        "| 0-2h | agent-to-agent | Direct coordination | Share Redis fix |",
        "| 6h+ | human | Strategic decision | Scope adjustment |",
        "| Code coverage | >= 80 % | 12 % | - | typed into the plan | ❌ off target |",
        "(2.6 days late)",
        "## 📝 Next steps",
        "   - Docker not running: Start Docker Desktop",
    ] {
        assert!(report.contains(expected), "missing {expected:?} in\n{report}");
    }
}

#[test]
fn schema_file_matches_the_model() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/plan.schema.json");
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(path, json_schema()).expect("write schema");
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        on_disk,
        json_schema(),
        "run `UPDATE_SCHEMA=1 cargo test --test progress schema` to refresh docs/plan.schema.json"
    );
}

// ---- validation on generated and hand-made plans ----

fn minimal(agents: &str) -> String {
    format!(
        r#"{{"project":"p","start":"2025-09-03T09:00:00+05:30","target_days":14,"agents":[{agents}]}}"#
    )
}

fn agent_json(id: &str, depends_on: &[&str], tasks: &str) -> String {
    let deps: Vec<String> = depends_on.iter().map(|d| format!("{d:?}")).collect();
    format!(
        r#"{{"id":"{id}","name":"{id}","team":"development","status":"active","progress":10,"depends_on":[{}],"tasks":[{tasks}]}}"#,
        deps.join(",")
    )
}

fn error_of(text: &str) -> String {
    Tracker::from_json(text)
        .map(|_| ())
        .expect_err("should be rejected")
        .to_string()
}

#[test]
fn agent_cycle_is_named() {
    let text = minimal(
        &[
            agent_json("backend", &["frontend"], ""),
            agent_json("frontend", &["backend"], ""),
        ]
        .join(","),
    );
    let err = Tracker::from_json(&text).map(|_| ()).unwrap_err();
    assert!(matches!(&err, PlanError::Cycle(ids) if ids.len() == 3));
    let message = err.to_string();
    assert!(
        message == "dependency cycle: backend -> frontend -> backend"
            || message == "dependency cycle: frontend -> backend -> frontend",
        "{message}"
    );
}

#[test]
fn task_and_self_cycles_are_named() {
    let tasks = r#"{"id":"a","title":"a","estimate_days":1,"depends_on":["c"]},
                   {"id":"b","title":"b","estimate_days":1,"depends_on":["a"]},
                   {"id":"c","title":"c","estimate_days":1,"depends_on":["b"]}"#;
    let message = error_of(&minimal(&agent_json("x", &[], tasks)));
    assert!(message.starts_with("dependency cycle: "), "{message}");
    let ids: Vec<&str> = message
        .trim_start_matches("dependency cycle: ")
        .split(" -> ")
        .collect();
    assert_eq!(ids.len(), 4);
    assert_eq!(ids.first(), ids.last());
    let self_loop = error_of(&minimal(&agent_json("solo", &["solo"], "")));
    assert_eq!(self_loop, "dependency cycle: solo -> solo");
}

#[test]
fn missing_references_name_their_json_path() {
    let agents: Vec<String> = ["a", "b", "c"]
        .iter()
        .map(|id| agent_json(id, &[], ""))
        .collect();
    let text = minimal(&format!(
        "{},{}",
        agents.join(","),
        agent_json("d", &["a", "redis"], "")
    ));
    assert_eq!(
        error_of(&text),
        r#"agents[3].depends_on[1]: no agent "redis""#
    );

    let tasks = r#"{"id":"t","title":"t","estimate_days":1,"depends_on":["a"]}"#;
    let message = error_of(&minimal(&format!(
        "{},{}",
        agent_json("a", &[], ""),
        agent_json("b", &[], tasks)
    )));
    assert_eq!(message, r#"agents[1].tasks[0].depends_on[0]: no task "a""#);

    let text = minimal(&agent_json("a", &[], "")).replace(r#""agents""#, r#""blockers":[{"id":"x","title":"x","since":"2025-09-04T09:00:00+05:30","blocks":["ghost"]}],"gates":[{"id":"g","name":"g","day":3,"metrics_met":["speed"]}],"agents""#);
    let message = error_of(&text);
    assert!(
        message.contains(r#"blockers[0].blocks[0]: no agent, task or blocker "ghost""#),
        "{message}"
    );
    assert!(
        message.contains(r#"gates[0].metrics_met[0]: no metric "speed""#),
        "{message}"
    );
}

#[test]
fn ranges_duplicates_and_dates_are_rejected() {
    let over = minimal(&agent_json("a", &[], "")).replace(r#""progress":10"#, r#""progress":101"#);
    assert_eq!(
        error_of(&over),
        "agents[0].progress: must be 0 to 100, got 101"
    );

    let duplicate = minimal(&[agent_json("a", &[], ""), agent_json("a", &[], "")].join(","));
    assert_eq!(
        error_of(&duplicate),
        r#"agents[1].id: duplicate id "a" (first at agents[0].id)"#
    );

    let bad_date = minimal("").replace("2025-09-03T09:00:00+05:30", "2025-13-45 9am");
    assert!(
        error_of(&bad_date).starts_with("start: "),
        "{}",
        error_of(&bad_date)
    );

    let wrong_type =
        minimal(&agent_json("a", &[], "")).replace(r#""progress":10"#, r#""progress":"ten""#);
    assert!(
        error_of(&wrong_type).starts_with("agents[0].progress: invalid type"),
        "{}",
        error_of(&wrong_type)
    );

    assert!(error_of("{}").contains("missing field `project`"));
    assert!(error_of("not json").starts_with("(root): "));
    assert!(matches!(
        parse_time("yesterday"),
        Err(PlanError::BadTime(_))
    ));
}

#[test]
fn empty_plan_evaluates_to_zero_without_alerts() {
    let tracker = Tracker::from_json(&minimal("")).expect("empty plan is valid");
    let eval = tracker.evaluate(at("2025-09-05T01:45:00+05:30"));
    assert_eq!(eval.progress.overall, 0.0);
    assert!(eval.agents.is_empty() && eval.blocked.is_empty() && eval.alerts.is_empty());
    assert_eq!(eval.schedule.critical_path_days, 0.0);
    assert!(eval.schedule.critical_path.is_empty());
    assert!(tracker
        .report(at("2025-09-05T01:45:00+05:30"))
        .contains("0% complete"));
    assert!(serde_json::to_string(&eval).is_ok());
}

#[test]
fn generated_plans_are_valid_deterministic_and_round_trip() {
    let plan = generate::plan(2_000, 10_000, 7);
    assert_eq!(plan, generate::plan(2_000, 10_000, 7));
    let tracker = Tracker::new(plan).expect("generated plans are valid");
    let eval = tracker.evaluate(at("2025-09-05T01:45:00+05:30"));
    assert_eq!(eval.schedule.tasks.len(), 2_000);
    assert!(eval.schedule.critical_path_days > 0.0);
    assert!(!eval.blocked.is_empty());
    let reloaded = Tracker::from_json(&tracker.to_json()).expect("round trip");
    assert_eq!(reloaded.evaluate(at(SEED_NOW)), eval.clone());
    for (tasks, edges) in [(0, 0), (1, 5), (3, 100)] {
        let tracker = Tracker::new(generate::plan(tasks, edges, 1)).expect("tiny plans are valid");
        let _ = tracker.report(at(SEED_NOW));
    }
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    fn any_json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            "[a-z0-9:+\\-T]{0,12}".prop_map(Value::String),
            Just(Value::String("2025-09-04T18:00:00+05:30".into())),
        ];
        leaf.prop_recursive(3, 24, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map("[a-z_]{1,10}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    /// Replaces the value at a random path of `node` with `replacement`.
    fn mutate(node: &mut Value, path: &[usize], replacement: Value) {
        let Some((&step, rest)) = path.split_first() else {
            *node = replacement;
            return;
        };
        match node {
            Value::Array(items) if !items.is_empty() => {
                let i = step % items.len();
                mutate(&mut items[i], rest, replacement);
            }
            Value::Object(map) if !map.is_empty() => {
                let key = map
                    .keys()
                    .nth(step % map.len())
                    .cloned()
                    .unwrap_or_default();
                if let Some(child) = map.get_mut(&key) {
                    mutate(child, rest, replacement);
                }
            }
            _ => *node = replacement,
        }
    }

    fn exercise(text: &str) {
        if let Ok(mut tracker) = Tracker::from_json(text) {
            for now in [
                "2025-09-05T01:45:00+05:30",
                "1970-01-01T00:00:00Z",
                "2999-12-31T23:59:59-12:00",
            ] {
                let _ = tracker.report(at(now));
            }
            let _ = tracker.apply(Update::Task {
                task: "docker-up".into(),
                progress: 100.0,
                at: None,
            });
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn arbitrary_json_never_panics(value in any_json()) {
            exercise(&value.to_string());
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,64}") {
            exercise(&text);
        }

        #[test]
        fn mutated_seed_never_panics(path in prop::collection::vec(any::<usize>(), 0..6), replacement in any_json()) {
            let mut plan: Value = serde_json::from_str(&seed().to_json()).expect("seed json");
            mutate(&mut plan, &path, replacement);
            exercise(&plan.to_string());
        }
    }
}

#[test]
fn the_drawn_graph_points_rightwards_and_marks_blocking_and_critical() {
    let eval = seed().evaluate(at(SEED_NOW));
    let graph = &eval.graph;
    let node = |id: &str| {
        graph
            .nodes
            .iter()
            .find(|n| n.id == id)
            .unwrap_or_else(|| panic!("{id} drawn"))
    };
    assert!(!graph.edges.is_empty());
    for edge in &graph.edges {
        assert!(
            node(&edge.from).layer < node(&edge.to).layer,
            "{} -> {} does not point rightwards",
            edge.from,
            edge.to
        );
        let from = node(&edge.from);
        if from.kind == castmatch_progress::NodeKind::Blocker && from.active {
            assert!(
                edge.blocking,
                "an edge out of active blocker {} is blocking",
                from.id
            );
        }
    }
    // Every blocker and workstream is drawn; sources sit in the first column.
    assert_eq!(
        graph
            .nodes
            .iter()
            .filter(|n| n.kind != castmatch_progress::NodeKind::Task)
            .count(),
        eval.blockers.len() + eval.agents.len()
    );
    assert!(graph.nodes.iter().any(|n| n.layer == 0));
    // What is blocked and critical agrees with the rest of the evaluation.
    for item in &eval.blocked {
        let drawn = graph.nodes.iter().find(|n| n.id == item.id);
        if let Some(drawn) = drawn.filter(|n| n.kind != castmatch_progress::NodeKind::Blocker) {
            assert!(drawn.blocked, "{} is blocked", drawn.id);
        }
    }
    for id in &eval.schedule.critical_path {
        assert!(node(id).critical, "{id} is on the critical path");
    }
}

#[test]
fn a_task_in_no_relation_is_left_out_of_the_drawing() {
    let mut plan = seed().plan().clone();
    let agent = &mut plan.agents[0];
    let mut lonely = agent.tasks[0].clone();
    lonely.id = "lonely-task".into();
    lonely.title = "A task nothing depends on".into();
    lonely.depends_on.clear();
    agent.tasks.push(lonely);
    let before = seed().evaluate(at(SEED_NOW)).graph.hidden_tasks;
    let eval = Tracker::new(plan).unwrap().evaluate(at(SEED_NOW));
    assert!(eval.graph.nodes.iter().all(|n| n.id != "lonely-task"));
    assert_eq!(eval.graph.hidden_tasks, before + 1);
}

// ---- any moment: every figure is what the history says then ----

/// What the plan's history says an agent's progress and status were at `t`, computed here
/// independently of the tracker: the latest report at or before `t`.
fn reported_at(
    plan: &castmatch_progress::Plan,
    agent: &str,
    t: DateTime<FixedOffset>,
) -> (f64, Option<castmatch_progress::AgentStatus>) {
    let mut progress = (None, 0.0);
    let mut status = (None, None);
    for report in plan
        .history
        .iter()
        .filter(|r| r.agent == agent && r.at <= t)
    {
        if progress.0.is_none_or(|at| report.at >= at) {
            progress = (Some(report.at), report.progress);
        }
        if report.status.is_some() && status.0.is_none_or(|at| report.at >= at) {
            status = (Some(report.at), report.status);
        }
    }
    (progress.1, status.1)
}

#[test]
fn every_figure_is_replayed_from_the_history_at_the_start_mid_way_and_now() {
    let tracker = seed();
    let plan = tracker.plan();
    for (moment, day) in [
        ("2025-09-03T09:00:00+05:30", 1),
        ("2025-09-04T20:00:00+05:30", 2),
        (SEED_NOW, 2),
    ] {
        let eval = tracker.evaluate(at(moment));
        assert_eq!(eval.day, day, "{moment}");
        let (mut weighted, mut weights) = (0.0, 0.0);
        for agent in &plan.agents {
            let (progress, status) = reported_at(plan, &agent.id, at(moment));
            let view = crate::agent(&eval, &agent.id);
            assert!(
                close(view.progress, progress),
                "{} at {moment}: {} vs {progress}",
                agent.id,
                view.progress
            );
            assert_eq!(Some(view.status), status, "{} at {moment}", agent.id);
            weighted += agent.weight * progress;
            weights += agent.weight;
        }
        assert!(close(eval.progress.overall, weighted / weights), "{moment}");
    }
    // The delivery lead's case: day 1 no longer shows 42%, DevOps at 60% critical, or a finish
    // "4.9 days early" measured from progress that had not happened yet.
    let start = tracker.evaluate(at("2025-09-03T09:00:00+05:30"));
    let devops = agent(&start, "devops");
    assert_eq!(
        (devops.progress, devops.status),
        (40.0, castmatch_progress::AgentStatus::Active)
    );
    assert!(
        start.progress.overall < 42.0 - 5.0,
        "{}",
        start.progress.overall
    );
    assert_eq!(start.schedule.velocity_per_day, None);
    assert_eq!(start.schedule.projected_finish, None);
    let docker_up = start
        .schedule
        .tasks
        .iter()
        .find(|t| t.id == "docker-up")
        .unwrap();
    assert!(docker_up.progress < 50.0, "{}", docker_up.progress);
    // Mid-way, DevOps has turned critical (the 18:00 report) and the backend is still active.
    let mid = tracker.evaluate(at("2025-09-04T20:00:00+05:30"));
    assert_eq!(
        agent(&mid, "devops").status,
        castmatch_progress::AgentStatus::Critical
    );
    assert_eq!(
        agent(&mid, "backend").status,
        castmatch_progress::AgentStatus::Active
    );
    // Now: the seed summary's figures.
    let now = tracker.evaluate(at(SEED_NOW));
    assert!(close(now.progress.overall, 42.0));
    assert_eq!(
        agent(&now, "backend").status,
        castmatch_progress::AgentStatus::Blocked
    );
}

#[test]
fn a_report_for_a_past_moment_changes_that_moment_not_the_present() {
    let mut tracker = seed();
    let past = "2025-09-04T10:00:00+05:30";
    tracker
        .apply_json(&format!(
            r#"{{"kind":"progress","agent":"devops","at":"{past}","progress":50,"status":"active"}}"#
        ))
        .expect("report");
    assert_eq!(
        tracker.plan().agents[0].progress,
        60.0,
        "the latest report still holds"
    );
    assert_eq!(agent(&tracker.evaluate(at(past)), "devops").progress, 50.0);
    assert_eq!(
        agent(&tracker.evaluate(at(SEED_NOW)), "devops").progress,
        60.0
    );

    // A workstream with no history: its figure held from the start until the first report.
    let mut plan = seed().plan().clone();
    plan.history.retain(|r| r.agent != "brand");
    let mut tracker = Tracker::new(plan).unwrap();
    let before = agent(&tracker.evaluate(at("2025-09-03T12:00:00+05:30")), "brand").progress;
    tracker
        .apply_json(
            r#"{"kind":"progress","agent":"brand","at":"2025-09-05T01:00:00+05:30","progress":55}"#,
        )
        .expect("report");
    assert_eq!(
        agent(&tracker.evaluate(at("2025-09-03T12:00:00+05:30")), "brand").progress,
        before
    );
    assert_eq!(
        agent(&tracker.evaluate(at(SEED_NOW)), "brand").progress,
        55.0
    );

    // Task reports with a time join the task's history the same way.
    let mut tracker = seed();
    tracker
        .apply_json(
            r#"{"kind":"task","task":"grid","progress":90,"at":"2025-09-05T01:00:00+05:30"}"#,
        )
        .expect("task");
    let task = |eval: &Evaluation| {
        eval.schedule
            .tasks
            .iter()
            .find(|t| t.id == "grid")
            .unwrap()
            .progress
    };
    assert_eq!(task(&tracker.evaluate(at(SEED_NOW))), 90.0);
    assert_eq!(
        task(&tracker.evaluate(at("2025-09-05T00:00:00+05:30"))),
        35.0
    );
}

fn run_at(
    time: &str,
    readings: Vec<castmatch_progress::observations::Reading>,
    checks: &[(&str, bool, &str)],
) -> castmatch_progress::Run {
    castmatch_progress::Run {
        at: at(time),
        jobs: vec![castmatch_progress::Job::Health],
        readings,
        checks: checks
            .iter()
            .map(
                |&(service, healthy, detail)| castmatch_progress::observations::Check {
                    service: service.into(),
                    healthy,
                    detail: detail.into(),
                    millis: None,
                },
            )
            .collect(),
        outcome: None,
    }
}

#[test]
fn service_checks_raise_and_clear_the_blockers_they_decide() {
    let mut tracker = seed();
    tracker.observe([
        run_at(
            "2025-09-05T03:00:00+05:30",
            vec![],
            &[
                ("postgres", false, "connection refused"),
                ("redis", false, "connection refused"),
            ],
        ),
        run_at(
            "2025-09-05T05:00:00+05:30",
            vec![],
            &[
                ("postgres", true, "connected"),
                ("redis", false, "connection refused"),
            ],
        ),
        run_at(
            "2025-09-05T07:00:00+05:30",
            vec![],
            &[
                ("postgres", true, "connected"),
                ("redis", true, "connected"),
            ],
        ),
        run_at(
            "2025-09-05T11:00:00+05:30",
            vec![],
            &[
                ("postgres", true, "connected"),
                ("redis", false, "no answer within 2000 ms"),
            ],
        ),
    ]);
    let docker = |time: &str| blocker(&tracker.evaluate(at(time)), "docker").clone();
    // Before any check, the plan's own dates hold; a failing check keeps it open.
    assert!(docker(SEED_NOW).active);
    assert!(docker("2025-09-05T05:30:00+05:30").active);
    // Both pass at 07:00: "Docker not running" clears itself then, and devops is unblocked.
    let cleared = docker("2025-09-05T08:00:00+05:30");
    assert!(!cleared.active);
    assert_eq!(
        cleared.resolved_at.as_deref(),
        Some("2025-09-05T07:00:00+05:30")
    );
    assert_eq!(
        agent(&tracker.evaluate(at("2025-09-05T08:00:00+05:30")), "devops").blocked_by,
        None
    );
    // Redis fails at 11:00: open again, a new outage from that check.
    let again = docker("2025-09-05T11:30:00+05:30");
    assert!(again.active);
    assert_eq!(again.since, "2025-09-05T11:00:00+05:30");
    let eval = tracker.evaluate(at("2025-09-05T11:30:00+05:30"));
    let redis = eval.services.iter().find(|s| s.id == "redis").unwrap();
    assert_eq!(
        (redis.healthy, redis.healthy_streak, redis.stable),
        (Some(false), 0, false)
    );
    assert_eq!(redis.recent, [false, false, true, false]);
    assert!(eval
        .alerts
        .iter()
        .any(|a| a.subject == "redis" && a.message.contains("no answer within 2000 ms")));
    let postgres = eval.services.iter().find(|s| s.id == "postgres").unwrap();
    assert_eq!((postgres.healthy_streak, postgres.stable), (3, true));
}

#[test]
fn metrics_take_their_latest_reading_with_when_and_where() {
    use castmatch_progress::{observations::Reading, Quantity};
    let reading = |quantity, value| Reading {
        quantity,
        value,
        source: "http://127.0.0.1:9/metrics".into(),
    };
    let mut tracker = seed();
    tracker.observe([
        run_at(
            "2025-09-05T03:00:00+05:30",
            vec![
                reading(Quantity::FirstByteP95Seconds, 2.4),
                reading(Quantity::SuccessfulConversations, 2.0),
            ],
            &[],
        ),
        run_at(
            "2025-09-05T05:00:00+05:30",
            vec![
                reading(Quantity::FirstByteP95Seconds, 1.2),
                reading(Quantity::SuccessfulConversations, 6.0),
            ],
            &[],
        ),
    ]);
    let metric = |time: &str, id: &str| {
        tracker
            .evaluate(at(time))
            .metrics
            .into_iter()
            .find(|m| m.id == id)
            .unwrap()
    };
    let before = metric(SEED_NOW, "response-time");
    assert_eq!(
        (before.measured, before.measured_at.as_deref()),
        (None, None)
    );
    let coverage = metric(SEED_NOW, "coverage");
    assert_eq!(
        (coverage.measured, coverage.source.as_deref()),
        (Some(12.0), Some("typed into the plan"))
    );
    let later = metric("2025-09-05T06:00:00+05:30", "response-time");
    assert_eq!(later.measured, Some(1.2));
    assert!(later.met);
    assert_eq!(
        later.measured_at.as_deref(),
        Some("2025-09-05T05:00:00+05:30")
    );
    assert_eq!(later.source.as_deref(), Some("http://127.0.0.1:9/metrics"));
    assert_eq!(
        later.trend.iter().map(|p| p.value).collect::<Vec<_>>(),
        [2.4, 1.2]
    );
    let mid = metric("2025-09-05T04:00:00+05:30", "conversations");
    assert_eq!((mid.measured, mid.met), (Some(2.0), false));
    assert!(metric("2025-09-05T06:00:00+05:30", "conversations").met);

    // Entered on the dashboard: a reading with its time and "dashboard" as the source.
    tracker
        .apply_json(r#"{"kind":"metric","metric":"coverage","measured":64.5,"at":"2025-09-05T04:00:00+05:30"}"#)
        .expect("metric");
    let coverage = |time: &str| {
        tracker
            .evaluate(at(time))
            .metrics
            .into_iter()
            .find(|m| m.id == "coverage")
            .unwrap()
    };
    let later = coverage("2025-09-05T06:00:00+05:30");
    assert_eq!(
        (later.measured, later.source.as_deref()),
        (Some(64.5), Some("dashboard"))
    );
    assert_eq!(coverage("2025-09-05T03:00:00+05:30").measured, Some(12.0));
}

#[test]
fn a_damaged_measurements_log_is_refused_naming_the_line_and_the_old_log_kept() {
    let mut tracker = seed();
    let good = r#"{"at":"2025-09-05T03:00:00+05:30","jobs":["health"],"readings":[{"quantity":"successful_conversations","value":6,"source":"x"}]}"#;
    tracker.load_log(&format!("{good}\n\n")).expect("log");
    let bad = format!("{good}\n{{\"at\":\"2025-09-05T05:00:00+05:30\",\"readings\":[{{\"quantity\":\"speed\",\"value\":1}}]}}\n");
    let error = tracker.load_log(&bad).unwrap_err().to_string();
    assert!(error.starts_with("line 2: readings[0].quantity"), "{error}");
    assert_eq!(tracker.log().runs().len(), 1);
}

#[test]
fn a_monitor_run_writes_the_daily_rhythm() {
    let tracker = seed();
    use castmatch_progress::Job;
    let standup = tracker.run_report(
        at("2025-09-05T09:00:00+05:30"),
        &[Job::Health, Job::Standup],
    );
    for expected in [
        "## ☀️ Morning standup",
        "| **DevOps** | 40% | 60% (+20) | 60%; 60% (Docker not running: infrastructure offline) | Docker not running |",
        "| **AI/ML** | 30% | 30% (no change) | 30% (memory system waits on the Redis session store) |",
        "## 🩺 Service health",
        "| Postgres | `tcp://127.0.0.1:5432` | not checked |",
    ] {
        assert!(standup.contains(expected), "missing {expected:?} in\n{standup}");
    }
    let check = tracker.run_report(at("2025-09-05T13:00:00+05:30"), &[Job::DependencyCheck]);
    assert!(check.contains("- ⏳ Infrastructure ready → Backend notification → Backend API: waiting on Docker and Redis operational (50%, blocked)"), "{check}");
    assert!(check.contains("(through the critical path)"), "{check}");
    let review = tracker.run_report(at("2025-09-05T18:00:00+05:30"), &[Job::EveningReview]);
    assert!(
        review.contains("- 🚦 **Day 3 Infrastructure stability gate** due 2025-09-06 09:00 +05:30"),
        "{review}"
    );
    assert!(review.contains("**Start tomorrow**"), "{review}");
}
