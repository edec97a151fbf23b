//! Roster benchmarks: generating the synthetic roster, and importing / exporting it as CSV and
//! JSON, at the sizes the demo uses (100k talents generated, 10k imported), and a 100k CSV
//! import (issue 14).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use castmatch_core::roster::{from_csv, from_json, synthetic, to_csv, ImportMode};
use castmatch_core::Date;

/// The reference day imports count ages to (the bench roster has no dates of birth).
fn today() -> Date {
    Date::from_ymd(2025, 9, 1).expect("a real date")
}

fn generate(c: &mut Criterion) {
    let mut group = c.benchmark_group("synthetic");
    group.sample_size(10);
    group.throughput(Throughput::Elements(100_000));
    group.bench_function("100k", |b| b.iter(|| synthetic(100_000, 42)));
    group.finish();
}

fn import_export(c: &mut Criterion) {
    let talents = synthetic(10_000, 42);
    let csv = to_csv(&talents);
    let json = serde_json::to_string(&talents).expect("talents serialise");
    let mut group = c.benchmark_group("roster_10k");
    group.sample_size(10);
    group.throughput(Throughput::Elements(10_000));
    group.bench_function("from_csv", |b| {
        b.iter(|| from_csv(&csv, ImportMode::Strict, today()))
    });
    group.bench_function("from_json", |b| {
        b.iter(|| from_json(&json, ImportMode::Strict, today()))
    });
    group.bench_function("to_csv", |b| b.iter(|| to_csv(&talents)));
    group.finish();
}

fn import_100k(c: &mut Criterion) {
    let csv = to_csv(&synthetic(100_000, 42));
    let mut group = c.benchmark_group("roster_100k");
    group.sample_size(10);
    group.throughput(Throughput::Elements(100_000));
    group.bench_function("from_csv", |b| {
        b.iter(|| from_csv(&csv, ImportMode::Strict, today()))
    });
    group.finish();
}

criterion_group!(benches, generate, import_export, import_100k);
criterion_main!(benches);
