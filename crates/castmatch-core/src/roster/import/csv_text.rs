//! Reading a roster from delimited text as spreadsheets save and paste it: comma, semicolon
//! (European Excel) or tab (pasted cells), a byte-order mark, an Excel `sep=` line, title rows
//! above the header, blank rows and trailing empty columns.

use std::borrow::Cow;

use super::header::{self, Field, Placement, Plan};
use super::record::{self, Cell, Context, RawRecord};
use super::values;
use super::{ImportMode, Imported, Loader, Place, RosterError};
use crate::date::Date;

/// How many rows may sit above the header (a sheet's title, a date, a blank line).
const HEADER_SEARCH_ROWS: usize = 10;
/// A row is taken for the header when it names at least this many fields.
const HEADER_FIELDS: usize = 3;

/// Reads a roster CSV (or TSV): a header naming the columns in any order and any common
/// wording, then one talent a row.
///
/// Lists (`languages`, `skills`) are separated by any of `; | / ,` (a comma inside a quoted
/// cell); credits by `;` or `|`, each `kind:Title (year)`. Values are canonicalised (Bombay ->
/// mumbai, Female -> female, 5'10" -> 178 cm). `today` is the day ages are counted to from a
/// date of birth. Errors name the 1-based file line (the header's line is its own) and the
/// column as the file names it: `line 14, column Age: "twenty" is not a whole number`. A file
/// without a usable header is always an error; bad rows are all named at once, refusing the
/// file in strict mode and skipped in lenient mode.
pub fn from_csv(text: &str, mode: ImportMode, today: Date) -> Result<Imported, RosterError> {
    // A spreadsheet's byte-order mark would otherwise become part of the first column name.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(RosterError::File(
            "the file is empty: expected a header line and rows".into(),
        ));
    }
    let (delimiter, body_at) = delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(&text.as_bytes()[body_at..]);
    let mut lines = LineCounter::new(text, body_at);

    // The header is the first row naming enough fields; rows above it are a sheet's title. If
    // no row among the first few does, the first row is the header (and says what is missing).
    let mut above = Vec::new();
    let found = loop {
        let mut record = csv::StringRecord::new();
        if !reader
            .read_record(&mut record)
            .map_err(|error| csv_error(error, &mut lines))?
        {
            break None;
        }
        let plan = header::plan(&record.iter().collect::<Vec<_>>());
        if plan.recognised >= HEADER_FIELDS {
            break Some((record, plan));
        }
        above.push((record, plan));
        if above.len() == HEADER_SEARCH_ROWS {
            break None;
        }
    };
    let (header, mut plan, pending) = match found {
        Some((header, plan)) => (header, plan, Vec::new()),
        None if above.is_empty() => {
            return Err(RosterError::File(
                "the file is empty: expected a header line".into(),
            ))
        }
        None => {
            let mut rows = above.into_iter().map(|(record, _)| record);
            let header = rows.next().unwrap_or_default(); // `above` is not empty (arm above)
            let plan = header::plan(&header.iter().collect::<Vec<_>>());
            (header, plan, rows.collect())
        }
    };
    let header_line = lines.line_of(&header);
    if !plan.missing.is_empty() {
        return Err(RosterError::Row {
            line: header_line,
            reason: format!("missing required column(s): {}", plan.missing.join(", ")),
        });
    }
    if header_line > 1 {
        plan.notices.push(format!(
            "the header is on line {header_line}: the lines above it were skipped"
        ));
    }

    let headers: Vec<&str> = header.iter().collect();
    let id_column = column_of(&plan, &headers, Field::Id).unwrap_or("id");
    let context = Context {
        today,
        generate_ids: !plan.has(Field::Id),
    };
    // Lines bound the rows from above (a quoted cell may span several).
    let lines_below = text.as_bytes()[body_at..]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    let mut loader = Loader::new(mode, context, id_column, lines_below);
    loader.notices = std::mem::take(&mut plan.notices);
    let required = required_columns(&plan);
    let mut pending = pending.into_iter();
    // One record, refilled row after row: 100k rows need not allocate 100k records.
    let mut record = csv::StringRecord::new();
    loop {
        match pending.next() {
            Some(row) => record = row,
            // Only input the reader cannot split fails here; nothing after it can be trusted.
            None => {
                let more = reader.read_record(&mut record);
                if !more.map_err(|error| csv_error(error, &mut lines))? {
                    break;
                }
            }
        }
        if record.iter().all(str::is_empty) {
            continue; // a spreadsheet's empty row: ",,,,"
        }
        let place = Place::Line(lines.line_of(&record));
        match row_shape(&record, &plan, &required) {
            Ok(()) => loader.accept(place, &mut raw_from_row(&record, &plan, &headers)),
            Err(reason) => loader.refuse(place.record_error(reason)),
        }
    }
    loader.finish(&plan.unnamed)
}

fn column_of<'h>(plan: &Plan, headers: &[&'h str], field: Field) -> Option<&'h str> {
    plan.columns
        .iter()
        .zip(headers)
        .find(|(c, _)| matches!(c, Placement::Field(f, _) if *f == field))
        .map(|(_, h)| *h)
}

