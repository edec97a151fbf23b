//! The `text` module of pkg-web: the sentence-embedding model (its file reader, tokenizer,
//! pooling and archetype lexicon), loaded once from the file served beside the package. The
//! chat module asks it for a text's reading through `readText`.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use castmatch_text::StaticModel;

thread_local! {
    static MODEL: RefCell<Option<StaticModel>> = const { RefCell::new(None) };
}

/// Loads a model file (`models/castmatch-static-v1-d128-*.cmse`) and returns its checksum (8 hex
/// digits). A damaged or future-version file throws and the loaded model stays as it was.
#[wasm_bindgen(js_name = loadModel)]
pub fn load_model(bytes: &[u8]) -> Result<String, JsError> {
    let model = StaticModel::from_bytes(bytes).map_err(|e| JsError::new(&e.to_string()))?;
    let checksum = format!("{:08x}", model.checksum());
    MODEL.with(|m| *m.borrow_mut() = Some(model));
    Ok(checksum)
}

/// The dimension of the loaded model's vectors (0 when none is loaded).
#[wasm_bindgen(js_name = modelDim)]
pub fn model_dim() -> u32 {
    MODEL.with(|m| m.borrow().as_ref().map_or(0, |m| m.dim() as u32))
}

/// A text's reading, as bytes the chat module decodes: 1 if the text has a vector (else 0), the
/// archetypes it names (u64, little endian), then its unit vector (`modelDim()` f32, little
/// endian). Empty when no model is loaded.
#[wasm_bindgen(js_name = readText)]
pub fn read_text(text: &str) -> Vec<u8> {
    MODEL.with(|m| {
        let model = m.borrow();
        let Some(model) = model.as_ref() else {
            return Vec::new();
        };
        let mut vector = vec![0.0; model.dim()];
        let mut ids = Vec::new();
        let has_vector = model.embed_into(text, &mut vector, &mut ids);
        let archetypes = model.archetypes().find(&ids, model.tokenizer());
        let mut out = Vec::with_capacity(9 + 4 * vector.len());
        out.push(u8::from(has_vector));
        out.extend_from_slice(&archetypes.to_le_bytes());
        vector
            .iter()
            .for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
        out
    })
}
