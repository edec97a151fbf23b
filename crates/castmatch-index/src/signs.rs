//! Sign codes: one bit a component (above or below the rows' mean), an eighth of the int8
//! rows, for a first pass of an exact scan over many rows: Hamming distance short-lists, the
//! exact scan of the short-list decides.
//!
//! A graph walk misses when the query is unlike the indexed points (a brief's few words
//! against bio sentences); a full scan of int8 rows is exact but reads them all. The first pass
//! reads an eighth of that (16 bytes for 128 components) and ranks every row roughly; only the
//! short-list is scored exactly, so its recall is the short-list's.

use super::hnsw::Hnsw;
use super::vectors::Query;

/// The sign codes of an index's rows, as of when they were made (an index changed since needs
/// new ones: rows added later are not in them).
#[derive(Clone, Debug, Default)]
pub struct SignCodes {
    /// Per component, the mean of the rows: the bit says which side of it a value lies.
    mean: Vec<f32>,
    words_per_row: usize,
    bits: Vec<u64>,
}

impl SignCodes {
    /// The codes of every row of `index`.
    pub fn of(index: &Hnsw) -> Self {
        let (rows, dim) = (index.slot_count(), index.dim);
        let mut query = Query::default();
        let mut mean = vec![0.0f64; dim];
        for id in 0..rows as u32 {
            index.rows.query_of(id, dim, &mut query);
            mean.iter_mut()
                .zip(&query.values)
                .for_each(|(m, &v)| *m += f64::from(v));
        }
        let mean: Vec<f32> = mean
            .iter()
            .map(|m| (m / rows.max(1) as f64) as f32)
            .collect();
        let words_per_row = dim.div_ceil(64);
        let mut codes = SignCodes {
            mean,
            words_per_row,
            bits: vec![0; rows * words_per_row],
        };
        for id in 0..rows {
            index.rows.query_of(id as u32, dim, &mut query);
            let row = &mut codes.bits[id * words_per_row..(id + 1) * words_per_row];
            encode(&query.values, &codes.mean, row);
        }
        codes
    }

    /// How many rows the codes cover.
    pub fn rows(&self) -> usize {
        self.bits.len() / self.words_per_row.max(1)
    }
}

fn encode(values: &[f32], mean: &[f32], into: &mut [u64]) {
    into.fill(0);
    for (i, (&v, &m)) in values.iter().zip(mean).enumerate() {
        if v > m {
            into[i / 64] |= 1 << (i % 64);
        }
    }
}

/// A query's sign-code distance to every row the codes cover: made once a query, short-listed
/// from as often as wanted ([`Hnsw::shortlist_by`]; a brief's meaning is searched among all
/// points, then among one archetype's).
#[derive(Clone, Debug, Default)]
pub struct SignDistances {
    of_row: Vec<u16>,
    /// The largest distance there can be (the code's bits).
    max: usize,
    /// How many live rows lie at each distance: where a short-list of every live row is cut.
    live_at: Vec<usize>,
}

impl Hnsw {
    /// The query's sign-code distance to every row `codes` covers; none for a query of the
    /// wrong dimension or with non-finite components.
    ///
    /// One straight pass (no filter to call, no bits to pick): it runs over every point in the
    /// size-optimised wasm build.
    pub fn sign_distances(&self, codes: &SignCodes, query: &[f32]) -> SignDistances {
        let words = codes.words_per_row;
        if !self.check_query(query) || codes.mean.len() != self.dim || words == 0 {
            return SignDistances::default();
        }
        let mut mine = vec![0u64; words];
        encode(query, &codes.mean, &mut mine);
        let rows = codes.rows().min(self.slot_count());
        let mut of_row = vec![0u16; rows];
        let mut live_at = vec![0usize; words * 64 + 1];
        // Slices, not `Vec`s, indexed in the loops: the size-optimised build calls `Vec`'s.
        let counts = live_at.as_mut_slice();
        let bits = &codes.bits[..rows * words];
        // The row's words walked by one running index: no multiply, one bounds check a word.
        let mut at = 0;
        for distance in of_row.iter_mut() {
            let mut d = 0;
            for &word in &mine {
                d += (bits[at] ^ word).count_ones();
                at += 1;
            }
            *distance = d as u16;
            counts[d as usize] += 1;
        }
        if self.live < self.slot_count() {
            let deleted = &self.deleted[..rows];
            let mut id = 0;
            while id < rows {
                counts[usize::from(of_row[id])] -= usize::from(deleted[id]);
                id += 1;
            }
        }
        SignDistances {
            of_row,
            max: words * 64,
            live_at,
        }
    }

