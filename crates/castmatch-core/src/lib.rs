//! CastMatch's casting core: a director describes a role in plain words; the core parses the
//! brief, ranks the roster with the filter-aware HNSW of `castmatch-index`, explains every match,
//! refines over many turns and remembers the director's preferences.
//!
//! Pure Rust with no IO, clocks or randomness of its own: time and seeds come in as arguments,
//! so it behaves the same natively and in the browser. The JavaScript binding lives in
//! `castmatch-wasm`, the delivery analytics in `castmatch-progress`.

pub mod assistant;
pub mod brief;
pub mod catalog;
pub mod checksum;
pub mod date;
pub mod features;
pub mod json;
pub mod memory;
pub mod named;
pub mod pool;
pub mod profile;
pub mod rank;
pub mod requirements;
pub mod revision;
pub mod roster;
pub mod vocab;
pub mod words;

pub use catalog::Catalog;
pub use date::Date;
pub use rank::Match;
pub use requirements::Requirements;
pub use roster::{Credit, CreditKind, Gender, Talent};
