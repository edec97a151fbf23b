//! The wasm facade, exercised in wasm itself: under Node by default, in headless Chromium with
//! `WASM_BINDGEN_USE_BROWSER=1`. Bad input must come back as an `Error`, never a trap.
#![cfg(target_arch = "wasm32")]

use castmatch_core::{Match, Requirements, Talent};
use castmatch_wasm::{Engine, EngineLoader, Roster};
use wasm_bindgen::{JsError, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn js<T: serde::Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap()
}

/// An engine as the page gets one: built by `Roster` (the worker's module), restored from bytes.
fn synthetic(n: u32, seed: u32) -> Engine {
    Engine::restore(&Roster::synthetic(n, seed, None).unwrap().snapshot()).unwrap()
}

/// An engine from CSV as the page gets one: imported by `Roster`, restored from its bytes.
fn from_csv(csv: &str) -> Engine {
    Engine::restore(&Roster::from_csv(csv, None, None).unwrap().snapshot()).unwrap()
}

fn message(e: JsError) -> String {
    let value: JsValue = e.into();
    js_sys::Error::from(value).message().into()
}

fn brief() -> Requirements {
    serde_json::from_str(r#"{"gender":"female","age_min":22,"age_max":40,"languages":["hindi"]}"#)
        .unwrap()
}

#[wasm_bindgen_test]
fn synthetic_engine_searches_and_every_match_satisfies_the_brief() {
    let engine = synthetic(2_000, 7);
    assert_eq!(engine.size(), 2_000);
    let r = brief();
    let found: Vec<Match> =
        serde_wasm_bindgen::from_value(engine.search(js(&r), 10).unwrap()).unwrap();
    assert_eq!(found.len(), 10);
    assert!(found
        .iter()
        .all(|m| r.admits(&m.talent) && !m.reasons.is_empty()));
    assert!(found.windows(2).all(|w| w[0].score >= w[1].score));
}

#[wasm_bindgen_test]
fn snapshot_restores_the_same_rankings() {
    let bytes = Roster::synthetic(500, 3, None).unwrap().snapshot();
    let engine = Engine::restore(&bytes).unwrap();
    // A roster restored to edit writes the same bytes back.
    assert_eq!(Roster::restore(&bytes).unwrap().snapshot(), bytes);
    let restored = Engine::restore(&Roster::restore(&bytes).unwrap().snapshot()).unwrap();
    let r = js(&brief());
    let a: Vec<Match> =
        serde_wasm_bindgen::from_value(engine.search(r.clone(), 10).unwrap()).unwrap();
    let b: Vec<Match> = serde_wasm_bindgen::from_value(restored.search(r, 10).unwrap()).unwrap();
    assert_eq!(a, b);
}

#[wasm_bindgen_test]
fn a_snapshot_in_pieces_restores_as_the_whole_and_an_older_format_names_its_version() {
    let bytes = Roster::synthetic(300, 6, None).unwrap().snapshot();
    let mut loader = EngineLoader::new();
    for piece in bytes.chunks(777) {
        loader.push(piece).unwrap();
    }
    let r = js(&brief());
    let pieces: Vec<Match> =
        serde_wasm_bindgen::from_value(loader.finish().unwrap().search(r.clone(), 10).unwrap())
            .unwrap();
    let whole = Engine::restore(&bytes).unwrap();
    let whole: Vec<Match> = serde_wasm_bindgen::from_value(whole.search(r, 10).unwrap()).unwrap();
    assert_eq!(pieces, whole);
    // Format 5, as the roster module still reads it: the engine says what to do.
    let mut older = bytes.clone();
    older[8..12].copy_from_slice(&5u32.to_le_bytes());
    let e = message(Engine::restore(&older).err().unwrap());
    assert!(e.contains("version 5 at byte 8"), "{e}");
}

#[wasm_bindgen_test]
fn damaged_snapshot_is_an_error_not_a_trap() {
    let mut bytes = Roster::synthetic(100, 3, None).unwrap().snapshot();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x40;
    let err = Engine::restore(&bytes)
        .err()
        .expect("a flipped byte must be refused");
    assert!(message(err).contains("checksum"));
    assert!(Engine::restore(&[]).is_err());
    assert!(message(Roster::restore(&bytes).err().unwrap()).contains("checksum"));
}

#[wasm_bindgen_test]
fn bad_csv_names_line_and_column() {
    let csv = "id,name,gender,age,height_cm,city,languages,skills\n\
               T1,Asha,female,29,160,Mumbai,hindi,kathak\n\
               T2,Ravi,male,twenty,170,Pune,marathi,\n";
    let err = Roster::from_csv(csv, None, None)
        .err()
        .expect("strict import refuses a bad row");
    let text = message(err);
    assert!(text.contains("line 3") && text.contains("age"), "{text}");
    let lenient = Roster::from_csv(csv, Some(true), None).unwrap();
    assert_eq!(lenient.size(), 1);
    assert_eq!(lenient.import_errors().len(), 1);
}

#[wasm_bindgen_test]
fn an_agency_export_loads_with_notices_and_strict_names_every_problem() {
    let csv = "Full name;Sex;Age;Height;Location;Phone;Favourite colour\n\
               Asha Rao;F;29;5'6\";Mumbai;98200;Teal\n\
               Ravi Iyer;M;forty;6 ft 13;Pune;;\n\
               Meera Nair;female;31;160 cm;Kochi;;\n";
    let err = Roster::from_csv(csv, None, None)
        .err()
        .expect("strict import refuses a file with problems");
    let text = message(err);
    assert!(text.contains("2 problems"), "{text}");
    assert!(
        text.contains("line 3, column Age") && text.contains("line 3, column Height"),
        "{text}"
    );
    let lenient = Roster::from_csv(csv, Some(true), None).unwrap();
    assert_eq!(lenient.size(), 2);
    assert_eq!(lenient.import_errors().len(), 2);
    let notices = lenient.import_notices().join("\n");
    assert!(notices.contains("Favourite colour"), "{notices}");
    assert!(
        notices.contains("ids were made from the names"),
        "{notices}"
    );
}

#[wasm_bindgen_test]
fn a_roster_restored_adds_and_removes_and_the_engine_sees_it() {
    let mut roster = Roster::restore(&Roster::synthetic(50, 1, None).unwrap().snapshot()).unwrap();
    let talent: Talent = serde_json::from_str(
        r#"{"id":"NEW1","name":"Ira Menon","gender":"female","age":31,"height_cm":165,
            "city":"kochi","languages":["malayalam"],"skills":["kathakali"]}"#,
    )
    .unwrap();
    roster.add(js(&talent)).unwrap();
    assert!(
        roster.add(js(&talent)).is_err(),
        "a duplicate id is refused"
    );
    let mut bad = serde_json::to_value(&talent).unwrap();
    bad["id"] = "NEW2".into();
    bad["age"] = "thirty".into();
    let text = message(roster.add(js(&bad)).unwrap_err());
    assert!(text.starts_with("talent.age: "), "{text}");
    bad["age"] = 30.into();
    bad["city"] = "Bombay".into();
    bad["gender"] = "F".into();
    roster.add(js(&bad)).unwrap();
    assert_eq!(roster.size(), 52);
    let engine = Engine::restore(&roster.snapshot()).unwrap();
    let got: Talent = serde_wasm_bindgen::from_value(engine.get("NEW2").unwrap()).unwrap();
    assert_eq!(
        got.city, "mumbai",
        "added talents are canonicalised as imports are"
    );
    assert_eq!(got.gender, castmatch_core::Gender::Female);
    let got: Talent = serde_wasm_bindgen::from_value(engine.get("NEW1").unwrap()).unwrap();
    assert_eq!(got, talent);
    roster.remove("NEW1").unwrap();
    assert!(roster.remove("NEW1").is_err());
    let engine = Engine::restore(&roster.snapshot()).unwrap();
    assert!(engine.get("NEW1").unwrap().is_undefined());
    assert_eq!(engine.size(), 51);
}

