//! The first pass of a reading: tokens to tagged items. Heights and ages first (they hold
//! numbers), then the longest known phrase; what is left is a number, a break, a conjunction or
//! an unknown word.

use super::age::{is_decade_word, match_age, money_before, AgeSpan};
use super::height::{match_height, HeightSpan};
use super::lexicon::{table, Form, Found, Lexeme, Lexicon};
use super::terms::{match_terms, Term};
use super::tokens::{Kind, Token};

/// What ends a clause, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Break {
    /// A comma, colon, bar or a dash between words: the sentence goes on.
    Clause,
    /// ". ; !" or a new line: the sentence ends too.
    Sentence,
    /// "?": the sentence ends, and the next clause may answer it ("Can skate? No need").
    Question,
}

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Piece {
    Lex(&'static [Lexeme]),
    Age(AgeSpan),
    Height(HeightSpan),
    /// Shoot dates or a day rate ("free next month", "under 50k a day").
    Terms(Term),
    /// A whole number nothing else claimed.
    Number(u32),
    Unknown,
    /// A possessive `'s`: the word before it is someone else ("heroine's father").
    Possessive,
    /// "and", "&", "/": splits a clause that mixes "must" and "a plus".
    Conjunction,
    Break(Break),
}

/// A piece and the tokens it covers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Item {
    pub piece: Piece,
    /// Token range.
    pub start: usize,
    pub end: usize,
    /// How a known phrase met the lexicon (exactly, by word form, by spelling).
    pub form: Form,
}

impl Item {
    /// Whether the item is a known phrase with a meaning that `pred` accepts.
    pub fn has(&self, pred: impl Fn(&Lexeme) -> bool) -> bool {
        matches!(self.piece, Piece::Lex(l) if l.iter().any(pred))
    }

    /// Whether the item is a known phrase meaning `lexeme`.
    pub fn is(&self, lexeme: Lexeme) -> bool {
        self.has(|l| *l == lexeme)
    }
}

/// Farthest a qualifier reaches before its number ("in the age group of 25").
const NUMBER_REACH: usize = 8;

/// Tags tokens: heights and ages first, then the longest known phrase.
pub(crate) fn tag(tokens: &[Token], lexicon: &Lexicon) -> Vec<Item> {
    let next_number = next_number_index(tokens);
    let mut items = Vec::with_capacity(tokens.len());
    let mut i = 0;
    while i < tokens.len() {
        // Age and height phrases hold a number (or a decade word) within a few tokens;
        // elsewhere their readers need not run.
        let numeric = next_number[i] < i + NUMBER_REACH;
        let (piece, end, form, owner) = item_at(tokens, i, numeric, lexicon);
        if let Some(piece) = piece {
            items.push(Item {
                piece,
                start: i,
                end,
                form,
            });
        }
        if owner {
            // "मुलाची": the boy, then the possessive its ending carries.
            items.push(Item {
                piece: Piece::Possessive,
                start: i,
                end,
                form,
            });
        }
        i = end.max(i + 1);
    }
    items
}

/// For each token, the index of the next number or decade word at or after it.
fn next_number_index(tokens: &[Token]) -> Vec<usize> {
    let mut next = vec![usize::MAX; tokens.len() + 1];
    for i in (0..tokens.len()).rev() {
        let t = &tokens[i];
        let numeric = t.kind == Kind::Number || (t.kind == Kind::Word && is_decade_word(&t.text));
        next[i] = if numeric { i } else { next[i + 1] };
    }
    next
}

fn item_at(
    tokens: &[Token],
    i: usize,
    numeric: bool,
    lexicon: &Lexicon,
) -> (Option<Piece>, usize, Form, bool) {
    // Before ages: "2-6 March" is days, "under 8k a day" a rate.
    if let Some((term, end)) = match_terms(tokens, i) {
        return (Some(Piece::Terms(term)), end, Form::Exact, false);
    }
    if numeric {
        if let Some((span, end)) = match_height(tokens, i) {
            return (Some(Piece::Height(span)), end, Form::Exact, false);
        }
        if let Some((span, end)) = match_age(tokens, i) {
            return (Some(Piece::Age(span)), end, Form::Exact, false);
        }
    }
    let t = &tokens[i];
    let (piece, end) = match t.kind {
        Kind::Word if t.text == "'s" => (Some(Piece::Possessive), i + 1),
        Kind::Word => {
            let found = lexicon
                .longest_match(tokens, i)
                .or_else(|| lexicon.guess(tokens, i));
            return match found {
                Some(Found { lexemes, end, .. }) if lexemes.contains(&Lexeme::Conjunction) => {
                    (Some(Piece::Conjunction), end, Form::Exact, false)
                }
                Some(f) => (Some(Piece::Lex(f.lexemes)), f.end, f.form, f.possessive),
                None => (Some(Piece::Unknown), i + 1, Form::Exact, false),
            };
        }
        Kind::Number => match t.whole() {
            Some(n) if !money_before(tokens, i) => (Some(Piece::Number(n)), i + 1),
            _ => (Some(Piece::Unknown), i + 1),
        },
        Kind::Punct => (punct_piece(tokens, i), i + 1),
    };
    (piece, end, Form::Exact, false)
}

