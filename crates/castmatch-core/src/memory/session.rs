//! `Session`: the whole memory plus the director, project and role now open; the one object
//! the wasm facade and the CLI hold, with every mutation taking `now` from its caller.

use serde::{Deserialize, Serialize};

use super::episodes::{self, Decision, DecisionRecord, Episode, Event};
use super::preferences::Preference;
use super::undo::{self, Undone};
use super::view::{MemoryView, RoleSummary};
use super::{personalise, Director, Memory, MemoryError, Personalisation, Role, Workbook};
use crate::brief::{Conversation, Turn};
use crate::catalog::Catalog;
use crate::date::Date;
use crate::requirements::Requirements;
use crate::revision::Revision;
use crate::vocab::Vocabulary;

/// Where the director is working: names of the director, project and role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cursor {
    pub director: String,
    pub project: String,
    pub role: String,
}

impl Default for Cursor {
    fn default() -> Self {
        Cursor {
            director: "default".into(),
            project: "default".into(),
            role: "untitled".into(),
        }
    }
}

/// The memory and the open role.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Session {
    pub(super) memory: Memory,
    pub(super) cursor: Cursor,
    /// Each director's candidates and auditions, by director name (snapshot format 4). Last on
    /// purpose: a format 3 payload plus one empty-map byte is a format 4 payload.
    pub(super) workbooks: Vec<Workbook>,
    /// Changes whenever something ranking reads changes (see `revision`); not saved, so a
    /// restored session starts with a revision no cache has seen.
    #[serde(skip)]
    revision: Revision,
}

/// Equal when the memory and the open role are: the revision only names a state for caches.
impl PartialEq for Session {
    fn eq(&self, other: &Self) -> bool {
        self.memory == other.memory
            && self.cursor == other.cursor
            && self.workbooks == other.workbooks
    }
}

fn non_empty(name: &str, what: &'static str) -> Result<String, MemoryError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(MemoryError::EmptyName { what });
    }
    Ok(name.to_string())
}

impl Session {
    pub fn new() -> Self {
        Session::default()
    }

    /// Everything remembered, for every director.
    pub fn memory(&self) -> &Memory {
        &self.memory
    }

    /// The director, project and role now open.
    pub fn cursor(&self) -> &Cursor {
        &self.cursor
    }

    /// Names the state of what ranking reads: decisions, preferences, which director, project
    /// and role are open, whether rejected talents show. Every method that changes one of
    /// them gives a new revision; a conversation turn (`say`, `record_turn`, an edited brief)
    /// does not, so a personalisation kept for one revision stays valid across turns.
    pub fn revision(&self) -> Revision {
        self.revision
    }

    pub(super) fn changed(&mut self) {
        self.revision = Revision::fresh();
    }

    /// Works as another director from now on (their memory is created on first write).
    pub fn switch_director(&mut self, name: &str) -> Result<(), MemoryError> {
        self.cursor.director = non_empty(name, "a director")?;
        self.changed();
        Ok(())
    }

    /// Works in another project from now on.
    pub fn open_project(&mut self, name: &str) -> Result<(), MemoryError> {
        self.cursor.project = non_empty(name, "a project")?;
        self.changed();
        Ok(())
    }

    /// Opens a role of the current project, creating it (and logging it) if it is new.
    pub fn open_role(&mut self, now: i64, name: &str) -> Result<&Role, MemoryError> {
        self.cursor.role = non_empty(name, "a role")?;
        self.changed();
        if self.current_role().is_none() {
            self.role_mut(now);
            self.log(now, Event::OpenedRole);
        }
        Ok(self.role_mut(now))
    }

    /// The current director's memory, if anything was recorded for them.
    pub fn director(&self) -> Option<&Director> {
        self.memory.directors.get(&self.cursor.director)
    }

    pub(super) fn director_mut(&mut self) -> &mut Director {
        let name = &self.cursor.director;
        self.memory
            .directors
            .entry(name.clone())
            .or_insert_with(|| Director::new(name))
    }

    pub fn current_role(&self) -> Option<&Role> {
        self.director()?
            .role(&self.cursor.project, &self.cursor.role)
    }

