//! The `synthetic` module of pkg-web: a seeded synthetic roster as CSV text, which
//! `Engine.fromCsv` loads. Its own module, so the chat page's module does not carry the
//! generator's name and phrase tables.

use wasm_bindgen::prelude::*;

use castmatch_core::roster;

/// `n` synthetic talents for `seed`, the same on every platform, as roster CSV.
#[wasm_bindgen(js_name = syntheticRoster)]
pub fn synthetic_roster(n: u32, seed: u32) -> String {
    roster::to_csv(&roster::synthetic(n as usize, u64::from(seed)))
}
