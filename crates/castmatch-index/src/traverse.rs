//! Graph traversal: the descent through upper layers (greedy, then a beam on layer 1) and the
//! best-first layer search, including the filtered layer-0 walk with two-hop expansion.

use super::hnsw::Hnsw;
use super::scratch::{Candidate, Frontier, Ids, Nearest, Search, Visited};
use super::vectors::Query;
use super::RowFilter;

/// Below this share of accepted neighbours a node's neighbourhood counts as sparse, and the
/// walk also looks at neighbours of its rejected neighbours (ACORN-style two-hop expansion).
const SPARSE_NEIGHBOURHOOD: f32 = 0.25;
/// Width of the layer-1 beam whose results start the layer-0 walk. On 1M points in 128 hard
/// clusters a greedy descent left 4.5% of unfiltered queries (5% at a 10% filter) in a region
/// holding none of their top 10; a beam of 16 left 0.5% at a 10% filter, 32 none
/// (BENCHMARKS.md, issue 15, fifth stop). At 100k it costs a few microseconds a query.
const LAYER1_BEAM: usize = 32;

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

    /// Descends from the entry point to layer 0 and leaves the walk's starting points in
    /// `scratch.entries` (none for an empty graph): greedy on the layers above 1, then the
    /// best `LAYER1_BEAM` of a beam search on layer 1, so one wrong turn high up (into a
    /// cluster next to the query's) does not leave the layer-0 walk in the wrong cluster.
    pub(crate) fn descend(&self, query: &Query, scratch: &mut Search) {
        scratch.entries.clear();
        let Some(entry) = self.entry else {
            return;
        };
        let mut nearest = Candidate {
            distance: self.distance_to(query, entry),
            id: entry,
        };
        scratch.frontier.distances += 1;
        let top = self.graph.level(entry);
        for layer in (2..=top).rev() {
            nearest = self.greedy_closest(query, nearest, layer);
        }
        if top == 0 {
            scratch.entries.push(nearest);
            return;
        }
        self.search_layer(query, &[nearest], LAYER1_BEAM, 1, scratch);
        let Search {
            frontier, entries, ..
        } = scratch;
        entries.extend(frontier.results.drain());
    }

    /// Best-first search of one layer (the paper's algorithm 2), as inserts use it: every
    /// reached node routes the walk and may enter the results (at most `ef`).
    pub(crate) fn search_layer(
        &self,
        query: &Query,
        entries: &[Candidate],
        ef: usize,
        layer: u8,
        scratch: &mut Search,
    ) {
        self.start_layer_search(entries, ef, scratch, &|_| true);
        let Search {
            visited,
            frontier,
            fresh,
            ..
        } = scratch;
        while let Some(Nearest(current)) = frontier.candidates.pop() {
            if frontier.is_settled(current, ef) {
                break;
            }
            let neighbours = self.graph.neighbours(current.id, layer);
            self.offer_unvisited(query, neighbours, ef, visited, fresh, frontier, &|_| true);
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
        entries: &[Candidate],
        ef: usize,
        scratch: &mut Search,
        accept: &A,
    ) {
        self.start_layer_search(entries, ef, scratch, accept);
        let Search {
            visited,
            frontier,
            fresh,
            ..
        } = scratch;
        while let Some(Nearest(current)) = frontier.candidates.pop() {
            if frontier.is_settled(current, ef) {
                break;
            }
            let neighbours = self.graph.neighbours(current.id, 0);
            let mut passing = 0usize;
            for &neighbour in neighbours {
                passing += usize::from(accept.passes(neighbour));
            }
            if (passing as f32) < SPARSE_NEIGHBOURHOOD * neighbours.len() as f32 {
                self.offer_sparse(query, neighbours, ef, visited, fresh, frontier, accept);
            } else {
                self.offer_unvisited(query, neighbours, ef, visited, fresh, frontier, accept);
            }
        }
    }

    /// Offers every unvisited id of `ids`, as a result if it passes `accept`.
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn offer_unvisited<A: RowFilter + ?Sized>(
        &self,
        query: &Query,
        ids: &[u32],
        ef: usize,
        visited: &mut Visited,
        fresh: &mut Ids,
        frontier: &mut Frontier,
        accept: &A,
    ) {
        fresh.clear();
        for &id in ids {
            if visited.insert(id) {
                // Every row is asked for before the first is read, so the misses overlap.
                self.prefetch(id);
                fresh.push(id);
            }
        }
        for &id in fresh.as_slice() {
            let distance = self.distance_to(query, id);
            frontier.offer(Candidate { distance, id }, ef, accept.passes(id));
        }
    }

    /// A sparse neighbourhood: offers the passing neighbours, then the passing neighbours of
    /// the failing ones, stopping once `M_max0` new matches were gathered (as ACORN truncates
    /// the expanded list), so loose-ish filters do not pay for a full two-hop scan.
    #[allow(clippy::too_many_arguments)]
    fn offer_sparse<A: RowFilter + ?Sized>(
        &self,
        query: &Query,
        neighbours: &[u32],
        ef: usize,
        visited: &mut Visited,
        fresh: &mut Ids,
        frontier: &mut Frontier,
        accept: &A,
    ) {
        fresh.clear();
        for &id in neighbours {
            if accept.passes(id) && visited.insert(id) {
                self.prefetch(id);
                fresh.push(id);
            }
        }
        let budget = fresh.len() + self.graph.capacity(0);
        'gather: for &hop in neighbours {
            if accept.passes(hop) {
                continue;
            }
            for &second in self.graph.neighbours(hop, 0) {
                if fresh.len() >= budget {
                    break 'gather;
                }
                if accept.passes(second) && visited.insert(second) {
                    self.prefetch(second);
                    fresh.push(second);
                }
            }
        }
        for &id in fresh.as_slice() {
            let distance = self.distance_to(query, id);
            frontier.offer(Candidate { distance, id }, ef, true);
        }
    }

    fn start_layer_search<A: RowFilter + ?Sized>(
        &self,
        entries: &[Candidate],
        ef: usize,
        scratch: &mut Search,
        accept: &A,
    ) {
        scratch.visited.reset(self.slot_count());
        let frontier = &mut scratch.frontier;
        frontier.candidates.clear();
        frontier.results.clear();
        for entry in entries {
            if scratch.visited.insert(entry.id) {
                frontier.candidates.push(Nearest(*entry));
                if accept.passes(entry.id) {
                    frontier.keep(*entry, ef);
                }
            }
        }
    }
}
