//! Parsing speed: a typical brief, a long one, and a refinement turn (target: a typical brief
//! in 50 microseconds or less, natively).

use castmatch_core::brief::{parse, Conversation};
use criterion::{black_box, criterion_group, criterion_main, Criterion};

const TYPICAL: &str =
    "Female lead, 25-32, fluent in Marathi and Hindi, trained Kathak dancer, based in Mumbai.";
const LONG: &str = "Lead actor (male), early to mid 30s, 5'10\"-6'0\", Hindi & English, Mumbai or Pune, not from Delhi. \
    Should be able to swim and drive. Horse riding would be an added advantage; Kalaripayattu a plus. Marwari family.";

fn bench_parse(c: &mut Criterion) {
    parse(TYPICAL); // build the lexicon once, outside the measurement
    c.bench_function("parse typical brief", |b| {
        b.iter(|| parse(black_box(TYPICAL)))
    });
    c.bench_function("parse long brief", |b| b.iter(|| parse(black_box(LONG))));
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
