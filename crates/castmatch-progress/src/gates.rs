//! Quality gates and milestones: GO, NO-GO or PENDING at `now`, every failing criterion named,
//! and whether a pending gate is at risk (projected late, or due soon with criteria failing).

use serde::Serialize;

use super::evaluate::Facts;
use super::plan::{CheckpointKind, Gate, Metric};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub enum GateDecision {
    #[serde(rename = "GO")]
    Go,
    #[serde(rename = "NO-GO")]
    NoGo,
    #[serde(rename = "PENDING")]
    Pending,
}

impl GateDecision {
    pub fn label(self) -> &'static str {
        match self {
            GateDecision::Go => "GO",
            GateDecision::NoGo => "NO-GO",
            GateDecision::Pending => "PENDING",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct GateView {
    pub id: String,
    pub name: String,
    pub kind: CheckpointKind,
    pub day: u32,
    pub due: String,
    /// GO when every criterion holds; NO-GO when the day has passed without; else PENDING.
    pub decision: GateDecision,
    pub criteria_total: usize,
    pub criteria_met: usize,
    pub failing: Vec<String>,
    pub at_risk: bool,
    pub risks: Vec<String>,
    pub go_if: String,
    pub no_go_if: String,
}

pub(crate) fn evaluate(facts: &Facts, gate: &Gate) -> GateView {
    let due_h = f64::from(gate.day) * 24.0;
    let failing = failing_criteria(facts, gate);
    let criteria_total = gate.tasks_done.len()
        + gate.metrics_met.len()
        + gate.blockers_resolved.len()
        + gate.services_stable.len();
    let decision = match (failing.is_empty(), facts.now_h >= due_h) {
        (true, _) => GateDecision::Go,
        (false, true) => GateDecision::NoGo,
        (false, false) => GateDecision::Pending,
    };
    let risks = if decision == GateDecision::Pending {
        risks(facts, gate, due_h, &failing)
    } else {
        Vec::new()
    };
    GateView {
        id: gate.id.clone(),
        name: gate.name.clone(),
        kind: gate.kind,
        day: gate.day,
        due: facts.time_at(due_h),
        decision,
        criteria_total,
        criteria_met: criteria_total - failing.len(),
        at_risk: !risks.is_empty(),
        failing,
        risks,
        go_if: gate.go_if.clone(),
        no_go_if: gate.no_go_if.clone(),
    }
}

fn failing_criteria(facts: &Facts, gate: &Gate) -> Vec<String> {
    let mut failing = Vec::new();
    for id in &gate.tasks_done {
        if let Some(t) = facts.task_number(id).filter(|&t| !facts.task_done[t]) {
            let task = facts.index.task_of(facts.plan, t);
            failing.push(format!(
                "task {id} ({}) not done: {:.0}%",
                task.title, task.progress
            ));
        }
    }
    for id in &gate.blockers_resolved {
        if let Some(b) = facts.blocker_number(id).filter(|&b| facts.active[b]) {
            let blocker = &facts.plan.blockers[b];
            failing.push(format!(
                "blocker {id} ({}) unresolved for {:.1} h",
                blocker.title,
                facts.blocker_age(b)
            ));
        }
    }
    for id in &gate.metrics_met {
        if let Some(metric) = facts
            .index
            .metric_by_id
            .get(id)
            .map(|&m| &facts.plan.metrics[m])
        {
            if let Some(problem) = metric_problem(metric) {
                failing.push(format!("metric {id} ({}) {problem}", metric.name));
            }
        }
    }
    let needed = facts.plan.alert_rules.stable_checks as usize;
    for id in &gate.services_stable {
        let Some((service, state)) = facts
            .index
            .service_by_id
            .get(id)
            .map(|&s| (&facts.plan.services[s], &facts.services[s]))
        else {
            continue;
        };
        if state.healthy_streak < needed {
            let seen = if state.recent.is_empty() {
                "never checked".to_string()
            } else {
                format!(
                    "{} of {needed} healthy checks in a row",
                    state.healthy_streak
                )
            };
            failing.push(format!(
                "service {id} ({}) not stable: {seen}",
                service.name
            ));
        }
    }
    failing
}

/// Why a metric is not met, e.g. "is 3.8 s, target < 2 s"; `None` when it is.
pub(crate) fn metric_problem(metric: &Metric) -> Option<String> {
    let target = format!(
        "target {} {}{}",
        metric.comparison.symbol(),
        metric.target,
        unit_suffix(&metric.unit)
    );
    match metric.measured {
        None => Some(format!("not measured, {target}")),
        Some(value) if !metric.comparison.holds(value, metric.target) => {
            Some(format!("is {value}{}, {target}", unit_suffix(&metric.unit)))
        }
        Some(_) => None,
    }
}

fn unit_suffix(unit: &str) -> String {
    match unit {
        "" => String::new(),
        "%" => "%".into(),
        unit => format!(" {unit}"),
    }
}

fn risks(facts: &Facts, gate: &Gate, due_h: f64, failing: &[String]) -> Vec<String> {
    let mut risks = Vec::new();
    let days_left = (due_h - facts.now_h) / 24.0;
    for id in &gate.tasks_done {
        let Some(t) = facts.task_number(id).filter(|&t| !facts.task_done[t]) else {
            continue;
        };
        let finish = facts.cpm.earliest_finish[t];
        if finish > days_left {
            risks.push(format!(
                "task {id} projected {:.1} days late",
                finish - days_left
            ));
        }
    }
    if due_h - facts.now_h <= facts.plan.alert_rules.gate_horizon_hours && !failing.is_empty() {
        risks.push(format!(
            "due in {:.1} h with {} failing criteria",
            due_h - facts.now_h,
            failing.len()
        ));
    }
    risks
}
