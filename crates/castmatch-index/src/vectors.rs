//! Vector storage: owns how rows are kept (f32, or int8 with one scale per row) and the
//! distance between a prepared query and a row, or between two rows.
//!
//! Int8 rows are `round(v / s)` with `s = max|v| / 127`, a quarter of the memory of f32, in
//! 64-byte-aligned lines (a row of 64 codes is one cache line); the query is quantised the same
//! way once per search, so every distance is an exact integer dot product scaled by
//! `s_query * s_row` (simd128 in wasm). Searches can rescore their final candidates at full
//! precision (`rescore`).

use super::distance::{dot, dot_i8, prefetch_bytes};

/// How an index stores its vectors.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Storage {
    /// Four bytes a component: exact.
    #[default]
    F32,
    /// One byte a component and a 4-byte scale per row: a quarter of the memory and of the
    /// snapshot. Cosine distances move by about 0.001 for unit vectors of 64 to 128
    /// components; [`Hnsw::search_rescored`](crate::Hnsw::search_rescored) ranks the final
    /// candidates at full precision.
    Int8,
}

/// The stored rows, row-major.
#[derive(Clone, Debug)]
pub(crate) enum Rows {
    F32(Vec<f32>),
    Int8 { codes: Codes, scales: Vec<f32> },
}

/// A query in the form the rows need: the values, and their int8 codes for int8 rows.
#[derive(Clone, Debug, Default)]
pub(crate) struct Query {
    pub(crate) values: Vec<f32>,
    pub(crate) codes: Vec<i8>,
    pub(crate) scale: f32,
}

impl Query {
    /// Prepares `values` for `rows` (quantises them when the rows are int8).
    pub(crate) fn set(&mut self, values: &[f32], rows: &Rows) {
        self.values.clear();
        self.values.extend_from_slice(values);
        if let Rows::Int8 { .. } = rows {
            self.scale = quantise_into(values, &mut self.codes);
        }
    }
}

/// Quantises `values` into `codes` (cleared first); returns the scale. Codes stay in
/// `-127..=127`, so two products of codes add up without leaving i16 (the simd128 kernel).
pub(crate) fn quantise_into(values: &[f32], codes: &mut Vec<i8>) -> f32 {
    let mut max = 0f32;
    for &x in values {
        max = max.max(x.abs());
    }
    let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
    codes.clear();
    for &x in values {
        codes.push((x / scale).round().clamp(-127.0, 127.0) as i8);
    }
    scale
}

/// One cache line of codes.
#[derive(Clone, Copy)]
#[repr(C, align(64))]
struct Line([i8; 64]);

/// Int8 codes in 64-byte-aligned memory: the allocator aligns to 8 or 16 bytes, and a row of 64
/// codes that straddles two cache lines costs two misses where one would do.
#[derive(Clone, Default)]
pub(crate) struct Codes {
    lines: Vec<Line>,
    /// Codes in use (the last line may be partly filled).
    len: usize,
}

impl std::fmt::Debug for Codes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Codes({} bytes)", self.len)
    }
}

impl Codes {
    pub(crate) fn from_bytes(bytes: &[u8]) -> Self {
        let mut codes = Codes::default();
        codes.reserve_exact(bytes.len());
        codes.lines.resize(bytes.len().div_ceil(64), Line([0; 64]));
        // One bulk copy (a restore reads megabytes here; a loop of casts is slow at opt-level z).
        // SAFETY: u8 and i8 have one size and alignment, and every bit pattern is valid in both.
        let signed =
            unsafe { std::slice::from_raw_parts(bytes.as_ptr().cast::<i8>(), bytes.len()) };
        codes.whole_mut()[..bytes.len()].copy_from_slice(signed);
        codes.len = bytes.len();
        codes
    }

    #[inline(always)]
    pub(crate) fn as_slice(&self) -> &[i8] {
        // SAFETY: `Line` is `repr(C)` around `[i8; 64]` (size 64, no padding), so the lines are
        // `64 * lines.len()` initialised i8s, and `len` never exceeds that.
        unsafe { std::slice::from_raw_parts(self.lines.as_ptr().cast::<i8>(), self.len) }
    }

    /// Every code of every line, the unused tail of the last line included.
    fn whole_mut(&mut self) -> &mut [i8] {
        let len = 64 * self.lines.len();
        // SAFETY: as in `as_slice`, through a unique borrow.
        unsafe { std::slice::from_raw_parts_mut(self.lines.as_mut_ptr().cast::<i8>(), len) }
    }

    fn reserve_exact(&mut self, additional: usize) {
        let lines = (self.len + additional).div_ceil(64);
        self.lines
            .reserve_exact(lines.saturating_sub(self.lines.len()));
    }

    fn extend_from_slice(&mut self, codes: &[i8]) {
        let end = self.len + codes.len();
        self.lines.resize(end.div_ceil(64), Line([0; 64]));
        let start = self.len;
        if let Some(slot) = self.whole_mut().get_mut(start..end) {
            slot.copy_from_slice(codes);
        }
        self.len = end;
    }

