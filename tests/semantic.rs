//! Ranking by meaning, end to end with the shipped model: a brief that says who the role is
//! ranks the talents whose bios say so first, on the model's dev set (`crates/castmatch-model/
//! dev/devset.txt`, written with the model, never the held-out set) and on the synthetic roster;
//! the blend, the reasons' evidence, snapshots and updates of the meaning layer.
//!
//! `DEV_REPORT=1 cargo test --release --test semantic dev_set -- --nocapture` prints the
//! per-type table the tuning in BENCHMARKS.md ("Issue 14") was read from.

use std::collections::BTreeMap;
use std::rc::Rc;

use castmatch_core::catalog::Catalog;
use castmatch_core::memory::Personalisation;
use castmatch_core::profile::TextModel;
use castmatch_core::rank::rank;
use castmatch_core::roster::{synthetic_labelled, Gender, Talent};
use castmatch_core::Requirements;
use castmatch_index::HnswParams;
use castmatch_text::StaticModel;

fn model() -> Rc<dyn TextModel> {
    thread_local! {
        static MODEL: Rc<StaticModel> = {
            let bytes = std::fs::read(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/models/castmatch-static-v1-d128.cmse"
            ))
            .expect("the shipped model file");
            Rc::new(StaticModel::from_bytes(&bytes).expect("the shipped model loads"))
        };
    }
    MODEL.with(|m| m.clone())
}

fn talent(id: String, gender: Gender, age: u32, bio: String) -> Talent {
    let mut t = Talent::new(
        id.clone(),
        format!("Name {id}"),
        gender,
        age,
        150 + age % 30,
        ["mumbai", "pune", "delhi"][age as usize % 3],
        vec!["hindi".into()],
        vec![],
    );
    t.experience_years = 3;
    t.bio = bio;
    t
}

fn catalog(talents: Vec<Talent>) -> Catalog {
    Catalog::build_with_model(
        talents,
        HnswParams::default(),
        Some(model()),
        &mut |_, _| {},
    )
    .unwrap()
}

/// The dev set: typed bios, neutral bios and briefs (whole text and the type phrase).
struct Dev {
    talents: Vec<Talent>,
    truth: BTreeMap<String, String>,
    briefs: Vec<(String, String, String)>,
}

