//! `Personalisation`: what a director's memory contributes to ranking one role, compiled
//! against one state of the catalog, and what `rank` asks of it per query and per row.
//!
//! It is built once per change of memory or catalog (`Assistant` keeps it between turns):
//! rejections become a bit set of slots, "never" preferences a `TraitSet` over the catalog's
//! columns, stated boosts weights keyed by trait. So per row, memory costs a few bit tests.

mod build;

pub use build::{personalise, LEARNED_WEIGHT, PREFER_WEIGHT};

use ndarray::Array1;

use crate::catalog::{Catalog, Filter, SlotSet, TraitSet, TraitWeights};
use crate::requirements::Requirements;
use crate::revision::Revision;

/// At most this many learned traits apply to a query, the most common first, so reasons stay
/// readable.
pub const LEARNED_MAX_TRAITS: usize = 3;

/// What memory contributes to ranking one role; the default changes nothing.
#[derive(Debug, Default)]
pub struct Personalisation {
    /// The catalog state the slots and terms below were compiled against; `None` when
    /// nothing is compiled (the default).
    pub(super) catalog: Option<Revision>,
    /// Talents rejected for this role: never shown.
    pub(super) excluded: SlotSet,
    /// Traits "never" preferences name: a talent with any of them is not shown.
    pub(super) never: Option<TraitSet>,
    /// Added to the requirement vector before normalising (Rocchio relevance feedback).
    pub(super) query_shift: Option<Array1<f32>>,
    /// Stated "prefer" and "avoid" preferences, in the order stated ...
    pub(super) stated: Vec<Boost>,
    /// ... and the same weights keyed by trait, for scoring.
    pub(super) stated_weights: TraitWeights,
    /// Traits learned from shortlists, the most common first.
    pub(super) learned: Vec<Learned>,
}

/// A soft adjustment: `weight` is added to talents with a trait of `traits`, and `reason` shown.
#[derive(Debug)]
pub(super) struct Boost {
    pub(super) reason: String,
    pub(super) weight: f32,
    pub(super) traits: TraitSet,
}

/// A boost learned from shortlists, always about a skill.
#[derive(Debug)]
pub(super) struct Learned {
    pub(super) skill: String,
    pub(super) boost: Boost,
}

/// The boosts that apply when ranking one brief.
pub struct Boosts<'a> {
    memory: &'a Personalisation,
    learned: Vec<&'a Boost>,
}

impl Personalisation {
    /// Whether this was compiled against the catalog as it is now (or compiles nothing).
    pub fn fits(&self, catalog: &Catalog) -> bool {
        self.catalog.is_none_or(|r| r == catalog.revision())
    }

    /// `filter` refusing also what memory never shows: the talents rejected for the role,
    /// and any talent with a trait a "never" preference names.
    pub fn restrict<'a>(&'a self, filter: Filter<'a>) -> Filter<'a> {
        let filter = filter.without(&self.excluded);
        match &self.never {
            Some(never) => filter.excluding(never),
            None => filter,
        }
    }

    /// The unit requirement vector `q` moved by relevance feedback and renormalised; `q`
    /// itself when there is no feedback.
    pub fn shift_query(&self, mut q: Array1<f32>) -> Array1<f32> {
        if let Some(shift) = self.query_shift.as_ref().filter(|s| s.len() == q.len()) {
            q += shift;
            let norm = q.dot(&q).sqrt();
            if norm > 0.0 {
                q.mapv_inplace(|x| x / norm);
            }
        }
        q
    }

    /// The boosts for ranking `r`: every stated one, and the most common learned traits that
    /// `r` does not already require (a required skill would lift every result alike).
    pub fn boosts_for(&self, r: &Requirements) -> Boosts<'_> {
        let learned = self
            .learned
            .iter()
            .filter(|l| !r.skills.contains(&l.skill))
            .take(LEARNED_MAX_TRAITS)
            .map(|l| &l.boost)
            .collect();
        Boosts {
            memory: self,
            learned,
        }
    }

    /// How many talents are hidden as rejected for the role.
    pub fn excluded_count(&self) -> usize {
        self.excluded.len()
    }

    /// What the personalisation holds, for a person reading a log.
    pub fn summary(&self) -> String {
        format!(
            "{} excluded, {} stated boosts, {} learned traits, query shift {}, never constraint {}",
            self.excluded.len(),
            self.stated.len(),
            self.learned.len(),
            self.query_shift.is_some(),
            self.never.is_some()
        )
    }
}

impl Boosts<'_> {
    /// What memory adds to the score of the talent in `slot`, summed exactly (see
    /// `TraitWeights`) so that talents with equal boosts stay tied.
    pub fn total(&self, catalog: &Catalog, slot: u32) -> f32 {
        let learned = self
            .learned
            .iter()
            .filter(|b| b.traits.any_in(catalog, slot));
        let learned: f64 = learned.map(|b| f64::from(b.weight)).sum();
        (self.memory.stated_weights.total(catalog, slot) + learned) as f32
    }

    /// The reasons of the boosts that apply to the talent in `slot`, stated ones first.
    pub fn reasons<'b>(
        &'b self,
        catalog: &'b Catalog,
        slot: u32,
    ) -> impl Iterator<Item = &'b str> + 'b {
        let stated = self.memory.stated.iter();
        stated
            .chain(self.learned.iter().copied())
            .filter(move |b| b.traits.any_in(catalog, slot))
            .map(|b| b.reason.as_str())
    }
}