#[wasm_bindgen_test]
fn malformed_requirements_are_errors() {
    let engine = synthetic(20, 1);
    let bad = js(&serde_json::json!({"gender": "robot"}));
    let text = message(engine.search(bad, 5).err().unwrap());
    assert!(
        text.contains("requirements") && text.contains("robot"),
        "{text}"
    );
    assert!(engine
        .search(JsValue::from_str("not an object"), 5)
        .is_err());
}

#[wasm_bindgen_test]
fn names_read_as_the_vocabulary_knows_them_and_unknown_ones_throw() {
    let engine = synthetic(2_000, 7);
    let search = |v: serde_json::Value| -> Vec<Match> {
        serde_wasm_bindgen::from_value(engine.search(js(&v), 10).unwrap()).unwrap()
    };
    let canonical = search(
        serde_json::json!({"gender": "female", "cities": ["mumbai"], "languages": ["hindi"]}),
    );
    assert!(!canonical.is_empty());
    for spelt in [
        serde_json::json!({"gender": "F", "cities": ["Mumbai"], "languages": ["Hindi"]}),
        serde_json::json!({"gender": "Female", "cities": ["Bombay"], "languages": ["HINDI"]}),
    ] {
        assert_eq!(search(spelt.clone()), canonical, "{spelt}");
    }
    for (input, starts) in [
        (
            serde_json::json!({"cities": ["Atlantis"]}),
            "requirements.cities[0]: unknown city 'Atlantis'; did you mean",
        ),
        (
            serde_json::json!({"skills": ["xyzzy quux"]}),
            "requirements.skills[0]: unknown skill 'xyzzy quux'",
        ),
        (
            serde_json::json!({"age_min": 40, "age_max": 30}),
            "requirements: age_min (40) is greater than age_max (30)",
        ),
    ] {
        let text = message(engine.count_matching(js(&input)).unwrap_err());
        assert!(text.starts_with(starts), "{text}");
    }
}

