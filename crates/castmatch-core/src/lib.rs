//! CastMatch: a casting assistant. A director describes a role in plain words; the engine parses
//! the brief, ranks the roster with its own filter-aware HNSW index, explains every match,
//! refines over many turns and remembers the director's preferences. The same core computes the
//! delivery dashboard's progress, dependency chains and quality gates.
//!
//! The core (everything but `wasm` and `server`) is pure Rust with no IO, clocks or randomness
//! of its own: time and seeds come in as arguments, so it behaves the same natively and in the
//! browser.

pub mod assistant;
pub mod brief;
pub mod catalog;
pub mod checksum;
pub mod features;
pub mod index;
pub mod json;
pub mod memory;
pub mod named;
pub mod progress;
pub mod rank;
pub mod requirements;
pub mod revision;
pub mod roster;
pub mod vocab;

#[cfg(all(feature = "server", not(target_arch = "wasm32")))]
pub mod server;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use catalog::Catalog;
pub use rank::Match;
pub use requirements::Requirements;
pub use roster::{Credit, CreditKind, Gender, Talent};
