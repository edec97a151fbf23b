//! Every phrase form CONVENTIONS.md lists, plus negation, preference markers, relational
//! words and unrecognised reporting, one assertion each.

use castmatch_core::brief::parse;
use castmatch_core::{Gender, Requirements};

fn req(text: &str) -> Requirements {
    parse(text).requirements
}

fn ages(text: &str) -> (Option<u32>, Option<u32>) {
    let r = req(text);
    (r.age_min, r.age_max)
}

fn heights(text: &str) -> (Option<u32>, Option<u32>) {
    let r = req(text);
    (r.height_min_cm, r.height_max_cm)
}

fn set(items: &[&str]) -> std::collections::BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn gender_words() {
    for w in [
        "woman",
        "female",
        "girl",
        "actress",
        "heroine",
        "mother",
        "grandmother",
        "sister",
        "daughter",
        "wife",
        "bride",
        "aunt",
    ] {
        assert_eq!(
            req(&format!("A {w}, 30-35")).gender,
            Some(Gender::Female),
            "{w}"
        );
    }
    for w in [
        "man",
        "male",
        "boy",
        "hero",
        "father",
        "grandfather",
        "brother",
        "son",
        "husband",
        "groom",
        "uncle",
    ] {
        assert_eq!(
            req(&format!("A {w}, 30-35")).gender,
            Some(Gender::Male),
            "{w}"
        );
    }
    for w in ["actor", "lead", "performer", "talent"] {
        assert_eq!(req(&format!("An {w}, 30-35")).gender, None, "{w}");
    }
    assert_eq!(req("Non-binary performer").gender, Some(Gender::Nonbinary));
    assert_eq!(req("Teenager, any gender").gender, None);
    assert_eq!(req("Girl, any gender is fine").gender, None);
    assert_eq!(req("Male/female anchor").gender, None);
    assert_eq!(req("boy or girl, 6-8").gender, None);
}

#[test]
fn gender_of_someone_else_is_not_the_role() {
    assert_eq!(
        req("Mother of a 10-year-old boy, 35-40").gender,
        Some(Gender::Female)
    );
    assert_eq!(
        ages("Mother of a 10-year-old boy, 35-40"),
        (Some(35), Some(40))
    );
    assert_eq!(req("Heroine's father, 55+").gender, Some(Gender::Male));
    assert_eq!(req("Sister to the hero").gender, Some(Gender::Female));
    assert_eq!(ages("Woman with two kids"), (None, None));
    assert_eq!(req("someone in her 20s").gender, Some(Gender::Female));
}

#[test]
fn age_ranges() {
    for t in [
        "25-32",
        "25 to 32",
        "between 25 and 32",
        "aged 25–32",
        "25 - 32 yrs",
        "age range: 25-32",
        "25—32",
    ] {
        assert_eq!(
            ages(&format!("Female, {t}, Mumbai")),
            (Some(25), Some(32)),
            "{t}"
        );
    }
}

#[test]
fn age_decades() {
    assert_eq!(ages("a woman in her 20s"), (Some(20), Some(29)));
    assert_eq!(ages("twenties"), (Some(20), Some(29)));
    assert_eq!(ages("in his 30s"), (Some(30), Some(39)));
    assert_eq!(ages("early 30s"), (Some(30), Some(33)));
    assert_eq!(ages("mid 30s"), (Some(34), Some(36)));
    assert_eq!(ages("mid-thirties"), (Some(34), Some(36)));
    assert_eq!(ages("late 30s"), (Some(37), Some(39)));
    assert_eq!(
        ages("late twenties to early thirties"),
        (Some(27), Some(33))
    );
    assert_eq!(ages("thirty-something"), (Some(30), Some(39)));
}

#[test]
fn age_approximations_and_single_ages() {
    for t in [
        "around 40",
        "about 40",
        "40-ish",
        "40ish",
        "approx 40",
        "~40",
    ] {
        assert_eq!(ages(t), (Some(37), Some(43)), "{t}");
    }
    for t in [
        "a 30-year-old man",
        "age 30",
        "30 years old",
        "Female, 30, Mumbai",
        "aged 30",
    ] {
        assert_eq!(ages(t), (Some(28), Some(32)), "{t}");
    }
}

