//! The engine's own short reply to a turn, written from what changed and what matched; shown
//! when Claude is not configured ("Now 30-37. 14 match; the best is ...").

use crate::rank::Match;
use crate::requirements::Requirements;

use super::conversation::{BriefField, Change, Turn};

/// A reply to one turn: what the brief now says, how many match, and the words no field took
/// (ranked by meaning only).
pub fn reply(turn: &Turn, matching: usize, best: Option<&Match>) -> String {
    let mut parts = vec![head(turn)];
    // Generic skills are already in the summary as "any dance form".
    let read: Vec<String> = turn
        .readings
        .iter()
        .filter(|r| {
            !matches!(
                r.field,
                BriefField::SkillGroups | BriefField::PreferredSkillGroups
            )
        })
        .map(ToString::to_string)
        .collect();
    if !read.is_empty() {
        parts.push(format!("I {}.", read.join("; ")));
    }
    parts.push(results(&turn.requirements, matching, best));
    if !turn.unrecognised.is_empty() {
        parts.push(format!(
            "Ranked by meaning, not as a filter: {}.",
            turn.unrecognised.join(", ")
        ));
    }
    parts.retain(|p| !p.is_empty());
    parts.join(" ")
}

fn head(turn: &Turn) -> String {
    if turn.changes.is_empty() {
        return if turn.unrecognised.is_empty() {
            "Nothing changed.".to_string()
        } else {
            String::new()
        };
    }
    // A first statement: every field now set was open before this turn.
    let set_fields = BriefField::ALL
        .iter()
        .filter(|f| f.value_in(&turn.requirements) != "any")
        .count();
    let first_statement = turn.new_role
        || (turn.changes.iter().all(|c| c.before == "any") && turn.changes.len() == set_fields);
    if first_statement {
        format!("Looking for: {}.", summary(&turn.requirements))
    } else {
        let described: Vec<String> = turn.changes.iter().map(describe).collect();
        format!("Now {}.", described.join("; "))
    }
}

/// "female, 25-32, hindi + marathi, kathak, mumbai" — every field that constrains.
pub fn summary(r: &Requirements) -> String {
    let parts: Vec<String> = BriefField::ALL
        .iter()
        .filter_map(|&f| {
            let value = f.value_in(r);
            (value != "any").then(|| match f {
                BriefField::Gender
                | BriefField::Age
                | BriefField::Languages
                | BriefField::Skills
                | BriefField::SkillGroups
                | BriefField::Cities => value,
                BriefField::Height => format!("height {value}"),
                BriefField::PreferredSkills
                | BriefField::PreferredSkillGroups
                | BriefField::PreferredLanguages
                | BriefField::PreferredCities => format!("{value} a plus"),
                BriefField::ExcludedCities => format!("not {value}"),
                BriefField::Look => format!("look: {value}"),
            })
        })
        .collect();
    if parts.is_empty() {
        "anyone".to_string()
    } else {
        parts.join(", ")
    }
}

/// One change, as the new state: "30-37", "any city", "languages hindi + punjabi".
fn describe(c: &Change) -> String {
    let open = c.after == "any";
    match c.field {
        BriefField::Age if open => "any age".to_string(),
        BriefField::Age => c.after.clone(),
        BriefField::Gender if open => "any gender".to_string(),
        BriefField::Gender => c.after.clone(),
        BriefField::Cities if open => "any city".to_string(),
        BriefField::Cities => format!("in {}", c.after),
        BriefField::Height if open => "any height".to_string(),
        BriefField::Languages if open => "no language needed".to_string(),
        BriefField::Skills if open => "no skills needed".to_string(),
        BriefField::SkillGroups if open => "no generic skill needed".to_string(),
        BriefField::SkillGroups => c.after.clone(),
        BriefField::ExcludedCities if open => "no city excluded".to_string(),
        BriefField::ExcludedCities => format!("not {}", c.after),
        f if open => format!("no {}", f.label()),
        f => format!("{} {}", f.label(), c.after),
    }
}

fn results(r: &Requirements, matching: usize, best: Option<&Match>) -> String {
    match (matching, best) {
        (0, _) => format!("No one matches yet: try {}.", widening_hint(r)),
        (1, Some(m)) => format!("One match: {}.", who(m)),
        (n, Some(m)) => format!("{n} match; the best is {}.", who(m)),
        (1, None) => "One match.".to_string(),
        (n, None) => format!("{n} match."),
    }
}

fn who(m: &Match) -> String {
    format!(
        "{}, {}, {}",
        m.name,
        m.talent.age,
        crate::rank::display(&m.talent.city)
    )
}

/// Suggests loosening the field most likely to be excluding people. Without the roster at hand
/// this is a judgement: each named skill cuts hard, a narrow age band and a height bound next,
/// then cities and less common languages.
fn widening_hint(r: &Requirements) -> String {
    let age_width = match (r.age_min, r.age_max) {
        (Some(a), Some(b)) => b.saturating_sub(a) as f32,
        (None, None) => f32::INFINITY,
        _ => 30.0,
    };
    let common = |l: &String| l == "hindi" || l == "english";
    let candidates = [
        (
            3.0 * (r.skills.len() + r.skill_groups.len()) as f32,
            "dropping a skill or marking it a plus",
        ),
        (
            if age_width.is_finite() {
                20.0 / (age_width + 1.0)
            } else {
                0.0
            },
            "widening the age range",
        ),
        (
            2.0 * f32::from(u8::from(
                r.height_min_cm.is_some() || r.height_max_cm.is_some(),
            )),
            "relaxing the height",
        ),
        (
            r.languages
                .iter()
                .map(|l| if common(l) { 0.5 } else { 1.5 })
                .sum(),
            "dropping a language",
        ),
        (
            if r.cities.is_empty() {
                0.0
            } else {
                2.5 / r.cities.len() as f32
            },
            "adding a city or any city",
        ),
        (f32::from(u8::from(r.gender.is_some())) * 0.5, "any gender"),
    ];
    candidates
        .iter()
        .filter(|(weight, _)| *weight > 0.0)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map_or("a broader description", |c| c.1)
        .to_string()
}
