//! The `search_talent` tool: schema shape Anthropic accepts, and strict input reading.

use castmatch_core::brief::tool::{
    requirements_schema_from_model, search_input_from_tool_input, MAX_K, REQUIREMENTS_SCHEMA,
};
use castmatch_core::brief::{requirements_from_tool_input, search_tool, ToolInputError};
use castmatch_core::vocab::Vocabulary;
use castmatch_core::Gender;
use serde_json::{json, Value};

fn contains_key(v: &Value, key: &str) -> bool {
    match v {
        Value::Object(m) => m.contains_key(key) || m.values().any(|x| contains_key(x, key)),
        Value::Array(a) => a.iter().any(|x| contains_key(x, key)),
        _ => false,
    }
}

#[test]
fn schema_file_matches_the_model() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/crates/castmatch-core/src/requirements/schema.json"
    );
    let generated = requirements_schema_from_model();
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(path, &generated).expect("write schema");
    }
    let on_disk = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        on_disk, generated,
        "run `UPDATE_SCHEMA=1 cargo test --test brief_tool schema` to refresh {path}, then rebuild"
    );
    assert_eq!(
        REQUIREMENTS_SCHEMA, generated,
        "the crate embeds a stale copy; rebuild"
    );
}

#[test]
fn schema_is_a_plain_inlined_object() {
    let tool = search_tool();
    println!("{}", serde_json::to_string_pretty(&tool).unwrap());
    assert_eq!(tool["name"], "search_talent");
    assert!(tool["description"].as_str().unwrap().len() > 40);
    let schema = &tool["input_schema"];
    assert_eq!(schema["type"], "object");
    for field in [
        "gender",
        "age_min",
        "age_max",
        "languages",
        "skills",
        "cities",
        "height_min_cm",
        "height_max_cm",
        "preferred_skills",
        "excluded_cities",
        "k",
    ] {
        assert!(schema["properties"].get(field).is_some(), "{field}");
    }
    for banned in ["$ref", "$schema", "$defs", "definitions"] {
        assert!(!contains_key(schema, banned), "{banned} in schema");
    }
    assert_eq!(schema["additionalProperties"], false);
}

#[test]
fn reads_and_canonicalises() {
    let r = requirements_from_tool_input(&json!({
        "gender": "female", "age_min": 25, "age_max": 32.0, "languages": ["Hindi", "Marathi"],
        "cities": ["Bombay"], "skills": ["Kalari"], "preferred_skills": ["horseback riding"], "height_min_cm": null
    }))
    .unwrap();
    assert_eq!(r.gender, Some(Gender::Female));
    assert_eq!((r.age_min, r.age_max), (Some(25), Some(32)));
    assert!(
        r.cities.contains("mumbai")
            && r.skills.contains("kalaripayattu")
            && r.preferred_skills.contains("horse riding")
    );
    assert!(r.languages.contains("hindi"));
    let s =
        search_input_from_tool_input(&json!({"k": 5, "gender": "Woman"}), Vocabulary::builtin())
            .unwrap();
    assert_eq!(s.k, Some(5));
    assert_eq!(s.requirements.gender, Some(Gender::Female));
    assert!(requirements_from_tool_input(&json!({})).unwrap().is_empty());
}

#[test]
fn errors_name_the_path() {
    let err = |v: Value| requirements_from_tool_input(&v).unwrap_err().to_string();
    assert_eq!(
        err(json!({"age_min": "thirty"})),
        "age_min: expected a whole number, got \"thirty\""
    );
    assert!(err(json!({"colour": "blue"})).starts_with("colour: unknown field"));
    assert!(err(json!({"languages": "hindi"})).starts_with("languages: expected a list"));
    assert!(err(json!({"skills": ["kathak", 3]})).starts_with("skills[1]: expected a name"));
    assert!(err(json!({"age_max": 300})).starts_with("age_max: 300 is out of range"));
    assert!(err(json!({"height_min_cm": 20})).starts_with("height_min_cm: 20 is out of range"));
    assert!(err(json!({"age_min": -3})).starts_with("age_min: expected a whole number"));
    assert_eq!(
        err(json!({"age_min": 40, "age_max": 30})),
        "age_min (40) is greater than age_max (30)"
    );
    assert!(
        err(json!({"gender": "robot"})).starts_with("gender: expected one of the listed values")
    );
    assert!(err(json!([1, 2])).starts_with("input: expected an object"));
    assert!(err(json!({"cities": ["Atlantis"]}))
        .starts_with("cities[0]: unknown city 'Atlantis'; did you mean"));
    assert!(matches!(
        search_input_from_tool_input(&json!({"k": MAX_K + 1}), Vocabulary::builtin()),
        Err(ToolInputError::OutOfRange { .. })
    ));
}

#[test]
fn shoot_dates_and_day_rate_are_read_and_checked() {
    let r = requirements_from_tool_input(&json!({
        "available_from": "2026-03-05", "available_to": "2026-03-20", "day_rate_max_inr": 50000
    }))
    .unwrap();
    assert_eq!(
        r.available_from.map(|d| d.to_string()).as_deref(),
        Some("2026-03-05")
    );
    assert_eq!(r.day_rate_max_inr, Some(50_000));
    let err = |v: Value| requirements_from_tool_input(&v).unwrap_err().to_string();
    assert!(err(json!({"available_from": "5 March"})).contains("is not a date as YYYY-MM-DD"));
    assert!(
        err(json!({"available_from": "2026-03-20", "available_to": "2026-03-05"}))
            .contains("available_from (2026-03-20) is after available_to (2026-03-05)")
    );
    assert!(err(json!({"day_rate_max_inr": "50k"}))
        .starts_with("day_rate_max_inr: expected a whole number"));
}
