//! Integration tests of `castmatch_index` through its public API: recall, filters (property
//! tested), mutations, determinism, snapshots and hostile inputs.

use castmatch_index::{dataset, Hit, Hnsw, HnswParams, IndexError, Plan, Search, FORMAT_VERSION};
use ndarray::Array2;
use proptest::prelude::*;

const DIM: usize = 64;

/// `n` unit vectors of `DIM` components, clustered.
fn clustered(n: usize, seed: u64) -> Array2<f32> {
    dataset::clustered(n, DIM, seed)
}

fn ids(hits: &[Hit]) -> Vec<u32> {
    hits.iter().map(|h| h.id).collect()
}

fn build(n: usize, seed: u64) -> (Hnsw, Array2<f32>) {
    let data = clustered(n + 50, seed);
    let index = Hnsw::build(
        data.slice(ndarray::s![..n, ..]),
        HnswParams::default(),
        &mut |_, _| {},
    );
    (index, data)
}

fn queries(data: &Array2<f32>, n: usize) -> impl Iterator<Item = Vec<f32>> + '_ {
    data.outer_iter().skip(n).map(|row| row.to_vec())
}

#[test]
fn recall_at_10_is_at_least_095_on_2k_clustered_vectors() {
    let (index, data) = build(2_000, 1);
    let mut search = Search::default();
    let (mut found, mut total) = (0, 0);
    for query in queries(&data, 2_000) {
        let truth = ids(&index.exact(&query, 10, &|_| true));
        let got = index.search_graph(&query, 10, 64, &|_| true, &mut search);
        found += got.iter().filter(|h| truth.contains(&h.id)).count();
        total += truth.len();
    }
    let recall = found as f64 / total as f64;
    assert!(recall >= 0.95, "recall@10 = {recall}");
}

#[test]
fn results_are_sorted_by_distance_then_id() {
    let mut index = Hnsw::new(2, HnswParams::default());
    for v in [[1.0, 0.0], [0.0, 1.0], [0.0, 1.0], [1.0, 0.0]] {
        index.insert(&v).unwrap();
    }
    let hits = index.search(&[0.0, 1.0], 4, &mut Search::default());
    assert_eq!(ids(&hits), [1, 2, 0, 3]);
    assert!(hits.windows(2).all(|w| w[0].distance <= w[1].distance));
}

#[test]
fn delete_removes_a_point_from_results_and_update_moves_it() {
    let (mut index, data) = build(3_000, 2);
    let mut search = Search::default();
    let query = data.row(3_000).to_vec();
    let nearest = index.search(&query, 1, &mut search)[0].id;
    index.delete(nearest).unwrap();
    assert_eq!(index.len(), 2_999);
    assert!(!ids(&index.search(&query, 50, &mut search)).contains(&nearest));
    assert!(!ids(&index.exact(&query, 50, &|_| true)).contains(&nearest));
    assert_eq!(index.vector(nearest), None);
    assert_eq!(index.delete(nearest), Err(IndexError::Deleted(nearest)));
    assert_eq!(
        index.update(nearest, &query),
        Err(IndexError::Deleted(nearest))
    );

    // Move point 7 onto the query: it becomes the nearest, in graph and exact search alike.
    index.update(7, &query).unwrap();
    assert_eq!(index.vector(7), Some(&query[..]));
    assert_eq!(index.search(&query, 1, &mut search)[0].id, 7);
    let far = data.row(3_001).to_vec();
    assert_eq!(
        index.search(&far, 1, &mut search)[0].id,
        index.exact(&far, 1, &|_| true)[0].id
    );
}

#[test]
fn graph_stays_navigable_after_deleting_most_points() {
    let (mut index, data) = build(3_000, 3);
    for id in (0..3_000).filter(|id| id % 5 != 0) {
        index.delete(id).unwrap();
    }
    let mut search = Search::default();
    let (mut found, mut total) = (0, 0);
    for query in queries(&data, 3_000) {
        let truth = ids(&index.exact(&query, 10, &|_| true));
        let got = ids(&index.search_graph(&query, 10, 64, &|_| true, &mut search));
        assert!(got.iter().all(|id| id % 5 == 0));
        found += got.iter().filter(|id| truth.contains(id)).count();
        total += truth.len();
    }
    assert!(found as f64 / total as f64 >= 0.9, "{found}/{total}");
}

