//! Memory applied to ranking: builds `rank::Personalisation` for one role from its rejections
//! (hidden), its shortlist (Rocchio shift), stated preferences and traits learned from shortlists.
//!
//! Boost weights sit on the same scale as cosine similarity (0..1) and `rank`'s preferred-skill
//! bonus (0.15): a stated preference lifts by `PREFER_WEIGHT`, a learned trait by up to
//! `LEARNED_WEIGHT`, both less than a preferred skill the brief itself names.

use std::collections::{HashMap, HashSet};

use super::episodes::Decision;
use super::feedback::rocchio_shift;
use super::preferences::{PreferenceKind, Target};
use super::{Director, Role};
use crate::catalog::Catalog;
use crate::rank::{Boost, Personalisation};
use crate::roster::{Gender, Talent};

/// Added for a stated "prefer", subtracted for an "avoid".
pub const PREFER_WEIGHT: f32 = 0.12;
/// The most a learned trait adds: scaled by the share of shortlisted talents that have it.
pub const LEARNED_WEIGHT: f32 = 0.08;
/// A trait is learned once this many shortlisted talents share it ...
const LEARNED_MIN_COUNT: usize = 2;
/// ... and at least this share of the shortlist has it.
const LEARNED_MIN_SHARE: f32 = 0.5;
/// Taste is learned from this many most recent shortlist decisions: recent picks say more
/// about today's taste, and the cost per query stays bounded however long the history.
const LEARNED_RECENT: usize = 100;
/// At most this many learned traits, the most common first, so reasons stay readable.
const LEARNED_MAX_TRAITS: usize = 3;

/// What this director's memory contributes to ranking `role`.
pub fn personalise(director: &Director, role: &Role, catalog: &Catalog) -> Personalisation {
    // The index already holds every talent's vector: no re-encoding per query.
    let vectors = |d: Decision| {
        role.ids_in(d)
            .filter_map(|id| catalog.slot_of(id))
            .filter_map(|slot| catalog.index().vector(slot))
    };
    // Asking to see rejected talents again suspends the rejections: no exclusion, no push away.
    let rejected = vectors(Decision::Reject).filter(|_| !role.show_rejected);
    let mut boosts = stated_boosts(director, &role.name);
    boosts.extend(learned_boosts(director, role, catalog));
    Personalisation {
        excluded: excluded(role),
        query_shift: rocchio_shift(vectors(Decision::Shortlist), rejected),
        constraint: Exclusions::of(director, &role.name).into_constraint(),
        boosts,
    }
}

fn excluded(role: &Role) -> HashSet<String> {
    if role.show_rejected {
        return HashSet::new();
    }
    role.ids_in(Decision::Reject).map(str::to_string).collect()
}

fn stated_boosts(director: &Director, role_name: &str) -> Vec<Boost> {
    let soft = director
        .preferences
        .for_role(role_name)
        .filter(|p| p.kind != PreferenceKind::Never);
    soft.map(|p| {
        let (weight, verb) = match p.kind {
            PreferenceKind::Avoid => (-PREFER_WEIGHT, "avoid"),
            _ => (PREFER_WEIGHT, "prefer"),
        };
        let target = p.target.clone();
        Boost {
            reason: format!("you {verb} {} ({})", target.describe(), p.id),
            weight,
            applies: Box::new(move |t| target.holds(t)),
        }
    })
    .collect()
}

/// Traits most of the director's shortlisted talents share, across all their roles: "you
/// shortlisted 3 theatre-trained actors". Skills the role already requires are left out.
fn learned_boosts(director: &Director, role: &Role, catalog: &Catalog) -> Vec<Boost> {
    let (counts, shortlisted) = trait_counts(director, role, catalog);
    let mut common: Vec<(Target, usize)> = counts
        .into_iter()
        .filter(|(_, n)| {
            *n >= LEARNED_MIN_COUNT && *n as f32 >= LEARNED_MIN_SHARE * shortlisted as f32
        })
        .collect();
    // Most common first; ties by name, so the order never depends on hashing.
    common.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    common.truncate(LEARNED_MAX_TRAITS);
    common
        .into_iter()
        .map(|(target, n)| learned_boost(target, n, shortlisted))
        .collect()
}

