//! The talent roster: the `Talent` record, import from CSV and JSON as agencies keep them, with
//! every problem named by line and column, and a seeded synthetic roster of realistic Indian
//! talent.

mod import;
mod synthetic;
mod talent;

pub use import::{
    checked_talent, from_csv, from_json, talent_from_json, to_csv, ImportMode, Imported,
    RosterError,
};
pub use synthetic::{synthetic, synthetic_labelled, REFERENCE_YEAR};
pub(crate) use talent::{playing_ages, theatre_background};
pub use talent::{Credit, CreditKind, ExtraColumn, Gender, Talent, TalentRecord};
