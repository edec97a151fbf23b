//! `Engine`: the roster and its index as one JS class: restore, search, edit, snapshot. A roster
//! is built by `Roster` (the `castmatch/roster` module, in the page's worker) and restored here.
//! Other files in this module add the conversation and memory methods to the same class.
//! Engines rank by meaning with the module's loaded model (`loadModel`), when there is one.

use wasm_bindgen::prelude::*;

use super::{model, requirements_from_js, to_js, value_from_js, words};
use castmatch_core::assistant::Assistant;
use castmatch_core::catalog::Catalog;
use castmatch_core::roster::{self, Gender, RosterError, Talent};

/// The casting engine: a roster, its index, the conversation and the director's memory.
#[wasm_bindgen]
pub struct Engine {
    pub(super) assistant: Assistant,
}

#[wasm_bindgen]
impl Engine {
    /// An engine from `snapshot()` bytes; damaged or future-version bytes throw. The loaded
    /// model is attached: profiles embedded with it are kept, others are embedded again.
    pub fn restore(bytes: &[u8]) -> Result<Engine, JsError> {
        words();
        let mut catalog = Catalog::from_bytes(bytes)?;
        catalog.set_model(model::current(), &mut |_, _| {})?;
        Ok(Engine {
            assistant: Assistant::new(catalog),
        })
    }

    /// Whether this engine ranks by meaning (a model is loaded and the profiles are embedded).
    #[wasm_bindgen(getter)]
    pub fn semantic(&self) -> bool {
        self.assistant.catalog.semantic().is_some()
    }

    /// The roster and index as versioned, checksummed bytes.
    pub fn snapshot(&self) -> Vec<u8> {
        self.assistant.catalog.to_bytes()
    }

    /// Live talents on the roster.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> u32 {
        self.assistant.catalog.len() as u32
    }

    /// Adds a talent: typed as `TalentInput` (numbers as numbers, dates as YYYY-MM-DD), gender
    /// and names as a roster writes them ("F", "Bombay"), checked and canonicalised as an import
    /// is. A bad value (`talent.age: ...`) or an id already on the roster throws.
    pub fn add(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "TalentInput")] talent: JsValue,
    ) -> Result<(), JsError> {
        let mut value = value_from_js(talent, "talent")?;
        if let Some(gender) = value.get("gender").and_then(|g| g.as_str()) {
            if let Some(gender) = Gender::parse(gender) {
                value["gender"] = gender.as_str().into();
            }
        }
        let talent: Talent = castmatch_core::json::from_text(&value.to_string()).map_err(|e| {
            match e.path.as_str() {
                "." => JsError::new(&format!("talent: {}", e.message)),
                path => JsError::new(&format!("talent.{path}: {}", e.message)),
            }
        })?;
        let talent = roster::checked_talent(talent).map_err(talent_error)?;
        Ok(self.assistant.catalog.add(talent)?)
    }

    /// Removes a talent by id; an unknown id throws.
    pub fn remove(&mut self, id: &str) -> Result<(), JsError> {
        self.assistant.catalog.remove(id)?;
        Ok(())
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

/// A roster error about the one talent `add` reads, named `talent.age` where the importer,
/// which reads arrays, names the element `[0].age`.
fn talent_error(error: RosterError) -> JsError {
    let lines: Vec<String> = error
        .each()
        .iter()
        .map(|problem| match problem {
            RosterError::Element { field, reason, .. } => format!("talent.{field}: {reason}"),
            RosterError::Item { reason, .. } => format!("talent: {reason}"),
            other => format!("talent: {other}"),
        })
        .collect();
    JsError::new(&lines.join("\n"))
}
