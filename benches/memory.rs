//! Memory's costs against its targets: snapshot (<= 5 ms) and restore (<= 20 ms) of a memory
//! with 10,000 episodes and 500 preferences, and what memory adds to a query at 100k talents
//! (<= 20%). Run with `cargo bench --no-default-features --bench memory`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};

use castmatch::memory::{Decision, Personalisation, Session};
use castmatch::rank::rank;
use castmatch::roster::{Credit, CreditKind, Gender, Talent};
use castmatch::{Catalog, Requirements};

const SKILLS: [&str; 8] = [
    "theatre",
    "kathak",
    "boxing",
    "singing",
    "horse riding",
    "guitar",
    "yoga",
    "swimming",
];
const CITIES: [&str; 6] = ["mumbai", "delhi", "pune", "kolkata", "chennai", "bengaluru"];
const LANGUAGES: [&str; 6] = [
    "marathi", "bengali", "tamil", "punjabi", "english", "telugu",
];

/// A deterministic roster (a linear congruential sequence), standing in for the synthetic one.
fn roster(n: usize) -> Vec<Talent> {
    let mut state: u64 = 7;
    let mut next = move |m: u64| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) % m
    };
    (0..n)
        .map(|i| Talent {
            id: format!("T{i:06}"),
            name: format!("Talent {i}"),
            gender: if next(2) == 0 {
                Gender::Female
            } else {
                Gender::Male
            },
            age: 18 + next(60) as u32,
            height_cm: 150 + next(40) as u32,
            city: CITIES[next(6) as usize].into(),
            languages: vec!["hindi".into(), LANGUAGES[next(6) as usize].into()],
            skills: vec![
                SKILLS[next(8) as usize].into(),
                SKILLS[next(8) as usize].into(),
            ],
            experience_years: next(20) as u32,
            credits: vec![Credit {
                kind: CreditKind::Theatre,
                title: "Play".into(),
                year: 2015,
            }]
            .into_iter()
            .filter(|_| next(4) == 0)
            .collect(),
            bio: String::new(),
            day_rate_inr: None,
            availability: None,
        })
        .collect()
}

/// 20 roles of 500 episodes each (turns showing 10 talents, shortlists, rejections with
/// notes) and 500 stated preferences over skills, languages, cities and age limits.
fn big_session(talents: usize) -> Session {
    let mut s = Session::new();
    let brief = Requirements {
        gender: Some(Gender::Female),
        ..Default::default()
    };
    for role in 0..20i64 {
        s.open_role(role, &format!("Role {role}")).unwrap();
        for i in 0..500i64 {
            let id = |k: i64| format!("T{:06}", (role * 997 + i * 31 + k) as usize % talents);
            match i % 4 {
                0 | 1 => s.record_turn(
                    i,
                    "a bit older, must speak Marathi",
                    &brief,
                    &(0..10).map(id).collect::<Vec<_>>(),
                ),
                2 => s.feedback(i, &id(0), Decision::Shortlist, None).unwrap(),
                _ => s
                    .feedback(i, &id(1), Decision::Reject, Some("not the look"))
                    .unwrap(),
            }
        }
    }
    let topics: Vec<String> = SKILLS
        .iter()
        .chain(&LANGUAGES)
        .chain(&CITIES)
        .map(|t| t.to_string())
        .collect();
    for i in 0..500usize {
        let text = match i % 4 {
            0 => format!("prefer {} actors", topics[i % topics.len()]),
            1 => format!("avoid {} actors", topics[(i / 4) % topics.len()]),
            2 => format!("never show me anyone over {} for mother roles", 55 + i % 20),
            _ => format!("I prefer {} talent", topics[(i * 7) % topics.len()]),
        };
        s.remember(i as i64, &text).unwrap();
    }
    s
}

fn snapshot_and_restore(c: &mut Criterion) {
    let session = big_session(100_000);
    let episodes = session.director().map_or(0, |d| d.episodes.len());
    let bytes = session.snapshot();
    eprintln!(
        "memory: {episodes} episodes, 500 preferences, snapshot {} KiB",
        bytes.len() / 1024
    );
    c.bench_function("memory snapshot (10k episodes, 500 preferences)", |b| {
        b.iter(|| black_box(session.snapshot()))
    });
    c.bench_function("memory restore (10k episodes, 500 preferences)", |b| {
        b.iter(|| black_box(Session::from_snapshot(black_box(&bytes)).unwrap()))
    });
}

fn ranking_with_memory(c: &mut Criterion) {
    let catalog = Catalog::new(roster(100_000)).unwrap();
    let mut session = big_session(100_000);
    session.open_role(9_999, "Role 3").unwrap();
    let r = Requirements {
        gender: Some(Gender::Female),
        age_min: Some(25),
        age_max: Some(45),
        languages: ["hindi".to_string()].into(),
        ..Default::default()
    };
    let memory = session.personalisation(&catalog);
    eprintln!("personalisation: {}", memory.summary());
    let mut group = c.benchmark_group("rank 100k talents, k=10");
    group.sample_size(20);
    group.bench_function("without memory", |b| {
        b.iter(|| black_box(rank(&catalog, &r, 10, &Personalisation::default())))
    });
    group.bench_function("with memory (personalisation built per query)", |b| {
        b.iter(|| black_box(rank(&catalog, &r, 10, &session.personalisation(&catalog))))
    });
    let mut mother = session.clone();
    mother.open_role(10_000, "Mother 1").unwrap();
    group.bench_function(
        "with memory and a 'never over N' constraint (mother role)",
        |b| b.iter(|| black_box(rank(&catalog, &r, 10, &mother.personalisation(&catalog)))),
    );
    // The way a director works: shortlist and reject among the results the brief showed.
    let mut shown_role = session.clone();
    shown_role.open_role(10_001, "Lead from results").unwrap();
    let shown = rank(&catalog, &r, 20, &Personalisation::default());
    for (i, m) in shown.iter().enumerate().take(10) {
        let decision = if i % 2 == 0 {
            Decision::Shortlist
        } else {
            Decision::Reject
        };
        shown_role
            .feedback(10_002 + i as i64, &m.id, decision, None)
            .unwrap();
    }
    group.bench_function("with memory, feedback on the shown results", |b| {
        b.iter(|| {
            black_box(rank(
                &catalog,
                &r,
                10,
                &shown_role.personalisation(&catalog),
            ))
        })
    });
    group.bench_function("building the personalisation alone", |b| {
        b.iter(|| black_box(session.personalisation(&catalog)))
    });
    group.finish();
}

criterion_group!(benches, snapshot_and_restore, ranking_with_memory);
criterion_main!(benches);
