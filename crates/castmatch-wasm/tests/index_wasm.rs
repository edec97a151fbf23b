//! The index inside wasm32 (run under Node by wasm-bindgen-test-runner): the simd128 kernels
//! agree bit for bit with the portable ones compiled for wasm, a batched build gives the very
//! bytes the native build gives, and int8 search with rescoring behaves as natively.
#![cfg(target_arch = "wasm32")]

use castmatch_index::{
    dot, dot_i8, dot_i8_portable, dot_portable, Hnsw, HnswParams, Search, Storage,
};
use ndarray::Array2;
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

fn codes(len: usize, seed: u32) -> Vec<i8> {
    pseudo_random(len, seed)
        .into_iter()
        .map(|x| (x * 254.0).round().clamp(-127.0, 127.0) as i8)
        .collect()
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
fn simd128_int8_kernel_matches_the_portable_kernel_bit_for_bit() {
    for len in [0, 1, 15, 16, 17, 31, 32, 63, 64, 65, 100, 128, 131, 384] {
        let (a, b) = (codes(len, 5), codes(len, 6));
        assert_eq!(dot_i8(&a, &b), dot_i8_portable(&a, &b), "len {len}");
    }
    // The extremes: pairs of products at the edge of i16 in the extmul kernel.
    for (x, y) in [(127, 127), (-127, -127), (127, -127)] {
        let (a, b) = (vec![x; 64], vec![y; 64]);
        assert_eq!(dot_i8(&a, &b), i32::from(x) * i32::from(y) * 64);
        assert_eq!(dot_i8(&a, &b), dot_i8_portable(&a, &b));
    }
}

/// 2,000 unit rows of 32 components from xorshift, normalised with `sqrt` only: correctly
/// rounded everywhere, so wasm and native hold the very same floats.
fn portable_rows() -> Array2<f32> {
    let mut rows = Array2::zeros((2_000, 32));
    for (i, mut row) in rows.outer_iter_mut().enumerate() {
        let v = unit(pseudo_random(32, 1_000 + i as u32));
        row.iter_mut().zip(v).for_each(|(out, x)| *out = x);
    }
    rows
}

/// xxHash32 of the snapshot of the batched build of `portable_rows` (seed 7, int8), as
/// `castmatch_index`'s native test `wasm_and_native_builds_agree` computes it.
const BUILD_CHECKSUM: u32 = 0x55df_e8a0;

#[wasm_bindgen_test]
fn a_batched_build_in_wasm_is_the_native_build_byte_for_byte() {
    let rows = portable_rows();
    let params = HnswParams::default().seed(7);
    let index = Hnsw::build_with(rows.view(), params, Storage::Int8, &mut |_, _| {});
    let checksum = u32::from_le_bytes(index.to_bytes()[20..24].try_into().unwrap());
    assert_eq!(checksum, BUILD_CHECKSUM, "{checksum:#010x}");
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

#[wasm_bindgen_test]
fn an_int8_index_rescored_in_wasm_finds_the_full_precision_neighbours() {
    let rows = portable_rows();
    let index = Hnsw::from_bytes(
        &Hnsw::build_with(
            rows.view(),
            HnswParams::default(),
            Storage::Int8,
            &mut |_, _| {},
        )
        .to_bytes(),
    )
    .unwrap();
    let exact = Hnsw::build(rows.view(), HnswParams::default().m(2), &mut |_, _| {});
    let mut search = Search::default();
    let (mut found, mut total) = (0, 0);
    for q in 0..30 {
        let query = unit(pseudo_random(32, 50_000 + q));
        let filter = |id: u32| id % 5 != 2;
        let hits = index.search_rescored(&query, 10, &filter, &rows.view(), &mut search);
        let truth = exact.exact(&query, 10, &filter);
        found += hits.iter().filter(|h| truth.contains(h)).count();
        total += truth.len();
    }
    assert!(found as f64 >= 0.98 * total as f64, "{found}/{total}");
}
