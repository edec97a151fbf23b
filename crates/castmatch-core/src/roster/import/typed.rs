//! A talent that arrives already typed (`Engine.add` from JavaScript): numbers as numbers, dates
//! as YYYY-MM-DD. Checked and canonicalised as an imported row is, without the importers'
//! readers of spreadsheet spellings, which the chat module does not carry.

use super::record::{canonical_list, city};
use super::values::{AGES, HEIGHTS_CM};
use super::RosterError;
use crate::roster::Talent;
use crate::vocab::{canonical_language, canonical_skill, normalise};

/// Canonical names (city, languages, skills, look tags) and the imports' range and order
/// checks; every problem is reported, each as `[0].field: reason`.
pub fn checked_talent(mut t: Talent) -> Result<Talent, RosterError> {
    let mut problems = Vec::new();
    let mut problem = |field: &str, reason: String| {
        problems.push(RosterError::Element {
            index: 0,
            field: field.into(),
            reason,
        })
    };
    t.id = t.id.trim().to_string();
    t.name = t.name.trim().to_string();
    for (field, value) in [("id", &t.id), ("name", &t.name), ("city", &t.city)] {
        if value.trim().is_empty() {
            problem(field, "a value is required".into());
        }
    }
    for (field, value, range) in [("age", t.age, AGES), ("height_cm", t.height_cm, HEIGHTS_CM)] {
        if !range.contains(&value) {
            let (low, high) = range.into_inner();
            problem(field, format!("{value} is out of range ({low} to {high})"));
        }
    }
    if t.experience_years > t.age {
        let reason = format!(
            "{} years is more than the age ({})",
            t.experience_years, t.age
        );
        problem("experience_years", reason);
    }
    if let (Some(low), Some(high)) = (t.playing_age_min, t.playing_age_max) {
        if low > high {
            problem(
                "playing_age_min",
                format!("{low} is above playing_age_max ({high})"),
            );
        }
    }
    if let (Some(first), Some(last)) = (t.available_from, t.available_to) {
        if first > last {
            problem(
                "available_from",
                format!("{first} is after available_to ({last})"),
            );
        }
    }
    if !problems.is_empty() {
        return Err(match problems.len() {
            1 => problems.remove(0),
            _ => RosterError::Problems(problems),
        });
    }
    t.city = city(t.city.trim());
    t.languages = canonical_list(&t.languages, canonical_language);
    t.skills = canonical_list(&t.skills, canonical_skill);
    t.look = canonical_list(&t.look, normalise);
    Ok(t)
}
