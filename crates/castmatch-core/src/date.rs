//! Calendar dates without a clock: `Date` (a day, ISO `2025-03-03` on the wire), and reading the
//! ways casting sheets write one ("3 Mar 2025", "03/03/25", "March") against a reference date.
//!
//! The core never reads the time: whoever knows "today" passes it in, as `now` elsewhere.

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar day, stored as days since 1970-01-01 so comparing and storing it is an integer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(i32);

/// The years a `Date` may have: anything else in a roster is a typo.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

impl Date {
    /// The day `year-month-day`, if it exists and the year is within 1900-2100.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Date> {
        let valid = YEARS.contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then(|| Date(days_from_civil(year, month, day)))
    }

    /// Year, month (1-12) and day (1-31).
    /// The day in India (UTC+05:30, the casting directors' clock) at `ms` since the epoch.
    pub fn in_india(ms: i64) -> Date {
        const IST_MS: i64 = 19_800_000;
        Date((ms + IST_MS).div_euclid(86_400_000) as i32)
    }

    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// Days since 1970-01-01: the catalog's columns keep dates as this number.
    pub fn day_number(self) -> i32 {
        self.0
    }

    /// Whole years from `self` to `later` (an age on `later` for a birth date `self`).
    pub fn years_until(self, later: Date) -> i32 {
        let ((y0, m0, d0), (y1, m1, d1)) = (self.ymd(), later.ymd());
        y1 - y0 - i32::from((m1, d1) < (m0, d0))
    }

    /// `2025-03-03`; anything else is `None`.
    pub fn parse_iso(text: &str) -> Option<Date> {
        let mut parts = text.trim().splitn(3, '-');
        let mut next = |len: usize| {
            parts
                .next()
                .filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|p| p.parse::<u32>().ok())
        };
        let (year, month, day) = (next(4)?, next(2)?, next(2)?);
        Date::from_ymd(year as i32, month, day)
    }

    /// "3 Mar 2025", as a card or a reason shows a date.
    pub fn human(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{d} {} {y}", MONTHS[m as usize - 1])
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

/// ISO text in JSON (and so in JS and the tool schema); the day number in binary snapshots.
impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.collect_str(self)
        } else {
            s.serialize_i32(self.0)
        }
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        use serde::de::Error;
        if d.is_human_readable() {
            let text = Cow::<str>::deserialize(d)?;
            Date::parse_iso(&text)
                .ok_or_else(|| D::Error::custom(format!("{text:?} is not a date as YYYY-MM-DD")))
        } else {
            let days = i32::deserialize(d)?;
            let date = Date(days);
            YEARS
                .contains(&date.ymd().0)
                .then_some(date)
                .ok_or_else(|| D::Error::custom("a date out of range"))
        }
    }
}

impl schemars::JsonSchema for Date {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}$",
            "description": "A calendar date, YYYY-MM-DD."
        })
    }
}

fn is_leap(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i32::from(month <= 2);
    (year, month, day)
}

// ---------------------------------------------------------------------------------------------
// Reading dates as people write them

/// The days a written date covers, first to last: one day for "3 Mar 2025", a month for
/// "March 2025", a year for "2025".
pub type DateSpan = (Date, Date);

/// One piece of a written date.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece {
    /// Digits, with how many there were (a 4-digit number is a year).
    Number(u32, usize),
    Month(u32),
}

/// Reads a written date: `2025-03-03`, `3/3/2025` and `03-03-25` (day first, as in India,
/// unless the second number cannot be a month: `12/31/2025` is month first),
/// `3 Mar 2025`, `3rd March`, `March 3, 2025`, `Mar-2025`, `March`, `2025-03-03T10:00:00`.
///
/// A missing year is the one that puts the date nearest `reference`; a two-digit year is the
/// century nearest it. `None` when the text is not a date.
pub fn read_date(text: &str, reference: Date) -> Option<DateSpan> {
    let pieces = pieces(text)?;
    let year = |n: u32, digits: usize| full_year(n, digits, reference);
    let day = |y: i32, m: u32, d: u32| Date::from_ymd(y, m, d).map(|date| (date, date));
    use Piece::{Month as M, Number as N};
    match pieces.as_slice() {
        [N(y, 4), N(m, _), N(d, _)] => day(*y as i32, *m, *d),
        [N(a, 1..=2), N(b, 1..=2), N(y, digits @ (2 | 4))] => {
            let (d, m) = if *b > 12 && *a <= 12 {
                (*b, *a)
            } else {
                (*a, *b)
            };
            day(year(*y, *digits)?, m, d)
        }
        [N(d, 1..=2), M(m), N(y, digits)] | [M(m), N(d, 1..=2), N(y, digits @ 4)] => {
            day(year(*y, *digits)?, *m, *d)
        }
        [N(d, 1..=2), M(m)] | [M(m), N(d, 1..=2)] => nearest(reference, |y| day(y, *m, *d)),
        [M(m), N(y, digits)] | [N(y, digits @ 4), N(m, 1..=2)] | [N(y, digits @ 4), M(m)] => {
            month_span(year(*y, *digits)?, *m)
        }
        [M(m)] => nearest(reference, |y| month_span(y, *m)),
        [N(y, 4)] => Some((
            Date::from_ymd(*y as i32, 1, 1)?,
            Date::from_ymd(*y as i32, 12, 31)?,
        )),
        _ => None,
    }
}

