//! Briefs about a loaded roster: its own skills, languages and cities are words the parser
//! understands, in any word form, and every reading that is not the words as written is shown.

use castmatch_core::brief::{parse, parse_in, BriefField, Conversation};
use castmatch_core::roster::{from_csv, ImportMode};
use castmatch_core::vocab::{TermKind, Vocabulary};
use castmatch_core::Catalog;

fn set(items: &[&str]) -> std::collections::BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// A small roster whose skills go beyond the built-in vocabulary, as an agency exports it.
const ROSTER: &str = "id,name,gender,age,height_cm,city,languages,skills
A1,Asha Rao,F,27,162,Bombay,Hindi;English,Rock Climbing;Scuba Diving
A2,Vikram Sen,Male,34,180,Kolkata,Bengali,Muay Thai;Krav Maga
A3,Neha Joshi,female,24,158,Pune,Marathi,Belly Dancing;Tap Dance
A4,Irfan Ali,M,41,176,Delhi,Urdu;Hindi,Ventriloquism;Beatboxing
A5,Meera Pillai,F,30,165,Kochi,Malayalam,Indian Sign Language;Kayaking
A6,Rohan Das,male,22,172,Karad,Marathi,Table Tennis;Chess
";

fn vocabulary() -> Vocabulary {
    let today = castmatch_core::Date::from_ymd(2026, 12, 4).unwrap();
    let imported = from_csv(ROSTER, ImportMode::Strict, today).unwrap();
    Catalog::new(imported.talents).unwrap().vocabulary().clone()
}

#[test]
fn the_rosters_terms_are_learned_beside_the_built_in_ones() {
    let v = vocabulary();
    let skills: Vec<&str> = v.roster_terms(TermKind::Skill).collect();
    for skill in [
        "rock climbing",
        "muay thai",
        "ventriloquism",
        "table tennis",
        "chess",
    ] {
        assert!(skills.contains(&skill), "{skill} in {skills:?}");
    }
    assert_eq!(
        v.roster_terms(TermKind::City).collect::<Vec<_>>(),
        ["karad"]
    );
    assert!(
        !skills.contains(&"kathak"),
        "built-in terms are not roster terms"
    );
}

#[test]
fn roster_terms_in_any_word_form() {
    let v = vocabulary();
    for (text, skills) in [
        ("Rock climber, 25-30", &["rock climbing"][..]),
        ("Muay Thai fighter type", &["muay thai"]),
        ("someone who does scuba diving", &["scuba diving"]),
        ("must know krav maga", &["krav maga"]),
        ("a ventriloquist", &["ventriloquism"]),
        ("plays table tennis", &["table tennis"]),
        ("plays chess", &["chess"]),
        ("Belly dancer", &["belly dancing"]),
        ("tap dancer", &["tap dance"]),
        ("kayaks and climbs", &["kayaking", "rock climbing"]),
    ] {
        let p = parse_in(text, &v);
        assert_eq!(p.requirements.skills, set(skills), "{text}: {p:?}");
        assert!(p.unrecognised.is_empty(), "{text}: {:?}", p.unrecognised);
    }
    assert_eq!(
        parse_in("boy from Karad", &v).requirements.cities,
        set(&["karad"])
    );
    assert!(
        parse("Rock climber").requirements.skills.is_empty(),
        "without the roster the term is unknown"
    );
}

#[test]
fn readings_that_are_not_the_words_as_written_are_shown() {
    let v = vocabulary();
    let p = parse_in("MMA fighter type, kayaks and climbs, Kathac", &v);
    let shown: Vec<String> = p.readings.iter().map(ToString::to_string).collect();
    for want in [
        "read 'MMA fighter' as skill mma",
        "read 'kayaks' as skill kayaking",
        "read 'climbs' as skill rock climbing",
        "read 'Kathac' as skill kathak",
    ] {
        assert!(shown.iter().any(|s| s == want), "{want} in {shown:?}");
    }
    let partial = p.readings.iter().find(|r| r.phrase == "climbs").unwrap();
    let spelt = p.readings.iter().find(|r| r.phrase == "Kathac").unwrap();
    assert!(partial.confidence < 0.9 && spelt.confidence < 0.9);
    assert_eq!(partial.field, BriefField::Skills);
    let generic = parse("can dance");
    assert_eq!(
        generic.readings[0].to_string(),
        "read 'dance' as any dance form"
    );
}

#[test]
fn questions_answered_in_the_brief_take_their_answer() {
    for (text, skills) in [
        ("Can skate? no, must know swimming", &["swimming"][..]),
        ("Can skate? no need - must know swimming", &["swimming"]),
        ("Can she surf? Doesn't matter. She must swim", &["swimming"]),
        ("gatka practitioner. Bhangra? Not needed.", &["gatka"]),
        (
            "Can he play cricket? Doesn't matter. Must play football",
            &["football"],
        ),
    ] {
        assert_eq!(parse(text).requirements.skills, set(skills), "{text}");
    }
    let r = parse("Female, 20-25. Bhangra? A plus.").requirements;
    assert_eq!(r.preferred_skills, set(&["bhangra"]));
    assert!(r.skills.is_empty());
}

#[test]
fn word_forms_of_built_in_skills() {
    for (text, skill) in [
        ("rides horses", "horse riding"),
        ("rides motorbikes", "motorcycle riding"),
        ("can surf", "surfing"),
        ("someone who juggles", "juggling"),
        ("a guy who boxes", "boxing"),
        ("Puppeteer", "puppetry"),
        ("Magician", "magic"),
        ("voice actor for an animation", "voice-over"),
        ("boys who shoot arrows", "archery"),
        ("yoga instructor type", "yoga"),
    ] {
        let p = parse(text);
        assert!(p.requirements.skills.contains(skill), "{text}: {p:?}");
    }
}

#[test]
fn a_conversation_about_a_roster_uses_its_words() {
    let v = vocabulary();
    let mut c = Conversation::new();
    c.say_in("Woman, 20-30, Mumbai", &v);
    let turn = c.say_in("she must be a rock climber", &v);
    assert_eq!(turn.requirements.skills, set(&["rock climbing"]));
    assert_eq!(turn.readings[0].value, "rock climbing");
}
