//! Memory as snapshot formats 1 to 3 laid it out, read once and turned into today's `Session`.
//! Postcard writes fields in order with no names, so the shapes before format 4 (no candidates
//! on a director, no auditions on a role) need their own types to be read at all.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::episodes::{DecisionRecord, Episode};
use super::preferences::Preferences;
use super::session::{Cursor, Session};
use super::{Director, Memory, Project, Role};
use crate::brief::Conversation;
use crate::requirements::Requirements;

#[derive(Deserialize)]
pub(super) struct SessionV3 {
    /// `Memory { directors }`: postcard writes a one-field struct as its field.
    memory: BTreeMap<String, DirectorV3>,
    cursor: Cursor,
}

#[derive(Deserialize)]
struct DirectorV3 {
    name: String,
    projects: BTreeMap<String, ProjectV3>,
    preferences: Preferences,
    episodes: Vec<Episode>,
}

#[derive(Deserialize)]
struct ProjectV3 {
    name: String,
    roles: BTreeMap<String, RoleV3>,
}

#[derive(Deserialize)]
struct RoleV3 {
    name: String,
    opened_at: i64,
    #[serde(with = "super::json_when_binary")]
    conversation: Conversation,
    #[serde(with = "super::json_when_binary")]
    requirements: Requirements,
    turns: Vec<String>,
    decisions: BTreeMap<String, DecisionRecord>,
    show_rejected: bool,
}

impl From<SessionV3> for Session {
    fn from(old: SessionV3) -> Session {
        let directors = old
            .memory
            .into_iter()
            .map(|(key, d)| (key, d.into()))
            .collect();
        Session::of(Memory { directors }, old.cursor)
    }
}

impl From<DirectorV3> for Director {
    fn from(d: DirectorV3) -> Director {
        let projects = d
            .projects
            .into_iter()
            .map(|(key, p)| {
                let roles = p.roles.into_iter().map(|(k, r)| (k, r.into())).collect();
                (
                    key,
                    Project {
                        name: p.name,
                        roles,
                    },
                )
            })
            .collect();
        Director {
            name: d.name,
            projects,
            preferences: d.preferences,
            episodes: d.episodes,
            candidates: BTreeMap::new(),
        }
    }
}

impl From<RoleV3> for Role {
    fn from(r: RoleV3) -> Role {
        Role {
            name: r.name,
            opened_at: r.opened_at,
            conversation: r.conversation,
            requirements: r.requirements,
            turns: r.turns,
            decisions: r.decisions,
            show_rejected: r.show_rejected,
            auditions: Default::default(),
        }
    }
}
