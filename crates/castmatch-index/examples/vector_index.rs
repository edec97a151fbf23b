//! The bare index as a WebAssembly module with a C ABI and no JavaScript glue: what the Node
//! benchmarks load (`benches/node/vector-index.mjs` wraps it in a small class). Raw vectors in,
//! ids out; filters by label run inside wasm, so a filter costs no JS call per visited node.
//!
//! ```sh
//! cargo build -p castmatch-index --example vector_index --target wasm32-unknown-unknown --profile wasm-small
//! ```

use castmatch_index::{dataset, Hnsw, HnswParams, Plan, RowFilter, Search};

/// An index, its search scratch, one label per row and the ids of the last search.
pub struct VectorIndex {
    index: Hnsw,
    scratch: Search,
    labels: Vec<u32>,
    query: Vec<f32>,
    results: Vec<u32>,
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

impl VectorIndex {
    fn build(data: &[f32], dim: usize, params: HnswParams) -> Option<VectorIndex> {
        if dim == 0 || data.len() % dim != 0 {
            return None;
        }
        let rows = ndarray::ArrayView2::from_shape((data.len() / dim, dim), data).ok()?;
        Some(VectorIndex {
            index: Hnsw::build(rows, params, &mut |_, _| {}),
            scratch: Search::default(),
            labels: Vec::new(),
            query: vec![0.0; dim],
            results: Vec::new(),
        })
    }

    fn keep(&mut self, hits: Vec<castmatch_index::Hit>) -> usize {
        self.results = hits.iter().map(|hit| hit.id).collect();
        self.results.len()
    }

    fn below(&self, threshold: u32) -> Below<'_> {
        Below {
            labels: &self.labels,
            threshold,
        }
    }
}

/// A zeroed buffer of `len` floats for the caller to fill; give it back with `free_f32`.
#[no_mangle]
pub extern "C" fn alloc_f32(len: usize) -> *mut f32 {
    Box::into_raw(vec![0.0f32; len].into_boxed_slice()).cast()
}

/// A zeroed buffer of `len` u32s; give it back with `free_u32`.
#[no_mangle]
pub extern "C" fn alloc_u32(len: usize) -> *mut u32 {
    Box::into_raw(vec![0u32; len].into_boxed_slice()).cast()
}

/// # Safety
/// `ptr` and `len` come from `alloc_f32` or `dataset`, freed once.
#[no_mangle]
pub unsafe extern "C" fn free_f32(ptr: *mut f32, len: usize) {
    drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)));
}

/// # Safety
/// `ptr` and `len` come from `alloc_u32` or `labels`, freed once.
#[no_mangle]
pub unsafe extern "C" fn free_u32(ptr: *mut u32, len: usize) {
    drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)));
}

/// The seeded clustered vectors of the native benchmarks (`dataset::clustered`), `n * dim`
/// floats, so Node measures on exactly the data `cargo bench --bench recall` does.
#[no_mangle]
pub extern "C" fn dataset(n: usize, dim: usize, seed: u32) -> *mut f32 {
    let rows = dataset::clustered(n, dim, u64::from(seed))
        .into_raw_vec_and_offset()
        .0;
    Box::into_raw(rows.into_boxed_slice()).cast()
}

/// The native benchmarks' filter labels (`dataset::shuffled_labels`), `n` of them.
#[no_mangle]
pub extern "C" fn labels(n: usize, seed: u32) -> *mut u32 {
    let labels = dataset::shuffled_labels(n, u64::from(seed));
    Box::into_raw(labels.into_boxed_slice()).cast()
}

/// Builds from `len` floats, rows of `dim`; null when they do not make rows.
///
/// # Safety
/// `data` points at `len` readable floats.
#[no_mangle]
pub unsafe extern "C" fn build(
    data: *const f32,
    len: usize,
    dim: usize,
    m: usize,
    ef_construction: usize,
    ef_search: usize,
    seed: u32,
) -> *mut VectorIndex {
    let params = HnswParams::default()
        .m(m)
        .ef_construction(ef_construction)
        .ef_search(ef_search)
        .seed(u64::from(seed));
    let data = std::slice::from_raw_parts(data, len);
    VectorIndex::build(data, dim, params)
        .map_or(std::ptr::null_mut(), |index| Box::into_raw(Box::new(index)))
}

