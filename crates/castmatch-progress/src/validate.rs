//! Validation: checks ranges, dates, unique ids and every reference (reporting JSON paths), then
//! compiles the plan into the indexed graph the computations use, or names the cycle.

use std::collections::HashMap;

use super::error::{Issue, PlanError};
use super::graph::{topological_order, Csr};
use super::plan::Plan;

/// Upper bound on any duration in days, so time arithmetic can never overflow.
const MAX_DAYS: f64 = 36_500.0;

/// A node of the plan graph: blockers first, then agents, then tasks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Node {
    Blocker(usize),
    Agent(usize),
    Task(usize),
}

/// The plan compiled for computation: dense node numbers, adjacency both ways, an order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    pub blocker_count: usize,
    pub agent_count: usize,
    /// Flat task number -> (agent, position in that agent's `tasks`).
    pub tasks: Vec<(u32, u32)>,
    /// Edges upstream -> downstream: blocker -> what it blocks, dependency -> dependant,
    /// agent -> its own tasks (a blocked workstream blocks its work).
    pub successors: Csr,
    pub predecessors: Csr,
    /// Every node, each after all its predecessors.
    pub order: Vec<u32>,
    pub by_id: HashMap<String, u32>,
    pub metric_by_id: HashMap<String, usize>,
    pub service_by_id: HashMap<String, usize>,
}

impl Index {
    pub fn node_count(&self) -> usize {
        self.blocker_count + self.agent_count + self.tasks.len()
    }

    pub fn node(&self, number: u32) -> Node {
        let n = number as usize;
        if n < self.blocker_count {
            Node::Blocker(n)
        } else if n < self.blocker_count + self.agent_count {
            Node::Agent(n - self.blocker_count)
        } else {
            Node::Task(n - self.blocker_count - self.agent_count)
        }
    }

    pub fn agent_node(&self, agent: usize) -> u32 {
        (self.blocker_count + agent) as u32
    }

    pub fn task_node(&self, task: usize) -> u32 {
        (self.blocker_count + self.agent_count + task) as u32
    }

    pub fn task_number(&self, node: u32) -> Option<usize> {
        match self.node(node) {
            Node::Task(t) => Some(t),
            _ => None,
        }
    }

    pub fn task_of<'p>(&self, plan: &'p Plan, task: usize) -> &'p super::plan::Task {
        let (agent, position) = self.tasks[task];
        &plan.agents[agent as usize].tasks[position as usize]
    }

    pub fn id_of<'p>(&self, plan: &'p Plan, node: u32) -> &'p str {
        match self.node(node) {
            Node::Blocker(b) => &plan.blockers[b].id,
            Node::Agent(a) => &plan.agents[a].id,
            Node::Task(t) => &self.task_of(plan, t).id,
        }
    }

    /// A readable label: blocker title, agent name, or task title.
    pub fn label_of<'p>(&self, plan: &'p Plan, node: u32) -> &'p str {
        match self.node(node) {
            Node::Blocker(b) => &plan.blockers[b].title,
            Node::Agent(a) => &plan.agents[a].name,
            Node::Task(t) => &self.task_of(plan, t).title,
        }
    }
}

/// Validates `plan` and compiles its index, or explains everything wrong with it.
pub(crate) fn compile(plan: &Plan) -> Result<Index, PlanError> {
    let mut issues = Vec::new();
    check_ranges(plan, &mut issues);
    let index = number_nodes(plan, &mut issues);
    let edges = collect_edges(plan, &index, &mut issues);
    if !issues.is_empty() {
        return Err(PlanError::Invalid(issues));
    }
    link(plan, index, &edges)
}

