//! Ranking: `Requirements` against a `Catalog` gives hard filtering, structured fit, semantic
//! fit, preferred-skill boosts and memory's adjustments, each result with reasons a person can
//! read, the semantic one quoting its evidence.
//!
//! Score = structured + `SEMANTIC_WEIGHT` × semantic, where
//! - structured = cosine of the (memory-shifted) requirement vector and the talent's feature
//!   vector, plus `PREFERRED_SKILL_BONUS` per preferred skill the talent has, plus each memory
//!   boost that applies;
//! - semantic (only when the brief says who the role is: `look`, `description`, and a text
//!   model is attached) = the best cosine between the brief's phrase and any unit of the
//!   talent's profile (a bio sentence, the look tags), plus `ARCHETYPE_BONUS` when the profile
//!   (bio, look, skills or credits) names a casting archetype the phrase names.
//!
//! What the director reads is `fit`, on one scale from 0 to 100: every result meets every
//! hard constraint, so fit is 100 less what the talent misses of the rest of the brief:
//! `FIT_PER_PLUS` for each preferred skill or skill group it lacks, and up to `FIT_FOR_LOOK`
//! (in steps of 5) by how far its profile is from the look or description asked. Widening a
//! brief (a dropped city, a wider age range) therefore never changes a talent's fit. Results
//! are ordered by fit, then by the score above (closeness of profile, memory), then by id.
//!
//! Candidates are the structured index's best, the unit index's best by cosine and its best
//! among talents sharing an archetype, all within the hard filter; every candidate is then
//! scored exactly. Ties break by talent id, so the same input always gives the same order.

use ndarray::ArrayView1;
use serde::{Deserialize, Serialize};

use crate::catalog::{archetype_evidence, Catalog, Fit, SemanticQuery};
use crate::features;
use crate::memory::{Boosts, Personalisation};
use crate::profile::{self, shorten, TextModel};
use crate::requirements::{has_skill_of, Requirements, ADULT_AGE};
use crate::roster::Talent;
use crate::vocab::SkillGroup;

/// Added to the score for each preferred skill the talent has.
pub const PREFERRED_SKILL_BONUS: f32 = 0.15;
/// How much semantic fit counts against structured fit. Cosines of the structured vectors
/// spread over about 0.1-0.2 among talents who pass a loose filter, semantic fits over about
/// 0.6, so who the talent is decides the order when the brief says it, and the structured fit
/// orders talents of the same kind (tuned on the dev set, BENCHMARKS.md "Issue 14").
pub const SEMANTIC_WEIGHT: f32 = 1.0;
/// Added to semantic fit when the profile names an archetype the brief's phrase names: "a
/// retired major" and "fifteen years with the Border Security Force" are both military.
pub const ARCHETYPE_BONUS: f32 = 0.4;
/// A best unit at least this close is shown as evidence even without a shared archetype.
const CLOSE_ENOUGH: f32 = 0.5;

/// Fit points a missing plus costs: `PREFERRED_SKILL_BONUS` on the 0-100 scale.
pub const FIT_PER_PLUS: u32 = 15;
/// Fit points a profile with nothing near the brief's look or description loses.
pub const FIT_FOR_LOOK: f32 = 50.0;

/// How many candidates the index returns per requested result, so boosts can reorder them.
const CANDIDATES_PER_RESULT: usize = 4;
const MIN_CANDIDATES: usize = 40;

/// One ranked result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Match {
    pub id: String,
    pub name: String,
    /// How fully the talent meets the brief, 0-100 (see the module doc): what to show.
    pub fit: u32,
    /// The ranking score behind the order among equal fits (no fixed scale).
    pub score: f32,
    /// What counts for the talent: each constraint met, each plus held, memory's boosts.
    pub reasons: Vec<String>,
    /// What counts against: pluses missing, a look not found, terms not on file.
    pub concerns: Vec<String>,
    pub talent: Talent,
}

