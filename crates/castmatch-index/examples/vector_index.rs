//! The bare index as a WebAssembly module with a C ABI and no JavaScript glue: what the Node
//! benchmarks load (`benches/node/vector-index.mjs` wraps it in a small class). Raw vectors in,
//! ids out; filters by label run inside wasm, so a filter costs no JS call per visited node.
//! An int8 index keeps the f32 rows it was built from (the caller's vectors) to rank its final
//! candidates at full precision; a restored one is given them with `set_full_vectors`.
//!
//! ```sh
//! cargo build -p castmatch-index --example vector_index --target wasm32-unknown-unknown --profile wasm-small
//! ```

use castmatch_index::{dataset, Hit, Hnsw, HnswParams, Plan, Rescore, RowFilter, Search, Storage};

/// An index, its search scratch, one label per row, the full-precision rows of an int8 index,
/// the ids of the last search and the last snapshot written.
pub struct VectorIndex {
    index: Hnsw,
    scratch: Search,
    labels: Vec<u32>,
    /// Row-major f32 rows for rescoring (empty for an f32 index, or until given).
    full: Vec<f32>,
    query: Vec<f32>,
    results: Vec<u32>,
    snapshot: Vec<u8>,
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

/// Full-precision distances from the f32 rows the caller gave.
struct FullRows<'a> {
    rows: &'a [f32],
    dim: usize,
}

impl Rescore for FullRows<'_> {
    #[inline(always)]
    fn distance(&self, query: &[f32], id: u32) -> Option<f32> {
        let start = id as usize * self.dim;
        let row = self.rows.get(start..start + self.dim)?;
        Some(castmatch_index::cosine_distance(query, row))
    }
}

impl VectorIndex {
    fn build(data: &[f32], dim: usize, params: HnswParams, storage: Storage) -> Option<Self> {
        if dim == 0 || data.len() % dim != 0 {
            return None;
        }
        let rows = ndarray::ArrayView2::from_shape((data.len() / dim, dim), data).ok()?;
        let index = Hnsw::build_with(rows, params, storage, &mut |_, _| {});
        let full = match storage {
            Storage::F32 => Vec::new(),
            Storage::Int8 => data.to_vec(),
        };
        Some(Self::around(index, full))
    }

    fn around(index: Hnsw, full: Vec<f32>) -> Self {
        VectorIndex {
            query: vec![0.0; index.dim()],
            index,
            scratch: Search::default(),
            labels: Vec::new(),
            full,
            results: Vec::new(),
            snapshot: Vec::new(),
        }
    }

    fn keep(&mut self, hits: Vec<Hit>) -> usize {
        self.results = hits.iter().map(|hit| hit.id).collect();
        self.results.len()
    }

