//! Building a role's `Personalisation`: memory applied to ranking, from its rejections
//! (hidden), its shortlist (Rocchio shift), stated preferences and traits learned from
//! shortlists, compiled against the catalog's columns.
//!
//! Boost weights sit on the same scale as cosine similarity (0..1) and `rank`'s preferred-skill
//! bonus (0.15): a stated preference lifts by `PREFER_WEIGHT`, a learned trait by up to
//! `LEARNED_WEIGHT`, both less than a preferred skill the brief itself names.

use std::collections::{HashMap, HashSet};

use super::{Boost, Learned, Personalisation};
use ndarray::Array1;

use crate::catalog::{Catalog, TraitSet, TraitWeights};
use crate::features;
use crate::memory::episodes::Decision;
use crate::memory::feedback::rocchio_shift;
use crate::memory::preferences::{PreferenceKind, Scope, Target};
use crate::memory::{Director, Role};

/// Added for a stated "prefer", subtracted for an "avoid".
pub const PREFER_WEIGHT: f32 = 0.12;
/// The most a learned trait adds: scaled by the share of shortlisted talents that have it.
pub const LEARNED_WEIGHT: f32 = 0.08;
/// A trait is learned once this many shortlisted talents share it ...
const LEARNED_MIN_COUNT: usize = 2;
/// ... and at least this share of the shortlist has it.
const LEARNED_MIN_SHARE: f32 = 0.5;
/// Taste is learned from this many most recent shortlist decisions: recent picks say more
/// about today's taste, and the cost of a rebuild stays bounded however long the history.
const LEARNED_RECENT: usize = 100;

/// What this director's memory contributes to ranking `role`, compiled against `catalog` as
/// it is now.
pub fn personalise(director: &Director, role: &Role, catalog: &Catalog) -> Personalisation {
    // Asking to see rejected talents again suspends the rejections: no exclusion, no push away.
    let rejected = if role.show_rejected {
        Vec::new()
    } else {
        slots_in(role, Decision::Reject, catalog)
    };
    let shortlisted = slots_in(role, Decision::Shortlist, catalog);
    let (stated, stated_weights) = stated_boosts(director, &role.name, catalog);
    Personalisation {
        catalog: Some(catalog.revision()),
        excluded: rejected.iter().copied().collect(),
        never: never(director, &role.name, catalog),
        query_shift: rocchio_shift(
            vectors(&shortlisted, catalog)
                .iter()
                .filter_map(|v| v.as_slice()),
            vectors(&rejected, catalog)
                .iter()
                .filter_map(|v| v.as_slice()),
        ),
        stated,
        stated_weights,
        learned: learned_boosts(role, catalog),
    }
}

/// The catalog slots of the talents in `decision` for the role; the rejected ones serve both
/// to hide them and to push the query away from them.
fn slots_in(role: &Role, decision: Decision, catalog: &Catalog) -> Vec<u32> {
    role.ids_in(decision)
        .filter_map(|id| catalog.slot_of(id))
        .collect()
}

/// The talents' feature vectors at full precision, encoded again (the index keeps int8).
fn vectors(slots: &[u32], catalog: &Catalog) -> Vec<Array1<f32>> {
    slots
        .iter()
        .map(|&slot| features::encode_talent(catalog.talent_at(slot)))
        .collect()
}

