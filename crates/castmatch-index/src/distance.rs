//! The distance kernel: cosine distance between L2-normalised vectors, `1 - dot(a, b)`.
//! One portable kernel that autovectorises natively and one using wasm `simd128` intrinsics.

/// Number of independent partial sums; 16 lanes = four 128-bit registers, so the adds of one
/// chunk never wait on each other and both kernels sum in exactly the same order.
const LANES: usize = 16;

/// Cosine distance between two L2-normalised vectors: `1 - a·b`, in `[0, 2]`.
///
/// The index never normalises: callers pass unit vectors (the feature encoder does). For
/// unnormalised input this is still `1 - dot`, a valid but different ordering.
#[inline(always)]
pub fn cosine_distance(a: &[f32], b: &[f32]) -> f32 {
    1.0 - dot(a, b)
}

/// Dot product over the common prefix of `a` and `b`.
///
/// Both kernels keep 16 partial sums laid out as four groups of four lanes, add products without
/// fused multiply-add, and reduce in the same tree order, so they return bit-identical results.
#[inline(always)]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        dot_simd128(a, b)
    }
    #[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
    {
        dot_portable(a, b)
    }
}

/// Portable kernel: four groups of four partial sums over chunks of 16, written so LLVM maps
/// each group to one 128-bit register (plain `mulps` / `addps` on x86-64, no shuffles). Public
/// so that the wasm tests can check the simd128 kernel against it bit for bit.
#[inline(always)]
pub fn dot_portable(a: &[f32], b: &[f32]) -> f32 {
    let len = a.len().min(b.len());
    let (a, b) = (&a[..len], &b[..len]);
    let mut acc = [[0.0f32; 4]; 4];
    let (chunks_a, chunks_b) = (a.chunks_exact(LANES), b.chunks_exact(LANES));
    let (tail_a, tail_b) = (chunks_a.remainder(), chunks_b.remainder());
    for (x, y) in chunks_a.zip(chunks_b) {
        // Always 16 long; the conversion lets the compiler drop bounds checks.
        let (Ok(x), Ok(y)) = (<&[f32; LANES]>::try_from(x), <&[f32; LANES]>::try_from(y)) else {
            continue;
        };
        for (group, sums) in acc.iter_mut().enumerate() {
            for (lane, sum) in sums.iter_mut().enumerate() {
                *sum += x[4 * group + lane] * y[4 * group + lane];
            }
        }
    }
    // Same reduction tree as the simd128 kernel: groups pairwise, then lanes 0..4 in order.
    let mut quad = [0.0f32; 4];
    for (lane, q) in quad.iter_mut().enumerate() {
        *q = (acc[0][lane] + acc[1][lane]) + (acc[2][lane] + acc[3][lane]);
    }
    let mut sum = ((quad[0] + quad[1]) + quad[2]) + quad[3];
    for (x, y) in tail_a.iter().zip(tail_b) {
        sum += x * y;
    }
    sum
}

/// Hints the CPU to start loading `len` bytes at `start` into cache, one hint per 64-byte line
/// (a no-op where there is no such hint). Graph walks jump between rows, so loads miss cache
/// otherwise. `start..start + len` must lie in one live allocation.
#[inline(always)]
pub(crate) fn prefetch_bytes(start: *const u8, len: usize) {
    #[cfg(target_arch = "x86_64")]
    for offset in (0..len).step_by(64) {
        use core::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: a prefetch never faults, whatever the address; SSE is baseline on x86-64.
        unsafe { _mm_prefetch::<_MM_HINT_T0>(start.wrapping_add(offset).cast()) };
    }
    // wasm has no prefetch; a load whose value is unused starts the cache miss all the same,
    // and `read_volatile` keeps the compiler (and the engine's JIT) from dropping it.
    #[cfg(target_arch = "wasm32")]
    for offset in (0..len).step_by(64) {
        // SAFETY: the caller passes a range inside one allocation; bytes need no alignment.
        let _ = unsafe { core::ptr::read_volatile(start.add(offset)) };
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "wasm32")))]
    let _ = (start, len);
}

/// Dot product of two int8 vectors over their common prefix, exact in i32.
#[inline(always)]
pub fn dot_i8(a: &[i8], b: &[i8]) -> i32 {
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        dot_i8_simd128(a, b)
    }
    #[cfg(target_arch = "x86_64")]
    {
        dot_i8_sse2(a, b)
    }
    #[cfg(not(any(
        all(target_arch = "wasm32", target_feature = "simd128"),
        target_arch = "x86_64"
    )))]
    {
        dot_i8_portable(a, b)
    }
}

