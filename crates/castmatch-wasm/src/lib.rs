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
#[cfg(any(feature = "casting", feature = "roster"))]
mod model;
#[cfg(feature = "roster")]
mod roster;
#[cfg(feature = "text")]
mod text;

use wasm_bindgen::prelude::*;

#[cfg(feature = "dashboard")]
pub use dashboard::Dashboard;
#[cfg(feature = "casting")]
pub use engine::{Engine, EngineLoader};
#[cfg(any(feature = "casting", feature = "roster"))]
pub use model::{model_checksum, use_text_model};
#[cfg(feature = "roster")]
pub use roster::{read_memory_export, write_memory_export, Roster};
#[cfg(feature = "text")]
pub use text::{load_model, model_dim, read_text};

// The TypeScript declarations of the values each module exchanges, generated from the core's
// JSON schemas by `tests/typescript.rs` (which keeps them current). The roster module takes
// talents (`Roster.add`) in the same types.
#[cfg(any(feature = "casting", feature = "roster"))]
#[wasm_bindgen(typescript_custom_section)]
const CASTING_TYPES: &str = include_str!("types/casting.d.ts");
#[cfg(feature = "dashboard")]
#[wasm_bindgen(typescript_custom_section)]
const DASHBOARD_TYPES: &str = include_str!("types/dashboard.d.ts");

// The word lists (vocabulary, the brief parser's words, the requirements' schema) are text in
// a JS module beside
// the `.wasm` (`js/words.js`, kept equal to the core's files by `tests/words.rs`), so the chat
// module's size budget pays for code only; wasm-bindgen imports it with the glue.
#[cfg(all(any(feature = "casting", feature = "roster"), target_arch = "wasm32"))]
#[wasm_bindgen(module = "/js/words.js")]
extern "C" {
    fn vocab() -> String;
    fn lexicon() -> String;
    fn schema() -> String;
}

/// Hands the word lists to the core, once: every constructor of `Engine` and `Roster` calls it
/// (a test runner need not run `start`), and `start` does.
#[cfg(any(feature = "casting", feature = "roster"))]
pub(crate) fn words() {
    #[cfg(target_arch = "wasm32")]
    {
        static PROVIDED: std::sync::Once = std::sync::Once::new();
        PROVIDED.call_once(|| castmatch_core::words::provide(vocab(), lexicon(), schema()));
    }
}

/// Installs the panic hook so that a bug, should one slip through, reads as a message in the
/// console rather than `unreachable`; hands the word lists to the core.
#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    #[cfg(any(feature = "casting", feature = "roster"))]
    words();
}

/// Milliseconds since the epoch: the facade is where time enters; the core only receives it.
#[cfg(feature = "casting")]
pub(crate) fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// Today in the browser's time zone: the day ages from a date of birth are counted to.
#[cfg(feature = "roster")]
pub(crate) fn today() -> Result<castmatch_core::Date, JsError> {
    let now = js_sys::Date::new_0();
    castmatch_core::Date::from_ymd(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .ok_or_else(|| JsError::new("this device's date is outside 1900-2100"))
}

/// A requirement set from JS, read the one checked way (any case, synonyms, the roster's own
/// terms); an unknown name or an inverted range throws, naming the field.
#[cfg(feature = "casting")]
pub(crate) fn requirements_from_js(
    value: JsValue,
    vocabulary: &castmatch_core::vocab::Vocabulary,
) -> Result<castmatch_core::Requirements, JsError> {
    let value = value_from_js(value, "requirements")?;
    castmatch_core::Requirements::from_json(&value, vocabulary)
        .map_err(|e| JsError::new(&e.at("requirements")))
}

/// A JS value as an untyped JSON value.
#[cfg(any(feature = "casting", feature = "roster"))]
pub(crate) fn value_from_js(value: JsValue, what: &str) -> Result<serde_json::Value, JsError> {
    castmatch_core::json::parse(&js_text(value, what)?)
        .map_err(|e| JsError::new(&format!("{what}: {}", e.message)))
}

/// `JSON.stringify(value)`, or an error for values JSON cannot hold.
#[cfg(any(feature = "casting", feature = "roster", feature = "dashboard"))]
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
