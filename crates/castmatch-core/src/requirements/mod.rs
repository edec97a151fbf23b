//! What a role asks for: the one struct that is the brief parser's output, the search input,
//! the Claude `search_talent` tool's schema and what the pages display as chips; and `input`,
//! the one checked way into it from outside.

pub mod input;

use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::roster::{Gender, Talent};
use crate::vocab::SkillGroup;
pub use input::RequirementsError;

/// The requirements of one role. Field names and canonical values follow
/// `shared/briefs/CONVENTIONS.md`; sets hold canonical lower-case names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Requirements {
    /// Required gender; null when the role does not say.
    #[serde(default)]
    pub gender: Option<Gender>,
    /// Youngest acceptable age in whole years, inclusive.
    #[serde(default)]
    pub age_min: Option<u32>,
    /// Oldest acceptable age in whole years, inclusive.
    #[serde(default)]
    pub age_max: Option<u32>,
    /// Languages the talent must speak (canonical English names, lower case).
    #[serde(default)]
    pub languages: BTreeSet<String>,
    /// Skills the talent must have (canonical names, lower case).
    #[serde(default)]
    pub skills: BTreeSet<String>,
    /// Cities the talent may be based in; any of them is fine.
    #[serde(default)]
    pub cities: BTreeSet<String>,
    /// Minimum height in centimetres, inclusive.
    #[serde(default)]
    pub height_min_cm: Option<u32>,
    /// Maximum height in centimetres, inclusive.
    #[serde(default)]
    pub height_max_cm: Option<u32>,
    /// Skills that are wanted but not required: they raise the score, never exclude.
    #[serde(default)]
    pub preferred_skills: BTreeSet<String>,
    /// Languages that are wanted but not required ("Marathi a plus"): they raise the score only.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub preferred_languages: BTreeSet<String>,
    /// Cities that are wanted but not required ("Mumbai preferred"): they raise the score only.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub preferred_cities: BTreeSet<String>,
    /// Cities the talent must not be based in ("not from Delhi").
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub excluded_cities: BTreeSet<String>,
    /// Generic skills ("a dancer", "can dance", "martial artist"): for each group named (see
    /// `vocab::SkillGroup`: dance, classical dance, folk dance, martial arts, instrument,
    /// sport), the talent must have at least one of its forms.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub skill_groups: BTreeSet<String>,
    /// Generic skills that are wanted but not required ("dancing a plus"): they raise the score.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub preferred_skill_groups: BTreeSet<String>,
    /// Look and type notes ("tall", "bearded", "girl next door"): shown to the director and
    /// available to ranking, never a filter, because the roster records no such field.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub look: BTreeSet<String>,
    /// First shoot day, YYYY-MM-DD: a talent whose recorded days free leave out any day from
    /// here to `available_to` is excluded (no dates on file is no exclusion). One date alone is
    /// one day.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_from: Option<Date>,
    /// Last shoot day, YYYY-MM-DD (see `available_from`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub available_to: Option<Date>,
    /// Highest day rate in rupees: a talent whose recorded rate is above it is excluded (no rate
    /// on file is no exclusion).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_rate_max_inr: Option<u32>,
    /// Who the role is, in free words ("a weary small-town doctor who has seen it all"), as
    /// Claude's tool passes it: never a filter, ranked by meaning with `look`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The age of majority in India (Indian Majority Act, 1875): younger performers are minors,
/// cast only when a role asks for them.
pub const ADULT_AGE: u32 = 18;

impl Requirements {
    /// Whether a talent meets every hard constraint. The age range is met by the talent's
    /// playing ages where the roster gives them (any overlap), else by the real age; the real
    /// age must also be in `real_ages` (adults unless the role asks for minors).
    pub fn admits(&self, t: &Talent) -> bool {
        let (youngest, oldest) = self.real_ages();
        self.gender.is_none_or(|g| g == t.gender)
            && t.plays_ages(self.age_min, self.age_max)
            && (youngest..=oldest).contains(&t.age)
            && self.height_min_cm.is_none_or(|h| t.height_cm >= h)
            && self.height_max_cm.is_none_or(|h| t.height_cm <= h)
            && (self.cities.is_empty() || self.cities.contains(&t.city))
            && !self.excluded_cities.contains(&t.city)
            && self.languages.iter().all(|l| t.speaks(l))
            && self.skills.iter().all(|s| t.has_skill(s))
            && self.skill_groups.iter().all(|g| has_skill_of(t, g))
            && self
                .day_rate_max_inr
                .is_none_or(|max| t.day_rate_inr.is_none_or(|rate| rate <= max))
            && self
                .shoot_days()
                .is_none_or(|(first, last)| t.may_be_free(first, last))
    }

    /// The real ages a role admits. Adults by default: a role that gives no age, or an adult
    /// range ("under 28" is 18-28 in casting), never lists minors; a child role (a range
    /// wholly under `ADULT_AGE`, "child", "10-14") lists only minors; a range that starts
    /// below it and ends above ("teenager", 16-25) asks for both.
    pub fn real_ages(&self) -> (u32, u32) {
        match (self.age_min, self.age_max) {
            (_, Some(max)) if max < ADULT_AGE => (0, ADULT_AGE - 1),
            (Some(min), _) if min < ADULT_AGE => (0, u32::MAX),
            _ => (ADULT_AGE, u32::MAX),
        }
    }

    /// The groups of `skill_groups`, as groups (names the vocabulary lacks are skipped: the
    /// checked constructor refuses them).
    pub fn groups(&self) -> impl Iterator<Item = SkillGroup> + '_ {
        self.skill_groups
            .iter()
            .filter_map(|g| SkillGroup::parse(g))
    }

    /// The shoot's first and last day, when the role gives dates (one date is one day).
    pub fn shoot_days(&self) -> Option<(Date, Date)> {
        match (self.available_from, self.available_to) {
            (Some(first), Some(last)) => Some((first, last)),
            (Some(day), None) | (None, Some(day)) => Some((day, day)),
            (None, None) => None,
        }
    }

    /// True when no field constrains anything.
    pub fn is_empty(&self) -> bool {
        *self == Requirements::default()
    }
}

/// Whether the talent has a skill of the group named `group`.
pub fn has_skill_of(t: &Talent, group: &str) -> bool {
    SkillGroup::parse(group).is_none_or(|g| t.skills.iter().any(|s| g.includes(s)))
}
