//! Roster import from CSV and JSON, canonicalising values and reporting bad rows by line and
//! column (CSV) or by element and field (JSON); and export back to CSV.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::RangeInclusive;

use serde_json::{Map, Value};

use super::{Credit, CreditKind, Gender, Talent};
use crate::vocab::{canonical_city, canonical_language, canonical_skill};

/// Strict loads nothing when any row is bad; lenient loads the good rows and reports the bad.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ImportMode {
    #[default]
    Strict,
    Lenient,
}

/// A bad value or row: where it is and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RosterError {
    /// A bad CSV value: `line 14, column age: "twenty" is not a whole number`.
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
}

/// What an import produced: the talents loaded and, in lenient mode, every row refused.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub talents: Vec<Talent>,
    pub errors: Vec<RosterError>,
}

const AGE_RANGE: RangeInclusive<u32> = 0..=120;
const HEIGHT_RANGE: RangeInclusive<u32> = 50..=250;
const YEAR_RANGE: RangeInclusive<u32> = 1900..=2100;
const EXPERIENCE_RANGE: RangeInclusive<u32> = 0..=120;
const DAY_RATE_RANGE: RangeInclusive<u32> = 0..=u32::MAX;

/// The columns a roster file may have, in the order `to_csv` writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    Name,
    Gender,
    Age,
    HeightCm,
    City,
    Languages,
    Skills,
    ExperienceYears,
    Credits,
    Bio,
    DayRateInr,
    Availability,
    Look,
}

impl Column {
    const ALL: [Column; 14] = [
        Column::Id,
        Column::Name,
        Column::Gender,
        Column::Age,
        Column::HeightCm,
        Column::City,
        Column::Languages,
        Column::Skills,
        Column::ExperienceYears,
        Column::Credits,
        Column::Bio,
        Column::DayRateInr,
        Column::Availability,
        Column::Look,
    ];
    const COUNT: usize = Column::ALL.len();

    fn name(self) -> &'static str {
        match self {
            Column::Id => "id",
            Column::Name => "name",
            Column::Gender => "gender",
            Column::Age => "age",
            Column::HeightCm => "height_cm",
            Column::City => "city",
            Column::Languages => "languages",
            Column::Skills => "skills",
            Column::ExperienceYears => "experience_years",
            Column::Credits => "credits",
            Column::Bio => "bio",
            Column::DayRateInr => "day_rate_inr",
            Column::Availability => "availability",
            Column::Look => "look",
        }
    }

    fn from_name(name: &str) -> Option<Column> {
        Column::ALL.into_iter().find(|c| c.name() == name)
    }

    /// Required in a CSV header: the first eight, `id` to `skills`. In JSON the two list
    /// fields may be left out (empty lists).
    fn is_required(self) -> bool {
        (self as usize) <= Column::Skills as usize
    }
}

/// Where a record came from, so every error can point at it.
#[derive(Debug, Clone, Copy)]
enum Place {
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

    /// How a duplicate id points back at the record that had it first.
    fn as_first_user(self) -> String {
        match self {
            Place::Line(line) => format!("on line {line}"),
            Place::Element(index) => format!("by [{index}]"),
        }
    }
}

/// A credit before checking: the three parts, wherever they came from.
struct RawCredit<'a> {
    /// The field path errors name: `credits` in CSV, `credits[2]` in JSON.
    field: Cow<'a, str>,
    kind: Cow<'a, str>,
    title: Cow<'a, str>,
    year: Cow<'a, str>,
}

/// One record's values before checking, the same for CSV rows and JSON elements.
#[derive(Default)]
struct RawRecord<'a> {
    /// Scalar text by `Column` index; list columns stay `None` here.
    scalars: [Option<Cow<'a, str>>; Column::COUNT],
    languages: Vec<Cow<'a, str>>,
    skills: Vec<Cow<'a, str>>,
    look: Vec<Cow<'a, str>>,
    credits: Vec<RawCredit<'a>>,
}

