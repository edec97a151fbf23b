//! The exact flat scan: tests the predicate on every live row (or on the candidates the filter
//! names) first, computes the distance only for matching rows, and keeps the best `k` in a
//! bounded heap.

use std::collections::BinaryHeap;

use super::hnsw::Hnsw;
use super::scratch::Candidate;
use super::vectors::Query;
use super::{Hit, RowFilter};

impl Hnsw {
    /// The `k` nearest live points passing `filter`, by brute force. Exact, and the reference
    /// that graph search is measured against. Empty for `k = 0` or a query of the wrong
    /// dimension or with non-finite components. Generic over the filter so that a closure is
    /// inlined into the loop (an indirect call per row costs most in wasm).
    pub fn exact<F>(&self, query: &[f32], k: usize, filter: &F) -> Vec<Hit>
    where
        F: RowFilter + ?Sized,
    {
        if k == 0 || !self.check_query(query) {
            return Vec::new();
        }
        let mut prepared = Query::default();
        prepared.set(query, &self.rows);
        let mut best: BinaryHeap<Candidate> = BinaryHeap::with_capacity(k.min(self.live) + 1);
        self.for_each_passing(filter, &mut |ids| {
            // Far apart rows are each a cache miss: all of a batch are asked for before the
            // first is read, so their loads overlap.
            ids.iter().for_each(|&id| self.prefetch(id));
            for &id in ids {
                let candidate = Candidate {
                    distance: self.distance_to(&prepared, id),
                    id,
                };
                if best.len() < k {
                    best.push(candidate);
                } else if matches!(best.peek(), Some(worst) if candidate < *worst) {
                    best.pop();
                    best.push(candidate);
                }
            }
            true
        });
        best.into_sorted_vec().into_iter().map(Hit::from).collect()
    }

    /// The exact answer for a query of zeros, which lies at distance 1 from every row: the
    /// first `k` live ids passing `filter` (the scan's order among ties), found without scoring
    /// any. A brief that asks for no field is such a query.
    pub(crate) fn first_passing<F>(&self, k: usize, filter: &F) -> Vec<Hit>
    where
        F: RowFilter + ?Sized,
    {
        let mut hits = Vec::with_capacity(k.min(self.live));
        if k > 0 {
            self.for_each_passing(filter, &mut |ids| {
                for &id in ids {
                    if hits.len() < k {
                        hits.push(Hit { id, distance: 1.0 });
                    }
                }
                hits.len() < k
            });
        }
        hits
    }

    /// Calls `visit` with the live ids passing `filter`, in id order, a batch at a time (up to
    /// `BATCH`), until it returns false: those its candidates name when it names them, else
    /// every row.
    fn for_each_passing<F>(&self, filter: &F, visit: &mut dyn FnMut(&[u32]) -> bool)
    where
        F: RowFilter + ?Sized,
    {
        const BATCH: usize = 64;
        // An array, not a `Vec`: `push` stays a call in the size-optimised build. A word adds
        // up to 64 ids to a batch not yet full.
        let mut passing = [0u32; BATCH + 64];
        let mut count = 0;
        match filter.candidates() {
            // Only the rows the filter names: a million rows' predicates cost milliseconds,
            // their bit set microseconds.
            Some(words) => {
                for (at, &word) in words.iter().enumerate() {
                    let mut rest = word;
                    while rest != 0 {
                        let id = (at * 64) as u32 + rest.trailing_zeros();
                        rest &= rest - 1;
                        if self.is_live(id) && filter.passes(id) {
                            passing[count] = id;
                            count += 1;
                        }
                    }
                    if count >= BATCH {
                        if !visit(&passing[..count]) {
                            return;
                        }
                        count = 0;
                    }
                }
            }
            // Rows by index, not ndarray rows or zipped iterators (calls in a size-optimised
            // build): most rows fail the predicate, and this loop is the whole cost of a strict
            // filter, natively and in wasm.
            None => {
                for (id, deleted) in self.deleted.iter().enumerate() {
                    let id = id as u32;
                    if !*deleted && filter.passes(id) {
                        passing[count] = id;
                        count += 1;
                        if count == BATCH {
                            if !visit(&passing[..count]) {
                                return;
                            }
                            count = 0;
                        }
                    }
                }
            }
        }
        visit(&passing[..count]);
    }
}