fn dev_set(file: &str) -> Dev {
    let path = format!(
        "{}/crates/castmatch-model/dev/{file}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let (mut kind, mut typed, mut briefs) = (String::new(), Vec::new(), Vec::new());
    let (mut openings, mut others) = (Vec::new(), Vec::new());
    for line in text.lines().map(str::trim) {
        if let Some(name) = line
            .strip_prefix("[type ")
            .and_then(|l| l.strip_suffix(']'))
        {
            kind = name.to_string();
        } else if let Some(s) = line.strip_prefix("s: ") {
            typed.push((kind.clone(), s.to_string()));
        } else if let Some(b) = line.strip_prefix("b: ") {
            let (whole, phrase) = b.split_once(" | ").unwrap();
            briefs.push((kind.clone(), whole.to_string(), phrase.to_string()));
        } else if let Some(a) = line.strip_prefix("a: ") {
            openings.push(a.to_string());
        } else if let Some(b) = line.strip_prefix("n: ") {
            others.push(b.to_string());
        }
    }
    let mut talents = Vec::new();
    let mut truth = BTreeMap::new();
    let gender = |i: usize| [Gender::Male, Gender::Female][i % 2];
    for (i, (kind, sentence)) in typed.iter().enumerate() {
        let opening = &openings[i % openings.len()];
        let bio = if i % 2 == 0 {
            format!("{opening} {sentence}")
        } else {
            format!("{sentence} {opening}")
        };
        let id = format!("D{i:04}");
        truth.insert(id.clone(), kind.clone());
        talents.push(talent(id, gender(i / 3), 25 + (i * 7 % 45) as u32, bio));
    }
    for j in 0..150 {
        let bio = format!(
            "{} {}",
            openings[j * 7 % openings.len()],
            others
                .get(j % others.len().max(1))
                .cloned()
                .unwrap_or_default()
        );
        let id = format!("N{j:04}");
        truth.insert(id.clone(), "none".into());
        talents.push(talent(id, gender(j), 25 + (j * 11 % 45) as u32, bio));
    }
    Dev {
        talents,
        truth,
        briefs,
    }
}

/// Precision@10 per type, for briefs given as the type phrase with a loose age filter, or
/// (`whole`) as the whole brief read by the parser, with the same age filter when it gives none.
fn precision_by_type(dev: &Dev, catalog: &Catalog, whole: bool) -> BTreeMap<String, (f64, usize)> {
    let mut by_type: BTreeMap<String, (f64, usize)> = BTreeMap::new();
    for (kind, brief, phrase) in &dev.briefs {
        let r = match whole {
            false => Requirements {
                look: [phrase.clone()].into(),
                ..Default::default()
            },
            true => castmatch_core::brief::parse(brief).requirements,
        };
        let r = Requirements {
            age_min: r.age_min.or(Some(25)),
            age_max: r.age_max.or(Some(70)),
            ..r
        };
        let top = rank(catalog, &r, 10, &Personalisation::default());
        let hits = top.iter().filter(|m| &dev.truth[&m.id] == kind).count();
        if whole && std::env::var_os("DEV_REPORT").is_some() && hits < 5 {
            println!(
                "    {hits}/10 {kind}: {brief:?} -> look {:?} description {:?}",
                r.look, r.description
            );
        }
        let entry = by_type.entry(kind.clone()).or_default();
        entry.0 += hits as f64 / 10.0;
        entry.1 += 1;
    }
    by_type
}

fn mean(by_type: &BTreeMap<String, (f64, usize)>) -> f64 {
    let (sum, n) = by_type
        .values()
        .fold((0.0, 0), |(s, n), (p, c)| (s + p, n + c));
    sum / n as f64
}

#[test]
fn dev_set_type_phrases_find_the_bios_that_say_the_type() {
    for (file, floor) in [("devset.txt", 0.8), ("testset.txt", 0.65)] {
        let dev = dev_set(file);
        let catalog = catalog(dev.talents.clone());
        let by_type = precision_by_type(&dev, &catalog, false);
        let p = mean(&by_type);
        let by_brief = precision_by_type(&dev, &catalog, true);
        if std::env::var_os("DEV_REPORT").is_some() {
            println!(
                "{file}: precision@10 {p:.3} over {} briefs",
                dev.briefs.len()
            );
            println!("  whole briefs, parsed: {:.3}", mean(&by_brief));
            for (kind, (sum, n)) in &by_type {
                let (b, m) = by_brief[kind];
                println!(
                    "  {kind:<14} {:.2}  whole {:.2}",
                    sum / *n as f64,
                    b / m as f64
                );
            }
        }
        assert!(p >= floor, "{file}: precision@10 {p:.3} < {floor}");
    }
}

#[test]
fn a_doctor_brief_ranks_doctors_above_same_filter_non_doctors() {
    let bios = [
        (
            "A1",
            "Practised as a general physician in Nagpur for ten years before acting.",
        ),
        (
            "A2",
            "Trained at the National School of Drama. A qualified surgeon who still takes shifts.",
        ),
        (
            "A3",
            "MBBS from Manipal; worked as a resident in paediatrics.",
        ),
        (
            "B1",
            "Trained at the National School of Drama. Loves cooking for friends.",
        ),
        ("B2", "A graduate of FTII Pune with a diploma in acting."),
        ("B3", "Has a booming laugh and a warm screen presence."),
        ("B4", "Spent fifteen years with the Border Security Force."),
        (
            "B5",
            "Comfortable in front of the camera and quick with lines.",
        ),
    ];
    // Everyone is a woman of 40: the structured fit cannot tell them apart.
    let talents = bios
        .iter()
        .map(|(id, bio)| {
            let mut t = talent(id.to_string(), Gender::Female, 40, bio.to_string());
            t.city = "mumbai".into();
            t.height_cm = 160;
            t
        })
        .collect();
    let catalog = catalog(talents);
    let r = Requirements {
        gender: Some(Gender::Female),
        age_min: Some(30),
        age_max: Some(50),
        look: ["doctor".to_string()].into(),
        description: Some("a calm, experienced doctor".into()),
        ..Default::default()
    };
    let top = rank(&catalog, &r, 8, &Personalisation::default());
    let order: Vec<&str> = top.iter().map(|m| m.id.as_str()).collect();
    assert!(
        order[..3].iter().all(|id| id.starts_with('A')),
        "doctors first: {order:?}"
    );
    let evidence = top[0].reasons.last().unwrap();
    assert!(
        evidence.starts_with("bio: \"")
            && evidence.ends_with("fits \"doctor, a calm, experienced doctor\""),
        "{evidence}"
    );
    // Without a model the same brief ranks by structure only (all tie): ids decide.
    let plain = Catalog::new(catalog.talents().cloned().collect()).unwrap();
    let plain_top = rank(&plain, &r, 8, &Personalisation::default());
    assert!(plain_top
        .iter()
        .all(|m| !m.reasons.iter().any(|r| r.contains("fits"))));
}

#[test]
fn synthetic_roster_answers_type_briefs_within_the_filter() {
    let labelled = synthetic_labelled(6_000, 21);
    let persona: BTreeMap<String, Option<&str>> =
        labelled.iter().map(|(t, p)| (t.id.clone(), *p)).collect();
    let catalog = catalog(labelled.into_iter().map(|(t, _)| t).collect());
    for (phrase, kind, gender) in [
        ("retired army officer", "military", Some(Gender::Male)),
        (
            "a funny man with great timing",
            "comedian",
            Some(Gender::Male),
        ),
        ("someone who has worked in a newsroom", "journalist", None),
        ("village farmer type", "farmer", None),
    ] {
        let r = Requirements {
            gender,
            age_min: Some(30),
            age_max: Some(65),
            look: [phrase.to_string()].into(),
            ..Default::default()
        };
        let top = rank(&catalog, &r, 10, &Personalisation::default());
        assert_eq!(top.len(), 10);
        assert!(top.iter().all(|m| r.admits(&m.talent)), "filter holds");
        let right = top.iter().filter(|m| persona[&m.id] == Some(kind)).count();
        assert!(right >= 8, "{phrase}: {right}/10 are {kind}");
    }
}

#[test]
fn meaning_survives_snapshots_adds_updates_and_removals() {
    let mut catalog = catalog(
        synthetic_labelled(500, 4)
            .into_iter()
            .map(|(t, _)| t)
            .collect(),
    );
    let r = Requirements {
        look: ["stand-up comedian".to_string()].into(),
        ..Default::default()
    };
    let mut comic = talent(
        "NEW".into(),
        Gender::Male,
        33,
        "Cut his teeth doing stand-up comedy in Mumbai's comedy clubs.".into(),
    );
    catalog.add(comic.clone()).unwrap();
    let top5 = |c: &Catalog| -> Vec<String> {
        rank(c, &r, 5, &Personalisation::default())
            .into_iter()
            .map(|m| m.id)
            .collect()
    };
    assert!(top5(&catalog).contains(&"NEW".to_string()));

    // A snapshot keeps the vectors; attaching the same model re-embeds nothing.
    let bytes = catalog.to_bytes();
    let mut restored = Catalog::from_bytes(&bytes).unwrap();
    assert!(restored.semantic().is_none(), "no model attached yet");
    let mut embedded = 0;
    restored
        .set_model(Some(model()), &mut |done, _| embedded = done)
        .unwrap();
    assert_eq!(embedded, 0, "same model: kept, not re-embedded");
    assert_eq!(top5(&restored), top5(&catalog));
    assert_eq!(restored.to_bytes(), bytes);

    // An update re-embeds; a removal retires the units.
    comic.bio = "Trained in kathak and bharatanatyam since childhood.".into();
    catalog.update(comic).unwrap();
    assert!(!top5(&catalog).contains(&"NEW".to_string()));
    catalog.remove("NEW").unwrap();
    assert!(rank(&catalog, &r, 600, &Personalisation::default())
        .iter()
        .all(|m| m.id != "NEW"));
}

/// Where a catalog snapshot's unit index starts: after the header, the roster part and the
/// structured index (whose own header holds its payload length at bytes 12..20).
/// Where a format 6 snapshot's unit index starts: after the header (36 bytes), the record
/// blocks, the tail (framed: 8 bytes and its length) and the structured index.
fn units_at(bytes: &[u8]) -> usize {
    let u64_at = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().unwrap()) as usize;
    let tail_at = 36 + u64_at(16);
    let tail_len = u32::from_le_bytes(bytes[tail_at..tail_at + 4].try_into().unwrap()) as usize;
    let index_at = tail_at + 8 + tail_len;
    index_at + 24 + u64_at(index_at + 12)
}