/// Ranks the catalog for `r`: at most `k` talents, all meeting every hard constraint.
/// `memory` must have been compiled against the catalog as it is now (`Assistant` keeps
/// that so).
pub fn rank(catalog: &Catalog, r: &Requirements, k: usize, memory: &Personalisation) -> Vec<Match> {
    if k == 0 || catalog.is_empty() {
        return Vec::new();
    }
    debug_assert!(memory.fits(catalog), "personalisation of another catalog");
    let query = memory.shift_query(features::encode_requirements(r));
    let query = query.as_slice().unwrap_or(&[]);
    let filter = memory.restrict(catalog.filter(r));
    let pool = (k * CANDIDATES_PER_RESULT).max(MIN_CANDIDATES);
    let hits = catalog.with_scratch(|scratch| {
        catalog
            .index()
            .search_filtered(query, pool, &filter, scratch)
    });
    let mut candidates: Vec<u32> = hits.iter().map(|h| h.id).collect();
    let meaning = catalog.semantic().zip(catalog.semantic_query(r));
    if let Some(((_, semantic), q)) = &meaning {
        let by_meaning = semantic.search(q, &filter, pool, false);
        let by_archetype = match q.archetypes {
            0 => Vec::new(),
            _ => semantic.search(q, &filter, pool, true),
        };
        for (slot, _) in by_meaning.into_iter().chain(by_archetype) {
            if !candidates.contains(&slot) {
                candidates.push(slot);
            }
        }
    }
    let boosts = memory.boosts_for(r);
    // Score every candidate, but write reasons and copy talents only for the `k` kept.
    let mut scored: Vec<(u32, f32, u32, Option<Fit>)> = candidates
        .into_iter()
        .map(|slot| {
            let t = catalog.talent_at(slot);
            // At full precision from the talent: the index's int8 rows only choose candidates.
            let similarity = features::encode_talent(t).dot(&ArrayView1::from(query));
            let fit = meaning.as_ref().and_then(|((_, sem), q)| sem.fit(q, slot));
            let total = score(t, similarity, r) + boosts.total(catalog, slot) + semantic_score(fit);
            let look = meaning.is_some().then_some(fit);
            (fit_of(t, r, look), total, slot, fit)
        })
        .collect();
    let id = |slot: u32| &catalog.talent_at(slot).id;
    // Ids are unique in a catalog, so the order is total and an unstable sort gives the same
    // ranking (stable sorts cost the chat module a second sorting routine).
    scored.sort_unstable_by(|a, b| {
        (b.0.cmp(&a.0))
            .then_with(|| b.1.total_cmp(&a.1))
            .then_with(|| id(a.2).cmp(id(b.2)))
    });
    scored.truncate(k);
    let meaning = meaning
        .as_ref()
        .map(|&((model, _), ref q)| Meaning { model, query: q });
    scored
        .into_iter()
        .map(|(fit_points, score, slot, fit)| {
            let mut m = explain(catalog, slot, score, r, &boosts);
            m.fit = fit_points;
            match (&meaning, fit) {
                (Some(meaning), Some(fit)) if meaning_counts_for(fit) => {
                    m.reasons.push(meaning.reason(&m.talent, fit))
                }
                (Some(meaning), Some(fit)) => m.concerns.push(meaning.reason(&m.talent, fit)),
                _ => {}
            }
            m
        })
        .collect()
}

/// Whether the profile's closeness to the look is evidence for the talent (else a concern).
fn meaning_counts_for(fit: Fit) -> bool {
    fit.shares_archetype || fit.similarity >= CLOSE_ENOUGH
}

