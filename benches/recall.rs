//! Recall, latency, build time, snapshot size, restore time and memory of castmatch's HNSW
//! against an exact full-precision scan and hnsw_rs on the same vectors, at filter
//! selectivities from 100% to 0.1%.
//!
//! `cargo bench --bench recall`; choose sizes with `CASTMATCH_BENCH_N=10000,100000,1000000`
//! and the query count with `CASTMATCH_BENCH_QUERIES=1000`; `CASTMATCH_BENCH_SKIP_HNSW_RS=1`
//! leaves the reference out (it is skipped above 100k anyway: a 1M build takes an hour);
//! `CASTMATCH_BENCH_F32=0` leaves out the f32 index (kept for comparison, skipped above 100k).
//! Writes `$CARGO_TARGET_DIR/bench/recall.json` (default `target/bench/recall.json`) and each
//! int8 index's snapshot (`index-<n>.snap`, which `benches/node/same-data.mjs` restores in
//! wasm), and prints Markdown tables.
//!
//! Systems: `castmatch int8` is the compact index as the product ships it: built on every core
//! (`parallel`), int8 rows, each answer's candidates rescored at full precision with the rows
//! the caller holds (`search_rescored`). `castmatch int8, no rescoring` answers from the int8
//! distances alone. `castmatch f32` is the index with f32 rows. Recall is always measured
//! against the exact scan of the f32 rows.

use std::time::{Duration, Instant};

use castmatch_index::{dataset, Hit, Hnsw, HnswParams, Plan, Search, SignCodes, Storage};
use hnsw_rs::hnsw::Hnsw as RefHnsw;
use hnsw_rs::prelude::{DistDot, Distance};
use ndarray::{s, ArrayView2};
use serde::Serialize;

const DIM: usize = 64;
const K: usize = 10;
const SEED: u64 = 20_261_126;
/// 6% sits just above the planner's switch to the exact scan at 100k (5% or 2,000 rows): the
/// hardest case the graph walk gets there.
const SELECTIVITIES: [f64; 6] = [1.0, 0.5, 0.1, 0.06, 0.01, 0.001];
const EF_SWEEP: [usize; 15] = [
    10, 16, 24, 32, 40, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024,
];
const TARGET_RECALL: f64 = 0.98;
/// Stop timing a slow configuration after this long and report the queries done so far.
const TIME_BUDGET: Duration = Duration::from_secs(20);
/// Above this size only the int8 index runs (the others' builds would take most of an hour).
const LARGEST_FOR_OTHERS: usize = 100_000;

/// hnsw_rs with our kernel, to separate graph quality from distance speed.
#[derive(Clone, Copy, Default)]
struct OurDot;

impl Distance<f32> for OurDot {
    fn eval(&self, a: &[f32], b: &[f32]) -> f32 {
        castmatch_index::cosine_distance(a, b)
    }
}

#[derive(Serialize)]
struct Row {
    n: usize,
    system: String,
    selectivity: f64,
    ef: Option<usize>,
    queries: usize,
    p50_ms: f64,
    p99_ms: f64,
    cpu_ms_mean: Option<f64>,
    recall_at_10: f64,
    plan: String,
}

#[derive(Serialize, Default)]
struct Build {
    n: usize,
    system: String,
    seconds: f64,
    /// On-CPU time of the whole process during the build (all threads).
    cpu_seconds: Option<f64>,
    threads: usize,
    memory_bytes: Option<usize>,
    raw_vector_bytes: usize,
    snapshot_bytes: Option<usize>,
    restore_ms: Option<f64>,
    /// Resident set of the whole process after the build (data and other indexes included).
    rss_after_build_bytes: Option<u64>,
}

#[derive(Serialize)]
struct Throughput {
    n: usize,
    system: String,
    selectivity: f64,
    /// The last ef tried (the one reaching the target, or the largest in the sweep).
    last_ef: Option<usize>,
    min_ef_for_recall_098: Option<usize>,
    recall_at_10: f64,
    qps: f64,
    qps_cpu: Option<f64>,
}

