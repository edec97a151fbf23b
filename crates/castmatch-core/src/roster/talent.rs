//! The talent record: who a performer is, as the roster knows them.

use serde::{Deserialize, Serialize};

/// Gender as casting sheets record it; canonical lower-case names on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Female,
    Male,
    Nonbinary,
}

crate::named::named_enum!(Gender { Female = "female", Male = "male", Nonbinary = "nonbinary" });

impl Gender {
    pub const ALL: [Gender; 3] = [Gender::Female, Gender::Male, Gender::Nonbinary];

    /// Reads "Female", "F", "woman", "non-binary" ... in any case.
    pub fn parse(raw: &str) -> Option<Gender> {
        match crate::vocab::normalise(raw).as_str() {
            "female" | "f" | "woman" | "w" => Some(Gender::Female),
            "male" | "m" | "man" => Some(Gender::Male),
            "nonbinary" | "non-binary" | "non binary" | "nb" | "x" | "other" => {
                Some(Gender::Nonbinary)
            }
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Gender::Female => "female",
            Gender::Male => "male",
            Gender::Nonbinary => "nonbinary",
        }
    }
}

/// The medium of a credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum CreditKind {
    Film,
    Tv,
    Ott,
    Ad,
    Theatre,
}

crate::named::named_enum!(CreditKind { Film = "film", Tv = "tv", Ott = "ott", Ad = "ad", Theatre = "theatre" });

impl CreditKind {
    pub fn parse(raw: &str) -> Option<CreditKind> {
        match crate::vocab::normalise(raw).as_str() {
            "film" | "movie" | "feature" => Some(CreditKind::Film),
            "tv" | "television" => Some(CreditKind::Tv),
            "ott" | "web" | "web series" | "streaming" => Some(CreditKind::Ott),
            "ad" | "commercial" | "tvc" => Some(CreditKind::Ad),
            "theatre" | "theater" | "stage" | "play" => Some(CreditKind::Theatre),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CreditKind::Film => "film",
            CreditKind::Tv => "tv",
            CreditKind::Ott => "ott",
            CreditKind::Ad => "ad",
            CreditKind::Theatre => "theatre",
        }
    }
}

/// One credit: `film:Dhoop (2019)` in a CSV.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Credit {
    pub kind: CreditKind,
    pub title: String,
    pub year: u16,
}

/// A performer on the roster. Lists hold canonical lower-case names (see `vocab`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Talent {
    pub id: String,
    pub name: String,
    pub gender: Gender,
    pub age: u32,
    pub height_cm: u32,
    pub city: String,
    pub languages: Vec<String>,
    pub skills: Vec<String>,
    #[serde(default)]
    pub experience_years: u32,
    #[serde(default)]
    pub credits: Vec<Credit>,
    #[serde(default)]
    pub bio: String,
    /// Day rate in rupees, when known.
    #[serde(default)]
    pub day_rate_inr: Option<u32>,
    /// Free-text availability ("from March", "weekends"), when known.
    #[serde(default)]
    pub availability: Option<String>,
    /// Look and type tags ("girl next door", "rugged", "ex-army"), lower case: never a
    /// filter, read by the semantic layer with the bio.
    #[serde(default)]
    pub look: Vec<String>,
}

impl Talent {
    pub fn speaks(&self, language: &str) -> bool {
        self.languages.iter().any(|l| l == language)
    }

    pub fn has_skill(&self, skill: &str) -> bool {
        self.skills.iter().any(|s| s == skill)
    }

    /// Theatre training shows as a skill or as theatre credits.
    pub fn has_theatre_background(&self) -> bool {
        self.has_skill("theatre") || self.credits.iter().any(|c| c.kind == CreditKind::Theatre)
    }
}
