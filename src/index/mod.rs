//! Our own vector index: a filter-aware HNSW graph, an exact flat scan, a planner that picks
//! between them by the filter's selectivity, and versioned, checksummed snapshots.