impl<'a> RawRecord<'a> {
    /// The trimmed value of a scalar column, `None` when absent or blank.
    fn text(&self, column: Column) -> Option<&str> {
        let value = self.scalars[column as usize].as_deref()?.trim();
        (!value.is_empty()).then_some(value)
    }
}

/// Collects talents, refusing duplicate ids, and applies the strict / lenient rule.
struct Loader {
    mode: ImportMode,
    first_seen: HashMap<String, Place>,
    imported: Imported,
}

impl Loader {
    fn new(mode: ImportMode) -> Self {
        Loader {
            mode,
            first_seen: HashMap::new(),
            imported: Imported::default(),
        }
    }

    /// Takes one record's outcome; `Err` means stop now (strict mode, first error).
    fn accept(
        &mut self,
        place: Place,
        outcome: Result<Talent, RosterError>,
    ) -> Result<(), RosterError> {
        let outcome = outcome.and_then(|talent| self.claim_id(place, talent));
        match outcome {
            Ok(talent) => self.imported.talents.push(talent),
            Err(error) if self.mode == ImportMode::Lenient => self.imported.errors.push(error),
            Err(error) => return Err(error),
        }
        Ok(())
    }

    fn claim_id(&mut self, place: Place, talent: Talent) -> Result<Talent, RosterError> {
        if let Some(first) = self.first_seen.get(&talent.id) {
            let reason = format!("{:?} is already used {}", talent.id, first.as_first_user());
            return Err(place.field_error(Column::Id.name(), reason));
        }
        self.first_seen.insert(talent.id.clone(), place);
        Ok(talent)
    }

    fn finish(self) -> Imported {
        self.imported
    }
}

// ---------------------------------------------------------------------------------------------
// CSV

/// Reads a roster CSV: a header naming the columns (any order), then one talent a row.
///
/// Lists (`languages`, `skills`, `credits`) are separated by `;`; a credit reads
/// `kind:Title (year)`. Values are canonicalised (Bombay -> mumbai, Female -> female) and list
/// values deduplicated in order. Errors name the 1-based file line (the header is line 1) and the
/// column: `line 14, column age: "twenty" is not a whole number`. A bad header is always an
/// error; a bad row is an error in strict mode and is skipped and reported in lenient mode.
pub fn from_csv(text: &str, mode: ImportMode) -> Result<Imported, RosterError> {
    // A spreadsheet's byte-order mark would otherwise become part of the first column name.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(RosterError::File(
            "the file is empty: expected a header line and rows".into(),
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::new(text);
    let mut records = reader.records();
    let header = match records.next() {
        Some(record) => record.map_err(|error| csv_error(error, &mut lines))?,
        None => {
            return Err(RosterError::File(
                "the file is empty: expected a header line".into(),
            ))
        }
    };
    let columns = read_header(&header, lines.line_of(&header))?;

    let mut loader = Loader::new(mode);
    for record in records {
        // Only input the reader cannot split fails here; nothing after it can be trusted.
        let record = record.map_err(|error| csv_error(error, &mut lines))?;
        let place = Place::Line(lines.line_of(&record));
        let outcome =
            raw_from_csv_row(&record, &columns, place).and_then(|raw| talent_from_raw(&raw, place));
        loader.accept(place, outcome)?;
    }
    Ok(loader.finish())
}

/// File line numbers (1-based) from byte offsets, counted incrementally as records advance.
///
/// csv's own `Position::line` skips newlines inside quoted fields (its fast path copies them
/// uncounted), so a multi-line bio would shift every later line number; byte offsets are exact.
struct LineCounter<'a> {
    text: &'a [u8],
    counted_to: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text: text.as_bytes(),
            counted_to: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if byte > self.counted_to {
            let newlines = self.text[self.counted_to..byte]
                .iter()
                .filter(|&&b| b == b'\n')
                .count();
            self.line += newlines;
            self.counted_to = byte;
        }
        self.line
    }

    /// The line a record starts on. Its position points just past the previous record, before
    /// any blank lines the reader skipped, so those are stepped over first.
    fn line_of(&mut self, record: &csv::StringRecord) -> usize {
        let mut byte = record.position().map_or(0, |p| p.byte() as usize);
        while matches!(self.text.get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        self.line_at(byte)
    }
}

