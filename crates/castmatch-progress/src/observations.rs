//! What the monitor observed, as data with its time: the measurements log (one JSON object per
//! line, one line per run) with the run's jobs, its readings of the running system and files,
//! and its service checks. The monitor writes it; the CLI and the dashboard read it back.

use chrono::{DateTime, FixedOffset};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::error::{from_json, PlanError};
use super::plan::Quantity;

/// One run of the monitor: a line of the measurements log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Run {
    #[schemars(with = "String", extend("format" = "date-time"))]
    pub at: DateTime<FixedOffset>,
    /// What the run did (health every run; the rest when due).
    #[serde(default)]
    pub jobs: Vec<Job>,
    #[serde(default)]
    pub readings: Vec<Reading>,
    #[serde(default)]
    pub checks: Vec<Check>,
    /// The evaluation's verdict at `at`, for a reader of the log alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
}

/// What one run does; the rhythm decides which are due (see `cadence`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Job {
    Health,
    Progress,
    Escalation,
    Standup,
    DependencyCheck,
    EveningReview,
}

impl Job {
    pub const ALL: [Job; 6] = [
        Job::Health,
        Job::Progress,
        Job::Escalation,
        Job::Standup,
        Job::DependencyCheck,
        Job::EveningReview,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Job::Health => "health",
            Job::Progress => "progress",
            Job::Escalation => "escalation",
            Job::Standup => "standup",
            Job::DependencyCheck => "dependency_check",
            Job::EveningReview => "evening_review",
        }
    }
}

/// A figure measured at the run's time, and where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reading {
    pub quantity: Quantity,
    pub value: f64,
    /// The URL probed or the file read.
    #[serde(default)]
    pub source: String,
}

/// One health check of a plan service at the run's time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Check {
    pub service: String,
    pub healthy: bool,
    /// "HTTP 200 in 3 ms", "connection refused", "no answer within 2000 ms".
    #[serde(default)]
    pub detail: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub millis: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Outcome {
    pub overall_progress: f64,
    pub critical_alerts: usize,
    pub warnings: usize,
    /// Gates decided NO-GO at the run's time.
    pub no_go: Vec<String>,
}

/// Every run read from a log, oldest first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Log {
    runs: Vec<Run>,
}

impl Log {
    /// Reads a measurements log (JSON Lines); blank lines are skipped, and an error names the
    /// line and the JSON path (`line 3: readings[0].value: invalid type ...`).
    pub fn from_json_lines(text: &str) -> Result<Log, PlanError> {
        let mut runs = Vec::new();
        for (number, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let run: Run = from_json(line).map_err(|error| match error {
                PlanError::Json { path, message } => PlanError::Json {
                    path: format!("line {}: {path}", number + 1),
                    message,
                },
                other => other,
            })?;
            if run.readings.iter().any(|r| !r.value.is_finite()) {
                return Err(PlanError::Json {
                    path: format!("line {}: readings", number + 1),
                    message: "values must be finite numbers".into(),
                });
            }
            runs.push(run);
        }
        let mut log = Log::default();
        log.extend(runs);
        Ok(log)
    }

    /// Adds runs, keeping the log in time order (runs at the same time keep their order).
    pub fn extend(&mut self, runs: impl IntoIterator<Item = Run>) {
        self.runs.extend(runs);
        self.runs.sort_by_key(|run| run.at);
    }

    pub fn runs(&self) -> &[Run] {
        &self.runs
    }

    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    /// The runs up to and including `now`.
    pub fn until(&self, now: DateTime<FixedOffset>) -> &[Run] {
        &self.runs[..self.runs.partition_point(|run| run.at <= now)]
    }

    /// When each job last ran at or before `now`.
    pub fn last_runs(&self, now: DateTime<FixedOffset>) -> LastRuns {
        let mut last = LastRuns::default();
        for run in self.until(now) {
            for &job in &run.jobs {
                last.set(job, run.at);
            }
        }
        last
    }
}

/// When each job last ran.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LastRuns([Option<DateTime<FixedOffset>>; 6]);

impl LastRuns {
    pub fn get(&self, job: Job) -> Option<DateTime<FixedOffset>> {
        self.0[job as usize]
    }

    pub fn set(&mut self, job: Job, at: DateTime<FixedOffset>) {
        self.0[job as usize] = Some(at);
    }

    pub fn any(&self) -> bool {
        self.0.iter().any(Option::is_some)
    }
}

/// One line of the log for a run (no trailing newline).
pub fn to_json_line(run: &Run) -> String {
    serde_json::to_string(run).unwrap_or_default() // plain data, string keys: cannot fail
}
