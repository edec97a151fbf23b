//! `Revision`: names one state of a value that changes (the catalog, a memory session), so a
//! cache of something derived from it can tell when to rebuild.
//!
//! Revisions come from one process-wide counter and never repeat. So a cache cannot mistake a
//! replaced value for the one it was built from: a session restored from a snapshot, or a new
//! catalog, has a revision no cache has seen. A clone keeps its original's revision, rightly:
//! it holds the same state until one of them changes and takes a new one.

use std::sync::atomic::{AtomicU64, Ordering};

/// One state of a value; equal revisions mean the same state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Revision(u64);

static NEXT: AtomicU64 = AtomicU64::new(1);

impl Revision {
    /// A revision no value has had before in this process.
    pub fn fresh() -> Revision {
        Revision(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

impl Default for Revision {
    fn default() -> Self {
        Revision::fresh()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_revisions_never_repeat() {
        let a = Revision::fresh();
        let b = Revision::default();
        assert_ne!(a, b);
        assert_ne!(b, Revision::fresh());
    }
}