#[test]
fn age_open_bounds() {
    for t in [
        "40+",
        "at least 40",
        "over 40",
        "above 40",
        "40 and above",
        "minimum age 40",
    ] {
        assert_eq!(ages(t), (Some(40), None), "{t}");
    }
    for t in ["under 30", "below 30", "younger than 30"] {
        assert_eq!(ages(t), (None, Some(29)), "{t}");
    }
    for t in ["up to 30", "no older than 30", "30 or younger", "max 30"] {
        assert_eq!(ages(t), (None, Some(30)), "{t}");
    }
    assert_eq!(ages("45 plus, no older than 55"), (Some(45), Some(55)));
}

#[test]
fn age_bands_named_by_words() {
    assert_eq!(ages("child artist"), (Some(5), Some(12)));
    assert_eq!(ages("a kid"), (Some(5), Some(12)));
    assert_eq!(ages("teenager"), (Some(13), Some(19)));
    assert_eq!(ages("a teen"), (Some(13), Some(19)));
    assert_eq!(ages("college student"), (Some(18), Some(23)));
    assert_eq!(ages("senior"), (Some(60), None));
    assert_eq!(ages("elderly man"), (Some(60), None));
    assert_eq!(
        ages("teenager, 15-17"),
        (Some(15), Some(17)),
        "a stated range beats the word"
    );
}

#[test]
fn numbers_that_are_not_ages() {
    assert_eq!(ages("5 years experience, Mumbai"), (None, None));
    assert_eq!(ages("2-3 days shoot"), (None, None));
    assert_eq!(ages("Rs 5000 per day"), (None, None));
    assert_eq!(ages("Season 2"), (None, None));
}

#[test]
fn heights_in_feet_and_inches() {
    assert_eq!(heights("at least 5'10\""), (Some(178), None));
    assert_eq!(heights("5 ft 4 or shorter"), (None, Some(163)));
    assert_eq!(heights("minimum 6 feet"), (Some(183), None));
    assert_eq!(heights("taller than 5 feet 8 inches"), (Some(173), None));
    assert_eq!(heights("no taller than 5’6”"), (None, Some(168)));
    assert_eq!(heights("under 5'4"), (None, Some(163)));
    assert_eq!(heights("at most 5ft 2in"), (None, Some(157)));
    assert_eq!(heights("5'5\"+"), (Some(165), None));
    assert_eq!(heights("5'6\" to 5'8\""), (Some(168), Some(173)));
}

#[test]
fn heights_in_centimetres_and_metres() {
    assert_eq!(heights("170 cm minimum"), (Some(170), None));
    assert_eq!(heights("at least 1.75 m"), (Some(175), None));
    assert_eq!(heights("160-170 cm"), (Some(160), Some(170)));
    assert_eq!(heights("height max 165cm"), (None, Some(165)));
}

#[test]
fn languages_and_dialects() {
    assert_eq!(
        req("fluent in Marathi and Hindi").languages,
        set(&["hindi", "marathi"])
    );
    assert_eq!(
        req("Must have a Haryanvi accent").languages,
        set(&["haryanvi"])
    );
    assert_eq!(req("speaks Hinglish").languages, set(&["english", "hindi"]));
    assert_eq!(req("Urdu diction").languages, set(&["urdu"]));
    assert_eq!(
        req("Tamil-speaking, Telugu/Kannada").languages,
        set(&["kannada", "tamil", "telugu"])
    );
    assert_eq!(
        req("Bhojpuri & Maithili").languages,
        set(&["bhojpuri", "maithili"])
    );
}

#[test]
fn skills_with_synonyms() {
    for (text, skill) in [
        ("trained Kathak dancer", "kathak"),
        ("can ride a horse", "horse riding"),
        ("horseback riding", "horse riding"),
        ("rides a motorbike", "motorcycle riding"),
        ("rides a bike", "motorcycle riding"),
        ("drives", "car driving"),
        ("sings", "singing"),
        ("stand-up comedian", "stand-up comedy"),
        ("stand-up", "stand-up comedy"),
        ("Hindustani vocals", "hindustani classical"),
        ("kalari", "kalaripayattu"),
        ("voice over artist", "voice-over"),
        ("can swim", "swimming"),
        ("plays guitar", "guitar"),
        ("hip-hop", "hip hop"),
    ] {
        assert_eq!(req(text).skills, set(&[skill]), "{text}");
    }
    assert_eq!(
        req("sings Rabindra Sangeet").skills,
        set(&["rabindra sangeet"]),
        "a style, not also plain singing"
    );
    assert!(
        req("Dancer for a music video").skills.is_empty(),
        "a dancer in general names no form"
    );
}

