//! Talent traits compiled onto the catalog's columns, for what memory adds to a query: the
//! slots a role never shows, "never" constraints, and boosts keyed by trait. Compiled once per
//! catalog state, each per-row question is then a few bit tests and table look-ups, the way
//! `Filter` answers a brief; the `Talent` is read only for terms too rare for the bit sets.

use super::columns::{Row, TermSet, Terms, SET_BITS};
use super::Catalog;
use crate::roster::{Gender, Talent};

/// A trait of a talent, as the catalog's columns can answer it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trait<'a> {
    Skill(&'a str),
    Language(&'a str),
    City(&'a str),
    Gender(Gender),
    /// Theatre training: the skill "theatre" or theatre credits.
    TheatreBackground,
    /// Older than this many years.
    OlderThan(u32),
    /// Younger than this many years.
    YoungerThan(u32),
}

/// The columns that hold interned terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Skills,
    Languages,
    Cities,
}

/// A term whose id is past the bit sets' width: rows holding one are flagged `overflow`, and
/// are checked against their talent.
#[derive(Debug, Clone, PartialEq)]
struct RareTerm {
    column: Column,
    name: String,
}

impl RareTerm {
    fn held_by(&self, t: &Talent) -> bool {
        match self.column {
            Column::Skills => t.has_skill(&self.name),
            Column::Languages => t.speaks(&self.name),
            Column::Cities => t.city == self.name,
        }
    }
}

/// Where a term's trait is found once compiled.
enum Term {
    Bit(u32),
    Rare(RareTerm),
    /// Nobody on the roster has it.
    Absent,
}

impl Catalog {
    fn term(&self, column: Column, name: &str) -> Term {
        let terms: &Terms = match column {
            Column::Skills => &self.skills,
            Column::Languages => &self.languages,
            Column::Cities => &self.cities,
        };
        match terms.get(name) {
            Some(id) if (id as usize) < SET_BITS => Term::Bit(id),
            Some(_) => Term::Rare(RareTerm {
                column,
                name: name.to_string(),
            }),
            None => Term::Absent,
        }
    }
}

fn gender_bit(g: Gender) -> u8 {
    1 << (g as u8)
}

/// Any of a set of traits, compiled: `any_in` says whether a talent has at least one of them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TraitSet {
    pub(super) columns: TraitColumns,
    /// Terms past the bit sets, checked on the talents of rows flagged `overflow`.
    rare: Vec<RareTerm>,
}

/// The part of a `TraitSet` the columns answer.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(super) struct TraitColumns {
    pub(super) genders: u8,
    /// The youngest age limit: older than this is in the set.
    pub(super) older_than: Option<u32>,
    /// The oldest age limit: younger than this is in the set.
    pub(super) younger_than: Option<u32>,
    pub(super) theatre_background: bool,
    pub(super) skills: TermSet,
    pub(super) languages: TermSet,
    pub(super) cities: TermSet,
}