#[test]
fn same_seed_gives_byte_identical_snapshots() {
    let data = clustered(1_500, 4);
    let a = Hnsw::build(data.view(), HnswParams::default().seed(9), &mut |_, _| {});
    let b = Hnsw::build(data.view(), HnswParams::default().seed(9), &mut |_, _| {});
    let c = Hnsw::build(data.view(), HnswParams::default().seed(10), &mut |_, _| {});
    assert_eq!(a.to_bytes(), b.to_bytes());
    assert_ne!(a.to_bytes(), c.to_bytes());
}

#[test]
fn snapshot_round_trip_gives_identical_results() {
    let (mut index, data) = build(2_500, 5);
    index.delete(11).unwrap();
    let restored = Hnsw::from_bytes(&index.to_bytes()).unwrap();
    assert_eq!(restored.len(), index.len());
    assert_eq!(restored.params(), index.params());
    assert_eq!(restored.to_bytes(), index.to_bytes());
    let (mut s1, mut s2) = (Search::default(), Search::default());
    for query in queries(&data, 2_500) {
        assert_eq!(
            index.search(&query, 10, &mut s1),
            restored.search(&query, 10, &mut s2)
        );
        let filter = |id: u32| id % 7 == 0;
        assert_eq!(
            index.search_filtered(&query, 10, &filter, &mut s1),
            restored.search_filtered(&query, 10, &filter, &mut s2)
        );
    }
    // The restored index keeps growing the same way.
    let (mut a, mut b) = (index, restored);
    let v = data.row(2_500).to_vec();
    assert_eq!(a.insert(&v), b.insert(&v));
    assert_eq!(a.to_bytes(), b.to_bytes());
}

#[test]
fn damaged_snapshots_are_errors() {
    let (index, _) = build(300, 6);
    let bytes = index.to_bytes();

    let mut flipped = bytes.clone();
    let middle = bytes.len() / 2;
    flipped[middle] ^= 0x01;
    assert!(matches!(
        Hnsw::from_bytes(&flipped),
        Err(IndexError::Checksum { .. })
    ));

    let truncated = &bytes[..bytes.len() - 10];
    let err = Hnsw::from_bytes(truncated).unwrap_err();
    assert_eq!(
        err,
        IndexError::Truncated {
            offset: bytes.len() - 10,
            needed: 10
        }
    );
    assert!(
        err.to_string()
            .contains(&format!("byte {}", bytes.len() - 10)),
        "{err}"
    );

    let mut future = bytes.clone();
    future[8..12].copy_from_slice(&(FORMAT_VERSION + 1).to_le_bytes());
    let err = Hnsw::from_bytes(&future).unwrap_err();
    assert_eq!(
        err,
        IndexError::UnsupportedVersion {
            found: FORMAT_VERSION + 1,
            expected: FORMAT_VERSION
        }
    );
    assert!(
        err.to_string()
            .contains(&format!("version {}", FORMAT_VERSION + 1)),
        "{err}"
    );
    assert!(err.to_string().contains("versions 2 to 4"), "{err}");

    assert_eq!(
        Hnsw::from_bytes(b"not a snapshot at all, clearly").unwrap_err(),
        IndexError::BadMagic
    );
    assert!(matches!(
        Hnsw::from_bytes(&[]),
        Err(IndexError::Truncated { offset: 0, .. })
    ));

    // A huge length field must not make the reader allocate or panic.
    let mut huge = bytes.clone();
    huge[12..20].copy_from_slice(&u64::MAX.to_le_bytes());
    assert!(matches!(
        Hnsw::from_bytes(&huge),
        Err(IndexError::Truncated { .. })
    ));
}

