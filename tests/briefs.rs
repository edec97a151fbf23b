//! Scores the brief parser on labelled briefs (public.jsonl and our own held-out set) by the
//! rule in CONVENTIONS.md, and checks every phrase form the conventions list.

use std::collections::BTreeSet;

use castmatch_core::brief::{parse, parse_on, Conversation};
use castmatch_core::Requirements;
use serde_json::Value;

/// The public labelled set (a copy of `shared/briefs/public.jsonl`) and our own held-out set.
const PUBLIC: &str = include_str!("data/briefs-public.jsonl");
const HELD_OUT: &str = include_str!("data/briefs-heldout.jsonl");
/// Our own development set for Indian scripts and romanised Indian languages, written for
/// this parser (benches/heldout/indic-briefs.jsonl is scored only to report, never tuned on).
const INDIC_DEV: &str = include_str!("data/briefs-indic-dev.jsonl");

const FIELDS: [&str; 9] = [
    "gender",
    "age_min",
    "age_max",
    "languages",
    "skills",
    "cities",
    "height_min_cm",
    "height_max_cm",
    "preferred_skills",
];

/// Runs one labelled line: a single brief or a conversation.
fn run(line: &Value) -> Requirements {
    if let Some(text) = line["text"].as_str() {
        return parse(text).requirements;
    }
    let mut conversation = Conversation::new();
    for turn in line["turns"].as_array().expect("text or turns") {
        conversation.say(turn.as_str().expect("turn text"));
    }
    conversation.requirements().clone()
}

/// Whether one field matches: sets as sets, ages within 1, heights within 2, null == null.
fn field_matches(field: &str, got: &Value, want: &Value) -> bool {
    let tolerance = if field.starts_with("age") { 1 } else { 2 };
    match (got, want) {
        (Value::Null, Value::Null) => true,
        (Value::Number(a), Value::Number(b)) => a
            .as_i64()
            .zip(b.as_i64())
            .is_some_and(|(a, b)| (a - b).abs() <= tolerance),
        (Value::Array(a), Value::Array(b)) => {
            let set = |v: &Vec<Value>| v.iter().map(|x| x.to_string()).collect::<BTreeSet<_>>();
            set(a) == set(b)
        }
        (a, b) => a == b,
    }
}

/// Accuracy over all fields of all lines, printing each miss.
fn score(jsonl: &str, name: &str) -> f64 {
    let (mut hits, mut total) = (0usize, 0usize);
    for line in jsonl.lines().filter(|l| !l.trim().is_empty()) {
        let line: Value = serde_json::from_str(line).expect("valid jsonl");
        let got = serde_json::to_value(run(&line)).expect("serialisable");
        for field in FIELDS {
            total += 1;
            let (g, w) = (
                got.get(field).unwrap_or(&Value::Null),
                &line["expect"][field],
            );
            if field_matches(field, g, w) {
                hits += 1;
            } else {
                let input = line.get("text").unwrap_or(&line["turns"]);
                println!("[{name}] {field}: got {g}, want {w}  <- {input}");
            }
        }
    }
    let accuracy = hits as f64 / total as f64;
    println!("[{name}] accuracy {accuracy:.4} ({hits}/{total} fields)");
    accuracy
}

#[test]
fn public_briefs_all_fields_right() {
    assert_eq!(score(PUBLIC, "public"), 1.0);
}

#[test]
fn held_out_briefs_at_least_95_percent() {
    let accuracy = score(HELD_OUT, "held-out");
    assert!(accuracy >= 0.95, "held-out accuracy {accuracy}");
}

#[test]
fn indic_development_set_at_least_90_percent() {
    let accuracy = score(INDIC_DEV, "indic-dev");
    for script in [
        "hi-deva", "mr-deva", "hi-latn", "mr-latn", "ta-latn", "te-latn", "mixed",
    ] {
        let lines: Vec<&str> = INDIC_DEV
            .lines()
            .filter(|l| l.contains(&format!("\"script\": \"{script}\"")))
            .collect();
        score(&lines.join("\n"), script);
    }
    assert!(accuracy >= 0.9, "indic development accuracy {accuracy}");
}

/// Our held-out briefs that give shoot dates and a day rate (another voice than the unit
/// tests), each with the `today` its relative dates ("next month") are read against.
const TERMS_HELD_OUT: &str = include_str!("data/briefs-terms-heldout.jsonl");
const TERMS: [&str; 3] = ["available_from", "available_to", "day_rate_max_inr"];

/// Field accuracy of the dates and rate on the terms held-out set, printing each miss.
fn terms_score() -> f64 {
    let (mut hits, mut total) = (0usize, 0usize);
    for line in TERMS_HELD_OUT.lines().filter(|l| !l.trim().is_empty()) {
        let line: Value = serde_json::from_str(line).expect("valid jsonl");
        let text = line["text"].as_str().expect("text");
        let today = castmatch_core::Date::parse_iso(line["today"].as_str().expect("today"));
        let got =
            serde_json::to_value(parse_on(text, today.expect("today is YYYY-MM-DD")).requirements)
                .unwrap();
        for field in TERMS {
            total += 1;
            let (g, w) = (
                got.get(field).unwrap_or(&Value::Null),
                &line["expect"][field],
            );
            if g == w {
                hits += 1;
            } else {
                println!("[terms] {field}: got {g}, want {w}  <- {text}");
            }
        }
    }
    let accuracy = hits as f64 / total as f64;
    println!("[terms] accuracy {accuracy:.4} ({hits}/{total} fields)");
    accuracy
}

#[test]
fn terms_held_out_scored() {
    // First sight, before the date and rate phrases were built: 0.2333 (14/60 fields, the nulls).
    // Built: 0.9833 (59/60); the miss is "mid-March", read as the 11th-20th, labelled the 15th.
    assert!(terms_score() >= 0.95);
}
