//! The WebAssembly facade: JS values in, JS values out, errors as `JsError`. It converts and
//! delegates to the core; it holds no logic.

mod bench;
mod brief;
mod dashboard;
mod engine;
mod memory;

use serde::{de::DeserializeOwned, Serialize};
use wasm_bindgen::prelude::*;

pub use engine::Engine;

/// Installs the panic hook so that a bug, should one slip through, reads as a message in the
/// console rather than `unreachable`.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// Milliseconds since the epoch: the facade is where time enters; the core only receives it.
pub(crate) fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// A JS value as a Rust value, or an error naming what was expected and where it failed.
pub(crate) fn from_js<T: DeserializeOwned>(value: JsValue, what: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|e| JsError::new(&format!("{what}: {e}")))
}

/// A Rust value as plain JS objects and arrays (maps become objects, sets arrays).
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}