fn csv_error(error: csv::Error, lines: &mut LineCounter<'_>) -> RosterError {
    match error.position() {
        Some(position) => RosterError::Row {
            line: lines.line_at(position.byte() as usize),
            reason: error.to_string(),
        },
        None => RosterError::File(error.to_string()),
    }
}

/// Maps header positions to columns, refusing unknown, repeated and missing column names.
fn read_header(header: &csv::StringRecord, line: usize) -> Result<Vec<Column>, RosterError> {
    let mut columns = Vec::with_capacity(header.len());
    for raw_name in header.iter() {
        let name = raw_name.to_ascii_lowercase();
        // An unknown name is most likely a typo (`hieght_cm`); ignoring it would lose data.
        let column = Column::from_name(&name).ok_or_else(|| RosterError::Field {
            line,
            column: raw_name.to_string(),
            reason: format!("unknown column; known columns are {}", known_columns()),
        })?;
        if columns.contains(&column) {
            return Err(RosterError::Field {
                line,
                column: name,
                reason: "appears twice in the header".into(),
            });
        }
        columns.push(column);
    }
    let missing: Vec<&str> = Column::ALL
        .into_iter()
        .filter(|c| c.is_required() && !columns.contains(c))
        .map(Column::name)
        .collect();
    if !missing.is_empty() {
        return Err(RosterError::Row {
            line,
            reason: format!("missing required column(s): {}", missing.join(", ")),
        });
    }
    Ok(columns)
}

fn known_columns() -> String {
    Column::ALL.map(Column::name).join(", ")
}

fn raw_from_csv_row<'a>(
    record: &'a csv::StringRecord,
    columns: &[Column],
    place: Place,
) -> Result<RawRecord<'a>, RosterError> {
    if record.len() != columns.len() {
        let reason = format!(
            "has {} fields, the header has {}",
            record.len(),
            columns.len()
        );
        return Err(place.record_error(reason));
    }
    let mut raw = RawRecord::default();
    for (&column, value) in columns.iter().zip(record.iter()) {
        match column {
            Column::Languages => raw.languages = split_list(value).map(Cow::Borrowed).collect(),
            Column::Skills => raw.skills = split_list(value).map(Cow::Borrowed).collect(),
            Column::Look => raw.look = split_list(value).map(Cow::Borrowed).collect(),
            Column::Credits => {
                raw.credits = split_list(value)
                    .map(|credit| split_credit_text(credit, place))
                    .collect::<Result<_, _>>()?
            }
            _ => raw.scalars[column as usize] = Some(Cow::Borrowed(value)),
        }
    }
    Ok(raw)
}

/// Non-empty, trimmed items of a `;`-separated list.
fn split_list(value: &str) -> impl Iterator<Item = &str> {
    value
        .split(';')
        .map(str::trim)
        .filter(|item| !item.is_empty())
}

/// Splits `kind:Title (year)` into its parts; the title may itself hold `:` and parentheses.
fn split_credit_text<'a>(text: &'a str, place: Place) -> Result<RawCredit<'a>, RosterError> {
    let malformed = || {
        place.field_error(
            Column::Credits.name(),
            format!("{text:?} is not a credit; expected kind:Title (year)"),
        )
    };
    let (kind, rest) = text.split_once(':').ok_or_else(malformed)?;
    let rest = rest.trim().strip_suffix(')').ok_or_else(malformed)?;
    let (title, year) = rest.rsplit_once('(').ok_or_else(malformed)?;
    Ok(RawCredit {
        field: Cow::Borrowed(Column::Credits.name()),
        kind: Cow::Borrowed(kind.trim()),
        title: Cow::Borrowed(title.trim()),
        year: Cow::Borrowed(year.trim()),
    })
}

