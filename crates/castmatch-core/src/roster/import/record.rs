//! One record's cells, from a CSV row or a JSON element, checked into a `Talent`: every problem
//! of the record is found, not only the first, each naming its column.

use std::borrow::Cow;

use super::header::{Field, Unit};
use super::values::{self, is_blank, AGES};
use super::{Place, RosterError};
use crate::date::{read_date, Date, DateSpan};
use crate::roster::{Credit, ExtraColumn, Gender, Talent};
use crate::vocab::{self, canonical_language, canonical_skill};

/// One value and where it came from.
#[derive(Debug, Clone)]
pub(super) struct Cell<'a> {
    pub(super) text: Cow<'a, str>,
    /// The column as the file names it ("Height"), or the JSON key: errors name it.
    pub(super) column: &'a str,
    /// Its key among the talent's extras (`Plan::keys`): a value the field cannot take is kept
    /// under it.
    pub(super) key: &'a str,
    pub(super) unit: Unit,
}

/// A value read as text instead of as its field (a file name where a web address belongs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Kept {
    pub(super) column: String,
    pub(super) why: &'static str,
}

/// Extra columns of a record: (key, value).
pub(super) type Extras<'a> = Vec<(Cow<'a, str>, Cow<'a, str>)>;

/// A record's cells before checking, the same for CSV rows and JSON elements.
#[derive(Default)]
pub(super) struct RawRecord<'a> {
    /// By `Field`; list fields stay `None` here.
    pub(super) cells: [Option<Cell<'a>>; Field::COUNT],
    pub(super) languages: Vec<Cow<'a, str>>,
    pub(super) skills: Vec<Cow<'a, str>>,
    /// Look and type tags ("girl next door", "ex-army").
    pub(super) look: Vec<Cow<'a, str>>,
    pub(super) credits: Vec<Credit>,
    pub(super) extra: Extras<'a>,
    pub(super) kept: Vec<Kept>,
    /// Problems found while splitting the record (JSON shapes, credits).
    pub(super) problems: Vec<RosterError>,
}

impl<'a> RawRecord<'a> {
    fn cell(&self, field: Field) -> Option<&Cell<'a>> {
        self.cells[field as usize]
            .as_ref()
            .filter(|c| !is_blank(&c.text))
    }

    fn text(&self, field: Field) -> Option<&str> {
        self.cell(field).map(|c| c.text.trim())
    }

    /// Keeps `text` on the talent as an extra under its column, and says why.
    pub(super) fn keep(&mut self, column: &'a str, text: Cow<'a, str>, why: &'static str) {
        match self.extra.iter_mut().find(|(key, _)| key == column) {
            Some((_, value)) => *value = Cow::Owned(format!("{value}; {text}")),
            None => self.extra.push((Cow::Borrowed(column), text)),
        }
        if !self.kept.iter().any(|k| k.column == column && k.why == why) {
            self.kept.push(Kept {
                column: column.to_string(),
                why,
            });
        }
    }
}

/// What every record of one file is read against.
#[derive(Debug, Clone, Copy)]
pub(super) struct Context {
    /// The day ages are counted to and year-less dates are placed near.
    pub(super) today: Date,
    /// The file has no id column: the loader makes ids from names.
    pub(super) generate_ids: bool,
}

/// Collects a record's problems, each naming the column.
struct Problems {
    place: Place,
    found: Vec<RosterError>,
}

impl Problems {
    fn add(&mut self, column: &str, reason: impl Into<String>) {
        self.found.push(self.place.field_error(column, reason));
    }

    /// `read(cell)` for a present, non-blank cell; a failure is recorded and reads as `None`.
    fn read<T>(
        &mut self,
        cell: Option<&Cell<'_>>,
        read: impl FnOnce(&str, Unit) -> Result<T, String>,
    ) -> Option<T> {
        let cell = cell?;
        read(cell.text.trim(), cell.unit)
            .map_err(|reason| self.add(cell.column, reason))
            .ok()
    }

    /// A required field's cell: a blank one is a problem.
    fn required<'c, 'a>(&mut self, raw: &'c RawRecord<'a>, field: Field) -> Option<&'c Cell<'a>> {
        let cell = raw.cell(field);
        if cell.is_none() {
            let column = raw.cells[field as usize]
                .as_ref()
                .map_or(field.name(), |c| c.column);
            self.add(column, "a value is required");
        }
        cell
    }
}

