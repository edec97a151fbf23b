//! Unit tests of the index internals: graph quality on clustered data, the planner's choices,
//! two-hop filtered traversal, and snapshot damage at every byte.

use super::*;

use ndarray::Array2;

use super::dataset::clustered;

fn recall(found: &[Hit], truth: &[Hit]) -> f64 {
    let hits = found
        .iter()
        .filter(|h| truth.iter().any(|t| t.id == h.id))
        .count();
    hits as f64 / truth.len().max(1) as f64
}

fn small_index(n: usize) -> (Hnsw, Array2<f32>) {
    let data = clustered(n + 100, 64, 42);
    let index = Hnsw::build(
        data.slice(ndarray::s![..n, ..]),
        HnswParams::default(),
        &mut |_, _| {},
    );
    (index, data)
}

#[test]
fn graph_walk_recall_at_10_is_high_on_clustered_data() {
    let (index, data) = small_index(3_000);
    let mut search = Search::default();
    let mut total = 0.0;
    for query in data.outer_iter().skip(3_000) {
        let query = query.as_slice().unwrap();
        let found = index.search_graph(query, 10, 64, &|_| true, &mut search);
        total += recall(&found, &index.exact(query, 10, &|_| true));
    }
    assert!(total / 100.0 >= 0.95, "recall {}", total / 100.0);
}

#[test]
fn two_hop_walk_keeps_recall_at_ten_percent_selectivity() {
    let (index, data) = small_index(3_000);
    let filter = |id: u32| id % 10 == 3;
    let mut search = Search::default();
    let mut total = 0.0;
    for query in data.outer_iter().skip(3_000) {
        let query = query.as_slice().unwrap();
        let found = index.search_graph(query, 10, 64, &filter, &mut search);
        assert!(found.iter().all(|h| filter(h.id)));
        total += recall(&found, &index.exact(query, 10, &filter));
    }
    assert!(total / 100.0 >= 0.95, "recall {}", total / 100.0);
}

#[test]
fn planner_scans_for_strict_filters_and_walks_for_loose_ones() {
    let (index, _) = small_index(3_000);
    assert_eq!(index.plan(10, &|id| id < 30), Plan::Exact);
    assert_eq!(index.plan(10, &|_| false), Plan::Exact);
    let estimate = index.estimate_selectivity(&|id| id % 2 == 0);
    assert!((estimate.fraction - 0.5).abs() < 0.05, "{estimate:?}");
    // 3,000 rows: even an unfiltered search expects more than 2,000 matches.
    assert!(matches!(index.plan(10, &|_| true), Plan::Graph { ef } if ef >= 64));
    // A looser filter raises ef.
    let Plan::Graph { ef: half } = index.plan(10, &|id| id % 10 < 8) else {
        panic!()
    };
    assert!(half > 64);
}

#[test]
fn planner_scans_when_a_large_ef_would_make_the_walk_dearer_than_the_scan() {
    let (mut index, _) = small_index(3_000);
    let loose = |id: u32| id % 10 < 7;
    assert!(matches!(index.plan(10, &loose), Plan::Graph { .. }));
    index.params.ef_search = 256;
    assert_eq!(index.plan(10, &loose), Plan::Exact);
    assert_eq!(index.plan(10, &|_| true), Plan::Exact);
}

#[test]
fn search_reports_the_plan_it_ran() {
    let (index, data) = small_index(3_000);
    let query = data.row(3_000).to_vec();
    let mut search = Search::default();
    index.search_filtered(&query, 5, &|id| id < 10, &mut search);
    assert_eq!(search.last_plan(), Some(Plan::Exact));
    index.search(&query, 5, &mut search);
    assert!(matches!(search.last_plan(), Some(Plan::Graph { .. })));
    assert!(search.last_distance_count() > 0);
}

#[test]
fn every_truncation_and_every_flipped_byte_is_an_error() {
    let (mut index, _) = small_index(40);
    index.delete(3).unwrap();
    let bytes = index.to_bytes();
    for len in 0..bytes.len() {
        assert!(Hnsw::from_bytes(&bytes[..len]).is_err(), "prefix {len}");
    }
    for at in 0..bytes.len() {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x10;
        assert!(Hnsw::from_bytes(&damaged).is_err(), "flip at {at}");
    }
}

#[test]
fn checksummed_but_inconsistent_payload_is_rejected() {
    let (index, _) = small_index(40);
    let mut bytes = index.to_bytes();
    // Point a layer-0 link of node 0 past the last node, then fix the checksum.
    let links_at = 24 + 40 + 40 * 64 * 4 + 40 + 40usize.div_ceil(8);
    bytes[links_at + 4..links_at + 8].copy_from_slice(&1_000u32.to_le_bytes());
    let crc = crate::snapshot::checksum(&bytes[24..]);
    bytes[20..24].copy_from_slice(&crc.to_le_bytes());
    let err = Hnsw::from_bytes(&bytes).unwrap_err();
    assert!(matches!(err, IndexError::Corrupt { .. }), "{err}");
}