/// Writes talents in the full roster CSV format, every column, readable by `from_csv`.
///
/// Lists are joined with `;`, so a value that itself holds `;` cannot round-trip.
pub fn to_csv(talents: &[Talent]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing into a Vec cannot fail, so the results below are infallible in practice.
    let _ = writer.write_record(Column::ALL.map(Column::name));
    for talent in talents {
        let _ = writer.write_record(Column::ALL.map(|column| csv_value(talent, column)));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

fn csv_value(talent: &Talent, column: Column) -> String {
    match column {
        Column::Id => talent.id.clone(),
        Column::Name => talent.name.clone(),
        Column::Gender => talent.gender.as_str().to_string(),
        Column::Age => talent.age.to_string(),
        Column::HeightCm => talent.height_cm.to_string(),
        Column::City => talent.city.clone(),
        Column::Languages => talent.languages.join(";"),
        Column::Skills => talent.skills.join(";"),
        Column::ExperienceYears => talent.experience_years.to_string(),
        Column::Credits => {
            let credits: Vec<String> = talent
                .credits
                .iter()
                .map(|c| format!("{}:{} ({})", c.kind.as_str(), c.title, c.year))
                .collect();
            credits.join(";")
        }
        Column::Bio => talent.bio.clone(),
        Column::DayRateInr => talent
            .day_rate_inr
            .map(|r| r.to_string())
            .unwrap_or_default(),
        Column::Availability => talent.availability.clone().unwrap_or_default(),
        Column::Look => talent.look.join(";"),
    }
}

// ---------------------------------------------------------------------------------------------
// JSON

/// Reads a roster JSON: an array of objects with the CSV's field names.
///
/// Lists are arrays of strings (or one `;`-separated string); credits are objects
/// `{"kind", "title", "year"}` or the CSV's `kind:Title (year)` strings. Numbers may be JSON
/// numbers or strings. Errors name the element and field, `[3].age: "twenty" is not a whole
/// number`; text that is not JSON names the line and column where parsing stopped.
pub fn from_json(text: &str, mode: ImportMode) -> Result<Imported, RosterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(RosterError::File(
            "the file is empty: expected a JSON array of talents".into(),
        ));
    }
    let document = crate::json::parse(text).map_err(|error| RosterError::Syntax {
        line: error.line,
        column: error.column,
        reason: error.message,
    })?;
    let Value::Array(elements) = document else {
        return Err(RosterError::File(
            "expected a JSON array of talent objects".into(),
        ));
    };
    let mut loader = Loader::new(mode);
    for (index, element) in elements.iter().enumerate() {
        let place = Place::Element(index);
        let outcome = raw_from_json(element, place).and_then(|raw| talent_from_raw(&raw, place));
        loader.accept(place, outcome)?;
    }
    Ok(loader.finish())
}

/// One talent from a JSON object with the roster's field names, read and checked exactly as an
/// element of a JSON roster (canonical names, ranges, credits as objects or `kind:Title (year)`).
/// Errors name the element `[0]`. Reads everything `Talent` serialises to, so a talent from
/// `engine.get` can be changed and added back.
pub fn talent_from_json(value: &Value) -> Result<Talent, RosterError> {
    let place = Place::Element(0);
    raw_from_json(value, place).and_then(|raw| talent_from_raw(&raw, place))
}

