//! Memory's costs against its targets: snapshot (<= 5 ms) and restore (<= 20 ms) of a memory
//! with 10,000 episodes and 500 preferences, and what memory adds to a query at 100k talents
//! (<= 20%). Run with `cargo bench --bench memory`.
//!
//! Queries with memory go through `Assistant::search`, the path the pages and the CLI take, and
//! are measured twice: as every turn after the first runs them (the personalisation kept), and
//! as the first query after a change of memory runs them (the personalisation rebuilt).

use std::time::{Duration, Instant};

use criterion::{black_box, criterion_group, criterion_main, Criterion};

use castmatch_core::assistant::Assistant;
use castmatch_core::memory::{Decision, Personalisation, Session};
use castmatch_core::rank::rank;
use castmatch_core::roster::{Credit, CreditKind, Gender, Talent};
use castmatch_core::{Catalog, Match, Requirements};

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
        .map(|i| {
            let gender = if next(2) == 0 {
                Gender::Female
            } else {
                Gender::Male
            };
            let mut t = Talent::new(
                format!("T{i:06}"),
                format!("Talent {i}"),
                gender,
                18 + next(60) as u32,
                150 + next(40) as u32,
                CITIES[next(6) as usize],
                vec!["hindi".into(), LANGUAGES[next(6) as usize].into()],
                vec![
                    SKILLS[next(8) as usize].into(),
                    SKILLS[next(8) as usize].into(),
                ],
            );
            t.experience_years = next(20) as u32;
            t.credits = vec![Credit {
                kind: CreditKind::Theatre,
                title: "Play".into(),
                year: 2015,
            }]
            .into_iter()
            .filter(|_| next(4) == 0)
            .collect();
            t
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
        for day in 1..=10 {
            s.add_slot(
                role,
                &format!("2026-03-{day:02}"),
                "10:30",
                "Studio 4, Film City",
            )
            .unwrap();
        }
        for i in 0..500i64 {
            let id = |k: i64| format!("T{:06}", (role * 997 + i * 31 + k) as usize % talents);
            match i % 4 {
                0 | 1 => s.record_turn(
                    i,
                    "a bit older, must speak Marathi",
                    &brief,
                    &(0..10).map(id).collect::<Vec<_>>(),
                ),
                2 => {
                    // Format 4 (issue 19): the talent's details kept, a note and tags on one in
                    // five, an invitation to one of the role's ten slots for one in two.
                    let talent = Talent::new(
                        id(0),
                        format!("Talent {}", id(0)),
                        Gender::Female,
                        30,
                        165,
                        "mumbai",
                        vec![],
                        vec![],
                    );
                    s.keep_details(&talent);
                    s.feedback(i, &id(0), Decision::Shortlist, None).unwrap();
                    if i % 20 == 2 {
                        let tags = ["callback".to_string(), "needs dialect coach".into()];
                        s.annotate(&talent, "strong chemistry read; check dates", &tags)
                            .unwrap();
                    }
                    if i % 8 == 2 {
                        s.invite(i, &id(0), 1 + (i as u32 / 8) % 10).unwrap();
                    }
                    // Format 3's withdrawals and undos (issue 19), now and then.
                    if i % 50 == 2 {
                        s.withdraw(i, &id(0)).unwrap();
                        s.undo(i, None).unwrap();
                    }
                }
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
    let workbook = session.workbook().unwrap();
    let invited: usize = workbook.auditions.iter().map(|a| a.invitations.len()).sum();
    eprintln!(
        "memory: {episodes} episodes, 500 preferences, {} candidates ({} annotated), {} slots, {invited} invitations: snapshot {} KiB",
        workbook.candidates.len(),
        workbook.candidates.iter().filter(|c| c.annotated()).count(),
        workbook.auditions.iter().map(|a| a.slots.len()).sum::<usize>(),
        bytes.len() / 1024
    );
    c.bench_function("memory snapshot (10k episodes, 500 preferences)", |b| {
        b.iter(|| black_box(session.snapshot()))
    });
    c.bench_function("memory restore (10k episodes, 500 preferences)", |b| {
        b.iter(|| black_box(Session::from_snapshot(black_box(&bytes)).unwrap()))
    });
}

/// The brief ranked: a loose filter, answered by the graph walk.
fn brief() -> Requirements {
    Requirements {
        gender: Some(Gender::Female),
        age_min: Some(25),
        age_max: Some(45),
        languages: ["hindi".to_string()].into(),
        ..Default::default()
    }
}

/// The big memory as it bears on three roles, each a full-memory case of the target.
fn full_memories(big: &Session, shown: &[Match]) -> Vec<(&'static str, Session)> {
    let open = |role: &str| {
        let mut s = big.clone();
        s.open_role(10_000, role).unwrap();
        s
    };
    // The way a director works: shortlist and reject among the results the brief showed.
    let mut from_results = open("Lead from results");
    for (i, m) in shown.iter().enumerate().take(10) {
        let decision = [Decision::Shortlist, Decision::Reject][i % 2];
        from_results
            .feedback(10_002 + i as i64, &m.id, decision, None)
            .unwrap();
    }
    vec![
        ("feedback on the shown results", from_results),
        ("random feedback across the roster", open("Role 3")),
        (
            "a 'never over N' constraint (mother role)",
            open("Mother 1"),
        ),
    ]
}

/// One part of memory at a time, to see what each costs inside the query.
fn memory_parts(big: &Session) -> Vec<(&'static str, Session)> {
    let role3 = big.memory().directors["default"]
        .role("default", "Role 3")
        .unwrap();
    let alone = |decision: Decision| {
        let mut s = Session::new();
        s.open_role(1, "Role 3").unwrap();
        for id in role3.ids_in(decision) {
            s.feedback(2, id, decision, None).unwrap();
        }
        s
    };
    let mut stated = Session::new();
    stated.open_role(1, "Role 3").unwrap();
    for p in big.memory().directors["default"].preferences.active() {
        stated.remember(2, &p.text).unwrap();
    }
    let mut never = Session::new();
    never.open_role(1, "Mother 1").unwrap();
    never
        .remember(2, "never show me anyone over 60 for mother roles")
        .unwrap();
    vec![
        (
            "only 125 rejections (hidden, pushed away)",
            alone(Decision::Reject),
        ),
        (
            "only 125 shortlists (pulled to)",
            alone(Decision::Shortlist),
        ),
        ("only stated preferences (boosts by trait)", stated),
        ("only a 'never over 60' constraint", never),
    ]
}

/// `iters` first queries, each after a change of memory that leaves its content as it was
/// (the change itself is not timed): what the query after a shortlist click costs.
fn first_queries_after_a_change(a: &mut Assistant, r: &Requirements, iters: u64) -> Duration {
    let mut total = Duration::ZERO;
    for i in 0..iters {
        a.session.show_rejected(i as i64, false);
        let start = Instant::now();
        black_box(a.search(r, 10));
        total += start.elapsed();
    }
    total
}

fn ranking_with_memory(c: &mut Criterion) {
    let catalog = Catalog::new(roster(100_000)).unwrap();
    let big = big_session(100_000);
    let r = brief();
    let shown = rank(&catalog, &r, 20, &Personalisation::default());
    let mut a = Assistant::with_session(catalog, Session::new());
    let mut group = c.benchmark_group("rank 100k talents, k=10");
    group.sample_size(20);
    group.bench_function("without memory", |b| {
        b.iter(|| black_box(rank(&a.catalog, &r, 10, &Personalisation::default())))
    });
    for (label, session) in full_memories(&big, &shown) {
        a.session = session;
        eprintln!("memory, {label}: {}", a.personalisation().summary());
        group.bench_function(format!("memory, {label}: kept"), |b| {
            b.iter(|| black_box(a.search(&r, 10)))
        });
        group.bench_function(
            format!("memory, {label}: first query after a change"),
            |b| b.iter_custom(|iters| first_queries_after_a_change(&mut a, &r, iters)),
        );
    }
    let mut random = big.clone();
    random.open_role(10_000, "Role 3").unwrap();
    group.bench_function(
        "building the personalisation alone (random feedback)",
        |b| b.iter(|| black_box(random.personalisation(&a.catalog))),
    );
    for (label, session) in memory_parts(&big) {
        a.session = session;
        eprintln!("memory, {label}: {}", a.personalisation().summary());
        group.bench_function(format!("memory, {label}: kept"), |b| {
            b.iter(|| black_box(a.search(&r, 10)))
        });
    }
    // The first line again, last: how far the machine drifted over the run.
    group.bench_function("without memory, again at the end", |b| {
        b.iter(|| black_box(rank(&a.catalog, &r, 10, &Personalisation::default())))
    });
    group.finish();
}

criterion_group!(benches, snapshot_and_restore, ranking_with_memory);
criterion_main!(benches);