/// Column positions holding a required field: a short row must still reach them.
fn required_columns(plan: &Plan) -> Vec<usize> {
    use Field::*;
    plan.columns
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            matches!(
                c,
                Placement::Field(
                    Id | Name | FirstName | Gender | Age | DateOfBirth | Height | City,
                    _
                )
            )
        })
        .map(|(i, _)| i)
        .collect()
}

/// A row may lack trailing optional cells (spreadsheets drop them) or have trailing empty ones;
/// more or fewer cells than that means the row's cells do not line up with the header.
fn row_shape(record: &csv::StringRecord, plan: &Plan, required: &[usize]) -> Result<(), String> {
    let (have, want) = (record.len(), plan.columns.len());
    let misaligned = if have > want {
        record.iter().skip(want).any(|cell| !cell.is_empty())
    } else {
        required.iter().any(|&i| i >= have)
    };
    if misaligned {
        return Err(format!("has {have} fields, the header has {want}"));
    }
    Ok(())
}

fn raw_from_row<'a>(
    record: &'a csv::StringRecord,
    plan: &'a Plan,
    headers: &[&'a str],
) -> RawRecord<'a> {
    let mut raw = RawRecord::default();
    let columns = plan.columns.iter().zip(&plan.keys).zip(headers);
    for (((placement, key), &column), value) in columns.zip(record.iter()) {
        // An empty cell still names its column, for "a value is required".
        if value.is_empty() && !matches!(placement, Placement::Field(f, _) if !f.is_list()) {
            continue;
        }
        match *placement {
            Placement::Field(Field::Languages, _) => raw
                .languages
                .extend(values::list_items(value, true).map(Cow::Borrowed)),
            Placement::Field(Field::Skills, _) => raw
                .skills
                .extend(values::list_items(value, false).map(Cow::Borrowed)),
            Placement::Field(Field::Look, _) => raw
                .look
                .extend(values::list_items(value, false).map(Cow::Borrowed)),
            Placement::Field(Field::Credits, _) => {
                for item in values::credit_items(value) {
                    match values::credit(item) {
                        Ok(credit) => raw.credits.push(credit),
                        Err(_) => raw.keep(
                            key,
                            Cow::Borrowed(item),
                            "not a credit as kind:Title (year)",
                        ),
                    }
                }
            }
            // Kept here rather than when checking, so extras keep the file's column order.
            Placement::Field(Field::PhotoUrl | Field::ShowreelUrl, _)
                if !values::is_blank(value) && values::web_address(value).is_none() =>
            {
                raw.keep(key, Cow::Borrowed(value), record::NOT_A_LINK)
            }
            Placement::Field(field, unit) => {
                raw.cells[field as usize] = Some(Cell {
                    text: Cow::Borrowed(value),
                    column,
                    key,
                    unit,
                })
            }
            Placement::Extra => raw.extra.push((Cow::Borrowed(key), Cow::Borrowed(value))),
            Placement::Skipped => {}
        }
    }
    raw
}

/// The delimiter, and where the rows start: an Excel `sep=;` line names it; else whichever of
/// tab, `;` and `,` appears most often outside quotes on the first lines (ties in that order).
fn delimiter(text: &str) -> (u8, usize) {
    let first_line = text.lines().next().unwrap_or_default(); // empty text: no `sep=` line
    if let Some(sep) = first_line.trim().strip_prefix("sep=") {
        if let [byte] = sep.as_bytes() {
            let start = text.find('\n').map_or(text.len(), |at| at + 1);
            return (*byte, start);
        }
    }
    let count = |d: u8| -> usize {
        text.lines()
            .take(HEADER_SEARCH_ROWS)
            .map(|line| count_outside_quotes(line, d))
            .sum()
    };
    let mut best = (0, b',');
    for d in [b'\t', b';', b','] {
        let n = count(d);
        if n > best.0 {
            best = (n, d);
        }
    }
    (best.1, 0)
}

fn count_outside_quotes(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    line.bytes()
        .filter(|&b| {
            if b == b'"' {
                quoted = !quoted;
            }
            b == delimiter && !quoted
        })
        .count()
}

/// File line numbers (1-based) from byte offsets, counted incrementally as records advance.
///
/// csv's own `Position::line` skips newlines inside quoted fields (its fast path copies them
/// uncounted), so a multi-line bio would shift every later line number; byte offsets are exact.
struct LineCounter<'a> {
    text: &'a [u8],
    /// Where the reader's input starts in `text` (after a `sep=` line): its offsets count from here.
    offset: usize,
    counted_to: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str, offset: usize) -> Self {
        LineCounter {
            text: text.as_bytes(),
            offset,
            counted_to: 0,
            line: 1,
        }
    }

    /// The line of a byte offset of the reader's input.
    fn line_at(&mut self, byte: usize) -> usize {
        let byte = (byte + self.offset).min(self.text.len());
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
        while matches!(self.text.get(byte + self.offset), Some(b'\r' | b'\n')) {
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
