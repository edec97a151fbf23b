//! What a role asks for: the one struct that is the brief parser's output, the search input,
//! the Claude `search_talent` tool's schema and what the pages display as chips.

use std::collections::BTreeSet;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::roster::{Gender, Talent};

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
    /// Look and type notes ("tall", "bearded", "girl next door"): shown to the director and
    /// available to ranking, never a filter, because the roster records no such field.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub look: BTreeSet<String>,
    /// Who the role is, in free words ("a weary small-town doctor who has seen it all"), as
    /// Claude's tool passes it: never a filter, ranked by meaning with `look`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Requirements {
    /// Whether a talent meets every hard constraint.
    pub fn admits(&self, t: &Talent) -> bool {
        self.gender.is_none_or(|g| g == t.gender)
            && self.age_min.is_none_or(|a| t.age >= a)
            && self.age_max.is_none_or(|a| t.age <= a)
            && self.height_min_cm.is_none_or(|h| t.height_cm >= h)
            && self.height_max_cm.is_none_or(|h| t.height_cm <= h)
            && (self.cities.is_empty() || self.cities.contains(&t.city))
            && !self.excluded_cities.contains(&t.city)
            && self.languages.iter().all(|l| t.speaks(l))
            && self.skills.iter().all(|s| t.has_skill(s))
    }

    /// True when no field constrains anything.
    pub fn is_empty(&self) -> bool {
        *self == Requirements::default()
    }
}
