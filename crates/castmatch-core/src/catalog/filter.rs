//! `Filter`: a brief's hard constraints compiled against the catalog's columns, so the index
//! can test every row it reaches in a few nanoseconds.

use std::collections::BTreeSet;
use std::rc::Rc;

use super::columns::{and_into, ones, or_into, Postings, Row, TermSet, Terms, OLDEST, SET_BITS};
use super::traits::{SlotSet, TraitColumns, TraitSet};
use super::Catalog;
use crate::requirements::{Requirements, ADULT_AGE};
use crate::roster::{Gender, Talent};
use castmatch_index::RowFilter;

/// A compiled predicate over catalog slots; `admits` is exact, never approximate.
///
/// Memory's hard exclusions fold into it (`without`, `excluding`), so one pass over the row
/// answers the brief and memory together. The same filter answers for the meaning layer's
/// index, whose points are profile units (`over_points`): one filter type, so the index's
/// search code is compiled once in the size-optimised wasm.
#[derive(Clone)]
pub struct Filter<'a> {
    catalog: &'a Catalog,
    requirements: &'a Requirements,
    impossible: bool,
    gender: Option<Gender>,
    /// The brief's age range, met by any overlap with a row's playing ages.
    ages: (u32, u32),
    /// Memory's age limits ("never over 60"), on the real age.
    real_age: (u32, u32),
    height: (u32, u32),
    day_rate_max: u32,
    /// The shoot's first and last day as day numbers: a row's days free must cover them.
    shoot: Option<(i32, i32)>,
    cities: Option<TermSet>,
    languages: TermSet,
    skills: TermSet,
    /// For each generic skill ("any dance form"), the roster's skills of its group.
    skill_groups: Vec<TermSet>,
    /// A requirement the columns cannot express (a rare term, an extra field): check the talent.
    check_talent: bool,
    /// Slots never to show (rejected talents), when there are any.
    excluded_slots: Option<&'a SlotSet>,
    /// Traits no talent shown may have, but ages: those narrow `age`.
    excluded_traits: Option<TraitColumns>,
    /// Rare terms among the excluded traits, checked on the talent of an overflow row.
    excluded_rare: Option<&'a TraitSet>,
    /// Set when the ids tested are the meaning layer's points: those an admitted talent holds.
    points: Option<&'a SlotSet>,
    /// The slots that may pass, from the postings of the brief's gender, ages, cities and
    /// languages and of the minors (a superset: `admits` decides), when it names any.
    candidates: Option<Rc<[u64]>>,
    /// The candidates are exactly the slots admitted (but `excluded_slots`): the brief asks
    /// nothing the postings do not answer, so a slot's bit decides without reading its row,
    /// whose load is most of a test at a million rows.
    decided: bool,
}

/// The real ages the postings answer: any, adults (a brief's default) or minors only.
const POSTED_REAL_AGES: [(u32, u32); 3] =
    [(0, u32::MAX), (ADULT_AGE, u32::MAX), (0, ADULT_AGE - 1)];

impl<'a> Filter<'a> {
    pub(super) fn compile(catalog: &'a Catalog, r: &'a Requirements) -> Self {
        let mut impossible = false;
        let mut check_talent = has_fields_beyond_the_core(r);
        let mut all_of = |terms: &Terms, wanted: &BTreeSet<String>| {
            let mut set = TermSet::default();
            for w in wanted {
                match terms.get(w) {
                    Some(id) if (id as usize) < SET_BITS => set.insert(id),
                    Some(_) => check_talent = true,
                    None => impossible = true, // nobody on the roster has it
                }
            }
            set
        };
        let languages = all_of(&catalog.languages, &r.languages);
        let skills = all_of(&catalog.skills, &r.skills);
        let cities = (!r.cities.is_empty()).then(|| {
            let mut set = TermSet::default();
            for id in r.cities.iter().filter_map(|c| catalog.cities.get(c)) {
                if (id as usize) < SET_BITS {
                    set.insert(id);
                } else {
                    check_talent = true;
                }
            }
            set
        });
        let mut skill_groups = Vec::new();
        for group in r.groups() {
            let mut set = TermSet::default();
            let mut held = false; // does anyone on the roster have a skill of the group?
            for (_, id) in catalog.skills.iter().filter(|(s, _)| group.includes(s)) {
                held = true;
                if (id as usize) < SET_BITS {
                    set.insert(id);
                } else {
                    check_talent = true;
                }
            }
            impossible |= !held;
            skill_groups.push(set);
        }
        let ages = (r.age_min.unwrap_or(0), r.age_max.unwrap_or(u32::MAX));
        let postings = catalog.postings();
        let candidates = candidates(
            postings,
            r.gender,
            (ages, r.real_ages()),
            cities.as_ref(),
            &languages,
        );
        let mut filter = Filter {
            catalog,
            requirements: r,
            impossible,
            gender: r.gender,
            ages,
            real_age: r.real_ages(),
            height: (
                r.height_min_cm.unwrap_or(0),
                r.height_max_cm.unwrap_or(u32::MAX),
            ),
            day_rate_max: r.day_rate_max_inr.unwrap_or(u32::MAX),
            shoot: r
                .shoot_days()
                .map(|(first, last)| (first.day_number(), last.day_number())),
            cities,
            languages,
            skills,
            skill_groups,
            check_talent,
            excluded_slots: None,
            excluded_traits: None,
            excluded_rare: None,
            points: None,
            candidates,
            decided: false,
        };
        filter.decided = filter.postings_decide(postings);
        filter
    }

