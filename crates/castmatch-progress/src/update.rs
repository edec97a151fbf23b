//! Status updates: a reported change (progress, task done, blocker raised or resolved, metric
//! measured) applied to a copy of the plan, so a bad update never leaves a half-changed plan.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::error::PlanError;
use super::plan::{AgentStatus, Blocker, Plan, ProgressReport};
use super::validate::{lookup, lookup_blocker, Index, Node};

/// One change, tagged by `kind`, e.g.
/// `{"kind": "resolve_blocker", "blocker": "docker", "at": "2025-09-05T03:00:00+05:30"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Update {
    /// A workstream reports progress; it is also appended to the history.
    Progress {
        agent: String,
        #[schemars(with = "String")]
        at: DateTime<FixedOffset>,
        progress: f64,
        #[serde(default)]
        status: Option<AgentStatus>,
        #[serde(default)]
        current_task: Option<String>,
        #[serde(default)]
        note: Option<String>,
    },
    /// A task's progress; 100 marks it done.
    Task {
        task: String,
        progress: f64,
    },
    ResolveBlocker {
        blocker: String,
        #[schemars(with = "String")]
        at: DateTime<FixedOffset>,
    },
    AddBlocker {
        blocker: Blocker,
    },
    Metric {
        metric: String,
        measured: f64,
    },
}

pub(crate) fn apply(plan: &Plan, index: &Index, change: Update) -> Result<Plan, PlanError> {
    let mut next = plan.clone();
    match change {
        Update::Progress {
            agent,
            at,
            progress,
            status,
            current_task,
            note,
        } => {
            check_percent(progress)?;
            let Node::Agent(a) = index.node(lookup(index, &agent, true, "change.agent")?) else {
                return Err(wrong_kind());
            };
            let target = &mut next.agents[a];
            target.progress = progress;
            if let Some(status) = status {
                target.status = status;
            }
            if let Some(current_task) = current_task {
                target.current_task = current_task;
            }
            next.history.push(ProgressReport {
                at,
                agent,
                progress,
                note,
            });
        }
        Update::Task { task, progress } => {
            check_percent(progress)?;
            let Node::Task(t) = index.node(lookup(index, &task, false, "change.task")?) else {
                return Err(wrong_kind());
            };
            let (a, position) = index.tasks[t];
            next.agents[a as usize].tasks[position as usize].progress = progress;
        }
        Update::ResolveBlocker { blocker, at } => {
            let b = lookup_blocker(index, &blocker, "change.blocker")?;
            next.blockers[b].resolved_at = Some(at);
        }
        Update::AddBlocker { blocker } => next.blockers.push(blocker),
        Update::Metric { metric, measured } => {
            let m = *index
                .metric_by_id
                .get(&metric)
                .ok_or_else(|| PlanError::at("change.metric", format!("no metric {metric:?}")))?;
            next.metrics[m].measured = Some(measured);
        }
    }
    Ok(next)
}

fn check_percent(progress: f64) -> Result<(), PlanError> {
    if progress.is_finite() && (0.0..=100.0).contains(&progress) {
        Ok(())
    } else {
        Err(PlanError::at(
            "change.progress",
            format!("must be 0 to 100, got {progress}"),
        ))
    }
}

/// `lookup` already checked the node's kind; this keeps the match total without a panic.
fn wrong_kind() -> PlanError {
    PlanError::at("change", "internal: id resolved to the wrong kind")
}
