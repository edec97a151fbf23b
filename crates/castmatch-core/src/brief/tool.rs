//! The Claude `search_talent` tool: its input schema generated from `Requirements` (one source
//! of truth) and strict reading of the input Claude sends back, with errors that name the field.

#[cfg(not(target_arch = "wasm32"))]
use schemars::generate::SchemaSettings;
use std::sync::OnceLock;

use serde_json::{Map, Value};

use crate::requirements::Requirements;
use crate::roster::Gender;
use crate::vocab;

/// Name of the tool Claude calls.
pub const TOOL_NAME: &str = "search_talent";
/// Largest number of results the tool may ask for.
pub const MAX_K: u64 = 50;

const AGES: (u64, u64) = (0, 120);
const HEIGHTS_CM: (u64, u64) = (50, 250);

/// Everything wrong with a tool input, each naming the JSON path at fault.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ToolInputError {
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
    #[error("input: {0}")]
    Invalid(String),
}

/// A tool call's input: the requirements and how many results Claude wants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchInput {
    pub requirements: Requirements,
    pub k: Option<usize>,
}

/// The JSON Schema of `Requirements`, inlined (no `$ref`, no `$schema`), as Anthropic's tool
/// `input_schema` wants it. It is generated from the model by `requirements_schema_from_model`
/// and kept in `docs/` (a test keeps the two equal), so the `.wasm` carries text, not schemars.
/// Parsed once: every tool call validates against it.
pub fn requirements_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::from_str(REQUIREMENTS_SCHEMA).unwrap_or_default())
}

/// `brief/requirements.schema.json`, the committed output of `requirements_schema_from_model`.
pub const REQUIREMENTS_SCHEMA: &str = include_str!("requirements.schema.json");

/// The schema as schemars derives it from `Requirements`, as JSON text for `docs/`.
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

/// The `search_talent` tool definition for the Messages API.
pub fn search_tool() -> Value {
    let mut schema = requirements_schema().clone();
    if let Some(props) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        props.insert(
            "k".to_string(),
            serde_json::json!({
                "description": "How many results to return (default 10).",
                "type": "integer",
                "minimum": 1,
                "maximum": MAX_K,
            }),
        );
    }
    serde_json::json!({
        "name": TOOL_NAME,
        "description": "Search the talent roster for a role. Hard constraints (gender, age, height, \
            languages, skills, cities, excluded cities) filter; preferred skills, languages and cities \
            only raise the score. Use canonical lower-case English names (\"mumbai\", \"hindi\", \
            \"kathak\"); old city names are accepted. Who the role is (a type, a look, a \
            background: \"retired army major\", \"girl next door\") goes in `look` phrases or \
            a free-text `description`: they rank talents by what their bios and look tags say, \
            never filter. Returns the best matches with reasons that quote the evidence.",
        "input_schema": schema,
    })
}

/// Reads the requirements from a tool call's input.
pub fn requirements_from_tool_input(input: &Value) -> Result<Requirements, ToolInputError> {
    search_input_from_tool_input(input).map(|s| s.requirements)
}

