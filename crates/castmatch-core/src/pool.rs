//! The ranked pool beyond the cards on screen: "show me more" and "why is <name> not in the
//! list?" read from the chat, and why a talent is missing (the constraints failed, or the rank).

use crate::catalog::Catalog;
use crate::requirements::{has_skill_of, Requirements};
use crate::roster::Talent;

/// A chat sentence about the list rather than the role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PoolCommand {
    /// "show me more", "more", "next": the next page of the same ranking.
    More,
    /// "why is Kabir not in the list?", "why not Kabir", "where is Kabir": the name as written.
    WhyNot(String),
}

/// What the page does with a pool command's answer (`Answer::listing`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Listing {
    /// Show the next page below the cards on screen, which stay as they are.
    More,
    /// "Why is <name> not in the list?": the name as written, how many talents it names, and
    /// the first of them with the constraints each fails (the page words the answer).
    WhyNot {
        name: String,
        found: usize,
        talents: Vec<Absent>,
    },
}

/// Words a "show me more" sentence may hold; it must hold "more" or "next" too.
const MORE_WORDS: [&str; 22] = [
    "show",
    "me",
    "some",
    "the",
    "please",
    "results",
    "matches",
    "page",
    "people",
    "options",
    "candidates",
    "others",
    "ones",
    "give",
    "let",
    "see",
    "load",
    "a",
    "few",
    "talent",
    "us",
    "can",
];

/// Reads a pool command. The whole sentence must be one ("more Kathak dancers" is a brief).
/// ASCII case folding, as for "undo": the commands are English words.
pub fn read_command(text: &str) -> Option<PoolCommand> {
    let lower = text.trim().to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let paging = words.iter().any(|w| matches!(*w, "more" | "next"));
    if paging
        && words
            .iter()
            .all(|w| matches!(*w, "more" | "next") || MORE_WORDS.contains(w))
    {
        return Some(PoolCommand::More);
    }
    why_not_name(text, &lower).map(PoolCommand::WhyNot)
}

/// How a question about a missing talent may start, and words that end its name.
const ASKS: [&str; 9] = [
    "why is ",
    "why isn't ",
    "why isnt ",
    "why was ",
    "why wasn't ",
    "why not ",
    "where is ",
    "where's ",
    "what about ",
];
const NAME_ENDS: [&str; 12] = [
    " not ",
    " isn't",
    " missing",
    " left ",
    " in the ",
    " on the ",
    " in my ",
    " there",
    " here",
    " gone",
    " excluded",
    " listed",
];

/// The name in "why is Kabir Khan not in the list?", as written (the case kept).
fn why_not_name(text: &str, lower: &str) -> Option<String> {
    let text = text.trim();
    let start = ASKS.iter().find(|a| lower.starts_with(*a))?.len();
    // Lower-casing ASCII keeps byte offsets, so `lower`'s positions cut `text`.
    let rest = &lower[start..];
    let end = NAME_ENDS
        .iter()
        .filter_map(|e| (rest.to_string() + " ").find(e))
        .min()
        .unwrap_or(rest.len())
        .min(rest.len());
    let name = text[start..start + end].trim_matches(|c: char| !c.is_alphanumeric());
    (!name.is_empty()).then(|| name.to_string())
}

/// The talents a name written in the chat means: those whose full name it is (any case),
/// else those with a name word starting with each of its words ("kabir", "K Khan").
pub fn talents_named<'c>(catalog: &'c Catalog, name: &str) -> Vec<&'c Talent> {
    let wanted: Vec<&str> = words(name).collect();
    let mut found = Vec::new();
    for exact in [true, false] {
        if found.is_empty() && !wanted.is_empty() {
            found = catalog
                .talents()
                .filter(|t| is_named(&t.name, &wanted, exact))
                .collect();
        }
    }
    found
}

fn words(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| c.is_whitespace() || c == '.' || c == ',')
        .filter(|w| !w.is_empty())
}

/// Whether `name` is `wanted` (ASCII case aside), or has, when not `exact`, a word starting
/// with each wanted word.
fn is_named(name: &str, wanted: &[&str], exact: bool) -> bool {
    let starts = |have: &str, w: &str| {
        have.len() >= w.len() && have.as_bytes()[..w.len()].eq_ignore_ascii_case(w.as_bytes())
    };
    if exact {
        let have: Vec<&str> = words(name).collect();
        have.len() == wanted.len()
            && have
                .iter()
                .zip(wanted)
                .all(|(h, w)| h.eq_ignore_ascii_case(w))
    } else {
        wanted.iter().all(|w| words(name).any(|h| starts(h, w)))
    }
}

