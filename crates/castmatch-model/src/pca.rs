//! PCA for the distiller: owns centring, the covariance matrix and its symmetric eigendecomposition
//! (nalgebra), and projecting rows onto the top components.
//!
//! Equivalent to scikit-learn's `PCA(n_components=d, svd_solver="full").fit_transform` up to signs.

use nalgebra::{DMatrix, SymmetricEigen};

pub struct Pca {
    pub mean: Vec<f64>,
    /// `d` components, each of the input dimension, by decreasing variance.
    pub components: Vec<Vec<f64>>,
    pub explained: Vec<f64>,
    pub total_variance: f64,
}

impl Pca {
    pub fn fit(rows: &[Vec<f32>], d: usize) -> Pca {
        let n = rows.len();
        let h = rows[0].len();
        let mut mean = vec![0f64; h];
        for r in rows {
            for (m, v) in mean.iter_mut().zip(r) {
                *m += *v as f64;
            }
        }
        mean.iter_mut().for_each(|m| *m /= n as f64);
        let mut cov = vec![0f64; h * h];
        let mut x = vec![0f64; h];
        for r in rows {
            for (i, v) in r.iter().enumerate() {
                x[i] = *v as f64 - mean[i];
            }
            for i in 0..h {
                let xi = x[i];
                let row = &mut cov[i * h..i * h + h];
                for j in i..h {
                    row[j] += xi * x[j];
                }
            }
        }
        for i in 0..h {
            for j in i..h {
                let v = cov[i * h + j] / (n as f64 - 1.0);
                cov[i * h + j] = v;
                cov[j * h + i] = v;
            }
        }
        let eig = SymmetricEigen::new(DMatrix::from_row_slice(h, h, &cov));
        let mut order: Vec<usize> = (0..h).collect();
        order.sort_by(|&a, &b| eig.eigenvalues[b].total_cmp(&eig.eigenvalues[a]));
        let total_variance = eig.eigenvalues.iter().sum();
        let d = d.min(h);
        let components = order[..d]
            .iter()
            .map(|&k| {
                let mut c: Vec<f64> = eig.eigenvectors.column(k).iter().copied().collect();
                // Deterministic sign: largest-magnitude coordinate positive.
                let (mut best, mut arg) = (0.0, 0);
                for (i, v) in c.iter().enumerate() {
                    if v.abs() > best {
                        best = v.abs();
                        arg = i;
                    }
                }
                if c[arg] < 0.0 {
                    c.iter_mut().for_each(|v| *v = -*v);
                }
                c
            })
            .collect();
        let explained = order[..d].iter().map(|&k| eig.eigenvalues[k]).collect();
        Pca {
            mean,
            components,
            explained,
            total_variance,
        }
    }

    pub fn project(&self, row: &[f32]) -> Vec<f32> {
        self.components
            .iter()
            .map(|c| {
                c.iter()
                    .zip(row)
                    .zip(&self.mean)
                    .map(|((c, v), m)| c * (*v as f64 - m))
                    .sum::<f64>() as f32
            })
            .collect()
    }

    /// Projection without centring (for mapping full-model sentence vectors into the same basis).
    pub fn rotate(&self, row: &[f32]) -> Vec<f32> {
        self.components
            .iter()
            .map(|c| c.iter().zip(row).map(|(c, v)| c * *v as f64).sum::<f64>() as f32)
            .collect()
    }

    pub fn explained_ratio(&self) -> f64 {
        self.explained.iter().sum::<f64>() / self.total_variance
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_the_dominant_axis() {
        // Points spread along (1, 1, 0) with small noise on the other axes.
        let mut rows = Vec::new();
        for i in 0..200 {
            let t = i as f32 / 10.0 - 10.0;
            let e = ((i * 7919) % 13) as f32 / 100.0 - 0.06;
            rows.push(vec![t + e, t - e, e]);
        }
        let p = Pca::fit(&rows, 1);
        let c = &p.components[0];
        let s = std::f64::consts::FRAC_1_SQRT_2;
        assert!(
            (c[0].abs() - s).abs() < 0.01 && (c[1].abs() - s).abs() < 0.01 && c[2].abs() < 0.01
        );
        assert!(p.explained_ratio() > 0.99);
        let proj = p.project(&rows[0]);
        assert_eq!(proj.len(), 1);
    }
}
