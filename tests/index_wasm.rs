//! The index inside wasm32 (run under Node by wasm-bindgen-test-runner): the simd128 dot kernel
//! agrees bit for bit with the scalar model of the native kernel, and search behaves the same.
#![cfg(target_arch = "wasm32")]

use castmatch::index::{dot, Hnsw, HnswParams, Search};
use wasm_bindgen_test::wasm_bindgen_test;

/// The native kernel's arithmetic, written out: 16 partial sums as four groups of four lanes,
/// groups added pairwise, lanes in order, then the tail.
fn scalar_model(a: &[f32], b: &[f32]) -> f32 {
    let len = a.len().min(b.len());
    let mut acc = [[0.0f32; 4]; 4];
    let chunks = len / 16;
    for c in 0..chunks {
        for (g, group) in acc.iter_mut().enumerate() {
            for (l, lane) in group.iter_mut().enumerate() {
                let i = c * 16 + 4 * g + l;
                *lane += a[i] * b[i];
            }
        }
    }
    let quad: Vec<f32> = (0..4)
        .map(|l| (acc[0][l] + acc[1][l]) + (acc[2][l] + acc[3][l]))
        .collect();
    let mut sum = ((quad[0] + quad[1]) + quad[2]) + quad[3];
    for i in chunks * 16..len {
        sum += a[i] * b[i];
    }
    sum
}

fn pseudo_random(len: usize, seed: u32) -> Vec<f32> {
    let mut s = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    (0..len)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            (s as f32 / u32::MAX as f32) - 0.5
        })
        .collect()
}

fn unit(v: Vec<f32>) -> Vec<f32> {
    let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    v.into_iter().map(|x| x / norm).collect()
}

#[wasm_bindgen_test]
fn wasm_kernel_matches_the_native_kernel_bit_for_bit() {
    for len in [0, 1, 15, 16, 17, 63, 64, 65, 100, 128, 131] {
        let (a, b) = (pseudo_random(len, 3), pseudo_random(len, 4));
        assert_eq!(
            dot(&a, &b).to_bits(),
            scalar_model(&a, &b).to_bits(),
            "len {len}"
        );
    }
}

#[wasm_bindgen_test]
fn filtered_search_in_wasm_matches_the_exact_scan() {
    let mut index = Hnsw::new(64, HnswParams::default());
    for i in 0..3_000 {
        index.insert(&unit(pseudo_random(64, i))).unwrap();
    }
    let restored = Hnsw::from_bytes(&index.to_bytes()).unwrap();
    let mut search = Search::default();
    let filter = |id: u32| id % 3 == 0;
    let (mut found, mut total) = (0, 0);
    for q in 0..20 {
        let query = unit(pseudo_random(64, 10_000 + q));
        let hits = restored.search_filtered(&query, 10, &filter, &mut search);
        assert!(hits.iter().all(|h| filter(h.id)));
        let truth = restored.exact(&query, 10, &filter);
        found += hits.iter().filter(|h| truth.contains(h)).count();
        total += truth.len();
    }
    assert!(found as f64 >= 0.95 * total as f64, "{found}/{total}");
}