/// The talent's fit, 0-100: 100 less the pluses it misses and, when the brief has a look and
/// the catalog reads meaning (`look` is `Some`), the look's shortfall in steps of 5.
fn fit_of(t: &Talent, r: &Requirements, look: Option<Option<Fit>>) -> u32 {
    let missing = r
        .preferred_skills
        .iter()
        .filter(|s| !t.has_skill(s))
        .count()
        + r.preferred_skill_groups
            .iter()
            .filter(|g| !has_skill_of(t, g))
            .count();
    let look_shortfall = look.map_or(0.0, |fit| {
        let near = fit.map_or(0.0, |f| {
            let bonus = if f.shares_archetype {
                ARCHETYPE_BONUS
            } else {
                0.0
            };
            (f.similarity + bonus).clamp(0.0, 1.0)
        });
        (FIT_FOR_LOOK * (1.0 - near) / 5.0).round() * 5.0
    });
    let lost = missing as f32 * FIT_PER_PLUS as f32 + look_shortfall;
    (100.0 - lost).max(0.0) as u32
}

/// `SEMANTIC_WEIGHT` × (best unit cosine + the archetype bonus), 0 without a semantic query.
pub fn semantic_score(fit: Option<Fit>) -> f32 {
    fit.map_or(0.0, |f| {
        let bonus = if f.shares_archetype {
            ARCHETYPE_BONUS
        } else {
            0.0
        };
        SEMANTIC_WEIGHT * (f.similarity + bonus)
    })
}

/// What the reasons of a ranking by meaning need.
struct Meaning<'a> {
    model: &'a dyn TextModel,
    query: &'a SemanticQuery,
}

impl Meaning<'_> {
    /// The evidence: the profile text that names the brief's archetype, else the closest unit.
    /// `bio: "fifteen years with the Border Security Force" fits "retired major"`.
    fn reason(&self, t: &Talent, fit: Fit) -> String {
        let q = &self.query.label;
        if fit.shares_archetype {
            if let Some(unit) = archetype_evidence(self.model, t, self.query.archetypes) {
                let text = shorten(&unit.text, 90);
                return format!("{}: \"{text}\" fits \"{q}\"", unit.source.label());
            }
        }
        match profile::embedded_units(t).get(fit.unit) {
            Some(unit) if fit.similarity >= CLOSE_ENOUGH => {
                let text = shorten(&unit.text, 90);
                format!("{}: \"{text}\" is close to \"{q}\"", unit.source.label())
            }
            _ => format!("nothing in the profile close to \"{q}\""),
        }
    }
}

/// Similarity plus the preferred-skill bonuses.
fn score(t: &Talent, similarity: f32, r: &Requirements) -> f32 {
    let preferred = r.preferred_skills.iter().filter(|s| t.has_skill(s)).count()
        + r.preferred_skill_groups
            .iter()
            .filter(|g| has_skill_of(t, g))
            .count();
    similarity + preferred as f32 * PREFERRED_SKILL_BONUS
}

/// A kept result with the reasons behind its score.
fn explain(catalog: &Catalog, slot: u32, score: f32, r: &Requirements, boosts: &Boosts) -> Match {
    let t = catalog.talent_at(slot);
    let (mut reasons, mut concerns) = hard_reasons(t, r);
    for skill in &r.preferred_skills {
        if t.has_skill(skill) {
            reasons.push(format!("{} (a plus)", display(skill)));
        } else {
            concerns.push(format!("no {} listed", display(skill)));
        }
    }
    for group in &r.preferred_skill_groups {
        match form_of(t, group) {
            Some(form) => reasons.push(format!("{} (a plus: {group})", display(form))),
            None => concerns.push(format!("no {group} listed")),
        }
    }
    reasons.extend(boosts.reasons(catalog, slot).map(str::to_string));
    Match {
        id: t.id.clone(),
        name: t.name.clone(),
        fit: 100,
        score,
        reasons,
        concerns,
        talent: t.clone(),
    }
}

