//! `Engine`: the roster and its index as one JS class: restore and search. A roster is built,
//! edited and written by `Roster` (the `castmatch/roster` module, in the page's worker) and
//! restored here, so the page's module carries no talent reader and no snapshot writer.
//! Other files in this module add the conversation and memory methods to the same class.
//! Engines rank by meaning with the module's loaded model (`loadModel`), when there is one.

use wasm_bindgen::prelude::*;

use super::{model, requirements_from_js, to_js, words};
use castmatch_core::assistant::Assistant;
use castmatch_core::catalog::{Catalog, Restorer};

/// The casting engine: a roster, its index, the conversation and the director's memory.
#[wasm_bindgen]
pub struct Engine {
    pub(super) assistant: Assistant,
}

#[wasm_bindgen]
impl Engine {
    /// An engine from `snapshot()` bytes; damaged or future-version bytes throw. The loaded
    /// model is attached: profiles embedded with it are kept; profiles embedded with another
    /// model are not embedded again here (seconds on the page's thread for a large roster):
    /// the engine ranks by fields (`semantic` is false) until the roster module's
    /// `Roster.restore(bytes).snapshot()`, in a worker, embeds them with the loaded model.
    ///
    /// Reads the snapshot format this build writes; an older one throws (the roster module's
    /// `Roster.restore(bytes).snapshot()` writes it again). To restore a download as it
    /// arrives, without holding the whole file, use `EngineLoader`.
    pub fn restore(bytes: &[u8]) -> Result<Engine, JsError> {
        let mut loader = EngineLoader::new();
        loader.push(bytes)?;
        loader.finish()
    }

    fn of(mut catalog: Catalog) -> Engine {
        catalog.attach_model(model::current());
        Engine {
            assistant: Assistant::new(catalog),
        }
    }

    /// Whether this engine ranks by meaning (a model is loaded and the profiles are embedded).
    #[wasm_bindgen(getter)]
    pub fn semantic(&self) -> bool {
        self.assistant.catalog.semantic().is_some()
    }

    /// Live talents on the roster.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> u32 {
        self.assistant.catalog.len() as u32
    }

    /// The talent with this id, or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Talent | undefined")]
    pub fn get(&self, id: &str) -> Result<JsValue, JsError> {
        self.assistant
            .catalog
            .get(id)
            .map_or(Ok(JsValue::UNDEFINED), to_js)
    }

    /// The best `k` talents for `requirements`, each with score and reasons, memory applied.
    /// Names may be written any way the vocabulary knows ("Bombay", "F"); an unknown name or an
    /// inverted range throws an error naming the field.
    #[wasm_bindgen(unchecked_return_type = "Match[]")]
    pub fn search(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RequirementsInput")] requirements: JsValue,
        k: u32,
    ) -> Result<JsValue, JsError> {
        let r = requirements_from_js(requirements, self.assistant.catalog.vocabulary())?;
        to_js(&self.assistant.search(&r, k as usize))
    }

    /// How many talents meet every hard constraint of `requirements`.
    #[wasm_bindgen(js_name = countMatching)]
    pub fn count_matching(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RequirementsInput")] requirements: JsValue,
    ) -> Result<u32, JsError> {
        let r = requirements_from_js(requirements, self.assistant.catalog.vocabulary())?;
        Ok(self.assistant.catalog.count_matching(&r) as u32)
    }
}

/// An `Engine` restored from a snapshot fed in pieces as they arrive (a download's chunks, a
/// file read a few MB at a time): each part is taken in when whole, so the whole file is never
/// copied into the module's memory, which never shrinks (at a million talents, 312 MB).
#[wasm_bindgen]
pub struct EngineLoader {
    restorer: Restorer,
}

#[wasm_bindgen]
impl EngineLoader {
    #[wasm_bindgen(constructor)]
    pub fn new() -> EngineLoader {
        words();
        EngineLoader {
            restorer: Restorer::new(),
        }
    }

    /// Takes in the next piece; damaged bytes throw, naming where, and so does every piece
    /// after them.
    pub fn push(&mut self, piece: &[u8]) -> Result<(), JsError> {
        Ok(self.restorer.push(piece)?)
    }

    /// Bytes taken in so far.
    #[wasm_bindgen(getter)]
    pub fn received(&self) -> f64 {
        self.restorer.received() as f64
    }

    /// The engine, once every piece is in; a snapshot cut short throws, naming where it ends.
    /// The loader is used up.
    pub fn finish(self) -> Result<Engine, JsError> {
        Ok(Engine::of(self.restorer.finish()?))
    }
}

impl Default for EngineLoader {
    fn default() -> Self {
        EngineLoader::new()
    }
}