/// x86-64 int8 kernel (SSE2, the baseline): sixteen codes at a time, sign-extended to i16 and
/// multiplied and summed in pairs by `pmaddwd`. LLVM vectorises the portable loop with
/// 32-bit multiplies instead, at half the speed.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn dot_i8_sse2(a: &[i8], b: &[i8]) -> i32 {
    use core::arch::x86_64::{
        __m128i, _mm_add_epi32, _mm_cvtsi128_si32, _mm_loadu_si128, _mm_madd_epi16,
        _mm_setzero_si128, _mm_shuffle_epi32, _mm_srai_epi16, _mm_unpackhi_epi8, _mm_unpacklo_epi8,
    };
    let len = a.len().min(b.len());
    let whole = len - len % 16;
    // SAFETY: SSE2 is part of x86-64; every load reads 16 bytes at `at`, with at + 16 <= len
    // for both slices (loadu has no alignment requirement).
    unsafe {
        let mut acc = _mm_setzero_si128();
        let mut at = 0;
        while at < whole {
            let x = _mm_loadu_si128(a.as_ptr().add(at).cast::<__m128i>());
            let y = _mm_loadu_si128(b.as_ptr().add(at).cast::<__m128i>());
            // Each byte into the high half of an i16 lane, then an arithmetic shift down.
            let (x_low, x_high) = (
                _mm_srai_epi16::<8>(_mm_unpacklo_epi8(x, x)),
                _mm_srai_epi16::<8>(_mm_unpackhi_epi8(x, x)),
            );
            let (y_low, y_high) = (
                _mm_srai_epi16::<8>(_mm_unpacklo_epi8(y, y)),
                _mm_srai_epi16::<8>(_mm_unpackhi_epi8(y, y)),
            );
            acc = _mm_add_epi32(acc, _mm_madd_epi16(x_low, y_low));
            acc = _mm_add_epi32(acc, _mm_madd_epi16(x_high, y_high));
            at += 16;
        }
        acc = _mm_add_epi32(acc, _mm_shuffle_epi32::<0b01_00_11_10>(acc));
        acc = _mm_add_epi32(acc, _mm_shuffle_epi32::<0b10_11_00_01>(acc));
        let mut sum = _mm_cvtsi128_si32(acc);
        while at < len {
            sum += i32::from(a[at]) * i32::from(b[at]);
            at += 1;
        }
        sum
    }
}

/// Portable int8 kernel: a plain indexed loop, which LLVM vectorises natively (widening
/// multiply-adds) and keeps as a tight loop at opt-level "z". Exact, as the simd128 kernel is,
/// so the two agree bit for bit whatever the order of the sums.
#[inline(always)]
pub fn dot_i8_portable(a: &[i8], b: &[i8]) -> i32 {
    let len = a.len().min(b.len());
    let (a, b) = (&a[..len], &b[..len]);
    let mut sum = 0i32;
    let mut at = 0;
    while at < len {
        sum += i32::from(a[at]) * i32::from(b[at]);
        at += 1;
    }
    sum
}

/// wasm int8 kernel, sixteen codes at a time: `i16x8.extmul` multiplies the low and the high
/// eight pairs into i16 lanes, whose sum cannot overflow (codes stay in `-127..=127`, so a
/// pair of products is at most 32,258), then `i32x4.extadd_pairwise` widens into the sums.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
fn dot_i8_simd128(a: &[i8], b: &[i8]) -> i32 {
    use core::arch::wasm32::{
        i16x8_add, i16x8_extmul_high_i8x16, i16x8_extmul_low_i8x16, i32x4_add,
        i32x4_extadd_pairwise_i16x8, i32x4_extract_lane, i32x4_splat, v128, v128_load,
    };
    let len = a.len().min(b.len());
    let whole = len - len % 16;
    let mut acc = i32x4_splat(0);
    let mut at = 0;
    while at < whole {
        // SAFETY: at + 16 <= len for both slices; v128_load has no alignment requirement.
        let (x, y) = unsafe {
            (
                v128_load(a.as_ptr().add(at) as *const v128),
                v128_load(b.as_ptr().add(at) as *const v128),
            )
        };
        let pairs = i16x8_add(i16x8_extmul_low_i8x16(x, y), i16x8_extmul_high_i8x16(x, y));
        acc = i32x4_add(acc, i32x4_extadd_pairwise_i16x8(pairs));
        at += 16;
    }
    let mut sum = i32x4_extract_lane::<0>(acc)
        + i32x4_extract_lane::<1>(acc)
        + i32x4_extract_lane::<2>(acc)
        + i32x4_extract_lane::<3>(acc);
    while at < len {
        sum += i32::from(a[at]) * i32::from(b[at]);
        at += 1;
    }
    sum
}