/// Why the talent meets each hard constraint, in the order a casting sheet lists them, and
/// the terms the brief asks about that the roster does not record (concerns).
fn hard_reasons(t: &Talent, r: &Requirements) -> (Vec<String>, Vec<String>) {
    let mut reasons = Vec::new();
    let mut concerns = Vec::new();
    if t.age < ADULT_AGE {
        reasons.push(format!("minor (age {}): the role asks for minors", t.age));
    }
    if let Some(g) = r.gender {
        reasons.push(g.as_str().to_string());
    }
    if r.age_min.is_some() || r.age_max.is_some() {
        let wanted = range_text(r.age_min, r.age_max, "");
        reasons.push(match t.playing_ages() {
            (low, high) if (low, high) != (t.age, t.age) => {
                format!("plays {low}-{high} (age {}), fits {wanted}", t.age)
            }
            _ => format!("age {} within {wanted}", t.age),
        });
    }
    if r.height_min_cm.is_some() || r.height_max_cm.is_some() {
        let range = range_text(r.height_min_cm, r.height_max_cm, " cm");
        reasons.push(format!("{} cm within {range}", t.height_cm));
    }
    reasons.extend(r.languages.iter().map(|l| format!("speaks {}", display(l))));
    reasons.extend(
        r.skills
            .iter()
            .map(|s| format!("trained in {}", display(s))),
    );
    for group in &r.skill_groups {
        if let Some(form) = form_of(t, group) {
            reasons.push(format!("trained in {} ({group})", display(form)));
        }
    }
    if !r.cities.is_empty() {
        reasons.push(format!("based in {}", display(&t.city)));
    }
    if let Some(max) = r.day_rate_max_inr {
        match t.day_rate_inr {
            Some(rate) => reasons.push(format!("day rate {} within {}", rupees(rate), rupees(max))),
            None => concerns.push("day rate not on file".to_string()),
        }
    }
    if r.shoot_days().is_some() {
        match (t.available_from, t.available_to) {
            (None, None) => concerns.push(days_free(t)),
            _ => reasons.push(days_free(t)),
        }
    }
    (reasons, concerns)
}

/// The talent's first skill of the group named `group`.
fn form_of<'t>(t: &'t Talent, group: &str) -> Option<&'t str> {
    let group = SkillGroup::parse(group)?;
    t.skills
        .iter()
        .map(String::as_str)
        .find(|s| group.includes(s))
}

/// "available 1 Mar 2026 to 30 Apr 2026", "available from 3 Mar 2026", or that nothing is on file.
fn days_free(t: &Talent) -> String {
    match (t.available_from, t.available_to) {
        (Some(first), Some(last)) => format!("available {} to {}", first.human(), last.human()),
        (Some(first), None) => format!("available from {}", first.human()),
        (None, Some(last)) => format!("available until {}", last.human()),
        (None, None) => "availability not on file".to_string(),
    }
}

/// Rupees grouped the Indian way: ₹40,000, ₹1,50,000.
pub fn rupees(amount: u32) -> String {
    let digits = amount.to_string();
    let (head, last3) = digits.split_at(digits.len().saturating_sub(3));
    let mut groups: Vec<&str> = Vec::new();
    let mut rest = head;
    while rest.len() > 2 {
        let (more, pair) = rest.split_at(rest.len() - 2);
        groups.insert(0, pair);
        rest = more;
    }
    if !rest.is_empty() {
        groups.insert(0, rest);
    }
    groups.push(last3);
    format!("₹{}", groups.join(","))
}

/// "25-32", "40+", "up to 29": an inclusive range as a person writes it.
pub fn range_text(min: Option<u32>, max: Option<u32>, unit: &str) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{a}-{b}{unit}"),
        (Some(a), None) => format!("{a}+{unit}"),
        (None, Some(b)) => format!("up to {b}{unit}"),
        (None, None) => "any".to_string(),
    }
}