    /// [`Hnsw::shortlist_by`] among every live row: counted as the distances were made, and
    /// picked in one straight pass (a million points' bits walked one by one, twice, took
    /// milliseconds in the size-optimised wasm build).
    pub fn shortlist_live(&self, distances: &SignDistances, n: usize) -> Vec<u64> {
        let rows = distances.of_row.len().min(self.slot_count());
        let (of_row, deleted) = (&distances.of_row[..rows], &self.deleted[..rows]);
        let (cut, mut at_cut) = cut(&distances.live_at, n);
        let mut shortlist = vec![0u64; rows.div_ceil(64)];
        let set = shortlist.as_mut_slice();
        let mut id = 0;
        while id < rows {
            let d = usize::from(of_row[id]);
            if d <= cut && !deleted[id] && (d < cut || at_cut > 0) {
                at_cut -= usize::from(d == cut);
                set[id / 64] |= 1 << (id % 64);
            }
            id += 1;
        }
        shortlist
    }

    /// The `n` live rows of `among` (bit `id % 64` of word `id / 64`) nearest the query by sign
    /// code (ties at the cut to the lowest ids: a cut distance holds thousands of rows at 1M),
    /// as a bit set of the same form: what an exact scan then ranks. Rows added after the
    /// codes were made are left out. Empty for a query of the wrong dimension or with
    /// non-finite components.
    pub fn shortlist(&self, codes: &SignCodes, query: &[f32], n: usize, among: &[u64]) -> Vec<u64> {
        self.shortlist_by(&self.sign_distances(codes, query), n, among)
    }

    /// [`Hnsw::shortlist`] from a query's distances made before.
    pub fn shortlist_by(&self, distances: &SignDistances, n: usize, among: &[u64]) -> Vec<u64> {
        let rows = distances.of_row.len().min(self.slot_count());
        let (of_row, deleted) = (&distances.of_row[..rows], &self.deleted[..rows]);
        let mut at = vec![0usize; distances.max + 1];
        let counts = at.as_mut_slice();
        for_each_listed(among, of_row, deleted, |_, d| {
            counts[d.min(distances.max)] += 1
        });
        let (cut, mut at_cut) = cut(&at, n);
        let mut shortlist = vec![0u64; rows.div_ceil(64)];
        let set = shortlist.as_mut_slice();
        for_each_listed(among, of_row, deleted, |id, d| {
            if d < cut || (d == cut && at_cut > 0) {
                at_cut -= usize::from(d == cut);
                set[id / 64] |= 1 << (id % 64);
            }
        });
        shortlist
    }
}

/// Where a short-list of `n` is cut, given how many rows lie at each distance: every row
/// nearer than the distance returned, and the second number's worth of those at it.
fn cut(at: &[usize], n: usize) -> (usize, usize) {
    let (mut kept, mut cut) = (0, 0);
    while cut + 1 < at.len() && kept + at[cut] < n {
        kept += at[cut];
        cut += 1;
    }
    (cut, n.saturating_sub(kept))
}

/// Calls `visit(id, distance)` for each row of `among` that is not deleted, in id order: twice
/// a short-list (to count, then to pick), so no list of them is kept. Generic, so `visit`
/// inlines into the loop.
fn for_each_listed(
    among: &[u64],
    of_row: &[u16],
    deleted: &[bool],
    mut visit: impl FnMut(usize, usize),
) {
    for (w, &word) in among.iter().enumerate() {
        let mut rest = word;
        while rest != 0 {
            let id = w * 64 + rest.trailing_zeros() as usize;
            rest &= rest - 1;
            if let (Some(&d), Some(false)) = (of_row.get(id), deleted.get(id)) {
                visit(id, usize::from(d));
            }
        }
    }
}