/// The ids of the director's `LEARNED_RECENT` most recent shortlist decisions, any role.
fn recent_shortlist(director: &Director) -> Vec<&str> {
    let mut all: Vec<(i64, &str)> = director
        .roles()
        .flat_map(|(_, r)| r.decisions.values())
        .filter(|d| d.decision == Decision::Shortlist)
        .map(|d| (d.at, d.talent_id.as_str()))
        .collect();
    if all.len() > LEARNED_RECENT {
        let cut = all.len() - LEARNED_RECENT;
        all.select_nth_unstable_by(cut, |a, b| a.cmp(b));
        all.drain(..cut);
    }
    all.into_iter().map(|(_, id)| id).collect()
}

/// How many distinct shortlisted talents have each trait (theatre background, each skill),
/// and how many distinct shortlisted talents there are. Borrowed keys: this runs per query.
fn trait_counts(
    director: &Director,
    role: &Role,
    catalog: &Catalog,
) -> (Vec<(Target, usize)>, usize) {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut skills: HashMap<&str, usize> = HashMap::new();
    let (mut theatre, mut shortlisted) = (0, 0);
    for id in recent_shortlist(director) {
        let Some(t) = catalog.get(id).filter(|_| seen.insert(id)) else {
            continue;
        };
        shortlisted += 1;
        theatre += usize::from(t.has_theatre_background());
        for skill in t.skills.iter().filter(|s| *s != "theatre") {
            *skills.entry(skill.as_str()).or_default() += 1;
        }
    }
    let required = |s: &str| role.requirements.skills.contains(s);
    let mut counts: Vec<(Target, usize)> = skills
        .into_iter()
        .filter(|(s, _)| !required(s))
        .map(|(s, n)| (Target::Skill(s.to_string()), n))
        .collect();
    if theatre > 0 && !required("theatre") {
        counts.push((Target::Skill("theatre".into()), theatre));
    }
    (counts, shortlisted)
}

fn learned_boost(target: Target, count: usize, shortlisted: usize) -> Boost {
    Boost {
        reason: format!("you shortlisted {count} {}", target.describe()),
        weight: LEARNED_WEIGHT * count as f32 / shortlisted.max(1) as f32,
        applies: Box::new(move |t| target.holds(t)),
    }
}

/// A hard constraint as `rank::Personalisation` takes it.
type Constraint = Box<dyn Fn(&Talent) -> bool>;

/// The "never" preferences for a role, compiled so the per-row check is a few comparisons.
#[derive(Default)]
struct Exclusions {
    older_than: Option<u32>,
    younger_than: Option<u32>,
    genders: Vec<Gender>,
    skills: HashSet<String>,
    theatre: bool,
    languages: HashSet<String>,
    cities: HashSet<String>,
}

impl Exclusions {
    fn of(director: &Director, role_name: &str) -> Self {
        let mut x = Exclusions::default();
        let never = director
            .preferences
            .for_role(role_name)
            .filter(|p| p.kind == PreferenceKind::Never);
        for p in never {
            match &p.target {
                Target::OlderThan(n) => x.older_than = Some(x.older_than.map_or(*n, |o| o.min(*n))),
                Target::YoungerThan(n) => {
                    x.younger_than = Some(x.younger_than.map_or(*n, |o| o.max(*n)))
                }
                Target::Gender(g) => x.genders.push(*g),
                Target::Skill(s) if s == "theatre" => x.theatre = true,
                Target::Skill(s) => _ = x.skills.insert(s.clone()),
                Target::Language(l) => _ = x.languages.insert(l.clone()),
                Target::City(c) => _ = x.cities.insert(c.clone()),
            }
        }
        x
    }

    fn is_empty(&self) -> bool {
        self.older_than.is_none()
            && self.younger_than.is_none()
            && self.genders.is_empty()
            && !self.theatre
            && self.skills.is_empty()
            && self.languages.is_empty()
            && self.cities.is_empty()
    }

    fn admits(&self, t: &Talent) -> bool {
        self.older_than.is_none_or(|n| t.age <= n)
            && self.younger_than.is_none_or(|n| t.age >= n)
            && !self.genders.contains(&t.gender)
            && !(self.theatre && t.has_theatre_background())
            && (self.skills.is_empty() || !t.skills.iter().any(|s| self.skills.contains(s)))
            && (self.languages.is_empty()
                || !t.languages.iter().any(|l| self.languages.contains(l)))
            && (self.cities.is_empty() || !self.cities.contains(&t.city))
    }

    fn into_constraint(self) -> Option<Constraint> {
        if self.is_empty() {
            return None;
        }
        Some(Box::new(move |t| self.admits(t)))
    }
}
