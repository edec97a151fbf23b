//! The plan model: workstreams (agents) and their tasks, blockers, gates, metrics, escalation
//! matrix, handoffs and progress history, exactly as a plan file spells them in JSON.

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A delivery plan. Times are RFC 3339 with an offset; durations are in days, ages in hours.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Editors may point this at `docs/plan.schema.json`; ignored by CastMatch.
    #[serde(rename = "$schema", default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<String>,
    pub project: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub phase: String,
    /// Day 1 begins here; the offset is also the one the report prints times in.
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub start: DateTime<FixedOffset>,
    /// Days from `start` to the delivery target.
    pub target_days: u32,
    #[serde(default)]
    pub agents: Vec<Agent>,
    #[serde(default)]
    pub blockers: Vec<Blocker>,
    /// Quality gates and milestones, each checked on its day.
    #[serde(default)]
    pub gates: Vec<Gate>,
    #[serde(default)]
    pub metrics: Vec<Metric>,
    /// Escalation levels by blocker age, in ascending `after_hours`.
    #[serde(default = "default_escalation")]
    pub escalation: Vec<EscalationLevel>,
    #[serde(default)]
    pub handoffs: Vec<Handoff>,
    /// Progress reports over time; velocity and stall detection are measured from them.
    #[serde(default)]
    pub history: Vec<ProgressReport>,
    #[serde(default)]
    pub alert_rules: AlertRules,
    /// Task progress over time, replayed like `history` (a task with no report keeps its
    /// `progress` at every moment).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub task_history: Vec<TaskReport>,
    /// Services the monitor checks: Docker, Postgres, Redis, the Claude service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<Service>,
    /// Metric readings entered by people (the dashboard's form); the monitor's own readings
    /// live in its measurements log.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub measurements: Vec<Measurement>,
    /// When the monitor checks what (the seed's coordination protocol).
    #[serde(default)]
    pub rhythm: Rhythm,
}

/// A workstream, owned by one agent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agent {
    pub id: String,
    pub name: String,
    pub team: Team,
    pub status: AgentStatus,
    /// Reported progress, 0-100.
    pub progress: f64,
    #[serde(default)]
    pub current_task: String,
    /// Share of the total effort; overall progress is weighted by it.
    #[serde(default = "one")]
    pub weight: f64,
    /// Agent ids whose work this workstream needs.
    #[serde(default)]
    pub depends_on: Vec<String>,
    #[serde(default)]
    pub tasks: Vec<Task>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Team {
    Development,
    Design,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum AgentStatus {
    Active,
    Critical,
    Blocked,
    Waiting,
    Standby,
    Done,
}

/// A unit of work with an estimate; ids are unique across the whole plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Task {
    pub id: String,
    pub title: String,
    pub estimate_days: f64,
    /// 0-100; a task at 100 is done.
    #[serde(default)]
    pub progress: f64,
    /// Task ids (of any agent) that must be done first.
    #[serde(default)]
    pub depends_on: Vec<String>,
}

/// Something stopping work. `blocks` names agents, tasks or other blockers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Blocker {
    pub id: String,
    pub title: String,
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub since: DateTime<FixedOffset>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>", extend("format" = "date-time"))]
    pub resolved_at: Option<DateTime<FixedOffset>>,
    pub blocks: Vec<String>,
    /// What would clear it, for the next-actions list.
    #[serde(default)]
    pub action: String,
    /// Service ids whose health checks decide it: active while any of them fails its latest
    /// check, resolved at the check where all of them pass ("Docker not running" clears
    /// itself when Postgres and Redis answer).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cleared_by: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CheckpointKind {
    Gate,
    Milestone,
}

/// A checkpoint at the end of `day`: GO when every criterion holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    pub id: String,
    pub name: String,
    #[serde(default = "gate_kind")]
    pub kind: CheckpointKind,
    /// Due at `start + day` days (the end of day `day`).
    pub day: u32,
    #[serde(default)]
    pub go_if: String,
    #[serde(default)]
    pub no_go_if: String,
    #[serde(default)]
    pub tasks_done: Vec<String>,
    #[serde(default)]
    pub metrics_met: Vec<String>,
    #[serde(default)]
    pub blockers_resolved: Vec<String>,
    /// Services that must be stable: healthy in their last `alert_rules.stable_checks` checks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services_stable: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Comparison {
    Lt,
    Le,
    Gt,
    Ge,
}

impl Comparison {
    pub fn holds(self, measured: f64, target: f64) -> bool {
        match self {
            Comparison::Lt => measured < target,
            Comparison::Le => measured <= target,
            Comparison::Gt => measured > target,
            Comparison::Ge => measured >= target,
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::Lt => "<",
            Comparison::Le => "<=",
            Comparison::Gt => ">",
            Comparison::Ge => ">=",
        }
    }
}

/// A success metric: met when `measured comparison target` holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub unit: String,
    pub comparison: Comparison,
    pub target: f64,
    /// A value typed into the plan, with no time: used until a reading is taken.
    #[serde(default)]
    pub measured: Option<f64>,
    /// What the monitor measures for it (`castmatch monitor --probe / --coverage / --accuracy`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Quantity>,
}

