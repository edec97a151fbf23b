//! `Filter`: a brief's hard constraints compiled against the catalog's columns, so the index
//! can test every row it reaches in a few nanoseconds.

use std::collections::BTreeSet;

use super::columns::{Row, TermSet, Terms, SET_BITS};
use super::Catalog;
use crate::requirements::Requirements;
use crate::roster::Gender;

/// A compiled predicate over catalog slots; `admits` is exact, never approximate.
pub struct Filter<'a> {
    catalog: &'a Catalog,
    requirements: &'a Requirements,
    impossible: bool,
    gender: Option<Gender>,
    age: (u32, u32),
    height: (u32, u32),
    cities: Option<TermSet>,
    languages: TermSet,
    skills: TermSet,
    /// A requirement the columns cannot express (a rare term, an extra field): check the talent.
    check_talent: bool,
}

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
        Filter {
            catalog,
            requirements: r,
            impossible,
            gender: r.gender,
            age: (r.age_min.unwrap_or(0), r.age_max.unwrap_or(u32::MAX)),
            height: (
                r.height_min_cm.unwrap_or(0),
                r.height_max_cm.unwrap_or(u32::MAX),
            ),
            cities,
            languages,
            skills,
            check_talent,
        }
    }

    /// Whether the talent in `slot` is live and meets every hard constraint.
    pub fn admits(&self, slot: u32) -> bool {
        let Some(row) = self.catalog.rows.get(slot as usize) else {
            return false;
        };
        if self.impossible || !row.live || !self.columns_admit(row) {
            return false;
        }
        !(self.check_talent || row.overflow)
            || self.requirements.admits(self.catalog.talent_at(slot))
    }

    fn columns_admit(&self, row: &Row) -> bool {
        self.gender.is_none_or(|g| g == row.gender)
            && (self.age.0..=self.age.1).contains(&row.age)
            && (self.height.0..=self.height.1).contains(&row.height_cm)
            && row.languages.contains_all(&self.languages)
            && row.skills.contains_all(&self.skills)
            && (row.overflow || self.cities.is_none_or(|c| row.city.intersects(&c)))
    }
}

/// Whether `r` uses fields the compiled columns do not cover (added by later parsers).
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
        ..Default::default()
    };
    core != *r
}