fn check_ranges(plan: &Plan, issues: &mut Vec<Issue>) {
    let mut fail = |path: String, message: String| issues.push(Issue { path, message });
    if plan.target_days == 0 || f64::from(plan.target_days) > MAX_DAYS {
        fail(
            "target_days".into(),
            format!("must be 1 to {MAX_DAYS}, got {}", plan.target_days),
        );
    }
    for (a, agent) in plan.agents.iter().enumerate() {
        if let Some(message) = percent_problem(agent.progress) {
            fail(format!("agents[{a}].progress"), message);
        }
        if !(agent.weight.is_finite() && agent.weight >= 0.0) {
            fail(
                format!("agents[{a}].weight"),
                format!("must be a number >= 0, got {}", agent.weight),
            );
        }
        for (t, task) in agent.tasks.iter().enumerate() {
            if let Some(message) = percent_problem(task.progress) {
                fail(format!("agents[{a}].tasks[{t}].progress"), message);
            }
            if !(task.estimate_days.is_finite() && (0.0..=MAX_DAYS).contains(&task.estimate_days)) {
                let got = task.estimate_days;
                fail(
                    format!("agents[{a}].tasks[{t}].estimate_days"),
                    format!("must be 0 to {MAX_DAYS}, got {got}"),
                );
            }
        }
    }
    for (b, blocker) in plan.blockers.iter().enumerate() {
        if blocker
            .resolved_at
            .is_some_and(|resolved| resolved < blocker.since)
        {
            fail(
                format!("blockers[{b}].resolved_at"),
                "is before `since`".into(),
            );
        }
        if hours_between(plan.start, blocker.since).abs() > MAX_DAYS * 24.0 {
            fail(
                format!("blockers[{b}].since"),
                "is more than a century from the plan's start".into(),
            );
        }
    }
    for (g, gate) in plan.gates.iter().enumerate() {
        if f64::from(gate.day) > MAX_DAYS {
            fail(
                format!("gates[{g}].day"),
                format!("must be at most {MAX_DAYS}"),
            );
        }
    }
    for (m, metric) in plan.metrics.iter().enumerate() {
        if !metric.target.is_finite() || metric.measured.is_some_and(|v| !v.is_finite()) {
            fail(
                format!("metrics[{m}]"),
                "target and measured must be finite numbers".into(),
            );
        }
    }
    let mut previous = f64::NEG_INFINITY;
    for (e, level) in plan.escalation.iter().enumerate() {
        if !(level.after_hours.is_finite()
            && level.after_hours >= 0.0
            && level.after_hours > previous)
        {
            fail(
                format!("escalation[{e}].after_hours"),
                "must be >= 0 and ascending".into(),
            );
        }
        previous = level.after_hours;
    }
    for (h, report) in plan.history.iter().enumerate() {
        if let Some(message) = percent_problem(report.progress) {
            fail(format!("history[{h}].progress"), message);
        }
        if hours_between(plan.start, report.at).abs() > MAX_DAYS * 24.0 {
            fail(
                format!("history[{h}].at"),
                "is more than a century from the plan's start".into(),
            );
        }
    }
    check_observation_ranges(plan, &mut fail);
    let rules = &plan.alert_rules;
    for (name, value) in [
        ("stall_hours", rules.stall_hours),
        ("blocker_hours", rules.blocker_hours),
        ("gate_horizon_hours", rules.gate_horizon_hours),
        ("velocity_window_hours", rules.velocity_window_hours),
    ] {
        if !(value.is_finite() && value > 0.0 && value <= MAX_DAYS * 24.0) {
            fail(
                format!("alert_rules.{name}"),
                format!("must be a positive number of hours, got {value}"),
            );
        }
    }
}

