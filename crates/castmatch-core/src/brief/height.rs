//! Heights in a brief: feet and inches (5'10", 5 ft 4, "5.8 feet" in the Indian sense),
//! centimetres and metres, with bounds ("at least", "or shorter") and ranges.

use super::lexicon::table;
use super::tokens::{any_at, first_words, Kind, Token};

/// A height constraint in whole centimetres and which ends the phrase states.
pub(crate) type HeightSpan = super::span::Span;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Bound {
    AtLeast,
    AtMost,
    Between,
    Around,
    /// "height 170", "height:": allows a bare number of centimetres.
    Stated,
}

fn prefixes() -> [(&'static str, Bound); 5] {
    [
        (table("height at least"), Bound::AtLeast),
        (table("height at most"), Bound::AtMost),
        (table("height between"), Bound::Between),
        (table("height around"), Bound::Around),
        (table("height stated"), Bound::Stated),
    ]
}

/// Whether a height phrase can start with this token (a number or a known first word).
fn can_start(t: &Token) -> bool {
    static STARTERS: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    let starters = STARTERS
        .get_or_init(|| first_words(&prefixes().iter().map(|(p, _)| *p).collect::<Vec<_>>()));
    t.kind == Kind::Number || starters.contains(&t.text)
}

/// Reads a height phrase starting at token `i`: the span and the index after it.
pub(crate) fn match_height(tokens: &[Token], i: usize) -> Option<(HeightSpan, usize)> {
    if !tokens.get(i).is_some_and(can_start) {
        return None;
    }
    let (bound, j) = match any_at(tokens, i, &prefixes()) {
        Some((b, j)) => (Some(b), j),
        None => (None, i),
    };
    let stated = bound == Some(Bound::Stated) || bound == Some(Bound::Between);
    let (first, after_first) = height_value(tokens, j, stated)?;
    let second = any_at(tokens, after_first, &[("-|to|and|till|/|or", ())])
        .and_then(|(_, k)| height_value(tokens, k, first.unit_given || stated));
    if let Some((second, end)) = second.filter(|(s, _)| s.cm >= first.cm.saturating_sub(1)) {
        let end = skip_tall(tokens, end);
        return Some((
            HeightSpan {
                min: Some(first.cm),
                max: Some(second.cm),
                sets_min: true,
                sets_max: true,
            },
            end,
        ));
    }
    if !first.unit_given && !stated {
        return None;
    }
    let after = skip_tall(tokens, after_first);
    let at_least_after = any_at(
        tokens,
        after,
        &[
            (table("height and over"), Bound::AtLeast),
            (table("height and under"), Bound::AtMost),
        ],
    );
    let (bound, end) = match (bound, at_least_after) {
        (_, Some((b, end))) => (Some(b), skip_tall(tokens, end)),
        (b, None) => (b, after),
    };
    let h = first.cm;
    let span = match bound {
        Some(Bound::AtLeast) => HeightSpan {
            min: Some(h),
            max: None,
            sets_min: true,
            sets_max: false,
        },
        Some(Bound::AtMost) => HeightSpan {
            min: None,
            max: Some(h),
            sets_min: false,
            sets_max: true,
        },
        // A height given plainly means about that height.
        _ => HeightSpan {
            min: Some(h.saturating_sub(2)),
            max: Some(h + 2),
            sets_min: true,
            sets_max: true,
        },
    };
    Some((span, end))
}

fn skip_tall(tokens: &[Token], i: usize) -> usize {
    if tokens.get(i).is_some_and(|t| t.is_word("tall")) {
        i + 1
    } else {
        i
    }
}

#[derive(Debug, Clone, Copy)]
struct Value {
    cm: u32,
    unit_given: bool,
}

fn inches_to_cm(feet: u32, inches: u32) -> u32 {
    ((f64::from(feet * 12 + inches)) * 2.54).round() as u32
}

/// One height value at `i`. `bare_ok` accepts a plain number of centimetres (140-230).
fn height_value(tokens: &[Token], i: usize, bare_ok: bool) -> Option<(Value, usize)> {
    let t = tokens.get(i).filter(|t| t.kind == Kind::Number)?;
    if let Some(found) = feet_inches(tokens, i) {
        return Some(found);
    }
    if bare_ok {
        // "tall 5 7", "height 5 7": feet and inches with the marks left out.
        let feet = t.whole().filter(|f| (4..=6).contains(f));
        let inches = tokens
            .get(i + 1)
            .filter(|n| n.spaced)
            .and_then(Token::whole)
            .filter(|n| *n <= 11);
        if let (Some(feet), Some(inches)) = (feet, inches) {
            return Some((
                Value {
                    cm: inches_to_cm(feet, inches),
                    unit_given: true,
                },
                i + 2,
            ));
        }
    }
    let metric = any_at(
        tokens,
        i + 1,
        &[
            (table("height cm"), 1.0),
            ("m|metre|meter|metres|meters|mtr|mtrs|mts", 100.0),
        ],
    );
    if let Some((scale, end)) = metric {
        let cm = (t.value * scale).round();
        return (100.0..=250.0).contains(&cm).then_some((
            Value {
                cm: cm as u32,
                unit_given: true,
            },
            end,
        ));
    }
    let whole = t.whole().filter(|v| (100..=250).contains(v))?;
    let unitless_ok = bare_ok
        || tokens
            .get(i + 1)
            .is_some_and(|n| n.is_punct('-') || n.is_word("to"));
    unitless_ok.then_some((
        Value {
            cm: whole,
            unit_given: false,
        },
        i + 1,
    ))
}

/// 5'10", 5' 10'', 5 ft 4, 5ft4in, 5 feet 8 inches, 6 foot, 5.8 ft (5 ft 8 in, as written in India).
fn feet_inches(tokens: &[Token], i: usize) -> Option<(Value, usize)> {
    let t = &tokens[i];
    let (_, j) = any_at(tokens, i + 1, &[(table("height feet"), ())])?;
    let (feet, decimal_inches) = split_feet(t)?;
    let mut end = j;
    let mut inches = decimal_inches.unwrap_or(0);
    if decimal_inches.is_none() {
        let skip_dash = usize::from(tokens.get(j).is_some_and(|d| d.is_punct('-')));
        if let Some(n) = tokens
            .get(j + skip_dash)
            .and_then(Token::whole)
            .filter(|n| *n <= 11)
        {
            inches = n;
            end = j + skip_dash + 1;
            end = any_at(tokens, end, &[("\"|' '|inches|inch|in|ins|in .|इंच", ())])
                .map_or(end, |(_, e)| e);
        }
    }
    let cm = inches_to_cm(feet, inches);
    Some((
        Value {
            cm,
            unit_given: true,
        },
        end,
    ))
}

/// Feet from a number token; "5.8" gives 5 feet and 8 inches, "5.10" 5 feet 10 inches.
fn split_feet(t: &Token) -> Option<(u32, Option<u32>)> {
    match t.text.split_once('.') {
        None => t.whole().filter(|f| (3..=7).contains(f)).map(|f| (f, None)),
        Some((feet, frac)) => {
            let feet = feet.parse::<u32>().ok().filter(|f| (3..=7).contains(f))?;
            let inches = frac
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= 11 && frac.len() <= 2)?;
            Some((feet, Some(inches)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::tokens::tokenise;

    fn height(text: &str) -> Option<(Option<u32>, Option<u32>)> {
        let tokens = tokenise(text);
        (0..tokens.len())
            .find_map(|i| match_height(&tokens, i))
            .map(|(s, _)| (s.min, s.max))
    }

    #[test]
    fn conventions_examples() {
        assert_eq!(height("at least 5'10\""), Some((Some(178), None)));
        assert_eq!(height("5 ft 4 or shorter"), Some((None, Some(163))));
        assert_eq!(height("minimum 6 feet"), Some((Some(183), None)));
        assert_eq!(height("taller than 170 cm"), Some((Some(170), None)));
        assert_eq!(height("no taller than 1.75 m"), Some((None, Some(175))));
        assert_eq!(height("under 5 feet 8 inches"), Some((None, Some(173))));
    }

    #[test]
    fn ranges_and_plain_heights() {
        assert_eq!(height("5'4\"-5'7\""), Some((Some(163), Some(170))));
        assert_eq!(height("160-170 cm"), Some((Some(160), Some(170))));
        assert_eq!(height("between 5'4 and 5'8"), Some((Some(163), Some(173))));
        assert_eq!(height("5'5\"+"), Some((Some(165), None)));
        assert_eq!(height("5.8 ft"), Some((Some(171), Some(175))));
        assert_eq!(height("6 foot tall"), Some((Some(181), Some(185))));
        assert_eq!(height("five feet"), Some((Some(150), Some(154))));
        assert_eq!(height("25-32"), None);
        assert_eq!(height("height 170"), Some((Some(168), Some(172))));
        assert_eq!(height("लंबाई कम से कम 5 फुट 6 इंच"), Some((Some(168), None)));
        assert_eq!(height("6 फुट से ज़्यादा"), Some((Some(183), None)));
        assert_eq!(height("५ फुट ७ इंच से कम"), Some((None, Some(170))));
        assert_eq!(
            height("height kam se kam 5 feet 11"),
            Some((Some(180), None))
        );
    }
}
