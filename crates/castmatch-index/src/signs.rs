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

impl Hnsw {
    /// The `n` live rows of `among` (bit `id % 64` of word `id / 64`) nearest the query by sign
    /// code (ties at the cut to the lowest ids: a cut distance holds thousands of rows at 1M),
    /// as a bit set of the same form: what an exact scan then ranks. Rows added after `codes` were made are left out. Empty for a query of the wrong
    /// dimension or with non-finite components.
    ///
    /// Plain index loops, no filter to call: this runs over every point in the size-optimised
    /// wasm build, where iterator adapters stay calls.
    #[allow(clippy::needless_range_loop)] // index loops on purpose, as said above
    pub fn shortlist(&self, codes: &SignCodes, query: &[f32], n: usize, among: &[u64]) -> Vec<u64> {
        let words = codes.words_per_row;
        if !self.check_query(query) || codes.mean.len() != self.dim || words == 0 {
            return Vec::new();
        }
        let mut mine = vec![0u64; words];
        encode(query, &codes.mean, &mut mine);
        let rows = codes.rows().min(self.slot_count());
        // Hamming distances of the rows looked at, and how many lie at each distance. Slices,
        // not `Vec`s: `Vec`'s indexing stays a call in the size-optimised build.
        let mut distances = vec![u16::MAX; rows];
        let mut at = vec![0usize; words * 64 + 1];
        let (distances, at) = (distances.as_mut_slice(), at.as_mut_slice());
        let (bits, deleted, mine) = (codes.bits.as_slice(), self.deleted.as_slice(), &mine[..]);
        for (w, &word) in among.iter().enumerate() {
            let mut rest = word;
            while rest != 0 {
                let id = w * 64 + rest.trailing_zeros() as usize;
                rest &= rest - 1;
                if id >= rows || deleted[id] {
                    continue;
                }
                let mut d = 0;
                for i in 0..words {
                    d += (bits[id * words + i] ^ mine[i]).count_ones();
                }
                distances[id] = d as u16;
                at[d as usize] += 1;
            }
        }
        // Every row nearer than the distance where `n` are reached, and as many at it as fit.
        let (mut kept, mut cut) = (0, 0);
        while cut + 1 < at.len() && kept + at[cut] < n {
            kept += at[cut];
            cut += 1;
        }
        let mut at_cut = n.saturating_sub(kept);
        let mut shortlist = vec![0u64; rows.div_ceil(64)];
        let listed = shortlist.as_mut_slice();
        for id in 0..rows {
            let d = usize::from(distances[id]);
            if d < cut || (d == cut && at_cut > 0) {
                at_cut -= usize::from(d == cut);
                listed[id / 64] |= 1 << (id % 64);
            }
        }
        shortlist
    }
}
