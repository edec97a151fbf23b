//! Full-precision rescoring: an index that walks on int8 codes ranks its final candidates by
//! distances the caller computes at full precision (from vectors it keeps or can recompute).

use ndarray::ArrayView2;

use super::distance::cosine_distance;
use super::Hit;

/// Full-precision distances for a search's final candidates.
///
/// A closure `Fn(&[f32], u32) -> Option<f32>` is one; so is an `ArrayView2<f32>` of the rows
/// the index was built from (row = id).
pub trait Rescore {
    /// The cosine distance `1 - q·v` of `query` to point `id` at full precision, or `None` to
    /// keep the distance the index computed.
    fn distance(&self, query: &[f32], id: u32) -> Option<f32>;
}

impl<F: Fn(&[f32], u32) -> Option<f32> + ?Sized> Rescore for F {
    #[inline(always)]
    fn distance(&self, query: &[f32], id: u32) -> Option<f32> {
        self(query, id)
    }
}

impl Rescore for ArrayView2<'_, f32> {
    #[inline(always)]
    fn distance(&self, query: &[f32], id: u32) -> Option<f32> {
        let id = id as usize;
        if id >= self.nrows() {
            return None;
        }
        self.row(id)
            .to_slice()
            .map(|row| cosine_distance(query, row))
    }
}

/// Candidates a search rescores for `k` results: quantisation moves distances by about 0.001,
/// enough to swap neighbours at the edge of the top `k` but rarely to push a true neighbour
/// beyond the `4k`-th place (figures in BENCHMARKS.md, issue 15).
pub(crate) fn depth(k: usize) -> usize {
    k.saturating_mul(4).max(k + 16)
}

/// Replaces each hit's distance by the full-precision one, re-sorts (distance, then id) and
/// keeps the best `k`.
pub(crate) fn rescore<R: Rescore + ?Sized>(
    hits: &mut Vec<Hit>,
    query: &[f32],
    k: usize,
    rescore: &R,
) {
    for hit in hits.iter_mut() {
        if let Some(distance) = rescore.distance(query, hit.id) {
            hit.distance = distance;
        }
    }
    hits.sort_unstable_by(|a, b| a.distance.total_cmp(&b.distance).then(a.id.cmp(&b.id)));
    hits.truncate(k);
}