#[test]
fn cities_with_old_names() {
    for (old, new) in [
        ("Bombay", "mumbai"),
        ("Bangalore", "bengaluru"),
        ("Calcutta", "kolkata"),
        ("Madras", "chennai"),
        ("New Delhi", "delhi"),
        ("Trivandrum", "thiruvananthapuram"),
        ("Cochin", "kochi"),
        ("Gurgaon", "gurugram"),
    ] {
        assert_eq!(req(&format!("based in {old}")).cities, set(&[new]), "{old}");
    }
    assert_eq!(req("Pune/Mumbai").cities, set(&["mumbai", "pune"]));
}

#[test]
fn preferred_markers() {
    for marker in [
        "a plus",
        "preferred",
        "would be a bonus",
        "nice to have",
        "is an advantage",
        "optional",
    ] {
        let r = req(&format!("Female, 25-30, bhangra {marker}"));
        assert_eq!(r.preferred_skills, set(&["bhangra"]), "{marker}");
        assert!(r.skills.is_empty(), "{marker}");
    }
    assert_eq!(req("ideally Kathak").preferred_skills, set(&["kathak"]));
    assert_eq!(
        req("theatre background preferred").preferred_skills,
        set(&["theatre"])
    );
    let r = req("Nice to have: Kathak, Odissi. Female, 20-25, Hindi.");
    assert_eq!(r.preferred_skills, set(&["kathak", "odissi"]));
    assert_eq!(r.languages, set(&["hindi"]));
    let r = req("Must speak Hindi and ideally Marathi");
    assert_eq!(r.languages, set(&["hindi"]));
    assert_eq!(r.preferred_languages, set(&["marathi"]));
    let r = req("Mumbai preferred");
    assert!(r.cities.is_empty());
    assert_eq!(r.preferred_cities, set(&["mumbai"]));
}

#[test]
fn negation_and_correction() {
    let r = req("Kathak dancer, Delhi. Actually no dance, and not Delhi: Mumbai.");
    assert!(r.skills.is_empty());
    assert_eq!(r.cities, set(&["mumbai"]));
    assert_eq!(r.excluded_cities, set(&["delhi"]));
    assert_eq!(
        req("Marathi, not from Pune").excluded_cities,
        set(&["pune"])
    );
    assert!(req("no singing required, Kathak").skills.contains("kathak"));
    assert!(!req("Kathak and singing; singing not required")
        .skills
        .contains("singing"));
}

#[test]
fn unrecognised_words_are_reported() {
    let p = parse("Marwari family patriarch, 60-70, Jodhpur");
    assert_eq!(p.unrecognised, vec!["Marwari family".to_string()]);
    assert!(p.requirements.languages.is_empty());
    let p = parse("Actor, Yakshagana a plus, from Kerala");
    assert!(p.unrecognised.contains(&"Yakshagana".to_string()));
    assert!(p.unrecognised.contains(&"Kerala".to_string()));
    assert!(
        parse("Mother for a detergent ad, cop role in a web series")
            .unrecognised
            .is_empty(),
        "role nouns are known context"
    );
}

#[test]
fn look_notes_are_kept_not_filtered() {
    let r = req("tall, bearded Sikh gentleman, kathak dancer type");
    assert!(r.look.contains("tall") && r.look.contains("bearded") && r.look.contains("sikh"));
    assert_eq!(
        r.skills,
        set(&["kathak"]),
        "a skill named as what the role is, is the skill (CONVENTIONS)"
    );
}