/// The role's stated "prefer" and "avoid" preferences as boosts, in the order stated, and
/// their weights keyed by trait, so a talent's total is a look-up of its own traits.
fn stated_boosts(
    director: &Director,
    role_name: &str,
    catalog: &Catalog,
) -> (Vec<Boost>, TraitWeights) {
    let mut weights = TraitWeights::default();
    let soft = director
        .preferences
        .for_role(role_name)
        .filter(|p| p.kind != PreferenceKind::Never);
    let boosts = soft
        .map(|p| {
            let (weight, verb) = match p.kind {
                PreferenceKind::Avoid => (-PREFER_WEIGHT, "avoid"),
                _ => (PREFER_WEIGHT, "prefer"),
            };
            weights.add(catalog, p.target.as_trait(), weight);
            let scope = match &p.scope {
                Scope::AllRoles => "all roles".to_string(),
                Scope::RolesNamed(word) => format!("roles named {word}"),
            };
            Boost {
                reason: format!(
                    "you {verb} {} (stated, {}, {scope})",
                    p.target.describe(),
                    p.id
                ),
                weight,
                traits: TraitSet::compile(catalog, [p.target.as_trait()]),
            }
        })
        .collect();
    (boosts, weights)
}

/// Traits most of the role's shortlisted talents share: "you shortlisted 3 theatre-trained
/// actors for this role"; the most common first. Learned per role (issue 19): a comic
/// sidekick is not cast like the lead, so one role's picks never rank another; what holds
/// for every role the director states ("I prefer theatre-trained actors"). Which traits
/// apply (not the skills a brief requires, at most `LEARNED_MAX_TRAITS`) is decided per query.
fn learned_boosts(role: &Role, catalog: &Catalog) -> Vec<Learned> {
    let (counts, shortlisted) = trait_counts(role, catalog);
    let mut common: Vec<(String, usize)> = counts
        .into_iter()
        .filter(|(_, n)| {
            *n >= LEARNED_MIN_COUNT && *n as f32 >= LEARNED_MIN_SHARE * shortlisted as f32
        })
        .collect();
    // Most common first; ties by name, so the order never depends on hashing.
    common.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    common
        .into_iter()
        .map(|(skill, n)| learned_boost(skill, n, shortlisted, catalog))
        .collect()
}

/// The ids of the role's `LEARNED_RECENT` most recent shortlist decisions.
fn recent_shortlist(role: &Role) -> Vec<&str> {
    let mut all: Vec<(i64, &str)> = role
        .decisions
        .values()
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

/// How many distinct shortlisted talents have each skill (theatre counting theatre credits),
/// and how many distinct shortlisted talents there are. Borrowed keys while counting.
fn trait_counts(role: &Role, catalog: &Catalog) -> (Vec<(String, usize)>, usize) {
    let mut seen: HashSet<&str> = HashSet::new();
    let mut skills: HashMap<&str, usize> = HashMap::new();
    let (mut theatre, mut shortlisted) = (0, 0);
    for id in recent_shortlist(role) {
        let Some(t) = catalog.get(id).filter(|_| seen.insert(id)) else {
            continue;
        };
        shortlisted += 1;
        theatre += usize::from(t.has_theatre_background());
        for skill in t.skills.iter().filter(|s| *s != "theatre") {
            *skills.entry(skill.as_str()).or_default() += 1;
        }
    }
    let mut counts: Vec<(String, usize)> = skills
        .into_iter()
        .map(|(s, n)| (s.to_string(), n))
        .collect();
    if theatre > 0 {
        counts.push(("theatre".into(), theatre));
    }
    (counts, shortlisted)
}

fn learned_boost(skill: String, count: usize, shortlisted: usize, catalog: &Catalog) -> Learned {
    let target = Target::Skill(skill.clone());
    let boost = Boost {
        reason: format!(
            "you shortlisted {count} {} for this role",
            target.describe()
        ),
        weight: LEARNED_WEIGHT * count as f32 / shortlisted.max(1) as f32,
        traits: TraitSet::compile(catalog, [target.as_trait()]),
    };
    Learned { skill, boost }
}

/// The role's "never" preferences as one set of traits: a talent with any of them is hidden.
fn never(director: &Director, role_name: &str, catalog: &Catalog) -> Option<TraitSet> {
    let never = director
        .preferences
        .for_role(role_name)
        .filter(|p| p.kind == PreferenceKind::Never);
    let set = TraitSet::compile(catalog, never.map(|p| p.target.as_trait()));
    (!set.is_empty()).then_some(set)
}