/// `bytes` with the header's length and checksum made right again after a splice.
fn reheadered(mut bytes: Vec<u8>) -> Vec<u8> {
    let total = bytes.len() as u64;
    bytes[24..32].copy_from_slice(&total.to_le_bytes());
    let sum = castmatch_core::checksum::checksum(&bytes[8..32]);
    bytes[32..36].copy_from_slice(&sum.to_le_bytes());
    bytes
}

#[test]
fn a_sentence_many_bios_share_is_one_point_and_each_talent_keeps_its_rank() {
    // 300 talents share one sentence; ten also say they are doctors.
    let talents: Vec<Talent> = (0..300)
        .map(|i| {
            let extra = if i % 30 == 7 {
                " Ran a clinic in Dadar for twenty years before acting."
            } else {
                ""
            };
            talent(
                format!("T{i:03}"),
                [Gender::Male, Gender::Female][i % 2],
                25 + (i as u32 % 40),
                format!("Natural, understated performer.{extra}"),
            )
        })
        .collect();
    let mut catalog = catalog(talents);
    let points = |c: &Catalog| c.semantic().unwrap().1.points();
    assert_eq!(points(&catalog), 2, "two distinct sentences, two points");
    let doctor = Requirements {
        look: ["a doctor".to_string()].into(),
        gender: Some(Gender::Female),
        ..Default::default()
    };
    let ids = |c: &Catalog, r: &Requirements, k| -> Vec<String> {
        rank(c, r, k, &Personalisation::default())
            .into_iter()
            .map(|m| m.id)
            .collect()
    };
    // The ten doctors, all women (i % 30 == 7 is odd), come first.
    let top = ids(&catalog, &doctor, 10);
    assert!(
        top.iter()
            .all(|id| id[1..].parse::<usize>().unwrap() % 30 == 7),
        "{top:?}"
    );

    // The shared sentence's point stays while anyone holds it, and answers for each of them.
    for i in (0..300).filter(|i| i % 30 != 7).take(200) {
        catalog.remove(&format!("T{i:03}")).unwrap();
    }
    let anyone = Requirements::default();
    let q = catalog
        .semantic_query(&Requirements {
            description: Some("an understated performer".into()),
            ..Default::default()
        })
        .unwrap();
    let (_, semantic) = catalog.semantic().unwrap();
    let found = semantic.search(&q, &catalog.filter(&anyone), 200, false);
    assert_eq!(
        found.len(),
        100,
        "every talent left is found through the shared point"
    );
    let first = found[0].1;
    assert!(
        found[..90].iter().all(|f| f.1 == first),
        "the 90 who share it tie"
    );
    // Adding a talent with a known sentence, after a snapshot, adds no point.
    let bytes = catalog.to_bytes();
    let mut restored = Catalog::from_bytes(&bytes).unwrap();
    restored.set_model(Some(model()), &mut |_, _| {}).unwrap();
    assert_eq!(restored.to_bytes(), bytes);
    let same = talent(
        "NEW".into(),
        Gender::Female,
        30,
        "Natural, understated performer.".into(),
    );
    restored.add(same).unwrap();
    assert_eq!(points(&restored), 2);
    // Once no one holds a sentence, its point is retired.
    for i in (0..300).filter(|i| i % 30 == 7) {
        restored.remove(&format!("T{i:03}")).unwrap();
    }
    assert_eq!(points(&restored), 1);
}

