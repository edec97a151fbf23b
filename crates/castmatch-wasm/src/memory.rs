//! The memory methods of `Engine`: feedback, stated preferences, roles, the memory view, and
//! the snapshot the pages keep in IndexedDB. The clock is read here, at the boundary, only.

use wasm_bindgen::prelude::*;

use super::{now, to_js, Engine};
use castmatch_core::memory::{Decision, InvitationStatus, Session};
use castmatch_core::{Catalog, Talent};

#[wasm_bindgen]
impl Engine {
    /// Shortlists, rejects or annotates a talent for the open role: `decision` is
    /// "shortlist", "reject" or "note" (a note needs `note`). An unknown talent id throws.
    pub fn feedback(
        &mut self,
        talent_id: &str,
        decision: &str,
        note: Option<String>,
    ) -> Result<(), JsError> {
        let decision = Decision::parse(decision)?;
        self.keep_details(talent_id)?;
        Ok(self
            .assistant
            .session
            .feedback(now(), talent_id, decision, note.as_deref())?)
    }

    /// Sets the director's note and tags on a talent of the roster (empty clears them);
    /// kept per talent across roles, in memory and its export (`memory().candidates`).
    pub fn annotate(
        &mut self,
        talent_id: &str,
        note: &str,
        tags: Vec<String>,
    ) -> Result<(), JsError> {
        let talent = on_roster(&self.assistant.catalog, talent_id)?;
        self.assistant.session.annotate(talent, note, &tags)?;
        Ok(())
    }

    /// Adds an audition slot to the open role: `date` YYYY-MM-DD, `time` HH:MM, a place.
    /// Returns its id (`memory().auditions.slots`).
    #[wasm_bindgen(js_name = addSlot)]
    pub fn add_slot(&mut self, date: &str, time: &str, place: &str) -> Result<u32, JsError> {
        Ok(self
            .assistant
            .session
            .add_slot(now(), date, time, place)?
            .id)
    }

    /// Removes an audition slot of the open role; throws while talents are invited to it.
    #[wasm_bindgen(js_name = removeSlot)]
    pub fn remove_slot(&mut self, id: u32) -> Result<(), JsError> {
        self.assistant.session.remove_slot(id)?;
        Ok(())
    }

    /// Invites a shortlisted talent to a slot of the open role (again: to another slot).
    pub fn invite(&mut self, talent_id: &str, slot: u32) -> Result<(), JsError> {
        self.keep_details(talent_id)?;
        self.assistant.session.invite(now(), talent_id, slot)?;
        Ok(())
    }

    /// Sets an invitation's status: "invited", "confirmed", "declined" or "seen"; "cancelled"
    /// withdraws it.
    #[wasm_bindgen(js_name = setInvitation)]
    pub fn set_invitation(&mut self, talent_id: &str, status: &str) -> Result<(), JsError> {
        let session = &mut self.assistant.session;
        if status == "cancelled" {
            session.cancel_invitation(talent_id)?;
        } else {
            session.set_invitation(now(), talent_id, InvitationStatus::parse(status)?)?;
        }
        Ok(())
    }

    /// Takes back the open role's shortlist or reject of a talent (its button clicked again,
    /// or Remove in the memory panel); returns the decision withdrawn. Throws when the talent
    /// has neither. Undo is a turn: `say("undo")`, `say("undo that reject")`.
    #[wasm_bindgen(unchecked_return_type = "DecisionRecord")]
    pub fn withdraw(&mut self, talent_id: &str) -> Result<JsValue, JsError> {
        to_js(&self.assistant.session.withdraw(now(), talent_id)?)
    }

    /// Records a stated preference ("I prefer theatre-trained actors", "never show me anyone
    /// over 60 for mother roles"); returns it with its id. Unreadable text throws.
    #[wasm_bindgen(unchecked_return_type = "Preference")]
    pub fn remember(&mut self, text: &str) -> Result<JsValue, JsError> {
        let vocabulary = self.assistant.catalog.vocabulary();
        to_js(
            &self
                .assistant
                .session
                .remember_in(now(), text, vocabulary)?,
        )
    }