/// Reads a whole tool call's input: requirements and `k`.
pub fn search_input_from_tool_input(input: &Value) -> Result<SearchInput, ToolInputError> {
    let obj = input
        .as_object()
        .ok_or_else(|| ToolInputError::NotAnObject {
            got: describe(input),
        })?;
    let no_fields = Map::new();
    let props = requirements_schema()
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&no_fields);
    let mut clean = Map::new();
    let mut k = None;
    for (field, value) in obj {
        if field == "k" {
            k = read_k(value)?;
            continue;
        }
        let prop = props
            .get(field)
            .ok_or_else(|| ToolInputError::UnknownField {
                field: field.clone(),
                known: props
                    .keys()
                    .map(String::as_str)
                    .chain(["k"])
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
        clean.insert(field.clone(), read_field(field, prop, value)?);
    }
    // Through text, not `from_value`: one JSON deserializer per type keeps the `.wasm` small,
    // and tool inputs are a few hundred bytes.
    let requirements: Requirements = crate::json::from_text(&Value::Object(clean).to_string())
        .map_err(|e| ToolInputError::Invalid(e.to_string()))?;
    check_order(&requirements)?;
    Ok(SearchInput { requirements, k })
}

fn read_k(value: &Value) -> Result<Option<usize>, ToolInputError> {
    if value.is_null() {
        return Ok(None);
    }
    let n = whole(value).ok_or_else(|| wrong("k", "a whole number", value))?;
    if !(1..=MAX_K).contains(&n) {
        return Err(ToolInputError::OutOfRange {
            path: "k".into(),
            value: n.to_string(),
            min: 1,
            max: MAX_K,
        });
    }
    Ok(Some(n as usize))
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
        if alt.get("const").and_then(Value::as_str).is_some() {
            choices.extend(alt.get("const").and_then(Value::as_str).map(String::from));
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

fn read_field(field: &str, prop: &Value, value: &Value) -> Result<Value, ToolInputError> {
    if value.is_null() {
        return Ok(Value::Null);
    }
    match shape(prop) {
        Shape::Whole => read_whole(field, value),
        Shape::Strings => read_strings(field, value),
        Shape::Choice(choices) => read_choice(field, value, &choices),
        Shape::Text => Ok(value.clone()),
    }
}

fn read_whole(field: &str, value: &Value) -> Result<Value, ToolInputError> {
    let n = whole(value).ok_or_else(|| wrong(field, "a whole number", value))?;
    let (min, max) = if field.starts_with("height") {
        HEIGHTS_CM
    } else {
        AGES
    };
    if !(min..=max).contains(&n) {
        return Err(ToolInputError::OutOfRange {
            path: field.into(),
            value: n.to_string(),
            min,
            max,
        });
    }
    Ok(Value::from(n))
}

/// A whole number, also from 30.0 (models sometimes send floats), never from "30".
fn whole(value: &Value) -> Option<u64> {
    value.as_u64().or_else(|| {
        value
            .as_f64()
            .filter(|f| f.fract() == 0.0 && *f >= 0.0 && *f < 1e9)
            .map(|f| f as u64)
    })
}

fn read_strings(field: &str, value: &Value) -> Result<Value, ToolInputError> {
    let items = value
        .as_array()
        .ok_or_else(|| wrong(field, "a list of names", value))?;
    let canonical = canonicaliser(field);
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let text = item
            .as_str()
            .ok_or_else(|| wrong(&format!("{field}[{i}]"), "a name (string)", item))?;
        let name = canonical(text);
        if name.is_empty() {
            return Err(wrong(&format!("{field}[{i}]"), "a non-empty name", item));
        }
        out.push(Value::String(name));
    }
    Ok(Value::Array(out))
}

/// Canonical names through the shared vocabulary ("Bombay" -> "mumbai").
fn canonicaliser(field: &str) -> fn(&str) -> String {
    if field.contains("language") {
        vocab::canonical_language
    } else if field.contains("cit") {
        vocab::canonical_city
    } else if field.contains("skill") {
        vocab::canonical_skill
    } else {
        vocab::normalise
    }
}

fn read_choice(field: &str, value: &Value, choices: &[String]) -> Result<Value, ToolInputError> {
    let text = value
        .as_str()
        .ok_or_else(|| wrong(field, "one of the listed values", value))?;
    let canonical = Gender::parse(text)
        .map(|g| g.as_str().to_string())
        .unwrap_or_else(|| vocab::normalise(text));
    if choices.contains(&canonical) {
        Ok(Value::String(canonical))
    } else {
        Err(ToolInputError::WrongType {
            path: field.into(),
            expected: "one of the listed values",
            got: format!("{value} (allowed: {})", choices.join(", ")),
        })
    }
}

fn check_order(r: &Requirements) -> Result<(), ToolInputError> {
    if let (Some(low), Some(high)) = (r.age_min, r.age_max) {
        if low > high {
            return Err(ToolInputError::MinAboveMax {
                low_field: "age_min",
                low,
                high_field: "age_max",
                high,
            });
        }
    }
    if let (Some(low), Some(high)) = (r.height_min_cm, r.height_max_cm) {
        if low > high {
            return Err(ToolInputError::MinAboveMax {
                low_field: "height_min_cm",
                low,
                high_field: "height_max_cm",
                high,
            });
        }
    }
    Ok(())
}

fn wrong(path: &str, expected: &'static str, got: &Value) -> ToolInputError {
    ToolInputError::WrongType {
        path: path.to_string(),
        expected,
        got: describe(got),
    }
}

/// A value as the error shows it: JSON, shortened.
fn describe(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(60) {
        Some((cut, _)) => format!("{}...", &text[..cut]),
        None => text,
    }
}