#[derive(Serialize)]
struct Report {
    machine: String,
    load_average_at_start: String,
    dim: usize,
    k: usize,
    /// Seed of the data (`index::dataset`), so `benches/node/same-data.mjs` regenerates it.
    seed: u64,
    queries: usize,
    params: HnswParams,
    builds: Vec<Build>,
    rows: Vec<Row>,
    throughput: Vec<Throughput>,
}

/// Latencies and answers of one configuration over all queries (or the time budget).
struct Run {
    latencies: Vec<Duration>,
    answers: Vec<Vec<u32>>,
    /// On-CPU time of this thread for the whole run (Linux only).
    cpu: Option<Duration>,
}

impl Run {
    fn measure(queries: ArrayView2<f32>, mut answer: impl FnMut(&[f32]) -> Vec<u32>) -> Self {
        let started = Instant::now();
        let cpu_start = thread_cpu_time();
        let mut run = Run {
            latencies: Vec::new(),
            answers: Vec::new(),
            cpu: None,
        };
        for query in queries.outer_iter() {
            let query = query.as_slice().unwrap_or(&[]);
            let t = Instant::now();
            let ids = answer(query);
            run.latencies.push(t.elapsed());
            run.answers.push(ids);
            if started.elapsed() > TIME_BUDGET {
                break;
            }
        }
        run.cpu = thread_cpu_time()
            .zip(cpu_start)
            .map(|(end, start)| end.saturating_sub(start));
        run
    }

    /// Mean on-CPU milliseconds per query: robust to other processes sharing the cores.
    fn cpu_ms_mean(&self) -> Option<f64> {
        self.cpu
            .map(|cpu| cpu.as_secs_f64() * 1e3 / self.latencies.len().max(1) as f64)
    }

    fn percentile_ms(&self, p: f64) -> f64 {
        let mut sorted = self.latencies.clone();
        sorted.sort();
        let at = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len().max(1)) - 1;
        sorted.get(at).map_or(0.0, |d| d.as_secs_f64() * 1e3)
    }

    fn recall(&self, truth: &[Vec<u32>]) -> f64 {
        let (mut found, mut total) = (0usize, 0usize);
        for (got, want) in self.answers.iter().zip(truth) {
            found += got.iter().filter(|id| want.contains(id)).count();
            total += want.len();
        }
        if total == 0 {
            1.0
        } else {
            found as f64 / total as f64
        }
    }

    fn qps(&self) -> f64 {
        let total: Duration = self.latencies.iter().sum();
        self.latencies.len() as f64 / total.as_secs_f64().max(1e-9)
    }
}

/// On-CPU time of the calling thread, from `/proc/thread-self/schedstat` (nanoseconds).
fn thread_cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
}

/// On-CPU time of the whole process (all threads), from `/proc/self/schedstat`'s threads.
fn process_cpu_time() -> Option<Duration> {
    let mut total = 0u64;
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let stat = std::fs::read_to_string(task.ok()?.path().join("schedstat")).ok()?;
        total += stat.split_whitespace().next()?.parse::<u64>().ok()?;
    }
    Some(Duration::from_nanos(total))
}

/// The process's resident set (`VmRSS`), in bytes.
fn rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

fn ids(hits: Vec<Hit>) -> Vec<u32> {
    hits.into_iter().map(|h| h.id).collect()
}

fn neighbour_ids(found: Vec<hnsw_rs::prelude::Neighbour>) -> Vec<u32> {
    found.into_iter().map(|nb| nb.d_id as u32).collect()
}