#[wasm_bindgen_test]
fn a_rosters_own_skills_are_names_too() {
    let csv = "id,name,gender,age,height_cm,city,languages,skills\n\
               T1,Asha,F,29,160,Bombay,Hindi,Rock Climbing\n\
               T2,Ravi,male,31,170,Pune,marathi,kathak\n";
    let engine = from_csv(csv);
    let count = |v: serde_json::Value| engine.count_matching(js(&v)).unwrap();
    assert_eq!(count(serde_json::json!({"skills": ["Rock Climbing"]})), 1);
    assert_eq!(
        count(serde_json::json!({"cities": ["mumbai"], "gender": "Female"})),
        1
    );
    let text = message(
        engine
            .count_matching(js(&serde_json::json!({"skills": ["rock climbin"]})))
            .unwrap_err(),
    );
    assert!(text.contains("did you mean 'rock climbing'"), "{text}");
}

#[wasm_bindgen_test]
fn the_word_lists_beside_the_module_reach_the_parser() {
    let engine = synthetic(100, 1);
    let parsed: serde_json::Value =
        serde_wasm_bindgen::from_value(engine.parse_brief("लड़की, २० से २५ साल, मुंबई, कथक").unwrap())
            .unwrap();
    let r = &parsed["requirements"];
    assert_eq!(r["gender"], "female");
    assert_eq!(
        (r["age_min"].as_u64(), r["age_max"].as_u64()),
        (Some(20), Some(25))
    );
    assert_eq!(r["cities"], serde_json::json!(["mumbai"]));
    assert_eq!(r["skills"], serde_json::json!(["kathak"]));
}

#[wasm_bindgen_test]
fn a_text_model_makes_engines_rank_by_meaning_and_a_bad_file_throws() {
    use castmatch_text::format::tiny_model_bytes;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let bytes = tiny_model_bytes();
    let mut damaged = bytes.clone();
    damaged[30] ^= 1;
    let text = message(castmatch_wasm::load_model(&damaged).unwrap_err());
    assert!(text.contains("checksum"), "{text}");
    // As the package's init() connects them: the text module's reader, called through JS.
    let checksum = u32::from_str_radix(&castmatch_wasm::load_model(&bytes).unwrap(), 16).unwrap();
    let read =
        Closure::<dyn Fn(String) -> Vec<u8>>::new(|text: String| castmatch_wasm::read_text(&text));
    castmatch_wasm::use_text_model(
        checksum,
        castmatch_wasm::model_dim(),
        Some(read.as_ref().unchecked_ref::<js_sys::Function>().clone()),
    );
    read.forget();
    assert_eq!(castmatch_wasm::model_checksum(), Some(checksum));
    let csv = "id,name,gender,age,height_cm,city,languages,skills,bio\n\
               T1,Asha,female,45,160,Mumbai,hindi,,Trained in theatre.\n\
               T2,Ravi,male,52,170,Pune,marathi,,A retired army major.\n";
    let engine = from_csv(csv);
    assert!(engine.semantic());
    let r = js(&serde_json::json!({"look": ["army major"]}));
    let found: Vec<Match> =
        serde_wasm_bindgen::from_value(engine.search(r.clone(), 2).unwrap()).unwrap();
    assert_eq!(found[0].id, "T2");
    assert!(
        found[0]
            .reasons
            .iter()
            .any(|r| r == "bio: \"A retired army major.\" fits \"army major\""),
        "{:?}",
        found[0].reasons
    );
    // A snapshot restores with its embedded profiles, under the same model.
    let bytes = Roster::from_csv(csv, None, None).unwrap().snapshot();
    let restored = Engine::restore(&Roster::restore(&bytes).unwrap().snapshot()).unwrap();
    assert!(restored.semantic());
    let again: Vec<Match> = serde_wasm_bindgen::from_value(restored.search(r, 2).unwrap()).unwrap();
    assert_eq!(again, found);
    castmatch_wasm::use_text_model(0, 0, None);
    assert!(!from_csv(csv).semantic());
}
