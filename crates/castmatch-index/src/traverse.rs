//! Graph traversal: the greedy descent through upper layers and the best-first layer search,
//! including the filtered layer-0 walk with neighbour-of-neighbour (two-hop) expansion.

use super::hnsw::Hnsw;
use super::scratch::{Candidate, Nearest, Search};
use super::vectors::Query;
use super::RowFilter;

/// Below this share of accepted neighbours a node's neighbourhood counts as sparse, and the
/// walk also looks at neighbours of its rejected neighbours (ACORN-style two-hop expansion).
const SPARSE_NEIGHBOURHOOD: f32 = 0.25;

impl Hnsw {
    /// Greedy walk on one layer (`ef = 1`): move to a closer neighbour until there is none.
    pub(crate) fn greedy_closest(
        &self,
        query: &Query,
        mut best: Candidate,
        layer: u8,
    ) -> Candidate {
        loop {
            let before = best;
            let neighbours = self.graph.neighbours(best.id, layer);
            for &neighbour in neighbours {
                self.prefetch(neighbour);
            }
            for &neighbour in neighbours {
                let candidate = Candidate {
                    distance: self.distance_to(query, neighbour),
                    id: neighbour,
                };
                best = best.min(candidate);
            }
            // Strictly decreasing in a total order, so this ends.
            if best == before {
                return best;
            }
        }
    }

    /// Descends from the entry point to layer 0; `None` for an empty graph.
    pub(crate) fn descend(&self, query: &Query, scratch: &mut Search) -> Option<Candidate> {
        let entry = self.entry?;
        let mut nearest = Candidate {
            distance: self.distance_to(query, entry),
            id: entry,
        };
        scratch.last_distance_count += 1;
        for layer in (1..=self.graph.level(entry)).rev() {
            nearest = self.greedy_closest(query, nearest, layer);
        }
        Some(nearest)
    }

    /// Best-first search of one layer (the paper's algorithm 2), as inserts use it: every
    /// reached node routes the walk and may enter `scratch.results` (at most `ef`).
    pub(crate) fn search_layer(
        &self,
        query: &Query,
        entries: &[Candidate],
        ef: usize,
        layer: u8,
        scratch: &mut Search,
    ) {
        self.start_layer_search(entries, ef, scratch, &|_| true);
        while let Some(Nearest(current)) = scratch.candidates.pop() {
            if is_settled(current, ef, scratch) {
                break;
            }
            let neighbours = self.graph.neighbours(current.id, layer);
            self.offer_unvisited(query, neighbours, ef, scratch, true);
        }
    }

    /// Layer-0 search for a filter. Where most neighbours of a node pass, it walks like
    /// `search_layer`, through failing nodes too. Where few pass (a sparse neighbourhood), it
    /// follows ACORN: failing neighbours are not scored at all, and the passing neighbours of
    /// those failing neighbours (two hops away) are scored instead, so the walk stays on
    /// matching nodes and keeps finding them when they are rare. Generic over `accept`, so its
    /// test inlines: an indirect call per neighbour costs more in wasm than the test itself.
    pub(crate) fn search_layer0_filtered<A: RowFilter + ?Sized>(
        &self,
        query: &Query,
        entry: Candidate,
        ef: usize,
        scratch: &mut Search,
        accept: &A,
    ) {
        self.start_layer_search(&[entry], ef, scratch, accept);
        // Borrowed out of the scratch so `offer` can take `scratch` mutably.
        let mut passing = std::mem::take(&mut scratch.passing);
        let mut rejected = std::mem::take(&mut scratch.rejected);
        while let Some(Nearest(current)) = scratch.candidates.pop() {
            if is_settled(current, ef, scratch) {
                break;
            }
            let neighbours = self.graph.neighbours(current.id, 0);
            passing.clear();
            rejected.clear();
            for &neighbour in neighbours {
                if accept.passes(neighbour) {
                    passing.push(neighbour);
                } else {
                    rejected.push(neighbour);
                }
            }
            let sparse = (passing.len() as f32) < SPARSE_NEIGHBOURHOOD * neighbours.len() as f32;
            if sparse {
                self.offer_unvisited(query, &passing, ef, scratch, true);
                self.expand_two_hop(query, &rejected, ef, scratch, accept);
            } else {
                self.offer_unvisited(query, &passing, ef, scratch, true);
                self.offer_unvisited(query, &rejected, ef, scratch, false);
            }
        }
        scratch.passing = passing;
        scratch.rejected = rejected;
    }