fn main() {
    let sizes: Vec<usize> = std::env::var("CASTMATCH_BENCH_N")
        .unwrap_or_else(|_| "10000,100000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let query_count: usize = std::env::var("CASTMATCH_BENCH_QUERIES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let params = HnswParams::default();
    let mut report = Report {
        machine: machine(),
        load_average_at_start: std::fs::read_to_string("/proc/loadavg")
            .unwrap_or_default()
            .trim()
            .into(),
        dim: DIM,
        k: K,
        seed: SEED,
        queries: query_count,
        params,
        builds: Vec::new(),
        rows: Vec::new(),
        throughput: Vec::new(),
    };
    for n in sizes {
        bench_size(n, query_count, params, &mut report);
    }
    write_report(&report);
}

/// Which systems run at this size.
struct Systems {
    reference: bool,
    f32: bool,
}

impl Systems {
    fn at(n: usize) -> Self {
        let small = n <= LARGEST_FOR_OTHERS;
        Systems {
            reference: small && std::env::var("CASTMATCH_BENCH_SKIP_HNSW_RS").is_err(),
            f32: small && std::env::var("CASTMATCH_BENCH_F32").as_deref() != Ok("0"),
        }
    }
}

fn bench_size(n: usize, query_count: usize, params: HnswParams, report: &mut Report) {
    eprintln!("n = {n}: generating data");
    let all = dataset::clustered(n + query_count, DIM, SEED);
    let (base, queries) = (all.slice(s![..n, ..]), all.slice(s![n.., ..]));
    let labels = dataset::shuffled_labels(n, SEED);
    let raw = n * DIM * 4;
    let systems = Systems::at(n);

    eprintln!("n = {n}: building castmatch int8 (batched, every core)");
    let (ours, build) = timed_build(n, "castmatch int8", raw, || {
        Hnsw::build_with(base, params, Storage::Int8, &mut |_, _| {})
    });
    report.builds.push(snapshot_figures(&ours, build, n));

    let ours_f32 = systems.f32.then(|| {
        eprintln!("n = {n}: building castmatch f32 (batched, every core)");
        let (index, build) = timed_build(n, "castmatch f32", raw, || {
            Hnsw::build(base, params, &mut |_, _| {})
        });
        report.builds.push(snapshot_figures(&index, build, n));
        index
    });

    let rows: Vec<&[f32]> = base
        .outer_iter()
        .map(|r| r.to_slice().unwrap_or(&[]))
        .collect();
    let reference = systems.reference.then(|| {
        eprintln!("n = {n}: building hnsw_rs (DistDot, one thread)");
        let (index, build) = timed_build(n, "hnsw_rs", raw, || {
            build_reference(&rows, params, DistDot)
        });
        report.builds.push(build);
        index
    });
    let reference_our_kernel = systems.reference.then(|| {
        eprintln!("n = {n}: building hnsw_rs (our kernel, one thread)");
        let (index, build) = timed_build(n, "hnsw_rs+our-dot", raw, || {
            build_reference(&rows, params, OurDot)
        });
        report.builds.push(build);
        index
    });

    let signs = SignCodes::of(&ours);
    let mut truths = Vec::new();
    for selectivity in SELECTIVITIES {
        let threshold = (selectivity * n as f64).round() as u32;
        let filter = |id: u32| labels.get(id as usize).is_some_and(|l| *l < threshold);
        eprintln!("n = {n}: selectivity {selectivity}");

        let exact = Run::measure(queries, |q| exact_f32(base, q, &filter));
        let truth = exact.answers.clone();
        let row = Measured {
            n,
            selectivity,
            truth: &truth,
        };
        row.push(report, "exact scan (f32)", None, &exact, "exact");

        let mut search = Search::default();
        let mut graph_plans = 0;
        let planned = Run::measure(queries, |q| {
            let hits = ours.search_rescored(q, K, &filter, &base, &mut search);
            graph_plans += usize::from(matches!(search.last_plan(), Some(Plan::Graph { .. })));
            ids(hits)
        });
        let plan = plan_label(&ours, &filter, graph_plans, planned.latencies.len());
        row.push(report, "castmatch int8", None, &planned, &plan);

        let stored = Run::measure(queries, |q| {
            ids(ours.search_filtered(q, K, &filter, &mut search))
        });
        row.push(report, "castmatch int8, no rescoring", None, &stored, &plan);

        // Where the planner walks the graph: every passing row's sign code scanned, the nearest
        // 1/24 ranked exactly (the meaning layer's search past 250k points).
        if selectivity >= 0.1 {
            let mut among = vec![0u64; n.div_ceil(64)];
            (0..n as u32)
                .filter(|&id| filter(id))
                .for_each(|id| among[id as usize / 64] |= 1 << (id % 64));
            let run = Run::measure(queries, |q| {
                let list = ours.shortlist(&signs, q, n / 24, &among);
                let listed = |id: u32| list[id as usize / 64] & (1 << (id % 64)) != 0;
                ids(ours.search_rescored(q, K, &listed, &base, &mut search))
            });
            row.push(
                report,
                "castmatch int8, sign-code short-list 1/24",
                None,
                &run,
                "short-list",
            );
        }

        if let Some(index) = &ours_f32 {
            let mut graph_plans = 0;
            let run = Run::measure(queries, |q| {
                let hits = index.search_filtered(q, K, &filter, &mut search);
                graph_plans += usize::from(matches!(search.last_plan(), Some(Plan::Graph { .. })));
                ids(hits)
            });
            let plan = plan_label(index, &filter, graph_plans, run.latencies.len());
            row.push(report, "castmatch f32", None, &run, &plan);
        }

        if let Some(reference) = &reference {
            let ref_filter = |id: &usize| labels.get(*id).is_some_and(|l| *l < threshold);
            let ef = params.ef_search;
            let run = Run::measure(queries, |q| {
                neighbour_ids(if selectivity >= 1.0 {
                    reference.search(q, K, ef)
                } else {
                    reference.search_filter(q, K, ef, Some(&ref_filter))
                })
            });
            let plan = "graph (filter inside search_layer)";
            row.push(report, "hnsw_rs", Some(ef), &run, plan);
        }
        truths.push((selectivity, truth));
    }

    // QPS at equal recall, unfiltered and with the 10% filter (the loosest one the planner
    // sends to the graph at 100k), each library at the smallest ef reaching the target.
    for (selectivity, truth) in truths.iter().filter(|(s, _)| [1.0, 0.1].contains(s)) {
        eprintln!("n = {n}: ef sweep for recall {TARGET_RECALL} at selectivity {selectivity}");
        let threshold = (selectivity * n as f64).round() as u32;
        let filter = |id: u32| labels.get(id as usize).is_some_and(|l| *l < threshold);
        let ref_filter = |id: &usize| labels.get(*id).is_some_and(|l| *l < threshold);
        let mut search = Search::default();
        let sweep = Sweep {
            n,
            selectivity: *selectivity,
            queries,
            truth,
        };
        let mut ours_at = |q: &[f32], ef: usize| {
            ids(ours.search_graph_rescored(q, K, ef, &filter, &base, &mut search))
        };
        report
            .throughput
            .push(sweep.run("castmatch int8", &mut ours_at));
        if let Some(index) = &ours_f32 {
            let mut search = Search::default();
            let mut at =
                |q: &[f32], ef: usize| ids(index.search_graph(q, K, ef, &filter, &mut search));
            report.throughput.push(sweep.run("castmatch f32", &mut at));
        }
        if let Some(index) = &reference {
            report
                .throughput
                .push(sweep_reference(&sweep, "hnsw_rs", index, &ref_filter));
        }
        if let Some(index) = &reference_our_kernel {
            let system = "hnsw_rs+our-dot";
            report
                .throughput
                .push(sweep_reference(&sweep, system, index, &ref_filter));
        }
    }
    write_snapshot(n, &ours);
}

/// The exact `K` nearest rows of `base` passing `filter`, at full precision: the ground truth.
fn exact_f32(base: ArrayView2<f32>, query: &[f32], filter: &dyn Fn(u32) -> bool) -> Vec<u32> {
    let mut best: Vec<(f32, u32)> = Vec::with_capacity(K + 1);
    for (id, row) in base.outer_iter().enumerate() {
        let id = id as u32;
        if !filter(id) {
            continue;
        }
        let distance = castmatch_index::cosine_distance(query, row.as_slice().unwrap_or(&[]));
        if best.len() == K && (distance, id) >= best[K - 1] {
            continue;
        }
        let at = best.partition_point(|&kept| kept < (distance, id));
        best.insert(at, (distance, id));
        best.truncate(K);
    }
    best.into_iter().map(|(_, id)| id).collect()
}

fn plan_label(index: &Hnsw, filter: &dyn Fn(u32) -> bool, graph_plans: usize, of: usize) -> String {
    match index.plan(K, filter) {
        Plan::Exact => "exact".to_string(),
        Plan::Graph { ef } => format!("graph ef={ef} ({graph_plans} of {of} stayed in graph)"),
    }
}

/// The snapshot's size and the time to restore it, and the resident set after the build.
fn snapshot_figures(index: &Hnsw, build: Build, n: usize) -> Build {
    let bytes = index.to_bytes();
    let started = Instant::now();
    let restored = Hnsw::from_bytes(&bytes);
    let restore_ms = started.elapsed().as_secs_f64() * 1e3;
    if restored.map(|r| r.len()) != Ok(n) {
        eprintln!("the snapshot did not restore {n} points");
    }
    Build {
        memory_bytes: Some(index.memory_bytes()),
        snapshot_bytes: Some(bytes.len()),
        restore_ms: Some(restore_ms),
        ..build
    }
}

fn write_snapshot(n: usize, index: &Hnsw) {
    let path = bench_dir().join(format!("index-{n}.snap"));
    let written =
        std::fs::create_dir_all(bench_dir()).and_then(|_| std::fs::write(&path, index.to_bytes()));
    match written {
        Ok(()) => eprintln!("wrote {}", path.display()),
        Err(e) => eprintln!("could not write {}: {e}", path.display()),
    }
}

/// One size and selectivity: pushes a system's row measured against `truth`.
struct Measured<'a> {
    n: usize,
    selectivity: f64,
    truth: &'a [Vec<u32>],
}