#[test]
fn a_format_5_snapshot_restores_and_ranks_as_a_fresh_build() {
    // Written by `castmatch roster build --n 60 --seed 7` before format 6 (tests/data/README.md).
    let old = include_bytes!("data/catalog-format5.cmcat");
    assert_eq!(&old[8..12], &5u32.to_le_bytes(), "the fixture is format 5");
    let mut restored = Catalog::from_bytes(old).unwrap();
    let mut embedded = 0;
    restored
        .set_model(Some(model()), &mut |done, _| embedded = done)
        .unwrap();
    assert_eq!(embedded, 0, "the old vectors are kept");
    let fresh = catalog(castmatch_core::roster::synthetic(60, 7));
    for phrase in [
        "retired army officer",
        "stand-up comic",
        "a doctor",
        "village farmer",
    ] {
        let r = Requirements {
            look: [phrase.to_string()].into(),
            ..Default::default()
        };
        let scores = |c: &Catalog| -> Vec<(String, u32)> {
            rank(c, &r, 10, &Personalisation::default())
                .into_iter()
                .map(|m| (m.id, (m.score * 1000.0).round() as u32))
                .collect()
        };
        assert_eq!(scores(&restored), scores(&fresh), "{phrase}");
    }
    // Written again, it is format 6; and adding to it works.
    let again = restored.to_bytes();
    assert_eq!(&again[8..12], &6u32.to_le_bytes());
    let mut again = Catalog::from_bytes(&again).unwrap();
    again.set_model(Some(model()), &mut |_, _| {}).unwrap();
    again
        .add(talent(
            "NEW".into(),
            Gender::Male,
            40,
            "Retired army colonel.".into(),
        ))
        .unwrap();
}

