//! Seeded synthetic data for the index's tests and benchmarks, natively and in wasm alike: unit
//! vectors in Gaussian clusters, and shuffled labels that make filters of an exact selectivity.

use ndarray::Array2;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

/// `n` L2-normalised rows of `dim` components around 128 random centres. Clusters have
/// different spreads, like popular and niche profiles, so some neighbourhoods are dense.
pub fn clustered(n: usize, dim: usize, seed: u64) -> Array2<f32> {
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let centres: Vec<Vec<f32>> = (0..128).map(|_| gaussian(&mut rng, dim, 1.0)).collect();
    let mut rows = Array2::zeros((n, dim));
    for mut row in rows.outer_iter_mut() {
        let centre = &centres[rng.random_range(0..centres.len())];
        let spread = 0.05 + 0.1 * rng.random::<f32>();
        let noise = gaussian(&mut rng, dim, spread);
        let point: Vec<f32> = centre.iter().zip(noise).map(|(c, e)| c / 8.0 + e).collect();
        let norm = point
            .iter()
            .map(|x| x * x)
            .sum::<f32>()
            .sqrt()
            .max(f32::MIN_POSITIVE);
        row.iter_mut()
            .zip(&point)
            .for_each(|(out, x)| *out = x / norm);
    }
    rows
}

/// A seeded permutation of `0..n`: the filter `label < s * n` keeps exactly `s * n` rows.
pub fn shuffled_labels(n: usize, seed: u64) -> Vec<u32> {
    let mut rng = Pcg64Mcg::seed_from_u64(seed ^ 0x1abe1);
    let mut labels: Vec<u32> = (0..n as u32).collect();
    for i in (1..n).rev() {
        labels.swap(i, rng.random_range(0..=i));
    }
    labels
}

/// `dim` Box-Muller normal samples with standard deviation `sigma`.
fn gaussian(rng: &mut Pcg64Mcg, dim: usize, sigma: f32) -> Vec<f32> {
    (0..dim)
        .map(|_| {
            let (u, v): (f32, f32) = (rng.random_range(f32::EPSILON..1.0), rng.random());
            sigma * (-2.0 * u.ln()).sqrt() * (std::f32::consts::TAU * v).cos()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_unit_vectors_and_the_seed_fixes_them() {
        let a = clustered(200, 16, 9);
        assert_eq!(a.dim(), (200, 16));
        for row in a.outer_iter() {
            let norm: f32 = row.iter().map(|x| x * x).sum::<f32>().sqrt();
            assert!((norm - 1.0).abs() < 1e-5, "norm {norm}");
        }
        assert_eq!(a, clustered(200, 16, 9));
        assert_ne!(a, clustered(200, 16, 10));
    }

    #[test]
    fn labels_are_a_permutation_so_a_threshold_keeps_exactly_that_many_rows() {
        let labels = shuffled_labels(1_000, 4);
        let mut sorted = labels.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..1_000).collect::<Vec<u32>>());
        assert_eq!(labels.iter().filter(|l| **l < 37).count(), 37);
        assert_ne!(labels, sorted, "shuffled");
    }
}