impl Measured<'_> {
    fn push(&self, report: &mut Report, system: &str, ef: Option<usize>, run: &Run, plan: &str) {
        report.rows.push(Row {
            n: self.n,
            system: system.into(),
            selectivity: self.selectivity,
            ef,
            queries: run.latencies.len(),
            p50_ms: run.percentile_ms(0.5),
            p99_ms: run.percentile_ms(0.99),
            cpu_ms_mean: run.cpu_ms_mean(),
            recall_at_10: run.recall(self.truth),
            plan: plan.into(),
        });
    }
}

fn sweep_reference<D: Distance<f32> + Send + Sync>(
    sweep: &Sweep,
    system: &str,
    index: &RefHnsw<'static, f32, D>,
    filter: &dyn Fn(&usize) -> bool,
) -> Throughput {
    let filter = |id: &usize| filter(id);
    sweep.run(system, &mut |q, ef| {
        neighbour_ids(if sweep.selectivity >= 1.0 {
            index.search(q, K, ef)
        } else {
            index.search_filter(q, K, ef, Some(&filter))
        })
    })
}

/// Runs `build`, timing wall clock and the process's on-CPU time (all its threads).
fn timed_build<T>(n: usize, system: &str, raw: usize, build: impl FnOnce() -> T) -> (T, Build) {
    let (wall, cpu) = (Instant::now(), process_cpu_time());
    let index = build();
    let cpu_seconds = process_cpu_time()
        .zip(cpu)
        .map(|(end, start)| end.saturating_sub(start).as_secs_f64());
    let threads = if system.starts_with("castmatch") {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        1
    };
    let build = Build {
        n,
        system: system.into(),
        seconds: wall.elapsed().as_secs_f64(),
        cpu_seconds,
        threads,
        raw_vector_bytes: raw,
        rss_after_build_bytes: rss_bytes(),
        ..Build::default()
    };
    (index, build)
}

