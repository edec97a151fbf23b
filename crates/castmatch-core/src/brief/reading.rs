//! Reading one piece of text (a brief or a refinement turn) into what it states: gender, age,
//! height, set additions and removals, cues like "also" or "next", and words it could not place.
//!
//! Four small passes, each pure: `tag` (tokens to ages, heights and known phrases), `clause`
//! (split at punctuation and "but"), `scope` (what "no", "not required", "a plus" and "must"
//! reach), `interpret` (each scoped item to what it states).

use crate::roster::Gender;
use crate::vocab::{SkillGroup, Vocabulary};

use super::age::AgeSpan;
use super::clause::clauses;
use super::conversation::Interpretation;
use super::height::HeightSpan;
use super::interpret::Interpreter;
use super::lexicon::{Field, Lexicon};
use super::scope::scope;
use super::tag::tag;
use super::terms::Days;
use super::tokens::tokenise;

/// A set-valued field an operation touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum SetField {
    Languages,
    Skills,
    Cities,
    PreferredLanguages,
    PreferredSkills,
    PreferredCities,
    SkillGroups,
    PreferredSkillGroups,
    Look,
}

/// One edit a text makes to the set fields, in text order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    Add(SetField, String),
    /// Removes a value from the field and its preferred twin ("no Kathak", "not Delhi").
    Remove(SetField, String),
    /// A city the talent must not be from ("not from Delhi").
    ExcludeCity(String),
    Clear(Field),
    /// "drop the dance": the group and every skill of it go.
    ClearGroup(SkillGroup),
}

/// What one text states.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Reading {
    /// Some(None) when the text says any gender; None when it says nothing.
    pub gender: Option<Option<Gender>>,
    /// A pronoun's hint ("make her older"), used only when no gender is known.
    pub weak_gender: Option<Gender>,
    pub age: Option<AgeSpan>,
    pub height: Option<HeightSpan>,
    /// Shoot days as written (placed in a year against the caller's today).
    pub days: Option<Days>,
    /// The highest day rate, in rupees.
    pub rate: Option<u32>,
    pub ops: Vec<Op>,
    /// "a bit older" (+5), "younger" (-5), "10 years older" (+10).
    pub age_shift: Option<i32>,
    pub new_role: bool,
    pub reset: bool,
    /// "also", "add": set values join the standing brief.
    pub additive: bool,
    /// "actually", "instead", "only": set values replace the standing ones.
    pub replacing: bool,
    pub unrecognised: Vec<String>,
    pub readings: Vec<Interpretation>,
}

/// Reads a text with the words of `vocabulary`. Never panics, linear in the length of the text.
pub(crate) fn read(text: &str, vocabulary: &Vocabulary) -> Reading {
    let tokens = tokenise(text);
    let items = tag(&tokens, &Lexicon::new(vocabulary));
    let clauses = clauses(&items);
    let scopes = scope(&clauses);
    let mut interpreter = Interpreter::new(text, &tokens);
    interpreter.cues(&items);
    for (clause, scopes) in clauses.iter().zip(&scopes) {
        interpreter.clause(clause, scopes);
    }
    interpreter.finish(&items)
}