fn raw_from_json(element: &Value, place: Place) -> Result<RawRecord<'_>, RosterError> {
    let Value::Object(object) = element else {
        return Err(place.record_error("expected an object with the talent's fields"));
    };
    let mut raw = RawRecord::default();
    for (key, value) in object {
        let column = Column::from_name(key).ok_or_else(|| {
            place.field_error(
                key,
                format!("unknown field; known fields are {}", known_columns()),
            )
        })?;
        if value.is_null() {
            continue;
        }
        match column {
            Column::Languages => raw.languages = json_list(value, place, key)?,
            Column::Skills => raw.skills = json_list(value, place, key)?,
            Column::Look => raw.look = json_list(value, place, key)?,
            Column::Credits => raw.credits = json_credits(value, place)?,
            _ => raw.scalars[column as usize] = Some(json_scalar(value, place, key)?),
        }
    }
    Ok(raw)
}

/// The text of a string or number; anything else is refused.
fn json_scalar<'a>(
    value: &'a Value,
    place: Place,
    field: &str,
) -> Result<Cow<'a, str>, RosterError> {
    match value {
        Value::String(text) => Ok(Cow::Borrowed(text)),
        Value::Number(number) => Ok(Cow::Owned(number.to_string())),
        Value::Bool(_) => {
            Err(place.field_error(field, "expected text or a number, found true/false"))
        }
        _ => Err(place.field_error(field, "expected a single value, found a list or object")),
    }
}

/// An array of strings, or one `;`-separated string as in CSV.
fn json_list<'a>(
    value: &'a Value,
    place: Place,
    field: &str,
) -> Result<Vec<Cow<'a, str>>, RosterError> {
    match value {
        Value::String(text) => Ok(split_list(text).map(Cow::Borrowed).collect()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::String(text) => Ok(Cow::Borrowed(text.as_str())),
                _ => Err(place.field_error(&format!("{field}[{i}]"), "expected text")),
            })
            .collect(),
        _ => Err(place.field_error(field, "expected a list of text")),
    }
}

fn json_credits(value: &Value, place: Place) -> Result<Vec<RawCredit<'_>>, RosterError> {
    match value {
        Value::String(text) => split_list(text)
            .map(|credit| split_credit_text(credit, place))
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| json_credit(item, i, place))
            .collect(),
        _ => Err(place.field_error(Column::Credits.name(), "expected a list of credits")),
    }
}

fn json_credit(item: &Value, i: usize, place: Place) -> Result<RawCredit<'_>, RosterError> {
    let field = format!("credits[{i}]");
    match item {
        Value::String(text) => {
            let mut credit = split_credit_text(text, place).map_err(|_| {
                place.field_error(
                    &field,
                    format!("{text:?} is not a credit; expected kind:Title (year)"),
                )
            })?;
            credit.field = Cow::Owned(field);
            Ok(credit)
        }
        Value::Object(object) => {
            let part = |name: &str| credit_part(object, name, &field, place);
            Ok(RawCredit {
                kind: part("kind")?,
                title: part("title")?,
                year: part("year")?,
                field: Cow::Owned(field),
            })
        }
        _ => Err(place.field_error(
            &field,
            "expected a credit object {kind, title, year} or \"kind:Title (year)\"",
        )),
    }
}

fn credit_part<'a>(
    object: &'a Map<String, Value>,
    name: &str,
    field: &str,
    place: Place,
) -> Result<Cow<'a, str>, RosterError> {
    if let Some(unknown) = object
        .keys()
        .find(|k| !matches!(k.as_str(), "kind" | "title" | "year"))
    {
        return Err(place.field_error(
            &format!("{field}.{unknown}"),
            "unknown field; known fields are kind, title, year",
        ));
    }
    match object.get(name) {
        None | Some(Value::Null) => {
            Err(place.field_error(&format!("{field}.{name}"), "a value is required"))
        }
        Some(value) => json_scalar(value, place, &format!("{field}.{name}")),
    }
}

// ---------------------------------------------------------------------------------------------
// Checking and canonicalising, shared by both formats

