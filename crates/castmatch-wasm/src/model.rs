//! The chat module's way to the text model: the model itself lives in the `text` module (its
//! own wasm, beside this one), and the package's `init()` hands this module a function that
//! reads a text there. Engines made or restored afterwards rank by meaning.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use castmatch_core::profile::TextModel;
use castmatch_text::ArchetypeSet;

thread_local! {
    static MODEL: RefCell<Option<Rc<dyn TextModel>>> = const { RefCell::new(None) };
}

/// The model engines use, if one was given.
pub(crate) fn current() -> Option<Rc<dyn TextModel>> {
    MODEL.with(|m| m.borrow().clone())
}

/// Gives engines made or restored from now on a text model (in the `text` module): its checksum
/// (a u32), its dimension, and `read(text)`, which answers with the text's reading as `readText`
/// bytes. The package's `init()` does this; no `read` removes the model.
#[wasm_bindgen(js_name = useTextModel)]
pub fn use_text_model(checksum: u32, dim: u32, read: Option<js_sys::Function>) {
    let model = read.map(|read| {
        Rc::new(JsTextModel {
            checksum,
            dim: dim as usize,
            read,
        }) as Rc<dyn TextModel>
    });
    MODEL.with(|m| *m.borrow_mut() = model);
}

/// The checksum (a u32) of the model engines use, or `undefined` when there is none.
#[wasm_bindgen(js_name = modelChecksum)]
pub fn model_checksum() -> Option<u32> {
    current().map(|m| m.checksum())
}

/// A model in the `text` module, read through JavaScript.
struct JsTextModel {
    checksum: u32,
    dim: usize,
    read: js_sys::Function,
}

impl TextModel for JsTextModel {
    fn checksum(&self) -> u32 {
        self.checksum
    }
    fn dim(&self) -> usize {
        self.dim
    }
    fn read(&self, text: &str, out: &mut [f32]) -> (bool, ArchetypeSet) {
        // A reader that throws reads as "no vector": this text ranks by fields alone, as a text
        // the model knows no word of does. The reader is our own `text` module.
        let reading = self
            .read
            .call1(&JsValue::NULL, &JsValue::from_str(text))
            .ok()
            .map(|v| js_sys::Uint8Array::new(&v).to_vec())
            .unwrap_or_default();
        decode_reading(&reading, out)
    }
}

/// Decodes `textReading` bytes (see the `text` module): a flag byte, the archetypes (u64 LE),
/// then the vector (f32 LE). Anything malformed reads as "no vector, no archetypes".
fn decode_reading(bytes: &[u8], out: &mut [f32]) -> (bool, ArchetypeSet) {
    if bytes.len() != 9 + 4 * out.len() {
        return (false, 0);
    }
    let mut archetypes = [0u8; 8];
    archetypes.copy_from_slice(&bytes[1..9]);
    for (value, raw) in out.iter_mut().zip(bytes[9..].chunks_exact(4)) {
        *value = f32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]);
    }
    (bytes[0] == 1, u64::from_le_bytes(archetypes))
}