/// A talent a "why not" question names: who, and the hard constraints of the brief they fail
/// (none: they meet it, and the page looks up their rank).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Absent {
    pub id: String,
    /// Each failed constraint by its `Requirements` field: "gender", "age", "minor" (an adult
    /// role), "adult" (a child role), "height_min_cm", "height_max_cm", "cities",
    /// "excluded_cities", "day_rate_max_inr", "available". The page words them (the chat
    /// module stays small).
    pub failed: Vec<String>,
    /// The languages, skills and skill groups the brief requires that the talent lacks.
    pub missing: Vec<String>,
}

/// Why `t` is not listed for `r`: the hard constraints failed and the required names lacked.
pub fn absent(t: &Talent, r: &Requirements) -> Absent {
    let (youngest, oldest) = r.real_ages();
    let checks = [
        ("gender", r.gender.is_some_and(|g| g != t.gender)),
        ("age", !t.plays_ages(r.age_min, r.age_max)),
        ("minor", t.age < youngest),
        ("adult", t.age > oldest),
        (
            "height_min_cm",
            r.height_min_cm.is_some_and(|h| t.height_cm < h),
        ),
        (
            "height_max_cm",
            r.height_max_cm.is_some_and(|h| t.height_cm > h),
        ),
        (
            "cities",
            !r.cities.is_empty() && !r.cities.contains(&t.city),
        ),
        ("excluded_cities", r.excluded_cities.contains(&t.city)),
        (
            "day_rate_max_inr",
            r.day_rate_max_inr
                .zip(t.day_rate_inr)
                .is_some_and(|(max, rate)| rate > max),
        ),
        (
            "available",
            r.shoot_days()
                .is_some_and(|(first, last)| !t.may_be_free(first, last)),
        ),
    ];
    let languages = r.languages.iter().filter(|l| !t.speaks(l));
    let skills = r.skills.iter().filter(|s| !t.has_skill(s));
    let groups = r.skill_groups.iter().filter(|g| !has_skill_of(t, g));
    Absent {
        id: t.id.clone(),
        failed: checks
            .iter()
            .filter(|(_, fails)| *fails)
            .map(|(field, _)| field.to_string())
            .collect(),
        missing: languages.chain(skills).chain(groups).cloned().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::Gender;

    #[test]
    fn more_is_read_only_as_a_whole_sentence() {
        for text in [
            "more",
            "Show me more",
            "next",
            "show more please",
            "Next page",
            "more results!",
        ] {
            assert_eq!(read_command(text), Some(PoolCommand::More), "{text}");
        }
        for text in [
            "more Kathak dancers",
            "free next month",
            "someone more mature",
            "show me",
        ] {
            assert_ne!(read_command(text), Some(PoolCommand::More), "{text}");
        }
    }

    #[test]
    fn why_not_questions_give_the_name_as_written() {
        let name = |text| match read_command(text) {
            Some(PoolCommand::WhyNot(n)) => Some(n),
            _ => None,
        };
        assert_eq!(
            name("why is Kabir Khan not in the list?").as_deref(),
            Some("Kabir Khan")
        );
        assert_eq!(
            name("Why isn't kabir in the results").as_deref(),
            Some("kabir")
        );
        assert_eq!(name("why not Asha Rao?").as_deref(), Some("Asha Rao"));
        assert_eq!(name("where is Asha").as_deref(), Some("Asha"));
        assert_eq!(name("where's D'Souza?").as_deref(), Some("D'Souza"));
        assert_eq!(name("why is Meera missing").as_deref(), Some("Meera"));
        assert_eq!(name("female lead, 25-32"), None);
        assert_eq!(name("why not"), None);
    }

    #[test]
    fn absence_names_each_constraint_failed() {
        let mut t = Talent::new(
            "T1",
            "Kabir Khan",
            Gender::Male,
            45,
            180,
            "delhi",
            vec!["hindi".into()],
            vec![],
        );
        t.day_rate_inr = Some(80_000);
        let r = Requirements {
            gender: Some(Gender::Female),
            age_min: Some(25),
            age_max: Some(32),
            cities: ["mumbai".to_string()].into(),
            languages: ["marathi".to_string(), "hindi".to_string()].into(),
            skills: ["kathak".to_string()].into(),
            day_rate_max_inr: Some(50_000),
            ..Requirements::default()
        };
        let why = absent(&t, &r);
        assert_eq!(why.failed, ["gender", "age", "cities", "day_rate_max_inr"]);
        assert_eq!(why.missing, ["marathi", "kathak"]);
        let fits = Requirements {
            gender: Some(Gender::Male),
            ..Requirements::default()
        };
        assert!(absent(&t, &fits).failed.is_empty());
        t.age = 15;
        assert_eq!(
            absent(&t, &fits).failed,
            ["minor"],
            "a minor fails an adult role"
        );
    }
}
