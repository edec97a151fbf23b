//! Diagnostics for the structured index's recall on the bench's data (temporary).
//! `cargo run --release -p castmatch-index --features parallel --example diagnose -- N Q`

use std::time::Instant;

use castmatch_index::{dataset, Hnsw, HnswParams, Search, Storage};
use ndarray::s;

const DIM: usize = 64;
const K: usize = 10;
const SEED: u64 = 20_261_126;

fn exact_f32(base: ndarray::ArrayView2<f32>, q: &[f32], filter: &dyn Fn(u32) -> bool) -> Vec<u32> {
    let mut best: Vec<(f32, u32)> = Vec::with_capacity(K + 1);
    for (id, row) in base.outer_iter().enumerate() {
        let id = id as u32;
        if !filter(id) {
            continue;
        }
        let d = castmatch_index::cosine_distance(q, row.as_slice().unwrap());
        if best.len() == K && (d, id) >= best[K - 1] {
            continue;
        }
        let at = best.partition_point(|&kept| kept < (d, id));
        best.insert(at, (d, id));
        best.truncate(K);
    }
    best.into_iter().map(|(_, id)| id).collect()
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n: usize = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(200_000);
    let nq: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(200);
    let rebuild = std::env::var("REBUILD").is_ok();
    let all = dataset::clustered(n + nq, DIM, SEED);
    let (base, queries) = (all.slice(s![..n, ..]), all.slice(s![n.., ..]));
    let labels = dataset::shuffled_labels(n, SEED);
    let alpha: f32 = std::env::var("ALPHA").ok().and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let fill: u32 = std::env::var("FILL").ok().and_then(|s| s.parse().ok()).unwrap_or(0);
    castmatch_index::EXP_ALPHA.store(alpha.to_bits(), std::sync::atomic::Ordering::Relaxed);
    castmatch_index::EXP_FILL.store(fill, std::sync::atomic::Ordering::Relaxed);
    if let Some(scale) = std::env::var("SCALE").ok().and_then(|s| s.parse::<f32>().ok()) {
        castmatch_index::EXP_SCALE.store(scale.to_bits(), std::sync::atomic::Ordering::Relaxed);
    }
    let path = format!("/tmp/recall1m-diag-{n}-a{alpha}-f{fill}.snap");
    let index = match std::fs::read(&path).ok().filter(|_| !rebuild) {
        Some(bytes) => Hnsw::from_bytes(&bytes).expect("snapshot"),
        None => {
            let t = Instant::now();
            let index = Hnsw::build_with(base, HnswParams::default(), Storage::Int8, &mut |_, _| {});
            let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
            let f: Vec<&str> = stat.rsplit(')').next().unwrap().split_whitespace().collect();
            let cpu = (f[11].parse::<f64>().unwrap() + f[12].parse::<f64>().unwrap()) / 100.0;
            eprintln!("built in {:.1} s wall, process CPU {cpu:.1} s (incl. data generation)", t.elapsed().as_secs_f64());
            std::fs::write(&path, index.to_bytes()).unwrap();
            index
        }
    };
    let mut search = Search::default();
    let mut indeg = vec![0u32; n];
    let mut outdeg_hist = [0usize; 33];
    for id in 0..n as u32 {
        let l = index.links0(id);
        outdeg_hist[l.len().min(32)] += 1;
        for &t in l {
            indeg[t as usize] += 1;
        }
    }
    let mut in_hist = [0usize; 8];
    indeg.iter().for_each(|&d| in_hist[(d as usize).min(7)] += 1);
    println!("layer-0 out-degree histogram: {outdeg_hist:?}");
    println!("layer-0 in-degree 0..7+: {in_hist:?}");
    if std::env::var("DEG_ONLY").is_ok() { return; }
    for sel in [1.0, 0.5, 0.1] {
        let threshold = (sel * n as f64).round() as u32;
        let filter = |id: u32| labels[id as usize] < threshold;
        let truth: Vec<Vec<u32>> = queries
            .outer_iter()
            .map(|q| exact_f32(base, q.as_slice().unwrap(), &filter))
            .collect();
        let score = |answers: &[Vec<u32>]| {
            let mut per_query = Vec::new();
            for (got, want) in answers.iter().zip(&truth) {
                per_query.push(got.iter().filter(|id| want.contains(id)).count());
            }
            per_query
        };
        // Exact int8 scan of 40, rescored.
        let answers: Vec<Vec<u32>> = queries
            .outer_iter()
            .map(|q| {
                let q = q.as_slice().unwrap();
                let mut hits = index.exact(q, 40, &filter);
                for h in &mut hits {
                    h.distance = castmatch_index::cosine_distance(q, base.row(h.id as usize).as_slice().unwrap());
                }
                hits.sort_by(|a, b| a.distance.total_cmp(&b.distance));
                hits.iter().take(K).map(|h| h.id).collect()
            })
            .collect();
        let pq = score(&answers);
        println!("sel {sel}: exact int8 scan rescored recall {:.4}", pq.iter().sum::<usize>() as f64 / (K * nq) as f64);
        let configs: Vec<(&str, u8, u8, usize)> = vec![
            ("planner", 9, 0, 0),
            ("descent", 0, 0, 0),
            ("oracle entry", 1, 0, 0),
            ("best 8 of layer>=3", 2, 3, 8),
            ("best 32 of layer>=3", 2, 3, 32),
            ("best 8 of layer>=2", 2, 2, 8),
            ("best 32 of layer>=2", 2, 2, 32),
            ("beam 8 on layer 1", 3, 1, 8),
            ("beam 16 on layer 1", 3, 1, 16),
            ("beam 32 on layer 1", 3, 1, 32),
            ("beam 8 on layers 2..1", 3, 2, 8),
            ("beam 32 on layers 2..1", 3, 2, 32),
        ];
        let only: Option<String> = std::env::var("ONLY").ok();
        for (name, mode, level, e) in configs {
            if only.as_deref().is_some_and(|o| !o.split(',').any(|o| name.contains(o))) { continue; }
            let efs: Vec<usize> = std::env::var("EFS").unwrap_or("64,128,256".into()).split(',').filter_map(|s| s.parse().ok()).collect();
            for ef in efs {
                let t = Instant::now();
                let mut dist = 0;
                let answers: Vec<Vec<u32>> = queries
                    .outer_iter()
                    .zip(&truth)
                    .map(|(q, want)| {
                        let given = &want[..1.min(want.len())];
                        let h = if mode == 9 { index.search_rescored(q.as_slice().unwrap(), K, &filter, &base, &mut search) } else { index.experiment(q.as_slice().unwrap(), K, ef, &filter, &base, mode, given, level, e, &mut search) };
                        dist += search.last_distance_count();
                        h.into_iter().map(|h| h.id).collect()
                    })
                    .collect();
                let us = t.elapsed().as_secs_f64() * 1e6 / nq as f64;
                let pq = score(&answers);
                let mut missed_indeg = [0usize; 8];
                for (got, want) in answers.iter().zip(&truth) {
                    for id in want.iter().filter(|id| !got.contains(id)) {
                        missed_indeg[(indeg[*id as usize] as usize).min(7)] += 1;
                    }
                }
                if ef == 64 { println!("   missed true neighbours by in-degree 0..7+: {missed_indeg:?}"); }
                if mode == 9 { println!("   plan for 40: {:?}", index.plan(40, &filter)); }
                let zero = pq.iter().filter(|&&c| c == 0).count();
                let partial = pq.iter().filter(|&&c| c > 0 && c < K).count();
                println!(
                    "sel {sel}: {name:24} ef {ef:3} recall {:.4} mean {:4.0} us, {:5} distances; none found {zero}, partial {partial}",
                    pq.iter().sum::<usize>() as f64 / (K * nq) as f64,
                    us,
                    dist / nq,
                );
            }
        }
    }
}
