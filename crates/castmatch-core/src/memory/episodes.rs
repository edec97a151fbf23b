//! Episodic memory: every turn, the matches it showed and every decision, timestamped, with
//! the queries a director asks of it (a role's shortlist, rejections and why, a talent's story).

use serde::{Deserialize, Serialize};

use super::MemoryError;

/// What a director decided about a talent for a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    Shortlist,
    Reject,
    /// A remark that changes no state ("great audition, check availability").
    Note,
}

crate::named::named_enum!(Decision { Shortlist = "shortlist", Reject = "reject", Note = "note" });

impl Decision {
    /// Reads "shortlist", "reject" or "note", in any case.
    pub fn parse(raw: &str) -> Result<Decision, MemoryError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "shortlist" | "shortlisted" => Ok(Decision::Shortlist),
            "reject" | "rejected" => Ok(Decision::Reject),
            "note" => Ok(Decision::Note),
            _ => Err(MemoryError::UnknownDecision(raw.to_string())),
        }
    }
}

/// One decision about one talent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DecisionRecord {
    pub talent_id: String,
    pub decision: Decision,
    pub note: Option<String>,
    pub at: i64,
}

/// Something that happened, where and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Episode {
    /// Milliseconds since the epoch, as passed in by the caller.
    pub at: i64,
    pub project: String,
    pub role: String,
    pub event: Event,
}

/// What happened in an episode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// The role was opened (or reopened).
    OpenedRole,
    /// The director said something; `shown` are the talent ids the results listed, in order.
    Turn { text: String, shown: Vec<String> },
    /// A shortlist, reject or note.
    Decided(DecisionRecord),
    /// A stated preference was recorded (and may have superseded older ones).
    Remembered { preference_id: String, text: String },
    /// A preference was forgotten at the director's request.
    Forgot { preference_id: String, text: String },
    /// A shortlist or reject was taken back (clicked again, or removed in the memory panel):
    /// the decision withdrawn.
    Withdrew(DecisionRecord),
    /// The change logged at `episode` (an index into the director's log) was undone, and the
    /// talent's state is `restored` again (`None`: undecided).
    Undid {
        episode: u64,
        talent_id: String,
        restored: Option<DecisionRecord>,
    },
}

impl Episode {
    pub fn is_for_role(&self, project: &str, role: &str) -> bool {
        self.project == project && self.role == role
    }

    /// The decision this episode records, if it is one.
    pub fn decision(&self) -> Option<&DecisionRecord> {
        match &self.event {
            Event::Decided(d) => Some(d),
            _ => None,
        }
    }

    /// Whether this episode concerns `talent_id`: decided about, or shown.
    pub fn mentions(&self, talent_id: &str) -> bool {
        match &self.event {
            Event::Decided(d) | Event::Withdrew(d) => d.talent_id == talent_id,
            Event::Undid { talent_id: t, .. } => t == talent_id,
            Event::Turn { shown, .. } => shown.iter().any(|id| id == talent_id),
            _ => false,
        }
    }
}

/// Episodes of one role, oldest first.
pub fn of_role<'a>(log: &'a [Episode], project: &'a str, role: &'a str) -> Vec<&'a Episode> {
    log.iter()
        .filter(|e| e.is_for_role(project, role))
        .collect()
}

/// Every episode about a talent across all roles and projects, oldest first.
pub fn talent_history<'a>(log: &'a [Episode], talent_id: &str) -> Vec<&'a Episode> {
    log.iter().filter(|e| e.mentions(talent_id)).collect()
}
