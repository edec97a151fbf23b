//! Delivery-dashboard timings on a generated plan of 10,000 tasks and 50,000 dependency edges:
//! full evaluation (target <= 50 ms native), report rendering (<= 20 ms), and loading.

use castmatch_progress::{generate, parse_time, render_report, Tracker};
use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn dashboard(c: &mut Criterion) {
    let plan = generate::plan(10_000, 50_000, 42);
    let text = serde_json::to_string(&plan).expect("plan json");
    let tracker = Tracker::new(plan).expect("valid plan");
    let now = parse_time("2025-09-05T01:45:00+05:30").expect("time");
    let evaluation = tracker.evaluate(now);

    let mut group = c.benchmark_group("progress_10k_tasks_50k_edges");
    group.sample_size(30);
    group.bench_function("evaluate", |b| {
        b.iter(|| black_box(tracker.evaluate(black_box(now))))
    });
    group.bench_function("render_report", |b| {
        b.iter(|| black_box(render_report(black_box(&evaluation))))
    });
    group.bench_function("evaluate_and_report", |b| {
        b.iter(|| black_box(tracker.report(black_box(now))))
    });
    group.bench_function("evaluate_to_json", |b| {
        b.iter(|| black_box(serde_json::to_string(&tracker.evaluate(now))))
    });
    group.bench_function("load_and_validate_json", |b| {
        b.iter(|| black_box(Tracker::from_json(black_box(&text))))
    });
    group.finish();
}

criterion_group!(benches, dashboard);
criterion_main!(benches);
