//! The Claude `search_talent` tool: its input schema generated from `Requirements` (one source
//! of truth) and the reading of the input Claude sends back, through the one checked way into
//! `Requirements`, with errors that name the field.

use serde_json::Value;

pub use crate::requirements::input::{requirements_schema, RequirementsError as ToolInputError};
#[cfg(not(target_arch = "wasm32"))]
pub use crate::requirements::input::{requirements_schema_from_model, REQUIREMENTS_SCHEMA};
use crate::requirements::input::{whole, wrong};
use crate::requirements::Requirements;
use crate::vocab::Vocabulary;

/// Name of the tool Claude calls.
pub const TOOL_NAME: &str = "search_talent";
/// Largest number of results the tool may ask for.
pub const MAX_K: u64 = 50;

/// A tool call's input: the requirements and how many results Claude wants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchInput {
    pub requirements: Requirements,
    pub k: Option<usize>,
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

/// Reads the requirements from a tool call's input, with the built-in vocabulary.
pub fn requirements_from_tool_input(input: &Value) -> Result<Requirements, ToolInputError> {
    search_input_from_tool_input(input, Vocabulary::builtin()).map(|s| s.requirements)
}

/// Reads a whole tool call's input: requirements and `k`; names the loaded roster adds are
/// known through `vocabulary`.
pub fn search_input_from_tool_input(
    input: &Value,
    vocabulary: &Vocabulary,
) -> Result<SearchInput, ToolInputError> {
    let obj = input
        .as_object()
        .ok_or_else(|| ToolInputError::NotAnObject {
            got: crate::requirements::input::describe(input),
        })?;
    let k = obj.get("k").map(read_k).transpose()?.flatten();
    let requirements = Requirements::from_fields(obj, "k", vocabulary)?;
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