fn build_reference<D: Distance<f32> + Send + Sync>(
    rows: &[&[f32]],
    params: HnswParams,
    dist: D,
) -> RefHnsw<'static, f32, D> {
    let layers = 16;
    let index = RefHnsw::new(params.m, rows.len(), layers, params.ef_construction, dist);
    for (id, row) in rows.iter().enumerate() {
        index.insert_slice((row, id));
    }
    index
}

/// One ef sweep: queries, their exact answers, and the filter's selectivity (for the report).
struct Sweep<'a> {
    n: usize,
    selectivity: f64,
    queries: ArrayView2<'a, f32>,
    truth: &'a [Vec<u32>],
}

impl Sweep<'_> {
    /// Smallest ef in the sweep reaching the target recall, and the QPS there.
    fn run(&self, system: &str, answer: &mut dyn FnMut(&[f32], usize) -> Vec<u32>) -> Throughput {
        let mut result = self.throughput(system, None, 0.0, None);
        for ef in EF_SWEEP {
            let run = Run::measure(self.queries, |q| answer(q, ef));
            let recall = run.recall(self.truth);
            let reached = recall >= TARGET_RECALL;
            result = self.throughput(system, Some((ef, reached)), recall, Some(&run));
            if reached {
                break;
            }
        }
        result
    }

    fn throughput(
        &self,
        system: &str,
        ef: Option<(usize, bool)>,
        recall: f64,
        run: Option<&Run>,
    ) -> Throughput {
        Throughput {
            n: self.n,
            system: system.into(),
            selectivity: self.selectivity,
            last_ef: ef.map(|(ef, _)| ef),
            min_ef_for_recall_098: ef.and_then(|(ef, reached)| reached.then_some(ef)),
            recall_at_10: recall,
            qps: run.map_or(0.0, Run::qps),
            qps_cpu: run.and_then(Run::cpu_ms_mean).map(|ms| 1e3 / ms.max(1e-9)),
        }
    }
}

