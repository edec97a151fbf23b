//! Roster import from CSV (as agencies export it: any header wording, `,` `;` or tab, a BOM,
//! title rows, extra columns) and JSON, reporting every problem of a file at once by line and
//! column (CSV) or element and field (JSON); and export back to CSV.
//!
//! Strict mode refuses a file with any problem, naming them all; lenient mode loads the good
//! rows and lists the others. Columns CastMatch has no field for are kept on each talent as
//! `extra` and said in a notice, never an error.

mod csv_text;
mod header;
mod json_text;
mod record;
mod typed;
mod values;

use std::collections::HashMap;

use crate::date::Date;
use crate::roster::Talent;
use header::Field;
use record::{Context, Kept};

pub use csv_text::from_csv;
pub use json_text::{from_json, talent_from_json};
pub use typed::checked_talent;

/// Strict loads nothing when any row is bad; lenient loads the good rows and reports the bad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImportMode {
    #[default]
    Strict,
    Lenient,
}

/// A problem with a roster: where it is and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RosterError {
    /// A bad CSV value: `line 14, column Age: "twenty" is not a whole number`. The column is
    /// named as the file's header names it.
    #[error("line {line}, column {column}: {reason}")]
    Field {
        line: usize,
        column: String,
        reason: String,
    },
    /// A bad CSV row as a whole: `line 7: has 10 fields, the header has 11`.
    #[error("line {line}: {reason}")]
    Row { line: usize, reason: String },
    /// A bad JSON value, named by its path: `[3].age: "twenty" is not a whole number`.
    #[error("[{index}].{field}: {reason}")]
    Element {
        index: usize,
        field: String,
        reason: String,
    },
    /// A JSON array element that is bad as a whole: `[3]: expected an object`.
    #[error("[{index}]: {reason}")]
    Item { index: usize, reason: String },
    /// Text that is not JSON at all, where the parser stopped.
    #[error("line {line}, column {column}: {reason}")]
    Syntax {
        line: usize,
        column: usize,
        reason: String,
    },
    /// The file as a whole: empty, or not the expected shape.
    #[error("{0}")]
    File(String),
    /// Every problem a strict import found, in file order, one a line.
    #[error("{} problems:\n{}", .0.len(), listed(.0))]
    Problems(Vec<RosterError>),
}

impl RosterError {
    /// The single problems: this one, or each of `Problems`.
    pub fn each(&self) -> &[RosterError] {
        match self {
            RosterError::Problems(all) => all,
            one => std::slice::from_ref(one),
        }
    }
}

/// Problems one a line; past a hundred, how many more (a page cannot show 100k lines).
fn listed(problems: &[RosterError]) -> String {
    const SHOWN: usize = 100;
    let mut lines: Vec<String> = problems.iter().take(SHOWN).map(|p| p.to_string()).collect();
    if problems.len() > SHOWN {
        lines.push(format!("... and {} more", problems.len() - SHOWN));
    }
    lines.join("\n")
}

/// What an import produced: the talents loaded, in lenient mode every problem of the rows it
/// refused, and notices about how the file was read (columns renamed, kept, skipped).
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub talents: Vec<Talent>,
    pub errors: Vec<RosterError>,
    pub notices: Vec<String>,
}

/// Where a record came from, so every error can point at it.
#[derive(Debug, Clone, Copy)]
pub(super) enum Place {
    Line(usize),
    Element(usize),
}

impl Place {
    fn field_error(self, field: &str, reason: impl Into<String>) -> RosterError {
        let (field, reason) = (field.to_string(), reason.into());
        match self {
            Place::Line(line) => RosterError::Field {
                line,
                column: field,
                reason,
            },
            Place::Element(index) => RosterError::Element {
                index,
                field,
                reason,
            },
        }
    }

    fn record_error(self, reason: impl Into<String>) -> RosterError {
        match self {
            Place::Line(line) => RosterError::Row {
                line,
                reason: reason.into(),
            },
            Place::Element(index) => RosterError::Item {
                index,
                reason: reason.into(),
            },
        }
    }

    fn described(self) -> String {
        match self {
            Place::Line(line) => format!("line {line}"),
            Place::Element(index) => format!("[{index}]"),
        }
    }
}