#[test]
fn updating_the_entry_point_relinks_it() {
    let (mut index, data) = small_index(3_000);
    let entry = index.entry.unwrap();
    let before = index.graph.neighbours(entry, 0).to_vec();
    let target = data.row(3_000).to_vec();
    index.update(entry, &target).unwrap();
    assert_ne!(index.graph.neighbours(entry, 0), &before[..]);
    let mut search = Search::default();
    assert_eq!(
        index.search_graph(&target, 1, 64, &|_| true, &mut search)[0].id,
        entry
    );
    // Its new neighbours surround the new position: the nearest point is one of them, and
    // they are closer to it than the old ones. (The diversity heuristic keeps only some of
    // the ten nearest, so "most of the ten nearest" is not the test.)
    let truth = index.exact(&target, 1, &|id| id != entry);
    let near = index.graph.neighbours(entry, 0).to_vec();
    assert!(near.contains(&truth[0].id));
    let mean_distance = |ids: &[u32]| {
        let vectors = index.vectors();
        let total: f32 = ids
            .iter()
            .map(|&id| cosine_distance(&target, vectors.row(id as usize).as_slice().unwrap()))
            .sum();
        total / ids.len().max(1) as f32
    };
    assert!(mean_distance(&near) < 0.75 * mean_distance(&before));
}

fn int8_index(n: usize, dim: usize) -> (Hnsw, Array2<f32>) {
    let data = clustered(n + 100, dim, 7);
    let mut index = Hnsw::with_storage(dim, HnswParams::default(), Storage::Int8);
    for row in data.outer_iter().take(n) {
        index.insert(row.as_slice().unwrap()).unwrap();
    }
    (index, data)
}

#[test]
fn int8_storage_keeps_recall_against_an_exact_scan_of_the_same_rows() {
    let (index, data) = int8_index(3_000, 128);
    assert_eq!(index.storage(), Storage::Int8);
    assert!(index.vector(0).is_none() && index.decoded(0).is_some());
    let mut search = Search::default();
    for filter in [
        &(|_: u32| true) as &dyn Fn(u32) -> bool,
        &|id| id % 10 == 3,
        &|id| id % 200 == 1,
    ] {
        let mut total = 0.0;
        for query in data.outer_iter().skip(3_000) {
            let query = query.as_slice().unwrap();
            let found = index.search_filtered(query, 10, &filter, &mut search);
            assert!(found.iter().all(|h| filter(h.id)));
            total += recall(&found, &index.exact(query, 10, &filter));
        }
        assert!(total / 100.0 >= 0.95, "recall {}", total / 100.0);
    }
    // Similarity is the search's own measure, and close to the f32 cosine.
    let query = data.row(3_000).to_vec();
    let hit = index.search(&query, 1, &mut search)[0];
    let similarity = index.similarity(&query, hit.id, &mut search).unwrap();
    assert!((similarity - (1.0 - hit.distance)).abs() < 1e-6);
    let exact = crate::dot(&query, data.row(hit.id as usize).as_slice().unwrap());
    assert!((similarity - exact).abs() < 0.01, "{similarity} vs {exact}");
    assert_eq!(index.similarity(&query[..5], hit.id, &mut search), None);
}

#[test]
fn int8_snapshots_round_trip_and_damage_is_refused() {
    let (mut index, data) = int8_index(300, 32);
    index.delete(7).unwrap();
    let bytes = index.to_bytes();
    let restored = Hnsw::from_bytes(&bytes).unwrap();
    assert_eq!(restored.storage(), Storage::Int8);
    assert_eq!(restored.to_bytes(), bytes);
    let mut search = Search::default();
    let query = data.row(310).to_vec();
    assert_eq!(
        restored.search(&query, 5, &mut search),
        index.search(&query, 5, &mut search)
    );
    for at in (0..bytes.len()).step_by(7) {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x04;
        assert!(Hnsw::from_bytes(&damaged).is_err(), "flip at {at}");
    }
}

#[test]
fn version_2_snapshots_still_restore_as_f32() {
    let (index, _) = small_index(200);
    let mut bytes = index.to_bytes();
    // Version 2 is version 3 without the storage byte (f32 rows).
    let payload_start = 24;
    let storage_at = payload_start + 4 * 4 + 8 + 4 + 4 + 8;
    assert_eq!(bytes[storage_at], 0);
    bytes.remove(storage_at);
    bytes[8..12].copy_from_slice(&2u32.to_le_bytes());
    let len = (bytes.len() - payload_start) as u64;
    bytes[12..20].copy_from_slice(&len.to_le_bytes());
    let sum = xxhash_rust::xxh32::xxh32(&bytes[payload_start..], 0);
    bytes[20..24].copy_from_slice(&sum.to_le_bytes());
    let restored = Hnsw::from_bytes(&bytes).unwrap();
    assert_eq!(restored.to_bytes(), index.to_bytes());
}
