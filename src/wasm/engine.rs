//! `Engine`: the roster, its index and the conversation, as one JS class.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Engine {}
