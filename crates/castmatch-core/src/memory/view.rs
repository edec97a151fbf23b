//! Read-only views of memory for the pages and the CLI: what `engine.memory()` and
//! `engine.roles()` return.

use serde::{Deserialize, Serialize};

use super::auditions::Auditions;
use super::candidates::Candidate;
use super::episodes::{Decision, DecisionRecord, Episode};
use super::preferences::Preference;
use super::session::{Cursor, Session};
use super::Role;
use crate::requirements::Requirements;

/// The director's memory as it bears on the open role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MemoryView {
    pub director: String,
    pub project: String,
    pub role: String,
    /// The open role's standing brief.
    pub brief: Requirements,
    /// Active stated preferences, oldest first.
    pub preferences: Vec<Preference>,
    /// Preferences replaced by newer ones, kept as history.
    pub superseded: Vec<Preference>,
    pub shortlist: Vec<DecisionRecord>,
    pub rejected: Vec<DecisionRecord>,
    /// Whether rejected talents are shown again for this role.
    pub show_rejected: bool,
    /// The open role's episodes, oldest first.
    pub episodes: Vec<Episode>,
    /// Whether the open role has a decision `undo` would take back.
    pub can_undo: bool,
    /// Talents decided on or invited for this role, and any the director annotated: their
    /// details as last shown (names survive a roster change), notes and tags; by talent id.
    pub candidates: Vec<Candidate>,
    /// The open role's audition slots and invitations.
    pub auditions: Auditions,
}

/// One role in the roles list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RoleSummary {
    pub project: String,
    pub name: String,
    pub opened_at: i64,
    pub turns: usize,
    pub shortlisted: usize,
    pub rejected: usize,
    /// Whether this is the role now open.
    pub current: bool,
}

impl RoleSummary {
    pub(super) fn of(project: &str, role: &Role, cursor: &Cursor) -> Self {
        RoleSummary {
            project: project.to_string(),
            name: role.name.clone(),
            opened_at: role.opened_at,
            turns: role.turns.len(),
            shortlisted: role.ids_in(Decision::Shortlist).count(),
            rejected: role.ids_in(Decision::Reject).count(),
            current: cursor.project == project && cursor.role == role.name,
        }
    }
}

impl MemoryView {
    pub(super) fn of(session: &Session) -> Self {
        let preferences = session.director().map(|d| &d.preferences);
        let role = session.current_role();
        MemoryView {
            director: session.cursor.director.clone(),
            project: session.cursor.project.clone(),
            role: session.cursor.role.clone(),
            // No role open yet: no standing brief.
            brief: role.map(|r| r.requirements.clone()).unwrap_or_default(),
            preferences: preferences.map_or_else(Vec::new, |p| p.active().cloned().collect()),
            superseded: preferences.map_or_else(Vec::new, |p| p.superseded().cloned().collect()),
            shortlist: session.shortlist(),
            rejected: session.rejected(),
            show_rejected: role.is_some_and(|r| r.show_rejected),
            episodes: session.role_episodes().into_iter().cloned().collect(),
            can_undo: session.can_undo(),
            candidates: candidates(session),
            auditions: session
                .workbook()
                .and_then(|w| w.auditions_of(&session.cursor.project, &session.cursor.role))
                .cloned()
                .unwrap_or_default(),
        }
    }
}

/// The candidates a view shows: this role's, and every annotated one (their notes show on any
/// card), by id.
fn candidates(session: &Session) -> Vec<Candidate> {
    let Some(workbook) = session.workbook() else {
        return Vec::new();
    };
    let cursor = &session.cursor;
    let role = session.current_role();
    let auditions = workbook.auditions_of(&cursor.project, &cursor.role);
    let of_role = |id: &String| {
        role.is_some_and(|r| r.decisions.contains_key(id))
            || auditions.is_some_and(|a| a.invitations.iter().any(|i| i.talent_id == *id))
    };
    workbook
        .candidates
        .iter()
        .filter(|c| c.annotated() || of_role(&c.talent_id))
        .cloned()
        .collect()
}