impl TraitSet {
    /// The traits compiled against `catalog`'s columns; valid while its revision stands.
    pub fn compile<'t>(catalog: &Catalog, traits: impl IntoIterator<Item = Trait<'t>>) -> Self {
        let mut set = TraitSet::default();
        for t in traits {
            set.insert(catalog, t);
        }
        set
    }

    fn insert(&mut self, catalog: &Catalog, t: Trait) {
        let c = &mut self.columns;
        match t {
            Trait::Gender(g) => c.genders |= gender_bit(g),
            Trait::TheatreBackground => c.theatre_background = true,
            Trait::OlderThan(n) => c.older_than = Some(c.older_than.map_or(n, |o| o.min(n))),
            Trait::YoungerThan(n) => c.younger_than = Some(c.younger_than.map_or(n, |o| o.max(n))),
            Trait::Skill(name) => self.insert_term(catalog, Column::Skills, name),
            Trait::Language(name) => self.insert_term(catalog, Column::Languages, name),
            Trait::City(name) => self.insert_term(catalog, Column::Cities, name),
        }
    }

    fn insert_term(&mut self, catalog: &Catalog, column: Column, name: &str) {
        let c = &mut self.columns;
        match catalog.term(column, name) {
            Term::Bit(id) => match column {
                Column::Skills => c.skills.insert(id),
                Column::Languages => c.languages.insert(id),
                Column::Cities => c.cities.insert(id),
            },
            Term::Rare(term) => self.rare.push(term),
            Term::Absent => {}
        }
    }

    /// No talent can have any trait of the set.
    pub fn is_empty(&self) -> bool {
        *self == TraitSet::default()
    }

    /// Whether the talent in `slot` has at least one trait of the set.
    pub fn any_in(&self, catalog: &Catalog, slot: u32) -> bool {
        let Some(row) = catalog.rows.get(slot as usize) else {
            return false;
        };
        self.columns.any_in(row) || (row.overflow && self.any_rare_in(catalog.talent_at(slot)))
    }

    /// Whether the set holds terms too rare for the bit sets.
    pub(super) fn has_rare_terms(&self) -> bool {
        !self.rare.is_empty()
    }

    /// Whether the talent has one of the terms too rare for the bit sets.
    pub(super) fn any_rare_in(&self, t: &Talent) -> bool {
        self.rare.iter().any(|term| term.held_by(t))
    }
}

impl TraitColumns {
    pub(super) fn any_in(&self, row: &Row) -> bool {
        self.genders & gender_bit(row.gender) != 0
            || self.older_than.is_some_and(|n| row.age > n)
            || self.younger_than.is_some_and(|n| row.age < n)
            || (self.theatre_background && row.theatre_background)
            || row.skills.intersects(&self.skills)
            || row.languages.intersects(&self.languages)
            || row.city.intersects(&self.cities)
    }
}

/// Weights keyed by trait: a talent's total is the sum of the weights of the traits it has,
/// found by looking up the talent's own terms in tables, not by testing every weighted trait.
///
/// Weights are held and summed as f64, where sums of a few f32 weights are exact: equal sets
/// of weights then give equal totals whatever the order, so ties stay ties.
#[derive(Debug, Clone, Default)]
pub struct TraitWeights {
    /// By term id; empty while no term of the column has a weight.
    skills: Vec<f64>,
    languages: Vec<f64>,
    cities: Vec<f64>,
    genders: [f64; Gender::ALL.len()],
    theatre_background: f64,
    older_than: Vec<(u32, f64)>,
    younger_than: Vec<(u32, f64)>,
    rare: Vec<(RareTerm, f64)>,
}

impl TraitWeights {
    /// Adds `weight` to every talent with trait `t` of `catalog` (valid while its revision stands).
    pub fn add(&mut self, catalog: &Catalog, t: Trait, weight: f32) {
        let weight = f64::from(weight);
        match t {
            Trait::Gender(g) => self.genders[g as usize] += weight,
            Trait::TheatreBackground => self.theatre_background += weight,
            Trait::OlderThan(n) => self.older_than.push((n, weight)),
            Trait::YoungerThan(n) => self.younger_than.push((n, weight)),
            Trait::Skill(name) => self.add_term(catalog, Column::Skills, name, weight),
            Trait::Language(name) => self.add_term(catalog, Column::Languages, name, weight),
            Trait::City(name) => self.add_term(catalog, Column::Cities, name, weight),
        }
    }

    fn add_term(&mut self, catalog: &Catalog, column: Column, name: &str, weight: f64) {
        let table = match column {
            Column::Skills => &mut self.skills,
            Column::Languages => &mut self.languages,
            Column::Cities => &mut self.cities,
        };
        match catalog.term(column, name) {
            Term::Bit(id) => {
                table.resize(SET_BITS, 0.0);
                table[id as usize] += weight;
            }
            Term::Rare(term) => self.rare.push((term, weight)),
            Term::Absent => {}
        }
    }

