//! The plan as it stood at `now`: each workstream's progress, status and current task and each
//! task's progress from their reports, blockers decided by service checks, metrics from their
//! latest reading. Every other computation reads this replayed plan, so any moment shows what
//! the history says then, not the latest figures.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset};

use super::observations::Log;
use super::plan::{AgentStatus, Plan};
use super::validate::{Index, Node};

/// Points of a metric's trend line kept for the dashboard.
const TREND_POINTS: usize = 30;
/// Checks of a service kept for its strip of recent results.
const RECENT_CHECKS: usize = 12;

/// The replayed plan and what the evaluation shows beside it.
pub(crate) struct Moment<'p> {
    pub plan: Cow<'p, Plan>,
    /// Per plan metric, in order.
    pub metrics: Vec<MetricState>,
    /// Per plan service, in order.
    pub services: Vec<ServiceState>,
}

#[derive(Default)]
pub(crate) struct MetricState {
    pub measured_at: Option<DateTime<FixedOffset>>,
    pub source: Option<String>,
    /// Readings up to `now`, oldest first.
    pub trend: Vec<(DateTime<FixedOffset>, f64)>,
}

#[derive(Default)]
pub(crate) struct ServiceState {
    /// Checks up to `now`, oldest first (the last `RECENT_CHECKS`).
    pub recent: Vec<CheckAt>,
    /// Healthy checks in a row, up to the latest.
    pub healthy_streak: usize,
    /// The first failing check of the current run of failures.
    pub down_since: Option<DateTime<FixedOffset>>,
}

#[derive(Clone)]
pub(crate) struct CheckAt {
    pub at: DateTime<FixedOffset>,
    pub healthy: bool,
    pub detail: String,
    pub millis: Option<f64>,
}

pub(crate) fn at<'p>(
    plan: &'p Plan,
    index: &Index,
    log: &Log,
    now: DateTime<FixedOffset>,
) -> Moment<'p> {
    let checks = service_checks(plan, index, log, now);
    let unchanged = log.is_empty()
        && plan.measurements.is_empty()
        && plan.history.iter().all(|r| r.at <= now)
        && plan.task_history.iter().all(|r| r.at <= now);
    let mut moment = Moment {
        plan: Cow::Borrowed(plan),
        metrics: Vec::new(),
        services: checks.iter().map(|c| service_state(c)).collect(),
    };
    if !unchanged {
        let replayed = moment.plan.to_mut();
        replay_agents(replayed, index, now);
        replay_tasks(replayed, index, now);
        replay_blockers(replayed, index, &checks);
    }
    moment.metrics = replay_metrics(&mut moment.plan, log, now);
    moment
}

/// An item's value at `now` from reports that carry it: the plan's own value once every report
/// is in the past; before the first report, `initial`; else the latest report's.
struct Replayed<T> {
    last_reported: Option<DateTime<FixedOffset>>,
    at_now: Option<(DateTime<FixedOffset>, T)>,
}

impl<T: Clone> Replayed<T> {
    fn new() -> Self {
        Replayed {
            last_reported: None,
            at_now: None,
        }
    }

    fn report(&mut self, at: DateTime<FixedOffset>, value: &T, now: DateTime<FixedOffset>) {
        self.last_reported = Some(self.last_reported.map_or(at, |last| last.max(at)));
        // Ties: the later report in the file wins.
        if at <= now && self.at_now.as_ref().is_none_or(|(best, _)| at >= *best) {
            self.at_now = Some((at, value.clone()));
        }
    }

    fn value(self, current: &mut T, initial: T, now: DateTime<FixedOffset>) {
        match self.last_reported {
            Some(last) if now < last => {
                *current = self.at_now.map_or(initial, |(_, value)| value);
            }
            _ => {}
        }
    }
}

fn replay_agents(plan: &mut Plan, index: &Index, now: DateTime<FixedOffset>) {
    let count = plan.agents.len();
    let mut progress: Vec<Replayed<f64>> = (0..count).map(|_| Replayed::new()).collect();
    let mut status: Vec<Replayed<AgentStatus>> = (0..count).map(|_| Replayed::new()).collect();
    let mut task: Vec<Replayed<String>> = (0..count).map(|_| Replayed::new()).collect();
    for report in &plan.history {
        let Some(Node::Agent(a)) = index.by_id.get(&report.agent).map(|&n| index.node(n)) else {
            continue;
        };
        progress[a].report(report.at, &report.progress, now);
        if let Some(s) = &report.status {
            status[a].report(report.at, s, now);
        }
        if let Some(t) = &report.current_task {
            task[a].report(report.at, t, now);
        }
    }
    let replayed = progress.into_iter().zip(status).zip(task);
    for (agent, ((progress, status), task)) in plan.agents.iter_mut().zip(replayed) {
        progress.value(&mut agent.progress, 0.0, now);
        status.value(&mut agent.status, AgentStatus::Standby, now);
        task.value(&mut agent.current_task, String::new(), now);
    }
}

