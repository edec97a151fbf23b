//! The talent record: who a performer is, as the roster knows them.

use serde::{Deserialize, Serialize};
use serde_bytes::Bytes;

use crate::date::Date;

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
            "female" | "f" | "woman" | "w" | "girl" | "lady" => Some(Gender::Female),
            "male" | "m" | "man" | "boy" => Some(Gender::Male),
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
///
/// Every field after `bio` is optional on a roster: filters use the playing ages, the
/// availability window and the day rate when given; the links and contacts are only shown.
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
    /// Day rate in rupees, when known; a brief's budget excludes only talents known to cost more.
    #[serde(default)]
    pub day_rate_inr: Option<u32>,
    /// Free-text availability ("from March", "weekends"), when known.
    #[serde(default)]
    pub availability: Option<String>,
    /// First day free, when known; a brief's dates exclude only talents known to be busy.
    #[serde(default)]
    pub available_from: Option<Date>,
    /// Last day free, when known.
    #[serde(default)]
    pub available_to: Option<Date>,
    /// Youngest age the performer plays; with `playing_age_max`, matched instead of `age`.
    #[serde(default)]
    pub playing_age_min: Option<u32>,
    /// Oldest age the performer plays.
    #[serde(default)]
    pub playing_age_max: Option<u32>,
    /// Headshot: a web address (http or https).
    #[serde(default)]
    pub photo_url: Option<String>,
    /// Showreel: a web address (http or https).
    #[serde(default)]
    pub showreel_url: Option<String>,
    /// Contacts, shown to the director, never searched.
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub agent: Option<String>,
    #[serde(default)]
    pub instagram: Option<String>,
    /// The roster's other columns in file order, by header as written ("Favourite colour"):
    /// shown on the card and exported again, never searched.
    #[serde(default)]
    pub extra: Vec<ExtraColumn>,
    /// Look and type tags ("girl next door", "rugged", "ex-army"), lower case: never a
    /// filter, read by the semantic layer with the bio.
    #[serde(default)]
    pub look: Vec<String>,
}

/// A talent as a binary snapshot holds it, read in place: `Talent`'s fields in its order
/// (postcard writes a struct as the tuple of its fields), borrowed, not copied. The text the
/// filter columns do not read (name, bio, titles, links, contacts, extra columns, look tags)
/// stays bytes, not checked as UTF-8 until the talent is decoded (a restore reads a million
/// records, and checking their bios was a fifth of it; the blocks are checksummed).
pub type TalentRecord<'a> = (
    (
        &'a str,
        &'a Bytes,
        Gender,
        u32,
        u32,
        &'a str,
        Vec<&'a str>,
        Vec<&'a str>,
        u32,
        Vec<(CreditKind, &'a Bytes, u16)>,
        &'a Bytes,
        Option<u32>,
        Option<&'a Bytes>,
        Option<Date>,
        Option<Date>,
        Option<u32>,
    ),
    (
        Option<u32>,
        Option<&'a Bytes>,
        Option<&'a Bytes>,
        Option<&'a Bytes>,
        Option<&'a Bytes>,
        Option<&'a Bytes>,
        Option<&'a Bytes>,
        Vec<(&'a Bytes, &'a Bytes)>,
        Vec<&'a Bytes>,
    ),
);

impl From<TalentRecord<'_>> for Talent {
    /// The talent; text that is not UTF-8 (a record no writer of ours made) reads as empty,
    /// never refused.
    fn from(record: TalentRecord<'_>) -> Talent {
        let (
            (
                id,
                name,
                gender,
                age,
                height_cm,
                city,
                languages,
                skills,
                experience_years,
                credits,
                bio,
                day_rate_inr,
                availability,
                available_from,
                available_to,
                playing_age_min,
            ),
            (playing_age_max, photo_url, showreel_url, phone, email, agent, instagram, extra, look),
        ) = record;
        let owned = |texts: Vec<&str>| texts.into_iter().map(String::from).collect();
        Talent {
            id: id.into(),
            name: text(name),
            gender,
            age,
            height_cm,
            city: city.into(),
            languages: owned(languages),
            skills: owned(skills),
            experience_years,
            credits: credits
                .into_iter()
                .map(|(kind, title, year)| Credit {
                    kind,
                    title: text(title),
                    year,
                })
                .collect(),
            bio: text(bio),
            day_rate_inr,
            availability: maybe(availability),
            available_from,
            available_to,
            playing_age_min,
            playing_age_max,
            photo_url: maybe(photo_url),
            showreel_url: maybe(showreel_url),
            phone: maybe(phone),
            email: maybe(email),
            agent: maybe(agent),
            instagram: maybe(instagram),
            extra: extra
                .into_iter()
                .map(|(column, value)| ExtraColumn {
                    column: text(column),
                    value: text(value),
                })
                .collect(),
            look: look.into_iter().map(text).collect(),
        }
    }
}

