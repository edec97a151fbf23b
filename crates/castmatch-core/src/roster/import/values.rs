//! Reading one value as casting sheets write it: heights in feet and inches or centimetres,
//! ages with "yrs", rupees with "₹", "k" and "lakh", playing-age ranges, lists with any of
//! `; | / ,`, credits, web addresses. Each reader returns the reason a value cannot be read.

use std::ops::RangeInclusive;

use super::header::Unit;
use crate::roster::{Credit, CreditKind};

pub(super) const AGES: RangeInclusive<u32> = 0..=120;
pub(super) const HEIGHTS_CM: RangeInclusive<u32> = 50..=250;
const YEARS: RangeInclusive<u32> = 1900..=2100;

/// Why a value could not be read, said to the person who wrote it.
pub(super) type Reason = String;

/// Whether a cell says "nothing here": blank, or a placeholder a spreadsheet uses for it.
pub(super) fn is_blank(text: &str) -> bool {
    let text = text.trim();
    if text.len() > 14 || text.starts_with(|c: char| c.is_ascii_digit()) {
        return false; // longer than any placeholder, or a number: the usual cell
    }
    text.is_empty()
        || [
            "-",
            "--",
            "na",
            "n/a",
            "n.a.",
            "nil",
            "none",
            "null",
            "tbd",
            "tba",
            "?",
            "negotiable",
            "on request",
            "not applicable",
        ]
        .iter()
        .any(|p| text.eq_ignore_ascii_case(p))
}

/// A piece of a written quantity.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece<'a> {
    Number(f64, &'a str),
    Word(&'a str),
    /// `'` (feet) or `"` (inches).
    Mark(char),
}

/// Splits "5'10\"", "178 cm", "₹1,50,000/-", "25-32 yrs" into numbers, words and marks.
/// Separators (spaces, `-`, `/`, `(`, `)`, `+`, `₹`) fall away; commas inside numbers are
/// digit grouping.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c.is_ascii_digit() || (c == '.' && rest[1..].starts_with(|d: char| d.is_ascii_digit())) {
            let end = rest
                .find(|d: char| !(d.is_ascii_digit() || d == '.' || d == ','))
                .unwrap_or(rest.len());
            let digits = rest[..end].trim_end_matches([',', '.']);
            let value = decimal(digits).unwrap_or(f64::NAN);
            out.push(Piece::Number(value, digits));
            rest = &rest[digits.len()..];
        } else if c.is_alphabetic() {
            let end = rest
                .find(|d: char| !d.is_alphabetic())
                .unwrap_or(rest.len());
            out.push(Piece::Word(&rest[..end]));
            rest = &rest[end..];
        } else {
            match c {
                '\'' | '’' | '‘' | '′' => out.push(Piece::Mark('\'')),
                '"' | '”' | '“' | '″' => out.push(Piece::Mark('"')),
                _ => {}
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    // Two feet marks in a row are an inch mark: 5'10''.
    out.dedup_by(|b, a| {
        if *a == Piece::Mark('\'') && *b == Piece::Mark('\'') {
            *a = Piece::Mark('"');
            true
        } else {
            false
        }
    });
    out
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

/// The value of digits with `,` grouping and at most one decimal point ("1,50,000", "5.10"):
/// the digits as one integer divided once by a power of ten. (`str::parse::<f64>` would do, but
/// brings 10 KB of tables into the `.wasm`.)
fn decimal(text: &str) -> Option<f64> {
    let mut mantissa: u64 = 0;
    let mut fraction_digits = None;
    for b in text.bytes() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa.checked_mul(10)?.checked_add(u64::from(b - b'0'))?;
                fraction_digits = fraction_digits.map(|n: i32| n + 1);
            }
            b',' if fraction_digits.is_none() => {}
            b'.' if fraction_digits.is_none() => fraction_digits = Some(0),
            _ => return None,
        }
    }
    let exact = mantissa < 1 << f64::MANTISSA_DIGITS;
    let scale = fraction_digits.unwrap_or(0);
    (exact && scale <= 22).then(|| mantissa as f64 / 10f64.powi(scale))
}