    /// Whether the candidates are exactly the rows `columns_admit` passes: every constraint is
    /// one the postings hold (and ages within their years), no candidate overflows the bit
    /// sets, and nothing needs the talent itself.
    fn postings_decide(&self, postings: &Postings) -> bool {
        let Some(candidates) = &self.candidates else {
            return false;
        };
        let whole_years = |age: u32| age < OLDEST || age == u32::MAX;
        !self.impossible
            && !self.check_talent
            && whole_years(self.ages.0)
            && whole_years(self.ages.1)
            && POSTED_REAL_AGES.contains(&self.real_age)
            && self.height == (0, u32::MAX)
            && self.day_rate_max == u32::MAX
            && self.shoot.is_none()
            && self.skills.is_empty()
            && self.skill_groups.is_empty()
            && !candidates
                .iter()
                .zip(postings.overflow())
                .any(|(c, o)| c & o != 0)
    }

    /// The filter over the meaning layer's points, given those its admitted talents hold (one
    /// pass over the talents per search, so the scan tests a bit per point).
    pub(super) fn over_points(&self, points: &'a SlotSet) -> Self {
        Filter {
            points: Some(points),
            candidates: None,
            decided: false,
            ..self.clone()
        }
    }

    /// The slots to test among the first `slots`: the candidates when the brief names some,
    /// else every slot.
    pub(super) fn slots_to_test(&self, slots: u32) -> Box<dyn Iterator<Item = u32> + '_> {
        match &self.candidates {
            Some(words) => Box::new(ones(words).take_while(move |&s| s < slots)),
            None => Box::new(0..slots),
        }
    }

    /// About how many slots pass: the candidates' count when the postings decide, else the
    /// index planner's estimate from its sample of rows (a rare skill among a wide age range
    /// passes far fewer than the ages' candidates).
    pub(super) fn admitted_estimate(&self) -> usize {
        if let (true, Some(words)) = (self.decided, &self.candidates) {
            return words.iter().map(|w| w.count_ones() as usize).sum();
        }
        let estimate = self.catalog.index.estimate_selectivity(self);
        estimate.expected_matches.ceil() as usize
    }

    /// Also refuses the talents in `slots`.
    pub fn without(mut self, slots: &'a SlotSet) -> Self {
        self.excluded_slots = (!slots.is_empty()).then_some(slots);
        self
    }

    /// Also refuses every talent with a trait of `never`. An age limit becomes a range on the
    /// real age, so it costs one comparison per row; other traits are a few bit tests.
    pub fn excluding(mut self, never: &'a TraitSet) -> Self {
        let mut columns = never.columns;
        if let Some(n) = columns.older_than.take() {
            self.real_age.1 = self.real_age.1.min(n);
        }
        if let Some(n) = columns.younger_than.take() {
            self.real_age.0 = self.real_age.0.max(n);
        }
        self.excluded_traits = (columns != TraitColumns::default()).then_some(columns);
        self.excluded_rare = never.has_rare_terms().then_some(never);
        self.decided &= self.excluded_traits.is_none()
            && self.excluded_rare.is_none()
            && POSTED_REAL_AGES.contains(&self.real_age);
        self
    }

    /// Whether the talent in `slot` is live and meets every hard constraint (for a filter
    /// over points: whether an admitted talent holds point `id`).
    #[inline]
    pub fn admits(&self, id: u32) -> bool {
        match self.points {
            Some(points) => points.contains(id),
            None => self.admits_talent(id),
        }
    }

    fn admits_talent(&self, slot: u32) -> bool {
        if let (true, Some(candidates)) = (self.decided, &self.candidates) {
            let word = candidates.get(slot as usize / 64).copied().unwrap_or(0);
            return word & (1 << (slot % 64)) != 0
                && self.excluded_slots.is_none_or(|s| !s.contains(slot));
        }
        let Some(row) = self.catalog.rows.get(slot as usize) else {
            return false;
        };
        if self.impossible || !row.live || !self.columns_admit(row) || self.excludes(slot, row) {
            return false;
        }
        !(self.check_talent || row.overflow) || self.talent_admits(self.catalog.talent_at(slot))
    }

    fn excludes(&self, slot: u32, row: &Row) -> bool {
        self.excluded_slots.is_some_and(|s| s.contains(slot))
            || self.excluded_traits.is_some_and(|t| t.any_in(row))
    }

    /// The checks the columns cannot make, on the talent itself.
    fn talent_admits(&self, t: &Talent) -> bool {
        self.requirements.admits(t) && self.excluded_rare.is_none_or(|n| !n.any_rare_in(t))
    }

    fn columns_admit(&self, row: &Row) -> bool {
        self.gender.is_none_or(|g| g == row.gender)
            && row.plays.1 >= self.ages.0
            && row.plays.0 <= self.ages.1
            && (self.real_age.0..=self.real_age.1).contains(&row.age)
            && (self.height.0..=self.height.1).contains(&row.height_cm)
            && row.day_rate.is_none_or(|rate| rate <= self.day_rate_max)
            && self
                .shoot
                .is_none_or(|(first, last)| row.free.0 <= first && row.free.1 >= last)
            && row.languages.contains_all(&self.languages)
            && row.skills.contains_all(&self.skills)
            && (row.overflow || self.skill_groups.iter().all(|g| row.skills.intersects(g)))
            && (row.overflow || self.cities.is_none_or(|c| row.city.intersects(&c)))
    }
}