    /// The open role, created if needed. Callers that change what ranking reads (decisions,
    /// show-rejected) call `changed`; creating an empty role changes nothing ranking reads.
    pub(super) fn role_mut(&mut self, now: i64) -> &mut Role {
        let (project, role) = (self.cursor.project.clone(), self.cursor.role.clone());
        self.director_mut().role_mut(&project, &role, now)
    }

    /// The open role's conversation (created with the role if needed), for an edited or reset
    /// brief: a turn, so the revision stays.
    pub fn conversation_mut(&mut self, now: i64) -> &mut Conversation {
        &mut self.role_mut(now).conversation
    }

    /// Every role of the current director, project by project.
    pub fn roles(&self) -> Vec<RoleSummary> {
        let Some(d) = self.director() else {
            return Vec::new();
        };
        d.roles()
            .map(|(project, role)| RoleSummary::of(project, role, &self.cursor))
            .collect()
    }

    fn log(&mut self, now: i64, event: Event) {
        let episode = Episode {
            at: now,
            project: self.cursor.project.clone(),
            role: self.cursor.role.clone(),
            event,
        };
        self.director_mut().episodes.push(episode);
    }

    /// Reads a turn into the open role's conversation and returns what it did; the caller
    /// ranks `turn.requirements` and then calls `record_turn` with the talents shown.
    pub fn say(&mut self, now: i64, text: &str) -> Turn {
        self.say_in(now, text, Vocabulary::builtin())
    }

    /// `say` about a roster whose own terms are words too.
    pub fn say_in(&mut self, now: i64, text: &str, vocabulary: &Vocabulary) -> Turn {
        let today = Date::in_india(now);
        self.conversation_mut(now)
            .say_on(text, vocabulary, Some(today))
    }

    /// Records a turn of the open role: its text, the standing brief after it and the talent
    /// ids the results showed.
    pub fn record_turn(&mut self, now: i64, text: &str, brief: &Requirements, shown: &[String]) {
        let role = self.role_mut(now);
        role.turns.push(text.to_string());
        role.requirements = brief.clone();
        self.log(
            now,
            Event::Turn {
                text: text.to_string(),
                shown: shown.to_vec(),
            },
        );
    }

