//! Our own vector index: a filter-aware HNSW graph, an exact flat scan, a planner that picks
//! between them by the filter's selectivity, and versioned, checksummed snapshots.
//!
//! Vectors must be L2-normalised by the caller; distance is cosine distance `1 - a·b`.
//! Written for wasm32 as much as for native (hnsw_rs does not build for the browser): flat
//! vector storage, neighbour lists in flat arrays, a reusable [`Search`] scratch space.
//!
//! ```
//! use castmatch::index::{Hnsw, HnswParams, Search};
//! let rows = ndarray::array![[1.0f32, 0.0], [0.0, 1.0], [0.6, 0.8]];
//! let index = Hnsw::build(rows.view(), HnswParams::default(), &mut |_, _| {});
//! let mut search = Search::default();
//! let hits = index.search_filtered(&[0.8, 0.6], 2, &|id| id != 0, &mut search);
//! assert_eq!(hits.iter().map(|h| h.id).collect::<Vec<_>>(), [2, 1]);
//! ```

pub mod dataset;
mod distance;
mod exact;
mod graph;
mod hnsw;
mod params;
mod planner;
mod scratch;
mod snapshot;
mod traverse;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use distance::{cosine_distance, dot, dot_portable};
pub use hnsw::Hnsw;
pub use params::HnswParams;
pub use planner::{Plan, Selectivity};
pub use scratch::Search;
pub use snapshot::{FORMAT_VERSION, MAGIC};

/// Which points a filtered search may return. Every closure `Fn(u32) -> bool` is one. A type
/// can also implement it with an `#[inline(always)]` `passes`, which keeps the per-row test
/// inlined in the exact scan in the size-optimised wasm build, where a closure called from
/// several places (planner, scan, walk) stays a call per row and makes strict filters 2-3x
/// slower.
pub trait RowFilter {
    fn passes(&self, id: u32) -> bool;
}

impl<F: Fn(u32) -> bool + ?Sized> RowFilter for F {
    #[inline(always)]
    fn passes(&self, id: u32) -> bool {
        self(id)
    }
}

/// One search result: a point id and its cosine distance to the query.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    pub id: u32,
    pub distance: f32,
}

impl From<scratch::Candidate> for Hit {
    fn from(candidate: scratch::Candidate) -> Self {
        Self {
            id: candidate.id,
            distance: candidate.distance,
        }
    }
}

/// Everything that can go wrong in the index, from bad input vectors to damaged snapshots.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexError {
    #[error("vector has {found} components, the index expects {expected}")]
    DimensionMismatch { expected: usize, found: usize },
    #[error("vector component {index} is not a finite number")]
    NonFinite { index: usize },
    #[error("id {0} is not in the index")]
    UnknownId(u32),
    #[error("id {0} was deleted")]
    Deleted(u32),
    #[error("the index is full ({0} points)")]
    Full(usize),
    #[error("not an index snapshot (bad magic bytes)")]
    BadMagic,
    #[error(
        "snapshot format version {found} is not supported (this build reads version {expected})"
    )]
    UnsupportedVersion { found: u32, expected: u32 },
    #[error("snapshot truncated at byte {offset}: {needed} more bytes expected")]
    Truncated { offset: usize, needed: usize },
    #[error("snapshot checksum mismatch (stored {stored:#010x}, computed {computed:#010x})")]
    Checksum { stored: u32, computed: u32 },
    #[error("snapshot corrupt at byte {offset}: {reason}")]
    Corrupt { offset: usize, reason: &'static str },
}
