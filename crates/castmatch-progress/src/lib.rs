//! Delivery analytics: the plan model, weighted progress, dependency chains, critical path,
//! escalation, gates and the generated status report; pure functions of a plan and `now`.
//!
//! [`Tracker`] is the entry point: it validates a [`Plan`] once (ids, references, ranges,
//! cycles), keeps it indexed as a graph, evaluates it at any moment and applies [`Update`]s.

mod alerts;
mod blocking;
mod drawing;
mod error;
mod escalation;
mod evaluate;
mod gates;
pub mod generate;
mod graph;
mod handoffs;
mod plan;
mod report;
mod rollup;
mod schedule;
mod update;
mod validate;

use chrono::{DateTime, FixedOffset};

pub use alerts::{Alert, AlertKind, Severity};
pub use drawing::{Drawing, DrawnEdge, DrawnNode};
pub use error::{parse_time, Issue, PlanError};
pub use evaluate::{
    AgentView, BlockedItem, BlockerView, Chain, EscalationView, Evaluation, MetricView, NodeKind,
    ProgressSummary, Schedule, TaskView,
};
pub use gates::{GateDecision, GateView};
pub use handoffs::HandoffView;
pub use plan::{
    default_escalation, json_schema, Agent, AgentStatus, AlertRules, Blocker, CheckpointKind,
    Comparison, EscalationLevel, Gate, Handoff, Metric, Plan, ProgressReport, Task, Team,
};
pub use rollup::TeamProgress;
pub use update::Update;

/// A validated plan, indexed for evaluation. Every constructor and `apply` validates, so a
/// `Tracker` always holds a plan free of dangling references and cycles.
#[derive(Debug, Clone)]
pub struct Tracker {
    plan: Plan,
    index: validate::Index,
}

impl Tracker {
    pub fn new(plan: Plan) -> Result<Tracker, PlanError> {
        let index = validate::compile(&plan)?;
        Ok(Tracker { plan, index })
    }

    /// Parses and validates a plan file; errors name the JSON path or the cycle.
    pub fn from_json(text: &str) -> Result<Tracker, PlanError> {
        Tracker::new(error::from_json(text)?)
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.plan).unwrap_or_default()
    }

    /// Every figure at `now`.
    // Not inlined: it has two callers (the binding and `report`), and a copy in each costs the
    // dashboard's wasm module 3 KB.
    #[inline(never)]
    pub fn evaluate(&self, now: DateTime<FixedOffset>) -> Evaluation {
        evaluate::evaluate(&self.plan, &self.index, now)
    }

    /// The Markdown status report at `now`.
    pub fn report(&self, now: DateTime<FixedOffset>) -> String {
        report::render(&self.evaluate(now))
    }

    /// Applies a status update; on error the tracker is left unchanged.
    pub fn apply(&mut self, change: Update) -> Result<(), PlanError> {
        let plan = update::apply(&self.plan, &self.index, change)?;
        let index = validate::compile(&plan)?;
        self.plan = plan;
        self.index = index;
        Ok(())
    }

    /// Applies a status update given as JSON (see [`Update`]).
    pub fn apply_json(&mut self, text: &str) -> Result<(), PlanError> {
        self.apply(error::from_json(text)?)
    }
}

pub use report::render as render_report;