/// Collects talents: refuses duplicate ids, makes ids from names where the file has none,
/// gathers every problem and what was kept as text, then applies strict or lenient.
struct Loader {
    mode: ImportMode,
    context: Context,
    id_column: String,
    first_seen: HashMap<String, Place>,
    talents: Vec<Talent>,
    problems: Vec<RosterError>,
    kept: Vec<(Kept, Vec<Place>)>,
    notices: Vec<String>,
}

impl Loader {
    /// A loader for about `rows` records: reserving them up front spares 100k talents of
    /// regrowing and copying.
    fn new(mode: ImportMode, context: Context, id_column: &str, rows: usize) -> Self {
        Loader {
            mode,
            context,
            id_column: id_column.to_string(),
            first_seen: HashMap::with_capacity(rows),
            talents: Vec::with_capacity(rows),
            problems: Vec::new(),
            kept: Vec::new(),
            notices: Vec::new(),
        }
    }

    fn accept(&mut self, place: Place, raw: &mut record::RawRecord<'_>) {
        match record::talent(raw, place, self.context) {
            Ok((talent, kept)) => self.admit(place, talent, kept),
            Err(problems) => self.problems.extend(problems),
        }
    }

    fn refuse(&mut self, problem: RosterError) {
        self.problems.push(problem);
    }

    fn admit(&mut self, place: Place, mut talent: Talent, kept: Vec<Kept>) {
        if self.context.generate_ids {
            talent.id = self.free_id(values::slug(&talent.name));
        } else if let Some(first) = self.first_seen.get(&talent.id) {
            let reason = format!(
                "{:?} is already used {}",
                talent.id,
                match first {
                    Place::Line(line) => format!("on line {line}"),
                    Place::Element(index) => format!("by [{index}]"),
                }
            );
            self.problems
                .push(place.field_error(&self.id_column, reason));
            return;
        }
        self.first_seen.insert(talent.id.clone(), place);
        for k in kept {
            match self.kept.iter_mut().find(|(seen, _)| *seen == k) {
                Some((_, places)) => places.push(place),
                None => self.kept.push((k, vec![place])),
            }
        }
        self.talents.push(talent);
    }

    /// `base`, or `base-2`, `base-3` ... whichever is free.
    fn free_id(&self, base: String) -> String {
        if !self.first_seen.contains_key(&base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !self.first_seen.contains_key(id))
            .unwrap_or(base)
    }

    fn finish(mut self, unnamed: &[String]) -> Result<Imported, RosterError> {
        if self.mode == ImportMode::Strict && !self.problems.is_empty() {
            return Err(match self.problems.len() {
                1 => self.problems.remove(0),
                _ => RosterError::Problems(self.problems),
            });
        }
        if self.context.generate_ids {
            if let Some(example) = self.talents.first() {
                self.notices.push(format!(
                    "no id column: ids were made from the names (\"{}\"); an id column keeps \
                     shortlists attached when a name is corrected",
                    example.id
                ));
            }
        }
        for (kept, places) in &self.kept {
            let shown: Vec<String> = places.iter().take(5).map(|p| p.described()).collect();
            let more = if places.len() > 5 { ", ..." } else { "" };
            self.notices.push(format!(
                "column {:?}: {} {} {} ({}{more}): kept as text on the card",
                kept.column,
                places.len(),
                if places.len() == 1 {
                    "value is"
                } else {
                    "values are"
                },
                kept.why,
                shown.join(", "),
            ));
        }
        let used = unnamed
            .iter()
            .filter(|key| self.talents.iter().any(|t| t.extra(key).is_some()));
        for key in used {
            self.notices.push(format!(
                "{key} has no header: its values are kept as \"{key}\" on each talent"
            ));
        }
        Ok(Imported {
            talents: self.talents,
            errors: self.problems,
            notices: self.notices,
        })
    }
}