/// Task reports, entered measurements, services and the rhythm.
fn check_observation_ranges(plan: &Plan, fail: &mut impl FnMut(String, String)) {
    for (r, report) in plan.task_history.iter().enumerate() {
        if let Some(message) = percent_problem(report.progress) {
            fail(format!("task_history[{r}].progress"), message);
        }
        if hours_between(plan.start, report.at).abs() > MAX_DAYS * 24.0 {
            let message = "is more than a century from the plan's start";
            fail(format!("task_history[{r}].at"), message.into());
        }
    }
    for (m, measurement) in plan.measurements.iter().enumerate() {
        if !measurement.value.is_finite() {
            fail(
                format!("measurements[{m}].value"),
                "must be a finite number".into(),
            );
        }
    }
    for (s, service) in plan.services.iter().enumerate() {
        if let Err(message) = crate::services::parse_check(&service.check) {
            fail(format!("services[{s}].check"), message);
        }
        if !(1..=600_000).contains(&service.timeout_ms) {
            let message = format!("must be 1 to 600000 ms, got {}", service.timeout_ms);
            fail(format!("services[{s}].timeout_ms"), message);
        }
    }
    let rhythm = &plan.rhythm;
    for (name, hours) in [
        ("health_hours", rhythm.health_hours),
        ("progress_hours", rhythm.progress_hours),
        ("escalation_hours", rhythm.escalation_hours),
    ] {
        if !(hours.is_finite() && hours > 0.0 && hours <= MAX_DAYS * 24.0) {
            let message = format!("must be a positive number of hours, got {hours}");
            fail(format!("rhythm.{name}"), message);
        }
    }
    for (name, time) in [
        ("standup", &rhythm.standup),
        ("dependency_check", &rhythm.dependency_check),
        ("evening_review", &rhythm.evening_review),
    ] {
        if crate::cadence::time_of_day(time).is_none() {
            let message = format!("must be a time of day as HH:MM, got {time:?}");
            fail(format!("rhythm.{name}"), message);
        }
    }
    if plan.alert_rules.stable_checks == 0 {
        let message = "must be at least 1".to_string();
        fail("alert_rules.stable_checks".into(), message);
    }
}

fn percent_problem(value: f64) -> Option<String> {
    (!(value.is_finite() && (0.0..=100.0).contains(&value)))
        .then(|| format!("must be 0 to 100, got {value}"))
}

pub(crate) fn hours_between(
    from: chrono::DateTime<chrono::FixedOffset>,
    to: chrono::DateTime<chrono::FixedOffset>,
) -> f64 {
    (to - from).num_milliseconds() as f64 / 3_600_000.0
}

/// Numbers blockers, agents and tasks, and records ids; ids share one namespace.
fn number_nodes(plan: &Plan, issues: &mut Vec<Issue>) -> Index {
    let mut index = Index {
        blocker_count: plan.blockers.len(),
        agent_count: plan.agents.len(),
        ..Index::default()
    };
    let mut first_seen: HashMap<String, String> = HashMap::new();
    let mut claim = |id: &str, path: String, number: u32, index: &mut Index| {
        if id.trim().is_empty() {
            issues.push(Issue {
                path,
                message: "id must not be empty".into(),
            });
        } else if let Some(first) = first_seen.get(id) {
            issues.push(Issue {
                path,
                message: format!("duplicate id {id:?} (first at {first})"),
            });
        } else {
            first_seen.insert(id.to_string(), path);
            index.by_id.insert(id.to_string(), number);
        }
    };
    for (b, blocker) in plan.blockers.iter().enumerate() {
        claim(
            &blocker.id,
            format!("blockers[{b}].id"),
            b as u32,
            &mut index,
        );
    }
    for (a, agent) in plan.agents.iter().enumerate() {
        let number = index.agent_node(a);
        claim(&agent.id, format!("agents[{a}].id"), number, &mut index);
    }
    for (a, agent) in plan.agents.iter().enumerate() {
        for (t, task) in agent.tasks.iter().enumerate() {
            index.tasks.push((a as u32, t as u32));
            let number = index.task_node(index.tasks.len() - 1);
            claim(
                &task.id,
                format!("agents[{a}].tasks[{t}].id"),
                number,
                &mut index,
            );
        }
    }
    check_unique(plan.gates.iter().map(|g| g.id.as_str()), "gates", issues);
    check_unique(
        plan.handoffs.iter().map(|h| h.id.as_str()),
        "handoffs",
        issues,
    );
    check_unique(
        plan.metrics.iter().map(|m| m.id.as_str()),
        "metrics",
        issues,
    );
    check_unique(
        plan.services.iter().map(|s| s.id.as_str()),
        "services",
        issues,
    );
    index.service_by_id = plan
        .services
        .iter()
        .enumerate()
        .map(|(s, service)| (service.id.clone(), s))
        .collect();
    index.metric_by_id = plan
        .metrics
        .iter()
        .enumerate()
        .map(|(m, metric)| (metric.id.clone(), m))
        .collect();
    index
}