/// Whether `r` uses fields the compiled columns do not cover (added by later parsers). Fields
/// that only rank (preferences, look, description) never filter, so they are not counted.
#[allow(clippy::needless_update)] // the update takes whatever fields the core does not name
fn has_fields_beyond_the_core(r: &Requirements) -> bool {
    let core = Requirements {
        gender: r.gender,
        age_min: r.age_min,
        age_max: r.age_max,
        languages: r.languages.clone(),
        skills: r.skills.clone(),
        cities: r.cities.clone(),
        height_min_cm: r.height_min_cm,
        height_max_cm: r.height_max_cm,
        preferred_skills: r.preferred_skills.clone(),
        skill_groups: r.skill_groups.clone(),
        preferred_skill_groups: r.preferred_skill_groups.clone(),
        available_from: r.available_from,
        available_to: r.available_to,
        day_rate_max_inr: r.day_rate_max_inr,
        preferred_languages: r.preferred_languages.clone(),
        preferred_cities: r.preferred_cities.clone(),
        look: r.look.clone(),
        description: r.description.clone(),
        ..Default::default()
    };
    core != *r
}

/// The index tests rows through this, so the test inlines into its scan and walk.
impl RowFilter for Filter<'_> {
    #[inline(always)]
    fn passes(&self, slot: u32) -> bool {
        self.admits(slot)
    }

    fn candidates(&self) -> Option<&[u64]> {
        match self.points {
            Some(points) => Some(points.words()),
            None => self.candidates.as_deref(),
        }
    }
}

