//! The filtered-search planner: estimates a predicate's selectivity from a fixed seeded
//! sample, then runs the exact scan (strict filters) or the filtered graph walk (loose ones).

use super::hnsw::{splitmix64, Hnsw};
use super::rescore::{self, Rescore};
use super::scratch::Search;
use super::vectors::Storage;
use super::{Hit, RowFilter};

/// Ids (drawn with replacement) the planner tests the predicate on.
const SAMPLE_SIZE: usize = 512;
/// A filter expected to match fewer rows than this is answered by the exact scan: scoring a
/// few thousand rows is cheaper than a graph walk through mostly rejected nodes.
const EXACT_MAX_MATCHES: f64 = 2_000.0;
/// Likewise for filters passing less than this share of rows, whatever the index size: below
/// it the matching nodes are too thinly linked for the two-hop walk (recall@10 0.93 at 3% on
/// 100k), while the scan still costs well under a millisecond at 100k.
const EXACT_MAX_SELECTIVITY: f64 = 0.05;
/// Cap on how much a filter may multiply `ef`.
const MAX_EF_BOOST: f64 = 4.0;
/// Matching rows up to which `ef_search` suffices; beyond, `ef` grows as their number to the
/// power `EF_SCALE_EXPONENT`. On clustered data the top 10 lie in the core of the query's
/// cluster, which grows with the index, so a fixed `ef` covers less of it: on the recall
/// benchmark's 128 hard clusters the smallest `ef` reaching recall@10 0.98 unfiltered was 48 at
/// 100k, about 128 at 200k and about 800 at 1M (BENCHMARKS.md, issue 15, fifth stop).
const EF_SCALE_MATCHES: f64 = 100_000.0;
const EF_SCALE_EXPONENT: f64 = 1.2;
/// Cap on how much the number of matching rows may multiply `ef`: 12 (ef 768 unfiltered at 1M,
/// recall@10 0.982 there; at 10, 0.979) rather than the 16 the growth asks (ef 1015, 0.985):
/// an unfiltered walk at ef 1015 took 2.5 ms in wasm, past the 2 ms a search may take.
const MAX_EF_SCALE: f64 = 12.0;
/// The planner's cost model, in distance evaluations. A filtered walk costs about this many per
/// unit of `ef` at selectivity 1, growing as 1/sqrt(selectivity) as it crosses rejected nodes;
/// the exact scan costs one per matching row plus a predicate test (about a tenth of one) per
/// row. Fitted on the recall benchmark at 100k; it only overrules the thresholds above when
/// `ef` is large (at ef 512, a 10% filter is answered 4x faster by the scan).
const GRAPH_COST_PER_EF: f64 = 23.0;
const PREDICATE_COST: f64 = 0.1;

/// How a query is (or was) answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Plan {
    /// Flat scan over all rows, predicate first.
    Exact,
    /// HNSW walk with this candidate-list size.
    Graph {
        /// The candidate-list size of the walk.
        ef: usize,
    },
}

/// The planner's estimate of a filter.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Selectivity {
    /// Share of live rows passing, in `[0, 1]`.
    pub fraction: f64,
    /// `fraction * len()`.
    pub expected_matches: f64,
}

impl Hnsw {
    /// Estimates the share of live rows passing `filter` from 512 seeded pseudo-random ids.
    pub fn estimate_selectivity<F>(&self, filter: &F) -> Selectivity
    where
        F: RowFilter + ?Sized,
    {
        let rows = self.slot_count();
        if rows == 0 || self.live == 0 {
            return Selectivity {
                fraction: 0.0,
                expected_matches: 0.0,
            };
        }
        let (mut live, mut passing) = (0usize, 0usize);
        // Hashed picks, not a stride: a stride aliases with periodic ids (`id % 10 < 8`).
        for draw in 0..SAMPLE_SIZE as u64 {
            let id = (splitmix64(self.params.seed ^ draw) % rows as u64) as u32;
            if self.is_live(id) {
                live += 1;
                passing += usize::from(filter.passes(id));
            }
        }
        // Every sampled id deleted: no evidence, so assume the filter passes everything.
        let fraction = if live == 0 {
            1.0
        } else {
            passing as f64 / live as f64
        };
        Selectivity {
            fraction,
            expected_matches: fraction * self.live as f64,
        }
    }