    /// The sum of the weights of the traits the talent in `slot` has.
    pub fn total(&self, catalog: &Catalog, slot: u32) -> f64 {
        let Some(row) = catalog.rows.get(slot as usize) else {
            return 0.0;
        };
        let mut total = self.row_total(row);
        if row.overflow {
            let t = catalog.talent_at(slot);
            let rare = self.rare.iter().filter(|(term, _)| term.held_by(t));
            total += rare.map(|(_, w)| w).sum::<f64>();
        }
        total
    }

    fn row_total(&self, row: &Row) -> f64 {
        let terms = |table: &[f64], set: &TermSet| -> f64 {
            if table.is_empty() {
                return 0.0;
            }
            set.ids().map(|id| table[id as usize]).sum()
        };
        let mut total = self.genders[row.gender as usize]
            + terms(&self.skills, &row.skills)
            + terms(&self.languages, &row.languages)
            + terms(&self.cities, &row.city);
        if row.theatre_background {
            total += self.theatre_background;
        }
        let older = self.older_than.iter().filter(|(n, _)| row.age > *n);
        let younger = self.younger_than.iter().filter(|(n, _)| row.age < *n);
        total + older.chain(younger).map(|(_, w)| w).sum::<f64>()
    }
}

/// A set of catalog slots as a bit set: `contains` is one bit test.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SlotSet {
    bits: Vec<u64>,
    len: usize,
}

impl FromIterator<u32> for SlotSet {
    fn from_iter<I: IntoIterator<Item = u32>>(slots: I) -> Self {
        let mut set = SlotSet::default();
        for slot in slots {
            set.insert(slot);
        }
        set
    }
}

