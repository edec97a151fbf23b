//! Seeded synthetic plans of any size, for benchmarks (native and wasm) and property tests:
//! agents with tasks, random acyclic task dependencies, blockers, gates and metrics.

use chrono::{DateTime, FixedOffset, TimeDelta};
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

use super::plan::*;

/// A valid plan with `tasks` tasks and about `edges` task dependencies (edges only go from a
/// lower to a higher task number, so the graph is acyclic), spread over `tasks / 100` agents.
pub fn plan(tasks: usize, edges: usize, seed: u64) -> Plan {
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let start = DateTime::parse_from_rfc3339("2025-09-03T09:00:00+05:30")
        .unwrap_or_else(|_| DateTime::<FixedOffset>::default());
    let agent_count = (tasks / 100).clamp(1, 200);
    let mut agents: Vec<Agent> = (0..agent_count).map(|a| agent(a, &mut rng)).collect();
    let mut task_deps: Vec<Vec<String>> = vec![Vec::new(); tasks];
    for _ in 0..edges.min(tasks.saturating_mul(tasks.saturating_sub(1)) / 2) {
        let later = rng
            .random_range(1..tasks.max(2))
            .min(tasks.saturating_sub(1));
        // Mostly local edges, like real work breakdowns, so chains stay realistically long.
        let span = rng.random_range(1..=later.clamp(1, 200));
        task_deps[later].push(task_id(later - span));
    }
    for (t, depends_on) in task_deps.into_iter().enumerate() {
        let mut depends_on = depends_on;
        depends_on.sort();
        depends_on.dedup();
        let done = t < tasks / 5;
        agents[t % agent_count].tasks.push(Task {
            id: task_id(t),
            title: format!("Task {t}"),
            estimate_days: f64::from(rng.random_range(1..=8u32)) / 4.0,
            progress: if done {
                100.0
            } else {
                f64::from(rng.random_range(0..=3u32)) * 25.0
            },
            depends_on,
        });
    }
    let hours = |h: i64| start + TimeDelta::hours(h);
    let blockers = (0..agent_count.min(10))
        .map(|b| Blocker {
            id: format!("blocker-{b}"),
            title: format!("Blocker {b}"),
            since: hours(24 + b as i64),
            resolved_at: None,
            blocks: vec![task_id((b * 997 + tasks / 4) % tasks.max(1))]
                .into_iter()
                .filter(|_| tasks > 0)
                .collect(),
            action: String::new(),
            cleared_by: Vec::new(),
        })
        .collect();
    let metrics = vec![Metric {
        id: "latency".into(),
        name: "Response time".into(),
        unit: "s".into(),
        comparison: Comparison::Lt,
        target: 2.0,
        measured: Some(2.5),
        measure: Some(Quantity::FirstByteP95Seconds),
    }];
    let gates = [3u32, 5, 7, 14]
        .iter()
        .map(|&day| Gate {
            id: format!("day-{day}"),
            name: format!("Day {day} gate"),
            kind: CheckpointKind::Gate,
            day,
            go_if: String::new(),
            no_go_if: String::new(),
            tasks_done: (0..tasks.min(20))
                .map(|i| task_id((i * 31 + day as usize * 101) % tasks))
                .collect(),
            metrics_met: vec!["latency".into()],
            blockers_resolved: vec![],
            services_stable: vec![],
        })
        .collect();
    let history = (0..agent_count)
        .map(|a| ProgressReport {
            at: hours(30),
            agent: agent_id(a),
            progress: 20.0,
            status: None,
            current_task: None,
            note: None,
        })
        .collect();
    Plan {
        schema: None,
        project: format!("Generated plan ({tasks} tasks, {edges} edges, seed {seed})"),
        description: String::new(),
        phase: String::new(),
        start,
        target_days: 14,
        agents,
        blockers,
        gates,
        metrics,
        escalation: default_escalation(),
        handoffs: Vec::new(),
        history,
        alert_rules: AlertRules::default(),
        task_history: Vec::new(),
        services: Vec::new(),
        measurements: Vec::new(),
        rhythm: Rhythm::default(),
    }
}

fn agent(a: usize, rng: &mut Pcg64Mcg) -> Agent {
    Agent {
        id: agent_id(a),
        name: format!("Agent {a}"),
        team: if a % 3 == 0 {
            Team::Design
        } else {
            Team::Development
        },
        status: AgentStatus::Active,
        progress: f64::from(rng.random_range(0..=100u32)),
        current_task: String::new(),
        weight: f64::from(rng.random_range(1..=4u32)),
        depends_on: if a > 0 {
            vec![agent_id(a - 1)]
        } else {
            Vec::new()
        },
        tasks: Vec::new(),
    }
}

fn agent_id(a: usize) -> String {
    format!("agent-{a}")
}

fn task_id(t: usize) -> String {
    format!("t{t}")
}