#[test]
fn a_noun_for_who_practises_a_sport_or_fight_is_the_type_and_the_skill_a_plus() {
    // Who the role is goes to the look the bios are ranked by; the skills column is evidence,
    // not the gate: a player's bio says so more often than an agency's skills column.
    for (text, look, plus) in [
        ("a cricketer for a bat ad", "cricketer", "cricket"),
        ("Footballers, 18-25", "footballers", "football"),
        ("champion wrestler for a biopic", "wrestler", "wrestling"),
        (
            "tall, bearded Sikh gentleman, wrestler type",
            "wrestler type",
            "wrestling",
        ),
        ("national-level swimmer, female", "swimmer", "swimming"),
        ("taxi driver, 40s", "driver", "car driving"),
        ("a boxer", "boxer", "boxing"),
        ("marathon runner", "runner", "athletics"),
        ("cyclist, 20-30", "cyclist", "cycling"),
        ("KICKBOXER", "kickboxer", "kickboxing"),
    ] {
        let r = req(text);
        assert!(r.look.contains(look), "{text}: look {:?}", r.look);
        assert_eq!(r.preferred_skills, set(&[plus]), "{text}");
        assert!(r.skills.is_empty(), "{text}: {:?}", r.skills);
    }
    // Said as a skill, or a performing art, it stays required; denied, it goes.
    for (text, skill) in [
        ("plays cricket", "cricket"),
        ("who boxes", "boxing"),
        ("can swim", "swimming"),
        ("MMA fighter", "mma"),
        ("soccer", "football"),
        ("stand-up comedian", "stand-up comedy"),
        ("guitarist", "guitar"),
        ("kickboxer a must and dancing a plus", "kickboxing"),
    ] {
        let r = req(text);
        assert_eq!(r.skills, set(&[skill]), "{text}");
        assert!(r.preferred_skills.is_empty(), "{text}");
    }
    let r = req("no boxers please");
    assert!(r.look.is_empty() && r.skills.is_empty() && r.preferred_skills.is_empty());
}

#[test]
fn a_verb_with_an_object_is_not_the_skill() {
    for (text, object) in [
        ("a man who runs a dhaba on the highway", "dhaba"),
        ("someone who runs their own little eatery", "eatery"),
        ("runs the family farm", "farm"),
        ("she runs a company", "company"),
        ("trader who drives a hard bargain", "hard bargain"),
        ("a coach who runs a gym", "gym"),
    ] {
        let r = req(text);
        assert!(r.skills.is_empty(), "{text}: {:?}", r.skills);
        let description = r.description.unwrap_or_default();
        assert!(description.contains(object), "{text}: {description:?}");
    }
    for (text, skill) in [
        ("runs marathons", "athletics"),
        ("runs every morning", "athletics"),
        ("drives, Pune", "car driving"),
        ("swims laps daily", "swimming"),
        ("rides a horse", "horse riding"),
        ("swimming a must", "swimming"),
        ("sings a lullaby", "singing"),
    ] {
        assert_eq!(req(text).skills, set(&[skill]), "{text}");
    }
}

#[test]
fn occupation_nouns_keep_their_type() {
    let r = req("An athlete for a sports drink ad");
    assert_eq!(r.preferred_skill_groups, set(&["sport"]));
    assert!(r.skill_groups.is_empty() && r.look.contains("athlete"));
    let r = req("a fit sportsman");
    assert_eq!(r.gender, Some(Gender::Male));
    assert!(r.look.contains("fit sportsman"), "{:?}", r.look);
    let r = req("sports person, any gender");
    assert_eq!(r.preferred_skill_groups, set(&["sport"]));
    for (text, gender, look) in [
        (
            "Rich businessman with a big empire",
            Gender::Male,
            "rich businessman",
        ),
        (
            "a fisherman from a coastal village",
            Gender::Male,
            "fisherman",
        ),
        ("young air hostess", Gender::Female, "air hostess"),
        ("housewife, 35-45", Gender::Female, "housewife"),
    ] {
        let r = req(text);
        assert_eq!(r.gender, Some(gender), "{text}");
        assert!(r.look.contains(look), "{text}: {:?}", r.look);
    }
    assert!(req("Cricketer for a sports biopic").skill_groups.is_empty());
}

#[test]
fn an_age_word_that_owns_something_else_is_not_the_age() {
    for text in [
        "Caring teacher for a children's film",
        "doctor in a children's hospital",
    ] {
        let r = req(text);
        assert!(r.age_min.is_none_or(|a| a >= 18), "{text}: {:?}", r.age_min);
    }
    assert_eq!(ages("a kid's role"), (Some(5), Some(12)));
}

#[test]
fn senior_before_a_role_is_its_rank() {
    for text in [
        "senior surgeon type",
        "a senior police officer",
        "senior physician",
    ] {
        assert_eq!(ages(text), (None, None), "{text}");
    }
    for text in [
        "a senior, Pune",
        "seniors for a pension ad",
        "senior citizen",
    ] {
        assert_eq!(ages(text), (Some(60), None), "{text}");
    }
    let r = req("senior police officer, 45-55");
    assert_eq!((r.age_min, r.age_max), (Some(45), Some(55)));
    assert!(r.look.contains("senior police officer"), "{:?}", r.look);
}