/// Checks and canonicalises a record. The id is empty when the loader is to make it.
pub(super) fn talent(
    raw: &mut RawRecord<'_>,
    place: Place,
    context: Context,
) -> Result<(Talent, Vec<Kept>), Vec<RosterError>> {
    let mut p = Problems {
        place,
        found: std::mem::take(&mut raw.problems),
    };
    let id = if context.generate_ids {
        Some(String::new())
    } else {
        p.required(raw, Field::Id)
            .map(|c| c.text.trim().to_string())
    };
    let name = name(raw, &mut p);
    let cell = p.required(raw, Field::Gender);
    let gender = p.read(cell, |text, _| {
        Gender::parse(text)
            .ok_or_else(|| format!("{text:?} is not a gender; use female, male or nonbinary"))
    });
    let age = age(raw, &mut p, context.today);
    let cell = p.required(raw, Field::Height);
    let height_cm = p.read(cell, values::height_cm);
    let city = p.required(raw, Field::City).map(|c| city(c.text.trim()));
    let experience_years = p
        .read(raw.cell(Field::Experience), |text, _| {
            if text.eq_ignore_ascii_case("fresher") {
                Ok(0)
            } else {
                values::years(text, AGES)
            }
        })
        .unwrap_or(0);
    if let (Some(age), Some(cell)) = (age, raw.cell(Field::Experience)) {
        if experience_years > age {
            let reason = format!("{experience_years} years is more than the age ({age})");
            p.add(cell.column, reason);
        }
    }
    let day_rate_inr = p.read(raw.cell(Field::DayRate), values::rupees);
    let (playing_age_min, playing_age_max) = playing_ages(raw, &mut p);
    let availability = raw.text(Field::Availability).map(str::to_string);
    let (available_from, available_to) = availability_window(raw, &mut p, context.today);
    let photo_url = link(raw, Field::PhotoUrl);
    let showreel_url = link(raw, Field::ShowreelUrl);

    let (Some(id), Some(name), Some(gender), Some(age), Some(height_cm), Some(city), true) =
        (id, name, gender, age, height_cm, city, p.found.is_empty())
    else {
        return Err(p.found);
    };
    let credits = std::mem::take(&mut raw.credits);
    let text = |field: Field| raw.text(field).map(str::to_string);
    let talent = Talent {
        id,
        name,
        gender,
        age,
        height_cm,
        city,
        languages: canonical_list(&raw.languages, canonical_language),
        skills: canonical_list(&raw.skills, canonical_skill),
        experience_years,
        credits,
        bio: text(Field::Bio).unwrap_or_default(), // no bio column or cell: no bio
        day_rate_inr,
        availability,
        available_from,
        available_to,
        playing_age_min,
        playing_age_max,
        photo_url,
        showreel_url,
        phone: text(Field::Phone),
        email: text(Field::Email),
        agent: text(Field::Agent),
        instagram: text(Field::Instagram),
        look: canonical_list(&raw.look, crate::vocab::normalise),
        extra: extra(raw),
    };
    Ok((talent, std::mem::take(&mut raw.kept)))
}