    /// Removes a preference by id ("p3"); returns what was removed. An unknown id throws.
    #[wasm_bindgen(unchecked_return_type = "Preference")]
    pub fn forget(&mut self, preference_id: &str) -> Result<JsValue, JsError> {
        to_js(&self.assistant.session.forget(now(), preference_id)?)
    }

    /// Preferences (active and superseded), shortlist, rejections and episodes of the open role.
    #[wasm_bindgen(unchecked_return_type = "MemoryView")]
    pub fn memory(&self) -> Result<JsValue, JsError> {
        to_js(&self.assistant.session.view())
    }

    /// Opens (or creates) a role of the current project; searches then use its memory.
    #[wasm_bindgen(js_name = openRole)]
    pub fn open_role(&mut self, name: &str) -> Result<(), JsError> {
        self.assistant.session.open_role(now(), name)?;
        Ok(())
    }

    /// Opens (or creates) a project; `openRole` then works within it.
    #[wasm_bindgen(js_name = openProject)]
    pub fn open_project(&mut self, name: &str) -> Result<(), JsError> {
        Ok(self.assistant.session.open_project(name)?)
    }

    /// Works as another director; each director's preferences and roles are their own.
    #[wasm_bindgen(js_name = switchDirector)]
    pub fn switch_director(&mut self, name: &str) -> Result<(), JsError> {
        Ok(self.assistant.session.switch_director(name)?)
    }

    /// Every role of the current director, with counts and which one is open.
    #[wasm_bindgen(unchecked_return_type = "RoleSummary[]")]
    pub fn roles(&self) -> Result<JsValue, JsError> {
        to_js(&self.assistant.session.roles())
    }

    /// Shows the open role's rejected talents again (`true`) or hides them (`false`).
    #[wasm_bindgen(js_name = showRejected)]
    pub fn show_rejected(&mut self, show: bool) {
        self.assistant.session.show_rejected(now(), show);
    }

    /// Everything that happened to a talent across this director's roles, oldest first.
    #[wasm_bindgen(js_name = talentHistory, unchecked_return_type = "Episode[]")]
    pub fn talent_history(&self, talent_id: &str) -> Result<JsValue, JsError> {
        to_js(&self.assistant.session.talent_history(talent_id))
    }

    /// The whole memory as versioned, checksummed bytes, to keep in IndexedDB.
    #[wasm_bindgen(js_name = memorySnapshot)]
    pub fn memory_snapshot(&self) -> Vec<u8> {
        self.assistant.session.snapshot()
    }

    /// Restores `memorySnapshot()` bytes. Damaged bytes throw, naming the byte, and the
    /// current memory stays as it was.
    #[wasm_bindgen(js_name = restoreMemory)]
    pub fn restore_memory(&mut self, bytes: &[u8]) -> Result<(), JsError> {
        self.assistant.session = Session::from_snapshot(bytes)?;
        self.fill_details();
        Ok(())
    }

    /// Imports one director's memory, replacing theirs; returns their name. Takes the bytes
    /// `readMemoryExport(json)` of `castmatch/roster` makes of a `writeMemoryExport` file (the
    /// JSON reader lives there, in the page's worker, not in this module). Bad bytes throw and
    /// nothing changes.
    #[wasm_bindgen(js_name = importMemory)]
    pub fn import_memory(&mut self, bytes: &[u8]) -> Result<String, JsError> {
        let name = self.assistant.session.import_director_snapshot(bytes)?;
        self.fill_details();
        Ok(name)
    }
}

fn on_roster<'c>(catalog: &'c Catalog, talent_id: &str) -> Result<&'c Talent, JsError> {
    let found = catalog.get(talent_id);
    found.ok_or_else(|| JsError::new(&format!("no talent with id {talent_id:?} on the roster")))
}

impl Engine {
    /// Remembers a talent's details as the roster has them, before a decision about them.
    fn keep_details(&mut self, talent_id: &str) -> Result<(), JsError> {
        let talent = on_roster(&self.assistant.catalog, talent_id)?;
        self.assistant.session.keep_details(talent);
        Ok(())
    }

    /// Details for decisions a memory from before format 4 holds as ids only, from this roster.
    fn fill_details(&mut self) {
        let catalog = &self.assistant.catalog;
        self.assistant.session.fill_details(|id| catalog.get(id));
    }
}
