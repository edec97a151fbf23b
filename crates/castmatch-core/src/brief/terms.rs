//! Shoot dates and day rates in a brief: "available in March", "from 10 March to 20 April",
//! "free next month", "day rate under 50k", "budget 1.5 lakh a day". Dates are read as written
//! (`Days`) and placed in a year by `Days::resolve` against the caller's today; the phrase
//! tables are in lexicon.txt (`@date ...`, `@rate ...`).

use super::lexicon::table;
use super::tokens::{any_at, Kind, Token};
use crate::date::{days_in_month, month_number, Date};

/// A day or days as written, before the year is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    /// 1-12; with `relative`, months after today's (0: this month).
    month: u32,
    relative: bool,
    year: Option<i32>,
    /// First and last day of the month the mark covers; a last day of 0 is the month's end,
    /// below 0 counts back from it.
    first: i32,
    last: i32,
}

/// The shoot days a brief names: from a mark to another (or through the first mark's own
/// days); `open` when only a start is given ("available from 1st Feb").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Days {
    from: Mark,
    to: Option<Mark>,
    open: bool,
}

/// What a terms phrase states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Term {
    Days(Days),
    /// The highest day rate, in rupees.
    Rate(u32),
}

impl Mark {
    /// The mark's first and last day in the first year that does not end it before `after`.
    fn resolve(self, today: Date, after: Date) -> Option<(Date, Date)> {
        let (year, month, day) = today.ymd();
        let (start_year, month) = if self.relative {
            let m = month - 1 + self.month;
            (year + (m / 12) as i32, m % 12 + 1)
        } else {
            (self.year.unwrap_or(year), self.month)
        };
        let years = if self.year.is_some() || self.relative {
            0
        } else {
            1
        };
        (start_year..=start_year + years).find_map(|y| {
            let end = days_in_month(y, month) as i32;
            let at = |d: i32| if d > 0 { d.min(end) } else { end + d };
            let first = if self.relative && self.month == 0 {
                day as i32 // "this month": from today
            } else {
                at(self.first)
            };
            let span = (
                Date::from_ymd(y, month, first as u32)?,
                Date::from_ymd(y, month, at(self.last) as u32)?,
            );
            (span.1 >= after || years == 0).then_some(span)
        })
    }
}

impl Days {
    /// First and last shoot day (no last day when open) in the coming year from `today`.
    pub(crate) fn resolve(self, today: Date) -> Option<(Date, Option<Date>)> {
        let (first, last) = self.from.resolve(today, today)?;
        let last = match self.to {
            Some(to) => to.resolve(today, first)?.1,
            None => last,
        };
        Some((first, (!self.open).then_some(last)))
    }
}

/// A terms phrase starting at token `i`: what it states and the index after it.
pub(crate) fn match_terms(tokens: &[Token], i: usize) -> Option<(Term, usize)> {
    if let Some((rate, end)) = rate_at(tokens, i) {
        return Some((Term::Rate(rate), end));
    }
    days_at(tokens, i).map(|(days, end)| (Term::Days(days), end))
}

fn phrase(tokens: &[Token], i: usize, name: &str) -> Option<usize> {
    any_at(tokens, i, &[(table(name), ())]).map(|(_, end)| end)
}

fn word_in(t: Option<&Token>, name: &str) -> bool {
    t.is_some_and(|t| table(name).split('|').any(|w| w == t.text))
}

// ---- rates --------------------------------------------------------------------------------

/// "under 50k", "₹40,000", "1.5 lakh a day", "Rs 5000 per day": a rupee amount said to be a
/// day rate (a rate word before it or "a day" after it) and marked as money (a currency, a
/// "k" or "lakh", or four digits at least).
fn rate_at(tokens: &[Token], i: usize) -> Option<(u32, usize)> {
    let mut j = phrase(tokens, i, "rate below").unwrap_or(i);
    let sign = phrase(tokens, j, "money sign");
    j = sign.unwrap_or(j);
    let number = tokens.get(j).filter(|t| t.kind == Kind::Number)?;
    let mut amount = number.value;
    j += 1;
    // Digit groups: "15,000", "1,50,000".
    while tokens.get(j).is_some_and(|t| t.is_punct(',') && !t.spaced)
        && tokens
            .get(j + 1)
            .is_some_and(|t| t.kind == Kind::Number && !t.spaced && matches!(t.text.len(), 2 | 3))
    {
        let group = &tokens[j + 1];
        amount = amount * 10f64.powi(group.text.len() as i32) + group.value;
        j += 2;
    }
    let unit = [("rate thousand", 1e3), ("rate lakh", 1e5)]
        .into_iter()
        .find_map(|(name, times)| phrase(tokens, j, name).map(|end| (end, times)));
    if let Some((end, times)) = unit {
        amount *= times;
        j = end;
    }
    let per_day = phrase(tokens, j, "rate per day");
    j = per_day.unwrap_or(j);
    j = phrase(tokens, j, "rate below after").unwrap_or(j);
    let cue_before = tokens[i.saturating_sub(5)..i]
        .iter()
        .any(|t| word_in(Some(t), "rate cue"));
    let money = sign.is_some() || unit.is_some() || amount >= 1000.0;
    let rate = (cue_before || per_day.is_some()) && money && amount < 1e8;
    rate.then_some((amount.round() as u32, j))
}