#[test]
fn a_unit_index_from_another_catalog_is_refused() {
    let roster = |n| {
        synthetic_labelled(n, 4)
            .into_iter()
            .map(|(t, _)| t)
            .collect()
    };
    let bytes = catalog(roster(30)).to_bytes();
    let other = catalog(roster(60)).to_bytes();
    let spliced = reheadered([&bytes[..units_at(&bytes)], &other[units_at(&other)..]].concat());
    let e = Catalog::from_bytes(&spliced)
        .err()
        .expect("refused")
        .to_string();
    assert!(e.contains("unit texts and unit index rows disagree"), "{e}");
    assert!(
        Catalog::from_bytes(&bytes).is_ok(),
        "the unspliced snapshot restores"
    );
}

#[test]
fn claudes_description_goes_through_the_same_semantic_layer() {
    use castmatch_core::assistant::Assistant;
    let bios = [
        (
            "C1",
            "Cut his teeth doing stand-up comedy in Mumbai's comedy clubs.",
        ),
        ("C2", "Trained at the National School of Drama."),
        ("C3", "Spent fifteen years with the Border Security Force."),
    ];
    let talents = bios
        .iter()
        .map(|(id, bio)| talent(id.to_string(), Gender::Male, 35, bio.to_string()))
        .collect();
    let mut assistant = Assistant::new(catalog(talents));
    let input = serde_json::json!({
        "gender": "male",
        "description": "a comedian with great timing for a sitcom",
        "k": 3
    });
    let answer = assistant.tool_search(1, &input).unwrap();
    assert_eq!(
        answer.requirements.description.as_deref(),
        Some("a comedian with great timing for a sitcom")
    );
    assert_eq!(answer.matches[0].id, "C1");
    assert!(
        answer.matches[0]
            .reasons
            .last()
            .unwrap()
            .starts_with("bio: \"Cut his teeth"),
        "{:?}",
        answer.matches[0].reasons
    );
    let bad = serde_json::json!({"description": 7});
    assert!(assistant.tool_search(2, &bad).is_err());
}

