//! From a reading to `Requirements`: a whole brief builds them from nothing, a refinement turn
//! edits a standing brief by the rules in CONVENTIONS.md (replace, add, clear, shift).

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::requirements::Requirements;
use crate::vocab::Vocabulary;

use super::conversation::Interpretation;
use super::lexicon::Field;
use super::reading::{read, Op, Reading, SetField};

/// A brief, understood: the requirements and the words that could not be placed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Parsed {
    pub requirements: Requirements,
    /// Phrases that look like content but match no vocabulary, in text order, as written
    /// ("Marwari family", "Kerala"). Role nouns and production context (cop, ad, web series,
    /// detergent) are known context and are not reported.
    pub unrecognised: Vec<String>,
    /// Phrases read as something they do not name outright ("read 'MMA fighter' as skill
    /// mma"), each with how sure the reading is.
    pub readings: Vec<Interpretation>,
}

/// Parses a casting brief with the built-in vocabulary. Deterministic, offline, never panics.
pub fn parse(text: &str) -> Parsed {
    parse_in(text, Vocabulary::builtin())
}

/// Parses a casting brief about a roster: its own terms ("rock climbing") are words too.
/// Shoot dates need a today to be placed in a year: see `parse_on`.
pub fn parse_in(text: &str, vocabulary: &Vocabulary) -> Parsed {
    parse_at(text, vocabulary, None)
}

/// Parses a casting brief written on `today`: "next month", "in March" are the coming ones.
pub fn parse_on(text: &str, today: Date) -> Parsed {
    parse_at(text, Vocabulary::builtin(), Some(today))
}

fn parse_at(text: &str, vocabulary: &Vocabulary, today: Option<Date>) -> Parsed {
    let reading = read(text, vocabulary);
    let mut requirements = Requirements::default();
    apply(&mut requirements, &reading, Mode::Fresh);
    apply_terms(&mut requirements, &reading, today);
    Parsed {
        requirements,
        unrecognised: reading.unrecognised,
        readings: reading.readings,
    }
}

/// Whether a reading builds a brief or refines a standing one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Fresh,
    Refine,
}

/// Applies what a text states to `req`.
pub(crate) fn apply(req: &mut Requirements, reading: &Reading, mode: Mode) {
    // "any age" comes before the ages a turn states (the reading keeps only later ones).
    for op in &reading.ops {
        if let Op::Clear(f @ (Field::Age | Field::Height)) = op {
            clear(req, *f);
        }
    }
    apply_gender(req, reading);
    apply_age(req, reading);
    apply_height(req, reading);
    for field in replaced_fields(reading, mode) {
        set_mut(req, field).clear();
    }
    for op in &reading.ops {
        if !matches!(op, Op::Clear(Field::Age | Field::Height)) {
            apply_op(req, op);
        }
    }
    apply_description(req, reading, mode);
}

/// Words no field placed still say who the role is ("a physician in a white coat", "ex-fauji"):
/// they become the description the meaning layer ranks by; a refinement's are added to it.
fn apply_description(req: &mut Requirements, reading: &Reading, mode: Mode) {
    if reading.unrecognised.is_empty() {
        return;
    }
    let words = reading.unrecognised.join(", ");
    req.description = match (mode, req.description.take()) {
        (Mode::Refine, Some(before)) => Some(format!("{before}, {words}")),
        _ => Some(words),
    };
}

/// The day rate and, when the caller gave today, the shoot days a text states.
pub(crate) fn apply_terms(req: &mut Requirements, reading: &Reading, today: Option<Date>) {
    if let Some(rate) = reading.rate {
        req.day_rate_max_inr = Some(rate);
    }
    if let Some((first, last)) = today.zip(reading.days).and_then(|(t, d)| d.resolve(t)) {
        (req.available_from, req.available_to) = (Some(first), last);
    }
}

fn apply_gender(req: &mut Requirements, reading: &Reading) {
    match reading.gender {
        Some(stated) => req.gender = stated,
        None if req.gender.is_none() => req.gender = reading.weak_gender,
        None => {}
    }
}

fn apply_age(req: &mut Requirements, reading: &Reading) {
    if let Some(span) = reading.age {
        (req.age_min, req.age_max) = span.applied_to(req.age_min, req.age_max);
    } else if let Some(shift) = reading.age_shift {
        let moved = |a: Option<u32>| a.map(|a| a.saturating_add_signed(shift).min(120));
        req.age_min = moved(req.age_min);
        req.age_max = moved(req.age_max);
    }
}

