//! The working memory of one role: a standing brief that each turn refines ("a bit older",
//! "drop the dance", "next, a cop"), reporting what changed in words a person can read.

use std::collections::BTreeSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::date::Date;
use crate::requirements::Requirements;
use crate::vocab::{SkillGroup, Vocabulary};

use super::parser::{apply, apply_terms, Mode};
use super::reading::read;

/// One role's conversation so far.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    brief: Requirements,
    turns: usize,
}

/// What one turn did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Turn {
    /// The standing brief after the turn.
    pub requirements: Requirements,
    /// Field by field, what the turn changed.
    pub changes: Vec<Change>,
    /// Phrases the turn held that could not be placed.
    pub unrecognised: Vec<String>,
    /// Phrases read as something they do not name outright, with how sure each reading is.
    pub readings: Vec<Interpretation>,
    /// The turn started a new role ("next, a cop ...") or started over.
    pub new_role: bool,
}

/// A field of the brief, as a change names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BriefField {
    Gender,
    Age,
    Height,
    Languages,
    Skills,
    SkillGroups,
    Cities,
    PreferredSkills,
    PreferredSkillGroups,
    PreferredLanguages,
    PreferredCities,
    ExcludedCities,
    Look,
}

crate::named::named_enum!(BriefField {
    Gender = "gender",
    Age = "age",
    Height = "height",
    Languages = "languages",
    Skills = "skills",
    SkillGroups = "skill_groups",
    Cities = "cities",
    PreferredSkills = "preferred_skills",
    PreferredSkillGroups = "preferred_skill_groups",
    PreferredLanguages = "preferred_languages",
    PreferredCities = "preferred_cities",
    ExcludedCities = "excluded_cities",
    Look = "look",
});

impl BriefField {
    pub const ALL: [BriefField; 13] = [
        BriefField::Gender,
        BriefField::Age,
        BriefField::Height,
        BriefField::Languages,
        BriefField::Skills,
        BriefField::SkillGroups,
        BriefField::Cities,
        BriefField::PreferredSkills,
        BriefField::PreferredSkillGroups,
        BriefField::PreferredLanguages,
        BriefField::PreferredCities,
        BriefField::ExcludedCities,
        BriefField::Look,
    ];

    /// The name a person reads ("preferred skills").
    pub fn label(self) -> &'static str {
        match self {
            BriefField::Gender => "gender",
            BriefField::Age => "age",
            BriefField::Height => "height",
            BriefField::Languages => "languages",
            BriefField::Skills => "skills",
            BriefField::SkillGroups => "generic skills",
            BriefField::Cities => "cities",
            BriefField::PreferredSkills => "preferred skills",
            BriefField::PreferredSkillGroups => "preferred generic skills",
            BriefField::PreferredLanguages => "preferred languages",
            BriefField::PreferredCities => "preferred cities",
            BriefField::ExcludedCities => "excluded cities",
            BriefField::Look => "look",
        }
    }

    /// The field's value in a brief, as text ("25-32", "hindi + marathi"); "any" when open.
    pub fn value_in(self, r: &Requirements) -> String {
        match self {
            BriefField::Gender => r
                .gender
                .map_or_else(|| "any".to_string(), |g| g.as_str().to_string()),
            BriefField::Age => bounds(r.age_min, r.age_max, ""),
            BriefField::Height => bounds(r.height_min_cm, r.height_max_cm, " cm"),
            BriefField::Languages => joined(&r.languages, " + "),
            BriefField::Skills => joined(&r.skills, " + "),
            BriefField::SkillGroups => described(&r.skill_groups),
            BriefField::Cities => joined(&r.cities, " or "),
            BriefField::PreferredSkills => joined(&r.preferred_skills, " + "),
            BriefField::PreferredSkillGroups => described(&r.preferred_skill_groups),
            BriefField::PreferredLanguages => joined(&r.preferred_languages, " + "),
            BriefField::PreferredCities => joined(&r.preferred_cities, " or "),
            BriefField::ExcludedCities => joined(&r.excluded_cities, ", "),
            BriefField::Look => joined(&r.look, ", "),
        }
    }
}

/// "25-32", "40+", "up to 29", "any".
pub(crate) fn bounds(min: Option<u32>, max: Option<u32>, unit: &str) -> String {
    match (min, max) {
        (Some(a), Some(b)) if a == b => format!("{a}{unit}"),
        (Some(a), Some(b)) => format!("{a}-{b}{unit}"),
        (Some(a), None) => format!("{a}+{unit}"),
        (None, Some(b)) => format!("up to {b}{unit}"),
        (None, None) => "any".to_string(),
    }
}

