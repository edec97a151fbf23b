//! `Search`: reusable per-query scratch space (visited stamps, candidate and result heaps), so
//! a query allocates nothing but its returned hits once the buffers have grown.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::planner::Plan;
use super::vectors::Query;

/// A node and its distance to the query, ordered by distance then id (so ties are deterministic).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Candidate {
    pub distance: f32,
    pub id: u32,
}

/// Implements `Ord`, `PartialOrd` (every operator) and `PartialEq` by the type's `key()`, all
/// `#[inline(always)]`: the heaps compare on every step of a walk, and a size-optimised build
/// otherwise leaves each comparison a call (`std::cmp::Reverse`'s included).
macro_rules! ordered_by_key {
    ($type:ty) => {
        impl Ord for $type {
            #[inline(always)]
            fn cmp(&self, other: &Self) -> Ordering {
                self.key().cmp(&other.key())
            }
        }

        impl PartialOrd for $type {
            #[inline(always)]
            fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
                Some(self.cmp(other))
            }
            #[inline(always)]
            fn lt(&self, other: &Self) -> bool {
                self.key() < other.key()
            }
            #[inline(always)]
            fn le(&self, other: &Self) -> bool {
                self.key() <= other.key()
            }
            #[inline(always)]
            fn gt(&self, other: &Self) -> bool {
                self.key() > other.key()
            }
            #[inline(always)]
            fn ge(&self, other: &Self) -> bool {
                self.key() >= other.key()
            }
        }

        impl PartialEq for $type {
            #[inline(always)]
            fn eq(&self, other: &Self) -> bool {
                self.key() == other.key()
            }
        }

        impl Eq for $type {}
    };
}

impl Candidate {
    /// Distance then id as an integer pair: the distance in `f32::total_cmp` order, then the id.
    #[inline(always)]
    fn key(self) -> (u32, u32) {
        let bits = self.distance.to_bits() as i32;
        // total_cmp's signed key, with the sign bit flipped so that unsigned order agrees.
        let distance = (bits ^ (((bits >> 31) as u32) >> 1) as i32) as u32 ^ (1 << 31);
        (distance, self.id)
    }
}

ordered_by_key!(Candidate);

/// A frontier entry: the nearest candidate is the greatest, so a max-heap pops it first (what
/// `std::cmp::Reverse` does, with comparisons that inline).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Nearest(pub Candidate);

impl Nearest {
    /// The candidate's key with both parts inverted, which reverses the order.
    #[inline(always)]
    fn key(self) -> (u32, u32) {
        let (distance, id) = self.0.key();
        (!distance, !id)
    }
}

ordered_by_key!(Nearest);

/// Visited set as generation stamps: clearing is one increment, not a pass over `n` slots.
#[derive(Clone, Debug, Default)]
pub(crate) struct Visited {
    stamps: Vec<u32>,
    generation: u32,
}

impl Visited {
    /// Starts a new query over `n` nodes.
    pub fn reset(&mut self, n: usize) {
        if self.stamps.len() < n {
            self.stamps.resize(n, 0);
        }
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            // Wrapped around: old stamps could collide with the new generation.
            self.stamps.fill(0);
            self.generation = 1;
        }
    }

    /// Marks `id`; true if it was not visited yet in this query. Out-of-range ids count as seen.
    #[inline(always)]
    pub fn insert(&mut self, id: u32) -> bool {
        match self.stamps.get_mut(id as usize) {
            Some(stamp) if *stamp != self.generation => {
                *stamp = self.generation;
                true
            }
            _ => false,
        }
    }
}

/// Scratch space for searches; keep one per thread (or per worker) and pass it to every query.
///
/// ```
/// use castmatch_index::{Hnsw, HnswParams, Search};
/// let mut index = Hnsw::new(2, HnswParams::default());
/// index.insert(&[1.0, 0.0]).unwrap();
/// let mut search = Search::default();
/// let hits = index.search(&[1.0, 0.0], 1, &mut search);
/// assert_eq!(hits[0].id, 0);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub(crate) visited: Visited,
    /// Frontier, closest first.
    pub(crate) candidates: BinaryHeap<Nearest>,
    /// Best accepted nodes so far, farthest on top.
    pub(crate) results: BinaryHeap<Candidate>,
    /// `results` drained in ascending order.
    pub(crate) found: Vec<Candidate>,
    /// Newly reached nodes of one expansion, whose rows are being prefetched.
    pub(crate) fresh: Vec<u32>,
    /// Neighbours of the expanded node that pass the filter.
    pub(crate) passing: Vec<u32>,
    /// Neighbours of the expanded node that failed the filter (two-hop sources).
    pub(crate) rejected: Vec<u32>,
    /// Output of neighbour selection.
    pub(crate) selected: Vec<Candidate>,
    /// A copy of the vector being linked, so the graph can be mutated while it is read.
    pub(crate) query: Query,
    /// The query of the current search, in the form the rows need.
    pub(crate) prepared: Query,
    pub(crate) last_plan: Option<Plan>,
    pub(crate) last_distance_count: usize,
}

impl Search {
    /// The plan the last `search` / `search_filtered` call executed (after any fallback).
    pub fn last_plan(&self) -> Option<Plan> {
        self.last_plan
    }

    /// How many distances the last graph walk computed (a cost measure for benchmarks; the
    /// exact plan scores every matching row and does not count here).
    pub fn last_distance_count(&self) -> usize {
        self.last_distance_count
    }

    /// Moves `results` into `found`, ascending.
    pub(crate) fn drain_results_sorted(&mut self) {
        self.found.clear();
        self.found.extend(self.results.drain());
        self.found.sort_unstable();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidates_order_as_total_cmp_then_id_and_nearest_reverses_it() {
        let distances = [-1.5f32, -0.0, 0.0, 1e-30, 0.25, 1.0, 2.0, f32::INFINITY];
        let mut all = Vec::new();
        for &distance in &distances {
            for id in [0, 7, u32::MAX] {
                all.push(Candidate { distance, id });
            }
        }
        for a in &all {
            for b in &all {
                let want = a.distance.total_cmp(&b.distance).then(a.id.cmp(&b.id));
                assert_eq!(a.cmp(b), want, "{a:?} vs {b:?}");
                assert_eq!(a < b, want.is_lt());
                assert_eq!(Nearest(*a).cmp(&Nearest(*b)), want.reverse());
                assert_eq!(Nearest(*a) >= Nearest(*b), want.is_le());
            }
        }
    }
}