/// The pieces of a written date, or `None` at the first word that is not part of one.
fn pieces(text: &str) -> Option<Vec<Piece>> {
    // "2025-03-03T10:00:00", "3/3/2025 0:00": the time of day is dropped.
    let text = match text.find(['T', ' ']) {
        Some(at) if text[at + 1..].contains(':') && !text[..at].contains(' ') => &text[..at],
        _ => text,
    };
    let mut out = Vec::new();
    for word in text
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '/' | '-' | '.' | '\''))
        .filter(|w| !w.is_empty())
    {
        let lower = word.to_ascii_lowercase();
        let digits = lower.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
            // "3rd", "21st": an ordinal keeps its number; a bare number must be all digits.
            let ordinal = digits.len() < lower.len();
            if ordinal && !matches!(&lower[digits.len()..], "st" | "nd" | "rd" | "th") {
                return None;
            }
            out.push(Piece::Number(digits.parse().ok()?, digits.len()));
        } else if let Some(month) = month_number(&lower) {
            out.push(Piece::Month(month));
        } else if lower != "of" {
            return None;
        }
    }
    (out.len() <= 3).then_some(out)
}

pub(crate) fn month_number(word: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if word.len() < 3 {
        return None;
    }
    let word = if word == "sept" { "sep" } else { word };
    NAMES
        .iter()
        .position(|name| name.starts_with(word))
        .map(|i| i as u32 + 1)
}

/// A year from its digits: four as written, two in the century nearest `reference`.
fn full_year(n: u32, digits: usize, reference: Date) -> Option<i32> {
    match digits {
        4 => Some(n as i32),
        1 | 2 => {
            let (ref_year, _, _) = reference.ymd();
            let century = ref_year - ref_year.rem_euclid(100);
            [century - 100, century, century + 100]
                .into_iter()
                .map(|c| c + n as i32)
                .min_by_key(|y| (y - ref_year).abs())
        }
        _ => None,
    }
}

fn month_span(year: i32, month: u32) -> Option<DateSpan> {
    let first = Date::from_ymd(year, month, 1)?;
    Some((
        first,
        Date::from_ymd(year, month, days_in_month(year, month))?,
    ))
}

/// The span `of_year` gives in the year before, of or after the reference's, nearest to it.
fn nearest(reference: Date, of_year: impl Fn(i32) -> Option<DateSpan>) -> Option<DateSpan> {
    let (year, _, _) = reference.ymd();
    let distance = |(first, last): &DateSpan| {
        if reference < *first {
            first.0 - reference.0
        } else {
            (reference.0 - last.0).max(0)
        }
    };
    (year - 1..=year + 1)
        .filter_map(of_year)
        .min_by_key(distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd(y, m, day).unwrap()
    }

    #[test]
    fn day_numbers_round_trip_across_leap_years() {
        assert_eq!(d(1970, 1, 1).day_number(), 0);
        assert_eq!(d(2000, 3, 1).day_number() - d(2000, 2, 28).day_number(), 2);
        assert_eq!(d(1900, 3, 1).day_number() - d(1900, 2, 28).day_number(), 1);
        for days in (-25_567..47_482).step_by(97) {
            let (y, m, day) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, day), days);
        }
        assert_eq!(Date::from_ymd(2025, 2, 29), None);
        assert_eq!(d(2025, 3, 3).to_string(), "2025-03-03");
        assert_eq!(Date::parse_iso("2025-03-03"), Some(d(2025, 3, 3)));
        assert_eq!(Date::parse_iso("2025-3-3"), None);
    }

    #[test]
    fn ages_count_whole_years_to_the_birthday() {
        let born = d(1995, 4, 12);
        assert_eq!(born.years_until(d(2025, 4, 11)), 29);
        assert_eq!(born.years_until(d(2025, 4, 12)), 30);
    }

    #[test]
    fn written_dates_read_day_first_with_nearest_years() {
        let today = d(2025, 12, 10);
        let one = |text: &str| read_date(text, today).map(|(a, b)| (a == b).then_some(a));
        assert_eq!(one("2025-03-03T10:00:00"), Some(Some(d(2025, 3, 3))));
        assert_eq!(one("03/04/2025"), Some(Some(d(2025, 4, 3))));
        assert_eq!(one("12/31/2025"), Some(Some(d(2025, 12, 31))));
        assert_eq!(one("12.04.95"), Some(Some(d(1995, 4, 12))));
        assert_eq!(one("3rd of March, 2026"), Some(Some(d(2026, 3, 3))));
        assert_eq!(one("March 3, 2026"), Some(Some(d(2026, 3, 3))));
        // No year: the nearest 3 March to 10 December 2025 is the coming one.
        assert_eq!(one("3 Mar"), Some(Some(d(2026, 3, 3))));
        assert_eq!(
            read_date("Mar-2026", today),
            Some((d(2026, 3, 1), d(2026, 3, 31)))
        );
        assert_eq!(
            read_date("feb 2024", today),
            Some((d(2024, 2, 1), d(2024, 2, 29)))
        );
        for bad in [
            "soon",
            "31/02/2025",
            "3 Marz",
            "1/2/3/4",
            "2025-13-01",
            "",
            "3xx",
        ] {
            assert_eq!(read_date(bad, today), None, "{bad}");
        }
    }
}
