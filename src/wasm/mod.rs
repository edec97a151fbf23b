//! The WebAssembly facade: JS values in, JS values out, errors as `JsError`. It converts and
//! delegates to the core; it holds no logic.

mod brief;
mod dashboard;
mod engine;
mod memory;

pub use engine::Engine;
