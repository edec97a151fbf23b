//! Delivery analytics: the plan model, weighted progress, dependency chains, critical path,
//! escalation, gates and the generated status report; pure functions of a plan and `now`.
//!
//! [`Tracker`] is the entry point: it validates a [`Plan`] once (ids, references, ranges,
//! cycles), keeps it indexed as a graph, evaluates it at any moment and applies [`Update`]s.

/// Appends formatted Markdown to a `String`, as `write!` / `writeln!` do. Writing into a
/// `String` cannot fail (`fmt::Write for String` only grows it), so there is no `Result` to
/// handle and the reports stay free of `let _ =` at every line.
macro_rules! put {
    ($out:expr, $($arg:tt)*) => {
        _ = write!($out, $($arg)*)
    };
}
macro_rules! putln {
    ($out:expr $(, $($arg:tt)*)?) => {
        _ = writeln!($out $(, $($arg)*)?)
    };
}

mod alerts;
mod blocking;
mod briefing;
pub mod cadence;
mod drawing;
mod error;
mod escalation;
mod evaluate;
mod gates;
pub mod generate;
mod graph;
mod handoffs;
pub mod observations;
mod plan;
mod replay;
mod report;
mod rollup;
mod schedule;
pub mod services;
mod update;
mod validate;

use chrono::{DateTime, FixedOffset};

pub use alerts::{Alert, AlertKind, Severity};
pub use drawing::{Drawing, DrawnEdge, DrawnNode};
pub use error::{parse_time, Issue, PlanError};
pub use evaluate::{
    AgentView, BlockedItem, BlockerView, Chain, EscalationView, Evaluation, MetricView, NodeKind,
    ProgressSummary, Schedule, ServiceView, TaskView, TrendPoint,
};
pub use gates::{GateDecision, GateView};
pub use handoffs::HandoffView;
pub use observations::{Job, Log, Run};
pub use plan::{
    default_escalation, json_schema, Agent, AgentStatus, AlertRules, Blocker, CheckpointKind,
    Comparison, EscalationLevel, Gate, Handoff, Measurement, Metric, Plan, ProgressReport,
    Quantity, Rhythm, Service, Task, TaskReport, Team,
};
pub use rollup::TeamProgress;
pub use update::Update;

/// A validated plan, indexed for evaluation. Every constructor and `apply` validates, so a
/// `Tracker` always holds a plan free of dangling references and cycles.
#[derive(Debug, Clone)]
pub struct Tracker {
    plan: Plan,
    index: validate::Index,
    /// What the monitor observed (readings, service checks), beside the plan.
    log: Log,
}

impl Tracker {
    pub fn new(plan: Plan) -> Result<Tracker, PlanError> {
        let index = validate::compile(&plan)?;
        Ok(Tracker {
            plan,
            index,
            log: Log::default(),
        })
    }

    /// Parses and validates a plan file; errors name the JSON path or the cycle.
    pub fn from_json(text: &str) -> Result<Tracker, PlanError> {
        Tracker::new(error::from_json(text)?)
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn to_json(&self) -> String {
        // A plan is plain data with string keys: serialising it cannot fail.
        serde_json::to_string_pretty(&self.plan).unwrap_or_default()
    }

    /// Every figure at `now`.
    // Not inlined: it has two callers (the binding and `report`), and a copy in each costs the
    // dashboard's wasm module 3 KB.
    #[inline(never)]
    pub fn evaluate(&self, now: DateTime<FixedOffset>) -> Evaluation {
        evaluate::evaluate(&self.plan, &self.index, &self.log, now)
    }

    /// Adds what the monitor observed: its readings feed the metrics that `measure` them, its
    /// checks decide the services' state and the blockers they clear, at every moment.
    pub fn observe(&mut self, runs: impl IntoIterator<Item = Run>) {
        self.log.extend(runs);
    }

    /// Replaces the observations with a measurements log (JSON Lines); on error the old log is
    /// kept and the error names the line and path.
    pub fn load_log(&mut self, text: &str) -> Result<(), PlanError> {
        self.log = Log::from_json_lines(text)?;
        Ok(())
    }

    pub fn log(&self) -> &Log {
        &self.log
    }

    /// The Markdown status report at `now`.
    pub fn report(&self, now: DateTime<FixedOffset>) -> String {
        report::render(&self.evaluate(now))
    }

    /// The Markdown of one monitor run at `now` doing `jobs` (health, the status report,
    /// escalation, standup, dependency check, evening review).
    pub fn run_report(&self, now: DateTime<FixedOffset>, jobs: &[Job]) -> String {
        briefing::render(self, now, jobs)
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
