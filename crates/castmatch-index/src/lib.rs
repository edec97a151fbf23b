//! Our own vector index: a filter-aware HNSW graph, an exact flat scan, a planner that picks
//! between them by the filter's selectivity, and versioned, checksummed snapshots.
//!
//! Vectors must be L2-normalised by the caller; distance is cosine distance `1 - a·b`.
//! Written for wasm32 as much as for native (hnsw_rs does not build for the browser): flat
//! vector storage, neighbour lists in flat arrays, a reusable [`Search`] scratch space.
//!
//! ```
//! use castmatch_index::{Hnsw, HnswParams, Search};
//! let rows = ndarray::array![[1.0f32, 0.0], [0.0, 1.0], [0.6, 0.8]];
//! let index = Hnsw::build(rows.view(), HnswParams::default(), &mut |_, _| {});
//! let mut search = Search::default();
//! let hits = index.search_filtered(&[0.8, 0.6], 2, &|id| id != 0, &mut search);
//! assert_eq!(hits.iter().map(|h| h.id).collect::<Vec<_>>(), [2, 1]);
//! ```
#![warn(missing_docs)]

mod build;
pub mod dataset;
mod distance;
mod exact;
mod graph;
mod hnsw;
mod params;
mod planner;
mod rescore;
mod scratch;
mod signs;
mod snapshot;
mod traverse;
mod vectors;

#[cfg(test)]
mod tests;

// The README's example runs as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeExample;

pub use distance::{cosine_distance, dot, dot_i8, dot_i8_portable, dot_portable};
pub use hnsw::Hnsw;
pub use params::HnswParams;
pub use planner::{Plan, Selectivity};
pub use rescore::Rescore;
pub use scratch::Search;
pub use signs::{SignCodes, SignDistances};
pub use snapshot::{FORMAT_VERSION, MAGIC};
pub use vectors::Storage;

/// Which points a filtered search may return. Every closure `Fn(u32) -> bool` is one. A type
/// can also implement it with an `#[inline(always)]` `passes`, which keeps the per-row test
/// inlined in the exact scan in the size-optimised wasm build, where a closure called from
/// several places (planner, scan, walk) stays a call per row and makes strict filters 2-3x
/// slower.
pub trait RowFilter {
    /// Whether the point `id` may be returned.
    fn passes(&self, id: u32) -> bool;

    /// The points that may pass, as a bit set (bit `id % 64` of word `id / 64`), when the
    /// filter can name them cheaply: the exact scan then tests those alone, not every row.
    /// A superset is fine (`passes` still decides); `None` means every point.
    fn candidates(&self) -> Option<&[u64]> {
        None
    }
}

impl<F: Fn(u32) -> bool + ?Sized> RowFilter for F {
    #[inline(always)]
    fn passes(&self, id: u32) -> bool {
        self(id)
    }
}

/// One search result: a point id and its cosine distance to the query.
#[derive(Clone, Copy, Debug, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Hit {
    /// The point's id: its row when built from rows, or the id it was inserted with.
    pub id: u32,
    /// Cosine distance `1 - a·b` to the query, in `[0, 2]`.
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
    /// A vector's length is not the index's dimension.
    #[error("vector has {found} components, the index expects {expected}")]
    DimensionMismatch {
        /// The index's dimension.
        expected: usize,
        /// The vector's length.
        found: usize,
    },
    #[error("vector component {index} is not a finite number")]
    /// A component is NaN or infinite.
    NonFinite {
        /// Position of the first bad component.
        index: usize,
    },
    /// No point has this id.
    #[error("id {0} is not in the index")]
    UnknownId(u32),
    /// The point was deleted.
    #[error("id {0} was deleted")]
    Deleted(u32),
    /// Ids are `u32`: no room for another point.
    #[error("the index is full ({0} points)")]
    Full(usize),
    /// The bytes do not start like a snapshot of this index.
    #[error("not an index snapshot (bad magic bytes)")]
    BadMagic,
    /// A snapshot of another format version.
    #[error(
        "snapshot format version {found} is not supported (this build reads versions {} to {expected})",
        snapshot::OLDEST_READ
    )]
    UnsupportedVersion {
        /// The snapshot's version.
        found: u32,
        /// The newest version this build reads (and the one it writes).
        expected: u32,
    },
    /// The snapshot ends early.
    #[error("snapshot truncated at byte {offset}: {needed} more bytes expected")]
    Truncated {
        /// Where the bytes ran out.
        offset: usize,
        /// How many more were expected.
        needed: usize,
    },
    /// The payload does not match its checksum: damaged bytes.
    #[error("snapshot checksum mismatch (stored {stored:#010x}, computed {computed:#010x})")]
    Checksum {
        /// The checksum the snapshot carries.
        stored: u32,
        /// The checksum of the payload as read.
        computed: u32,
    },
    /// The checksum holds but the contents are inconsistent (a link past the last node ...).
    #[error("snapshot corrupt at byte {offset}: {reason}")]
    Corrupt {
        /// Where the inconsistency was found.
        offset: usize,
        /// What is inconsistent.
        reason: &'static str,
    },
}