    /// The rescoring source, when there are full-precision rows to rescore with.
    fn full_rows(&self) -> Option<FullRows<'_>> {
        (!self.full.is_empty()).then_some(FullRows {
            rows: &self.full,
            dim: self.index.dim(),
        })
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

/// Builds from `len` floats, rows of `dim`, stored as f32 (`int8` 0) or int8 (`int8` 1, with
/// the f32 rows kept for rescoring); null when they do not make rows.
///
/// # Safety
/// `data` points at `len` readable floats.
#[no_mangle]
#[allow(clippy::too_many_arguments)]
pub unsafe extern "C" fn build(
    data: *const f32,
    len: usize,
    dim: usize,
    m: usize,
    ef_construction: usize,
    ef_search: usize,
    seed: u32,
    int8: u32,
) -> *mut VectorIndex {
    let params = HnswParams::default()
        .m(m)
        .ef_construction(ef_construction)
        .ef_search(ef_search)
        .seed(u64::from(seed));
    let storage = if int8 == 1 {
        Storage::Int8
    } else {
        Storage::F32
    };
    let data = std::slice::from_raw_parts(data, len);
    VectorIndex::build(data, dim, params, storage)
        .map_or(std::ptr::null_mut(), |index| Box::into_raw(Box::new(index)))
}

/// A zeroed buffer of `len` bytes for a snapshot; give it back with `free_u8`.
#[no_mangle]
pub extern "C" fn alloc_u8(len: usize) -> *mut u8 {
    Box::into_raw(vec![0u8; len].into_boxed_slice()).cast()
}

/// # Safety
/// `ptr` and `len` come from `alloc_u8`, freed once.
#[no_mangle]
pub unsafe extern "C" fn free_u8(ptr: *mut u8, len: usize) {
    drop(Box::from_raw(std::ptr::slice_from_raw_parts_mut(ptr, len)));
}

/// Restores an index from `len` snapshot bytes; null when they are refused (damaged,
/// truncated, another format).
///
/// # Safety
/// `bytes` points at `len` readable bytes.
#[no_mangle]
pub unsafe extern "C" fn restore(bytes: *const u8, len: usize) -> *mut VectorIndex {
    let bytes = std::slice::from_raw_parts(bytes, len);
    Hnsw::from_bytes(bytes).map_or(std::ptr::null_mut(), |index| {
        Box::into_raw(Box::new(VectorIndex::around(index, Vec::new())))
    })
}

/// Writes the index's snapshot; returns its length (read it at `snapshot_bytes`).
///
/// # Safety
/// `index` comes from `build` or `restore`.
#[no_mangle]
pub unsafe extern "C" fn snapshot(index: *mut VectorIndex) -> usize {
    let index = &mut *index;
    index.snapshot = index.index.to_bytes();
    index.snapshot.len()
}

/// The bytes of the last `snapshot`.
///
/// # Safety
/// `index` comes from `build` or `restore`.
#[no_mangle]
pub unsafe extern "C" fn snapshot_bytes(index: *const VectorIndex) -> *const u8 {
    (*index).snapshot.as_ptr()
}

/// Gives an int8 index the f32 rows to rescore with (`len` floats, one row per point); false
/// when the count is wrong.
///
/// # Safety
/// `index` comes from `build` or `restore`; `data` points at `len` readable floats.
#[no_mangle]
pub unsafe extern "C" fn set_full_vectors(
    index: *mut VectorIndex,
    data: *const f32,
    len: usize,
) -> bool {
    let index = &mut *index;
    if len != index.index.ids_assigned() * index.index.dim() {
        return false;
    }
    index.full = std::slice::from_raw_parts(data, len).to_vec();
    true
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
    if len != index.index.ids_assigned() {
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

/// The `k` nearest to the query by a graph walk with candidate list `ef` (no planner), ranked
/// at full precision when there are rows to rescore with.
///
/// # Safety
/// `index` comes from `build`.
#[no_mangle]
pub unsafe extern "C" fn search(index: *mut VectorIndex, k: usize, ef: usize) -> usize {
    let index = &mut *index;
    let mut scratch = std::mem::take(&mut index.scratch);
    let all = |_: u32| true;
    let hits = match index.full_rows() {
        Some(full) => {
            index
                .index
                .search_graph_rescored(&index.query, k, ef, &all, &full, &mut scratch)
        }
        None => index
            .index
            .search_graph(&index.query, k, ef, &all, &mut scratch),
    };
    index.scratch = scratch;
    index.keep(hits)
}

/// The `k` nearest whose label is below `threshold`, as the product searches: the planner
/// picks the exact scan or the filtered graph walk by estimated selectivity (then ranks at
/// full precision when there are rows to rescore with).
///
/// # Safety
/// `index` comes from `build`.
#[no_mangle]
pub unsafe extern "C" fn search_below(index: *mut VectorIndex, k: usize, threshold: u32) -> usize {
    let index = &mut *index;
    let mut scratch = std::mem::take(&mut index.scratch);
    let below = index.below(threshold);
    let hits = match index.full_rows() {
        Some(full) => index
            .index
            .search_rescored(&index.query, k, &below, &full, &mut scratch),
        None => index
            .index
            .search_filtered(&index.query, k, &below, &mut scratch),
    };
    index.scratch = scratch;
    index.keep(hits)
}

/// The exact `k` nearest whose label is below `threshold` at full precision: the ground truth
/// (a scan of the f32 rows of an int8 index, or of the f32 index itself).
///
/// # Safety
/// `index` comes from `build`.
#[no_mangle]
pub unsafe extern "C" fn exact_below(index: *mut VectorIndex, k: usize, threshold: u32) -> usize {
    let index = &mut *index;
    let below = index.below(threshold);
    let hits = match index.full_rows() {
        Some(full) => {
            let mut hits: Vec<Hit> = (0..index.index.ids_assigned() as u32)
                .filter(|&id| index.index.is_live(id) && below.passes(id))
                .filter_map(|id| {
                    let distance = full.distance(&index.query, id)?;
                    Some(Hit { id, distance })
                })
                .collect();
            hits.sort_unstable_by(|a, b| a.distance.total_cmp(&b.distance).then(a.id.cmp(&b.id)));
            hits.truncate(k);
            hits
        }
        None => index.index.exact(&index.query, k, &below),
    };
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
