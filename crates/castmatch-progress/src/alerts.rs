//! Alerts the monitor raises at `now`: stalled workstreams, blockers past the threshold, gates at
//! risk, metrics off target; each with a severity, most severe first.

use serde::Serialize;

use super::evaluate::{AgentView, BlockerView, Facts};
use super::gates::{metric_problem, GateDecision, GateView};
use super::plan::AgentStatus;
use super::validate::hours_between;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Critical,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    Stalled,
    Blocker,
    GateAtRisk,
    GateFailed,
    MetricOffTarget,
    ServiceDown,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Alert {
    pub kind: AlertKind,
    pub severity: Severity,
    /// The id of the agent, blocker, gate or metric concerned.
    pub subject: String,
    pub message: String,
}

pub(crate) fn raise(
    facts: &Facts,
    agents: &[AgentView],
    blockers: &[BlockerView],
    gates: &[GateView],
) -> Vec<Alert> {
    let mut alerts = Vec::new();
    stalled(facts, agents, &mut alerts);
    aged_blockers(facts, blockers, &mut alerts);
    gate_alerts(gates, &mut alerts);
    metrics_off_target(facts, gates, &mut alerts);
    services_down(facts, &mut alerts);
    alerts.sort_by_key(|alert| std::cmp::Reverse(alert.severity)); // stable: kind order stays
    alerts
}

fn stalled(facts: &Facts, agents: &[AgentView], alerts: &mut Vec<Alert>) {
    let limit = facts.plan.alert_rules.stall_hours;
    for agent in agents {
        let idle = agent.hours_since_progress;
        let expected_to_move = !matches!(agent.status, AgentStatus::Standby | AgentStatus::Done)
            && agent.progress < 100.0;
        if expected_to_move && idle >= limit {
            alerts.push(Alert {
                kind: AlertKind::Stalled,
                severity: if idle >= 2.0 * limit {
                    Severity::Critical
                } else {
                    Severity::Warning
                },
                subject: agent.id.clone(),
                message: format!(
                    "{} has made no progress for {idle:.1} h (at {:.0}%)",
                    agent.name, agent.progress
                ),
            });
        }
    }
}

fn aged_blockers(facts: &Facts, blockers: &[BlockerView], alerts: &mut Vec<Alert>) {
    let top_level = facts.plan.escalation.len().checked_sub(1);
    for blocker in blockers
        .iter()
        .filter(|b| b.active && b.age_hours >= facts.plan.alert_rules.blocker_hours)
    {
        let level = blocker.level.as_deref().unwrap_or("none");
        alerts.push(Alert {
            kind: AlertKind::Blocker,
            severity: if blocker.level_index.is_some() && blocker.level_index == top_level {
                Severity::Critical
            } else {
                Severity::Warning
            },
            subject: blocker.id.clone(),
            message: format!(
                "{} open {:.1} h, escalated to {level}",
                blocker.title, blocker.age_hours
            ),
        });
    }
}

fn gate_alerts(gates: &[GateView], alerts: &mut Vec<Alert>) {
    for gate in gates {
        let (kind, severity, message) = match gate.decision {
            GateDecision::NoGo => (
                AlertKind::GateFailed,
                Severity::Critical,
                format!("{} is NO-GO: {}", gate.name, gate.failing.join("; ")),
            ),
            GateDecision::Pending if gate.at_risk => (
                AlertKind::GateAtRisk,
                Severity::Warning,
                format!(
                    "{} (day {}) at risk: {}",
                    gate.name,
                    gate.day,
                    gate.risks.join("; ")
                ),
            ),
            _ => continue,
        };
        alerts.push(Alert {
            kind,
            severity,
            subject: gate.id.clone(),
            message,
        });
    }
}

/// Off target is informational until a gate that needs the metric is at risk or failed.
fn metrics_off_target(facts: &Facts, gates: &[GateView], alerts: &mut Vec<Alert>) {
    for metric in &facts.plan.metrics {
        // Measured and on target: no problem. Not measured: the gates say so, not an alert.
        let (Some(_), Some(problem)) = (metric.measured, metric_problem(metric)) else {
            continue;
        };
        let needed_by =
            |decision_matches: &dyn Fn(&GateView) -> bool| {
                facts.plan.gates.iter().zip(gates).any(|(gate, view)| {
                    gate.metrics_met.contains(&metric.id) && decision_matches(view)
                })
            };
        let severity = if needed_by(&|v| v.decision == GateDecision::NoGo) {
            Severity::Critical
        } else if needed_by(&|v| v.at_risk) {
            Severity::Warning
        } else {
            Severity::Info
        };
        alerts.push(Alert {
            kind: AlertKind::MetricOffTarget,
            severity,
            subject: metric.id.clone(),
            message: format!("{} {problem}", metric.name),
        });
    }
}

/// A service whose latest check failed; critical once down as long as the top escalation level.
fn services_down(facts: &Facts, alerts: &mut Vec<Alert>) {
    let top_hours = facts
        .plan
        .escalation
        .last()
        .map_or(f64::INFINITY, |l| l.after_hours);
    for (service, state) in facts.plan.services.iter().zip(facts.services) {
        let (Some(latest), Some(since)) = (state.recent.last(), state.down_since) else {
            continue;
        };
        let since_h = hours_between(facts.plan.start, since);
        let failing = state.recent.iter().rev().take_while(|c| !c.healthy).count();
        let since_text = facts.time_at(since_h).replace('T', " ");
        alerts.push(Alert {
            kind: AlertKind::ServiceDown,
            severity: if facts.now_h - since_h >= top_hours {
                Severity::Critical
            } else {
                Severity::Warning
            },
            subject: service.id.clone(),
            message: format!(
                "{} is down: {} (failing since {}, {failing} check{})",
                service.name,
                latest.detail,
                since_text.get(..16).unwrap_or(&since_text),
                if failing == 1 { "" } else { "s" }
            ),
        });
    }
}
