//! The text model of the `castmatch` module: loaded once from the bytes the page fetched (the
//! package's `init()` does it), then used by every `Engine` this module makes or restores.

use std::cell::RefCell;
use std::sync::Arc;

use wasm_bindgen::prelude::*;

use castmatch_text::StaticModel;

thread_local! {
    static MODEL: RefCell<Option<Arc<StaticModel>>> = const { RefCell::new(None) };
}

/// The loaded model, if any.
pub(crate) fn current() -> Option<Arc<StaticModel>> {
    MODEL.with(|m| m.borrow().clone())
}

/// Loads a sentence-embedding model file (`models/castmatch-static-v1-d128-*.cmse`, beside the
/// package); engines made or restored afterwards rank by meaning too. Returns the model's
/// checksum. A damaged or future-version file throws and leaves the loaded model as it was.
#[wasm_bindgen(js_name = loadModel)]
pub fn load_model(bytes: &[u8]) -> Result<String, JsError> {
    let model = StaticModel::from_bytes(bytes).map_err(|e| JsError::new(&e.to_string()))?;
    let checksum = format!("{:08x}", model.checksum());
    MODEL.with(|m| *m.borrow_mut() = Some(Arc::new(model)));
    Ok(checksum)
}

/// The checksum of the loaded model, or `undefined` when none is loaded.
#[wasm_bindgen(js_name = modelChecksum)]
pub fn model_checksum() -> Option<String> {
    current().map(|m| format!("{:08x}", m.checksum()))
}
