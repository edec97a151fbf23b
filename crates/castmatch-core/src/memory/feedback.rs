//! Relevance feedback: the shortlisted and rejected talents of a role move its query vector
//! (Rocchio), so talents like the ones the director kept rise and ones like the rejected sink.
//!
//! query' = ALPHA * q + BETA * mean(shortlisted) - GAMMA * mean(rejected), then renormalised
//! by `rank`. The weights are SMART's classic ones (Rocchio 1971; Salton & Buckley 1990):
//! - ALPHA = 1: the brief the director typed stays the anchor of the query.
//! - BETA = 0.75: a shortlist is strong evidence of taste, but a few picks should not drown
//!   the brief; 0.75 lets three similar picks dominate the blocks the brief left at zero
//!   (training, credits, bio) while age, gender and languages stay where the brief put them.
//! - GAMMA = 0.15: small, because a rejection often has reasons the vector cannot see (a
//!   rate, availability, a look), and rejected talents are excluded outright anyway.

use ndarray::{Array1, ArrayView1};

use crate::features::DIM;

pub const ALPHA: f32 = 1.0;
pub const BETA: f32 = 0.75;
pub const GAMMA: f32 = 0.15;

/// The shift to add to a unit query vector, or `None` when there is no feedback. `rank` adds
/// it to the normalised brief vector (whose weight is ALPHA = 1) and renormalises. The inputs
/// are the talents' feature vectors; other lengths are skipped.
pub fn rocchio_shift<'a>(
    shortlisted: impl Iterator<Item = &'a [f32]>,
    rejected: impl Iterator<Item = &'a [f32]>,
) -> Option<Array1<f32>> {
    let kept = mean_vector(shortlisted);
    let dropped = mean_vector(rejected);
    if kept.is_none() && dropped.is_none() {
        return None;
    }
    let mut shift = Array1::zeros(DIM);
    if let Some(kept) = kept {
        shift.scaled_add(BETA / ALPHA, &kept);
    }
    if let Some(dropped) = dropped {
        shift.scaled_add(-GAMMA / ALPHA, &dropped);
    }
    Some(shift)
}

fn mean_vector<'a>(vectors: impl Iterator<Item = &'a [f32]>) -> Option<Array1<f32>> {
    let mut sum = Array1::zeros(DIM);
    let mut n = 0usize;
    for v in vectors.filter(|v| v.len() == DIM) {
        sum += &ArrayView1::from(v);
        n += 1;
    }
    (n > 0).then(|| sum / n as f32)
}
