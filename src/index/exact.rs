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
    /// dimension or with non-finite components.
    pub fn exact(&self, query: &[f32], k: usize, filter: &dyn Fn(u32) -> bool) -> Vec<Hit> {
        if k == 0 || !self.check_query(query) {
            return Vec::new();
        }
        let mut best: BinaryHeap<Candidate> = BinaryHeap::with_capacity(k.min(self.live) + 1);
        let rows = self.vectors();
        for ((id, row), deleted) in (0u32..).zip(rows.outer_iter()).zip(&self.deleted) {
            if *deleted || !filter(id) {
                continue;
            }
            let candidate = Candidate {
                distance: cosine_distance(query, row.as_slice().unwrap_or(&[])),
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