fn talent_from_raw(raw: &RawRecord<'_>, place: Place) -> Result<Talent, RosterError> {
    let required = |column: Column| {
        raw.text(column)
            .ok_or_else(|| place.field_error(column.name(), "a value is required"))
    };
    let number = |column: Column, range: RangeInclusive<u32>| -> Result<Option<u32>, RosterError> {
        raw.text(column)
            .map(|text| whole_number(text, range, place, column.name()))
            .transpose()
    };

    let id = required(Column::Id)?.to_string();
    let name = required(Column::Name)?.to_string();
    let gender_text = required(Column::Gender)?;
    let gender = Gender::parse(gender_text).ok_or_else(|| {
        place.field_error(
            Column::Gender.name(),
            format!("{gender_text:?} is not a gender; use female, male or nonbinary"),
        )
    })?;
    required(Column::Age)?;
    let age = number(Column::Age, AGE_RANGE)?.unwrap_or_default();
    required(Column::HeightCm)?;
    let height_cm = number(Column::HeightCm, HEIGHT_RANGE)?.unwrap_or_default();
    let city = canonical_city(required(Column::City)?);
    let languages = canonical_list(&raw.languages, canonical_language);
    let skills = canonical_list(&raw.skills, canonical_skill);
    let experience_years = number(Column::ExperienceYears, EXPERIENCE_RANGE)?.unwrap_or(0);
    if experience_years > age {
        let reason = format!("{experience_years} years is more than the age ({age})");
        return Err(place.field_error(Column::ExperienceYears.name(), reason));
    }
    let credits = raw
        .credits
        .iter()
        .map(|credit| check_credit(credit, place))
        .collect::<Result<_, _>>()?;
    Ok(Talent {
        id,
        name,
        gender,
        age,
        height_cm,
        city,
        languages,
        skills,
        experience_years,
        credits,
        bio: raw.text(Column::Bio).unwrap_or_default().to_string(),
        day_rate_inr: number(Column::DayRateInr, DAY_RATE_RANGE)?,
        availability: raw.text(Column::Availability).map(str::to_string),
        look: canonical_list(&raw.look, look_tag),
    })
}

/// A whole number within `range`: `"twenty" is not a whole number`, `130 is not between 0 and 120`.
fn whole_number(
    text: &str,
    range: RangeInclusive<u32>,
    place: Place,
    field: &str,
) -> Result<u32, RosterError> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(place.field_error(field, format!("{text:?} is not a whole number")));
    }
    let out_of_range = || {
        place.field_error(
            field,
            format!(
                "{text} is not between {} and {}",
                range.start(),
                range.end()
            ),
        )
    };
    let value: i64 = text.parse().map_err(|_| out_of_range())?;
    u32::try_from(value)
        .ok()
        .filter(|v| range.contains(v))
        .ok_or_else(out_of_range)
}

fn check_credit(credit: &RawCredit<'_>, place: Place) -> Result<Credit, RosterError> {
    let field = credit.field.as_ref();
    let kind_text = credit.kind.trim();
    let kind = CreditKind::parse(kind_text).ok_or_else(|| {
        place.field_error(
            field,
            format!("{kind_text:?} is not a credit kind; use film, tv, ott, ad or theatre"),
        )
    })?;
    let title = credit.title.trim();
    if title.is_empty() {
        return Err(place.field_error(field, "a credit needs a title"));
    }
    let year = whole_number(credit.year.trim(), YEAR_RANGE, place, field)?;
    // YEAR_RANGE lies within u16, so the conversion cannot fail.
    Ok(Credit {
        kind,
        title: title.to_string(),
        year: u16::try_from(year).unwrap_or_default(),
    })
}

/// A look tag as kept: lower case, single spaces ("Girl  Next Door" -> "girl next door").
fn look_tag(tag: &str) -> String {
    crate::vocab::normalise(tag)
}

