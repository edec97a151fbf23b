//! Typed JSON reading that names where the first error is: the JSON path (`age_min`) and the
//! line and column. Every JSON entry point goes through it, so each type has one deserializer
//! in the `.wasm`.

use serde::de::DeserializeOwned;

/// Why JSON text did not read as the wanted type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// JSON path of the value that failed (`roles.lead.brief.age_min`), `.` for the whole text.
    pub path: String,
    /// What serde found there, without the position.
    pub message: String,
    /// 1-based line and column where reading stopped.
    pub line: usize,
    pub column: usize,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path != "." {
            write!(f, "{}: ", self.path)?;
        }
        let (message, line, column) = (&self.message, self.line, self.column);
        write!(f, "{message} at line {line} column {column}")
    }
}

impl std::error::Error for JsonError {}

/// Reads `text` as a `T`.
pub fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, JsonError> {
    let mut json = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut json).map_err(|e| {
        let path = e.path().to_string();
        error_at(path, e.into_inner())
    })?;
    json.end().map_err(|e| error_at(".".into(), e))?;
    Ok(value)
}

/// Reads `text` as an untyped `Value`. Not through `from_text`: a `Value` takes any JSON, so only
/// the syntax can fail and there is no path to track; tracking would add a second `Value`
/// deserializer to the `.wasm`.
pub fn parse(text: &str) -> Result<serde_json::Value, JsonError> {
    serde_json::from_str(text).map_err(|e| error_at(".".into(), e))
}

fn error_at(path: String, error: serde_json::Error) -> JsonError {
    let message = error.to_string();
    // serde_json appends " at line L column C" to its message; the position has fields here.
    let position = format!(" at line {} column {}", error.line(), error.column());
    JsonError {
        path,
        message: message
            .strip_suffix(&position)
            .unwrap_or(&message)
            .to_string(),
        line: error.line(),
        column: error.column(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Requirements;

    #[test]
    fn errors_name_the_path_and_the_position() {
        let err = from_text::<Requirements>("{\n  \"age_min\": \"thirty\"}").unwrap_err();
        assert_eq!(err.path, "age_min");
        assert_eq!(err.message, "invalid type: string \"thirty\", expected u32");
        assert_eq!((err.line, err.column), (2, 21));
        assert_eq!(
            err.to_string(),
            "age_min: invalid type: string \"thirty\", expected u32 at line 2 column 21"
        );
        let err = from_text::<Vec<u32>>("[1, 2, -3]").unwrap_err();
        assert_eq!(err.path, "[2]");
    }

    #[test]
    fn broken_and_trailing_text_is_refused() {
        let err = from_text::<u32>("7 8").unwrap_err();
        assert_eq!(err.path, ".");
        assert_eq!(err.to_string(), "trailing characters at line 1 column 3");
        let err = from_text::<Vec<u32>>("[1,").unwrap_err();
        assert_eq!(err.message, "EOF while parsing a value");
        assert_eq!(from_text::<u32>(" 7 \n"), Ok(7));
        let err = parse("{\"a\": [1,\n}").unwrap_err();
        assert_eq!((err.path.as_str(), err.line, err.column), (".", 2, 1));
        assert_eq!(err.message, "expected value");
    }
}