    fn get_mut(&mut self, range: std::ops::Range<usize>) -> Option<&mut [i8]> {
        if range.end > self.len {
            return None;
        }
        self.whole_mut().get_mut(range)
    }

    fn capacity_bytes(&self) -> usize {
        64 * self.lines.capacity()
    }
}

impl Rows {
    pub(crate) fn new(storage: Storage) -> Self {
        match storage {
            Storage::F32 => Rows::F32(Vec::new()),
            Storage::Int8 => Rows::Int8 {
                codes: Codes::default(),
                scales: Vec::new(),
            },
        }
    }

    pub(crate) fn storage(&self) -> Storage {
        match self {
            Rows::F32(_) => Storage::F32,
            Rows::Int8 { .. } => Storage::Int8,
        }
    }

    pub(crate) fn reserve(&mut self, rows: usize, dim: usize) {
        match self {
            Rows::F32(values) => values.reserve_exact(rows * dim),
            Rows::Int8 { codes, scales } => {
                codes.reserve_exact(rows * dim);
                scales.reserve_exact(rows);
            }
        }
    }

    /// Appends a row (checked by the caller: `dim` finite components).
    pub(crate) fn push(&mut self, vector: &[f32]) {
        match self {
            Rows::F32(values) => values.extend_from_slice(vector),
            Rows::Int8 { codes, scales } => {
                let mut row = Vec::with_capacity(vector.len());
                scales.push(quantise_into(vector, &mut row));
                codes.extend_from_slice(&row);
            }
        }
    }

    /// Replaces row `id`.
    pub(crate) fn set(&mut self, id: u32, dim: usize, vector: &[f32]) {
        let start = id as usize * dim;
        match self {
            Rows::F32(values) => {
                if let Some(row) = values.get_mut(start..start + dim) {
                    row.copy_from_slice(vector);
                }
            }
            Rows::Int8 { codes, scales } => {
                let mut row = Vec::with_capacity(dim);
                let scale = quantise_into(vector, &mut row);
                if let (Some(slot), Some(s)) = (
                    codes.get_mut(start..start + dim),
                    scales.get_mut(id as usize),
                ) {
                    slot.copy_from_slice(&row);
                    *s = scale;
                }
            }
        }
    }

    /// Row `id` of an f32 store (`None` for int8 rows or an unknown id).
    #[inline(always)]
    pub(crate) fn f32_row(&self, id: u32, dim: usize) -> Option<&[f32]> {
        let start = id as usize * dim;
        match self {
            Rows::F32(values) => values.get(start..start + dim),
            Rows::Int8 { .. } => None,
        }
    }

    /// Row `id` as the query it would be when linked: its values and (int8) its own codes.
    pub(crate) fn query_of(&self, id: u32, dim: usize, query: &mut Query) {
        let start = id as usize * dim;
        match self {
            Rows::F32(values) => {
                query.values.clear();
                query
                    .values
                    .extend_from_slice(values.get(start..start + dim).unwrap_or(&[]));
            }
            Rows::Int8 { codes, scales } => {
                let row = codes.as_slice().get(start..start + dim).unwrap_or(&[]);
                query.scale = scales.get(id as usize).copied().unwrap_or(1.0);
                query.codes.clear();
                query.codes.extend_from_slice(row);
                query.values.clear();
                for &code in row {
                    query.values.push(f32::from(code) * query.scale);
                }
            }
        }
    }

    /// Cosine distance `1 - q·row` between a prepared query and row `id`.
    #[inline(always)]
    pub(crate) fn distance(&self, query: &Query, id: u32, dim: usize) -> f32 {
        let start = id as usize * dim;
        match self {
            Rows::F32(values) => {
                1.0 - dot(&query.values, values.get(start..start + dim).unwrap_or(&[]))
            }
            Rows::Int8 { codes, scales } => {
                let row = codes.as_slice().get(start..start + dim).unwrap_or(&[]);
                let scale = scales.get(id as usize).copied().unwrap_or(0.0);
                1.0 - dot_i8(&query.codes, row) as f32 * (query.scale * scale)
            }
        }
    }

    /// Cosine distance between rows `a` and `b`; symmetric, and equal to `distance` from the
    /// query `query_of(a)` to `b`.
    #[inline(always)]
    pub(crate) fn between(&self, a: u32, b: u32, dim: usize) -> f32 {
        let row = |id: u32| id as usize * dim..(id as usize + 1) * dim;
        match self {
            Rows::F32(values) => {
                1.0 - dot(
                    values.get(row(a)).unwrap_or(&[]),
                    values.get(row(b)).unwrap_or(&[]),
                )
            }
            Rows::Int8 { codes, scales } => int8_between(codes.as_slice(), scales, a, b, dim),
        }
    }

