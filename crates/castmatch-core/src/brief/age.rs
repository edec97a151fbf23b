//! Ages in a brief: ranges, decades ("late 30s", "twenties"), approximations ("40-ish"),
//! single ages ("a 30-year-old") and open bounds ("40+", "under 30"), per CONVENTIONS.md.

use super::lexicon::table;
use super::tokens::{any_at, first_words, seq_at, Kind, Token};

/// Oldest age we read as an age rather than some other number.
const OLDEST: u32 = 110;

/// An age constraint and which ends a phrase states ("over 40" states only the minimum).
pub(crate) type AgeSpan = super::span::Span;

impl AgeSpan {
    pub fn range(min: u32, max: u32) -> AgeSpan {
        AgeSpan {
            min: Some(min),
            max: Some(max),
            sets_min: true,
            sets_max: true,
        }
    }

    /// An age band named by a word; an open max ("elderly") still states the maximum.
    pub fn band(min: u32, max: Option<u32>) -> AgeSpan {
        AgeSpan {
            min: Some(min),
            max,
            sets_min: true,
            sets_max: true,
        }
    }

    fn at_least(min: u32) -> AgeSpan {
        AgeSpan {
            min: Some(min),
            max: None,
            sets_min: true,
            sets_max: false,
        }
    }

    fn at_most(max: u32) -> AgeSpan {
        AgeSpan {
            min: None,
            max: Some(max),
            sets_min: false,
            sets_max: true,
        }
    }

    /// What a denied bound leaves: "no one over 28" is at most 28, "nobody under 20" at least
    /// 20. A denied closed range says nothing a filter can hold, so it stays as stated.
    pub fn denied(self) -> AgeSpan {
        match (self.sets_min, self.sets_max, self.min, self.max) {
            (true, false, Some(min), _) => AgeSpan::at_most(min),
            (false, true, _, Some(max)) => AgeSpan::at_least(max + 1),
            _ => self,
        }
    }

    /// "a 30-year-old", "age 30": two years either side.
    pub fn about_exactly(age: u32) -> AgeSpan {
        AgeSpan::range(age.saturating_sub(2), age + 2)
    }