fn is_word(piece: &Piece<'_>, options: &[&str]) -> bool {
    matches!(piece, Piece::Word(w) if options.iter().any(|o| w.eq_ignore_ascii_case(o)))
}

/// A whole number within `range`: `"twenty" is not a whole number`, `130 is not between 0 and 120`.
pub(super) fn whole_number(text: &str, range: RangeInclusive<u32>) -> Result<u32, Reason> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{text:?} is not a whole number"));
    }
    let out_of_range = || {
        format!(
            "{text} is not between {} and {}",
            range.start(),
            range.end()
        )
    };
    let value: i64 = text.parse().map_err(|_| out_of_range())?;
    u32::try_from(value)
        .ok()
        .filter(|v| range.contains(v))
        .ok_or_else(out_of_range)
}

/// Years: "34", "34 yrs", "34 years old"; "5+" of experience. A range is refused with a hint.
pub(super) fn years(text: &str, range: RangeInclusive<u32>) -> Result<u32, Reason> {
    let text = text.trim();
    if is_digits(text) {
        return whole_number(text, range); // as most sheets write it
    }
    let pieces = pieces(text);
    let units = ["y", "yr", "yrs", "year", "years", "yo", "old", "plus"];
    let numbers: Vec<&str> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Number(_, digits) => Some(*digits),
            _ => None,
        })
        .collect();
    let only_units = pieces
        .iter()
        .all(|p| matches!(p, Piece::Number(..)) || is_word(p, &units));
    match numbers.as_slice() {
        [digits] if only_units && !text.starts_with('-') => whole_number(digits, range),
        [_, _] if only_units => Err(format!(
            "{text:?} is a range: give one age here, and a range as the playing age"
        )),
        _ => whole_number(text, range),
    }
}

/// A playing-age range: "25-32", "25 to 32 yrs", "25–32", or one age "28".
pub(super) fn playing_ages(text: &str) -> Result<(u32, u32), Reason> {
    let pieces = pieces(text);
    let numbers: Vec<&str> = pieces
        .iter()
        .filter_map(|p| match p {
            Piece::Number(_, digits) => Some(*digits),
            _ => None,
        })
        .collect();
    let fits = pieces.iter().all(|p| {
        matches!(p, Piece::Number(..)) || is_word(p, &["to", "y", "yr", "yrs", "years", "year"])
    });
    let age = |digits: &str| whole_number(digits, AGES);
    match (numbers.as_slice(), fits) {
        ([one], true) => age(one).map(|a| (a, a)),
        ([low, high], true) => {
            let (low, high) = (age(low)?, age(high)?);
            if low > high {
                return Err(format!("{text:?}: the first age is above the second"));
            }
            Ok((low, high))
        }
        _ => Err(format!(
            "{text:?} is not a playing age; write it as 25-32, or one age"
        )),
    }
}

