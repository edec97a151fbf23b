//! `Hnsw`: contiguous vector storage plus the graph, and the mutations (build, insert, delete,
//! update) that keep the graph navigable. Searching lives in `traverse`, `planner` and `exact`.

use ndarray::ArrayView2;

use super::graph::{Graph, MAX_LEVEL};
use super::scratch::{Candidate, Search};
use super::vectors::{Query, Rows, Storage};
use super::{HnswParams, IndexError};

/// A filter-aware HNSW index over L2-normalised vectors with cosine distance `1 - a·b`.
///
/// Ids are dense `u32`s in insertion order. Deleting tombstones a point: it keeps routing
/// searches but is never returned.
#[derive(Clone, Debug)]
pub struct Hnsw {
    pub(crate) params: HnswParams,
    pub(crate) dim: usize,
    /// Row-major `n x dim`, f32 or int8.
    pub(crate) rows: Rows,
    pub(crate) graph: Graph,
    pub(crate) deleted: Vec<bool>,
    pub(crate) live: usize,
    pub(crate) entry: Option<u32>,
    /// Scratch for inserts, kept to avoid allocating per insert.
    build_scratch: Search,
    /// Threads `build` and `extend` use.
    pub(crate) build_threads: usize,
}

/// Threads a batched build uses by default: every core with the `parallel` feature natively,
/// one otherwise.
fn default_build_threads() -> usize {
    #[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
    {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
    #[cfg(not(all(feature = "parallel", not(target_arch = "wasm32"))))]
    {
        1
    }
}

impl Hnsw {
    /// An empty index for vectors of `dim` components, stored as f32.
    pub fn new(dim: usize, params: HnswParams) -> Self {
        Self::with_storage(dim, params, Storage::F32)
    }

    /// An empty index for vectors of `dim` components, stored as `storage` says.
    pub fn with_storage(dim: usize, params: HnswParams, storage: Storage) -> Self {
        let params = params.sanitized();
        Self {
            params,
            dim,
            rows: Rows::new(storage),
            graph: Graph::new(params.m, params.m0()),
            deleted: Vec::new(),
            live: 0,
            entry: None,
            build_scratch: Search::default(),
            build_threads: default_build_threads(),
        }
    }

    /// Reassembles an index from validated snapshot parts.
    pub(crate) fn from_parts(
        params: HnswParams,
        dim: usize,
        rows: Rows,
        graph: Graph,
        deleted: Vec<bool>,
        entry: Option<u32>,
    ) -> Self {
        let live = deleted.iter().filter(|d| !**d).count();
        Self {
            params,
            dim,
            rows,
            graph,
            deleted,
            live,
            entry,
            build_scratch: Search::default(),
            build_threads: default_build_threads(),
        }
    }

    /// Builds at full precision (as [`Hnsw::build`]), then stores the vectors as `storage`
    /// says ([`Hnsw::into_storage`]): the graph of an f32 build at the memory of `storage`.
    pub fn build_with(
        vectors: ArrayView2<f32>,
        params: HnswParams,
        storage: Storage,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Self {
        Self::build(vectors, params, progress).into_storage(storage)
    }

    /// Adds a vector; returns its id.
    pub fn insert(&mut self, vector: &[f32]) -> Result<u32, IndexError> {
        let id = self.next_id(vector)?;
        let level = level_for(self.params.seed, id, self.params.m);
        self.append(vector, level);
        self.link(id, level);
        Ok(id)
    }

    /// Adds a vector without linking it into the graph; returns its id. For an index that is
    /// only scanned ([`Hnsw::exact`], [`Hnsw::shortlist`]), never walked: linking is most of
    /// an insert's cost, and a walk of such an index finds nothing past its entry.
    pub fn insert_unlinked(&mut self, vector: &[f32]) -> Result<u32, IndexError> {
        let id = self.next_id(vector)?;
        self.append(vector, 0);
        self.entry.get_or_insert(id);
        Ok(id)
    }

    /// The id the next vector gets, once `vector` is checked.
    fn next_id(&self, vector: &[f32]) -> Result<u32, IndexError> {
        self.check_vector(vector)?;
        u32::try_from(self.slot_count())
            .ok()
            .filter(|id| *id < u32::MAX)
            .ok_or(IndexError::Full(self.slot_count()))
    }

    /// Stores a checked vector as a live node of `level` with no links.
    fn append(&mut self, vector: &[f32], level: u8) {
        self.rows.push(vector);
        self.graph.push_node(level);
        self.deleted.push(false);
        self.live += 1;
    }

    /// Tombstones `id`: it is never returned again but still routes searches.
    pub fn delete(&mut self, id: u32) -> Result<(), IndexError> {
        self.check_live(id)?;
        if let Some(flag) = self.deleted.get_mut(id as usize) {
            *flag = true;
        }
        self.live -= 1;
        Ok(())
    }

    /// Replaces the vector of `id` and relinks it at its new position.
    ///
    /// Old in-links stay (they still lead somewhere sensible); the point's own links and the
    /// reverse links from its new neighbours are rebuilt on every layer it occupies.
    pub fn update(&mut self, id: u32, vector: &[f32]) -> Result<(), IndexError> {
        self.check_live(id)?;
        self.check_vector(vector)?;
        self.rows.set(id, self.dim, vector);
        let level = self.graph.level(id);
        self.link(id, level);
        Ok(())
    }

    /// Number of live (not deleted) points.
    pub fn len(&self) -> usize {
        self.live
    }

    /// True if no live point remains.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Ids ever assigned, deleted ones included: the next insert gets this id.
    pub fn ids_assigned(&self) -> usize {
        self.slot_count()
    }

    /// Number of components per vector.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// The parameters in use (after clamping to workable ranges).
    pub fn params(&self) -> HnswParams {
        self.params
    }

    /// Changes `ef_search` (at least 1) for the searches that follow; the graph is unchanged.
    pub fn set_ef_search(&mut self, ef_search: usize) {
        self.params.ef_search = ef_search.max(1);
    }

    /// The same graph with its vectors stored as `storage` says: f32 rows are quantised to
    /// int8, int8 rows decoded to f32. Building at full precision and storing int8 gives a
    /// slightly better graph than building on int8 codes (BENCHMARKS.md, issue 15).
    pub fn into_storage(mut self, storage: Storage) -> Self {
        if storage == self.storage() {
            return self;
        }
        let mut rows = Rows::new(storage);
        rows.reserve(self.slot_count(), self.dim);
        for id in 0..self.slot_count() as u32 {
            // Every id below `slot_count` has a row, so `decode` answers for each.
            rows.push(&self.rows.decode(id, self.dim).unwrap_or_default());
        }
        self.rows = rows;
        self
    }

    /// How the vectors are stored.
    pub fn storage(&self) -> Storage {
        self.rows.storage()
    }

    /// The vector of a live point of an f32 index (`None` for int8 storage: see
    /// [`Hnsw::decoded`]).
    pub fn vector(&self, id: u32) -> Option<&[f32]> {
        self.is_live(id)
            .then(|| self.rows.f32_row(id, self.dim))
            .flatten()
    }

    /// The vector of a live point as stored, decoded to f32 (int8 rows are dequantised).
    pub fn decoded(&self, id: u32) -> Option<Vec<f32>> {
        self.is_live(id)
            .then(|| self.rows.decode(id, self.dim))
            .flatten()
    }

    /// Cosine similarity `q·v` of `query` and the stored vector of each of `ids`, computed as
    /// searches compute it (so it ranks as they do), preparing the query once: `None` for a
    /// deleted or unknown id; all `None` for a query of the wrong dimension or not finite.
    pub fn similarities(
        &self,
        query: &[f32],
        ids: &[u32],
        search: &mut Search,
    ) -> Vec<Option<f32>> {
        let mut out = vec![None; ids.len()];
        if self.check_query(query) {
            self.prepare(query, search);
            for (similarity, &id) in out.iter_mut().zip(ids) {
                if self.is_live(id) {
                    *similarity = Some(1.0 - self.distance_to(&search.prepared, id));
                }
            }
        }
        out
    }

    /// All stored rows (deleted ones included) as an `n x dim` view; empty for int8 storage.
    pub fn vectors(&self) -> ArrayView2<'_, f32> {
        let rows = self.slot_count();
        let flat = match &self.rows {
            Rows::F32(values) => values.get(..rows * self.dim).unwrap_or(&[]),
            Rows::Int8 { .. } => &[],
        };
        let rows = if flat.is_empty() { 0 } else { rows };
        // Cannot fail (`vectors` holds exactly `rows * dim` values); the fallback is an empty view.
        ArrayView2::from_shape((rows, self.dim), flat).unwrap_or_else(|_| {
            const NO_ROWS: &[[f32; 0]] = &[];
            ArrayView2::from(NO_ROWS)
        })
    }

    /// True if `id` exists and is not deleted.
    #[inline(always)]
    pub fn is_live(&self, id: u32) -> bool {
        self.deleted.get(id as usize) == Some(&false)
    }

    /// Bytes held by the index: vectors, graph and tombstones.
    pub fn memory_bytes(&self) -> usize {
        self.rows.memory_bytes() + self.graph.memory_bytes() + self.deleted.capacity()
    }

    /// Ids ever assigned, deleted ones included.
    pub(crate) fn slot_count(&self) -> usize {
        self.deleted.len()
    }

    /// Starts loading the row of `id` into cache.
    #[inline(always)]
    pub(crate) fn prefetch(&self, id: u32) {
        self.rows.prefetch(id, self.dim);
    }

    #[inline(always)]
    pub(crate) fn distance_to(&self, query: &Query, id: u32) -> f32 {
        self.rows.distance(query, id, self.dim)
    }

    /// Puts `query` into the scratch in the form the rows need (int8 codes for int8 rows).
    pub(crate) fn prepare(&self, query: &[f32], search: &mut Search) {
        search.prepared.set(query, &self.rows);
    }

    pub(crate) fn check_query(&self, query: &[f32]) -> bool {
        query.len() == self.dim && query.iter().all(|x| x.is_finite())
    }

    fn check_vector(&self, vector: &[f32]) -> Result<(), IndexError> {
        if vector.len() != self.dim {
            return Err(IndexError::DimensionMismatch {
                expected: self.dim,
                found: vector.len(),
            });
        }
        match vector.iter().position(|x| !x.is_finite()) {
            Some(index) => Err(IndexError::NonFinite { index }),
            None => Ok(()),
        }
    }

    fn check_live(&self, id: u32) -> Result<(), IndexError> {
        match self.deleted.get(id as usize) {
            None => Err(IndexError::UnknownId(id)),
            Some(true) => Err(IndexError::Deleted(id)),
            Some(false) => Ok(()),
        }
    }

    /// Connects `id` (already stored with `level`) into every layer up to `level`.
    fn link(&mut self, id: u32, level: u8) {
        // When `id` is the entry point itself (an update), the walk starts from it: its old
        // links still lead into the graph, and it is dropped from its own candidates below.
        let Some(entry) = self.entry else {
            self.entry = Some(id);
            return;
        };
        let mut scratch = std::mem::take(&mut self.build_scratch);
        let mut query = std::mem::take(&mut scratch.query);
        self.rows.query_of(id, self.dim, &mut query);

        let top = self.graph.level(entry);
        let mut nearest = Candidate {
            distance: self.distance_to(&query, entry),
            id: entry,
        };
        for layer in (level.saturating_add(1)..=top).rev() {
            nearest = self.greedy_closest(&query, nearest, layer);
        }
        for layer in (0..=level.min(top)).rev() {
            self.search_layer(
                &query,
                &[nearest],
                self.params.ef_construction,
                layer,
                &mut scratch,
            );
            scratch.drain_results_sorted();
            scratch.found.retain(|c| c.id != id);
            if let Some(best) = scratch.found.first() {
                nearest = *best;
            }
            self.select_neighbours(self.params.m, &mut scratch);
            self.graph
                .set_neighbours(id, layer, scratch.selected.iter().map(|c| c.id));
            for neighbour in scratch.selected.clone() {
                self.add_link(neighbour.id, id, neighbour.distance, layer, &mut scratch);
            }
        }
        if level > top {
            self.entry = Some(id);
        }
        scratch.query = query;
        self.build_scratch = scratch;
    }

    /// The paper's heuristic (algorithm 4): take candidates closest first, keeping one only if
    /// it is closer to the base than to every kept one, so links point in diverse directions.
    /// Reads `scratch.found` (ascending), writes `scratch.selected`.
    pub(crate) fn select_neighbours(&self, limit: usize, scratch: &mut Search) {
        scratch.selected.clear();
        for candidate in &scratch.found {
            if scratch.selected.len() >= limit {
                break;
            }
            let diverse = scratch.selected.iter().all(|kept| {
                self.rows.between(candidate.id, kept.id, self.dim) > candidate.distance
            });
            if diverse {
                scratch.selected.push(*candidate);
            }
        }
    }

    /// Adds the link `from -> to` on `layer`, pruning `from`'s list with the heuristic if full.
    fn add_link(&mut self, from: u32, to: u32, distance: f32, layer: u8, scratch: &mut Search) {
        if self.graph.neighbours(from, layer).contains(&to) || self.graph.try_push(from, layer, to)
        {
            return;
        }
        scratch.found.clear();
        scratch.found.push(Candidate { distance, id: to });
        for &existing in self.graph.neighbours(from, layer) {
            scratch.found.push(Candidate {
                distance: self.rows.between(from, existing, self.dim),
                id: existing,
            });
        }
        scratch.found.sort_unstable();
        self.select_neighbours(self.graph.capacity(layer), scratch);
        self.graph
            .set_neighbours(from, layer, scratch.selected.iter().map(|c| c.id));
    }
}

/// Level of a new point, `floor(-ln(u) / ln M)` for `u` uniform: the largest `L` with
/// `u < M^-L`, decided on a 64-bit hash of seed and id against `2^64 / M^L` in integers, so
/// levels never depend on insertion history, the environment or a libm (native and wasm agree).
pub(crate) fn level_for(seed: u64, id: u32, m: usize) -> u8 {
    let bits = splitmix64(seed ^ u64::from(id).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let m = m.max(2) as u64;
    let mut level = 0;
    let mut threshold = u64::MAX / m;
    while bits < threshold && level < MAX_LEVEL {
        level += 1;
        threshold /= m;
    }
    level
}

pub(crate) fn splitmix64(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_follow_the_geometric_law() {
        let above_zero = (0..100_000).filter(|id| level_for(1, *id, 16) > 0).count();
        // P(level >= 1) = 1/M = 6.25%.
        assert!((5_500..7_000).contains(&above_zero), "{above_zero}");
    }
}
