//! Understanding casting briefs: free text to `Requirements`, refinement of a standing brief
//! turn by turn, the engine's own replies, and the Claude `search_talent` tool from `Requirements`.
//!
//! The pipeline: `tokens` (words, numbers, normalised punctuation) -> `tag` (ages and heights
//! by the `age` and `height` readers, then the longest known phrase of the `lexicon`: the words
//! of `lexicon.txt` and of `vocab`) -> `clause` (split at punctuation and "but") -> `scope` (what
//! negation and "must" / "a plus" reach) -> `interpret` (each scoped item to what it states,
//! gathered in a `reading`) -> `parser` (apply to a fresh or standing brief) -> `conversation`
//! and `reply`. Each pass is a pure function with its own table of tests.
//!
//! Decisions worth knowing:
//! - Role nouns and production context (cop, lead, ad, web series, detergent) are known words
//!   and are not reported; any other word the lexicon does not hold is reported in
//!   `unrecognised`, as the phrase the director wrote ("Marwari family", "Yakshagana").
//! - A stated age beats an age word ("teenager, 15-17"); a lone number ("Female, 30") is an
//!   age only when nothing else states one. A plain height ("5'10\"") means +-2 cm.
//! - "no dance" / "not required" remove a skill from the brief; they never exclude dancers.
//!   "not (from) Delhi" removes the city and adds it to `excluded_cities`.
//! - In a refinement, a named city replaces the cities (a move), a named language or skill
//!   joins its set, unless the turn says "actually" / "instead" / "only" (replace) or
//!   "also" / "add" (join).
//! - Descriptions that no roster field holds (tall, bearded, Sikh, "wrestler type") go to
//!   `look`, shown but never filtered.

mod age;
mod clause;
mod conversation;
mod height;
mod interpret;
mod lexicon;
mod morph;
mod parser;
mod reading;
mod reply;
mod scope;
mod span;
pub(crate) mod statement;
mod tag;
mod terms;
mod tokens;
pub mod tool;

pub use conversation::{changes_between, BriefField, Change, Conversation, Interpretation, Turn};
pub use parser::{parse, parse_in, parse_on, Parsed};
pub use reply::{reply, summary};
pub use tool::{requirements_from_tool_input, search_tool, ToolInputError};
