//! `Search`: reusable per-query scratch space (visited stamps, candidate and result heaps), so
//! a query allocates nothing but its returned hits once the buffers have grown.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::params::MAX_M;
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

/// Visited set as a bit per node: 125 KB at a million nodes stays in L2, where a stamp per
/// node (4 MB) missed cache on every check. Reset clears only the words a query touched,
/// unless it touched so many that one fill is cheaper.
#[derive(Clone, Debug, Default)]
pub(crate) struct Visited {
    words: Vec<u64>,
    /// Indices of the words set since the last reset.
    touched: Vec<u32>,
}

impl Visited {
    /// Starts a new query over `n` nodes.
    pub fn reset(&mut self, n: usize) {
        if self.touched.len() > self.words.len() / 16 {
            self.words.fill(0);
        } else {
            for &word in &self.touched {
                if let Some(word) = self.words.get_mut(word as usize) {
                    *word = 0;
                }
            }
        }
        self.touched.clear();
        let words = n.div_ceil(64);
        if self.words.len() < words {
            self.words.resize(words, 0);
        }
    }

    /// Marks `id`; true if it was not visited yet in this query. Ids beyond the last word of
    /// the `n` given to `reset` count as seen.
    #[inline(always)]
    pub fn insert(&mut self, id: u32) -> bool {
        let bit = 1u64 << (id % 64);
        match self.words.get_mut((id / 64) as usize) {
            Some(word) if *word & bit == 0 => {
                if *word == 0 {
                    self.touched.push(id / 64);
                }
                *word |= bit;
                true
            }
            _ => false,
        }
    }
}

/// A best-first walk's state: the nodes to expand and the best results so far.
#[derive(Clone, Debug, Default)]
pub(crate) struct Frontier {
    /// Nodes to expand, closest first.
    pub candidates: BinaryHeap<Nearest>,
    /// Best accepted nodes so far, farthest on top.
    pub results: BinaryHeap<Candidate>,
    /// Distances computed since the walk began.
    pub distances: usize,
}

impl Frontier {
    /// Keeps `candidate` to expand (and as a result if it `passes`) unless `ef` results are
    /// already all closer.
    #[inline(always)]
    pub fn offer(&mut self, candidate: Candidate, ef: usize, passes: bool) {
        self.distances += 1;
        if self.results.len() >= ef
            && matches!(self.results.peek(), Some(worst) if candidate >= *worst)
        {
            return;
        }
        self.candidates.push(Nearest(candidate));
        if passes {
            self.keep(candidate, ef);
        }
    }

    /// Keeps `candidate` among the best `ef` results: pushed while there is room, else in
    /// place of the worst if closer (one sift, not a push and a pop).
    #[inline(always)]
    pub fn keep(&mut self, candidate: Candidate, ef: usize) {
        if self.results.len() < ef {
            self.results.push(candidate);
        } else if let Some(mut worst) = self.results.peek_mut() {
            if candidate < *worst {
                *worst = candidate;
            }
        }
    }

    /// The walk is done when the closest unexpanded node is farther than the `ef`-th result.
    #[inline(always)]
    pub fn is_settled(&self, current: Candidate, ef: usize) -> bool {
        self.results.len() >= ef && matches!(self.results.peek(), Some(worst) if current > *worst)
    }
}

/// Most ids one expansion gathers: a node's links on layer 0, or the two-hop matches, both at
/// most `M_max0 = 2 * MAX_M`.
const IDS_CAPACITY: usize = 2 * MAX_M;

/// A list of at most `IDS_CAPACITY` ids in a fixed array: a `Vec::push` keeps a call to its
/// growth path in a size-optimised build, once per neighbour of every expanded node.
#[derive(Clone, Debug)]
pub(crate) struct Ids {
    ids: Box<[u32; IDS_CAPACITY]>,
    len: usize,
}

impl Default for Ids {
    fn default() -> Self {
        Self {
            ids: Box::new([0; IDS_CAPACITY]),
            len: 0,
        }
    }
}

impl Ids {
    #[inline(always)]
    pub fn clear(&mut self) {
        self.len = 0;
    }

    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Appends `id`; ignored when full (callers never gather more than `IDS_CAPACITY`).
    #[inline(always)]
    pub fn push(&mut self, id: u32) {
        if let Some(slot) = self.ids.get_mut(self.len) {
            *slot = id;
            self.len += 1;
        }
    }

    #[inline(always)]
    pub fn as_slice(&self) -> &[u32] {
        self.ids.get(..self.len).unwrap_or(&[])
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
    /// The walk's candidates and results.
    pub(crate) frontier: Frontier,
    /// `results` drained in ascending order.
    pub(crate) found: Vec<Candidate>,
    /// Newly reached nodes of one expansion, whose rows are being prefetched.
    pub(crate) fresh: Ids,
    /// Output of neighbour selection.
    pub(crate) selected: Vec<Candidate>,
    /// Where the layer-0 walk starts (the layer-1 beam's results).
    pub(crate) entries: Vec<Candidate>,
    /// A copy of the vector being linked, so the graph can be mutated while it is read.
    pub(crate) query: Query,
    /// The query of the current search, in the form the rows need.
    pub(crate) prepared: Query,
    pub(crate) last_plan: Option<Plan>,
}

impl Search {
    /// The plan the last `search` / `search_filtered` call executed (after any fallback).
    pub fn last_plan(&self) -> Option<Plan> {
        self.last_plan
    }

    /// How many distances the last graph walk computed (a cost measure for benchmarks; the
    /// exact plan scores every matching row and does not count here).
    pub fn last_distance_count(&self) -> usize {
        self.frontier.distances
    }

    /// Moves `results` into `found`, ascending.
    pub(crate) fn drain_results_sorted(&mut self) {
        self.found.clear();
        self.found.extend(self.frontier.results.drain());
        self.found.sort_unstable();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visited_marks_each_id_once_per_query_and_resets() {
        let mut visited = Visited::default();
        visited.reset(200);
        assert!(
            visited.insert(0) && visited.insert(63) && visited.insert(64) && visited.insert(199)
        );
        assert!(!visited.insert(63) && !visited.insert(199));
        assert!(!visited.insert(256), "beyond the last word counts as seen");
        visited.reset(200);
        assert!(visited.insert(63) && !visited.insert(63));
        // Touching every word, then a reset by one fill.
        for id in 0..200 {
            visited.insert(id);
        }
        visited.reset(1_000);
        assert!((0..1_000).all(|id| visited.insert(id)));
    }

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
