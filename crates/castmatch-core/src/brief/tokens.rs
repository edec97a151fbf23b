//! Tokens of a brief: words, numbers and the punctuation that matters (dashes, quotes, commas),
//! each with its byte range in the original text so phrases can be quoted back safely.

use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters, lower-cased in `text`; a trailing possessive `'s` is its own word.
    Word,
    /// Digits, optionally with one decimal point; spelled-out numbers become numbers too.
    Number,
    /// One punctuation character, normalised: all dashes are `-`, all single quotes and primes
    /// are `'`, all double quotes are `"`.
    Punct,
}

/// One token.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub kind: Kind,
    /// Lower-case word, digit string, or the normalised punctuation character.
    pub text: String,
    /// Numeric value for `Kind::Number`; 0 otherwise.
    pub value: f64,
    /// Byte range in the source text (always on char boundaries).
    pub span: Range<usize>,
    /// Whether whitespace separates this token from the previous one.
    pub spaced: bool,
}

impl Token {
    pub fn is_word(&self, w: &str) -> bool {
        self.kind == Kind::Word && self.text == w
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.text.starts_with(c)
    }

    /// The value as a whole number, when it is one.
    pub fn whole(&self) -> Option<u32> {
        let whole = self.kind == Kind::Number && !self.text.contains('.') && self.value < 1e6;
        whole.then_some(self.value as u32)
    }
}

/// Matches a space-separated pattern of token texts at `i` ("at least", "- ish", "y / o");
/// a hyphen token between two pattern parts is skipped. Returns the index after the match.
pub(crate) fn seq_at(tokens: &[Token], i: usize, pattern: &str) -> Option<usize> {
    let mut j = i;
    for (n, part) in pattern.split(' ').enumerate() {
        if n > 0 && part != "-" && tokens.get(j).is_some_and(|t| t.is_punct('-')) {
            j += 1;
        }
        tokens.get(j).filter(|t| t.text == part)?;
        j += 1;
    }
    Some(j)
}

/// The longest of `patterns` (each a `|`-separated list of alternatives) that matches at `i`:
/// its tag and the index after it.
pub(crate) fn any_at<T: Copy>(
    tokens: &[Token],
    i: usize,
    patterns: &[(&str, T)],
) -> Option<(T, usize)> {
    let mut best: Option<(T, usize)> = None;
    for (alternatives, tag) in patterns {
        for end in alternatives.split('|').filter_map(|p| seq_at(tokens, i, p)) {
            if best.is_none_or(|(_, b)| end > b) {
                best = Some((*tag, end));
            }
        }
    }
    best
}

/// The first words of a pattern table, for a cheap "could a phrase start here?" test.
pub(crate) fn first_words(patterns: &[&str]) -> std::collections::HashSet<String> {
    patterns
        .iter()
        .flat_map(|p| p.split('|'))
        .filter_map(|alt| alt.split(' ').next())
        .map(String::from)
        .collect()
}

/// Splits a brief into tokens. Never panics; unknown symbols (emoji, bullets) act as spaces.
pub(crate) fn tokenise(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut spaced = true;
    while let Some((start, c)) = chars.next() {
        if c.is_alphabetic() {
            let mut end = start + c.len_utf8();
            while let Some(&(i, n)) = chars.peek() {
                let joins_word = n.is_alphabetic()
                    || is_indic_mark(n)
                    || (is_single_quote(n) && next_is_letter(text, i + n.len_utf8()));
                if !joins_word {
                    break;
                }
                end = i + n.len_utf8();
                chars.next();
            }
            push_word(&mut tokens, text, start..end, spaced);
        } else if let Some(first) = digit(c) {
            let mut end = start + c.len_utf8();
            let mut digits = String::from(first);
            while let Some(&(i, n)) = chars.peek() {
                let after = &text[i + n.len_utf8()..];
                let decimal = n == '.'
                    && !digits.contains('.')
                    && after.chars().next().and_then(digit).is_some();
                let Some(d) = digit(n).or(decimal.then_some('.')) else {
                    break;
                };
                digits.push(d);
                end = i + n.len_utf8();
                chars.next();
            }
            let value = number_value(&digits);
            tokens.push(Token {
                kind: Kind::Number,
                text: digits,
                value,
                span: start..end,
                spaced,
            });
        } else if let Some(p) = punctuation(c) {
            let span = start..start + c.len_utf8();
            tokens.push(Token {
                kind: Kind::Punct,
                text: p.to_string(),
                value: 0.0,
                span,
                spaced,
            });
        } else {
            spaced = true;
            continue;
        }
        spaced = false;
        if let Some(&(_, n)) = chars.peek() {
            spaced = n.is_whitespace();
        }
    }
    join_spelled_numbers(tokens)
}