/// A record's text; empty where it is not UTF-8 (no writer of ours makes such a record). A
/// function, not a closure: inlined at each of the record's dozen text fields, it cost the chat
/// module a kilobyte, and so did a lossy reading.
#[inline(never)]
fn text(b: &Bytes) -> String {
    std::str::from_utf8(b).map_or_else(|_| String::new(), String::from)
}

fn maybe(b: Option<&Bytes>) -> Option<String> {
    b.map(text)
}

/// One value of a roster column CastMatch has no field for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ExtraColumn {
    /// The column's header as the file wrote it.
    pub column: String,
    pub value: String,
}

impl Talent {
    /// A talent with the fields every roster has and nothing optional.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        gender: Gender,
        age: u32,
        height_cm: u32,
        city: impl Into<String>,
        languages: Vec<String>,
        skills: Vec<String>,
    ) -> Talent {
        Talent {
            id: id.into(),
            name: name.into(),
            gender,
            age,
            height_cm,
            city: city.into(),
            languages,
            skills,
            experience_years: 0,
            credits: Vec::new(),
            bio: String::new(),
            day_rate_inr: None,
            availability: None,
            available_from: None,
            available_to: None,
            playing_age_min: None,
            playing_age_max: None,
            photo_url: None,
            showreel_url: None,
            phone: None,
            email: None,
            agent: None,
            instagram: None,
            extra: Vec::new(),
            look: Vec::new(),
        }
    }

    /// The value of an extra column, by its header.
    pub fn extra(&self, column: &str) -> Option<&str> {
        self.extra
            .iter()
            .find(|e| e.column == column)
            .map(|e| e.value.as_str())
    }

    pub fn speaks(&self, language: &str) -> bool {
        self.languages.iter().any(|l| l == language)
    }

    pub fn has_skill(&self, skill: &str) -> bool {
        self.skills.iter().any(|s| s == skill)
    }

    /// Theatre training shows as a skill or as theatre credits.
    pub fn has_theatre_background(&self) -> bool {
        theatre_background(&self.skills, self.credits.iter().map(|c| c.kind))
    }

    /// The ages a role may ask of this talent: the playing ages where the roster gives them
    /// (one bound alone is widened by the real age), else the real age alone.
    pub fn playing_ages(&self) -> (u32, u32) {
        playing_ages(self.age, self.playing_age_min, self.playing_age_max)
    }

    /// Whether the playing ages meet a role's age range `min..=max` anywhere.
    pub fn plays_ages(&self, min: Option<u32>, max: Option<u32>) -> bool {
        let (low, high) = self.playing_ages();
        min.is_none_or(|min| high >= min) && max.is_none_or(|max| low <= max)
    }

    /// Whether the talent may be free throughout `from..=to`: only a recorded window that
    /// leaves out a day of it says no.
    pub fn may_be_free(&self, from: Date, to: Date) -> bool {
        self.available_from.is_none_or(|first| first <= from)
            && self.available_to.is_none_or(|last| last >= to)
    }
}

/// `Talent::has_theatre_background` of its skills and its credits' kinds.
pub(crate) fn theatre_background(
    skills: &[impl AsRef<str>],
    mut credits: impl Iterator<Item = CreditKind>,
) -> bool {
    skills.iter().any(|s| s.as_ref() == "theatre") || credits.any(|k| k == CreditKind::Theatre)
}

/// `Talent::playing_ages` of its real age and its playing ages on file.
pub(crate) fn playing_ages(age: u32, min: Option<u32>, max: Option<u32>) -> (u32, u32) {
    match (min, max) {
        (None, None) => (age, age),
        (low, high) => {
            let low = low.unwrap_or(age.min(high.unwrap_or(age)));
            (low, high.unwrap_or(age.max(low)))
        }
    }
}