/// A figure the monitor measures on the running system or reads from a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    /// Median time from a request reaching the broker to the first byte of its answer.
    FirstByteP50Seconds,
    /// 95th percentile of the same.
    FirstByteP95Seconds,
    /// Median time from a request reaching the broker to the end of its answer (whole turn).
    TurnP50Seconds,
    /// 95th percentile of the same.
    TurnP95Seconds,
    /// Conversations (requests to /v1/messages) in flight at the moment of the probe.
    ConcurrentConversations,
    /// The most in flight at once since the broker started.
    PeakConcurrentConversations,
    /// Conversations answered 2xx and completed (a stream reached `message_stop`).
    SuccessfulConversations,
    /// Share of /v1/messages answers that were errors (non-2xx, or a stream that failed), %.
    ErrorRatePercent,
    /// Lines hit / lines found in an lcov file, %.
    LineCoveragePercent,
    /// Precision@10 from the held-out bench's results (benches/heldout/score.py --out), %.
    MatchingAccuracyPercent,
}

impl Quantity {
    pub fn name(self) -> &'static str {
        match self {
            Quantity::FirstByteP50Seconds => "first_byte_p50_seconds",
            Quantity::FirstByteP95Seconds => "first_byte_p95_seconds",
            Quantity::TurnP50Seconds => "turn_p50_seconds",
            Quantity::TurnP95Seconds => "turn_p95_seconds",
            Quantity::ConcurrentConversations => "concurrent_conversations",
            Quantity::PeakConcurrentConversations => "peak_concurrent_conversations",
            Quantity::SuccessfulConversations => "successful_conversations",
            Quantity::ErrorRatePercent => "error_rate_percent",
            Quantity::LineCoveragePercent => "line_coverage_percent",
            Quantity::MatchingAccuracyPercent => "matching_accuracy_percent",
        }
    }
}

/// One reading of a plan metric, with when and where it was taken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Measurement {
    pub metric: String,
    pub value: f64,
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub at: DateTime<FixedOffset>,
    /// Where it came from: a URL, a file, "dashboard".
    #[serde(default)]
    pub source: String,
}

/// A service the monitor checks with a timeout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub name: String,
    /// `http://host:port/path` or `https://...` (healthy on a 2xx answer) or `tcp://host:port`
    /// (healthy when a connection opens).
    pub check: String,
    /// For HTTP checks: text the answer's body must contain, e.g. `"claude":"configured"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<String>,
    /// Milliseconds before a check that has not answered counts as failed.
    #[serde(default = "default_check_timeout")]
    pub timeout_ms: u64,
}

/// The monitor's cadence, in the plan's time zone (the offset of `start`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Rhythm {
    /// Service health and measurements: every run (this is the interval `--every` suggests).
    pub health_hours: f64,
    /// The full status report (progress, velocity, stalls).
    pub progress_hours: f64,
    /// Blocker escalation.
    pub escalation_hours: f64,
    /// Morning standup: what each agent did since yesterday, what blocks them (HH:MM).
    pub standup: String,
    /// Dependency check: handoffs due, chains at risk (HH:MM).
    pub dependency_check: String,
    /// Evening review with the next day's plan (HH:MM).
    pub evening_review: String,
}

impl Default for Rhythm {
    fn default() -> Self {
        Rhythm {
            health_hours: 2.0,
            progress_hours: 4.0,
            escalation_hours: 6.0,
            standup: "09:00".into(),
            dependency_check: "13:00".into(),
            evening_review: "18:00".into(),
        }
    }
}

/// A task's reported progress at a moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskReport {
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub at: DateTime<FixedOffset>,
    pub task: String,
    pub progress: f64,
}

/// One row of the escalation matrix: from `after_hours` of blocker age on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EscalationLevel {
    pub level: String,
    pub after_hours: f64,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub example: String,
}

/// When every task in `after` is done, the `notify` workstreams may start.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Handoff {
    pub id: String,
    pub name: String,
    pub after: Vec<String>,
    pub notify: Vec<String>,
}

/// A workstream's reported progress at a moment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgressReport {
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub at: DateTime<FixedOffset>,
    pub agent: String,
    pub progress: f64,
    /// The workstream's status from this report on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AgentStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_task: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Thresholds for the monitor's alerts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct AlertRules {
    /// A workstream with no progress for this long is stalled (critical at twice as long).
    pub stall_hours: f64,
    /// A blocker open this long raises an alert.
    pub blocker_hours: f64,
    /// A gate due within this horizon with failing criteria is at risk.
    pub gate_horizon_hours: f64,
    /// Velocity is measured over this trailing window.
    pub velocity_window_hours: f64,
    /// A service is stable after this many healthy checks in a row.
    pub stable_checks: u32,
}

impl Default for AlertRules {
    fn default() -> Self {
        AlertRules {
            stall_hours: 6.0,
            blocker_hours: 2.0,
            gate_horizon_hours: 36.0,
            velocity_window_hours: 24.0,
            stable_checks: 3,
        }
    }
}

fn default_check_timeout() -> u64 {
    2000
}

fn one() -> f64 {
    1.0
}

fn gate_kind() -> CheckpointKind {
    CheckpointKind::Gate
}

/// The seed's matrix: 0-2 h agent to agent, 2-6 h orchestrator, 6 h+ human.
pub fn default_escalation() -> Vec<EscalationLevel> {
    let level = |level: &str, after_hours: f64, action: &str| EscalationLevel {
        level: level.into(),
        after_hours,
        action: action.into(),
        example: String::new(),
    };
    vec![
        level("agent-to-agent", 0.0, "Direct coordination"),
        level("orchestrator", 2.0, "Task redistribution"),
        level("human", 6.0, "Strategic decision"),
    ]
}

/// The JSON Schema of a plan file, as written to `docs/plan.schema.json`.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Plan);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n" // a schema always serialises
}