fn machine() -> String {
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    format!("{model}, {cpus} CPUs")
}

fn bench_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into()))
        .join("bench")
}

fn write_report(report: &Report) {
    let path = bench_dir().join("recall.json");
    let written = std::fs::create_dir_all(bench_dir()).and_then(|_| {
        std::fs::write(
            &path,
            serde_json::to_string_pretty(report).unwrap_or_default(),
        )
    });
    match written {
        Ok(()) => eprintln!("wrote {}", path.display()),
        Err(e) => eprintln!("could not write {}: {e}", path.display()),
    }
    let fmt = |v: Option<f64>, digits: usize| v.map_or("-".into(), |v| format!("{v:.digits$}"));
    println!(
        "Machine: {} (load average at start {}). dim {}, k {}, M {}, efConstruction {}, ef {}.",
        report.machine,
        report.load_average_at_start,
        report.dim,
        report.k,
        report.params.m,
        report.params.ef_construction,
        report.params.ef_search
    );
    println!("Wall times include waiting for the CPU; CPU columns count on-CPU time only.\n");
    println!("| n | system | threads | build s (wall) | build s (CPU) | index bytes / raw | snapshot bytes (a point) | restore ms | RSS after build MiB |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for b in &report.builds {
        let memory = b.memory_bytes.map_or("-".into(), |m| {
            let ratio = m as f64 / b.raw_vector_bytes as f64;
            format!("{m} ({ratio:.2}x)")
        });
        let snapshot = b.snapshot_bytes.map_or("-".into(), |s| {
            format!("{s} ({:.1})", s as f64 / b.n.max(1) as f64)
        });
        let rss = b
            .rss_after_build_bytes
            .map_or("-".into(), |r| format!("{:.0}", r as f64 / 1048576.0));
        println!(
            "| {} | {} | {} | {:.2} | {} | {memory} | {snapshot} | {} | {rss} |",
            b.n,
            b.system,
            b.threads,
            b.seconds,
            fmt(b.cpu_seconds, 2),
            fmt(b.restore_ms, 1),
        );
    }
    println!("\n| n | selectivity | system | p50 ms | p99 ms | mean CPU ms | recall@10 | queries | plan |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for r in &report.rows {
        println!(
            "| {} | {}% | {} | {:.3} | {:.3} | {} | {:.4} | {} | {} |",
            r.n,
            r.selectivity * 100.0,
            r.system,
            r.p50_ms,
            r.p99_ms,
            fmt(r.cpu_ms_mean, 3),
            r.recall_at_10,
            r.queries,
            r.plan
        );
    }
    println!("\n| n | selectivity | system | smallest ef with recall@10 >= 0.98 | recall@10 | QPS (wall) | QPS (CPU) |");
    println!("|---|---|---|---|---|---|---|");
    for t in &report.throughput {
        let ef = t
            .min_ef_for_recall_098
            .map_or(format!("not reached (ef {:?})", t.last_ef), |ef| {
                ef.to_string()
            });
        let qps_cpu = fmt(t.qps_cpu, 0);
        println!(
            "| {} | {}% | {} | {ef} | {:.4} | {:.0} | {qps_cpu} |",
            t.n,
            t.selectivity * 100.0,
            t.system,
            t.recall_at_10,
            t.qps
        );
    }
}