fn punct_piece(tokens: &[Token], i: usize) -> Option<Piece> {
    match tokens[i].text.as_str() {
        // Parentheses do not break a clause: "Kathak (preferred)" keeps its marker.
        "," | ":" | "|" => Some(Piece::Break(Break::Clause)),
        ";" | "!" | "\n" => Some(Piece::Break(Break::Sentence)),
        "?" => Some(Piece::Break(Break::Question)),
        // After an abbreviation ("approx.", `@abbreviations`) a "." does not end a sentence.
        "." => {
            let abbreviation = i.checked_sub(1).is_some_and(|p| {
                table("abbreviations")
                    .split('|')
                    .any(|w| w == tokens[p].text)
            });
            (!abbreviation).then_some(Piece::Break(Break::Sentence))
        }
        "&" | "/" => Some(Piece::Conjunction),
        "-" if is_dash_between_words(tokens, i) => Some(Piece::Break(Break::Clause)),
        _ => None,
    }
}

/// " - " or " — " between words (not numbers) separates clauses: "Bengali - Kolkata preferred".
fn is_dash_between_words(tokens: &[Token], i: usize) -> bool {
    let spaced_after = tokens.get(i + 1).is_some_and(|n| n.spaced);
    let numeric = |t: Option<&Token>| t.is_some_and(|t| t.kind != Kind::Word);
    tokens[i].spaced
        && spaced_after
        && !numeric(i.checked_sub(1).map(|p| &tokens[p]))
        && !numeric(tokens.get(i + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::tokens::tokenise;
    use crate::roster::Gender;
    use crate::vocab::Vocabulary;

    /// A short name for each item, to compare against a table.
    fn shape(text: &str) -> Vec<String> {
        let tokens = tokenise(text);
        tag(&tokens, &Lexicon::new(Vocabulary::builtin()))
            .iter()
            .map(|it| match it.piece {
                Piece::Lex(l) => format!("lex:{}", l.len()),
                Piece::Age(s) => format!("age:{:?}-{:?}", s.min, s.max),
                Piece::Height(s) => format!("height:{:?}-{:?}", s.min, s.max),
                Piece::Terms(_) => "terms".into(),
                Piece::Number(n) => format!("number:{n}"),
                Piece::Unknown => "unknown".into(),
                Piece::Possessive => "'s".into(),
                Piece::Conjunction => "and".into(),
                Piece::Break(Break::Clause) => ",".into(),
                Piece::Break(Break::Sentence) => ".".into(),
                Piece::Break(Break::Question) => "?".into(),
            })
            .collect()
    }

    #[test]
    fn tags_by_table() {
        for (text, want) in [
            (
                "Female, 25-32.",
                &["lex:1", ",", "age:Some(25)-Some(32)", "."][..],
            ),
            ("5'10\" tall", &["height:Some(176)-Some(180)"]),
            ("Kathak and Odissi", &["lex:1", "and", "lex:1"]),
            ("Hindi/English", &["lex:1", "and", "lex:1"]),
            ("heroine's father", &["lex:1", "'s", "lex:1"]),
            ("zorblax 7", &["unknown", "number:7"]),
            ("Rs 500", &["lex:1", "unknown"]),
            ("approx. 40", &["age:Some(37)-Some(43)"]),
            ("Bengali - Kolkata", &["lex:1", ",", "lex:1"]),
            ("25 - 30", &["age:Some(25)-Some(30)"]),
        ] {
            assert_eq!(shape(text), want, "{text}");
        }
    }

    #[test]
    fn longest_phrase_is_one_item() {
        let tokens = tokenise("old man");
        let items = tag(&tokens, &Lexicon::new(Vocabulary::builtin()));
        assert_eq!(items.len(), 1);
        assert!(items[0].is(Lexeme::Gender(Gender::Male)));
        assert!(items[0].has(|l| matches!(l, Lexeme::AgeBand(60, None))));
    }
}