    fn offer_unvisited(
        &self,
        query: &Query,
        ids: &[u32],
        ef: usize,
        scratch: &mut Search,
        passes: bool,
    ) {
        let mut fresh = std::mem::take(&mut scratch.fresh);
        self.collect_unvisited(ids, scratch, &mut fresh);
        for &id in &fresh {
            self.offer(query, id, ef, scratch, passes);
        }
        scratch.fresh = fresh;
    }

    /// Marks `ids` visited, keeping the new ones in `fresh` and prefetching their rows, so the
    /// distance computations that follow find them in cache.
    #[inline(always)]
    fn collect_unvisited(&self, ids: &[u32], scratch: &mut Search, fresh: &mut Vec<u32>) {
        fresh.clear();
        for &id in ids {
            if scratch.visited.insert(id) {
                self.prefetch(id);
                fresh.push(id);
            }
        }
    }

    /// Offers the passing neighbours of each rejected neighbour, stopping once `budget` new
    /// matches were found (as ACORN truncates the expanded list to `M`), so loose-ish filters
    /// do not pay for a full two-hop scan.
    fn expand_two_hop<A: RowFilter + ?Sized>(
        &self,
        query: &Query,
        rejected: &[u32],
        ef: usize,
        scratch: &mut Search,
        accept: &A,
    ) {
        let budget = self.graph.capacity(0);
        let mut fresh = std::mem::take(&mut scratch.fresh);
        fresh.clear();
        'gather: for &hop in rejected {
            for &second in self.graph.neighbours(hop, 0) {
                if accept.passes(second) && scratch.visited.insert(second) {
                    self.prefetch(second);
                    fresh.push(second);
                    if fresh.len() >= budget {
                        break 'gather;
                    }
                }
            }
        }
        for &id in &fresh {
            self.offer(query, id, ef, scratch, true);
        }
        scratch.fresh = fresh;
    }

    fn start_layer_search<A: RowFilter + ?Sized>(
        &self,
        entries: &[Candidate],
        ef: usize,
        scratch: &mut Search,
        accept: &A,
    ) {
        scratch.visited.reset(self.slot_count());
        scratch.candidates.clear();
        scratch.results.clear();
        for entry in entries {
            if scratch.visited.insert(entry.id) {
                scratch.candidates.push(Nearest(*entry));
                if accept.passes(entry.id) {
                    push_result(*entry, ef, scratch);
                }
            }
        }
    }

    /// Computes the distance of `id` and keeps it as a candidate (and as a result if it
    /// passes) unless `ef` accepted results are already all closer.
    #[inline(always)]
    fn offer(&self, query: &Query, id: u32, ef: usize, scratch: &mut Search, passes: bool) {
        let candidate = Candidate {
            distance: self.distance_to(query, id),
            id,
        };
        scratch.last_distance_count += 1;
        if scratch.results.len() >= ef
            && matches!(scratch.results.peek(), Some(worst) if candidate >= *worst)
        {
            return;
        }
        scratch.candidates.push(Nearest(candidate));
        if passes {
            push_result(candidate, ef, scratch);
        }
    }
}

/// The walk is done when the closest unexpanded node is farther than the `ef`-th result.
#[inline(always)]
fn is_settled(current: Candidate, ef: usize, scratch: &Search) -> bool {
    scratch.results.len() >= ef && matches!(scratch.results.peek(), Some(worst) if current > *worst)
}

#[inline(always)]
fn push_result(candidate: Candidate, ef: usize, scratch: &mut Search) {
    scratch.results.push(candidate);
    if scratch.results.len() > ef {
        scratch.results.pop();
    }
}