/// Canonical names in first-seen order, without repeats or blanks.
fn canonical_list(items: &[Cow<'_, str>], canonical: fn(&str) -> String) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let name = canonical(item);
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "id,name,gender,age,height_cm,city,languages,skills";

    fn strict(text: &str) -> Result<Imported, RosterError> {
        from_csv(text, ImportMode::Strict)
    }

    #[test]
    fn reads_and_canonicalises_a_row() {
        let text = format!(
            "{HEADER}\nT1, Asha Rao ,Female,30,160,Bombay,Hindi;MARATHI;hindi,Kalari;sings\n"
        );
        let talent = &strict(&text).unwrap().talents[0];
        assert_eq!(talent.name, "Asha Rao");
        assert_eq!(talent.gender, Gender::Female);
        assert_eq!(talent.city, "mumbai");
        assert_eq!(talent.languages, ["hindi", "marathi"]);
        assert_eq!(talent.skills, ["kalaripayattu", "singing"]);
    }

    #[test]
    fn columns_may_come_in_any_order_with_a_bom_and_crlf() {
        let text = "\u{feff}city,skills,languages,height_cm,age,gender,name,id\r\nPune,,hindi,170,40,m,Ravi,T9\r\n\r\n";
        let talent = &strict(text).unwrap().talents[0];
        assert_eq!(
            (talent.id.as_str(), talent.age, talent.city.as_str()),
            ("T9", 40, "pune")
        );
    }

    #[test]
    fn look_tags_are_a_list_in_csv_and_json() {
        let text =
            format!("{HEADER},look\nT1,A,f,30,160,pune,,,Girl  Next Door; rugged;girl next door\n");
        let talent = &strict(&text).unwrap().talents[0];
        assert_eq!(talent.look, ["girl next door", "rugged"]);
        let json = r#"[{"id":"T2","name":"B","gender":"m","age":50,"height_cm":170,"city":"Delhi",
            "look":["Ex-Army","salt-and-pepper beard"]}]"#;
        let talent = &from_json(json, ImportMode::Strict).unwrap().talents[0];
        assert_eq!(talent.look, ["ex-army", "salt-and-pepper beard"]);
        let again = from_csv(&to_csv(std::slice::from_ref(talent)), ImportMode::Strict).unwrap();
        assert_eq!(&again.talents[0], talent);
    }

    #[test]
    fn credit_titles_may_hold_colons_and_parentheses() {
        let text = format!(
            "{HEADER},credits\nT1,A,f,30,160,pune,,,film:Mission: Kashmir (Part 2) (2000)\n"
        );
        let credit = &strict(&text).unwrap().talents[0].credits[0];
        assert_eq!(
            (credit.title.as_str(), credit.year),
            ("Mission: Kashmir (Part 2)", 2000)
        );
    }

    #[test]
    fn whole_numbers_are_checked_for_form_and_range() {
        let p = Place::Line(3);
        assert_eq!(whole_number("42", 0..=120, p, "age"), Ok(42));
        let message = |t: &str| whole_number(t, 0..=120, p, "age").unwrap_err().to_string();
        assert_eq!(
            message("twenty"),
            r#"line 3, column age: "twenty" is not a whole number"#
        );
        assert_eq!(
            message("30.5"),
            r#"line 3, column age: "30.5" is not a whole number"#
        );
        assert_eq!(
            message("-1"),
            "line 3, column age: -1 is not between 0 and 120"
        );
        assert_eq!(
            message("99999999999999999999"),
            "line 3, column age: 99999999999999999999 is not between 0 and 120"
        );
    }

    #[test]
    fn json_syntax_errors_name_line_and_column() {
        let error = from_json("[\n  {\"id\": }\n]", ImportMode::Strict).unwrap_err();
        assert!(
            matches!(error, RosterError::Syntax { line: 2, .. }),
            "{error}"
        );
        assert!(error.to_string().starts_with("line 2, column"), "{error}");
    }
}
