//! The exact flat scan: tests the predicate on every live row first (cheap), computes the
//! distance only for matching rows, and keeps the best `k` in a bounded heap.

use std::collections::BinaryHeap;

use super::distance::cosine_distance;
use super::hnsw::Hnsw;
use super::scratch::Candidate;
use super::Hit;

impl Hnsw {
    /// The `k` nearest live points passing `filter`, by brute force. Exact, and the reference
    /// that graph search is measured against. Empty for `k = 0` or a query of the wrong
    /// dimension or with non-finite components. Generic over the filter so that a closure is
    /// inlined into the loop (an indirect call per row costs most in wasm).
    pub fn exact<F>(&self, query: &[f32], k: usize, filter: &F) -> Vec<Hit>
    where
        F: Fn(u32) -> bool + ?Sized,
    {
        if k == 0 || !self.check_query(query) {
            return Vec::new();
        }
        let mut best: BinaryHeap<Candidate> = BinaryHeap::with_capacity(k.min(self.live) + 1);
        // Plain chunks, not ndarray rows: most rows fail the predicate, and this loop is the
        // whole cost of a strict filter, natively and in wasm.
        let rows = self.vectors.chunks_exact(self.dim.max(1));
        for ((id, row), deleted) in (0u32..).zip(rows).zip(&self.deleted) {
            if *deleted || !filter(id) {
                continue;
            }
            let candidate = Candidate {
                distance: cosine_distance(query, row),
                id,
            };
            if best.len() < k {
                best.push(candidate);
            } else if best.peek().is_some_and(|worst| candidate < *worst) {
                best.pop();
                best.push(candidate);
            }
        }
        best.into_sorted_vec().into_iter().map(Hit::from).collect()
    }
}