#[test]
fn hostile_inputs_never_panic() {
    let mut empty = Hnsw::new(DIM, HnswParams::default());
    let mut search = Search::default();
    let query = vec![0.125; DIM];
    assert!(empty.is_empty());
    assert!(empty.search(&query, 10, &mut search).is_empty());
    assert!(empty
        .search_filtered(&query, 10, &|_| true, &mut search)
        .is_empty());
    assert!(empty.exact(&query, 10, &|_| true).is_empty());
    assert_eq!(empty.plan(10, &|_| true), Plan::Exact);
    assert_eq!(empty.delete(0), Err(IndexError::UnknownId(0)));
    let restored = Hnsw::from_bytes(&empty.to_bytes()).unwrap();
    assert!(restored.is_empty());

    assert_eq!(
        empty.insert(&[1.0, 2.0]),
        Err(IndexError::DimensionMismatch {
            expected: DIM,
            found: 2
        })
    );
    let mut nan = query.clone();
    nan[3] = f32::NAN;
    assert_eq!(empty.insert(&nan), Err(IndexError::NonFinite { index: 3 }));

    let (index, data) = build(2_500, 7);
    let good = data.row(2_500).to_vec();
    assert!(index.search(&good, 0, &mut search).is_empty());
    assert!(index.search(&good[..10], 10, &mut search).is_empty());
    assert!(index.search(&[], 10, &mut search).is_empty());
    assert!(index.search(&nan, 10, &mut search).is_empty());
    assert!(index
        .search_filtered(&good[..3], 10, &|_| true, &mut search)
        .is_empty());
    assert!(index.exact(&good[..3], 10, &|_| true).is_empty());
    assert_eq!(index.search(&good, usize::MAX, &mut search).len(), 2_500);
    assert_eq!(index.vector(99_999), None);

    let zero_dim = Hnsw::new(0, HnswParams::default().m(0).ef_search(0));
    assert!(zero_dim.search(&[], 3, &mut search).is_empty());
}

#[test]
fn k_larger_than_the_matches_returns_all_matches() {
    let (index, data) = build(3_000, 8);
    let mut search = Search::default();
    let query = data.row(3_000).to_vec();
    let hits = index.search_filtered(&query, 100, &|id| id % 100 == 0, &mut search);
    assert_eq!(hits.len(), 30);
    // A loose filter answered by the graph still returns all matches when k exceeds them.
    let matches = |id: u32| id % 2 == 0;
    let hits = index.search_filtered(&query, 2_000, &matches, &mut search);
    assert_eq!(hits.len(), 1_500);
    assert!(hits.iter().all(|h| matches(h.id)));
}

fn shared_index() -> &'static (Hnsw, Array2<f32>) {
    static INDEX: std::sync::OnceLock<(Hnsw, Array2<f32>)> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| build(4_000, 9))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whatever the filter and its selectivity, every hit passes it, hits are sorted, and
    /// recall against the exact filtered scan stays high.
    #[test]
    fn every_filtered_hit_passes_the_filter(
        modulus in 1u32..2_000,
        keep in 0u32..2_000,
        salt in any::<u32>(),
        k in 0usize..40,
        query_row in 0usize..50,
    ) {
        let (index, data) = shared_index();
        let keep = keep % modulus + 1;
        let filter = move |id: u32| (id.wrapping_mul(2_654_435_761) ^ salt) % modulus < keep;
        let query = data.row(4_000 + query_row).to_vec();
        let mut search = Search::default();
        let hits = index.search_filtered(&query, k, &filter, &mut search);
        prop_assert!(hits.iter().all(|h| filter(h.id)));
        prop_assert!(hits.windows(2).all(|w| (w[0].distance, w[0].id) < (w[1].distance, w[1].id)));
        let truth = index.exact(&query, k, &filter);
        prop_assert_eq!(hits.len(), truth.len());
        let found = hits.iter().filter(|h| truth.iter().any(|t| t.id == h.id)).count();
        prop_assert!(found as f64 >= 0.8 * truth.len() as f64, "{}/{}", found, truth.len());
    }
}

#[test]
fn updated_points_are_found_at_their_new_position() {
    let (mut index, data) = build(2_500, 10);
    let mut search = Search::default();
    // Move points across the space one by one; each is then the nearest to its new vector.
    for (id, query) in (0..2_500u32).step_by(97).zip(queries(&data, 2_500)) {
        index.update(id, &query).unwrap();
        let hit = index.search_graph(&query, 1, 64, &|_| true, &mut search)[0];
        assert_eq!(hit.id, id);
    }
}