/// # Safety
/// `index` comes from `build`, freed once.
#[no_mangle]
pub unsafe extern "C" fn free_index(index: *mut VectorIndex) {
    drop(Box::from_raw(index));
}

/// Where the caller writes the next query (`dim` floats).
///
/// # Safety
/// `index` comes from `build`.
#[no_mangle]
pub unsafe extern "C" fn query_buffer(index: *mut VectorIndex) -> *mut f32 {
    (*index).query.as_mut_ptr()
}

/// The ids of the last search, as many as it returned.
///
/// # Safety
/// `index` comes from `build`.
#[no_mangle]
pub unsafe extern "C" fn results(index: *const VectorIndex) -> *const u32 {
    (*index).results.as_ptr()
}

/// One label per indexed row, copied from `len` u32s; false when the count is wrong.
///
/// # Safety
/// `index` comes from `build`; `labels` points at `len` readable u32s.
#[no_mangle]
pub unsafe extern "C" fn set_labels(
    index: *mut VectorIndex,
    labels: *const u32,
    len: usize,
) -> bool {
    let index = &mut *index;
    if len != index.index.vectors().nrows() {
        return false;
    }
    index.labels = std::slice::from_raw_parts(labels, len).to_vec();
    true
}

/// The `ef` the planner starts from for filtered searches.
///
/// # Safety
/// `index` comes from `build`.
#[no_mangle]
pub unsafe extern "C" fn set_ef_search(index: *mut VectorIndex, ef: usize) {
    (*index).index.set_ef_search(ef);
}

/// The `k` nearest to the query by a graph walk with candidate list `ef` (no planner).
///
/// # Safety
/// `index` comes from `build`.
#[no_mangle]
pub unsafe extern "C" fn search(index: *mut VectorIndex, k: usize, ef: usize) -> usize {
    let index = &mut *index;
    let hits = index
        .index
        .search_graph(&index.query, k, ef, &|_| true, &mut index.scratch);
    index.keep(hits)
}

/// The `k` nearest whose label is below `threshold`, as the product searches: the planner
/// picks the exact scan or the filtered graph walk by estimated selectivity.
///
/// # Safety
/// `index` comes from `build`.
#[no_mangle]
pub unsafe extern "C" fn search_below(index: *mut VectorIndex, k: usize, threshold: u32) -> usize {
    let index = &mut *index;
    let mut scratch = std::mem::take(&mut index.scratch);
    let hits = index
        .index
        .search_filtered(&index.query, k, &index.below(threshold), &mut scratch);
    index.scratch = scratch;
    index.keep(hits)
}

/// The exact `k` nearest whose label is below `threshold`: the ground truth.
///
/// # Safety
/// `index` comes from `build`.
#[no_mangle]
pub unsafe extern "C" fn exact_below(index: *mut VectorIndex, k: usize, threshold: u32) -> usize {
    let index = &mut *index;
    let hits = index.index.exact(&index.query, k, &index.below(threshold));
    index.keep(hits)
}

/// How the last search was answered: 0 none, 1 the exact scan, 2 the graph walk.
///
/// # Safety
/// `index` comes from `build`.
#[no_mangle]
pub unsafe extern "C" fn last_plan(index: *const VectorIndex) -> u32 {
    match (*index).scratch.last_plan() {
        None => 0,
        Some(Plan::Exact) => 1,
        Some(Plan::Graph { .. }) => 2,
    }
}

/// Bytes held by the index (vectors, graph, tombstones).
///
/// # Safety
/// `index` comes from `build`.
#[no_mangle]
pub unsafe extern "C" fn memory_bytes(index: *const VectorIndex) -> usize {
    (*index).index.memory_bytes()
}
