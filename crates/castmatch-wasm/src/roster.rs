//! `Roster`: a roster built off the page, in the chat's worker: a spreadsheet's CSV or JSON
//! imported, or the synthetic roster generated, then indexed; or a snapshot restored to add and
//! remove talents. The page restores an `Engine` from its snapshot, so the chat module carries
//! neither the importers, the generator, the talent reader nor the snapshot writer.

use wasm_bindgen::prelude::*;

use super::{model, today, value_from_js, words};
use castmatch_core::catalog::Catalog;
use castmatch_core::roster::{self, Gender, ImportMode, RosterError, Talent};
use castmatch_index::HnswParams;

/// An indexed roster: its snapshot for `Engine.restore`, and what the import had to say.
#[wasm_bindgen]
pub struct Roster {
    catalog: Catalog,
    import_errors: Vec<String>,
    import_notices: Vec<String>,
}

impl Roster {
    fn index(talents: Vec<Talent>, progress: Option<js_sys::Function>) -> Result<Roster, JsError> {
        let catalog = Catalog::build_with_model(
            talents,
            HnswParams::default(),
            model::current(),
            &mut report_to(progress),
        )?;
        Ok(Roster {
            catalog,
            import_errors: Vec::new(),
            import_notices: Vec::new(),
        })
    }

    fn imported(
        imported: roster::Imported,
        progress: Option<js_sys::Function>,
    ) -> Result<Roster, JsError> {
        let mut built = Roster::index(imported.talents, progress)?;
        built.import_errors = imported.errors.iter().map(RosterError::to_string).collect();
        built.import_notices = imported.notices;
        Ok(built)
    }
}

/// Calls `progress(done, total)` from the index build, at most about a hundred times.
fn report_to(progress: Option<js_sys::Function>) -> impl FnMut(usize, usize) {
    let mut last_percent = usize::MAX;
    move |done, total| {
        let percent = done * 100 / total.max(1);
        if let (Some(f), true) = (&progress, percent != last_percent) {
            last_percent = percent;
            // Progress is advisory: a callback that throws must not stop the build.
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
impl Roster {
    /// A seeded synthetic roster of `n` talents; `progress(done, total)` is called while indexing.
    pub fn synthetic(
        n: u32,
        seed: u32,
        progress: Option<js_sys::Function>,
    ) -> Result<Roster, JsError> {
        words();
        Roster::index(roster::synthetic(n as usize, seed as u64), progress)
    }

    /// A roster from CSV or TSV text as spreadsheets export it (the README's roster template
    /// lists the columns; other wordings, `;` or tab, and extra columns are understood). Strict
    /// by default: a file with problems throws naming every one, a line each (`line 14, column
    /// Age: ...`). With `lenient`, good rows load and `importErrors` lists the problems of the
    /// rows skipped. `importNotices` says how the columns were read. Ages from dates of birth
    /// count to today on this device.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        text: &str,
        lenient: Option<bool>,
        progress: Option<js_sys::Function>,
    ) -> Result<Roster, JsError> {
        words();
        Roster::imported(roster::from_csv(text, mode(lenient), today()?)?, progress)
    }

    /// A roster from a JSON array of talents; errors and `lenient` as for `fromCsv`.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        text: &str,
        lenient: Option<bool>,
        progress: Option<js_sys::Function>,
    ) -> Result<Roster, JsError> {
        words();
        Roster::imported(roster::from_json(text, mode(lenient), today()?)?, progress)
    }

    /// A roster from snapshot bytes, to edit (`add`, `remove`) and write again; damaged bytes
    /// throw. The loaded model is attached: profiles embedded with it are kept.
    pub fn restore(bytes: &[u8]) -> Result<Roster, JsError> {
        words();
        let mut catalog = Catalog::from_bytes(bytes)?;
        catalog.set_model(model::current(), &mut |_, _| {})?;
        Ok(Roster {
            catalog,
            import_errors: Vec::new(),
            import_notices: Vec::new(),
        })
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
        Ok(self.catalog.add(talent)?)
    }

    /// Removes a talent by id; an unknown id throws.
    pub fn remove(&mut self, id: &str) -> Result<(), JsError> {
        self.catalog.remove(id)?;
        Ok(())
    }

    /// The roster and its index as versioned, checksummed bytes, for `Engine.restore`.
    pub fn snapshot(&self) -> Vec<u8> {
        self.catalog.to_bytes()
    }

    /// Talents on the roster.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> u32 {
        self.catalog.len() as u32
    }

    /// The problems of the rows a lenient import skipped, each naming its line and column.
    #[wasm_bindgen(getter, js_name = importErrors)]
    pub fn import_errors(&self) -> Vec<String> {
        self.import_errors.clone()
    }

    /// How the import read the file: columns renamed, kept as extras or skipped, ids made.
    #[wasm_bindgen(getter, js_name = importNotices)]
    pub fn import_notices(&self) -> Vec<String> {
        self.import_notices.clone()
    }
}

/// One director's memory as the JSON file a director downloads, from `Engine.memorySnapshot()`
/// bytes (the current director when `director` is omitted). Written here, in the page's worker,
/// beside its reader: the page's module carries neither.
#[wasm_bindgen(js_name = writeMemoryExport)]
pub fn write_memory_export(bytes: &[u8], director: Option<String>) -> Result<String, JsError> {
    let session = castmatch_core::memory::Session::from_snapshot(bytes)?;
    let json = session.export_director(director.as_deref())?;
    // Indented for the person who opens the file.
    js_sys::JSON::parse(&json)
        .and_then(|value| {
            js_sys::JSON::stringify_with_replacer_and_space(&value, &JsValue::NULL, &2.into())
        })
        .ok()
        .and_then(|text| text.as_string())
        .ok_or_else(|| JsError::new("the memory did not convert to JSON"))
}

/// Reads a `writeMemoryExport` file and checks it in full; returns the bytes
/// `Engine.importMemory` takes. A bad file throws, naming what is wrong.
#[wasm_bindgen(js_name = readMemoryExport)]
pub fn read_memory_export(json: &str) -> Result<Vec<u8>, JsError> {
    castmatch_core::memory::director_snapshot(json).map_err(|e| JsError::new(&e.to_string()))
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
