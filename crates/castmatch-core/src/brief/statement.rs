//! A stated preference, read with the brief parser's passes and words: its stance ("prefer",
//! "avoid", "never show me", turned by a negation: "I don't prefer" is an avoid), what it is
//! about (an age limit, a skill, a language, a city or a gender) and the roles it covers ("for
//! mother roles").

use crate::roster::Gender;
use crate::vocab::{TermKind, Vocabulary};

use super::clause::clauses;
use super::lexicon::{Lexeme, Lexicon};
use super::scope::{scope, Polarity};
use super::tag::{tag, Item, Piece};
use super::tokens::{tokenise, Token};

/// What a stated preference asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Stance {
    Prefer,
    Avoid,
    Never,
}

/// What a statement is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Subject {
    Term(TermKind, &'static str),
    Gender(Gender),
    /// "over 60": older than this.
    OlderThan(u32),
    /// "under 25": younger than this.
    YoungerThan(u32),
}

/// A stated preference as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Statement {
    pub stance: Option<Stance>,
    pub subject: Option<Subject>,
    /// The role noun it covers ("mother" from "for mother roles").
    pub roles: Option<String>,
}

/// Reads a stated preference; never panics.
pub(crate) fn statement(text: &str, vocabulary: &Vocabulary) -> Statement {
    let tokens = tokenise(text);
    let items = tag(&tokens, &Lexicon::new(vocabulary));
    let (about, roles) = split_roles(&items, &tokens, text);
    let clauses = clauses(about);
    let scopes = scope(&clauses);
    let stance = clauses
        .iter()
        .zip(&scopes)
        .flat_map(|(c, s)| c.items.iter().zip(s))
        .find_map(|(item, s)| {
            let stance = lexemes(item).iter().find_map(|l| match l {
                Lexeme::Stance(stance) => Some(*stance),
                _ => None,
            })?;
            Some(match (stance, s.polarity) {
                (stance, Polarity::Affirmed) => Some(stance),
                (Stance::Prefer, Polarity::Negated) => Some(Stance::Avoid),
                (Stance::Avoid, Polarity::Negated) => Some(Stance::Prefer),
                (Stance::Never, Polarity::Negated) | (_, Polarity::Waived) => None,
            })
        })
        .flatten();
    Statement {
        stance,
        subject: subject(about),
        roles,
    }
}

fn lexemes(item: &Item) -> &'static [Lexeme] {
    match item.piece {
        Piece::Lex(l) => l,
        _ => &[],
    }
}

/// Splits "... for mother roles" into the items before "for" and the role noun "mother".
fn split_roles<'i>(
    items: &'i [Item],
    tokens: &[Token],
    text: &str,
) -> (&'i [Item], Option<String>) {
    let Some(end) = items.iter().rposition(|it| it.is(Lexeme::RoleNoun)) else {
        return (items, None);
    };
    let Some(start) = items[..end].iter().rposition(|it| it.is(Lexeme::RoleScope)) else {
        return (items, None);
    };
    let words: Vec<String> = items[start + 1..end]
        .iter()
        .filter(|it| !it.has(|l| matches!(l, Lexeme::Modifier | Lexeme::Filler)))
        .filter_map(|it| {
            let (first, last) = (tokens.get(it.start)?, tokens.get(it.end - 1)?);
            text.get(first.span.start..last.span.end)
        })
        .map(str::to_ascii_lowercase)
        .collect();
    let roles = (!words.is_empty()).then(|| singular(&words.join(" ")));
    (&items[..start], roles)
}

fn singular(word: &str) -> String {
    match word.strip_suffix('s') {
        Some(stem) if !word.ends_with("ss") && stem.len() > 2 => stem.to_string(),
        _ => word.to_string(),
    }
}

/// The first age limit, else the first skill, language or city, else a gender.
fn subject(items: &[Item]) -> Option<Subject> {
    let age = items.iter().find_map(|it| match it.piece {
        Piece::Age(span) => match (span.sets_min, span.sets_max) {
            (true, false) => span.min.map(Subject::OlderThan),
            (false, true) => span.max.map(|m| Subject::YoungerThan(m + 1)),
            _ => None,
        },
        _ => None,
    });
    let term = |kind: TermKind| {
        items
            .iter()
            .flat_map(lexemes)
            .find_map(|l| match (kind, l) {
                (TermKind::Skill, Lexeme::Skill(s))
                | (TermKind::Language, Lexeme::Language(s))
                | (TermKind::City, Lexeme::City(s)) => Some(Subject::Term(kind, s)),
                _ => None,
            })
    };
    let gender = || {
        items.iter().flat_map(lexemes).find_map(|l| match l {
            Lexeme::Gender(g) => Some(Subject::Gender(*g)),
            _ => None,
        })
    };
    age.or_else(|| term(TermKind::Skill))
        .or_else(|| term(TermKind::Language))
        .or_else(|| term(TermKind::City))
        .or_else(gender)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> (Option<Stance>, Option<Subject>, Option<String>) {
        let s = statement(text, Vocabulary::builtin());
        (s.stance, s.subject, s.roles)
    }

    #[test]
    fn reads_by_table() {
        use Stance::*;
        use Subject::*;
        for (text, stance, subject, roles) in [
            (
                "I prefer theatre-trained actors",
                Some(Prefer),
                Some(Term(TermKind::Skill, "theatre")),
                None,
            ),
            (
                "I don't prefer boxers",
                Some(Avoid),
                Some(Term(TermKind::Skill, "boxing")),
                None,
            ),
            (
                "never show me anyone over 60 for mother roles",
                Some(Never),
                Some(OlderThan(60)),
                Some("mother"),
            ),
            (
                "avoid anyone under 25",
                Some(Avoid),
                Some(YoungerThan(25)),
                None,
            ),
            (
                "I'd like more Marathi speakers",
                Some(Prefer),
                Some(Term(TermKind::Language, "marathi")),
                None,
            ),
            (
                "never show me men for mother roles",
                Some(Never),
                Some(Gender(crate::roster::Gender::Male)),
                Some("mother"),
            ),
            (
                "don't show Bombay talent in villain parts",
                Some(Never),
                Some(Term(TermKind::City, "mumbai")),
                Some("villain"),
            ),
            ("hello there", None, None, None),
        ] {
            assert_eq!(
                read(text),
                (stance, subject, roles.map(String::from)),
                "{text}"
            );
        }
    }
}