    /// Starts loading row `id` into cache.
    #[inline(always)]
    pub(crate) fn prefetch(&self, id: u32, dim: usize) {
        let start = id as usize * dim;
        match self {
            Rows::F32(values) => {
                if let Some(row) = values.get(start..start + dim) {
                    prefetch_bytes(row.as_ptr().cast(), 4 * dim);
                }
            }
            Rows::Int8 { codes, scales } => {
                if let Some(row) = codes.as_slice().get(start..start + dim) {
                    prefetch_bytes(row.as_ptr().cast(), dim);
                }
                if let Some(scale) = scales.get(id as usize) {
                    prefetch_bytes((scale as *const f32).cast(), 1);
                }
            }
        }
    }

    /// Row `id` decoded to f32 (int8 rows are dequantised).
    pub(crate) fn decode(&self, id: u32, dim: usize) -> Option<Vec<f32>> {
        let mut query = Query::default();
        let start = id as usize * dim;
        let len = match self {
            Rows::F32(values) => values.len(),
            Rows::Int8 { codes, .. } => codes.as_slice().len(),
        };
        (start + dim <= len).then(|| {
            self.query_of(id, dim, &mut query);
            query.values
        })
    }

    pub(crate) fn memory_bytes(&self) -> usize {
        match self {
            Rows::F32(values) => 4 * values.capacity(),
            Rows::Int8 { codes, scales } => codes.capacity_bytes() + 4 * scales.capacity(),
        }
    }
}

/// `Rows::between` for int8 rows, out of line: it serves inserts, not the search loop, and
/// inlined into each caller it cost the chat module size.
#[inline(never)]
fn int8_between(codes: &[i8], scales: &[f32], a: u32, b: u32, dim: usize) -> f32 {
    let row = |id: u32| {
        codes
            .get(id as usize * dim..(id as usize + 1) * dim)
            .unwrap_or(&[])
    };
    let scale = |id: u32| scales.get(id as usize).copied().unwrap_or(0.0);
    1.0 - dot_i8(row(a), row(b)) as f32 * (scale(a) * scale(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(seed: u32, dim: usize) -> Vec<f32> {
        let mut s = seed.wrapping_mul(2_654_435_761) | 1;
        let v: Vec<f32> = (0..dim)
            .map(|_| {
                s ^= s << 13;
                s ^= s >> 17;
                s ^= s << 5;
                (s as f32 / u32::MAX as f32) - 0.5
            })
            .collect();
        let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.into_iter().map(|x| x / n).collect()
    }

    #[test]
    fn int8_distances_are_close_to_f32_and_row_distances_are_symmetric() {
        let dim = 128;
        let (mut exact, mut int8) = (Rows::new(Storage::F32), Rows::new(Storage::Int8));
        for seed in 0..20 {
            exact.push(&unit(seed, dim));
            int8.push(&unit(seed, dim));
        }
        let mut q8 = Query::default();
        let mut q32 = Query::default();
        let q = unit(99, dim);
        q8.set(&q, &int8);
        q32.set(&q, &exact);
        let mut row_query = Query::default();
        for id in 0..20 {
            let error = (int8.distance(&q8, id, dim) - exact.distance(&q32, id, dim)).abs();
            assert!(error < 0.01, "row {id}: {error}");
            assert_eq!(int8.between(id, 3, dim), int8.between(3, id, dim));
            int8.query_of(id, dim, &mut row_query);
            assert_eq!(int8.distance(&row_query, 3, dim), int8.between(id, 3, dim));
            let decoded = int8.decode(id, dim).unwrap();
            let original = unit(id, dim);
            assert!(decoded
                .iter()
                .zip(&original)
                .all(|(a, b)| (a - b).abs() < 0.01));
        }
        assert!(int8.decode(20, dim).is_none());
        assert!(int8.f32_row(0, dim).is_none() && exact.f32_row(0, dim).is_some());
        assert!(int8.memory_bytes() * 3 < exact.memory_bytes());
    }

    #[test]
    fn codes_are_aligned_to_cache_lines_and_keep_their_bytes() {
        let mut codes = Codes::default();
        for row in 0..5i8 {
            codes.extend_from_slice(&[row; 24]);
        }
        assert_eq!(codes.as_slice().len(), 120);
        assert_eq!(codes.as_slice().as_ptr() as usize % 64, 0);
        assert_eq!(codes.as_slice()[24 * 3..24 * 4], [3; 24]);
        codes.get_mut(0..2).unwrap().copy_from_slice(&[-7, 7]);
        assert_eq!(codes.as_slice()[..3], [-7, 7, 0]);
        assert!(codes.get_mut(100..121).is_none());
        let bytes: Vec<u8> = codes.as_slice().iter().map(|&c| c as u8).collect();
        assert_eq!(Codes::from_bytes(&bytes).as_slice(), codes.as_slice());
        assert!(Codes::from_bytes(&[]).as_slice().is_empty());
    }

    #[test]
    fn quantised_codes_stay_within_127() {
        let mut codes = Vec::new();
        let scale = quantise_into(&[-1.0, 0.5, 0.25, 1.0], &mut codes);
        assert_eq!(codes, [-127, 64, 32, 127]);
        assert_eq!(scale, 1.0 / 127.0);
        assert_eq!(quantise_into(&[0.0, 0.0], &mut codes), 1.0);
        assert_eq!(codes, [0, 0]);
    }
}
