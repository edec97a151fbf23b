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

/// Re-seals a payload edited in place, so the reader gets past the checksum.
fn reseal(bytes: &mut [u8]) {
    let sum = crate::snapshot::checksum(&bytes[24..]);
    bytes[20..24].copy_from_slice(&sum.to_le_bytes());
}

#[test]
fn checksummed_but_inconsistent_payloads_are_rejected_naming_the_byte() {
    // Two points of two dimensions: head 32 bytes, storage 1, rows 16, deleted bits 1, no
    // point above layer 0 (1), then each list: count 1 and one id.
    let mut index = Hnsw::new(2, HnswParams::default().seed(1));
    index.insert(&[1.0, 0.0]).unwrap();
    index.insert(&[0.0, 1.0]).unwrap();
    let bytes = index.to_bytes();
    let lists = 24 + 32 + 1 + 16 + 1 + 1;
    assert_eq!(bytes[lists - 1], 0, "no point above layer 0");
    assert_eq!(
        bytes[lists..],
        [1, 1, 1, 0],
        "node 0 links to 1, node 1 to 0"
    );

    let refused = |edit: &dyn Fn(&mut Vec<u8>), at: usize| {
        let mut damaged = bytes.clone();
        edit(&mut damaged);
        reseal(&mut damaged);
        match Hnsw::from_bytes(&damaged) {
            Err(IndexError::Corrupt { offset, .. }) => assert_eq!(offset, at),
            other => panic!("{other:?}"),
        }
    };
    // A link past the last node.
    refused(&|b| b[lists + 1] = 5, lists);
    // A list longer than the layer holds (M_max0 = 32).
    refused(&|b| b[lists] = 33, lists);
    // The entry point past the last node.
    refused(
        &|b| b[24 + 28..24 + 32].copy_from_slice(&7u32.to_le_bytes()),
        24 + 28,
    );
    // Parameters no index is built with (efConstruction below M).
    refused(
        &|b| b[24 + 8..24 + 12].copy_from_slice(&1u32.to_le_bytes()),
        24 + 4,
    );
    // A storage this build does not know.
    refused(&|b| b[24 + 32] = 9, 24 + 32);
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
    let similarity = index.similarities(&query, &[hit.id], &mut search)[0].unwrap();
    assert!((similarity - (1.0 - hit.distance)).abs() < 1e-6);
    let exact = crate::dot(&query, data.row(hit.id as usize).as_slice().unwrap());
    assert!((similarity - exact).abs() < 0.01, "{similarity} vs {exact}");
    assert_eq!(
        index.similarities(&query[..5], &[hit.id], &mut search),
        [None]
    );
    assert_eq!(
        index.similarities(&query, &[hit.id, 99_999], &mut search)[1],
        None
    );
}