pub(crate) fn joined(set: &BTreeSet<String>, sep: &str) -> String {
    if set.is_empty() {
        "any".to_string()
    } else {
        set.iter().map(String::as_str).collect::<Vec<_>>().join(sep)
    }
}

/// Generic skills as a person reads them: "any dance form + any martial art".
fn described(groups: &BTreeSet<String>) -> String {
    if groups.is_empty() {
        return "any".to_string();
    }
    let shown: Vec<&str> = groups
        .iter()
        .map(|g| match SkillGroup::parse(g) {
            Some(group) => group.describe(),
            None => g.as_str(),
        })
        .collect();
    shown.join(" + ")
}

/// A phrase read as something it does not name outright: a word form ("rides motorbikes"), a
/// practitioner ("MMA fighter"), one word of a longer term ("climbs"), a near spelling
/// ("Kathac"), a generic skill ("can dance"). Shown to the director, never silent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Interpretation {
    /// The words as written ("MMA fighter").
    pub phrase: String,
    /// The field they went to.
    pub field: BriefField,
    /// What they were read as ("mma", "any dance form").
    pub value: String,
    /// How sure the reading is, from 0 to 1.
    pub confidence: f32,
}

impl fmt::Display for Interpretation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let noun = match self.field {
            BriefField::Languages | BriefField::PreferredLanguages => "language ",
            BriefField::Skills | BriefField::PreferredSkills => "skill ",
            BriefField::Cities | BriefField::PreferredCities | BriefField::ExcludedCities => {
                "city "
            }
            _ => "",
        };
        write!(f, "read '{}' as {noun}{}", self.phrase, self.value)
    }
}

/// One field's change: "age 25-32 -> 30-37".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Change {
    pub field: BriefField,
    /// The value before, as text; "any" when the field was open.
    pub before: String,
    /// The value after, as text; "any" when the field is now open.
    pub after: String,
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} -> {}",
            self.field.label(),
            self.before,
            self.after
        )
    }
}

/// Every field that differs between two briefs.
pub fn changes_between(before: &Requirements, after: &Requirements) -> Vec<Change> {
    BriefField::ALL
        .iter()
        .filter_map(|&field| {
            let (b, a) = (field.value_in(before), field.value_in(after));
            (b != a).then_some(Change {
                field,
                before: b,
                after: a,
            })
        })
        .collect()
}

impl Conversation {
    pub fn new() -> Conversation {
        Conversation::default()
    }

    /// Takes one turn: a first brief, a refinement, or a new role.
    pub fn say(&mut self, text: &str) -> Turn {
        self.say_in(text, Vocabulary::builtin())
    }

    /// Takes one turn about a roster whose own terms are words too.
    pub fn say_in(&mut self, text: &str, vocabulary: &Vocabulary) -> Turn {
        self.say_on(text, vocabulary, None)
    }

    /// Takes one turn said on `today`, which places shoot dates ("next month") in a year.
    pub fn say_on(&mut self, text: &str, vocabulary: &Vocabulary, today: Option<Date>) -> Turn {
        let reading = read(text, vocabulary);
        let new_role = reading.new_role || reading.reset;
        if new_role {
            self.brief = Requirements::default();
        }
        let before = self.brief.clone();
        let mode = if self.brief.is_empty() {
            Mode::Fresh
        } else {
            Mode::Refine
        };
        apply(&mut self.brief, &reading, mode);
        apply_terms(&mut self.brief, &reading, today);
        self.turns += 1;
        Turn {
            requirements: self.brief.clone(),
            changes: changes_between(&before, &self.brief),
            unrecognised: reading.unrecognised,
            readings: reading.readings,
            new_role,
        }
    }

    /// Replaces the standing brief outright (a chip removed on the page, a brief Claude
    /// understood through the search tool), reporting what changed like a spoken turn.
    pub fn replace(&mut self, requirements: Requirements) -> Turn {
        let before = std::mem::replace(&mut self.brief, requirements);
        self.turns += 1;
        Turn {
            requirements: self.brief.clone(),
            changes: changes_between(&before, &self.brief),
            unrecognised: Vec::new(),
            readings: Vec::new(),
            new_role: false,
        }
    }

    /// Forgets the standing brief.
    pub fn reset(&mut self) {
        *self = Conversation::default();
    }

    pub fn requirements(&self) -> &Requirements {
        &self.brief
    }

    /// How many turns this role has had.
    pub fn turns(&self) -> usize {
        self.turns
    }
}