fn check_unique<'a>(ids: impl Iterator<Item = &'a str>, list: &str, issues: &mut Vec<Issue>) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.enumerate() {
        if let Some(first) = seen.insert(id, i) {
            let message = format!("duplicate id {id:?} (first at {list}[{first}].id)");
            issues.push(Issue {
                path: format!("{list}[{i}].id"),
                message,
            });
        }
    }
}

/// What a reference may point at, for lookup and for the error message.
#[derive(Clone, Copy)]
enum Wanted {
    Agent,
    Task,
    Blocker,
    Any,
}

impl Wanted {
    fn accepts(self, node: Node) -> bool {
        matches!(
            (self, node),
            (Wanted::Any, _)
                | (Wanted::Agent, Node::Agent(_))
                | (Wanted::Task, Node::Task(_))
                | (Wanted::Blocker, Node::Blocker(_))
        )
    }

    fn noun(self) -> &'static str {
        match self {
            Wanted::Agent => "agent",
            Wanted::Task => "task",
            Wanted::Blocker => "blocker",
            Wanted::Any => "agent, task or blocker",
        }
    }
}

fn resolve(
    index: &Index,
    id: &str,
    wanted: Wanted,
    path: String,
    issues: &mut Vec<Issue>,
) -> Option<u32> {
    match index.by_id.get(id) {
        Some(&node) if wanted.accepts(index.node(node)) => Some(node),
        _ => {
            issues.push(Issue {
                path,
                message: format!("no {} {id:?}", wanted.noun()),
            });
            None
        }
    }
}

/// Resolves every reference; graph edges are returned, dangling ones reported.
fn collect_edges(plan: &Plan, index: &Index, issues: &mut Vec<Issue>) -> Vec<(u32, u32)> {
    let mut edges = Vec::new();
    for (b, blocker) in plan.blockers.iter().enumerate() {
        for (j, id) in blocker.blocks.iter().enumerate() {
            if let Some(target) = resolve(
                index,
                id,
                Wanted::Any,
                format!("blockers[{b}].blocks[{j}]"),
                issues,
            ) {
                edges.push((b as u32, target));
            }
        }
    }
    let mut task_number = 0;
    for (a, agent) in plan.agents.iter().enumerate() {
        let agent_node = index.agent_node(a);
        for (j, id) in agent.depends_on.iter().enumerate() {
            if let Some(upstream) = resolve(
                index,
                id,
                Wanted::Agent,
                format!("agents[{a}].depends_on[{j}]"),
                issues,
            ) {
                edges.push((upstream, agent_node));
            }
        }
        for (t, task) in agent.tasks.iter().enumerate() {
            let task_node = index.task_node(task_number);
            task_number += 1;
            edges.push((agent_node, task_node));
            for (j, id) in task.depends_on.iter().enumerate() {
                let path = format!("agents[{a}].tasks[{t}].depends_on[{j}]");
                if let Some(upstream) = resolve(index, id, Wanted::Task, path, issues) {
                    edges.push((upstream, task_node));
                }
            }
        }
    }
    check_gate_and_handoff_references(plan, index, issues);
    edges
}

