//! Criterion micro-benchmark of index search at 10k x 64: unfiltered, and filtered at 10% (graph
//! walk) and 1% (exact scan), plus the distance kernel alone.

use castmatch_index::{cosine_distance, Hnsw, HnswParams, Search};
use criterion::{black_box, criterion_group, criterion_main, Criterion};
use ndarray::Array2;
use rand::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

const DIM: usize = 64;

fn unit_rows(n: usize, seed: u64) -> Array2<f32> {
    let mut rng = Pcg64Mcg::seed_from_u64(seed);
    let centres: Vec<Vec<f32>> = (0..64)
        .map(|_| (0..DIM).map(|_| rng.random::<f32>() - 0.5).collect())
        .collect();
    let mut rows = Array2::zeros((n, DIM));
    for mut row in rows.outer_iter_mut() {
        let centre = &centres[rng.random_range(0..centres.len())];
        let point: Vec<f32> = centre
            .iter()
            .map(|c| c + 0.3 * (rng.random::<f32>() - 0.5))
            .collect();
        let norm = point.iter().map(|x| x * x).sum::<f32>().sqrt();
        row.iter_mut()
            .zip(&point)
            .for_each(|(out, x)| *out = x / norm);
    }
    rows
}

fn search(c: &mut Criterion) {
    let data = unit_rows(10_100, 3);
    let index = Hnsw::build(
        data.slice(ndarray::s![..10_000, ..]),
        HnswParams::default(),
        &mut |_, _| {},
    );
    let queries: Vec<Vec<f32>> = data.outer_iter().skip(10_000).map(|r| r.to_vec()).collect();
    let mut scratch = Search::default();
    let mut next = 0;
    let mut query = move || {
        next = (next + 1) % queries.len();
        queries[next].clone()
    };
    c.bench_function("search 10k k=10", |b| {
        b.iter(|| black_box(index.search(&query(), 10, &mut scratch)))
    });
    c.bench_function("search_filtered 10k k=10 10%", |b| {
        b.iter(|| black_box(index.search_filtered(&query(), 10, &|id| id % 10 == 0, &mut scratch)))
    });
    c.bench_function("search_filtered 10k k=10 1%", |b| {
        b.iter(|| black_box(index.search_filtered(&query(), 10, &|id| id % 100 == 0, &mut scratch)))
    });
    let (a, v) = (data.row(0).to_vec(), data.row(1).to_vec());
    c.bench_function("cosine_distance 64", |b| {
        b.iter(|| black_box(cosine_distance(black_box(&a), black_box(&v))))
    });
}

criterion_group!(benches, search);
criterion_main!(benches);
