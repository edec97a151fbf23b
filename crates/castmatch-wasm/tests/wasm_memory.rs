//! The memory methods of the wasm `Engine`, run in wasm: feedback changes the next search,
//! preferences come and go, and the snapshot survives a round trip but not a flipped byte.
#![cfg(target_arch = "wasm32")]

use castmatch_core::memory::{MemoryView, Preference, RoleSummary};
use castmatch_core::{Match, Requirements, Talent};
use castmatch_wasm::{Engine, Roster};
use wasm_bindgen::{JsError, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

fn js<T: serde::Serialize>(value: &T) -> JsValue {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap()
}

fn message(e: JsError) -> String {
    let value: JsValue = e.into();
    js_sys::Error::from(value).message().into()
}

/// An engine of 60 talents added one by one to a roster; every third is theatre-trained.
fn engine() -> Engine {
    let mut roster = Roster::synthetic(0, 1, None).unwrap();
    for i in 0..60u32 {
        let skills = if i % 3 == 0 {
            r#"["theatre","kathak"]"#
        } else {
            r#"["boxing"]"#
        };
        let talent: Talent = serde_json::from_str(&format!(
            r#"{{"id":"W{i:03}","name":"Talent {i}","gender":"{}","age":{},"height_cm":165,
                "city":"mumbai","languages":["hindi"],"skills":{skills}}}"#,
            if i % 2 == 0 { "female" } else { "male" },
            20 + i % 40
        ))
        .unwrap();
        roster.add(js(&talent)).unwrap();
    }
    Engine::restore(&roster.snapshot()).unwrap()
}

fn search(engine: &Engine) -> Vec<Match> {
    let r = Requirements {
        gender: Some(castmatch_core::Gender::Female),
        ..Default::default()
    };
    serde_wasm_bindgen::from_value(engine.search(js(&r), 10).unwrap()).unwrap()
}

fn view(engine: &Engine) -> MemoryView {
    serde_wasm_bindgen::from_value(engine.memory().unwrap()).unwrap()
}

#[wasm_bindgen_test]
fn a_rejected_talent_leaves_the_next_search() {
    let mut engine = engine();
    engine.open_role("Lead").unwrap();
    let first = search(&engine)[0].id.clone();
    engine
        .feedback(&first, "reject", Some("not the look".into()))
        .unwrap();
    assert!(search(&engine).iter().all(|m| m.id != first));
    let memory = view(&engine);
    assert_eq!(memory.role, "Lead");
    assert_eq!(memory.rejected[0].talent_id, first);
    assert_eq!(memory.rejected[0].note.as_deref(), Some("not the look"));
    assert!(message(engine.feedback("NOPE", "shortlist", None).unwrap_err()).contains("NOPE"));
    assert!(message(engine.feedback(&first, "maybe", None).unwrap_err()).contains("shortlist"));
}

#[wasm_bindgen_test]
fn remember_and_forget_a_preference() {
    let mut engine = engine();
    let p: Preference =
        serde_wasm_bindgen::from_value(engine.remember("I prefer theatre-trained actors").unwrap())
            .unwrap();
    assert_eq!(p.id, "p1");
    let top = search(&engine);
    assert!(top[0]
        .reasons
        .iter()
        .any(|r| r == "you prefer theatre-trained actors (stated, p1, all roles)"));
    engine.remember("avoid theatre actors").unwrap();
    let memory = view(&engine);
    assert_eq!((memory.preferences.len(), memory.superseded.len()), (1, 1));
    engine.forget("p2").unwrap();
    assert!(view(&engine).preferences.is_empty());
    assert!(engine.forget("p2").is_err());
    assert!(message(engine.remember("hello").unwrap_err()).contains("preference"));
}

#[wasm_bindgen_test]
fn roles_are_listed_and_kept_apart() {
    let mut engine = engine();
    engine.open_role("Lead").unwrap();
    engine.feedback("W000", "shortlist", None).unwrap();
    engine.open_role("Sister").unwrap();
    let roles: Vec<RoleSummary> = serde_wasm_bindgen::from_value(engine.roles().unwrap()).unwrap();
    let names: Vec<(&str, usize, bool)> = roles
        .iter()
        .map(|r| (r.name.as_str(), r.shortlisted, r.current))
        .collect();
    assert_eq!(names, [("Lead", 1, false), ("Sister", 0, true)]);
    assert!(view(&engine).shortlist.is_empty());
    assert!(engine.open_role("  ").is_err());
}