fn apply_height(req: &mut Requirements, reading: &Reading) {
    if let Some(span) = reading.height {
        (req.height_min_cm, req.height_max_cm) =
            span.applied_to(req.height_min_cm, req.height_max_cm);
    }
}

/// Set fields a refinement replaces: those it adds to, when it says "actually" / "only",
/// or for cities by default (a new city means a move; a new language or skill means "also").
/// A field may come twice (two cities): clearing it again does nothing.
fn replaced_fields(reading: &Reading, mode: Mode) -> Vec<SetField> {
    if mode == Mode::Fresh || reading.additive {
        return Vec::new();
    }
    reading
        .ops
        .iter()
        .filter_map(|op| match op {
            Op::Add(f @ SetField::Cities, _) => Some(*f),
            Op::Add(f @ (SetField::Languages | SetField::Skills), _) if reading.replacing => {
                Some(*f)
            }
            _ => None,
        })
        .collect()
}

fn set_mut(req: &mut Requirements, field: SetField) -> &mut BTreeSet<String> {
    match field {
        SetField::Languages => &mut req.languages,
        SetField::Skills => &mut req.skills,
        SetField::Cities => &mut req.cities,
        SetField::PreferredLanguages => &mut req.preferred_languages,
        SetField::PreferredSkills => &mut req.preferred_skills,
        SetField::PreferredCities => &mut req.preferred_cities,
        SetField::SkillGroups => &mut req.skill_groups,
        SetField::PreferredSkillGroups => &mut req.preferred_skill_groups,
        SetField::Look => &mut req.look,
    }
}

/// The required field and its preferred twin, for removals.
fn twins(field: SetField) -> [SetField; 2] {
    match field {
        SetField::Languages | SetField::PreferredLanguages => {
            [SetField::Languages, SetField::PreferredLanguages]
        }
        SetField::Skills | SetField::PreferredSkills => {
            [SetField::Skills, SetField::PreferredSkills]
        }
        SetField::Cities | SetField::PreferredCities => {
            [SetField::Cities, SetField::PreferredCities]
        }
        SetField::SkillGroups | SetField::PreferredSkillGroups => {
            [SetField::SkillGroups, SetField::PreferredSkillGroups]
        }
        SetField::Look => [SetField::Look, SetField::Look],
    }
}

fn apply_op(req: &mut Requirements, op: &Op) {
    match op {
        Op::Add(field, value) => add(req, *field, value),
        Op::Remove(field, value) => {
            for f in twins(*field) {
                set_mut(req, f).remove(value);
            }
        }
        Op::ExcludeCity(city) => {
            req.excluded_cities.insert(city.clone());
        }
        Op::Clear(field) => clear(req, *field),
        Op::ClearGroup(group) => {
            req.skills.retain(|s| !group.includes(s));
            req.preferred_skills.retain(|s| !group.includes(s));
            req.skill_groups.remove(group.name());
            req.preferred_skill_groups.remove(group.name());
        }
    }
}

/// Adds a value to the required or the preferred set, taking it out of the other: the later
/// statement wins ("make Kathak optional"). A wanted city is no longer excluded.
fn add(req: &mut Requirements, field: SetField, value: &str) {
    let [required, preferred] = twins(field);
    let other = if field == required {
        preferred
    } else {
        required
    };
    if other != field {
        set_mut(req, other).remove(value);
    }
    set_mut(req, field).insert(value.to_string());
    if matches!(field, SetField::Cities | SetField::PreferredCities) {
        req.excluded_cities.remove(value);
    }
}

fn clear(req: &mut Requirements, field: Field) {
    match field {
        Field::Gender => req.gender = None,
        Field::Age => {
            req.age_min = None;
            req.age_max = None;
        }
        Field::Height => {
            req.height_min_cm = None;
            req.height_max_cm = None;
        }
        Field::Languages => {
            req.languages.clear();
            req.preferred_languages.clear();
        }
        Field::Skills => {
            req.skills.clear();
            req.preferred_skills.clear();
            req.skill_groups.clear();
            req.preferred_skill_groups.clear();
        }
        Field::Cities => {
            req.cities.clear();
            req.preferred_cities.clear();
            req.excluded_cities.clear();
        }
        Field::Look => req.look.clear(),
    }
}