/// A canonical lower-case name as a person reads it: "rabindra sangeet" -> "Rabindra Sangeet".
pub fn display(name: &str) -> String {
    name.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or_else(String::new, |c| {
                c.to_ascii_uppercase().to_string() + chars.as_str()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::Gender;

    fn talent(id: &str, age: u32, city: &str, languages: &[&str], skills: &[&str]) -> Talent {
        let gender = if age % 2 == 0 {
            Gender::Female
        } else {
            Gender::Male
        };
        let mut t = Talent::new(
            id,
            format!("Name {id}"),
            gender,
            age,
            150 + age,
            city,
            languages.iter().map(|s| s.to_string()).collect(),
            skills.iter().map(|s| s.to_string()).collect(),
        );
        t.experience_years = age / 4;
        t
    }

    fn small_catalog() -> Catalog {
        let mut talents = Vec::new();
        for i in 0..200u32 {
            let city = ["mumbai", "delhi", "pune", "chennai"][i as usize % 4];
            let langs: &[&str] = match i % 3 {
                0 => &["hindi", "marathi"],
                1 => &["hindi"],
                _ => &["tamil", "english"],
            };
            let skills: &[&str] = match i % 5 {
                0 => &["kathak"],
                1 => &["kathak", "theatre"],
                2 => &["boxing"],
                3 => &["singing"],
                _ => &[],
            };
            talents.push(talent(
                &format!("T{i:03}"),
                18 + i % 50,
                city,
                langs,
                skills,
            ));
        }
        Catalog::new(talents).unwrap()
    }

    fn brief() -> Requirements {
        Requirements {
            gender: Some(Gender::Female),
            age_min: Some(25),
            age_max: Some(40),
            languages: ["marathi".to_string()].into(),
            skills: ["kathak".to_string()].into(),
            ..Default::default()
        }
    }

    #[test]
    fn every_result_meets_the_hard_constraints() {
        let c = small_catalog();
        let r = brief();
        let results = rank(&c, &r, 50, &Personalisation::default());
        assert!(!results.is_empty());
        assert_eq!(results.len(), c.count_matching(&r).min(50));
        assert!(results.iter().all(|m| r.admits(&m.talent)));
    }

    #[test]
    fn preferred_skills_lift_and_explain() {
        let c = small_catalog();
        let mut r = brief();
        r.preferred_skills.insert("theatre".into());
        let results = rank(&c, &r, 10, &Personalisation::default());
        assert!(results[0].talent.has_skill("theatre"));
        assert!(results[0].reasons.contains(&"Theatre (a plus)".to_string()));
        let without = results.iter().find(|m| !m.talent.has_skill("theatre"));
        if let Some(m) = without {
            assert!(m.concerns.contains(&"no Theatre listed".to_string()));
            assert_eq!((m.fit, results[0].fit), (100 - FIT_PER_PLUS, 100));
        }
    }

    #[test]
    fn reasons_name_each_constraint() {
        let c = small_catalog();
        let m = &rank(&c, &brief(), 1, &Personalisation::default())[0];
        assert!(m.reasons.contains(&"speaks Marathi".to_string()));
        assert!(m.reasons.contains(&"trained in Kathak".to_string()));
        assert!(m
            .reasons
            .contains(&format!("age {} within 25-40", m.talent.age)));
    }

    #[test]
    fn excluded_talent_never_appears() {
        let c = small_catalog();
        let first = rank(&c, &brief(), 5, &Personalisation::default())[0]
            .id
            .clone();
        let mut s = crate::memory::Session::new();
        s.feedback(1, &first, crate::memory::Decision::Reject, None)
            .unwrap();
        let memory = s.personalisation(&c);
        assert!(rank(&c, &brief(), 50, &memory)
            .iter()
            .all(|m| m.id != first));
    }

    #[test]
    fn unknown_skill_matches_nobody() {
        let c = small_catalog();
        let r = Requirements {
            skills: ["underwater welding".into()].into(),
            ..Default::default()
        };
        assert!(rank(&c, &r, 10, &Personalisation::default()).is_empty());
        assert_eq!(c.count_matching(&r), 0);
    }

    #[test]
    fn rupees_group_the_indian_way() {
        assert_eq!(rupees(0), "₹0");
        assert_eq!(rupees(999), "₹999");
        assert_eq!(rupees(40_000), "₹40,000");
        assert_eq!(rupees(150_000), "₹1,50,000");
        assert_eq!(rupees(12_345_678), "₹1,23,45,678");
    }

    #[test]
    fn playing_age_rate_and_dates_filter_and_explain() {
        use crate::date::Date;
        let day = |m, d| Date::from_ymd(2026, m, d).unwrap();
        let mut c = small_catalog();
        let mut young_looking = talent("PLAYS", 41, "goa", &["konkani"], &[]);
        young_looking.playing_age_min = Some(28);
        young_looking.playing_age_max = Some(34);
        young_looking.day_rate_inr = Some(40_000);
        young_looking.available_from = Some(day(3, 3));
        let mut pricey = talent("PRICEY", 30, "goa", &["konkani"], &[]);
        pricey.day_rate_inr = Some(90_000);
        let mut busy = talent("BUSY", 30, "goa", &["konkani"], &[]);
        busy.available_to = Some(day(3, 10));
        let unknown = talent("OPEN", 30, "goa", &["konkani"], &[]);
        for t in [young_looking, pricey, busy, unknown] {
            c.add(t).unwrap();
        }
        let r = Requirements {
            age_min: Some(25),
            age_max: Some(32),
            languages: ["konkani".to_string()].into(),
            day_rate_max_inr: Some(50_000),
            available_from: Some(day(3, 5)),
            available_to: Some(day(3, 20)),
            ..Default::default()
        };
        let found = rank(&c, &r, 10, &Personalisation::default());
        let ids: Vec<&str> = found.iter().map(|m| m.id.as_str()).collect();
        assert_eq!(ids.len(), 2, "{ids:?}");
        assert!(ids.contains(&"PLAYS") && ids.contains(&"OPEN"), "{ids:?}");
        assert_eq!(c.count_matching(&r), 2);
        let plays = found.iter().find(|m| m.id == "PLAYS").unwrap();
        assert!(plays
            .reasons
            .contains(&"plays 28-34 (age 41), fits 25-32".to_string()));
        assert!(plays
            .reasons
            .contains(&"day rate ₹40,000 within ₹50,000".to_string()));
        assert!(plays
            .reasons
            .contains(&"available from 3 Mar 2026".to_string()));
        let open = found.iter().find(|m| m.id == "OPEN").unwrap();
        assert!(open.concerns.contains(&"day rate not on file".to_string()));
        assert!(open
            .concerns
            .contains(&"availability not on file".to_string()));
    }

    #[test]
    fn ranking_is_deterministic() {
        let c = small_catalog();
        let a = rank(
            &c,
            &Requirements::default(),
            20,
            &Personalisation::default(),
        );
        let b = rank(
            &c,
            &Requirements::default(),
            20,
            &Personalisation::default(),
        );
        assert_eq!(a, b);
    }

    #[test]
    fn add_remove_update_keep_filter_and_index_in_step() {
        let mut c = small_catalog();
        let mut r = brief();
        r.cities.insert("goa".into());
        assert_eq!(c.count_matching(&r), 0);
        c.add(talent("NEW", 30, "goa", &["marathi"], &["kathak"]))
            .unwrap();
        assert_eq!(rank(&c, &r, 5, &Personalisation::default())[0].id, "NEW");
        assert!(c.add(talent("NEW", 30, "goa", &[], &[])).is_err());
        let mut moved = c.get("NEW").unwrap().clone();
        moved.city = "mumbai".into();
        c.update(moved).unwrap();
        assert_eq!(c.count_matching(&r), 0);
        c.remove("T000").unwrap();
        assert!(c.get("T000").is_none());
        assert!(rank(
            &c,
            &Requirements::default(),
            500,
            &Personalisation::default()
        )
        .iter()
        .all(|m| m.id != "T000"));
    }
}