#[test]
fn rescoring_an_int8_index_gives_the_exact_full_precision_answer_at_every_plan() {
    let data = clustered(4_100, 64, 12);
    let rows = data.slice(ndarray::s![..4_000, ..]);
    let f32_index = Hnsw::build(rows, HnswParams::default(), &mut |_, _| {});
    let int8 = f32_index.clone().into_storage(Storage::Int8);
    assert_eq!(int8.storage(), Storage::Int8);
    let mut search = Search::default();
    let filters: [&dyn Fn(u32) -> bool; 3] = [&|_| true, &|id| id % 4 == 1, &|id| id % 500 == 7];
    for filter in filters {
        let (mut rescored, mut plain, mut total) = (0, 0, 0);
        for query in data.outer_iter().skip(4_000) {
            let query = query.as_slice().unwrap();
            let truth = f32_index.exact(query, 10, &filter);
            let hits = int8.search_rescored(query, 10, &filter, &rows, &mut search);
            assert!(hits.iter().all(|h| filter(h.id)));
            assert!(hits.windows(2).all(|w| w[0].distance <= w[1].distance));
            for hit in &hits {
                // Rescored distances are the f32 ones, exactly.
                let row = rows.row(hit.id as usize);
                assert_eq!(
                    hit.distance,
                    cosine_distance(query, row.as_slice().unwrap())
                );
            }
            rescored += hits
                .iter()
                .filter(|h| truth.iter().any(|t| t.id == h.id))
                .count();
            let int8_only = int8.search_filtered(query, 10, &filter, &mut search);
            plain += int8_only
                .iter()
                .filter(|h| truth.iter().any(|t| t.id == h.id))
                .count();
            total += truth.len();
        }
        let recall = rescored as f64 / total as f64;
        assert!(recall >= 0.99, "rescored recall {recall}");
        assert!(
            rescored >= plain,
            "rescoring never loses: {rescored} < {plain}"
        );
    }
    // A closure rescorer; `None` keeps the stored distance.
    let query = data.row(4_001).to_vec();
    let keep = |_: &[f32], _: u32| None;
    let kept = int8.search_rescored(&query, 5, &|_| true, &keep, &mut search);
    assert_eq!(kept, int8.search(&query, 5, &mut search));
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

/// Snapshots written by the builds of formats 2 (main, f32) and 3 (int8 storage): 60 rows of
/// `dataset::clustered(60, 8, 11)`, M 4, seed 3, row 5 deleted.
const FORMAT_2: &[u8] = include_bytes!("../tests/data/format-2-f32.snap");
const FORMAT_3: &[u8] = include_bytes!("../tests/data/format-3-int8.snap");

#[test]
fn snapshots_of_formats_2_and_3_still_restore_and_search() {
    let data = clustered(60, 8, 11);
    for (bytes, storage) in [(FORMAT_2, Storage::F32), (FORMAT_3, Storage::Int8)] {
        let index = Hnsw::from_bytes(bytes).unwrap();
        assert_eq!(
            (index.len(), index.dim(), index.storage()),
            (59, 8, storage)
        );
        assert_eq!(index.params().m, 4);
        assert!(!index.is_live(5));
        for (id, row) in data.outer_iter().enumerate().filter(|(id, _)| *id != 5) {
            let stored = index.decoded(id as u32).unwrap();
            let tolerance = if storage == Storage::F32 { 0.0 } else { 0.01 };
            assert!(stored
                .iter()
                .zip(row)
                .all(|(a, b)| (a - b).abs() <= tolerance));
        }
        // Every list came back sorted and within range; the graph answers as the scan does.
        let mut search = Search::default();
        for query in data.outer_iter().step_by(7) {
            let query = query.as_slice().unwrap();
            let hits = index.search_graph(query, 5, 64, &|_| true, &mut search);
            assert_eq!(ids(&hits), ids(&index.exact(query, 5, &|_| true)));
        }
        for id in 0..60 {
            let links = index.graph.neighbours(id, 0);
            assert!(links.windows(2).all(|w| w[0] < w[1]) && links.iter().all(|&l| l < 60));
        }
        // Written again as format 4, it restores to the same index.
        let again = Hnsw::from_bytes(&index.to_bytes()).unwrap();
        assert_eq!(again.to_bytes(), index.to_bytes());
        assert_eq!(
            u32::from_le_bytes(again.to_bytes()[8..12].try_into().unwrap()),
            4
        );
    }
    let mut damaged = FORMAT_3.to_vec();
    damaged[100] ^= 1;
    assert!(matches!(
        Hnsw::from_bytes(&damaged),
        Err(IndexError::Checksum { .. })
    ));
}

fn ids(hits: &[Hit]) -> Vec<u32> {
    hits.iter().map(|h| h.id).collect()
}

#[test]
fn the_compact_format_holds_a_64_dim_int8_point_and_its_links_in_under_120_bytes() {
    let data = clustered(20_000, 64, 5);
    let index = Hnsw::build_with(
        data.view(),
        HnswParams::default(),
        Storage::Int8,
        &mut |_, _| {},
    );
    let bytes = index.to_bytes().len();
    let per_point = bytes as f64 / 20_000.0;
    // 64 codes + a 4-byte scale + about 23 links of under two bytes at this size.
    assert!(per_point < 120.0, "{per_point} bytes a point");
    let f32_bytes = Hnsw::build(data.view(), HnswParams::default(), &mut |_, _| {}).to_bytes();
    // The same graph: f32 rows cost 4 x 64 bytes a point where int8 costs 64 and a scale.
    assert_eq!(f32_bytes.len(), bytes + 20_000 * (256 - 68));
    eprintln!("{per_point:.1} bytes a point");
}

#[test]
fn batched_builds_are_the_same_on_any_number_of_threads() {
    let data = clustered(5_000, 32, 8);
    let build = |threads: usize| {
        let mut index = Hnsw::new(32, HnswParams::default().seed(4));
        index.set_build_threads(threads);
        let mut calls = 0;
        index.extend(data.view(), &mut |_, _| calls += 1).unwrap();
        assert!(calls > 10, "progress after each batch");
        index
    };
    let one = build(1).to_bytes();
    assert_eq!(build(2).to_bytes(), one);
    assert_eq!(build(3).to_bytes(), one);
    assert_eq!(
        Hnsw::build(data.view(), HnswParams::default().seed(4), &mut |_, _| {}).to_bytes(),
        one
    );
}

#[test]
fn extend_checks_every_row_before_adding_any() {
    let mut index = Hnsw::new(3, HnswParams::default());
    index.insert(&[1.0, 0.0, 0.0]).unwrap();
    let mut rows = ndarray::array![[0.0f32, 1.0, 0.0], [0.0, 0.0, 1.0]];
    rows[[1, 2]] = f32::NAN;
    assert_eq!(
        index.extend(rows.view(), &mut |_, _| {}),
        Err(IndexError::NonFinite { index: 2 })
    );
    assert_eq!(index.len(), 1, "nothing added");
    let wide = ndarray::Array2::<f32>::zeros((2, 4));
    assert!(matches!(
        index.extend(wide.view(), &mut |_, _| {}),
        Err(IndexError::DimensionMismatch {
            expected: 3,
            found: 4
        })
    ));
    rows[[1, 2]] = 1.0;
    assert_eq!(index.extend(rows.view(), &mut |_, _| {}), Ok(1));
    assert_eq!(index.len(), 3);
    let hits = index.search(&[0.0, 0.0, 1.0], 1, &mut Search::default());
    assert_eq!(hits[0].id, 2);
}

/// 2,000 unit rows of 32 components from xorshift, normalised with `sqrt` only (correctly
/// rounded everywhere): the rows `castmatch-wasm/tests/index_wasm.rs` builds in wasm.
fn portable_rows() -> Array2<f32> {
    let mut rows = Array2::zeros((2_000, 32));
    for (i, mut row) in rows.outer_iter_mut().enumerate() {
        let mut s = (1_000 + i as u32)
            .wrapping_mul(2_654_435_761)
            .wrapping_add(1);
        let v: Vec<f32> = (0..32)
            .map(|_| {
                s ^= s << 13;
                s ^= s >> 17;
                s ^= s << 5;
                (s as f32 / u32::MAX as f32) - 0.5
            })
            .collect();
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        row.iter_mut().zip(&v).for_each(|(out, x)| *out = x / norm);
    }
    rows
}

/// The same constant as `BUILD_CHECKSUM` in `castmatch-wasm/tests/index_wasm.rs`: wasm and
/// native build the same graph from the same rows, byte for byte.
const BUILD_CHECKSUM: u32 = 0x55df_e8a0;

#[test]
fn wasm_and_native_builds_agree() {
    let rows = portable_rows();
    let params = HnswParams::default().seed(7);
    let index = Hnsw::build_with(rows.view(), params, Storage::Int8, &mut |_, _| {});
    let checksum = u32::from_le_bytes(index.to_bytes()[20..24].try_into().unwrap());
    assert_eq!(checksum, BUILD_CHECKSUM, "{checksum:#010x}");
}

/// A filter that names its candidates: a superset of the rows it passes.
struct Named {
    passes: fn(u32) -> bool,
    candidates: Vec<u64>,
}

impl RowFilter for Named {
    fn passes(&self, id: u32) -> bool {
        (self.passes)(id)
    }
    fn candidates(&self) -> Option<&[u64]> {
        Some(&self.candidates)
    }
}

#[test]
fn the_exact_scan_over_named_candidates_answers_as_over_every_row() {
    let (mut index, data) = small_index(2_000);
    index.delete(14).unwrap();
    let passes: fn(u32) -> bool = |id| id % 7 == 0;
    // Every passing row and some that fail (ids divisible by 3), words past the rows too.
    let mut candidates = vec![0u64; 2_000 / 64 + 3];
    for id in (0..2_000u32).filter(|id| id % 7 == 0 || id % 3 == 0) {
        candidates[id as usize / 64] |= 1 << (id % 64);
    }
    *candidates.last_mut().unwrap() = u64::MAX;
    let named = Named { passes, candidates };
    for q in 0..20 {
        let query = data.row(q * 97).to_vec();
        let everywhere = index.exact(&query, 10, &passes);
        assert_eq!(ids(&index.exact(&query, 10, &named)), ids(&everywhere));
        assert!(
            everywhere.iter().all(|h| h.id != 14),
            "a deleted row is never returned"
        );
    }
}

#[test]
fn a_sign_code_short_list_as_long_as_the_index_is_every_row_passing() {
    let (index, data) = small_index(2_000);
    let index = index.into_storage(Storage::Int8);
    let codes = SignCodes::of(&index);
    assert_eq!(codes.rows(), 2_000);
    let even = |id: u32| id % 2 == 0;
    let every: Vec<u64> = vec![u64::MAX; 2_000usize.div_ceil(64)];
    let evens: Vec<u64> = vec![0x5555_5555_5555_5555; 2_000usize.div_ceil(64)];
    let ids = |bits: Vec<u64>| -> Vec<u32> {
        (0..bits.len() as u32 * 64)
            .filter(|&id| bits[id as usize / 64] & (1 << (id % 64)) != 0)
            .collect()
    };
    for query in data.outer_iter().skip(2_000).take(20) {
        let query = query.as_slice().unwrap();
        let all = ids(index.shortlist(&codes, query, 2_000, &every));
        assert_eq!(all, (0..2_000).collect::<Vec<u32>>());
        let filtered = ids(index.shortlist(&codes, query, 2_000, &evens));
        assert_eq!(
            filtered,
            (0..2_000).filter(|&id| even(id)).collect::<Vec<u32>>()
        );
        let few = ids(index.shortlist(&codes, query, 50, &evens));
        assert!(few.len() == 50 && few.iter().all(|&id| even(id)));
    }
}

#[test]
fn a_short_tenth_of_the_rows_by_sign_code_holds_the_nearest() {
    let (mut index, data) = small_index(3_000);
    index.delete(7).unwrap();
    let index = index.into_storage(Storage::Int8);
    let codes = SignCodes::of(&index);
    let mut total = 0.0;
    for query in data.outer_iter().skip(3_000) {
        let query = query.as_slice().unwrap();
        let shortlist = index.shortlist(&codes, query, 300, &[u64::MAX; 3_000usize.div_ceil(64)]);
        let listed = |id: u32| shortlist[id as usize / 64] & (1 << (id % 64)) != 0;
        let found = index.exact(query, 10, &listed);
        assert!(found.iter().all(|h| h.id != 7), "a deleted row came back");
        total += recall(&found, &index.exact(query, 10, &|_| true));
    }
    assert!(total / 100.0 >= 0.95, "recall {}", total / 100.0);
}

/// Two clusters on the unit circle joined only on layer 1, through a detour: the query lies in
/// cluster B (near angle 0), the entry E in cluster A. On layer 1, E links to X (A, closer to
/// the query than E) and to Z (A, farther), and only Z links on to Y (B). Greedy descent moves
/// E -> X and stops there (X's one link leads back), leaving the layer-0 walk in A, which has
/// no link to B on layer 0.
fn clusters_behind_a_layer1_detour() -> (Hnsw, Vec<f32>, Vec<u32>) {
    let point = |angle: f32| [angle.cos(), angle.sin()];
    // Ids 0..12 cluster A around 1.5 rad, 12..24 cluster B around 0; E, X, Z, Y on layer 1.
    let a: Vec<f32> = (0..12).map(|i| 1.45 + 0.01 * i as f32).collect();
    let b: Vec<f32> = (0..12).map(|i| -0.06 + 0.01 * i as f32).collect();
    let (e, x, z, y) = (12 + 12, 12 + 13, 12 + 14, 12 + 15);
    let angles: Vec<f32> = a
        .iter()
        .chain(&b)
        .copied()
        .chain([1.6, 1.4, 2.0, 0.065])
        .collect();
    let params = HnswParams::default();
    let mut rows = vectors::Rows::new(Storage::F32);
    for &angle in &angles {
        rows.push(&point(angle));
    }
    let mut levels = vec![0u8; angles.len()];
    for id in [e, x, z, y] {
        levels[id] = 1;
    }
    let mut graph = graph::Graph::new(params.m, params.m0());
    for level in levels {
        graph.push_node(level);
    }
    let cluster_a: Vec<u32> = (0..12).chain([e, x, z]).map(|id| id as u32).collect();
    let cluster_b: Vec<u32> = (12..24).chain([y]).map(|id| id as u32).collect();
    for cluster in [&cluster_a, &cluster_b] {
        for &id in cluster.iter() {
            graph.set_neighbours(id, 0, cluster.iter().copied().filter(|&other| other != id));
        }
    }
    let (e, x, z, y) = (e as u32, x as u32, z as u32, y as u32);
    graph.set_neighbours(e, 1, [x, z]);
    graph.set_neighbours(x, 1, [e]);
    graph.set_neighbours(z, 1, [e, y]);
    graph.set_neighbours(y, 1, [z]);
    let deleted = vec![false; angles.len()];
    let index = Hnsw::from_parts(params, 2, rows, graph, deleted, Some(e));
    let query = point(0.0).to_vec();
    // The ten points of B nearest angle 0, nearest first.
    let truth = ids(&index.exact(&query, 10, &|_| true));
    assert!(truth.iter().all(|id| cluster_b.contains(id)));
    (index, query, truth)
}

#[test]
fn the_layer1_beam_finds_the_cluster_a_greedy_descent_misses() {
    let (index, query, truth) = clusters_behind_a_layer1_detour();
    // The trap is real: greedy steps alone end at X, in cluster A.
    let mut prepared = vectors::Query::default();
    prepared.set(&query, &index.rows);
    let entry = index.entry.unwrap();
    let start = scratch::Candidate {
        distance: index.distance_to(&prepared, entry),
        id: entry,
    };
    assert_eq!(
        index.greedy_closest(&prepared, start, 1).id,
        25,
        "stuck at X"
    );

    let mut search = Search::default();
    let found = index.search_graph(&query, 10, 16, &|_| true, &mut search);
    assert_eq!(ids(&found), truth);
    // A filter keeping every other point of B: still found, and only those.
    let odd = |id: u32| id % 2 == 1;
    let found = index.search_graph(&query, 5, 16, &odd, &mut search);
    assert_eq!(ids(&found), ids(&index.exact(&query, 5, &odd)));
}

#[test]
fn rows_inserted_unlinked_scan_as_linked_rows_and_survive_a_snapshot() {
    let data = clustered(600, 32, 5);
    let params = HnswParams::default().m(2).ef_construction(2);
    let (mut linked, mut unlinked) = (
        Hnsw::with_storage(32, params, Storage::Int8),
        Hnsw::with_storage(32, params, Storage::Int8),
    );
    for row in data.rows().into_iter().take(500) {
        let row = row.to_vec();
        assert_eq!(
            linked.insert(&row).unwrap(),
            unlinked.insert_unlinked(&row).unwrap()
        );
    }
    unlinked.delete(3).unwrap();
    linked.delete(3).unwrap();
    assert!(
        unlinked.insert_unlinked(&[0.0; 31]).is_err(),
        "a short row is refused"
    );
    let restored = Hnsw::from_bytes(&unlinked.to_bytes()).unwrap();
    let all: fn(u32) -> bool = |_| true;
    for q in 500..520 {
        let query = data.row(q).to_vec();
        let truth = ids(&linked.exact(&query, 10, &all));
        assert_eq!(ids(&unlinked.exact(&query, 10, &all)), truth);
        assert_eq!(ids(&restored.exact(&query, 10, &all)), truth);
    }
    assert_eq!(restored.len(), 499);
}

#[test]
fn a_query_of_zeros_gets_the_exact_answer_without_a_walk() {
    for storage in [Storage::F32, Storage::Int8] {
        let (index, _) = small_index(1_500);
        let mut index = index.into_storage(storage);
        index.delete(0).unwrap();
        index.delete(5).unwrap();
        let zeros = vec![0.0; 64];
        let mut search = Search::default();
        let odd = |id: u32| id % 2 == 1;
        let all: fn(u32) -> bool = |_| true;
        assert_eq!(
            index.search_filtered(&zeros, 10, &all, &mut search),
            index.exact(&zeros, 10, &all),
            "{storage:?}"
        );
        assert_eq!(search.last_plan(), Some(Plan::Exact));
        let found = index.search_filtered(&zeros, 10, &odd, &mut search);
        assert_eq!(found, index.exact(&zeros, 10, &odd), "{storage:?}");
        assert_eq!(ids(&found), vec![1, 3, 7, 9, 11, 13, 15, 17, 19, 21]);
        // Candidates named as bits (odd ids, and words past the rows) answer the same.
        let named = Named {
            passes: |id| id % 2 == 1,
            candidates: vec![0xAAAA_AAAA_AAAA_AAAA; 1_500 / 64 + 3],
        };
        assert_eq!(
            index.search_filtered(&zeros, 10, &named, &mut search),
            found
        );
        assert_eq!(
            index
                .search_filtered(&zeros, 2_000, &named, &mut search)
                .len(),
            749
        );
        assert_eq!(index.search(&zeros, 0, &mut search), vec![]);
    }
}

#[test]
fn a_short_list_of_every_live_row_is_the_one_made_among_them_all() {
    let (mut index, data) = small_index(3_000);
    index.delete(7).unwrap();
    index.delete(1_500).unwrap();
    let index = index.into_storage(Storage::Int8);
    let codes = SignCodes::of(&index);
    let every = [u64::MAX; 3_000usize.div_ceil(64)];
    for query in data.outer_iter().skip(3_000).take(20) {
        let distances = index.sign_distances(&codes, query.as_slice().unwrap());
        for n in [0, 1, 50, 300, 2_998, 5_000] {
            let live = index.shortlist_live(&distances, n);
            assert_eq!(live, index.shortlist_by(&distances, n, &every), "n {n}");
            let listed: u32 = live.iter().map(|w| w.count_ones()).sum();
            assert_eq!(listed as usize, n.min(2_998), "n {n}");
            assert_eq!(live[0] & 1 << 7, 0, "a deleted row listed");
        }
    }
}
