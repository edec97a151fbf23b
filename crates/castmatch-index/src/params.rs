//! `HnswParams`: the HNSW construction and search parameters, named after the paper
//! (Malkov & Yashunin, 2016), with a chainable builder and the defaults we tuned for.

/// Upper bound on `m`, so a corrupted or careless value cannot blow up memory.
pub const MAX_M: usize = 128;

/// Parameters of the graph. Defaults suit 64-dimensional unit vectors, 10k to 1M points.
///
/// ```
/// use castmatch_index::HnswParams;
/// let params = HnswParams::default().m(12).ef_search(48).seed(7);
/// assert_eq!(params.m, 12);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct HnswParams {
    /// `M`: links per node on the upper layers; layer 0 keeps up to `2 * M` (`M_max0`).
    /// Larger means better recall and more memory and build time.
    pub m: usize,
    /// `efConstruction`: size of the candidate list while inserting. Larger means a better
    /// graph and a slower build.
    pub ef_construction: usize,
    /// `ef`: size of the candidate list while searching (raised to at least `k`, and further
    /// for filtered searches). Larger means better recall and slower queries.
    pub ef_search: usize,
    /// Seed for the level of each point (`mL = 1 / ln M`). Same seed and same inserts give a
    /// byte-identical index.
    pub seed: u64,
}

impl Default for HnswParams {
    fn default() -> Self {
        Self {
            m: 16,
            ef_construction: 100,
            ef_search: 64,
            seed: 0x00CA_57AA_7C11,
        }
    }
}

impl HnswParams {
    /// Sets `M`.
    pub fn m(mut self, m: usize) -> Self {
        self.m = m;
        self
    }

    /// Sets `efConstruction`.
    pub fn ef_construction(mut self, ef_construction: usize) -> Self {
        self.ef_construction = ef_construction;
        self
    }

    /// Sets `ef` for searches.
    pub fn ef_search(mut self, ef_search: usize) -> Self {
        self.ef_search = ef_search;
        self
    }

    /// Sets the level seed.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// The parameters clamped to workable ranges: `2 <= M <= 128`, `ef >= 1`, `efConstruction >= M`.
    pub(crate) fn sanitized(self) -> Self {
        let m = self.m.clamp(2, MAX_M);
        Self {
            m,
            ef_construction: self.ef_construction.max(m),
            ef_search: self.ef_search.max(1),
            seed: self.seed,
        }
    }

    /// `M_max0`: link capacity on layer 0.
    pub(crate) fn m0(&self) -> usize {
        2 * self.m
    }
}