/// wasm kernel: four `f32x4` accumulators over chunks of 16, then the same reduction.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
#[inline(always)]
fn dot_simd128(a: &[f32], b: &[f32]) -> f32 {
    use core::arch::wasm32::{
        f32x4_add, f32x4_extract_lane, f32x4_mul, f32x4_splat, v128, v128_load,
    };
    let len = a.len().min(b.len());
    let (a, b) = (&a[..len], &b[..len]);
    /// The product of the four lanes at `offset` of `a` and `b`.
    #[inline(always)]
    fn product(a: &[f32], b: &[f32], offset: usize) -> v128 {
        match (a.get(offset..offset + 4), b.get(offset..offset + 4)) {
            // SAFETY: both slices hold four f32s; v128_load has no alignment requirement.
            (Some(a), Some(b)) => unsafe {
                f32x4_mul(
                    v128_load(a.as_ptr() as *const v128),
                    v128_load(b.as_ptr() as *const v128),
                )
            },
            _ => f32x4_splat(0.0),
        }
    }
    // Four named accumulators and an index loop, not an array and iterator adapters: a
    // size-optimised build neither unrolls a loop over an array nor inlines `zip`.
    let [mut acc0, mut acc1, mut acc2, mut acc3] = [f32x4_splat(0.0); 4];
    let whole = len - len % LANES;
    let mut at = 0;
    while at < whole {
        acc0 = f32x4_add(acc0, product(a, b, at));
        acc1 = f32x4_add(acc1, product(a, b, at + 4));
        acc2 = f32x4_add(acc2, product(a, b, at + 8));
        acc3 = f32x4_add(acc3, product(a, b, at + 12));
        at += LANES;
    }
    let quad = f32x4_add(f32x4_add(acc0, acc1), f32x4_add(acc2, acc3));
    let mut sum = ((f32x4_extract_lane::<0>(quad) + f32x4_extract_lane::<1>(quad))
        + f32x4_extract_lane::<2>(quad))
        + f32x4_extract_lane::<3>(quad);
    for at in whole..len {
        sum += a[at] * b[at];
    }
    sum
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(a: &[f32], b: &[f32]) -> f64 {
        a.iter().zip(b).map(|(x, y)| *x as f64 * *y as f64).sum()
    }

    /// Scalar model of the simd128 kernel (four f32x4 registers), to check on native that the
    /// two kernels agree bit for bit.
    fn simd128_model(a: &[f32], b: &[f32]) -> f32 {
        let len = a.len().min(b.len());
        let mut acc = [[0.0f32; 4]; 4];
        let chunks = len / LANES;
        for c in 0..chunks {
            for (g, reg) in acc.iter_mut().enumerate() {
                for (l, lane) in reg.iter_mut().enumerate() {
                    let i = c * LANES + 4 * g + l;
                    *lane += a[i] * b[i];
                }
            }
        }
        let mut quad = [0.0f32; 4];
        for (l, q) in quad.iter_mut().enumerate() {
            *q = (acc[0][l] + acc[1][l]) + (acc[2][l] + acc[3][l]);
        }
        let mut sum = ((quad[0] + quad[1]) + quad[2]) + quad[3];
        for i in chunks * LANES..len {
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

    #[test]
    fn dot_matches_naive_sum_for_all_tail_lengths() {
        for len in 0..80 {
            let (a, b) = (pseudo_random(len, 1), pseudo_random(len, 2));
            let err = (dot(&a, &b) as f64 - naive(&a, &b)).abs();
            assert!(err < 1e-5, "len {len}: error {err}");
        }
    }

    #[test]
    fn portable_kernel_is_bit_identical_to_simd128_model() {
        for len in [0, 3, 16, 17, 64, 100, 129] {
            let (a, b) = (pseudo_random(len, 7), pseudo_random(len, 8));
            assert_eq!(
                dot_portable(&a, &b).to_bits(),
                simd128_model(&a, &b).to_bits()
            );
        }
    }

    #[test]
    fn int8_dot_is_exact_for_all_lengths() {
        for len in 0..70 {
            let a: Vec<i8> = (0..len).map(|i| ((i * 37) % 255) as i8).collect();
            let b: Vec<i8> = (0..len).map(|i| (127 - (i * 11) % 255) as i8).collect();
            let want: i32 = a.iter().zip(&b).map(|(&x, &y)| x as i32 * y as i32).sum();
            assert_eq!(dot_i8(&a, &b), want, "len {len}");
            assert_eq!(dot_i8_portable(&a, &b), want, "len {len}");
        }
        assert_eq!(dot_i8(&[-127; 128], &[-127; 128]), 127 * 127 * 128);
        assert_eq!(dot_i8(&[127; 33], &[-127; 33]), -127 * 127 * 33);
    }

    #[test]
    fn mismatched_lengths_use_common_prefix() {
        let a = [1.0, 2.0, 3.0];
        let b = [1.0, 1.0];
        assert_eq!(dot(&a, &b), 3.0);
        assert_eq!(cosine_distance(&[], &[]), 1.0);
    }
}