// ---- dates --------------------------------------------------------------------------------

/// "in March", "from 10 March to 20 April", "5th to 12th Feb", "Feb 10-12", "next month",
/// "first week of March", "mid-March to end of April".
fn days_at(tokens: &[Token], i: usize) -> Option<(Days, usize)> {
    let opens = phrase(tokens, i, "date from");
    let start = opens
        .or_else(|| phrase(tokens, i, "date between"))
        .unwrap_or(i);
    // "5th to 12th Feb", "18-19 January": the first day takes the second's month.
    if let Some((day, j)) = day_at(tokens, start) {
        if let Some(k) = phrase(tokens, j, "date range") {
            if let Some((to, end)) = mark_at(tokens, k).filter(|(m, _)| !m.relative) {
                let from = Mark {
                    first: day as i32,
                    last: day as i32,
                    ..to
                };
                return Some((days(from, Some(to)), end));
            }
        }
    }
    let (from, j) = mark_at(tokens, start)?;
    if let Some(k) = phrase(tokens, j, "date range") {
        // "Feb 10-12": a day of the same month.
        if let Some((day, end)) = day_at(tokens, k).filter(|_| from.first == from.last) {
            if month_at(tokens, end).is_none() {
                let to = Mark {
                    first: day as i32,
                    last: day as i32,
                    ..from
                };
                return Some((days(from, Some(to)), end));
            }
        }
        if let Some((to, end)) = mark_at(tokens, k) {
            return Some((days(from, Some(to)), end));
        }
    }
    let open = opens.is_some();
    Some((
        Days {
            from,
            to: None,
            open,
        },
        j,
    ))
}

fn days(from: Mark, to: Option<Mark>) -> Days {
    Days {
        from,
        to,
        open: false,
    }
}

/// One mark: "14 Jan", "3rd of March 2027", "March 3", "April 2027", "mid-March", "end of
/// April", "first week of March", "next month", "this month".
fn mark_at(tokens: &[Token], i: usize) -> Option<(Mark, usize)> {
    for (offset, name) in [(0, "date this month"), (1, "date next month")] {
        if let Some(end) = phrase(tokens, i, name) {
            let mark = Mark {
                month: offset,
                relative: true,
                year: None,
                first: 1,
                last: 0,
            };
            return Some((mark, end));
        }
    }
    const PARTS: [(&str, i32, i32); 8] = [
        ("date early", 1, 10),
        ("date mid", 11, 20),
        ("date late", 21, 0),
        ("date end", -6, 0),
        ("date first week", 1, 7),
        ("date second week", 8, 14),
        ("date third week", 15, 21),
        ("date last week", -6, 0),
    ];
    let part = PARTS
        .iter()
        .find_map(|&(name, first, last)| phrase(tokens, i, name).map(|end| (end, first, last)));
    if let Some((j, first, last)) = part {
        let j = j + usize::from(tokens.get(j).is_some_and(|t| t.is_punct('-')));
        let (month, j) = month_at(tokens, j)?;
        let (year, end) = year_at(tokens, j).map_or((None, j), |(y, e)| (Some(y), e));
        let mark = Mark {
            month,
            relative: false,
            year,
            first,
            last,
        };
        return Some((mark, end));
    }
    let (day, month, j) = match day_at(tokens, i) {
        Some((day, j)) => {
            let j = phrase(tokens, j, "date of").unwrap_or(j);
            let (month, j) = month_at(tokens, j)?;
            (Some(day), month, j)
        }
        None => {
            let (month, j) = month_at(tokens, i)?;
            match day_at(tokens, j) {
                Some((day, end)) => (Some(day), month, end),
                None => (None, month, j),
            }
        }
    };
    let k = j + usize::from(tokens.get(j).is_some_and(|t| t.is_punct(',')));
    let (year, end) = year_at(tokens, k).map_or((None, j), |(y, e)| (Some(y), e));
    let (first, last) = day.map_or((1, 0), |d| (d as i32, d as i32));
    let mark = Mark {
        month,
        relative: false,
        year,
        first,
        last,
    };
    Some((mark, end))
}