#[test]
fn type_and_look_phrases_are_isolated_and_nothing_is_dropped() {
    for (text, look) in [
        ("Retired major type, 55-65", "retired major type"),
        ("comic sidekick, 25-30", "comic sidekick"),
        ("a guy with great comic timing", "great comic timing"),
        ("male, great timing", "great timing"),
        ("retired army major", "retired army major"),
        ("girl next door, Pune", "girl next door"),
        ("Cop role in a web series", "cop"),
    ] {
        let p = parse(text);
        assert!(
            p.requirements.look.contains(look),
            "{text}: {:?}",
            p.requirements.look
        );
        assert!(p.unrecognised.is_empty(), "{text}: {:?}", p.unrecognised);
    }
    assert_eq!(req("girl next door type").gender, Some(Gender::Female));
    assert_eq!(req("Bengali type, 30s").look, set(&["bengali type"]));
}

#[test]
fn generic_skills_want_any_form_of_their_group() {
    for text in [
        "can dance",
        "good at dancing",
        "trained dancer",
        "Dancer for a music video",
        "she dances well",
    ] {
        let p = parse(text);
        assert_eq!(p.requirements.skill_groups, set(&["dance"]), "{text}");
        assert!(p.requirements.skills.is_empty(), "{text}");
        assert!(p.unrecognised.is_empty(), "{text}: {:?}", p.unrecognised);
    }
    let r = req("Kathak dancer, 20-25");
    assert_eq!(r.skills, set(&["kathak"]));
    assert!(r.skill_groups.is_empty(), "a named form is more precise");
    assert_eq!(req("martial artist").skill_groups, set(&["martial arts"]));
    let r = req("Female, 20-25, dancing a plus");
    assert_eq!(r.preferred_skill_groups, set(&["dance"]));
    assert!(r.skill_groups.is_empty());
}

#[test]
fn denied_bounds_are_read_as_the_opposite_bound() {
    for (text, want) in [
        ("no one over 28", (None, Some(28))),
        ("nobody older than 28", (None, Some(28))),
        ("no one under 20", (Some(20), None)),
        ("not below 20", (Some(20), None)),
        ("no older than 28", (None, Some(28))),
    ] {
        assert_eq!(ages(text), want, "{text}");
    }
}

#[test]
fn casting_sheet_shorthand() {
    let r = req("F, 25-30, Hindi/English, Mumbai");
    assert_eq!(r.gender, Some(Gender::Female));
    assert_eq!(
        req("Male | 28-35 | 5'11\"+ | Delhi | Boxing, Horse Riding (pref)").preferred_skills,
        set(&["horse riding"])
    );
    assert_eq!(req("M/F, 20-25").gender, None);
    assert_eq!(ages("Women aged 50 and above"), (Some(50), None));
    let r = req("heroine 21-25 fair tall 5 7 marathi pune");
    assert_eq!(
        (r.age_min, r.age_max),
        (Some(21), Some(25)),
        "a lone number never overrides a stated age"
    );
    assert_eq!((r.height_min_cm, r.height_max_cm), (Some(168), Some(172)));
    assert_eq!(
        ages("Need 2 girls, Mumbai"),
        (None, None),
        "a count, not an age"
    );
    assert_eq!(ages("Scene 5 needs a boy"), (None, None));
    assert_eq!(ages("in the age group of 25-30"), (Some(25), Some(30)));
}

#[test]
fn dashes_and_parentheses_in_clauses() {
    let r = req("Actors aged 35–45 who speak Bengali fluently — Kolkata preferred, Mumbai ok.");
    assert_eq!(r.languages, set(&["bengali"]));
    assert_eq!(r.preferred_cities, set(&["kolkata"]));
    assert_eq!(
        req("Bhangra (a plus), male").preferred_skills,
        set(&["bhangra"])
    );
}

#[test]
fn spelled_out_numbers() {
    assert_eq!(ages("a thirty-five year old"), (Some(33), Some(37)));
    assert_eq!(heights("six foot two"), (Some(186), Some(190)));
    assert_eq!(ages("in her forties"), (Some(40), Some(49)));
}

#[test]
fn hinglish_briefs() {
    let r = req("Ek ladka chahiye, 18-22 saal, Delhi se, Hindi aur Punjabi bolne wala");
    assert_eq!(r.gender, Some(Gender::Male));
    assert_eq!((r.age_min, r.age_max), (Some(18), Some(22)));
    assert_eq!(r.languages, set(&["hindi", "punjabi"]));
    assert_eq!(r.cities, set(&["delhi"]));
}
