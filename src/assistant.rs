//! The casting assistant: a catalog and a director's memory session together, answering each
//! turn with the refined brief, personalised matches, what changed and a reply.
//!
//! This is the loop the pages and the CLI drive; the wasm facade only converts its values.

use serde::Serialize;

use crate::brief::{self, Change, ToolInputError, Turn};
use crate::catalog::Catalog;
use crate::memory::Session;
use crate::rank::{self, Match};
use crate::requirements::Requirements;

/// Matches returned per turn unless the caller asks for another number.
pub const DEFAULT_RESULTS: usize = 10;

/// What one turn produced.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Answer {
    /// The standing brief after the turn.
    pub requirements: Requirements,
    /// What the turn changed, field by field.
    pub changes: Vec<Change>,
    /// Phrases the turn held that could not be placed.
    pub unrecognised: Vec<String>,
    /// The best matches, memory applied.
    pub matches: Vec<Match>,
    /// How many talents meet every hard constraint.
    pub matching: usize,
    /// A short reply written from the changes and the matches.
    pub reply: String,
    /// The turn started a new role.
    pub new_role: bool,
}

/// A roster with its index, and the memory of the director using it.
pub struct Assistant {
    pub catalog: Catalog,
    pub session: Session,
}

impl Assistant {
    pub fn new(catalog: Catalog) -> Self {
        Assistant {
            catalog,
            session: Session::new(),
        }
    }

    /// The best `k` talents for `r`, with the open role's memory applied.
    pub fn search(&self, r: &Requirements, k: usize) -> Vec<Match> {
        rank::rank(
            &self.catalog,
            r,
            k,
            &self.session.personalisation(&self.catalog),
        )
    }

    /// One turn of the open role's conversation, at time `now` (ms since the epoch).
    pub fn say(&mut self, now: i64, text: &str, k: usize) -> Answer {
        let turn = self.session.say(now, text);
        self.answer(now, text, turn, k)
    }

    /// Replaces the open role's standing brief (a removed chip) and answers as for a turn.
    pub fn set_requirements(&mut self, now: i64, r: Requirements, k: usize) -> Answer {
        let turn = self.session.current_role_mut(now).conversation.replace(r);
        self.answer(now, "(brief edited)", turn, k)
    }

    /// Runs Claude's `search_talent` tool call: validates its input, makes it the standing
    /// brief of the open role, and answers with the matches.
    pub fn tool_search(
        &mut self,
        now: i64,
        input: &serde_json::Value,
    ) -> Result<Answer, ToolInputError> {
        let search = brief::tool::search_input_from_tool_input(input)?;
        let turn = self
            .session
            .current_role_mut(now)
            .conversation
            .replace(search.requirements);
        Ok(self.answer(
            now,
            "(search_talent)",
            turn,
            search.k.unwrap_or(DEFAULT_RESULTS),
        ))
    }

    /// Forgets the open role's standing brief (its episodes stay in memory).
    pub fn reset_conversation(&mut self, now: i64) {
        self.session.current_role_mut(now).conversation.reset();
    }

    fn answer(&mut self, now: i64, text: &str, turn: Turn, k: usize) -> Answer {
        let matches = self.search(&turn.requirements, k);
        let matching = self.catalog.count_matching(&turn.requirements);
        let reply = brief::reply(&turn, matching, matches.first());
        let shown: Vec<String> = matches.iter().map(|m| m.id.clone()).collect();
        self.session
            .record_turn(now, text, &turn.requirements, &shown);
        Answer {
            requirements: turn.requirements,
            changes: turn.changes,
            unrecognised: turn.unrecognised,
            matches,
            matching,
            reply,
            new_role: turn.new_role,
        }
    }
}
