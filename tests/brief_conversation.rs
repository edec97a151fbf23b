//! Refinement turns (CONVENTIONS.md), readable changes, and the engine's templated replies.

use castmatch_core::brief::{reply, BriefField, Conversation};
use castmatch_core::{Gender, Match, Talent};

fn talk(turns: &[&str]) -> Conversation {
    let mut c = Conversation::new();
    for t in turns {
        c.say(t);
    }
    c
}

fn set(items: &[&str]) -> std::collections::BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn older_and_younger_shift_both_ends_by_five() {
    let c = talk(&[
        "Female lead, 25-32, Kathak, Mumbai.",
        "Make her a bit older.",
    ]);
    assert_eq!(
        (c.requirements().age_min, c.requirements().age_max),
        (Some(30), Some(37))
    );
    let c = talk(&["Male, 40+", "younger"]);
    assert_eq!(
        (c.requirements().age_min, c.requirements().age_max),
        (Some(35), None),
        "an open end stays open"
    );
    let c = talk(&["Male, 30-40", "10 years older"]);
    assert_eq!(
        (c.requirements().age_min, c.requirements().age_max),
        (Some(40), Some(50))
    );
    let c = talk(&["Male, 30-40", "much younger"]);
    assert_eq!(
        (c.requirements().age_min, c.requirements().age_max),
        (Some(20), Some(30))
    );
}

#[test]
fn additions_join_the_set() {
    let c = talk(&[
        "Male lead 28-35 from Delhi, speaks Hindi.",
        "He must also speak Punjabi.",
    ]);
    assert_eq!(c.requirements().languages, set(&["hindi", "punjabi"]));
    let c = talk(&["Dancer, 20-26, hip hop, Mumbai.", "add swimming"]);
    assert_eq!(c.requirements().skills, set(&["hip hop", "swimming"]));
    let c = talk(&["Woman, Mumbai", "also Pune"]);
    assert_eq!(c.requirements().cities, set(&["mumbai", "pune"]));
}

#[test]
fn clearing_fields() {
    let c = talk(&[
        "Dancer, 20-26, hip hop and Kathak, singing, Mumbai.",
        "Drop the dance requirement.",
    ]);
    assert_eq!(c.requirements().skills, set(&["singing"]));
    let c = talk(&["Male lead 28-35 from Delhi.", "Forget the city."]);
    assert!(c.requirements().cities.is_empty());
    let c = talk(&["Male lead 28-35 from Delhi.", "any age"]);
    assert_eq!(
        (c.requirements().age_min, c.requirements().age_max),
        (None, None)
    );
    let c = talk(&["Male, at least 6 feet", "any height"]);
    assert_eq!(c.requirements().height_min_cm, None);
    let c = talk(&["Woman, Kathak and Odissi", "no Odissi"]);
    assert_eq!(c.requirements().skills, set(&["kathak"]));
    let c = talk(&["Woman, Tamil, Chennai", "location doesn't matter"]);
    assert!(c.requirements().cities.is_empty());
}

#[test]
fn replacing_fields() {
    let c = talk(&["Dancer, 20-26, Mumbai.", "Make it a man."]);
    assert_eq!(c.requirements().gender, Some(Gender::Male));
    let c = talk(&["Woman in her 30s, Tamil, Chennai.", "Actually 40-50."]);
    assert_eq!(
        (c.requirements().age_min, c.requirements().age_max),
        (Some(40), Some(50))
    );
    assert_eq!(
        c.requirements().languages,
        set(&["tamil"]),
        "other fields stay"
    );
    let c = talk(&["Woman, Chennai", "Hyderabad"]);
    assert_eq!(
        c.requirements().cities,
        set(&["hyderabad"]),
        "a new city replaces by default"
    );
    let c = talk(&["Woman, Kathak", "actually Odissi instead"]);
    assert_eq!(c.requirements().skills, set(&["odissi"]));
    let c = talk(&["Woman, 25-32", "actually over 40"]);
    assert_eq!(
        (c.requirements().age_min, c.requirements().age_max),
        (Some(40), None),
        "a contradicting end is dropped"
    );
    let c = talk(&["Woman, 25-32", "no older than 30"]);
    assert_eq!(
        (c.requirements().age_min, c.requirements().age_max),
        (Some(25), Some(30))
    );
    let c = talk(&["Teen boy, Surat", "Not Surat, Rajkot."]);
    assert_eq!(c.requirements().cities, set(&["rajkot"]));
    assert_eq!(c.requirements().excluded_cities, set(&["surat"]));
}

#[test]
fn bounds_typed_later_narrow_the_range_they_name() {
    for (turn, want) in [
        ("no one over 28", (Some(20), Some(28))),
        ("nobody older than 28", (Some(20), Some(28))),
        ("under 28", (Some(20), Some(27))),
        ("no one under 25", (Some(25), Some(40))),
        ("at least 30", (Some(30), Some(40))),
    ] {
        let c = talk(&["Female lead, 20-40, Hindi", turn]);
        let r = c.requirements();
        assert_eq!((r.age_min, r.age_max), want, "{turn}");
    }
}