/// The name, or first and last names joined; spaces inside are collapsed.
fn name(raw: &RawRecord<'_>, p: &mut Problems) -> Option<String> {
    let parts: Vec<&str> = match raw.text(Field::Name) {
        Some(full) => vec![full],
        None => [Field::FirstName, Field::LastName]
            .into_iter()
            .filter_map(|f| raw.text(f))
            .collect(),
    };
    let name = parts
        .iter()
        .flat_map(|part| part.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() {
        let field = [Field::Name, Field::FirstName]
            .into_iter()
            .find(|&f| raw.cells[f as usize].is_some())
            .unwrap_or(Field::Name);
        p.required(raw, field);
        return None;
    }
    Some(name)
}

/// The age on `today` from a date of birth where one is given, else the age as written.
fn age(raw: &RawRecord<'_>, p: &mut Problems, today: Date) -> Option<u32> {
    if let Some(cell) = raw.cell(Field::DateOfBirth) {
        return p.read(Some(cell), |text, _| {
            let born = match read_date(text, today) {
                Some((first, last)) if first == last => first,
                Some(_) => return Err(format!("{text:?} is not a whole date of birth")),
                None => return Err(format!("{text:?} is not a date (write it as 12/04/1995)")),
            };
            if born > today {
                return Err(format!("{text:?} is after today ({today})"));
            }
            let age = born.years_until(today);
            u32::try_from(age)
                .ok()
                .filter(|a| AGES.contains(a))
                .ok_or_else(|| format!("{text:?} makes an age of {age}"))
        });
    }
    let cell = p.required(raw, Field::Age);
    p.read(cell, |text, _| values::years(text, AGES))
}

/// Playing ages from a range column ("25-32") and/or min and max columns (which win).
fn playing_ages(raw: &RawRecord<'_>, p: &mut Problems) -> (Option<u32>, Option<u32>) {
    let range = p.read(raw.cell(Field::PlayingAge), |t, _| values::playing_ages(t));
    let one = |p: &mut Problems, field| p.read(raw.cell(field), |t, _| values::years(t, AGES));
    let min = one(p, Field::PlayingAgeMin).or(range.map(|r| r.0));
    let max = one(p, Field::PlayingAgeMax).or(range.map(|r| r.1));
    if let (Some(low), Some(high)) = (min, max) {
        if low > high {
            let column = raw
                .cell(Field::PlayingAgeMin)
                .or(raw.cell(Field::PlayingAge))
                .map_or("playing_age_min", |c| c.column);
            p.add(
                column,
                format!("the playing age {low}-{high} runs backwards"),
            );
        }
    }
    (min, max)
}

/// The first and last day free: from their own columns, else read from the availability text
/// ("from 3 Mar", "1 Mar - 15 Apr 2026", "March") when it is only dates.
fn availability_window(
    raw: &RawRecord<'_>,
    p: &mut Problems,
    today: Date,
) -> (Option<Date>, Option<Date>) {
    let date = |p: &mut Problems, field| {
        p.read(raw.cell(field), |text, _| {
            read_date(text, today)
                .ok_or_else(|| format!("{text:?} is not a date (write it as 3 Mar 2026)"))
        })
    };
    let from = date(p, Field::AvailableFrom).map(|span| span.0);
    let to = date(p, Field::AvailableTo).map(|span| span.1);
    let (text_from, text_to) = raw
        .text(Field::Availability)
        .and_then(|text| window_in_text(text, today))
        .unwrap_or_default(); // no availability text, or none readable: no window from it
    let (from, to) = (from.or(text_from), to.or(text_to));
    if let (Some(first), Some(last)) = (from, to) {
        if first > last {
            let column = raw
                .cell(Field::AvailableTo)
                .or(raw.cell(Field::Availability))
                .map_or("available_to", |c| c.column);
            let reason = format!("available until {last}, before the first day free ({first})");
            p.add(column, reason);
        }
    }
    (from, to)
}

/// "from 3 Mar", "until 15 Apr", "3 Mar - 15 Apr 2026", "3 Mar to 15 Apr", "March 2026";
/// `None` when the text is more than dates ("busy till May", "weekends").
fn window_in_text(text: &str, today: Date) -> Option<(Option<Date>, Option<Date>)> {
    let lower = text.trim().to_ascii_lowercase();
    let lower = ["available", "availability:", "availability", "free"]
        .iter()
        .find_map(|w| lower.strip_prefix(w))
        .unwrap_or(&lower)
        .trim();
    let span = |t: &str| read_date(t.trim(), today);
    if let Some(rest) = lower.strip_prefix("from ") {
        return Some(match split_range(rest) {
            Some((a, b)) => (Some(span(a)?.0), Some(span(b)?.1)),
            None => (Some(span(rest)?.0), None),
        });
    }
    for word in ["until ", "till ", "upto ", "up to "] {
        if let Some(rest) = lower.strip_prefix(word) {
            return Some((None, Some(span(rest)?.1)));
        }
    }
    match split_range(lower) {
        Some((a, b)) => {
            let (first, last): (DateSpan, DateSpan) = (span(a)?, span(b)?);
            Some((Some(first.0), Some(last.1)))
        }
        None => span(lower).map(|(first, last)| (Some(first), Some(last))),
    }
}

fn split_range(text: &str) -> Option<(&str, &str)> {
    [" to ", " till ", " until ", " - ", "–", "—"]
        .iter()
        .find_map(|sep| text.split_once(sep))
}

/// Why a photo or showreel value was kept as text.
pub(super) const NOT_A_LINK: &str = "not a web address (http:// or https://)";

/// A web address for `field`; anything else is kept as text under its column.
fn link(raw: &mut RawRecord<'_>, field: Field) -> Option<String> {
    let cell = raw.cell(field)?.clone();
    let address = values::web_address(&cell.text);
    if address.is_none() {
        raw.keep(cell.key, cell.text, NOT_A_LINK);
    }
    address
}

/// A city from a location as sheets write it: "Andheri West, Mumbai" is Mumbai.
pub(super) fn city(text: &str) -> String {
    text.split([',', '/', '(', ')'])
        .map(str::trim)
        .find_map(vocab::city)
        .map_or_else(|| vocab::canonical_city(text), |e| e.name.to_string())
}

fn extra(raw: &RawRecord<'_>) -> Vec<ExtraColumn> {
    let mut out = Vec::new();
    for (column, value) in &raw.extra {
        let value = value.trim();
        if !value.is_empty() {
            out.push(ExtraColumn {
                column: column.to_string(),
                value: value.to_string(),
            });
        }
    }
    out
}

/// Canonical names in first-seen order, without repeats or blanks.
pub(super) fn canonical_list<S: AsRef<str>>(
    items: &[S],
    canonical: fn(&str) -> String,
) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(items.len());
    for item in items {
        let name = canonical(item.as_ref());
        if !name.is_empty() && !out.contains(&name) {
            out.push(name);
        }
    }
    out
}
