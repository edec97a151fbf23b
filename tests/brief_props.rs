//! Property tests: the parser and the conversation never panic, whatever the input, and stay
//! fast on very long input.
#![cfg(not(target_arch = "wasm32"))]

use castmatch_core::brief::{parse, reply, Conversation};
use proptest::prelude::*;

/// Fragments that reach deep into the phrase readers when shuffled together.
const FRAGMENTS: &[&str] = &[
    "5'",
    "10",
    "\"",
    "-",
    "–",
    "ish",
    "s",
    "'s",
    "older",
    "younger",
    "no",
    "not",
    "Mumbai",
    "between",
    "and",
    "to",
    "ft",
    "cm",
    "1.75",
    "m",
    "+",
    "under",
    "over",
    "a plus",
    "ideally",
    ":",
    ",",
    ".",
    "next",
    "drop",
    "the",
    "dance",
    "any",
    "age",
    "Hinglish",
    "mother",
    "of",
    "boy",
    "🎬",
    "ß",
    "½",
    "٣",
    "𝟓",
    "\u{200d}",
    "\n",
    "  ",
    "early",
    "mid",
    "late",
    "twenties",
    "thirty",
    "five",
    "99999999999999999999",
    "0",
    "0.0.0",
    "5.",
    ".5",
    "’",
    "”",
    "/",
    "&",
    "or",
    "also",
];

fn fragments() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #[test]
    fn parse_never_panics_on_any_text(text in any::<String>()) {
        let _ = parse(&text);
    }

    #[test]
    fn parse_never_panics_on_brief_fragments(text in fragments()) {
        let p = parse(&text);
        if let (Some(a), Some(b)) = (p.requirements.age_min, p.requirements.age_max) {
            prop_assert!(a <= b, "age {a}-{b} from {text:?}");
        }
    }

    #[test]
    fn conversation_never_panics(turns in prop::collection::vec(prop_oneof![fragments(), any::<String>()], 1..6)) {
        let mut c = Conversation::new();
        for t in &turns {
            let turn = c.say(t);
            let _ = reply(&turn, 0, None);
        }
    }
}

#[test]
fn very_long_input_is_fine() {
    let brief = "Female lead, 25-32, fluent in Marathi and Hindi 🎬, trained Kathak dancer, 5'4\", Mumbai; ";
    let long: String = brief.repeat(100_000 / brief.len() + 1);
    assert!(long.len() >= 100_000);
    let started = std::time::Instant::now();
    let p = parse(&long);
    assert!(p.requirements.skills.contains("kathak"));
    let mut c = Conversation::new();
    c.say(&long);
    let junk: String = "ß🎬'\"-5".repeat(20_000);
    let _ = parse(&junk);
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn pathological_repetition_stays_linear() {
    let started = std::time::Instant::now();
    for unit in [
        "25-30 ",
        "of boy ",
        "a ",
        "and Kathak a plus must ",
        "no ",
        "5'10\" ",
        "1 Mumbai ",
    ] {
        let _ = parse(&unit.repeat(100_000 / unit.len()));
    }
    assert!(
        started.elapsed().as_secs() < 30,
        "took {:?}",
        started.elapsed()
    );
}
