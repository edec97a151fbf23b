//! Reading a roster from JSON: an array of objects with the field names `Talent` serialises
//! to (an API format, so names are exact and an unknown one is an error), checked as CSV is.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::header::{Field, Unit};
use super::record::{Cell, Context, Extras, RawRecord};
use super::values;
use super::{ImportMode, Imported, Loader, Place, RosterError};
use crate::date::Date;

/// Reads a roster JSON: an array of objects with the CSV's field names.
///
/// Lists are arrays of strings (or one string split as in CSV); credits are objects
/// `{"kind", "title", "year"}` or the CSV's `kind:Title (year)` strings; `extra` is an object
/// of text. Numbers may be JSON numbers or strings. Errors name the element and field,
/// `[3].age: "twenty" is not a whole number`; text that is not JSON names the line and column
/// where parsing stopped.
pub fn from_json(text: &str, mode: ImportMode, today: Date) -> Result<Imported, RosterError> {
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
    let context = Context {
        today,
        generate_ids: false,
    };
    let mut loader = Loader::new(mode, context, Field::Id.name(), elements.len());
    for (index, element) in elements.iter().enumerate() {
        let place = Place::Element(index);
        match raw_from_json(element, place) {
            Ok(mut raw) => loader.accept(place, &mut raw),
            Err(problem) => loader.refuse(problem),
        }
    }
    loader.finish(&[])
}

/// One talent from a JSON object with the roster's field names, read and checked exactly as an
/// element of a JSON roster (canonical names, ranges, credits as objects or `kind:Title (year)`).
/// Errors name the element `[0]`. Reads everything `Talent` serialises to, so a talent from
/// `engine.get` can be changed and added back.
pub fn talent_from_json(value: &Value, today: Date) -> Result<crate::roster::Talent, RosterError> {
    let place = Place::Element(0);
    let mut raw = raw_from_json(value, place)?;
    let context = Context {
        today,
        generate_ids: false,
    };
    super::record::talent(&mut raw, place, context)
        .map(|(talent, _)| talent)
        .map_err(|mut problems| match problems.len() {
            1 => problems.remove(0),
            _ => RosterError::Problems(problems),
        })
}

fn raw_from_json(element: &Value, place: Place) -> Result<RawRecord<'_>, RosterError> {
    let Value::Object(object) = element else {
        return Err(place.record_error("expected an object with the talent's fields"));
    };
    let mut raw = RawRecord::default();
    for (key, value) in object {
        if value.is_null() {
            continue;
        }
        let outcome = match (key.as_str(), Field::from_name(key)) {
            ("extra", _) => json_extra(value, place).map(|extra| raw.extra = extra),
            (_, Some(Field::Languages)) => {
                json_list(value, place, key, true).map(|items| raw.languages = items)
            }
            (_, Some(Field::Skills)) => {
                json_list(value, place, key, false).map(|items| raw.skills = items)
            }
            (_, Some(Field::Look)) => {
                json_list(value, place, key, false).map(|items| raw.look = items)
            }
            (_, Some(Field::Credits)) => json_credits(value, place).map(|c| raw.credits = c),
            (_, Some(field)) => json_scalar(value, place, key).map(|text| {
                raw.cells[field as usize] = Some(Cell {
                    text,
                    column: key,
                    key,
                    unit: Unit::AsWritten,
                })
            }),
            (_, None) => Err(place.field_error(
                key,
                format!("unknown field; known fields are {}", known_fields()),
            )),
        };
        if let Err(problem) = outcome {
            raw.problems.push(problem);
        }
    }
    Ok(raw)
}

fn known_fields() -> String {
    let mut names: Vec<&str> = Field::EXPORTED.iter().map(|f| f.name()).collect();
    names.push("extra");
    names.join(", ")
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

/// An array of strings, or one string split as a CSV cell is.
fn json_list<'a>(
    value: &'a Value,
    place: Place,
    field: &str,
    and_splits: bool,
) -> Result<Vec<Cow<'a, str>>, RosterError> {
    match value {
        Value::String(text) => Ok(values::list_items(text, and_splits)
            .map(Cow::Borrowed)
            .collect()),
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

/// `[{"column": "Favourite colour", "value": "Teal"}]`: the roster's other columns.
fn json_extra(value: &Value, place: Place) -> Result<Extras<'_>, RosterError> {
    let Value::Array(items) = value else {
        return Err(place.field_error("extra", "expected a list of {column, value}"));
    };
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let text = |name: &str| match item.get(name) {
            Some(Value::String(text)) => Ok(Cow::Borrowed(text.as_str())),
            _ => Err(place.field_error(&format!("extra[{i}].{name}"), "expected text")),
        };
        out.push((text("column")?, text("value")?));
    }
    Ok(out)
}

fn json_credits(value: &Value, place: Place) -> Result<Vec<crate::roster::Credit>, RosterError> {
    let read = |field: &str, credit: Result<_, String>| {
        credit.map_err(|reason| place.field_error(field, reason))
    };
    match value {
        Value::String(text) => values::credit_items(text)
            .map(|item| read("credits", values::credit(item)))
            .collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let field = format!("credits[{i}]");
                match item {
                    Value::String(text) => read(&field, values::credit(text)),
                    Value::Object(object) => {
                        let part = |name| credit_part(object, name, &field, place);
                        let (kind, title, year) = (part("kind")?, part("title")?, part("year")?);
                        read(&field, values::credit_of(&kind, &title, &year))
                    }
                    _ => Err(place.field_error(
                        &field,
                        "expected a credit object {kind, title, year} or \"kind:Title (year)\"",
                    )),
                }
            })
            .collect(),
        _ => Err(place.field_error("credits", "expected a list of credits")),
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