/// A height in centimetres from "178", "178 cm", "1.78 m", "5'10\"", "5 ft 10 in", "5.10"
/// (feet.inches, as Indian sheets write it), "70 in"; `unit` is what the header says.
pub(super) fn height_cm(text: &str, unit: Unit) -> Result<u32, Reason> {
    if is_digits(text) && !matches!(unit, Unit::Inches | Unit::Feet) && text.len() >= 2 {
        // "178": centimetres, as most sheets write it (a single digit is feet, below).
        return text.parse::<u32>().map_or_else(
            |_| centimetres(f64::MAX, text),
            |cm| centimetres(f64::from(cm), text),
        );
    }
    let not_a_height =
        || format!("{text:?} is not a height; write it in cm (178) or feet and inches (5'10\")");
    let lower = text.to_ascii_lowercase();
    let pieces = pieces(&lower);
    let is = |p: &Piece, words: &[&str]| is_word(p, words);
    let feet = ["ft", "feet", "foot"];
    let inches = ["in", "inch", "inches"];
    let cm = [
        "cm",
        "cms",
        "centimetre",
        "centimetres",
        "centimeter",
        "centimeters",
    ];
    let metres = ["m", "mtr", "metre", "metres", "meter", "meters"];
    let foot = |p: &Piece| *p == Piece::Mark('\'') || is(p, &feet);
    let inch = |p: &Piece| *p == Piece::Mark('"') || is(p, &inches);
    let total_inches = match pieces.as_slice() {
        [Piece::Number(n, _), u] if is(u, &cm) => return centimetres(*n, text),
        [Piece::Number(n, _), u] if is(u, &metres) => return centimetres(n * 100.0, text),
        [Piece::Number(f, _), u, Piece::Number(i, _)] if foot(u) => feet_inches(*f, *i),
        [Piece::Number(f, _), u, Piece::Number(i, _), v] if foot(u) && inch(v) => {
            feet_inches(*f, *i)
        }
        [Piece::Number(f, _), u] if foot(u) => feet_inches(*f, 0.0),
        [Piece::Number(i, _), u] if inch(u) => Some(*i),
        [Piece::Number(f, _), Piece::Number(i, _)] if *f < 10.0 => feet_inches(*f, *i),
        [Piece::Number(n, digits)] => match unit {
            Unit::Inches => Some(*n),
            Unit::Feet => feet_dot_inches(digits),
            Unit::Centimetres => return centimetres(*n, text),
            _ if *n < 3.0 && digits.contains('.') => return centimetres(n * 100.0, text),
            _ if *n < 10.0 => feet_dot_inches(digits),
            _ => return centimetres(*n, text),
        },
        _ => None,
    };
    total_inches
        .map(|inches| inches * 2.54)
        .ok_or_else(not_a_height)
        .and_then(|cm| centimetres(cm, text))
}

fn feet_inches(feet: f64, inches: f64) -> Option<f64> {
    (feet.fract() == 0.0 && (0.0..12.0).contains(&inches)).then_some(feet * 12.0 + inches)
}

/// "5.10" is 5 feet 10 inches on an Indian sheet; "5.75", which cannot be, is 5.75 feet.
fn feet_dot_inches(digits: &str) -> Option<f64> {
    let (feet, inches) = digits.split_once('.').unwrap_or((digits, "0"));
    let feet = decimal(feet)?;
    match decimal(inches) {
        Some(i) if i < 12.0 && inches.len() <= 2 => Some(feet * 12.0 + i),
        _ => Some(decimal(digits)? * 12.0),
    }
}

fn centimetres(value: f64, text: &str) -> Result<u32, Reason> {
    let cm = value.round();
    if cm.is_finite() && cm >= f64::from(*HEIGHTS_CM.start()) && cm <= f64::from(*HEIGHTS_CM.end())
    {
        Ok(cm as u32)
    } else {
        Err(format!(
            "{text:?} is not a height between {} and {} cm",
            HEIGHTS_CM.start(),
            HEIGHTS_CM.end()
        ))
    }
}

/// Rupees from "40000", "₹40,000/-", "Rs. 1,50,000", "40k", "1.5 lakh", "2L per day", "INR 40000";
/// `unit` is what the header says ("Rate (in lakhs)").
pub(super) fn rupees(text: &str, unit: Unit) -> Result<u32, Reason> {
    let not_an_amount =
        || format!("{text:?} is not an amount in rupees; write it as 40000, 40k or 1.5 lakh");
    let fillers = [
        "rs", "inr", "per", "day", "a", "pd", "only", "approx", "daily", "shift", "/-",
    ];
    let mut amount: Option<f64> = None;
    let mut scale = match unit {
        Unit::Thousands => 1_000.0,
        Unit::Lakhs => 100_000.0,
        _ => 1.0,
    };
    for piece in pieces(&text.replace('₹', " ").to_ascii_lowercase()) {
        match piece {
            Piece::Number(n, _) if amount.is_none() => amount = Some(n),
            Piece::Number(..) => {
                return Err(format!(
                    "{text:?} holds more than one amount; give one figure"
                ))
            }
            Piece::Word("k" | "thousand") => scale = 1_000.0,
            Piece::Word("l" | "lakh" | "lakhs" | "lac" | "lacs") => scale = 100_000.0,
            Piece::Word("cr" | "crore" | "crores") => scale = 10_000_000.0,
            Piece::Word(w) if fillers.contains(&w) => {}
            _ => return Err(not_an_amount()),
        }
    }
    let rupees = amount.ok_or_else(not_an_amount)? * scale;
    if rupees.is_finite() && (0.0..=f64::from(u32::MAX)).contains(&rupees) {
        Ok(rupees.round() as u32)
    } else {
        Err(format!("{text:?} is not an amount CastMatch can hold"))
    }
}

