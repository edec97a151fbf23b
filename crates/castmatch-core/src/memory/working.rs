//! Working memory: one open role's standing brief, the turns that built it, and the current
//! shortlist / reject state of each talent considered for it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::episodes::{Decision, DecisionRecord};
use crate::brief::Conversation;
use crate::requirements::Requirements;

/// A role being cast.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub name: String,
    pub opened_at: i64,
    /// The brief parser's state for this role: `say` refines it turn by turn.
    #[serde(with = "super::json_when_binary")]
    pub conversation: Conversation,
    /// The standing brief of the last recorded turn (what the results were ranked against).
    #[serde(with = "super::json_when_binary")]
    pub requirements: Requirements,
    /// The director's turns for this role, oldest first.
    pub turns: Vec<String>,
    /// The latest shortlist or reject decision per talent id (notes are kept in episodes).
    pub decisions: BTreeMap<String, DecisionRecord>,
    /// Rejected talents are hidden unless the director asks to see them again.
    pub show_rejected: bool,
}

impl Role {
    pub fn new(name: &str, now: i64) -> Self {
        Role {
            name: name.to_string(),
            opened_at: now,
            ..Default::default()
        }
    }

    /// Records a decision; a shortlist or reject replaces the talent's earlier state, a note
    /// only annotates it.
    pub fn decide(&mut self, record: DecisionRecord) {
        match record.decision {
            Decision::Note => {
                if let Some(existing) = self.decisions.get_mut(&record.talent_id) {
                    existing.note = record.note;
                }
            }
            Decision::Shortlist | Decision::Reject => {
                self.decisions.insert(record.talent_id.clone(), record);
            }
        }
    }

    /// Puts a talent back in `state` (`None`: undecided), as undo and withdraw do.
    pub fn set_state(
        &mut self,
        talent_id: &str,
        state: Option<DecisionRecord>,
    ) -> Option<DecisionRecord> {
        match state {
            Some(record) => self.decisions.insert(talent_id.to_string(), record),
            None => self.decisions.remove(talent_id),
        }
    }

    /// Talent ids currently in `decision`, in id order.
    pub fn ids_in(&self, decision: Decision) -> impl Iterator<Item = &str> {
        self.decisions
            .values()
            .filter(move |d| d.decision == decision)
            .map(|d| d.talent_id.as_str())
    }

    pub fn records_in(&self, decision: Decision) -> Vec<DecisionRecord> {
        self.decisions
            .values()
            .filter(|d| d.decision == decision)
            .cloned()
            .collect()
    }
}