#[test]
fn attaching_another_model_embeds_nothing_and_ranks_by_fields() {
    let built = catalog(castmatch_core::roster::synthetic(80, 3));
    let bytes = built.to_bytes();
    let brief = Requirements {
        gender: Some(Gender::Male),
        look: ["retired army officer".to_string()].into(),
        ..Default::default()
    };
    let ids = |c: &Catalog| -> Vec<String> {
        rank(c, &brief, 10, &Personalisation::default())
            .into_iter()
            .map(|m| m.id)
            .collect()
    };

    let mut same = Catalog::from_bytes(&bytes).unwrap();
    same.attach_model(Some(model()));
    assert!(same.semantic().is_some(), "profiles of this model are kept");
    assert_eq!(ids(&same), ids(&built));

    let tiny = castmatch_text::format::tiny_model_bytes();
    let tiny: Rc<dyn TextModel> = Rc::new(StaticModel::from_bytes(&tiny).unwrap());
    let mut other = Catalog::from_bytes(&bytes).unwrap();
    other.attach_model(Some(tiny));
    assert!(
        other.semantic().is_none(),
        "another model's vectors are dropped"
    );
    let by_fields = ids(&other);
    assert_eq!(by_fields.len(), 10, "still ranks, by fields");
    assert_ne!(by_fields, ids(&built), "not by meaning");
}

/// Broad filters are applied to the units found and narrow ones before the search, and an
/// archetype search marks the points its talents hold: each must return the exhaustive best.
#[test]
fn the_meaning_search_returns_the_exhaustive_best_at_every_filter_share() {
    const NARROW: &str = r#"{"gender":"female","age_min":60,"age_max":70,"cities":["pune"]}"#;
    let labelled = synthetic_labelled(4_000, 8);
    let catalog = catalog(labelled.into_iter().map(|(t, _)| t).collect());
    let (_, semantic) = catalog.semantic().expect("the meaning layer");
    let filters = [
        r#"{}"#,
        r#"{"gender":"male"}"#,
        r#"{"gender":"male","age_min":35,"age_max":50,"cities":["mumbai"]}"#,
        r#"{"gender":"female","age_min":60,"age_max":70}"#,
        r#"{"skills":["singing"]}"#,
        NARROW,
    ];
    // Under 1% of the roster: the points of the talents admitted are marked first.
    let narrow = catalog.count_matching(&serde_json::from_str(NARROW).unwrap());
    assert!(
        (1..40).contains(&narrow),
        "{narrow} match the narrow filter"
    );
    for phrase in [
        "retired army officer",
        "stand-up comic",
        "gentle school teacher",
    ] {
        let q = catalog
            .semantic_query(&Requirements {
                description: Some(phrase.into()),
                ..Default::default()
            })
            .expect("the phrase has a vector");
        for brief in filters {
            let r: Requirements = serde_json::from_str(brief).unwrap();
            let filter = catalog.filter(&r);
            for same_archetype in [false, true] {
                let found = semantic.search(&q, &filter, 10, same_archetype);
                let best = semantic.exhaustive(&q, &filter, 10, same_archetype);
                let what = format!("{phrase}, {brief}, archetype {same_archetype}");
                assert_eq!(found.len(), best.len(), "{what}");
                assert!(!found.is_empty() || same_archetype, "{what}: nobody");
                for ((slot, similarity), (_, exhaustive)) in found.iter().zip(&best) {
                    assert!(filter.admits(*slot), "{what}");
                    assert!(
                        (similarity - exhaustive).abs() < 1e-4,
                        "{what}: {similarity} against {exhaustive}"
                    );
                }
            }
        }
    }
}