/// Items of a list cell, split at `;`, `|`, `/`, `,`, `&` or a line break (and, for languages,
/// " and "), trimmed; placeholders, yes/no marks and qualifiers in brackets ("Hindi (fluent)")
/// are dropped.
pub(super) fn list_items(text: &str, and_splits: bool) -> impl Iterator<Item = &str> {
    text.split([';', '|', '/', ',', '&', '\n', '\r'])
        .flat_map(move |item| AndSplit {
            rest: Some(item),
            and_splits,
        })
        .map(|item| match item.find('(') {
            Some(at) if item.trim_end().ends_with(')') => item[..at].trim(),
            _ => item.trim(),
        })
        .filter(|item| {
            !is_blank(item)
                && !["yes", "no", "y", "n"]
                    .iter()
                    .any(|w| item.eq_ignore_ascii_case(w))
        })
}

/// The parts of one list item around " and " (any case), when splitting there.
struct AndSplit<'a> {
    rest: Option<&'a str>,
    and_splits: bool,
}

impl<'a> Iterator for AndSplit<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let rest = self.rest?;
        let at = self
            .and_splits
            .then(|| {
                rest.as_bytes()
                    .windows(5)
                    .position(|w| w.eq_ignore_ascii_case(b" and "))
            })
            .flatten();
        match at {
            Some(at) => {
                self.rest = Some(&rest[at + 5..]);
                Some(&rest[..at])
            }
            None => self.rest.take(),
        }
    }
}

/// Items of a credits cell: split at `;`, `|` or a line break (titles keep their commas).
pub(super) fn credit_items(text: &str) -> impl Iterator<Item = &str> {
    text.split([';', '|', '\n', '\r'])
        .map(str::trim)
        .filter(|item| !is_blank(item))
}

/// `kind:Title (year)`; the title may itself hold `:` and parentheses.
pub(super) fn credit(text: &str) -> Result<Credit, Reason> {
    let malformed = || format!("{text:?} is not a credit; expected kind:Title (year)");
    let (kind, rest) = text.split_once(':').ok_or_else(malformed)?;
    let rest = rest.trim().strip_suffix(')').ok_or_else(malformed)?;
    let (title, year) = rest.rsplit_once('(').ok_or_else(malformed)?;
    credit_of(kind, title, year)
}

/// A credit from its three parts, checked.
pub(super) fn credit_of(kind: &str, title: &str, year: &str) -> Result<Credit, Reason> {
    let kind_text = kind.trim();
    let kind = CreditKind::parse(kind_text).ok_or_else(|| {
        format!("{kind_text:?} is not a credit kind; use film, tv, ott, ad or theatre")
    })?;
    let title = title.trim();
    if title.is_empty() {
        return Err("a credit needs a title".into());
    }
    let year = whole_number(year.trim(), YEARS)?;
    Ok(Credit {
        kind,
        title: title.to_string(),
        // YEARS lies within u16.
        year: u16::try_from(year).unwrap_or_default(),
    })
}

/// A web address for a link or an image: http(s) as written, "www." given https. Anything
/// else (a file name, `javascript:`) is not one.
pub(super) fn web_address(text: &str) -> Option<String> {
    let text = text.trim();
    let lower = text.to_ascii_lowercase();
    let usable = !text.contains(char::is_whitespace) && !text.contains(['"', '<', '>']);
    if !usable {
        None
    } else if lower.starts_with("https://") || lower.starts_with("http://") {
        Some(text.to_string())
    } else if lower.starts_with("www.") {
        Some(format!("https://{text}"))
    } else {
        None
    }
}

