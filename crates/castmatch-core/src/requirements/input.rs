//! The one checked way into `Requirements` from outside (JavaScript, the command line, Claude's
//! tool): any case, any synonym the vocabulary knows, canonical names out; an unknown value, a
//! wrong type or an inverted range is an error naming the field and, for names, the nearest
//! known ones. Validation follows the JSON schema generated from `Requirements`.

#[cfg(not(target_arch = "wasm32"))]
use schemars::generate::SchemaSettings;
use std::sync::OnceLock;

use serde_json::{Map, Value};

use super::Requirements;
use crate::roster::Gender;
use crate::vocab::{self, SkillGroup, TermKind, Vocabulary};

const AGES: (u64, u64) = (0, 120);
const HEIGHTS_CM: (u64, u64) = (50, 250);
const DAY_RATES_INR: (u64, u64) = (0, u32::MAX as u64);
/// How many known names an unknown-name error suggests.
const SUGGESTIONS: usize = 3;

/// What is wrong with a requirement set, naming the JSON path at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequirementsError {
    #[error("input: expected an object of search fields, got {got}")]
    NotAnObject { got: String },
    #[error("{field}: unknown field (known fields: {known})")]
    UnknownField { field: String, known: String },
    #[error("{path}: expected {expected}, got {got}")]
    WrongType {
        path: String,
        expected: &'static str,
        got: String,
    },
    #[error("{path}: {value} is out of range ({min} to {max})")]
    OutOfRange {
        path: String,
        value: String,
        min: u64,
        max: u64,
    },
    #[error("{low_field} ({low}) is greater than {high_field} ({high})")]
    MinAboveMax {
        low_field: &'static str,
        low: u32,
        high_field: &'static str,
        high: u32,
    },
    #[error("{path}: unknown {} '{value}'; did you mean {}?", kind.noun(), or_list(nearest))]
    UnknownName {
        path: String,
        kind: TermKind,
        value: String,
        nearest: Vec<String>,
    },
    #[error("{path}: unknown skill group '{value}' (known: {})", group_names())]
    UnknownGroup { path: String, value: String },
    #[error("input: {0}")]
    Invalid(String),
}

fn group_names() -> String {
    SkillGroup::ALL.map(SkillGroup::name).join(", ")
}

impl RequirementsError {
    /// The message with its path under `root` ("requirements.cities[0]: unknown city ...").
    pub fn at(&self, root: &str) -> String {
        let text = self.to_string();
        match self {
            RequirementsError::NotAnObject { .. } | RequirementsError::Invalid(_) => {
                format!("{root}{}", text.trim_start_matches("input"))
            }
            RequirementsError::MinAboveMax { .. } => format!("{root}: {text}"),
            _ => format!("{root}.{text}"),
        }
    }
}

/// "a, b or c".
fn or_list(names: &[String]) -> String {
    match names {
        [] => "a known name".to_string(),
        [one] => format!("'{one}'"),
        [rest @ .., last] => {
            let rest: Vec<String> = rest.iter().map(|n| format!("'{n}'")).collect();
            format!("{} or '{last}'", rest.join(", "))
        }
    }
}

/// The JSON Schema of `Requirements`, inlined (no `$ref`, no `$schema`), as Anthropic's tool
/// `input_schema` wants it. It is generated from the model by `requirements_schema_from_model`
/// and kept beside this file (a test keeps the two equal), so the `.wasm` carries text, not
/// schemars. Parsed once: every requirement set read is checked against it.
pub fn requirements_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    // The text is compiled in (natively) or handed over at start (wasm), and tested equal to the
    // model's schema; were it missing, the default (null) knows no field, so requirements would
    // be refused as unknown fields, never let through unchecked.
    SCHEMA.get_or_init(|| serde_json::from_str(crate::words::schema()).unwrap_or_default())
}

/// `requirements/schema.json`, the committed output of `requirements_schema_from_model`.
#[cfg(not(target_arch = "wasm32"))]
pub const REQUIREMENTS_SCHEMA: &str = include_str!("schema.json");

