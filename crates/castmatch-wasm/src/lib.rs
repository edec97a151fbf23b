//! The WebAssembly binding, the only crate with wasm-bindgen: JS values in, JS values out, errors
//! as `JsError`. It converts and delegates; it holds no logic. Features choose the module built.

#[cfg(feature = "casting")]
mod brief;
#[cfg(feature = "dashboard")]
mod dashboard;
#[cfg(feature = "casting")]
mod engine;
#[cfg(feature = "casting")]
mod memory;
#[cfg(feature = "casting")]
mod model;
#[cfg(feature = "synthetic")]
mod synthetic;
#[cfg(feature = "text")]
mod text;

#[cfg(feature = "casting")]
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

#[cfg(feature = "dashboard")]
pub use dashboard::Dashboard;
#[cfg(feature = "casting")]
pub use engine::Engine;
#[cfg(feature = "casting")]
pub use model::{model_checksum, use_text_model};
#[cfg(feature = "synthetic")]
pub use synthetic::synthetic_roster;
#[cfg(feature = "text")]
pub use text::{load_model, model_dim, read_text};

// The TypeScript declarations of the values each module exchanges, generated from the core's
// JSON schemas by `tests/typescript.rs` (which keeps them current).
#[cfg(feature = "casting")]
#[wasm_bindgen(typescript_custom_section)]
const CASTING_TYPES: &str = include_str!("types/casting.d.ts");
#[cfg(feature = "dashboard")]
#[wasm_bindgen(typescript_custom_section)]
const DASHBOARD_TYPES: &str = include_str!("types/dashboard.d.ts");

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
/// failed (`requirements.age_min: invalid type ...`). Values cross as JSON text, read by the
/// core's one JSON reader (`castmatch_core::json`).
#[cfg(feature = "casting")]
pub(crate) fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    // The line and column are left out: they point into text the caller never saw.
    castmatch_core::json::from_text(&js_text(value, what)?).map_err(|e| match e.path.as_str() {
        "." => JsError::new(&format!("{what}: {}", e.message)),
        path => JsError::new(&format!("{what}.{path}: {}", e.message)),
    })
}

/// A JS value as an untyped JSON value.
#[cfg(feature = "casting")]
pub(crate) fn value_from_js(value: JsValue, what: &str) -> Result<serde_json::Value, JsError> {
    castmatch_core::json::parse(&js_text(value, what)?)
        .map_err(|e| JsError::new(&format!("{what}: {}", e.message)))
}

/// `JSON.stringify(value)`, or an error for values JSON cannot hold.
#[cfg(any(feature = "casting", feature = "dashboard"))]
pub(crate) fn js_text(value: JsValue, what: &str) -> Result<String, JsError> {
    js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| JsError::new(&format!("{what}: expected a JSON value, got {value:?}")))
}

/// A Rust value as plain JS objects and arrays (maps become objects, sets arrays).
#[cfg(any(feature = "casting", feature = "dashboard"))]
pub(crate) fn to_js<T: serde::Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    let text = serde_json::to_string(value).map_err(|e| JsError::new(&e.to_string()))?;
    js_sys::JSON::parse(&text).map_err(|_| JsError::new("a result did not convert to JSON"))
}