fn replay_tasks(plan: &mut Plan, index: &Index, now: DateTime<FixedOffset>) {
    let mut progress: Vec<Replayed<f64>> =
        (0..index.tasks.len()).map(|_| Replayed::new()).collect();
    for report in &plan.task_history {
        if let Some(t) = index
            .by_id
            .get(&report.task)
            .and_then(|&n| index.task_number(n))
        {
            progress[t].report(report.at, &report.progress, now);
        }
    }
    for (t, replayed) in progress.into_iter().enumerate() {
        let (agent, position) = index.tasks[t];
        let task = &mut plan.agents[agent as usize].tasks[position as usize];
        replayed.value(&mut task.progress, 0.0, now);
    }
}

/// Each service's checks up to `now`, oldest first.
fn service_checks(
    plan: &Plan,
    index: &Index,
    log: &Log,
    now: DateTime<FixedOffset>,
) -> Vec<Vec<CheckAt>> {
    let mut checks: Vec<Vec<CheckAt>> = vec![Vec::new(); plan.services.len()];
    for run in log.until(now) {
        for check in &run.checks {
            if let Some(&s) = index.service_by_id.get(&check.service) {
                checks[s].push(CheckAt {
                    at: run.at,
                    healthy: check.healthy,
                    detail: check.detail.clone(),
                    millis: check.millis,
                });
            }
        }
    }
    checks
}

fn service_state(checks: &[CheckAt]) -> ServiceState {
    let healthy_streak = checks.iter().rev().take_while(|c| c.healthy).count();
    let failing = checks.iter().rev().take_while(|c| !c.healthy).count();
    ServiceState {
        recent: checks[checks.len().saturating_sub(RECENT_CHECKS)..].to_vec(),
        healthy_streak,
        down_since: (failing > 0).then(|| checks[checks.len() - failing].at),
    }
}

/// A blocker `cleared_by` services follows their checks: resolved at the check where all of
/// them pass, open again (a new `since`) at a check where one fails.
fn replay_blockers(plan: &mut Plan, index: &Index, checks: &[Vec<CheckAt>]) {
    for blocker in plan
        .blockers
        .iter_mut()
        .filter(|b| !b.cleared_by.is_empty())
    {
        let services: Vec<usize> = blocker
            .cleared_by
            .iter()
            .filter_map(|id| index.service_by_id.get(id).copied())
            .collect();
        let mut moments: Vec<(DateTime<FixedOffset>, usize, bool)> = services
            .iter()
            .enumerate()
            .flat_map(|(i, &s)| checks[s].iter().map(move |c| (c.at, i, c.healthy)))
            .collect();
        moments.sort_by_key(|m| m.0);
        let mut latest: Vec<Option<bool>> = vec![None; services.len()];
        for (position, &(at, service, healthy)) in moments.iter().enumerate() {
            latest[service] = Some(healthy);
            // Checks of one run share a time: decide once all of them are in.
            if moments.get(position + 1).is_some_and(|next| next.0 == at) {
                continue;
            }
            let all_healthy = latest.iter().all(|h| *h == Some(true));
            let any_failing = latest.contains(&Some(false));
            let active = blocker.since <= at && blocker.resolved_at.is_none_or(|r| r > at);
            if all_healthy && active {
                blocker.resolved_at = Some(at);
            } else if any_failing && !active {
                blocker.since = at;
                blocker.resolved_at = None;
            }
        }
    }
}

/// Each metric's value at `now`: its latest reading (the monitor's, by the metric's `measure`,
/// or one entered into the plan), else the value typed into the plan.
fn replay_metrics(plan: &mut Cow<Plan>, log: &Log, now: DateTime<FixedOffset>) -> Vec<MetricState> {
    let mut states: Vec<MetricState> = Vec::with_capacity(plan.metrics.len());
    for metric in &plan.metrics {
        let mut series: Vec<(DateTime<FixedOffset>, f64, String)> = plan
            .measurements
            .iter()
            .filter(|m| m.metric == metric.id && m.at <= now)
            .map(|m| (m.at, m.value, m.source.clone()))
            .collect();
        if let Some(quantity) = metric.measure {
            for run in log.until(now) {
                for reading in run.readings.iter().filter(|r| r.quantity == quantity) {
                    series.push((run.at, reading.value, reading.source.clone()));
                }
            }
        }
        series.sort_by_key(|point| point.0);
        let latest = series.last().cloned();
        states.push(MetricState {
            measured_at: latest.as_ref().map(|l| l.0),
            source: match &latest {
                Some(l) => Some(l.2.clone()),
                None => metric.measured.map(|_| "typed into the plan".to_string()),
            },
            trend: series[series.len().saturating_sub(TREND_POINTS)..]
                .iter()
                .map(|p| (p.0, p.1))
                .collect(),
        });
    }
    let changed: Vec<(usize, f64)> = states
        .iter()
        .enumerate()
        .filter_map(|(m, s)| s.trend.last().map(|p| (m, p.1)))
        .filter(|&(m, value)| plan.metrics[m].measured != Some(value))
        .collect();
    if !changed.is_empty() {
        let metrics = &mut plan.to_mut().metrics;
        for (m, value) in changed {
            metrics[m].measured = Some(value);
        }
    }
    states
}