    /// Shortlists, rejects or annotates a talent for the open role.
    pub fn feedback(
        &mut self,
        now: i64,
        talent_id: &str,
        decision: Decision,
        note: Option<&str>,
    ) -> Result<(), MemoryError> {
        let talent_id = non_empty(talent_id, "a talent id")?;
        let note = note
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string);
        if decision == Decision::Note && note.is_none() {
            return Err(MemoryError::EmptyNote);
        }
        let record = DecisionRecord {
            talent_id,
            decision,
            note,
            at: now,
        };
        self.role_mut(now).decide(record.clone());
        self.log(now, Event::Decided(record));
        self.changed();
        Ok(())
    }

    /// Takes back the open role's shortlist or reject of a talent (its button clicked again,
    /// or Remove in the memory panel); returns the decision withdrawn. Undo brings it back.
    pub fn withdraw(&mut self, now: i64, talent_id: &str) -> Result<DecisionRecord, MemoryError> {
        let record = self
            .current_role()
            .and_then(|r| r.decisions.get(talent_id))
            .cloned()
            .ok_or_else(|| MemoryError::NotDecided(talent_id.to_string()))?;
        self.role_mut(now).set_state(talent_id, None);
        self.log(now, Event::Withdrew(record.clone()));
        self.changed();
        Ok(record)
    }

    /// Reverts the open role's latest shortlist, reject or withdrawal not yet undone (of
    /// decision `only`, when given: "undo that reject"), restoring the talent's state before
    /// it. Called again, it reverts the change before that one.
    pub fn undo(&mut self, now: i64, only: Option<Decision>) -> Result<Undone, MemoryError> {
        let (project, role) = (self.cursor.project.clone(), self.cursor.role.clone());
        let nothing = || match only {
            Some(Decision::Reject) => MemoryError::NothingToUndo(" (no rejection left to undo)"),
            Some(_) => MemoryError::NothingToUndo(" (no shortlisting left to undo)"),
            None => MemoryError::NothingToUndo(""),
        };
        let log = self.director().map_or(&[][..], |d| d.episodes.as_slice());
        let at = undo::target(log, &project, &role, only).ok_or_else(nothing)?;
        let (record, withdrawal) = match &log[at].event {
            Event::Decided(d) => (d.clone(), false),
            Event::Withdrew(d) => (d.clone(), true),
            _ => return Err(nothing()),
        };
        let restored = undo::state_after(&log[..at], &project, &role, &record.talent_id);
        self.role_mut(now)
            .set_state(&record.talent_id, restored.clone());
        let event = Event::Undid {
            episode: at as u64,
            talent_id: record.talent_id.clone(),
            restored: restored.clone(),
        };
        self.log(now, event);
        self.changed();
        Ok(Undone {
            talent_id: record.talent_id,
            decision: record.decision,
            withdrawal,
            restored,
        })
    }

    /// Whether the open role has a decision `undo` would revert.
    pub fn can_undo(&self) -> bool {
        self.director().is_some_and(|d| {
            undo::target(&d.episodes, &self.cursor.project, &self.cursor.role, None).is_some()
        })
    }

    /// Shows the open role's rejected talents again (`true`) or hides them (`false`).
    pub fn show_rejected(&mut self, now: i64, show: bool) {
        self.role_mut(now).show_rejected = show;
        self.changed();
    }

    /// Records a stated preference; a newer one on the same topic supersedes older ones.
    pub fn remember(&mut self, now: i64, text: &str) -> Result<Preference, MemoryError> {
        self.remember_in(now, text, Vocabulary::builtin())
    }

    /// `remember` about a roster whose own terms are words too ("prefer rock climbers").
    pub fn remember_in(
        &mut self,
        now: i64,
        text: &str,
        vocabulary: &Vocabulary,
    ) -> Result<Preference, MemoryError> {
        let preferences = &mut self.director_mut().preferences;
        let preference = preferences.state(text, now, vocabulary)?.clone();
        let event = Event::Remembered {
            preference_id: preference.id.clone(),
            text: preference.text.clone(),
        };
        self.log(now, event);
        self.changed();
        Ok(preference)
    }

    /// Removes a preference; the episode log keeps that it was stated and then forgotten.
    pub fn forget(&mut self, now: i64, preference_id: &str) -> Result<Preference, MemoryError> {
        let gone = self
            .memory
            .directors
            .get_mut(&self.cursor.director)
            .ok_or_else(|| MemoryError::UnknownPreference(preference_id.to_string()))?
            .preferences
            .forget(preference_id)?;
        self.log(
            now,
            Event::Forgot {
                preference_id: gone.id.clone(),
                text: gone.text.clone(),
            },
        );
        self.changed();
        Ok(gone)
    }

    /// What memory contributes to ranking the open role.
    pub fn personalisation(&self, catalog: &Catalog) -> Personalisation {
        let Some(director) = self.director() else {
            return Personalisation::default();
        };
        match self.current_role() {
            Some(role) => personalise(director, role, catalog),
            None => personalise(director, &Role::new(&self.cursor.role, 0), catalog),
        }
    }

    /// The open role's shortlist, oldest decision first.
    pub fn shortlist(&self) -> Vec<DecisionRecord> {
        self.records(Decision::Shortlist)
    }

    /// The open role's rejections, each with the note that says why.
    pub fn rejected(&self) -> Vec<DecisionRecord> {
        self.records(Decision::Reject)
    }

    fn records(&self, decision: Decision) -> Vec<DecisionRecord> {
        let mut records = self
            .current_role()
            .map_or_else(Vec::new, |r| r.records_in(decision));
        // Oldest first; ties in the map's order (by talent id), which the id tiebreak keeps.
        records
            .sort_unstable_by(|a, b| a.at.cmp(&b.at).then_with(|| a.talent_id.cmp(&b.talent_id)));
        records
    }

    /// Episodes of the open role, oldest first.
    pub fn role_episodes(&self) -> Vec<&Episode> {
        let Some(d) = self.director() else {
            return Vec::new();
        };
        episodes::of_role(&d.episodes, &self.cursor.project, &self.cursor.role)
    }

    /// Everything that happened to a talent in any of this director's roles, oldest first.
    pub fn talent_history(&self, talent_id: &str) -> Vec<&Episode> {
        self.director().map_or_else(Vec::new, |d| {
            episodes::talent_history(&d.episodes, talent_id)
        })
    }

    /// Preferences, shortlist, rejections and episodes of the open role, for display.
    pub fn view(&self) -> MemoryView {
        MemoryView::of(self)
    }
}