    fn around(age: u32) -> AgeSpan {
        AgeSpan::range(age.saturating_sub(3), age + 3)
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Qualifier {
    AtLeast,
    Below,
    UpTo,
    Around,
    Exactly,
    Between,
}

fn qualifiers() -> [(&'static str, Qualifier); 6] {
    [
        (table("age at least"), Qualifier::AtLeast),
        (table("age below"), Qualifier::Below),
        (table("age up to"), Qualifier::UpTo),
        (table("age around"), Qualifier::Around),
        (table("age stated"), Qualifier::Exactly),
        ("between|betwen|btw|b / w|bw", Qualifier::Between),
    ]
}

fn whole_age(t: &Token) -> Option<u32> {
    t.whole().filter(|a| (1..=OLDEST).contains(a))
}

/// Whether the number at `i` is followed by something that makes it a count, size or height
/// (`@not an age after` in `lexicon.txt`; money and labels before it: `@not an age before`).
fn followed_by_non_age(tokens: &[Token], i: usize) -> bool {
    let Some(next) = tokens.get(i + 1) else {
        return false;
    };
    if table("not an age after").split('|').any(|w| w == next.text) {
        return true;
    }
    table("not an age after phrases")
        .split('|')
        .any(|p| seq_at(tokens, i + 1, p).is_some())
}

/// A whole number at `i` that can be an age, with the index after it.
fn age_number(tokens: &[Token], i: usize) -> Option<(u32, usize)> {
    let age = tokens.get(i).and_then(whole_age)?;
    (!followed_by_non_age(tokens, i)).then_some((age, i + 1))
}

/// Skips "years", "yrs", "years old", "year-old", "yo", "y/o" after an age.
fn skip_years(tokens: &[Token], i: usize) -> usize {
    let units = [(table("age units"), ())];
    let from = if tokens.get(i).is_some_and(|t| t.is_punct('-')) {
        i + 1
    } else {
        i
    };
    any_at(tokens, from, &units).map_or(i, |(_, end)| end)
}

/// Whether an age phrase can start with this token (a number or a known first word).
fn can_start(t: &Token) -> bool {
    static STARTERS: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    let starters = STARTERS.get_or_init(|| {
        let mut words: Vec<&str> = qualifiers().iter().map(|(p, _)| *p).collect();
        words.push("early|earlier|mid|middle|late|later");
        words.extend(DECADE_WORDS.iter().map(|(w, _)| *w));
        first_words(&words)
    });
    t.kind == Kind::Number || starters.contains(&t.text)
}

/// Reads an age phrase starting at token `i`: the span and the index after it.
pub(crate) fn match_age(tokens: &[Token], i: usize) -> Option<(AgeSpan, usize)> {
    if !tokens.get(i).is_some_and(can_start) || money_before(tokens, i) {
        return None;
    }
    if let Some(found) = decade_phrase(tokens, i) {
        return Some(found);
    }
    if let Some((q, j)) = any_at(tokens, i, &qualifiers()) {
        if let Some(found) = qualified(tokens, j, q) {
            return Some(found);
        }
    }
    number_first(tokens, i)
}

pub(crate) fn money_before(tokens: &[Token], i: usize) -> bool {
    let prev = i.checked_sub(1).and_then(|p| tokens.get(p));
    prev.is_some_and(|t| table("not an age before").split('|').any(|w| w == t.text))
        || (i >= 2 && tokens[i - 1].text == "." && tokens[i - 2].text == "rs")
}

/// A number or range after a qualifier ("over 40", "between 25 and 32", "aged 25-32").
fn qualified(tokens: &[Token], i: usize, q: Qualifier) -> Option<(AgeSpan, usize)> {
    if let Some((decade, end)) = decade_phrase(tokens, i) {
        return (q != Qualifier::Between).then_some((decade, end));
    }
    if let Some((span, end)) = range(tokens, i, q == Qualifier::Between) {
        return Some((span, end));
    }
    if q == Qualifier::Between {
        return None;
    }
    if matches!(q, Qualifier::Exactly | Qualifier::Around) {
        // "aged 50 and above", "age 30 or younger": the number's own bound wins.
        if let Some(found) = number_first(tokens, i).filter(|(s, _)| s.sets_min != s.sets_max) {
            return Some(found);
        }
    }
    let (age, j) = age_number(tokens, i)?;
    let end = skip_years(tokens, j);
    let span = match q {
        Qualifier::AtLeast => AgeSpan::at_least(age),
        Qualifier::Below => AgeSpan::at_most(age.checked_sub(1)?),
        Qualifier::UpTo => AgeSpan::at_most(age),
        Qualifier::Around => AgeSpan::around(age),
        Qualifier::Exactly | Qualifier::Between => AgeSpan::about_exactly(age),
    };
    Some((span, end))
}

/// "25-32", "25 to 32", "25 and 32" (after "between"), with optional "years" on either side.
fn range(tokens: &[Token], i: usize, allow_and: bool) -> Option<(AgeSpan, usize)> {
    let (low, j) = tokens.get(i).and_then(whole_age).map(|a| (a, i + 1))?;
    let j = skip_years(tokens, j);
    let separators: &[(&str, ())] = if allow_and {
        &[(table("age range and"), ())]
    } else {
        &[(table("age range"), ())]
    };
    let (_, k) = any_at(tokens, j, separators)?;
    let (high, m) = age_number(tokens, k)?;
    let valid = low <= high && high - low <= 60 && tokens.get(m).is_none_or(|t| t.text != "s");
    valid.then(|| (AgeSpan::range(low, high), skip_years(tokens, m)))
}

/// Number-first forms: ranges, "40+", "40 and above", "30 or younger", "40-ish",
/// "30-year-old", "30 years".
fn number_first(tokens: &[Token], i: usize) -> Option<(AgeSpan, usize)> {
    if let Some(found) = range(tokens, i, false) {
        return Some(found);
    }
    let (age, j) = age_number(tokens, i)?;
    let after_years = skip_years(tokens, j);
    let open_up = [(table("age and over"), ())];
    if let Some((_, end)) = any_at(tokens, after_years, &open_up) {
        return Some((AgeSpan::at_least(age), skip_years(tokens, end)));
    }
    let open_down = [(table("age and under"), ())];
    if let Some((_, end)) = any_at(tokens, after_years, &open_down) {
        return Some((AgeSpan::at_most(age), end));
    }
    let below = [(table("age and below"), ())];
    if let Some((_, end)) = any_at(tokens, after_years, &below) {
        return Some((AgeSpan::at_most(age.checked_sub(1)?), end));
    }
    let around = [(table("age or so"), ())];
    if let Some((_, end)) = any_at(tokens, after_years, &around) {
        return Some((AgeSpan::around(age), end));
    }
    if let Some(end) = seq_at(tokens, j, "ish").or_else(|| seq_at(tokens, j, "- ish")) {
        return Some((AgeSpan::around(age), end));
    }
    (after_years > j).then_some((AgeSpan::about_exactly(age), after_years))
}

/// Decades with optional early/mid/late, and spans of them: "30s", "mid-30s", "thirties",
/// "twenty-something", "late teens", "early to mid 30s", "late 20s to early 30s".
fn decade_phrase(tokens: &[Token], i: usize) -> Option<(AgeSpan, usize)> {
    let (first, j) = decade_part(tokens, i)?;
    let joined =
        any_at(tokens, j, &[("to|-|or|/|till|and", ())]).and_then(|(_, k)| decade_part(tokens, k));
    match joined {
        Some((second, end)) if second.0 >= first.0 => {
            Some((AgeSpan::range(first.0, second.1), end))
        }
        _ => Some((AgeSpan::range(first.0, first.1), j)),
    }
}

#[derive(Clone, Copy)]
enum Part {
    Early,
    Mid,
    Late,
    EarlyToMid,
    MidToLate,
}

/// One decade with its part: (min, max) and the index after it.
fn decade_part(tokens: &[Token], i: usize) -> Option<((u32, u32), usize)> {
    let parts = [
        (
            "early to mid|early - mid|early / mid|early mid",
            Part::EarlyToMid,
        ),
        (
            "mid to late|mid - late|mid / late|mid late",
            Part::MidToLate,
        ),
        ("early|earlier", Part::Early),
        ("mid|middle", Part::Mid),
        ("late|later", Part::Late),
    ];
    let (part, j) = match any_at(tokens, i, &parts) {
        Some((p, j)) => (
            Some(p),
            if tokens.get(j).is_some_and(|t| t.is_punct('-')) {
                j + 1
            } else {
                j
            },
        ),
        None => (None, i),
    };
    let (decade, end) = decade(tokens, j)?;
    let span = match (decade, part) {
        (10, None) => (13, 19),
        (10, Some(Part::Early)) => (13, 15),
        (10, Some(Part::Mid)) => (14, 16),
        (10, Some(Part::Late)) => (17, 19),
        (10, Some(Part::EarlyToMid)) => (13, 16),
        (10, Some(Part::MidToLate)) => (14, 19),
        (d, None) => (d, d + 9),
        (d, Some(Part::Early)) => (d, d + 3),
        (d, Some(Part::Mid)) => (d + 4, d + 6),
        (d, Some(Part::Late)) => (d + 7, d + 9),
        (d, Some(Part::EarlyToMid)) => (d, d + 6),
        (d, Some(Part::MidToLate)) => (d + 4, d + 9),
    };
    Some((span, end))
}

const DECADE_WORDS: [(&str, u32); 9] = [
    ("teens", 10),
    ("twenties", 20),
    ("thirties", 30),
    ("forties", 40),
    ("fifties", 50),
    ("sixties", 60),
    ("seventies", 70),
    ("eighties", 80),
    ("nineties", 90),
];

/// "twenties", "teens": words that start a decade phrase without a digit.
pub(crate) fn is_decade_word(word: &str) -> bool {
    DECADE_WORDS.iter().any(|(w, _)| *w == word)
}

/// "30s", "30's", "30-something", "thirties", "teens": the decade's first year (teens = 10).
fn decade(tokens: &[Token], i: usize) -> Option<(u32, usize)> {
    let t = tokens.get(i)?;
    if t.kind == Kind::Word {
        return DECADE_WORDS
            .iter()
            .find(|(w, _)| t.text == *w)
            .map(|&(_, d)| (d, i + 1));
    }
    let d = t.whole().filter(|d| d % 10 == 0 && (20..=90).contains(d))?;
    let suffixes = [("s|' s|something|somethings|- something|plus minus", ())];
    let (_, end) = any_at(tokens, i + 1, &suffixes)?;
    let attached = tokens
        .get(i + 1)
        .is_some_and(|n| !n.spaced || n.text == "something");
    attached.then_some((d, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::tokens::tokenise;

    fn age(text: &str) -> Option<(Option<u32>, Option<u32>)> {
        let tokens = tokenise(text);
        (0..tokens.len())
            .find_map(|i| match_age(&tokens, i))
            .map(|(s, _)| (s.min, s.max))
    }

    #[test]
    fn conventions_table() {
        for (text, min, max) in [
            ("25-32", Some(25), Some(32)),
            ("25 to 32", Some(25), Some(32)),
            ("between 25 and 32", Some(25), Some(32)),
            ("aged 25–32", Some(25), Some(32)),
            ("in her 20s", Some(20), Some(29)),
            ("twenties", Some(20), Some(29)),
            ("early 30s", Some(30), Some(33)),
            ("mid 30s", Some(34), Some(36)),
            ("late 30s", Some(37), Some(39)),
            ("around 40", Some(37), Some(43)),
            ("about 40", Some(37), Some(43)),
            ("40-ish", Some(37), Some(43)),
            ("a 30-year-old", Some(28), Some(32)),
            ("age 30", Some(28), Some(32)),
            ("40+", Some(40), None),
            ("at least 40", Some(40), None),
            ("over 40", Some(40), None),
            ("above 40", Some(40), None),
            ("under 30", None, Some(29)),
            ("below 30", None, Some(29)),
            ("younger than 30", None, Some(29)),
            ("up to 30", None, Some(30)),
            ("25 से 30 साल", Some(25), Some(30)),
            ("२० ते २५ वर्षे", Some(20), Some(25)),
            ("कम से कम 70 साल", Some(70), None),
            ("60 साल से ऊपर", Some(60), None),
            ("65 साल से ज़्यादा", Some(65), None),
            ("25 साल से कम", None, Some(24)),
            ("45 साल तक", None, Some(45)),
            ("लगभग 50 साल", Some(47), Some(53)),
            ("35 वर्ष के आसपास", Some(32), Some(38)),
            ("६० वर्षांवरील", Some(60), None),
            ("२५ वर्षांखालील", None, Some(24)),
            ("kam se kam 68 saal", Some(68), None),
            ("20 ke aas paas", Some(17), Some(23)),
            ("40 peksha jast", Some(40), None),
            ("55 vayasukku mela", Some(55), None),
            ("20 nundi 24 samvatsaralu", Some(20), Some(24)),
            ("22 la irundhu 27 vayasu", Some(22), Some(27)),
            ("60 paina", Some(60), None),
            ("उम्र ४५-५०", Some(45), Some(50)),
            ("no older than 30", None, Some(30)),
        ] {
            assert_eq!(age(text), Some((min, max)), "{text}");
        }
    }

    #[test]
    fn more_forms() {
        assert_eq!(age("mid-30s"), Some((Some(34), Some(36))));
        assert_eq!(age("late 20s to early 30s"), Some((Some(27), Some(33))));
        assert_eq!(age("30's"), Some((Some(30), Some(39))));
        assert_eq!(age("thirty-something"), Some((Some(30), Some(39))));
        assert_eq!(age("late teens"), Some((Some(17), Some(19))));
        assert_eq!(age("45 years and above"), Some((Some(45), None)));
        assert_eq!(age("35 yrs"), Some((Some(33), Some(37))));
        assert_eq!(age("40ish"), Some((Some(37), Some(43))));
        assert_eq!(age("5 years experience"), None);
        assert_eq!(age("2-3 days"), None);
        assert_eq!(age("Rs 5000"), None);
        assert_eq!(age("5'10"), None);
    }
}
