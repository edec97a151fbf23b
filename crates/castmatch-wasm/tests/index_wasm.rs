//! The index inside wasm32 (run under Node by wasm-bindgen-test-runner): the simd128 dot kernel
//! agrees bit for bit with the native (portable) kernel compiled for wasm, and search behaves the same.
#![cfg(target_arch = "wasm32")]

use castmatch_index::{dot, dot_portable, Hnsw, HnswParams, Search};
use wasm_bindgen_test::wasm_bindgen_test;

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
            dot_portable(&a, &b).to_bits(),
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
