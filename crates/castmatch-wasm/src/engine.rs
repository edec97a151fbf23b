//! `Engine`: the roster and its indexes as one JS class: build, import, search, snapshot.
//! Other files in this module add the conversation and memory methods to the same class.
//! Engines rank by meaning with the module's loaded model (`loadModel`), when there is one.

use wasm_bindgen::prelude::*;

use super::{from_js, model, to_js, value_from_js};
use castmatch_core::assistant::Assistant;
use castmatch_core::catalog::Catalog;
use castmatch_core::requirements::Requirements;
use castmatch_core::roster::{self, ImportMode, RosterError, Talent};
use castmatch_index::HnswParams;

/// The casting engine: a roster, its index, the conversation and the director's memory.
#[wasm_bindgen]
pub struct Engine {
    pub(super) assistant: Assistant,
    pub(super) import_errors: Vec<String>,
}

impl Engine {
    fn with_catalog(catalog: Catalog, import_errors: Vec<String>) -> Engine {
        Engine {
            assistant: Assistant::new(catalog),
            import_errors,
        }
    }

    fn index(talents: Vec<Talent>, progress: Option<js_sys::Function>) -> Result<Engine, JsError> {
        let catalog = Catalog::build_with_model(
            talents,
            HnswParams::default(),
            model::current(),
            &mut report_to(progress),
        )?;
        Ok(Engine::with_catalog(catalog, Vec::new()))
    }

    fn imported(
        imported: roster::Imported,
        progress: Option<js_sys::Function>,
    ) -> Result<Engine, JsError> {
        let mut engine = Engine::index(imported.talents, progress)?;
        engine.import_errors = imported.errors.iter().map(RosterError::to_string).collect();
        Ok(engine)
    }
}

/// Calls `progress(done, total)` from the index build, at most about a hundred times.
fn report_to(progress: Option<js_sys::Function>) -> impl FnMut(usize, usize) {
    let mut last_percent = usize::MAX;
    move |done, total| {
        let percent = done * 100 / total.max(1);
        if let (Some(f), true) = (&progress, percent != last_percent) {
            last_percent = percent;
            let _ = f.call2(
                &JsValue::NULL,
                &(done as f64).into(),
                &(total as f64).into(),
            );
        }
    }
}

fn mode(lenient: Option<bool>) -> ImportMode {
    if lenient.unwrap_or(false) {
        ImportMode::Lenient
    } else {
        ImportMode::Strict
    }
}

#[wasm_bindgen]
impl Engine {
    /// A roster from CSV text (`progress(done, total)` is called while indexing and embedding).
    /// Strict by default: the first bad row is thrown as
    /// `line 14, column age: ...`. With `lenient`, good rows load and `importErrors` lists the bad.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        text: &str,
        lenient: Option<bool>,
        progress: Option<js_sys::Function>,
    ) -> Result<Engine, JsError> {
        Engine::imported(roster::from_csv(text, mode(lenient))?, progress)
    }

    /// A roster from a JSON array of talents; errors and `lenient` as for `fromCsv`.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        text: &str,
        lenient: Option<bool>,
        progress: Option<js_sys::Function>,
    ) -> Result<Engine, JsError> {
        Engine::imported(roster::from_json(text, mode(lenient))?, progress)
    }

    /// An engine from `snapshot()` bytes; damaged or future-version bytes throw. The loaded
    /// model is attached: profiles embedded with it are kept, others are embedded again.
    pub fn restore(bytes: &[u8]) -> Result<Engine, JsError> {
        let mut catalog = Catalog::from_bytes(bytes)?;
        catalog.set_model(model::current(), &mut |_, _| {})?;
        Ok(Engine::with_catalog(catalog, Vec::new()))
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

    /// The rows a lenient import refused, each naming its line and column.
    #[wasm_bindgen(getter, js_name = importErrors)]
    pub fn import_errors(&self) -> Vec<String> {
        self.import_errors.clone()
    }

    /// Adds a talent, read and checked as a JSON roster's element is (canonical names, ranges);
    /// a bad value or an id already on the roster throws.
    pub fn add(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "TalentInput")] talent: JsValue,
    ) -> Result<(), JsError> {
        let talent = roster::talent_from_json(&value_from_js(talent, "talent")?);
        Ok(self.assistant.catalog.add(talent.map_err(talent_error)?)?)
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
    #[wasm_bindgen(unchecked_return_type = "Match[]")]
    pub fn search(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RequirementsInput")] requirements: JsValue,
        k: u32,
    ) -> Result<JsValue, JsError> {
        let r: Requirements = from_js(requirements, "requirements")?;
        to_js(&self.assistant.search(&r, k as usize))
    }

    /// How many talents meet every hard constraint of `requirements`.
    #[wasm_bindgen(js_name = countMatching)]
    pub fn count_matching(
        &self,
        #[wasm_bindgen(unchecked_param_type = "RequirementsInput")] requirements: JsValue,
    ) -> Result<u32, JsError> {
        let r: Requirements = from_js(requirements, "requirements")?;
        Ok(self.assistant.catalog.count_matching(&r) as u32)
    }
}

/// A roster error about the one talent `add` reads, named `talent.age` where the importer,
/// which reads arrays, names the element `[0].age`.
fn talent_error(error: RosterError) -> JsError {
    let message = match error {
        RosterError::Element { field, reason, .. } => format!("talent.{field}: {reason}"),
        RosterError::Item { reason, .. } => format!("talent: {reason}"),
        other => format!("talent: {other}"),
    };
    JsError::new(&message)
}