#[wasm_bindgen_test]
fn memory_snapshot_round_trips_and_a_flipped_byte_is_refused() {
    let mut engine = engine();
    engine.open_role("Lead").unwrap();
    engine.remember("prefer theatre-trained actors").unwrap();
    let top = search(&engine);
    engine.feedback(&top[0].id, "reject", None).unwrap();
    engine.feedback(&top[1].id, "shortlist", None).unwrap();
    let bytes = engine.memory_snapshot();

    let mut other = self::engine();
    other.restore_memory(&bytes).unwrap();
    assert_eq!(search(&other), search(&engine));
    assert_eq!(view(&other), view(&engine));

    let before = view(&other);
    let mut bad = bytes.clone();
    let middle = bad.len() / 2;
    bad[middle] ^= 0x20;
    let text = message(other.restore_memory(&bad).unwrap_err());
    assert!(text.contains("byte") && text.contains("checksum"), "{text}");
    assert_eq!(view(&other), before, "the old memory stays");
}

#[wasm_bindgen_test]
fn export_and_import_json() {
    let mut engine = engine();
    engine.switch_director("Anita").unwrap();
    engine
        .remember("never show me anyone over 60 for mother roles")
        .unwrap();
    // The roster module writes and reads the file (in the page's worker); the Engine gives and
    // takes snapshot bytes.
    let json = castmatch_wasm::write_memory_export(&engine.memory_snapshot(), None).unwrap();
    let bytes = castmatch_wasm::read_memory_export(&json).unwrap();
    let mut other = self::engine();
    assert_eq!(other.import_memory(&bytes).unwrap(), "Anita");
    other.switch_director("Anita").unwrap();
    assert_eq!(view(&other).preferences, view(&engine).preferences);
    let text = message(castmatch_wasm::read_memory_export("{").unwrap_err());
    assert!(text.contains("memory JSON refused"), "{text}");
    assert!(other.import_memory(&bytes[..bytes.len() - 1]).is_err());
    let nobody =
        castmatch_wasm::write_memory_export(&other.memory_snapshot(), Some("Nobody".into()));
    assert!(nobody.is_err());
    assert!(castmatch_wasm::write_memory_export(&bytes[1..], None).is_err());
}

/// Issue 19: a shortlist keeps names on another roster; notes and auditions cross the boundary
/// and their refusals come back as readable errors, never panics.
#[wasm_bindgen_test]
fn candidates_and_auditions_survive_a_roster_switch() {
    let mut engine = engine();
    engine.open_role("Lead").unwrap();
    engine.feedback("W000", "shortlist", None).unwrap();
    engine
        .annotate("W000", "great read", vec!["callback".into()])
        .unwrap();
    assert!(message(engine.annotate("NOPE", "x", vec![]).unwrap_err()).contains("NOPE"));
    assert!(message(
        engine
            .add_slot("2026-02-30", "10:00", "Andheri")
            .unwrap_err()
    )
    .contains("2026-02-30"));
    let slot = engine.add_slot("2026-03-03", "10:30", "Andheri").unwrap();
    assert!(message(engine.invite("W002", slot).unwrap_err()).contains("not shortlisted"));
    engine.invite("W000", slot).unwrap();
    assert!(message(engine.set_invitation("W000", "maybe").unwrap_err()).contains("confirmed"));
    engine.set_invitation("W000", "confirmed").unwrap();

    let mut other = Engine::restore(&Roster::synthetic(5, 9, None).unwrap().snapshot()).unwrap();
    other.restore_memory(&engine.memory_snapshot()).unwrap();
    assert!(
        other.get("W000").unwrap().is_undefined(),
        "not on the other roster"
    );
    let memory = view(&other);
    let card = &memory.candidates[0];
    assert_eq!(
        (card.name.as_str(), card.note.as_str()),
        ("Talent 0", "great read")
    );
    let status = memory.auditions.invitations[0].status;
    assert_eq!(status, castmatch_core::memory::InvitationStatus::Confirmed);
}