/// An id made from a name: "Asha Rao" -> "asha-rao"; letters of any script are kept.
pub(super) fn slug(name: &str) -> String {
    let words: Vec<String> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        "talent".into()
    } else {
        words.join("-")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heights_in_every_way_sheets_write_them() {
        let cm = |text: &str| height_cm(text, Unit::AsWritten);
        for (text, expected) in [
            ("178", 178),
            ("178 cm", 178),
            ("178cms", 178),
            ("1.78 m", 178),
            ("5'10\"", 178),
            ("5’ 10”", 178),
            ("5'10''", 178),
            ("5 ft 10", 178),
            ("5ft 10in", 178),
            ("5 feet 10 inches", 178),
            ("5-10", 178),
            ("5.10", 178),
            ("5.6", 168),
            ("5'", 152),
            ("70 in", 178),
            ("5.75", 175),
            ("1.78", 178),
        ] {
            assert_eq!(cm(text), Ok(expected), "{text}");
        }
        assert_eq!(height_cm("70", Unit::Inches), Ok(178));
        assert_eq!(height_cm("5.5", Unit::Feet), Ok(165));
        for bad in ["tall", "5'13\"", "300", "5 ft ten", "40 cm"] {
            assert!(cm(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn rupees_as_written_in_india() {
        for (text, expected) in [
            ("40000", 40_000),
            ("₹40,000/-", 40_000),
            ("Rs. 1,50,000", 150_000),
            ("40k", 40_000),
            ("1.5 lakh", 150_000),
            ("2L per day", 200_000),
            ("INR 45000", 45_000),
        ] {
            assert_eq!(rupees(text, Unit::AsWritten), Ok(expected), "{text}");
        }
        assert_eq!(rupees("1.5", Unit::Lakhs), Ok(150_000));
        assert!(rupees("30-40k", Unit::AsWritten)
            .unwrap_err()
            .contains("more than one"));
        assert!(rupees("lots", Unit::AsWritten).is_err());
    }

    #[test]
    fn ages_and_playing_ages() {
        assert_eq!(years("34 yrs", AGES), Ok(34));
        assert_eq!(years("5+", AGES), Ok(5));
        assert!(years("25-30", AGES).unwrap_err().contains("playing age"));
        assert_eq!(
            years("twenty", AGES),
            Err(r#""twenty" is not a whole number"#.into())
        );
        assert_eq!(years("-1", AGES), Err("-1 is not between 0 and 120".into()));
        assert_eq!(playing_ages("25–32 yrs"), Ok((25, 32)));
        assert_eq!(playing_ages("25 to 32"), Ok((25, 32)));
        assert_eq!(playing_ages("28"), Ok((28, 28)));
        assert!(playing_ages("32-25").is_err());
        assert!(playing_ages("young").is_err());
    }

    #[test]
    fn lists_split_at_every_separator_sheets_use() {
        let items: Vec<&str> =
            list_items("Theatre|Singing; Kathak / Hip-hop, Yes", false).collect();
        assert_eq!(items, ["Theatre", "Singing", "Kathak", "Hip-hop"]);
        let languages: Vec<&str> =
            list_items("Hindi (fluent) and English & Marathi", true).collect();
        assert_eq!(languages, ["Hindi", "English", "Marathi"]);
    }

    #[test]
    fn only_web_addresses_are_links() {
        assert_eq!(
            web_address("www.x.in/a.jpg").as_deref(),
            Some("https://www.x.in/a.jpg")
        );
        assert!(web_address("javascript:alert(1)").is_none());
        assert!(web_address("headshot.jpg").is_none());
        assert_eq!(slug("  Asha  Rao "), "asha-rao");
        assert_eq!(slug("आशा राव"), "आशा-राव");
    }
}
