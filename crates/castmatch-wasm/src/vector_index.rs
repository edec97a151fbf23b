//! `VectorIndex`: the bare HNSW index as a JS class, for the benchmarks in `benches/node/` (raw
//! vectors in, ids out, filters evaluated inside wasm); it delegates to `crate::index`.

use wasm_bindgen::prelude::*;

use super::from_js;
use crate::index::{dataset, Hnsw, HnswParams, Plan, RowFilter, Search};

/// An HNSW index over caller-supplied L2-normalised vectors, plus one `u32` label per row for
/// filtered searches (`label < threshold`), so a filter costs no JS call per visited node.
#[wasm_bindgen]
pub struct VectorIndex {
    index: Hnsw,
    scratch: Search,
    labels: Vec<u32>,
}

#[wasm_bindgen]
impl VectorIndex {
    /// Builds from `data`, `rows x dim` row-major; ids are row numbers.
    pub fn build(
        data: &[f32],
        dim: usize,
        m: usize,
        ef_construction: usize,
        ef_search: usize,
        seed: u32,
    ) -> Result<VectorIndex, JsError> {
        let params = HnswParams::default()
            .m(m)
            .ef_construction(ef_construction)
            .ef_search(ef_search)
            .seed(u64::from(seed));
        Self::from_rows(data, dim, params)
    }

    /// Builds with `params` as the native benchmark report writes them
    /// (`{m, ef_construction, ef_search, seed}`).
    #[wasm_bindgen(js_name = buildWithParams)]
    pub fn build_with_params(
        data: &[f32],
        dim: usize,
        params: JsValue,
    ) -> Result<VectorIndex, JsError> {
        Self::from_rows(data, dim, from_js(params, "params")?)
    }

    fn from_rows(data: &[f32], dim: usize, params: HnswParams) -> Result<VectorIndex, JsError> {
        if dim == 0 || data.len() % dim != 0 {
            return Err(JsError::new(&format!(
                "{} values do not make rows of {dim} components",
                data.len()
            )));
        }
        let rows = ndarray::ArrayView2::from_shape((data.len() / dim, dim), data)
            .map_err(|e| JsError::new(&e.to_string()))?;
        Ok(VectorIndex {
            index: Hnsw::build(rows, params, &mut |_, _| {}),
            scratch: Search::default(),
            labels: Vec::new(),
        })
    }

    /// The seeded clustered vectors of the native benchmarks (`index::dataset::clustered`),
    /// row-major, so Node measures on exactly the data `cargo bench --bench recall` does.
    pub fn dataset(n: usize, dim: usize, seed: u32) -> Vec<f32> {
        dataset::clustered(n, dim, u64::from(seed))
            .into_raw_vec_and_offset()
            .0
    }

    /// The native benchmarks' filter labels (`index::dataset::shuffled_labels`).
    pub fn labels(n: usize, seed: u32) -> Vec<u32> {
        dataset::shuffled_labels(n, u64::from(seed))
    }

    /// The exact `k` nearest ids whose label is below `threshold`: the ground truth.
    #[wasm_bindgen(js_name = exactBelow)]
    pub fn exact_below(&self, query: &[f32], k: usize, threshold: u32) -> Vec<u32> {
        let passes = Below {
            labels: &self.labels,
            threshold,
        };
        let hits = self.index.exact(query, k, &passes);
        hits.iter().map(|hit| hit.id).collect()
    }

    /// The `k` nearest ids by a graph walk with candidate list `ef` (no planner, no fallback).
    pub fn search(&mut self, query: &[f32], k: usize, ef: usize) -> Vec<u32> {
        let hits = self
            .index
            .search_graph(query, k, ef, &|_| true, &mut self.scratch);
        hits.iter().map(|hit| hit.id).collect()
    }

    /// One label per row, for `searchBelow`.
    #[wasm_bindgen(js_name = setLabels)]
    pub fn set_labels(&mut self, labels: Vec<u32>) -> Result<(), JsError> {
        if labels.len() != self.index.vectors().nrows() {
            return Err(JsError::new("one label per indexed row is needed"));
        }
        self.labels = labels;
        Ok(())
    }

    /// The `ef` the planner starts from for filtered searches (it raises it for selective
    /// filters). Bench-only knob: the product uses the value the index was built with.
    #[wasm_bindgen(js_name = setEfSearch)]
    pub fn set_ef_search(&mut self, ef: usize) {
        self.index.params.ef_search = ef.max(1);
    }

    /// The `k` nearest ids whose label is below `threshold`, as the product searches: the
    /// planner picks the exact scan or the filtered graph walk by estimated selectivity.
    #[wasm_bindgen(js_name = searchBelow)]
    pub fn search_below(&mut self, query: &[f32], k: usize, threshold: u32) -> Vec<u32> {
        let passes = Below {
            labels: &self.labels,
            threshold,
        };
        let hits = self
            .index
            .search_filtered(query, k, &passes, &mut self.scratch);
        hits.iter().map(|hit| hit.id).collect()
    }

    /// How the last search was answered: `"exact"` or `"graph"`.
    #[wasm_bindgen(js_name = lastPlan)]
    pub fn last_plan(&self) -> String {
        match self.scratch.last_plan() {
            Some(Plan::Exact) => "exact".into(),
            Some(Plan::Graph { .. }) => "graph".into(),
            None => "none".into(),
        }
    }

    /// Bytes held by the index (vectors, graph, tombstones).
    #[wasm_bindgen(js_name = memoryBytes)]
    pub fn memory_bytes(&self) -> usize {
        self.index.memory_bytes()
    }
}

/// The benchmarks' filter: labels below a threshold keep exactly that share of the rows.
struct Below<'a> {
    labels: &'a [u32],
    threshold: u32,
}

impl RowFilter for Below<'_> {
    #[inline(always)]
    fn passes(&self, id: u32) -> bool {
        matches!(self.labels.get(id as usize), Some(label) if *label < self.threshold)
    }
}