#[test]
fn generic_skills_refine_like_skills() {
    let c = talk(&["Woman, 20-30, dancer", "no dancers please"]);
    assert!(c.requirements().skill_groups.is_empty());
    let c = talk(&["Woman, 20-30, Kathak and Odissi", "drop the dance"]);
    assert!(c.requirements().skills.is_empty());
    let mut c = talk(&["Woman, 20-30"]);
    let turn = c.say("must be able to dance");
    assert_eq!(c.requirements().skill_groups, set(&["dance"]));
    assert_eq!(reply(&turn, 3, None), "Now any dance form. 3 match.");
}

#[test]
fn a_new_role_starts_fresh() {
    let mut c = talk(&["Woman in her 30s, Tamil, Chennai.", "Actually 40-50."]);
    let turn = c.say("Next, a cop, male, 45-55, Haryanvi accent.");
    assert!(turn.new_role);
    assert_eq!(c.requirements().languages, set(&["haryanvi"]));
    assert!(c.requirements().cities.is_empty());
    c.reset();
    assert!(c.requirements().is_empty());
    assert!(c.say("start over").new_role);
}

#[test]
fn changes_read_like_a_person_wrote_them() {
    let mut c = talk(&["Female lead, 25-32, Marathi and Hindi, Kathak, Mumbai."]);
    let turn = c.say("a bit older, forget the city");
    let shown: Vec<String> = turn.changes.iter().map(ToString::to_string).collect();
    assert_eq!(shown, ["age 25-32 -> 30-37", "cities mumbai -> any"]);
    assert_eq!(turn.changes[0].field, BriefField::Age);
    let json = serde_json::to_string(&turn).unwrap();
    assert!(json.contains("\"field\":\"age\""));
}

#[test]
fn conversation_round_trips_through_serde() {
    let c = talk(&["Female lead, 25-32, Kathak, Mumbai."]);
    let back: Conversation = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
    assert_eq!(back, c);
}

fn ananya() -> Match {
    let mut talent = Talent::new(
        "t1",
        "Ananya Kulkarni",
        Gender::Female,
        31,
        163,
        "mumbai",
        vec!["hindi".into(), "marathi".into()],
        vec!["kathak".into()],
    );
    talent.experience_years = 6;
    Match {
        id: "t1".into(),
        name: talent.name.clone(),
        fit: 100,
        score: 0.9,
        reasons: vec![],
        concerns: vec![],
        talent,
    }
}

#[test]
fn replies_summarise_then_report_changes() {
    let mut c = Conversation::new();
    let first = c.say("Female lead, 25-32, Marathi and Hindi, Kathak, Mumbai.");
    assert_eq!(
        reply(&first, 14, Some(&ananya())),
        "Looking for: female, 25-32, hindi + marathi, kathak, mumbai. 14 match; the best is Ananya Kulkarni, 31, Mumbai."
    );
    let older = c.say("Make her a bit older.");
    assert_eq!(
        reply(&older, 14, Some(&ananya())),
        "Now 30-37. 14 match; the best is Ananya Kulkarni, 31, Mumbai."
    );
    let narrow = c.say("actually 30-31");
    assert_eq!(
        reply(&narrow, 0, None),
        "Now 30-31. No one matches yet: try widening the age range."
    );
    let odd = c.say("Marwari family");
    assert_eq!(
        reply(&odd, 1, Some(&ananya())),
        "One match: Ananya Kulkarni, 31, Mumbai. Ranked by meaning, not as a filter: Marwari family."
    );
}

#[test]
fn swaps_and_softening() {
    let c = talk(&[
        "Girl 20-25, Bhangra and Garba, Delhi",
        "Swap Bhangra for Kathak",
    ]);
    assert_eq!(c.requirements().skills, set(&["garba", "kathak"]));
    let c = talk(&["Girl 20-25, Bhangra, Delhi", "replace Delhi with Mumbai"]);
    assert_eq!(c.requirements().cities, set(&["mumbai"]));
    let c = talk(&["Girl 20-25, Kathak and singing", "Make Kathak optional"]);
    assert_eq!(c.requirements().skills, set(&["singing"]));
    assert_eq!(c.requirements().preferred_skills, set(&["kathak"]));
    let c = talk(&["Girl, Kathak", "Odissi instead of Kathak"]);
    assert_eq!(c.requirements().skills, set(&["odissi"]));
}

#[test]
fn a_later_turn_is_not_summarised_as_new() {
    let mut c = talk(&["Male, 40-50, Punjabi"]);
    let turn = c.say("Needs to be at least 5'10\"");
    assert_eq!(reply(&turn, 2, None), "Now height 178+ cm. 2 match.");
}
