//! Ranking: a roster with its index (`Catalog`) answers `Requirements` with hard filtering,
//! vector similarity, preferred-skill boosts and memory, each result with readable reasons.

use serde::{Deserialize, Serialize};

use crate::roster::Talent;

/// One ranked result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
pub struct Match {
    pub id: String,
    pub name: String,
    pub score: f32,
    pub reasons: Vec<String>,
    pub talent: Talent,
}

/// A roster and its index.
pub struct Catalog {
    pub talents: Vec<Talent>,
}