/// The schema as schemars derives it from `Requirements`, as JSON text.
#[cfg(not(target_arch = "wasm32"))]
pub fn requirements_schema_from_model() -> String {
    let schema = SchemaSettings::draft07()
        .with(|s| {
            s.inline_subschemas = true;
            s.meta_schema = None;
        })
        .into_generator()
        .into_root_schema_for::<Requirements>();
    let mut value = schema.to_value();
    if let Some(obj) = value.as_object_mut() {
        obj.remove("title");
        obj.remove("$defs");
        obj.remove("definitions");
    }
    strip_formats(&mut value);
    // A `Value` always serialises (its keys are strings).
    serde_json::to_string_pretty(&value).unwrap_or_default() + "\n"
}

/// Removes Rust-specific `"format": "uint32"` annotations, which JSON Schema consumers such as
/// strict tool validators reject; the ranges are enforced when the input is read.
#[cfg(not(target_arch = "wasm32"))]
fn strip_formats(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.remove("format");
            map.values_mut().for_each(strip_formats);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_formats),
        _ => {}
    }
}

impl Requirements {
    /// Reads requirements from JSON as a person or a model writes them: "Mumbai", "Bombay",
    /// "F", "Female" and "Hindi" read as the canonical "mumbai", "female", "hindi"; a name
    /// `vocabulary` does not know (built in or on the loaded roster), a misplaced type or an
    /// inverted range is an error naming its path.
    pub fn from_json(
        input: &Value,
        vocabulary: &Vocabulary,
    ) -> Result<Requirements, RequirementsError> {
        let obj = input
            .as_object()
            .ok_or_else(|| RequirementsError::NotAnObject {
                got: describe(input),
            })?;
        Requirements::from_fields(obj, "", vocabulary)
    }

    /// `from_json` over the fields of an object but `skip` (the tool reads its own `k`).
    pub(crate) fn from_fields(
        obj: &Map<String, Value>,
        skip: &str,
        vocabulary: &Vocabulary,
    ) -> Result<Requirements, RequirementsError> {
        let no_fields = Map::new();
        let props = requirements_schema()
            .get("properties")
            .and_then(Value::as_object)
            .unwrap_or(&no_fields);
        let mut clean = Map::new();
        for (field, value) in obj.iter().filter(|(field, _)| *field != skip) {
            let prop = props
                .get(field)
                .ok_or_else(|| RequirementsError::UnknownField {
                    field: field.clone(),
                    known: props
                        .keys()
                        .map(String::as_str)
                        .collect::<Vec<_>>()
                        .join(", "),
                })?;
            clean.insert(field.clone(), read_field(field, prop, value, vocabulary)?);
        }
        // Through text, not `from_value`: one JSON deserializer per type keeps the `.wasm`
        // small, and requirement sets are a few hundred bytes.
        let requirements: Requirements = crate::json::from_text(&Value::Object(clean).to_string())
            .map_err(|e| RequirementsError::Invalid(e.to_string()))?;
        check_order(&requirements)?;
        Ok(requirements)
    }
}

/// The shape a schema property asks for.
#[derive(Debug, PartialEq)]
enum Shape {
    Whole,
    Strings,
    Choice(Vec<String>),
    Text,
}

/// Reads the shape from the generated schema, so validation follows `Requirements`.
fn shape(prop: &Value) -> Shape {
    let types: Vec<&str> = match prop.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let mut choices: Vec<String> = prop
        .get("enum")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str().map(String::from))
        .collect();
    for alt in ["anyOf", "oneOf"]
        .iter()
        .filter_map(|k| prop.get(*k))
        .filter_map(Value::as_array)
        .flatten()
    {
        if let Shape::Choice(c) = shape(alt) {
            choices.extend(c);
        }
        if let Some(c) = alt.get("const").and_then(Value::as_str) {
            choices.push(c.to_string());
        }
    }
    if types.contains(&"integer") {
        Shape::Whole
    } else if types.contains(&"array") {
        Shape::Strings
    } else if !choices.is_empty() {
        Shape::Choice(choices)
    } else {
        Shape::Text
    }
}

