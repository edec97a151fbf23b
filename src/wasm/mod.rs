//! The WebAssembly facade: JS values in, JS values out, errors as `JsError`. It converts and
//! delegates to the core; it holds no logic. Cargo features choose which classes a build exports.

#[cfg(feature = "casting")]
mod brief;
#[cfg(feature = "dashboard")]
mod dashboard;
#[cfg(feature = "casting")]
mod engine;
#[cfg(feature = "casting")]
mod memory;
#[cfg(feature = "vector-index")]
mod vector_index;

use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

#[cfg(feature = "dashboard")]
pub use dashboard::Dashboard;
#[cfg(feature = "casting")]
pub use engine::Engine;

/// Installs the panic hook so that a bug, should one slip through, reads as a message in the
/// console rather than `unreachable`.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Milliseconds since the epoch: the facade is where time enters; the core only receives it.
#[cfg(feature = "casting")]
pub(crate) fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// A JS value as a Rust value, or an error naming what was expected and the path where it
/// failed (`requirements.age_min: invalid type ...`). Values cross as JSON text: the engine
/// already carries serde_json for files, and one deserializer per type keeps the `.wasm` small.
pub(crate) fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    let text = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| JsError::new(&format!("{what}: expected a JSON value, got {value:?}")))?;
    let mut json = serde_json::Deserializer::from_str(&text);
    serde_path_to_error::deserialize(&mut json).map_err(|e| {
        let path = e.path().to_string();
        let at = if path == "." {
            what.to_string()
        } else {
            format!("{what}.{path}")
        };
        JsError::new(&format!("{at}: {}", without_position(e.into_inner())))
    })
}

/// serde_json's message without "at line 1 column 9": a position in text the caller never saw.
fn without_position(error: serde_json::Error) -> String {
    let message = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    message
        .strip_suffix(&position)
        .unwrap_or(&message)
        .to_string()
}

/// A Rust value as plain JS objects and arrays (maps become objects, sets arrays).
#[cfg(any(feature = "casting", feature = "dashboard"))]
pub(crate) fn to_js<T: serde::Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("a result did not convert to JSON"))
}
