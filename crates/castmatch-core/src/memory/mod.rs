//! What a director did, liked and rejected: working memory (each role's standing brief),
//! episodic memory (every turn and decision) and long-term preferences, with their snapshot.
//!
//! The layers nest: a `Memory` holds directors; a `Director` holds projects of roles (working
//! memory and decisions), an episode log and preferences. A `Session` is the memory plus the
//! role the director has open, and is what the facades hold. Time always comes in as `now`
//! (milliseconds since the epoch); nothing here reads a clock.

mod auditions;
mod candidates;
mod episodes;
mod export;
mod feedback;
mod personalisation;
mod preferences;
mod session;
mod snapshot;
mod undo;
mod view;
mod working;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use auditions::{Auditions, Invitation, InvitationStatus, Slot};
pub use candidates::{Candidate, Workbook};
pub use episodes::{Decision, DecisionRecord, Episode, Event};
pub use export::director_snapshot;
pub use feedback::{rocchio_shift, ALPHA, BETA, GAMMA};
pub use personalisation::{
    personalise, Boosts, Personalisation, LEARNED_MAX_TRAITS, LEARNED_WEIGHT, PREFER_WEIGHT,
};
pub use preferences::{understand, Preference, PreferenceKind, Preferences, Scope, Target};
pub use session::{Cursor, Session};
pub use snapshot::{SNAPSHOT_MAGIC, SNAPSHOT_VERSION};
pub use undo::{read_command as read_undo, UndoCommand, Undone};
pub use view::{MemoryView, RoleSummary};
pub use working::Role;

/// Why a memory operation failed; every message says what to do or where the damage is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MemoryError {
    #[error("memory snapshot refused at byte {offset}: {reason}; the previous memory is kept")]
    Snapshot { offset: usize, reason: String },
    #[error("unknown decision {0:?}: expected \"shortlist\", \"reject\" or \"note\"")]
    UnknownDecision(String),
    #[error("nothing to undo for this role{0}")]
    NothingToUndo(&'static str),
    #[error("talent {0:?} is neither shortlisted nor rejected for this role")]
    NotDecided(String),
    #[error("a note needs some text")]
    EmptyNote,
    #[error("{what} needs a name")]
    EmptyName { what: &'static str },
    #[error("could not read a preference in {text:?}: {reason}")]
    NotAPreference { text: String, reason: String },
    #[error("no preference with id {0:?} (see the ids in memory().preferences)")]
    UnknownPreference(String),
    #[error("no director named {0:?} in memory")]
    UnknownDirector(String),
    #[error("memory JSON refused: {0}; the previous memory is kept")]
    Json(String),
    #[error("candidate notes: {0}")]
    BadCandidate(String),
    #[error("auditions: {0}")]
    BadAudition(String),
}

/// Everything remembered, for every director.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Memory {
    pub directors: BTreeMap<String, Director>,
}

/// One casting director's memory: their projects and roles, what happened, what they prefer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Director {
    pub name: String,
    pub projects: BTreeMap<String, Project>,
    pub preferences: Preferences,
    /// Every turn and decision, oldest first.
    pub episodes: Vec<Episode>,
}

/// A production with its open roles.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub name: String,
    pub roles: BTreeMap<String, Role>,
}

impl Director {
    pub fn new(name: &str) -> Self {
        Director {
            name: name.to_string(),
            ..Default::default()
        }
    }

    pub fn role(&self, project: &str, role: &str) -> Option<&Role> {
        self.projects.get(project)?.roles.get(role)
    }

    /// The role, created (with `now` as its opening time) if it is new.
    pub fn role_mut(&mut self, project: &str, role: &str, now: i64) -> &mut Role {
        let p = self
            .projects
            .entry(project.to_string())
            .or_insert_with(|| Project {
                name: project.to_string(),
                roles: BTreeMap::new(),
            });
        p.roles
            .entry(role.to_string())
            .or_insert_with(|| Role::new(role, now))
    }

    /// Every role of every project, with its project's name.
    pub fn roles(&self) -> impl Iterator<Item = (&str, &Role)> {
        self.projects
            .values()
            .flat_map(|p| p.roles.values().map(|r| (p.name.as_str(), r)))
    }
}

/// Serialises a field as itself in human-readable formats (JSON, JS) and as a JSON string in
/// binary ones (postcard). Why: types owned by other modules (`Requirements`) may gain
/// `skip_serializing_if` fields, which postcard cannot read back; JSON can.
pub(crate) mod json_when_binary {
    use serde::de::{DeserializeOwned, Error as _};
    use serde::ser::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<T: Serialize, S: Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            value.serialize(s)
        } else {
            s.serialize_str(&serde_json::to_string(value).map_err(S::Error::custom)?)
        }
    }

    pub fn deserialize<'de, T: DeserializeOwned, D: Deserializer<'de>>(
        d: D,
    ) -> Result<T, D::Error> {
        if d.is_human_readable() {
            T::deserialize(d)
        } else {
            let text = String::deserialize(d)?;
            crate::json::from_text(&text).map_err(D::Error::custom)
        }
    }
}

impl Session {
    /// Checks what serde cannot: names agree with the keys they are filed under, preference
    /// ids are unique and below the next id. Restored or imported memory must pass.
    pub(crate) fn validate(&self) -> Result<(), String> {
        self.memory
            .directors
            .iter()
            .try_for_each(|(key, d)| d.validate(key))?;
        for (i, w) in self.workbooks.iter().enumerate() {
            let key = &w.director;
            let director = self.memory.directors.get(key);
            let repeated = self.workbooks[..i].iter().any(|o| o.director == *key);
            match director {
                Some(d) if !repeated => w.validate(d)?,
                _ => return Err(format!("workbook of {key:?}: repeated or no such director")),
            }
        }
        Ok(())
    }
}

impl Director {
    pub(crate) fn validate(&self, key: &str) -> Result<(), String> {
        if self.name != key {
            return Err(format!("director {key:?} is filed as {:?}", self.name));
        }
        for (key, p) in &self.projects {
            if p.name != *key {
                return Err(format!("project {key:?} is filed as {:?}", p.name));
            }
            for (key, r) in &p.roles {
                if r.name != *key {
                    return Err(format!("role {key:?} is filed as {:?}", r.name));
                }
                if let Some((id, d)) = r.decisions.iter().find(|(id, d)| **id != d.talent_id) {
                    return Err(format!(
                        "decision for {id:?} names talent {:?}",
                        d.talent_id
                    ));
                }
            }
        }
        self.preferences.validate()
    }
}
