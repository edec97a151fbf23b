//! Understanding casting briefs: free text to `Requirements`, refinement of a standing brief
//! turn by turn, the engine's own replies, and the Claude `search_talent` tool from `Requirements`.
//!
//! The pipeline: `tokens` (words, numbers, normalised punctuation) -> `height` and `age` phrase
//! readers and the `lexicon` (longest match over the shared `vocab` plus the parser's own words)
//! -> `reading` (clauses, negation, "a plus" markers, relational words such as "mother of a
//! boy") -> `parser` (apply to a fresh or standing brief) -> `conversation` and `reply`.

mod age;
mod conversation;
mod height;
mod lexicon;
mod parser;
mod reading;
mod reply;
mod tokens;
pub mod tool;

pub use conversation::{changes_between, BriefField, Change, Conversation, Turn};
pub use parser::{parse, Parsed};
pub use reply::{reply, summary};
pub use tool::{requirements_from_tool_input, search_tool, ToolInputError};
