//! Parsing speed: a typical brief, a long one, and a refinement turn (target: a typical brief
//! in 50 microseconds or less, natively).

use castmatch_core::brief::{parse, parse_in, Conversation};
use castmatch_core::vocab::{TermKind, Vocabulary};
use criterion::{black_box, criterion_group, criterion_main, Criterion};

const TYPICAL: &str =
    "Female lead, 25-32, fluent in Marathi and Hindi, trained Kathak dancer, based in Mumbai.";
const LONG: &str = "Lead actor (male), early to mid 30s, 5'10\"-6'0\", Hindi & English, Mumbai or Pune, not from Delhi. \
    Should be able to swim and drive. Horse riding would be an added advantage; Kalaripayattu a plus. Marwari family.";

const DEVANAGARI: &str =
    "लड़की चाहिए, उम्र २२ से २६ साल, हिंदी और मराठी बोलने वाली, कथक आना ज़रूरी, पुणे या मुंबई।";
const ROSTER_BRIEF: &str = "Rock climber type, 25-30, kayaks and climbs, scuba diving a plus, Goa.";

/// A roster's own vocabulary: 200 skills beyond the built-in ones, as a large agency file has.
fn roster_vocabulary() -> Vocabulary {
    let mut v = Vocabulary::default();
    for (i, s) in [
        "rock climbing",
        "kayaking",
        "scuba diving",
        "muay thai",
        "krav maga",
    ]
    .iter()
    .enumerate()
    {
        v.learn(TermKind::Skill, s);
        for n in 0..40 {
            v.learn(TermKind::Skill, &format!("{s} level {}", i * 40 + n));
        }
    }
    v
}

fn bench_parse(c: &mut Criterion) {
    parse(TYPICAL); // build the lexicon once, outside the measurement
    c.bench_function("parse typical brief", |b| {
        b.iter(|| parse(black_box(TYPICAL)))
    });
    c.bench_function("parse long brief", |b| b.iter(|| parse(black_box(LONG))));
    c.bench_function("parse a Devanagari brief", |b| {
        b.iter(|| parse(black_box(DEVANAGARI)))
    });
    let vocabulary = roster_vocabulary();
    c.bench_function("parse with a roster's 205 own skills", |b| {
        b.iter(|| parse_in(black_box(ROSTER_BRIEF), &vocabulary))
    });
    c.bench_function("refine a standing brief", |b| {
        let mut standing = Conversation::new();
        standing.say(TYPICAL);
        b.iter(|| {
            let mut c = standing.clone();
            c.say(black_box(
                "Make her a bit older, drop the dance, also Pune.",
            ))
        })
    });
}

criterion_group!(benches, bench_parse);
criterion_main!(benches);