    /// The plan `search_filtered` would run for `k` results under `filter`.
    pub fn plan<F>(&self, k: usize, filter: &F) -> Plan
    where
        F: RowFilter + ?Sized,
    {
        self.plan_for(k, self.estimate_selectivity(filter))
    }

    fn plan_for(&self, k: usize, selectivity: Selectivity) -> Plan {
        if selectivity.expected_matches < EXACT_MAX_MATCHES
            || selectivity.fraction < EXACT_MAX_SELECTIVITY
        {
            return Plan::Exact;
        }
        // Matches thin out in the graph as the filter tightens, so widen the walk, but gently:
        // the filtered walk already scores only matching nodes where they are sparse.
        let boost = (1.0 / selectivity.fraction).powf(0.25).min(MAX_EF_BOOST);
        let ef = (self.params.ef_search.max(k) as f64 * boost * many_matches_scale(selectivity))
            .ceil() as usize;
        let graph_cost = ef as f64 * GRAPH_COST_PER_EF / selectivity.fraction.sqrt();
        let exact_cost = self.live as f64 * (selectivity.fraction + PREDICATE_COST);
        if graph_cost > exact_cost {
            return Plan::Exact;
        }
        Plan::Graph { ef }
    }

    /// The `k` nearest live points, closest first (ties by id). Empty for `k = 0` or a query
    /// of the wrong dimension or with non-finite components.
    pub fn search(&self, query: &[f32], k: usize, scratch: &mut Search) -> Vec<Hit> {
        let everything = Selectivity {
            fraction: 1.0,
            expected_matches: self.live as f64,
        };
        let plan = self.plan_for(k, everything);
        self.execute(query, k, plan, &|_| true, scratch)
    }

    /// The `k` nearest live points passing `filter`. Plans by the filter's estimated
    /// selectivity; every returned hit passes the filter. If the graph walk finds fewer than
    /// `k` matches, the exact scan answers instead, so all matches are returned when there are
    /// at most `k`.
    pub fn search_filtered<F>(
        &self,
        query: &[f32],
        k: usize,
        filter: &F,
        scratch: &mut Search,
    ) -> Vec<Hit>
    where
        F: RowFilter + ?Sized,
    {
        let plan = self.plan(k, filter);
        self.execute(query, k, plan, filter, scratch)
    }

    /// The `k` nearest live points passing `filter`, ranked at full precision: planned and
    /// walked as [`Hnsw::search_filtered`] on the stored vectors, then the best `4k` (at least
    /// `k + 16`) candidates are rescored with `rescore`'s distances. For an int8 index this
    /// gives the recall of an f32 one (BENCHMARKS.md, issue 15); on an f32 index only the `k`
    /// results are rescored.
    pub fn search_rescored<F, R>(
        &self,
        query: &[f32],
        k: usize,
        filter: &F,
        rescore: &R,
        scratch: &mut Search,
    ) -> Vec<Hit>
    where
        F: RowFilter + ?Sized,
        R: Rescore + ?Sized,
    {
        let depth = self.rescore_depth(k);
        let plan = self.plan(depth, filter);
        let mut hits = self.execute(query, depth, plan, filter, scratch);
        rescore::rescore(&mut hits, query, k, rescore);
        hits
    }