/// An ASCII digit, or a Devanagari one (२५ is 25), as its ASCII digit.
fn digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '\u{0966}'..='\u{096F}' => char::from_digit(c as u32 - 0x0966, 10),
        _ => None,
    }
}

/// Devanagari signs inside a word that are not letters (virama, nukta), and the zero-width
/// joiners some keyboards insert.
fn is_indic_mark(c: char) -> bool {
    matches!(c, '\u{0900}'..='\u{0963}' | '\u{200C}' | '\u{200D}')
}

fn is_single_quote(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{2032}' | '`')
}

fn next_is_letter(text: &str, at: usize) -> bool {
    text.get(at..)
        .and_then(|rest| rest.chars().next())
        .is_some_and(char::is_alphabetic)
}

/// The normalised punctuation a character stands for; None for symbols we ignore.
fn punctuation(c: char) -> Option<char> {
    Some(match c {
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}' => '-',
        c if is_single_quote(c) => '\'',
        '"' | '\u{201C}' | '\u{201D}' | '\u{2033}' => '"',
        '\n' => '\n',
        ',' | ';' | '.' | ':' | '!' | '?' | '/' | '&' | '+' | '(' | ')' | '~' | '|' | '$'
        | '\u{20B9}' => c,
        '\u{2022}' | '*' => '\n', // bullets start a new line of the brief
        '\u{0964}' | '\u{0965}' => '.', // danda: the end of a Hindi or Marathi sentence
        _ => return None,
    })
}

/// The value of a run of ASCII digits with at most one decimal point ("5.5" -> 5.5): the digits
/// as one integer, divided once by a power of ten, so the result is correctly rounded. A run
/// too long for that reads as `f64::MAX`, which no reader takes for an age, a height or a count.
/// (`str::parse::<f64>` would do, but it brings 10 KB of tables into the `.wasm` for this.)
fn number_value(digits: &str) -> f64 {
    const EXACT: u64 = 1 << f64::MANTISSA_DIGITS;
    let fraction_digits = digits
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len());
    let mantissa = digits
        .bytes()
        .filter(u8::is_ascii_digit)
        .try_fold(0u64, |n, d| {
            n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        });
    match mantissa {
        // 10^22 is the largest power of ten an f64 holds exactly.
        Some(m) if m < EXACT && fraction_digits <= 22 => {
            m as f64 / 10f64.powi(fraction_digits as i32)
        }
        _ => f64::MAX,
    }
}

/// Lower-cases a word and splits a possessive `'s` off (`heroine's` -> `heroine`, `'s`).
fn push_word(tokens: &mut Vec<Token>, text: &str, span: Range<usize>, spaced: bool) {
    let lower: String = text[span.clone()]
        .chars()
        .map(|c| if is_single_quote(c) { '\'' } else { c })
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let lower = if lower.is_ascii() {
        lower
    } else {
        crate::vocab::fold_devanagari(&lower)
    };
    let word = |t: String, span: Range<usize>, spaced| Token {
        kind: Kind::Word,
        text: t,
        value: 0.0,
        span,
        spaced,
    };
    if let Some(stem) = lower.strip_suffix("'s").filter(|s| !s.is_empty()) {
        // The raw apostrophe may be several bytes: split the span at the last quote char.
        let quote_at = text[span.clone()]
            .rfind(is_single_quote)
            .map_or(span.end, |i| span.start + i);
        tokens.push(word(stem.to_string(), span.start..quote_at, spaced));
        tokens.push(word("'s".to_string(), quote_at..span.end, false));
    } else {
        tokens.push(word(lower, span, spaced));
    }
}

const UNITS: [&str; 19] = [
    "",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
];
const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

fn spelled_value(word: &str) -> Option<u32> {
    if word == "nineteen" {
        return Some(19);
    }
    // "one" is left a word: "no one", "someone like" are far commoner than ages of one.
    let unit = UNITS
        .iter()
        .skip(2)
        .position(|u| *u == word)
        .map(|i| i as u32 + 2);
    unit.or_else(|| {
        TENS.iter()
            .position(|t| !t.is_empty() && *t == word)
            .map(|i| i as u32 * 10)
    })
}

/// Turns spelled-out numbers ("six", "thirty-five", "forty five") into number tokens.
fn join_spelled_numbers(tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        let t = &tokens[i];
        let Some(v) = (t.kind == Kind::Word)
            .then(|| spelled_value(&t.text))
            .flatten()
        else {
            out.push(t.clone());
            i += 1;
            continue;
        };
        let mut value = v;
        let mut end = t.span.end;
        let mut next = i + 1;
        if v >= 20 && v % 10 == 0 {
            let skip_dash = usize::from(
                tokens
                    .get(next)
                    .is_some_and(|d| d.is_punct('-') && !d.spaced),
            );
            if let Some(u) = tokens
                .get(next + skip_dash)
                .filter(|u| u.kind == Kind::Word)
            {
                if let Some(unit) = spelled_value(&u.text).filter(|u| *u < 10) {
                    value += unit;
                    end = u.span.end;
                    next += skip_dash + 1;
                }
            }
        }
        out.push(Token {
            kind: Kind::Number,
            text: value.to_string(),
            value: f64::from(value),
            span: t.span.start..end,
            spaced: t.spaced,
        });
        i = next;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        tokenise(s).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn splits_heights_ranges_and_possessives() {
        assert_eq!(
            texts("5’10” hero's 25–32"),
            ["5", "'", "10", "\"", "hero", "'s", "25", "-", "32"]
        );
        assert_eq!(texts("1.75m, 30s"), ["1.75", "m", ",", "30", "s"]);
        assert_eq!(texts("thirty-five don't"), ["35", "don't"]);
    }

    #[test]
    fn survives_odd_input() {
        assert!(texts("🎬 ✨").is_empty());
        assert_eq!(texts("ß'"), ["ß", "'"]);
        assert_eq!(texts("99999999999999999999")[0], "99999999999999999999");
    }

    #[test]
    fn numbers_read_as_the_nearest_f64() {
        let value = |s: &str| tokenise(s)[0].value;
        for text in [
            "0",
            "7",
            "5.5",
            "1.75",
            "0.1",
            "162.56",
            "007",
            "3.14159265358979",
        ] {
            assert_eq!(value(text), text.parse::<f64>().unwrap(), "{text}");
        }
        assert_eq!(value("99999999999999999999"), f64::MAX);
    }

    #[test]
    fn devanagari_words_and_digits() {
        assert_eq!(texts("उम्र २५-३०।"), ["उम्र", "25", "-", "30", "."]);
        assert_eq!(texts("लड़की ज़्यादा"), texts("लड़की ज्यादा"));
        assert_eq!(texts("माँ"), texts("मां"));
        assert_eq!(tokenise("५.५ फुट")[0].value, 5.5);
        assert_eq!(texts("२५ से ३० साल"), ["25", "से", "30", "साल"]);
    }

    #[test]
    fn case_folds_ascii_only() {
        assert_eq!(texts("KATHAK Dancer"), ["kathak", "dancer"]);
        assert_eq!(texts("ÉCOLE अभिनेता"), ["École", "अभिनेता"]);
    }
}