/// "5", "5th", "21st": a day of a month.
fn day_at(tokens: &[Token], i: usize) -> Option<(u32, usize)> {
    let day = tokens.get(i)?.whole().filter(|d| (1..=31).contains(d))?;
    let ordinal = tokens
        .get(i + 1)
        .is_some_and(|t| !t.spaced && matches!(t.text.as_str(), "st" | "nd" | "rd" | "th"));
    Some((day, i + 1 + usize::from(ordinal)))
}

/// A month's name or its short form ("Mar", "Sept."). "May" is a month only beside a number
/// or after a word that introduces dates ("in May", "5 May"), not in "may be".
fn month_at(tokens: &[Token], i: usize) -> Option<(u32, usize)> {
    let t = tokens.get(i).filter(|t| t.kind == Kind::Word)?;
    let month = month_number(&t.text)?;
    if t.text == "may" {
        let prev = i.checked_sub(1).and_then(|p| tokens.get(p));
        let beside_number = prev.is_some_and(|p| p.kind == Kind::Number)
            || tokens.get(i + 1).is_some_and(|n| n.kind == Kind::Number);
        if !beside_number && !word_in(prev, "date before may") {
            return None;
        }
    }
    let dot = tokens
        .get(i + 1)
        .is_some_and(|n| n.is_punct('.') && !n.spaced)
        && t.text.len() < 5;
    Some((month, i + 1 + usize::from(dot)))
}

fn year_at(tokens: &[Token], i: usize) -> Option<(i32, usize)> {
    let year = tokens
        .get(i)?
        .whole()
        .filter(|y| (2000..=2100).contains(y))?;
    Some((year as i32, i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::tokens::tokenise;

    fn d(y: i32, m: u32, day: u32) -> Date {
        Date::from_ymd(y, m, day).unwrap()
    }

    /// The first terms phrase of `text`, resolved against 5 December 2026.
    fn read(text: &str) -> Option<String> {
        let tokens = tokenise(text);
        let today = d(2026, 12, 5);
        (0..tokens.len()).find_map(|i| {
            match_terms(&tokens, i).map(|(term, _)| match term {
                Term::Rate(r) => format!("rate {r}"),
                Term::Days(days) => match days.resolve(today) {
                    Some((a, Some(b))) => format!("{a} {b}"),
                    Some((a, None)) => format!("{a} on"),
                    None => "none".into(),
                },
            })
        })
    }

    #[test]
    fn rates_read_as_rupees_a_day() {
        for (text, want) in [
            ("day rate under 50k", "rate 50000"),
            ("budget 1.5 lakh a day", "rate 150000"),
            ("rate below ₹40,000", "rate 40000"),
            ("rate below ₹1,50,000", "rate 150000"),
            ("Rs. 5000 per day", "rate 5000"),
            ("fee within 30000 a day", "rate 30000"),
            ("₹20k/day max", "rate 20000"),
            ("day rate 75 thousand max", "rate 75000"),
        ] {
            assert_eq!(read(text).as_deref(), Some(want), "{text}");
        }
        for text in [
            "under 28",
            "budget film, 30-40",
            "5000 followers",
            "aged 25",
        ] {
            assert_eq!(read(text), None, "{text}");
        }
    }

    #[test]
    fn dates_read_in_the_coming_year() {
        for (text, want) in [
            ("available in March", "2027-03-01 2027-03-31"),
            ("from 10 March to 20 April", "2027-03-10 2027-04-20"),
            ("free next month", "2027-01-01 2027-01-31"),
            ("this month", "2026-12-05 2026-12-31"),
            ("5th to 12th Feb", "2027-02-05 2027-02-12"),
            ("Feb 10-12", "2027-02-10 2027-02-12"),
            ("20 Dec - 4 Jan", "2026-12-20 2027-01-04"),
            ("available from 1st Feb", "2027-02-01 on"),
            ("shooting in April 2027", "2027-04-01 2027-04-30"),
            ("first week of March", "2027-03-01 2027-03-07"),
            ("end of February", "2027-02-22 2027-02-28"),
            ("in November", "2027-11-01 2027-11-30"),
            ("in May", "2027-05-01 2027-05-31"),
        ] {
            assert_eq!(read(text).as_deref(), Some(want), "{text}");
        }
        for text in ["may be bearded", "marathi", "25-32"] {
            assert_eq!(read(text), None, "{text}");
        }
    }
}