fn read_field(
    field: &str,
    prop: &Value,
    value: &Value,
    vocabulary: &Vocabulary,
) -> Result<Value, RequirementsError> {
    if value.is_null() {
        return Ok(Value::Null);
    }
    match shape(prop) {
        Shape::Whole => read_whole(field, value),
        Shape::Strings => read_names(field, value, vocabulary),
        Shape::Choice(choices) => read_choice(field, value, &choices),
        Shape::Text => Ok(value.clone()),
    }
}

fn read_whole(field: &str, value: &Value) -> Result<Value, RequirementsError> {
    let n = whole(value).ok_or_else(|| wrong(field, "a whole number", value))?;
    let (min, max) = if field.starts_with("height") {
        HEIGHTS_CM
    } else if field.starts_with("day_rate") {
        DAY_RATES_INR
    } else {
        AGES
    };
    if !(min..=max).contains(&n) {
        return Err(RequirementsError::OutOfRange {
            path: field.into(),
            value: n.to_string(),
            min,
            max,
        });
    }
    Ok(Value::from(n))
}

/// A whole number, also from 30.0 (models sometimes send floats), never from "30".
pub(crate) fn whole(value: &Value) -> Option<u64> {
    value.as_u64().or_else(|| {
        value
            .as_f64()
            .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 1e9)
            .map(|f| f as u64)
    })
}

/// Which vocabulary a list field names: `cities`, `excluded_cities` ... hold cities.
fn kind_of(field: &str) -> Option<TermKind> {
    TermKind::ALL.into_iter().find(|kind| {
        let plural = match kind {
            TermKind::City => "cities",
            TermKind::Language => "languages",
            TermKind::Skill => "skills",
        };
        field == plural || field.ends_with(&format!("_{plural}"))
    })
}

fn read_names(
    field: &str,
    value: &Value,
    vocabulary: &Vocabulary,
) -> Result<Value, RequirementsError> {
    let items = value
        .as_array()
        .ok_or_else(|| wrong(field, "a list of names", value))?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = format!("{field}[{i}]");
        let text = item
            .as_str()
            .ok_or_else(|| wrong(&path, "a name (string)", item))?;
        if vocab::normalise(text).is_empty() {
            return Err(wrong(&path, "a non-empty name", item));
        }
        let name =
            match kind_of(field) {
                Some(kind) => vocabulary.canonical(kind, text).ok_or_else(|| {
                    RequirementsError::UnknownName {
                        path,
                        kind,
                        value: text.trim().to_string(),
                        nearest: vocabulary.nearest(kind, text, SUGGESTIONS),
                    }
                })?,
                None => vocab::normalise(text),
            };
        out.push(Value::String(name));
    }
    Ok(Value::Array(out))
}

fn read_choice(field: &str, value: &Value, choices: &[String]) -> Result<Value, RequirementsError> {
    let text = value
        .as_str()
        .ok_or_else(|| wrong(field, "one of the listed values", value))?;
    let canonical = Gender::parse(text)
        .map(|g| g.as_str().to_string())
        .unwrap_or_else(|| vocab::normalise(text));
    if choices.contains(&canonical) {
        Ok(Value::String(canonical))
    } else {
        Err(RequirementsError::WrongType {
            path: field.into(),
            expected: "one of the listed values",
            got: format!("{value} (allowed: {})", choices.join(", ")),
        })
    }
}