impl SlotSet {
    /// The slots of the talents with these ids; ids not on the roster are left out.
    pub fn of_ids<'a>(catalog: &Catalog, ids: impl IntoIterator<Item = &'a str>) -> Self {
        ids.into_iter()
            .filter_map(|id| catalog.slot_of(id))
            .collect()
    }

    fn insert(&mut self, slot: u32) {
        let (word, bit) = (slot as usize / 64, slot % 64);
        if word >= self.bits.len() {
            self.bits.resize(word + 1, 0);
        }
        if self.bits[word] & (1 << bit) == 0 {
            self.bits[word] |= 1 << bit;
            self.len += 1;
        }
    }

    /// The set of these bits (bit `slot % 64` of word `slot / 64`).
    pub(super) fn from_words(bits: Vec<u64>) -> Self {
        let len = bits.iter().map(|w| w.count_ones() as usize).sum();
        SlotSet { bits, len }
    }

    /// The set as bits: bit `slot % 64` of word `slot / 64`.
    pub(super) fn words(&self) -> &[u64] {
        &self.bits
    }

    /// Whether `slot` is in the set.
    pub fn contains(&self, slot: u32) -> bool {
        let word = self.bits.get(slot as usize / 64).copied().unwrap_or(0);
        word & (1 << (slot % 64)) != 0
    }

    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::{synthetic, CreditKind};

    /// Whether `t` has trait `x`, read from the talent itself: what the columns must agree with.
    fn holds(x: Trait, t: &Talent) -> bool {
        match x {
            Trait::Skill(s) => t.has_skill(s),
            Trait::Language(l) => t.speaks(l),
            Trait::City(c) => t.city == c,
            Trait::Gender(g) => t.gender == g,
            Trait::TheatreBackground => t.has_theatre_background(),
            Trait::OlderThan(n) => t.age > n,
            Trait::YoungerThan(n) => t.age < n,
        }
    }

    fn traits() -> Vec<Trait<'static>> {
        vec![
            Trait::Skill("kathak"),
            Trait::Skill("theatre"),
            Trait::Language("marathi"),
            Trait::City("mumbai"),
            Trait::Gender(Gender::Male),
            Trait::TheatreBackground,
            Trait::OlderThan(50),
            Trait::YoungerThan(25),
            Trait::Skill("underwater welding"),
        ]
    }

    #[test]
    fn a_compiled_set_agrees_with_the_talents() {
        let c = Catalog::new(synthetic(2_000, 3)).unwrap();
        let theatre_credits = c
            .talents()
            .filter(|t| !t.has_skill("theatre"))
            .filter(|t| t.credits.iter().any(|x| x.kind == CreditKind::Theatre))
            .count();
        assert!(theatre_credits > 0, "the roster tests theatre credits too");
        for x in traits() {
            let set = TraitSet::compile(&c, [x]);
            for slot in 0..c.talents.len() as u32 {
                let t = c.talent_at(slot);
                assert_eq!(set.any_in(&c, slot), holds(x, t), "{x:?} on {}", t.id);
            }
        }
        let all = TraitSet::compile(&c, traits());
        for slot in 0..c.talents.len() as u32 {
            let t = c.talent_at(slot);
            let any = traits().into_iter().any(|x| holds(x, t));
            assert_eq!(all.any_in(&c, slot), any, "{}", t.id);
        }
        assert!(TraitSet::compile(&c, [Trait::Skill("underwater welding")]).is_empty());
    }

    #[test]
    fn weights_sum_the_traits_each_talent_has() {
        let c = Catalog::new(synthetic(2_000, 4)).unwrap();
        let mut weights = TraitWeights::default();
        let weighted: Vec<(Trait, f32)> = traits()
            .into_iter()
            .zip([0.1, -0.2, 0.3, 0.05, -0.07, 0.11, 0.13, -0.17, 0.19])
            .collect();
        for (x, w) in &weighted {
            weights.add(&c, *x, *w);
        }
        for slot in 0..c.talents.len() as u32 {
            let t = c.talent_at(slot);
            // Summed in another order than the tables': the totals are exact, so equal.
            let expected: f64 = weighted
                .iter()
                .filter(|(x, _)| holds(*x, t))
                .map(|(_, w)| f64::from(*w))
                .sum();
            assert_eq!(weights.total(&c, slot), expected, "{}", t.id);
        }
    }

    #[test]
    fn terms_past_the_bit_sets_are_checked_on_the_talent() {
        // One skill of its own per talent: the later talents' skills are past the bit sets.
        let mut talents = synthetic(SET_BITS + 40, 5);
        for (i, t) in talents.iter_mut().enumerate() {
            t.skills = vec![format!("craft {i}")];
        }
        let c = Catalog::new(talents).unwrap();
        let rare = format!("craft {}", SET_BITS + 7);
        assert!(matches!(c.term(Column::Skills, &rare), Term::Rare(_)));
        let set = TraitSet::compile(&c, [Trait::Skill(&rare)]);
        let mut weights = TraitWeights::default();
        weights.add(&c, Trait::Skill(&rare), 0.5);
        let anyone = crate::requirements::Requirements {
            age_min: Some(0), // minors too
            ..Default::default()
        };
        let filter = c.filter(&anyone).excluding(&set);
        for slot in 0..c.talents.len() as u32 {
            let has = c.talent_at(slot).has_skill(&rare);
            assert_eq!(set.any_in(&c, slot), has);
            assert_eq!(filter.admits(slot), !has, "a never on a rare term");
            assert_eq!(weights.total(&c, slot), if has { 0.5 } else { 0.0 });
        }
    }

    #[test]
    fn a_slot_set_holds_the_slots_of_known_ids() {
        let c = Catalog::new(synthetic(300, 6)).unwrap();
        let ids: Vec<String> = c
            .talents()
            .skip(100)
            .step_by(70)
            .map(|t| t.id.clone())
            .collect();
        let set = SlotSet::of_ids(&c, ids.iter().map(String::as_str).chain(["nobody"]));
        assert_eq!(set.len(), ids.len());
        for slot in 0..c.talents.len() as u32 {
            assert_eq!(set.contains(slot), ids.contains(&c.talent_at(slot).id));
        }
        assert!(!set.contains(u32::MAX) && SlotSet::default().is_empty());
    }
}
