//! Export and import of one director's memory as JSON, so it can move between machines or be
//! read by a person; an import is checked in full before it replaces anything. The JSON can be
//! read on one side (`director_snapshot`, in the pages' roster worker) and the result taken in
//! on the other as snapshot bytes, so the chat module carries no JSON reader for memory.

use serde::{Deserialize, Serialize};

use super::{Director, MemoryError, Session, Workbook};

const FORMAT: &str = "castmatch-director-memory";
/// Version 2 adds candidates (notes, tags, details) and auditions; version 1 files still import.
const VERSION: u32 = 2;

/// The exported document: a format tag and version around the director's memory.
#[derive(Serialize, Deserialize)]
struct Exported {
    format: String,
    version: u32,
    director: Director,
    /// Candidates and auditions, from version 2 on.
    #[serde(default)]
    workbook: Workbook,
}

impl Session {
    /// One director's memory (the current one when `name` is `None`) as compact JSON. Callers
    /// that show it to people indent it (the page does, with `JSON.stringify`): a second,
    /// indenting serializer for every memory type would cost the `.wasm` 10 KB.
    pub fn export_director(&self, name: Option<&str>) -> Result<String, MemoryError> {
        let name = name.unwrap_or(&self.cursor.director);
        let director = self
            .memory
            .directors
            .get(name)
            .ok_or_else(|| MemoryError::UnknownDirector(name.into()))?;
        let doc = Exported {
            format: FORMAT.into(),
            version: VERSION,
            director: director.clone(),
            workbook: self.workbook_of(name).cloned().unwrap_or_default(),
        };
        serde_json::to_string(&doc).map_err(|e| MemoryError::Json(e.to_string()))
    }

    /// Reads an exported director and replaces (or adds) that director's memory. Returns the
    /// director's name. On any error nothing changes.
    pub fn import_director(&mut self, json: &str) -> Result<String, MemoryError> {
        let bad = |reason: String| MemoryError::Json(reason);
        let doc: Exported = serde_json::from_str(json).map_err(|e| bad(e.to_string()))?;
        if doc.format != FORMAT {
            return Err(bad(format!("format {:?}, expected {FORMAT:?}", doc.format)));
        }
        if !(1..=VERSION).contains(&doc.version) {
            return Err(bad(format!(
                "version {}, this build reads versions 1 to {VERSION}",
                doc.version
            )));
        }
        let name = doc.director.name.clone();
        if name.trim().is_empty() {
            return Err(bad("the director has no name".into()));
        }
        doc.director.validate(&name).map_err(bad)?;
        doc.workbook.validate(&doc.director).map_err(bad)?;
        self.replace_director(doc.director, doc.workbook);
        Ok(name)
    }
}

/// An exported director read and checked in full (as `import_director` reads it), as
/// `snapshot()` bytes of a session that holds only that director, for
/// `Session::import_director_snapshot`.
pub fn director_snapshot(json: &str) -> Result<Vec<u8>, MemoryError> {
    let mut session = Session::new();
    session.import_director(json)?;
    Ok(session.snapshot())
}

impl Session {
    /// Adds (or replaces) the one director of `director_snapshot()` bytes; returns the name.
    /// Damaged bytes or a snapshot of more or fewer directors change nothing.
    pub fn import_director_snapshot(&mut self, bytes: &[u8]) -> Result<String, MemoryError> {
        let mut imported = Session::from_snapshot(bytes)?;
        let mut directors = imported.memory.directors.into_values();
        let (Some(director), None) = (directors.next(), directors.next()) else {
            let reason = "the snapshot does not hold exactly one director".to_string();
            return Err(MemoryError::Json(reason));
        };
        let name = director.name.clone();
        let workbook = imported.workbooks.pop().unwrap_or_default();
        self.replace_director(director, workbook);
        Ok(name)
    }

    /// Puts a director's memory and workbook in place of any of the same name.
    fn replace_director(&mut self, director: Director, workbook: Workbook) {
        let name = director.name.clone();
        self.workbooks.retain(|w| w.director != name);
        if !workbook.is_empty() {
            let director = name.clone();
            self.workbooks.push(Workbook {
                director,
                ..workbook
            });
        }
        self.memory.directors.insert(name, director);
        self.changed();
    }
}