fn check_gate_and_handoff_references(plan: &Plan, index: &Index, issues: &mut Vec<Issue>) {
    for (g, gate) in plan.gates.iter().enumerate() {
        for (j, id) in gate.tasks_done.iter().enumerate() {
            resolve(
                index,
                id,
                Wanted::Task,
                format!("gates[{g}].tasks_done[{j}]"),
                issues,
            );
        }
        for (j, id) in gate.blockers_resolved.iter().enumerate() {
            resolve(
                index,
                id,
                Wanted::Blocker,
                format!("gates[{g}].blockers_resolved[{j}]"),
                issues,
            );
        }
        for (j, id) in gate.metrics_met.iter().enumerate() {
            if !index.metric_by_id.contains_key(id) {
                issues.push(Issue {
                    path: format!("gates[{g}].metrics_met[{j}]"),
                    message: format!("no metric {id:?}"),
                });
            }
        }
    }
    check_observation_references(plan, index, issues);
    for (h, handoff) in plan.handoffs.iter().enumerate() {
        for (j, id) in handoff.after.iter().enumerate() {
            resolve(
                index,
                id,
                Wanted::Task,
                format!("handoffs[{h}].after[{j}]"),
                issues,
            );
        }
        for (j, id) in handoff.notify.iter().enumerate() {
            resolve(
                index,
                id,
                Wanted::Agent,
                format!("handoffs[{h}].notify[{j}]"),
                issues,
            );
        }
    }
    for (r, report) in plan.history.iter().enumerate() {
        resolve(
            index,
            &report.agent,
            Wanted::Agent,
            format!("history[{r}].agent"),
            issues,
        );
    }
}

/// Services named by blockers and gates, tasks of task reports, metrics of measurements.
fn check_observation_references(plan: &Plan, index: &Index, issues: &mut Vec<Issue>) {
    let mut service = |id: &str, path: String| {
        if !index.service_by_id.contains_key(id) {
            let message = format!("no service {id:?}");
            issues.push(Issue { path, message });
        }
    };
    for (b, blocker) in plan.blockers.iter().enumerate() {
        for (j, id) in blocker.cleared_by.iter().enumerate() {
            service(id, format!("blockers[{b}].cleared_by[{j}]"));
        }
    }
    for (g, gate) in plan.gates.iter().enumerate() {
        for (j, id) in gate.services_stable.iter().enumerate() {
            service(id, format!("gates[{g}].services_stable[{j}]"));
        }
    }
    for (r, report) in plan.task_history.iter().enumerate() {
        let path = format!("task_history[{r}].task");
        resolve(index, &report.task, Wanted::Task, path, issues);
    }
    for (m, measurement) in plan.measurements.iter().enumerate() {
        if !index.metric_by_id.contains_key(&measurement.metric) {
            issues.push(Issue {
                path: format!("measurements[{m}].metric"),
                message: format!("no metric {:?}", measurement.metric),
            });
        }
    }
}

fn link(plan: &Plan, mut index: Index, edges: &[(u32, u32)]) -> Result<Index, PlanError> {
    let node_count = index.node_count();
    index.successors = Csr::from_edges(node_count, edges, false);
    index.predecessors = Csr::from_edges(node_count, edges, true);
    match topological_order(&index.successors, &index.predecessors) {
        Ok(order) => {
            index.order = order;
            Ok(index)
        }
        Err(cycle) => Err(PlanError::Cycle(
            cycle
                .iter()
                .map(|&n| index.id_of(plan, n).to_string())
                .collect(),
        )),
    }
}

/// Helper for callers that look an id up after validation.
pub(crate) fn lookup(
    index: &Index,
    id: &str,
    wanted_agent: bool,
    path: &str,
) -> Result<u32, PlanError> {
    let wanted = if wanted_agent {
        Wanted::Agent
    } else {
        Wanted::Task
    };
    let mut issues = Vec::new();
    resolve(index, id, wanted, path.to_string(), &mut issues).ok_or(PlanError::Invalid(issues))
}

pub(crate) fn lookup_blocker(index: &Index, id: &str, path: &str) -> Result<usize, PlanError> {
    let mut issues = Vec::new();
    resolve(index, id, Wanted::Blocker, path.to_string(), &mut issues)
        .map(|n| n as usize)
        .ok_or(PlanError::Invalid(issues))
}