/// The slots that may meet a brief's gender, age range (playing ages), real ages (adults, or
/// minors only), cities (any of) and languages (all of), from the postings; `None` when it
/// names none of them. Rows with terms past the bit sets may have no city posting, so they are
/// always candidates for a city.
fn candidates(
    postings: &Postings,
    gender: Option<Gender>,
    (ages, real_ages): ((u32, u32), (u32, u32)),
    cities: Option<&TermSet>,
    languages: &TermSet,
) -> Option<Rc<[u64]>> {
    let mut kept: Option<Vec<u64>> = None;
    let mut and = |bits: &[u64]| match &mut kept {
        None => kept = Some(bits.to_vec()),
        Some(kept) => and_into(kept, bits),
    };
    if let Some(gender) = gender {
        and(postings.gender(gender));
    }
    for id in languages.ids() {
        and(postings.language(id));
    }
    if let Some(playing) = postings.playing(ages) {
        and(&playing);
    }
    if let Some(cities) = cities {
        let mut any = postings.overflow().to_vec();
        for id in cities.ids() {
            or_into(&mut any, postings.city(id));
        }
        and(&any);
    }
    match real_ages {
        (0, max) if max == ADULT_AGE - 1 => and(postings.minors()),
        (ADULT_AGE, u32::MAX) => {
            let kept = kept.get_or_insert_with(|| postings.live().to_vec());
            kept.iter_mut()
                .zip(postings.minors())
                .for_each(|(k, minor)| *k &= !minor);
        }
        _ => {}
    }
    kept.map(Rc::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Trait;
    use crate::roster::synthetic;

    #[test]
    fn the_rows_playing_an_age_range_are_those_whose_playing_ages_meet_it() {
        let mut c = Catalog::new(synthetic(700, 3)).unwrap();
        let check = |c: &Catalog| {
            let postings = c.postings();
            for (youngest, oldest) in [(0, 17), (18, 18), (25, 32), (45, u32::MAX), (60, 99)]
                .into_iter()
                .chain([(99, 120), (101, 130), (40, 30), (0, 100)])
            {
                let expected: Vec<u32> = (0..c.rows.len() as u32)
                    .filter(|&slot| {
                        let row = &c.rows[slot as usize];
                        let meets = |(a, b): (u32, u32)| {
                            a.min(OLDEST) <= oldest.min(OLDEST)
                                && b.min(OLDEST) >= youngest.min(OLDEST)
                        };
                        row.live && youngest <= oldest && meets(row.plays)
                    })
                    .collect();
                let Some(bits) = postings.playing((youngest, oldest)) else {
                    assert!(youngest == 0 && oldest >= OLDEST, "{youngest}-{oldest}");
                    continue;
                };
                assert_eq!(
                    ones(&bits).collect::<Vec<_>>(),
                    expected,
                    "{youngest}-{oldest}"
                );
            }
        };
        check(&c);
        // Followed through updates: a talent removed, one ageing, one added.
        let gone = c.talent_at(5).id.clone();
        c.remove(&gone).unwrap();
        let mut older = c.talent_at(9).clone();
        older.age = 62;
        c.update(older).unwrap();
        let mut new = c.talent_at(20).clone();
        (new.id, new.age) = ("NEW-1".into(), 19);
        c.add(new).unwrap();
        check(&c);
    }

    #[test]
    fn the_candidates_hold_every_admitted_slot_and_follow_updates() {
        let mut c = Catalog::new(synthetic(600, 11)).unwrap();
        let first = c.talent_at(0).clone();
        let test = |c: &Catalog, brief: &str| -> (Vec<u32>, Vec<u32>) {
            let r: Requirements = serde_json::from_str(brief).unwrap();
            let f = c.filter(&r);
            let named = f.slots_to_test(600).collect();
            (named, (0..600).filter(|&s| f.admits(s)).collect())
        };
        let city = &first.city;
        let language = &first.languages[0];
        for brief in [
            format!(
                r#"{{"gender":"{}","cities":["{city}","pune"]}}"#,
                first.gender.as_str()
            ),
            format!(r#"{{"languages":["{language}"],"age_min":{}}}"#, first.age),
            format!(r#"{{"cities":["{city}"],"languages":["{language}"]}}"#),
        ] {
            let (named, admitted) = test(&c, &brief);
            assert!(admitted.contains(&0), "{brief}");
            assert!(admitted.iter().all(|s| named.contains(s)), "{brief}");
            assert!(named.len() < 600, "{brief}: the postings named every slot");
        }
        let (named, admitted) = test(&c, r#"{"age_min":30,"age_max":34}"#);
        assert!(admitted.iter().all(|s| named.contains(s)));
        assert!(
            named.len() < 300,
            "{} slots named for a 5-year range",
            named.len()
        );
        let (named, _) = test(&c, r#"{"height_min_cm":150,"age_min":5}"#);
        assert_eq!(
            named.len(),
            600,
            "a brief the postings cannot narrow tests every slot"
        );

        let mut moved = first.clone();
        moved.city = "a city of its own".into();
        c.update(moved).unwrap();
        let brief = format!(r#"{{"cities":["{city}"]}}"#);
        assert!(
            !test(&c, &brief).0.contains(&0),
            "the old city's posting lost the slot"
        );
        let (named, admitted) = test(&c, r#"{"cities":["a city of its own"]}"#);
        assert_eq!((named, admitted), (vec![0], vec![0]));
    }

    #[test]
    fn where_the_postings_decide_a_bit_admits_exactly_what_the_rows_would() {
        let briefs = [
            (r#"{"gender":"female","age_min":25,"age_max":32}"#, true),
            (
                r#"{"languages":["hindi"],"cities":["mumbai","pune"]}"#,
                true,
            ),
            (r#"{"age_max":12}"#, true),
            (r#"{"gender":"male"}"#, true),
            (r#"{"age_min":16,"age_max":24}"#, true),
            (r#"{"age_min":30,"age_max":140}"#, false),
            (r#"{"gender":"female","skills":["singing"]}"#, false),
            (r#"{"cities":["mumbai"],"height_min_cm":170}"#, false),
        ];
        // Talents removed before the postings are made, and after.
        for postings_first in [false, true] {
            let mut c = Catalog::new(synthetic(2_000, 5)).unwrap();
            if postings_first {
                c.filter(&Requirements::default());
            }
            let gone: Vec<String> = c.talents().step_by(7).map(|t| t.id.clone()).collect();
            for id in &gone {
                c.remove(id).unwrap();
            }
            for (brief, decided) in briefs {
                let r: Requirements = serde_json::from_str(brief).unwrap();
                let f = c.filter(&r);
                assert_eq!(f.decided, decided, "{brief}");
                let mut admitted = 0;
                for slot in 0..2_000 {
                    let t = c.talent_at(slot);
                    let expected = r.admits(t) && !gone.contains(&t.id);
                    assert_eq!(f.admits(slot), expected, "{brief} on {}", t.id);
                    admitted += usize::from(expected);
                }
                assert!(admitted > 0, "{brief} admits someone");
            }
        }
    }

    #[test]
    fn the_admitted_estimate_is_the_count_where_the_postings_decide_and_near_it_elsewhere() {
        let c = Catalog::new(synthetic(3_000, 7)).unwrap();
        for (brief, decided) in [
            (r#"{"gender":"female","age_min":25,"age_max":40}"#, true),
            (r#"{"skills":["singing"],"age_max":40}"#, false),
            (r#"{"gender":"male","height_min_cm":175}"#, false),
        ] {
            let r: Requirements = serde_json::from_str(brief).unwrap();
            let f = c.filter(&r);
            let (estimate, count) = (f.admitted_estimate(), c.count_matching(&r));
            assert!(count > 0, "{brief}");
            match decided {
                true => assert_eq!(estimate, count, "{brief}"),
                false => assert!(
                    estimate * 2 > count && estimate < count * 2,
                    "{brief}: {estimate} estimated, {count} admitted"
                ),
            }
        }
    }

    #[test]
    fn a_generic_skill_admits_exactly_the_talents_with_a_form_of_it() {
        let c = Catalog::new(synthetic(3_000, 7)).unwrap();
        for groups in [&["dance"][..], &["martial arts"], &["dance", "instrument"]] {
            let r = Requirements {
                skill_groups: groups.iter().map(|g| g.to_string()).collect(),
                ..Default::default()
            };
            let filter = c.filter(&r);
            let mut admitted = 0;
            for slot in 0..c.rows.len() as u32 {
                let t = c.talent_at(slot);
                assert_eq!(filter.admits(slot), r.admits(t), "{groups:?} on {}", t.id);
                admitted += usize::from(r.admits(t));
            }
            assert!(admitted > 0 && admitted < 3_000, "{groups:?}: {admitted}");
        }
    }

    #[test]
    fn exclusions_fold_into_the_brief_exactly() {
        let c = Catalog::new(synthetic(3_000, 7)).unwrap();
        let r = Requirements {
            gender: Some(Gender::Female),
            age_min: Some(25),
            age_max: Some(50),
            ..Default::default()
        };
        let rejected: Vec<&str> = c.talents().step_by(9).map(|t| t.id.as_str()).collect();
        let slots = SlotSet::of_ids(&c, rejected.iter().copied());
        let nevers = [
            vec![Trait::OlderThan(40)],
            vec![Trait::YoungerThan(30), Trait::OlderThan(45)],
            vec![Trait::TheatreBackground, Trait::Language("marathi")],
            vec![
                Trait::Skill("kathak"),
                Trait::City("mumbai"),
                Trait::Gender(Gender::Male),
            ],
            vec![],
        ];
        for traits in nevers {
            let never = TraitSet::compile(&c, traits.clone());
            let filter = c.filter(&r).without(&slots).excluding(&never);
            let mut admitted = 0;
            for slot in 0..c.rows.len() as u32 {
                let t = c.talent_at(slot);
                let expected =
                    r.admits(t) && !rejected.contains(&t.id.as_str()) && !never.any_in(&c, slot);
                assert_eq!(filter.admits(slot), expected, "{traits:?} on {}", t.id);
                admitted += usize::from(expected);
            }
            assert!(admitted > 0, "{traits:?} leaves someone to show");
        }
    }
}