/// Writes talents as a roster CSV with every column `from_csv` reads back to the same talents,
/// then each extra column.
///
/// Lists are joined with `;`, so a value that itself holds a list separator cannot round-trip
/// (canonical names never do).
pub fn to_csv(talents: &[Talent]) -> String {
    let extra_keys = extra_columns(talents);
    // An extra kept from a second "DOB" column would be read back as the date of birth, which
    // no column holds; an empty column of that field first keeps it the second, so an extra.
    let placeholders: Vec<Field> = Field::PLACEHOLDERS
        .into_iter()
        .filter(|&f| extra_keys.iter().any(|k| header::field_of(k) == Some(f)))
        .collect();
    let fields: Vec<Field> = Field::EXPORTED.into_iter().chain(placeholders).collect();
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing into a Vec cannot fail, and the fields are strings, so the output is UTF-8: the
    // results below (the `let _` and the defaults) are infallible in practice.
    let header = fields.iter().map(|f| f.name());
    let _ = writer.write_record(header.chain(extra_keys.iter().copied()));
    for talent in talents {
        let known = fields.iter().map(|&f| csv_value(talent, f));
        let extra = extra_keys
            .iter()
            .map(|k| talent.extra(k).unwrap_or_default().to_string()); // not set: empty cell
        let _ = writer.write_record(known.chain(extra));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The extra columns in an order every talent's own order agrees with (one file's talents share
/// its column order): each talent's consecutive extras are an edge, and the columns are sorted
/// along them, first seen first where they do not say.
fn extra_columns(talents: &[Talent]) -> Vec<&str> {
    let mut keys: Vec<&str> = Vec::new();
    let mut edges: Vec<(usize, usize)> = Vec::new();
    for talent in talents {
        let mut previous = None;
        for extra in &talent.extra {
            let at = keys
                .iter()
                .position(|k| *k == extra.column)
                .unwrap_or_else(|| {
                    keys.push(&extra.column);
                    keys.len() - 1
                });
            if let Some(before) = previous {
                if !edges.contains(&(before, at)) {
                    edges.push((before, at));
                }
            }
            previous = Some(at);
        }
    }
    let mut placed = vec![false; keys.len()];
    let mut order = Vec::with_capacity(keys.len());
    while order.len() < keys.len() {
        let waiting = |k: usize| edges.iter().any(|&(a, b)| b == k && !placed[a]);
        let free = |k: &usize| !placed[*k];
        // The first column nothing unplaced must precede; a contradiction (JSON talents may
        // disagree) places the first unplaced column.
        let next = (0..keys.len())
            .filter(free)
            .find(|&k| !waiting(k))
            .or_else(|| (0..keys.len()).find(free))
            .unwrap_or_default(); // a column is still free while `order` is short
        placed[next] = true;
        order.push(keys[next]);
    }
    order
}

fn csv_value(talent: &Talent, field: Field) -> String {
    // A value the talent does not have is an empty cell, as the importer reads one.
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    let date = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let text = |t: &Option<String>| t.clone().unwrap_or_default();
    match field {
        Field::Id => talent.id.clone(),
        Field::Name => talent.name.clone(),
        Field::Gender => talent.gender.as_str().to_string(),
        Field::Age => talent.age.to_string(),
        Field::Height => talent.height_cm.to_string(),
        Field::City => talent.city.clone(),
        Field::Languages => talent.languages.join(";"),
        Field::Skills => talent.skills.join(";"),
        Field::Look => talent.look.join(";"),
        Field::Experience => talent.experience_years.to_string(),
        Field::Credits => {
            let credits: Vec<String> = talent
                .credits
                .iter()
                .map(|c| format!("{}:{} ({})", c.kind.as_str(), c.title, c.year))
                .collect();
            credits.join(";")
        }
        Field::Bio => talent.bio.clone(),
        Field::DayRate => number(talent.day_rate_inr),
        Field::Availability => text(&talent.availability),
        Field::AvailableFrom => date(talent.available_from),
        Field::AvailableTo => date(talent.available_to),
        Field::PlayingAgeMin => number(talent.playing_age_min),
        Field::PlayingAgeMax => number(talent.playing_age_max),
        Field::PhotoUrl => text(&talent.photo_url),
        Field::ShowreelUrl => text(&talent.showreel_url),
        Field::Phone => text(&talent.phone),
        Field::Email => text(&talent.email),
        Field::Agent => text(&talent.agent),
        Field::Instagram => text(&talent.instagram),
        Field::FirstName | Field::LastName | Field::DateOfBirth | Field::PlayingAge => {
            String::new()
        }
    }
}