    /// Graph search with an explicit `ef`, no planning and no fallback (for tuning and
    /// benchmarks).
    pub fn search_graph<F>(
        &self,
        query: &[f32],
        k: usize,
        ef: usize,
        filter: &F,
        scratch: &mut Search,
    ) -> Vec<Hit>
    where
        F: RowFilter + ?Sized,
    {
        scratch.frontier.distances = 0;
        scratch.last_plan = Some(Plan::Graph { ef });
        if k == 0 || !self.check_query(query) {
            return Vec::new();
        }
        self.prepare(query, scratch);
        let query = std::mem::take(&mut scratch.prepared);
        self.descend(&query, scratch);
        let entries = std::mem::take(&mut scratch.entries);
        let accept = LiveAnd {
            index: self,
            filter,
        };
        // No entries (an empty graph) leaves the walk, and so the answer, empty.
        self.search_layer0_filtered(&query, &entries, ef.max(k), scratch, &accept);
        scratch.prepared = query;
        scratch.entries = entries;
        scratch.drain_results_sorted();
        scratch
            .found
            .iter()
            .take(k)
            .map(|c| Hit::from(*c))
            .collect()
    }

    /// [`Hnsw::search_graph`] for `rescore::depth(k)` candidates, then ranked at full precision
    /// as [`Hnsw::search_rescored`] does (for tuning and benchmarks).
    pub fn search_graph_rescored<F, R>(
        &self,
        query: &[f32],
        k: usize,
        ef: usize,
        filter: &F,
        rescore: &R,
        scratch: &mut Search,
    ) -> Vec<Hit>
    where
        F: RowFilter + ?Sized,
        R: Rescore + ?Sized,
    {
        let mut hits = self.search_graph(query, self.rescore_depth(k), ef, filter, scratch);
        rescore::rescore(&mut hits, query, k, rescore);
        hits
    }

    /// Candidates rescored for `k` results: `k` on an f32 index, more on an int8 one.
    fn rescore_depth(&self, k: usize) -> usize {
        match self.storage() {
            Storage::F32 => k,
            Storage::Int8 => rescore::depth(k),
        }
    }

    fn execute<F>(
        &self,
        query: &[f32],
        k: usize,
        plan: Plan,
        filter: &F,
        scratch: &mut Search,
    ) -> Vec<Hit>
    where
        F: RowFilter + ?Sized,
    {
        if query.iter().all(|&x| x == 0.0) && self.check_query(query) {
            // Every row is as near as any other: a walk would score thousands for nothing.
            scratch.last_plan = Some(Plan::Exact);
            return self.first_passing(k, filter);
        }
        if let Plan::Graph { ef } = plan {
            let hits = self.search_graph(query, k, ef, filter, scratch);
            if hits.len() >= k || !self.check_query(query) {
                return hits;
            }
        }
        scratch.last_plan = Some(Plan::Exact);
        self.exact(query, k, filter)
    }
}

/// How much more `ef` a walk needs because many rows match: 1 up to `EF_SCALE_MATCHES`.
fn many_matches_scale(selectivity: Selectivity) -> f64 {
    (selectivity.expected_matches / EF_SCALE_MATCHES)
        .max(1.0)
        .powf(EF_SCALE_EXPONENT)
        .min(MAX_EF_SCALE)
}

/// A live point passing `filter`: what the graph walk may return.
struct LiveAnd<'a, F: ?Sized> {
    index: &'a Hnsw,
    filter: &'a F,
}

impl<F: RowFilter + ?Sized> RowFilter for LiveAnd<'_, F> {
    #[inline(always)]
    fn passes(&self, id: u32) -> bool {
        self.index.is_live(id) && self.filter.passes(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scale_at(matches: f64) -> f64 {
        many_matches_scale(Selectivity {
            fraction: 1.0,
            expected_matches: matches,
        })
    }

    #[test]
    fn ef_grows_with_the_matching_rows_past_100k_and_is_capped() {
        assert_eq!(scale_at(0.0), 1.0);
        assert_eq!(scale_at(100_000.0), 1.0, "100k and below keep ef_search");
        let (at_200k, at_1m) = (scale_at(200_000.0), scale_at(1_000_000.0));
        assert!((2.2..2.4).contains(&at_200k), "{at_200k}");
        assert_eq!(at_1m, MAX_EF_SCALE, "{at_1m}");
        assert!(scale_at(600_000.0) < MAX_EF_SCALE);
        assert_eq!(scale_at(1e8), MAX_EF_SCALE);
    }
}
