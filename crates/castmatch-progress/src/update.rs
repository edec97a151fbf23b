//! Status updates: a reported change (progress, task done, blocker raised or resolved, metric
//! measured) applied to a copy of the plan, so a bad update never leaves a half-changed plan.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::error::PlanError;
use super::plan::{AgentStatus, Blocker, Measurement, Plan, ProgressReport, TaskReport};
use super::validate::{lookup, lookup_blocker, Index, Node};

/// One change, tagged by `kind`, e.g.
/// `{"kind": "resolve_blocker", "blocker": "docker", "at": "2025-09-05T03:00:00+05:30"}`.
/// Reports carry their time and go into the history, so a report for a past moment changes
/// what that moment shows, not what later reports say.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Update {
    /// A workstream reports progress (and optionally its status and current task).
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
    /// A task's progress; 100 marks it done. With `at`, it is reported in `task_history`.
    Task {
        task: String,
        progress: f64,
        #[serde(default)]
        #[schemars(with = "Option<String>")]
        at: Option<DateTime<FixedOffset>>,
    },
    ResolveBlocker {
        blocker: String,
        #[schemars(with = "String")]
        at: DateTime<FixedOffset>,
    },
    AddBlocker {
        blocker: Blocker,
    },
    /// A metric measured; with `at` it joins the metric's readings (`measurements`), without
    /// it the value is typed into the plan.
    Metric {
        metric: String,
        measured: f64,
        #[serde(default)]
        #[schemars(with = "Option<String>")]
        at: Option<DateTime<FixedOffset>>,
        #[serde(default)]
        source: Option<String>,
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
            keep_the_past(&mut next, a, status.is_some(), current_task.is_some(), at);
            let latest = next
                .history
                .iter()
                .filter(|r| r.agent == agent)
                .all(|r| r.at <= at);
            if latest {
                let target = &mut next.agents[a];
                target.progress = progress;
                if let Some(status) = status {
                    target.status = status;
                }
                if let Some(task) = &current_task {
                    target.current_task = task.clone();
                }
            }
            next.history.push(ProgressReport {
                at,
                agent,
                progress,
                status,
                current_task,
                note,
            });
        }
        Update::Task { task, progress, at } => {
            check_percent(progress)?;
            let Node::Task(t) = index.node(lookup(index, &task, false, "change.task")?) else {
                return Err(wrong_kind());
            };
            let (a, position) = index.tasks[t];
            let current = &mut next.agents[a as usize].tasks[position as usize];
            let Some(at) = at else {
                current.progress = progress;
                return Ok(next);
            };
            let before = current.progress;
            let reported: Vec<DateTime<FixedOffset>> = next
                .task_history
                .iter()
                .filter(|r| r.task == task)
                .map(|r| r.at)
                .collect();
            if reported.is_empty() {
                // The task's figure so far held from the start: say so, or the new report
                // would make every earlier moment read 0%.
                next.task_history.push(TaskReport {
                    at: plan.start.min(at),
                    task: task.clone(),
                    progress: before,
                });
            }
            if reported.iter().all(|&r| r <= at) {
                next.agents[a as usize].tasks[position as usize].progress = progress;
            }
            next.task_history.push(TaskReport { at, task, progress });
        }
        Update::ResolveBlocker { blocker, at } => {
            let b = lookup_blocker(index, &blocker, "change.blocker")?;
            next.blockers[b].resolved_at = Some(at);
        }
        Update::AddBlocker { blocker } => next.blockers.push(blocker),
        Update::Metric {
            metric,
            measured,
            at,
            source,
        } => {
            if !measured.is_finite() {
                return Err(PlanError::at("change.measured", "must be a finite number"));
            }
            let m = *index
                .metric_by_id
                .get(&metric)
                .ok_or_else(|| PlanError::at("change.metric", format!("no metric {metric:?}")))?;
            match at {
                Some(at) => next.measurements.push(Measurement {
                    metric,
                    value: measured,
                    at,
                    source: source.unwrap_or_else(|| "dashboard".into()),
                }),
                None => next.metrics[m].measured = Some(measured),
            }
        }
    }
    Ok(next)
}

/// Before a workstream's first report of a field, the plan's figure held from the start; the
/// history records that, so a new report does not rewrite the moments before it.
fn keep_the_past(plan: &mut Plan, a: usize, status: bool, task: bool, at: DateTime<FixedOffset>) {
    let agent = plan.agents[a].clone();
    let reports: Vec<usize> = (0..plan.history.len())
        .filter(|&r| plan.history[r].agent == agent.id)
        .collect();
    let Some(&first) = reports.iter().min_by_key(|&&r| plan.history[r].at) else {
        plan.history.push(ProgressReport {
            at: plan.start.min(at),
            agent: agent.id,
            progress: agent.progress,
            status: Some(agent.status),
            current_task: Some(agent.current_task),
            note: Some("the plan's figures before the first report".into()),
        });
        return;
    };
    let never =
        |field: fn(&ProgressReport) -> bool| reports.iter().all(|&r| !field(&plan.history[r]));
    let (no_status, no_task) = (
        never(|r| r.status.is_some()),
        never(|r| r.current_task.is_some()),
    );
    let first = &mut plan.history[first];
    if status && no_status {
        first.status = Some(agent.status);
    }
    if task && no_task {
        first.current_task = Some(agent.current_task);
    }
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
