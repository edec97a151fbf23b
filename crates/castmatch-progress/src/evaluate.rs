//! One full evaluation of a plan at `now`: the shared facts every computation reads, and the
//! `Evaluation` that carries every figure (what the CLI prints as JSON and wasm returns).

use chrono::{DateTime, FixedOffset, SecondsFormat, TimeDelta};
use serde::Serialize;

use super::alerts::{self, Alert};
use super::blocking::{self, Blocking};
use super::drawing::{self, Drawing};
use super::escalation;
use super::gates::{self, GateView};
use super::handoffs::{self, HandoffView};
use super::observations::Log;
use super::plan::{AgentStatus, Comparison, EscalationLevel, Plan, Quantity, Team};
use super::replay::{self, MetricState, ServiceState};
use super::rollup::{self, TeamProgress, Timeline};
use super::schedule::{self, Cpm};
use super::validate::{hours_between, Index, Node};

/// Everything the dashboard shows, computed from the plan and `now`.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Evaluation {
    pub project: String,
    pub phase: String,
    pub now: String,
    /// Day 1 is the first 24 hours after the start.
    pub day: i64,
    pub elapsed_days: f64,
    pub target_days: u32,
    pub progress: ProgressSummary,
    pub agents: Vec<AgentView>,
    pub blockers: Vec<BlockerView>,
    /// Every blocked blocker, agent and task, with how it is blocked.
    pub blocked: Vec<BlockedItem>,
    /// Longest root-to-leaf blocking chains, longest first.
    pub chains: Vec<Chain>,
    pub chains_omitted: usize,
    pub schedule: Schedule,
    pub gates: Vec<GateView>,
    pub metrics: Vec<MetricView>,
    /// The plan's services as their checks up to `now` found them.
    pub services: Vec<ServiceView>,
    pub handoffs: Vec<HandoffView>,
    pub ready_workstreams: Vec<String>,
    /// Unfinished, unblocked tasks whose dependencies are done; critical first, then by slack.
    pub ready_tasks: Vec<String>,
    pub escalation: Vec<EscalationView>,
    pub alerts: Vec<Alert>,
    /// The dependency graph as the dashboard draws it.
    pub graph: Drawing,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ProgressSummary {
    /// Effort-weighted progress of all workstreams, 0-100.
    pub overall: f64,
    pub by_team: Vec<TeamProgress>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct AgentView {
    pub id: String,
    pub name: String,
    pub team: Team,
    pub status: AgentStatus,
    pub progress: f64,
    pub weight: f64,
    pub current_task: String,
    /// The whole workstream is blocked (not just some of its tasks).
    pub blocked: bool,
    pub blocked_tasks: usize,
    /// Root-cause blocker id, if the workstream or any of its tasks is blocked.
    pub blocked_by: Option<String>,
    /// The nearest active blocker on the chain (what the matrix shows).
    pub nearest_blocker: Option<String>,
    /// Ids from the root blocker to the agent (or to its first blocked task).
    pub chain: Vec<String>,
    pub hours_since_progress: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct BlockerView {
    pub id: String,
    pub title: String,
    pub active: bool,
    pub since: String,
    pub resolved_at: Option<String>,
    /// Hours open (until resolution, if resolved).
    pub age_hours: f64,
    /// Escalation level reached (active blockers only).
    pub level: Option<String>,
    pub level_index: Option<usize>,
    pub level_action: Option<String>,
    pub next_level: Option<String>,
    pub next_escalation_at: Option<String>,
    pub hours_to_next_escalation: Option<f64>,
    /// Not itself blocked by another active blocker.
    pub root_cause: bool,
    /// Nodes for which this is the nearest blocker.
    pub blocking_count: usize,
    pub blocked_agents: Vec<String>,
    pub action: String,
    /// Services whose checks decide this blocker.
    pub cleared_by: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum NodeKind {
    Blocker,
    Agent,
    Task,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct BlockedItem {
    pub id: String,
    pub kind: NodeKind,
    pub root: String,
    pub nearest: String,
    /// The node it is blocked through (absent for a root blocker).
    pub via: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Chain {
    pub ids: Vec<String>,
    pub labels: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Schedule {
    pub target_finish: String,
    pub days_to_target: f64,
    /// Overall progress gained per day over the velocity window.
    pub velocity_per_day: Option<f64>,
    /// When 100% is reached at the measured velocity (absent if no progress was measured).
    pub projected_finish: Option<String>,
    pub projected_day: Option<f64>,
    /// Days late (positive) or early (negative) against the target, by velocity.
    pub slip_days: Option<f64>,
    /// Days of remaining work along the critical path.
    pub critical_path_days: f64,
    pub critical_path_finish: String,
    pub critical_path_slip_days: f64,
    pub critical_path: Vec<String>,
    /// Least slack of any task against the target; negative means late.
    pub min_slack_days: Option<f64>,
    pub tasks: Vec<TaskView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TaskView {
    pub id: String,
    pub title: String,
    pub agent: String,
    pub progress: f64,
    pub done: bool,
    pub blocked: bool,
    pub ready: bool,
    pub remaining_days: f64,
    pub earliest_start_days: f64,
    pub earliest_finish_days: f64,
    pub slack_days: f64,
    pub critical: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct MetricView {
    pub id: String,
    pub name: String,
    pub unit: String,
    pub comparison: Comparison,
    pub target: f64,
    /// The value at `now`: the latest reading, else the value typed into the plan.
    pub measured: Option<f64>,
    pub met: bool,
    /// What the monitor measures for it.
    pub measure: Option<Quantity>,
    /// When the value was measured (absent for a value typed into the plan).
    pub measured_at: Option<String>,
    /// Where: the URL probed, the file read, "dashboard", or "typed into the plan".
    pub source: Option<String>,
    /// Readings up to `now`, oldest first (the last 30).
    pub trend: Vec<TrendPoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TrendPoint {
    pub at: String,
    pub value: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ServiceView {
    pub id: String,
    pub name: String,
    pub check: String,
    /// The latest check's verdict; absent if never checked by `now`.
    pub healthy: Option<bool>,
    pub checked_at: Option<String>,
    pub detail: String,
    pub millis: Option<f64>,
    /// Healthy checks in a row up to the latest.
    pub healthy_streak: usize,
    /// Healthy for `alert_rules.stable_checks` checks in a row.
    pub stable: bool,
    /// Failing since this check (absent while healthy).
    pub down_since: Option<String>,
    /// The latest checks, oldest first: true for healthy.
    pub recent: Vec<bool>,
    /// Blockers these checks decide.
    pub clears: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct EscalationView {
    pub level: String,
    pub after_hours: f64,
    pub until_hours: Option<f64>,
    pub action: String,
    pub example: String,
}

/// The facts every computation shares, computed once per evaluation.
pub(crate) struct Facts<'p> {
    pub plan: &'p Plan,
    pub services: &'p [ServiceState],
    pub index: &'p Index,
    pub now_h: f64,
    pub task_done: Vec<bool>,
    pub active: Vec<bool>,
    pub blocking: Blocking,
    pub cpm: Cpm,
}

impl Facts<'_> {
    pub fn time_at(&self, hours: f64) -> String {
        time_at(self.plan.start, hours)
    }

    pub fn task_number(&self, id: &str) -> Option<usize> {
        self.index
            .by_id
            .get(id)
            .and_then(|&n| self.index.task_number(n))
    }

    pub fn agent_number(&self, id: &str) -> Option<usize> {
        match self.index.by_id.get(id).map(|&n| self.index.node(n)) {
            Some(Node::Agent(a)) => Some(a),
            _ => None,
        }
    }

    pub fn blocker_number(&self, id: &str) -> Option<usize> {
        match self.index.by_id.get(id).map(|&n| self.index.node(n)) {
            Some(Node::Blocker(b)) => Some(b),
            _ => None,
        }
    }

    pub fn agent_wholly_blocked(&self, agent: usize) -> bool {
        self.blocking.reach[self.index.agent_node(agent) as usize].is_some()
    }

    /// Hours the blocker has been open at `now` (or was, until resolved).
    pub fn blocker_age(&self, blocker: usize) -> f64 {
        let b = &self.plan.blockers[blocker];
        let end = b.resolved_at.map_or(self.now_h, |r| {
            hours_between(self.plan.start, r).min(self.now_h)
        });
        (end - hours_between(self.plan.start, b.since)).max(0.0)
    }

    fn task_blocked(&self, task: usize) -> bool {
        self.blocking.reach[self.index.task_node(task) as usize].is_some()
    }
}

/// `start + hours`, in the start's offset, as RFC 3339 (clamped to what chrono can hold).
pub(crate) fn time_at(start: DateTime<FixedOffset>, hours: f64) -> String {
    let millis = (hours * 3_600_000.0).clamp(-1e15, 1e15) as i64;
    TimeDelta::try_milliseconds(millis)
        .and_then(|delta| start.checked_add_signed(delta))
        .unwrap_or(start)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

pub(crate) fn evaluate(
    plan: &Plan,
    index: &Index,
    log: &Log,
    now: DateTime<FixedOffset>,
) -> Evaluation {
    let moment = replay::at(plan, index, log, now);
    let plan: &Plan = &moment.plan;
    let now_h = hours_between(plan.start, now);
    let task_done: Vec<bool> = (0..index.tasks.len())
        .map(|t| index.task_of(plan, t).progress >= 100.0)
        .collect();
    let active: Vec<bool> = (0..index.blocker_count)
        .map(|b| blocking::is_active(plan, b, now_h))
        .collect();
    let blocking = blocking::compute(plan, index, &task_done, now_h);
    let days_to_target = (f64::from(plan.target_days) * 24.0 - now_h) / 24.0;
    let cpm = schedule::compute(plan, index, days_to_target);
    let facts = Facts {
        plan,
        services: &moment.services,
        index,
        now_h,
        task_done,
        active,
        blocking,
        cpm,
    };

    let timeline = Timeline::new(plan, &|id| facts.agent_number(id), now_h);
    let agents = agent_views(&facts, &timeline);
    let blockers = blocker_views(&facts, &agents);
    let gates: Vec<GateView> = plan
        .gates
        .iter()
        .map(|gate| gates::evaluate(&facts, gate))
        .collect();
    let handoffs = handoffs::evaluate(&facts);
    let alerts = alerts::raise(&facts, &agents, &blockers, &gates);
    let (chains, chains_omitted) = chains(&facts, 50);
    let velocity = rollup::velocity_per_day(plan, &timeline, now_h);
    let overall = rollup::overall(plan);
    Evaluation {
        project: plan.project.clone(),
        phase: plan.phase.clone(),
        now: now
            .with_timezone(&plan.start.timezone())
            .to_rfc3339_opts(SecondsFormat::Secs, false),
        day: (now_h / 24.0).floor() as i64 + 1,
        elapsed_days: now_h / 24.0,
        target_days: plan.target_days,
        progress: ProgressSummary {
            overall,
            by_team: rollup::by_team(plan),
        },
        ready_workstreams: handoffs::ready_workstreams(&facts, &handoffs),
        agents,
        blockers,
        blocked: blocked_items(&facts),
        chains,
        chains_omitted,
        schedule: schedule_view(&facts, overall, velocity, days_to_target),
        gates,
        metrics: metric_views(&facts, &moment.metrics),
        services: service_views(&facts),
        handoffs,
        ready_tasks: ready_tasks(&facts),
        escalation: escalation_views(&plan.escalation),
        alerts,
        graph: drawing::draw(&facts),
    }
}

fn agent_views(facts: &Facts, timeline: &Timeline) -> Vec<AgentView> {
    let (plan, index) = (facts.plan, facts.index);
    // The witness for a partly blocked agent is its first task reached: the oldest root's
    // shortest chain, so the matrix names the blocker to fix first.
    let mut first_blocked_task: Vec<Option<usize>> = vec![None; plan.agents.len()];
    let mut blocked_tasks = vec![0usize; plan.agents.len()];
    for t in facts
        .blocking
        .reached
        .iter()
        .filter_map(|&n| index.task_number(n))
    {
        let agent = index.tasks[t].0 as usize;
        blocked_tasks[agent] += 1;
        first_blocked_task[agent].get_or_insert(t);
    }
    let id = |node: u32| index.id_of(plan, node).to_string();
    plan.agents
        .iter()
        .enumerate()
        .map(|(a, agent)| {
            let agent_node = index.agent_node(a);
            let witness = if facts.agent_wholly_blocked(a) {
                Some(agent_node)
            } else {
                first_blocked_task[a].map(|t| index.task_node(t))
            };
            let reach = witness.and_then(|n| facts.blocking.reach[n as usize]);
            AgentView {
                id: agent.id.clone(),
                name: agent.name.clone(),
                team: agent.team,
                status: agent.status,
                progress: agent.progress,
                weight: agent.weight,
                current_task: agent.current_task.clone(),
                blocked: facts.agent_wholly_blocked(a),
                blocked_tasks: blocked_tasks[a],
                blocked_by: reach.map(|r| id(r.root)),
                nearest_blocker: reach.map(|r| id(r.nearest)),
                chain: witness
                    .map(|n| facts.blocking.chain_to(n).into_iter().map(id).collect())
                    .unwrap_or_default(), // not blocked: no chain
                hours_since_progress: (facts.now_h - timeline.last_change(a)).max(0.0),
            }
        })
        .collect()
}

fn blocker_views(facts: &Facts, agents: &[AgentView]) -> Vec<BlockerView> {
    let plan = facts.plan;
    let mut blocking_count = vec![0usize; plan.blockers.len()];
    let mut blocked_agents: Vec<Vec<String>> = vec![Vec::new(); plan.blockers.len()];
    for &node in &facts.blocking.reached {
        let Some(reach) = facts.blocking.reach[node as usize] else {
            continue;
        };
        if reach.nearest != node {
            blocking_count[reach.nearest as usize] += 1;
        }
    }
    // An agent is listed under the blocker the status matrix shows for it.
    for agent in agents {
        if let Some(b) = agent
            .nearest_blocker
            .as_deref()
            .and_then(|id| facts.blocker_number(id))
        {
            blocked_agents[b].push(agent.id.clone());
        }
    }
    let matrix = &plan.escalation;
    plan.blockers
        .iter()
        .enumerate()
        .map(|(b, blocker)| {
            let active = facts.active[b];
            let age = facts.blocker_age(b);
            let level = active.then(|| escalation::level_at(matrix, age)).flatten();
            let next = active
                .then(|| escalation::next_after(matrix, age))
                .flatten();
            let since_h = hours_between(plan.start, blocker.since);
            let reach = facts.blocking.reach[b];
            BlockerView {
                id: blocker.id.clone(),
                title: blocker.title.clone(),
                active,
                since: facts.time_at(since_h),
                resolved_at: blocker
                    .resolved_at
                    .map(|r| facts.time_at(hours_between(plan.start, r))),
                age_hours: age,
                level: level.map(|l| matrix[l].level.clone()),
                level_index: level,
                level_action: level.map(|l| matrix[l].action.clone()),
                next_level: next.map(|(l, _)| matrix[l].level.clone()),
                next_escalation_at: next.map(|(_, after)| facts.time_at(since_h + after)),
                hours_to_next_escalation: next.map(|(_, after)| after - age),
                root_cause: active && reach.is_some_and(|r| r.root as usize == b),
                blocking_count: blocking_count[b],
                blocked_agents: std::mem::take(&mut blocked_agents[b]),
                action: blocker.action.clone(),
                cleared_by: blocker.cleared_by.clone(),
            }
        })
        .collect()
}

fn blocked_items(facts: &Facts) -> Vec<BlockedItem> {
    let (plan, index) = (facts.plan, facts.index);
    let id = |node: u32| index.id_of(plan, node).to_string();
    facts
        .blocking
        .reached
        .iter()
        .filter_map(|&node| {
            let reach = facts.blocking.reach[node as usize]?;
            let kind = match index.node(node) {
                Node::Blocker(_) => NodeKind::Blocker,
                Node::Agent(_) => NodeKind::Agent,
                Node::Task(_) => NodeKind::Task,
            };
            let via = (reach.via != u32::MAX).then(|| id(reach.via));
            Some(BlockedItem {
                id: id(node),
                kind,
                root: id(reach.root),
                nearest: id(reach.nearest),
                via,
            })
        })
        .collect()
}

fn chains(facts: &Facts, limit: usize) -> (Vec<Chain>, usize) {
    let (plan, index) = (facts.plan, facts.index);
    let (paths, omitted) = facts.blocking.longest_chains(limit);
    let chains = paths
        .into_iter()
        .map(|path| {
            let mut previous_agent = None;
            let labels = path
                .iter()
                .map(|&node| {
                    let label = index.label_of(plan, node).to_string();
                    match index.node(node) {
                        Node::Task(t) => {
                            let agent = index.tasks[t].0;
                            let shown = if previous_agent == Some(agent) {
                                label
                            } else {
                                format!("{}: {label}", plan.agents[agent as usize].name)
                            };
                            previous_agent = Some(agent);
                            shown
                        }
                        Node::Agent(a) => {
                            previous_agent = Some(a as u32);
                            label
                        }
                        Node::Blocker(_) => label,
                    }
                })
                .collect();
            Chain {
                ids: path
                    .iter()
                    .map(|&n| index.id_of(plan, n).to_string())
                    .collect(),
                labels,
            }
        })
        .collect();
    (chains, omitted)
}

fn schedule_view(
    facts: &Facts,
    overall: f64,
    velocity: Option<f64>,
    days_to_target: f64,
) -> Schedule {
    let (plan, index, cpm) = (facts.plan, facts.index, &facts.cpm);
    let now_days = facts.now_h / 24.0;
    let target = f64::from(plan.target_days);
    let moving = velocity.filter(|v| *v > 1e-9);
    let projected_day = moving.map(|v| now_days + (100.0 - overall).max(0.0) / v);
    let ready = ready_flags(facts);
    let tasks = (0..index.tasks.len())
        .map(|t| {
            let task = index.task_of(plan, t);
            TaskView {
                id: task.id.clone(),
                title: task.title.clone(),
                agent: plan.agents[index.tasks[t].0 as usize].id.clone(),
                progress: task.progress,
                done: facts.task_done[t],
                blocked: facts.task_blocked(t),
                ready: ready[t],
                remaining_days: cpm.remaining[t],
                earliest_start_days: cpm.earliest_start[t],
                earliest_finish_days: cpm.earliest_finish[t],
                slack_days: cpm.slack[t],
                critical: !facts.task_done[t] && cpm.slack[t] - cpm.min_slack < 1e-9,
            }
        })
        .collect();
    Schedule {
        target_finish: facts.time_at(target * 24.0),
        days_to_target,
        velocity_per_day: velocity,
        projected_finish: projected_day.map(|d| facts.time_at(d * 24.0)),
        projected_day,
        slip_days: projected_day.map(|d| d - target),
        critical_path_days: cpm.length,
        critical_path_finish: facts.time_at(facts.now_h + cpm.length * 24.0),
        critical_path_slip_days: now_days + cpm.length - target,
        critical_path: cpm
            .critical_path
            .iter()
            .map(|&t| index.task_of(plan, t).id.clone())
            .collect(),
        min_slack_days: cpm.min_slack.is_finite().then_some(cpm.min_slack),
        tasks,
    }
}

fn ready_flags(facts: &Facts) -> Vec<bool> {
    let index = facts.index;
    (0..index.tasks.len())
        .map(|t| {
            let deps_done = index
                .predecessors
                .of(index.task_node(t))
                .iter()
                .filter_map(|&p| index.task_number(p))
                .all(|p| facts.task_done[p]);
            !facts.task_done[t] && !facts.task_blocked(t) && deps_done
        })
        .collect()
}

fn ready_tasks(facts: &Facts) -> Vec<String> {
    let ready = ready_flags(facts);
    let mut tasks: Vec<usize> = (0..ready.len()).filter(|&t| ready[t]).collect();
    tasks.sort_by(|&a, &b| {
        facts.cpm.slack[a]
            .total_cmp(&facts.cpm.slack[b])
            .then(a.cmp(&b))
    });
    tasks
        .into_iter()
        .map(|t| facts.index.task_of(facts.plan, t).id.clone())
        .collect()
}

fn metric_views(facts: &Facts, states: &[MetricState]) -> Vec<MetricView> {
    let time = |at: DateTime<FixedOffset>| at.with_timezone(&facts.plan.start.timezone());
    facts
        .plan
        .metrics
        .iter()
        .zip(states)
        .map(|(m, state)| MetricView {
            id: m.id.clone(),
            name: m.name.clone(),
            unit: m.unit.clone(),
            comparison: m.comparison,
            target: m.target,
            measured: m.measured,
            met: m.measured.is_some_and(|v| m.comparison.holds(v, m.target)),
            measure: m.measure,
            measured_at: state.measured_at.map(|at| rfc3339(time(at))),
            source: state.source.clone(),
            trend: state
                .trend
                .iter()
                .map(|&(at, value)| TrendPoint {
                    at: rfc3339(time(at)),
                    value,
                })
                .collect(),
        })
        .collect()
}

fn rfc3339(at: DateTime<FixedOffset>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Secs, false)
}

fn service_views(facts: &Facts) -> Vec<ServiceView> {
    let plan = facts.plan;
    let in_zone = |at: DateTime<FixedOffset>| rfc3339(at.with_timezone(&plan.start.timezone()));
    plan.services
        .iter()
        .zip(facts.services)
        .map(|(service, state)| {
            let latest = state.recent.last();
            ServiceView {
                id: service.id.clone(),
                name: service.name.clone(),
                check: service.check.clone(),
                healthy: latest.map(|c| c.healthy),
                checked_at: latest.map(|c| in_zone(c.at)),
                // Never checked (`healthy` is None): nothing to say yet.
                detail: latest.map(|c| c.detail.clone()).unwrap_or_default(),
                millis: latest.and_then(|c| c.millis),
                healthy_streak: state.healthy_streak,
                stable: state.healthy_streak >= plan.alert_rules.stable_checks as usize,
                down_since: state.down_since.map(in_zone),
                recent: state.recent.iter().map(|c| c.healthy).collect(),
                clears: plan
                    .blockers
                    .iter()
                    .filter(|b| b.cleared_by.contains(&service.id))
                    .map(|b| b.id.clone())
                    .collect(),
            }
        })
        .collect()
}

fn escalation_views(matrix: &[EscalationLevel]) -> Vec<EscalationView> {
    matrix
        .iter()
        .enumerate()
        .map(|(i, level)| EscalationView {
            level: level.level.clone(),
            after_hours: level.after_hours,
            until_hours: matrix.get(i + 1).map(|next| next.after_hours),
            action: level.action.clone(),
            example: level.example.clone(),
        })
        .collect()
}