fn check_order(r: &Requirements) -> Result<(), RequirementsError> {
    let pairs = [
        ("age_min", r.age_min, "age_max", r.age_max),
        (
            "height_min_cm",
            r.height_min_cm,
            "height_max_cm",
            r.height_max_cm,
        ),
    ];
    for (low_field, low, high_field, high) in pairs {
        if let (Some(low), Some(high)) = (low, high) {
            if low > high {
                return Err(RequirementsError::MinAboveMax {
                    low_field,
                    low,
                    high_field,
                    high,
                });
            }
        }
    }
    if let (Some(first), Some(last)) = (r.available_from, r.available_to) {
        if first > last {
            return Err(RequirementsError::Invalid(format!(
                "available_from ({first}) is after available_to ({last})"
            )));
        }
    }
    Ok(())
}

pub(crate) fn wrong(path: &str, expected: &'static str, got: &Value) -> RequirementsError {
    RequirementsError::WrongType {
        path: path.to_string(),
        expected,
        got: describe(got),
    }
}

/// A value as an error shows it: JSON, shortened.
pub(crate) fn describe(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(v: Value) -> Result<Requirements, String> {
        Requirements::from_json(&v, Vocabulary::builtin()).map_err(|e| e.to_string())
    }

    #[test]
    fn any_spelling_reads_as_the_canonical_name() {
        for (input, field, want) in [
            (json!({"cities": ["Mumbai"]}), "cities", "mumbai"),
            (json!({"cities": ["Bombay"]}), "cities", "mumbai"),
            (
                json!({"excluded_cities": [" new  DELHI "]}),
                "excluded_cities",
                "delhi",
            ),
            (json!({"languages": ["Hindi"]}), "languages", "hindi"),
            (
                json!({"preferred_languages": ["Odiya"]}),
                "preferred_languages",
                "odia",
            ),
            (json!({"skills": ["Kalari"]}), "skills", "kalaripayattu"),
        ] {
            let r = serde_json::to_value(read(input.clone()).unwrap()).unwrap();
            assert_eq!(r[field], json!([want]), "{input}");
        }
        for g in ["F", "Female", "woman", "FEMALE"] {
            assert_eq!(
                read(json!({"gender": g})).unwrap().gender,
                Some(Gender::Female)
            );
        }
    }

    #[test]
    fn unknown_names_and_inverted_ranges_are_errors_naming_the_field() {
        let err = read(json!({"cities": ["Atlantis"]})).unwrap_err();
        assert!(
            err.starts_with("cities[0]: unknown city 'Atlantis'; did you mean '"),
            "{err}"
        );
        let err = read(json!({"skills": ["kathak", "xyzzy quux"]})).unwrap_err();
        assert!(
            err.starts_with("skills[1]: unknown skill 'xyzzy quux'"),
            "{err}"
        );
        assert_eq!(
            read(json!({"age_min": 40, "age_max": 30})).unwrap_err(),
            "age_min (40) is greater than age_max (30)"
        );
        let err = read(json!({"gender": "robot"})).unwrap_err();
        assert!(
            err.starts_with("gender: expected one of the listed values"),
            "{err}"
        );
    }

    #[test]
    fn a_roster_term_is_known_and_suggested() {
        let mut v = Vocabulary::default();
        v.learn(TermKind::Skill, "rock climbing");
        let r = Requirements::from_json(&json!({"skills": ["Rock Climbing"]}), &v).unwrap();
        assert!(r.skills.contains("rock climbing"));
        let err = Requirements::from_json(&json!({"skills": ["rock climbin"]}), &v).unwrap_err();
        assert!(
            err.to_string().contains("did you mean 'rock climbing'"),
            "{err}"
        );
    }

    #[test]
    fn errors_root_their_path() {
        let e = Requirements::from_json(&json!({"cities": ["Atlantis"]}), Vocabulary::builtin())
            .unwrap_err();
        assert!(e
            .at("requirements")
            .starts_with("requirements.cities[0]: unknown city"));
        let e = Requirements::from_json(&json!(7), Vocabulary::builtin()).unwrap_err();
        assert_eq!(
            e.at("requirements"),
            "requirements: expected an object of search fields, got 7"
        );
    }
}
