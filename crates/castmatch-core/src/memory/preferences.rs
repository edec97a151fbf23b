//! Long-term stated preferences: what they target, where they apply, how a newer statement
//! supersedes an older one (kept in history), and the reader that turns a sentence into one.
//!
//! `understand` is the one entry point from text, and reads it with the brief parser's passes
//! and words (`brief::statement`): "I prefer theatre-trained actors", "never show me anyone
//! over 60 for mother roles", "avoid boxers", "I don't prefer boxers" (an avoid).

use serde::{Deserialize, Serialize};

use super::MemoryError;
use crate::brief::statement::{statement, Stance, Subject};
use crate::catalog::Trait;
use crate::roster::{Gender, Talent};
use crate::vocab::{TermKind, Vocabulary};

/// What a preference asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PreferenceKind {
    /// Lift matching talent.
    Prefer,
    /// Lower matching talent.
    Avoid,
    /// Never show matching talent (a hard constraint).
    Never,
}

crate::named::named_enum!(PreferenceKind { Prefer = "prefer", Avoid = "avoid", Never = "never" });

/// The trait of a talent a preference is about.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    /// A canonical skill; "theatre" also counts theatre credits.
    Skill(String),
    Language(String),
    City(String),
    Gender(Gender),
    /// Older than this many years.
    OlderThan(u32),
    /// Younger than this many years.
    YoungerThan(u32),
}

/// Which roles a preference applies to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    AllRoles,
    /// Roles whose name contains this word ("mother" covers "Mother of the bride").
    RolesNamed(String),
}

/// One stated preference. Superseded ones stay, with `superseded_by` naming the newer one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Preference {
    /// Stable within a director: "p1", "p2", ... never reused.
    pub id: String,
    pub text: String,
    pub kind: PreferenceKind,
    pub target: Target,
    pub scope: Scope,
    pub created_at: i64,
    pub superseded_by: Option<String>,
}

/// A director's stated preferences, active and superseded.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preferences {
    /// Oldest first.
    pub stated: Vec<Preference>,
    /// The number of the next id; ids are never reused, even after `forget`.
    pub next_id: u64,
}

impl Target {
    /// Whether the talent has this trait.
    pub fn holds(&self, t: &Talent) -> bool {
        match self {
            Target::Skill(s) if s == "theatre" => t.has_theatre_background(),
            Target::Skill(s) => t.has_skill(s),
            Target::Language(l) => t.speaks(l),
            Target::City(c) => t.city == *c,
            Target::Gender(g) => t.gender == *g,
            Target::OlderThan(n) => t.age > *n,
            Target::YoungerThan(n) => t.age < *n,
        }
    }

    /// The trait as the catalog's columns answer it; `holds` is its reading on one talent.
    pub fn as_trait(&self) -> Trait<'_> {
        match self {
            Target::Skill(s) if s == "theatre" => Trait::TheatreBackground,
            Target::Skill(s) => Trait::Skill(s),
            Target::Language(l) => Trait::Language(l),
            Target::City(c) => Trait::City(c),
            Target::Gender(g) => Trait::Gender(*g),
            Target::OlderThan(n) => Trait::OlderThan(*n),
            Target::YoungerThan(n) => Trait::YoungerThan(*n),
        }
    }

    /// The trait as a phrase: "theatre-trained actors", "anyone over 60".
    pub fn describe(&self) -> String {
        match self {
            Target::Skill(s) if s == "theatre" => "theatre-trained actors".to_string(),
            Target::Skill(s) => format!("actors trained in {}", crate::rank::display(s)),
            Target::Language(l) => format!("{} speakers", crate::rank::display(l)),
            Target::City(c) => format!("talent based in {}", crate::rank::display(c)),
            Target::Gender(g) => format!("{} talent", g.as_str()),
            Target::OlderThan(n) => format!("anyone over {n}"),
            Target::YoungerThan(n) => format!("anyone under {n}"),
        }
    }

    /// What two targets must share to be about the same thing: an age limit is one topic
    /// whatever its number, so "over 65" replaces "over 60".
    fn topic(&self) -> Target {
        match self {
            Target::OlderThan(_) => Target::OlderThan(0),
            Target::YoungerThan(_) => Target::YoungerThan(0),
            Target::Gender(_) => Target::Gender(Gender::Female),
            other => other.clone(),
        }
    }
}

impl Scope {
    pub fn applies_to(&self, role_name: &str) -> bool {
        self.applies_to_lowercase(&role_name.to_ascii_lowercase())
    }

    fn applies_to_lowercase(&self, role_name: &str) -> bool {
        match self {
            Scope::AllRoles => true,
            Scope::RolesNamed(word) => role_name.contains(word.as_str()),
        }
    }
}

impl Preference {
    pub fn is_active(&self) -> bool {
        self.superseded_by.is_none()
    }

    /// Whether `newer` speaks about the same trait for the same roles, so it replaces this one.
    fn is_replaced_by(&self, newer: &Preference) -> bool {
        self.scope == newer.scope && self.target.topic() == newer.target.topic()
    }
}

impl Preferences {
    /// Adds a preference read from `text`; older active ones on the same topic and scope are
    /// marked superseded by it. Returns the new preference.
    pub fn state(
        &mut self,
        text: &str,
        now: i64,
        vocabulary: &Vocabulary,
    ) -> Result<&Preference, MemoryError> {
        let (kind, target, scope) = understand_in(text, vocabulary)?;
        self.next_id += 1;
        let new = Preference {
            id: format!("p{}", self.next_id),
            text: text.trim().to_string(),
            kind,
            target,
            scope,
            created_at: now,
            superseded_by: None,
        };
        for old in self
            .stated
            .iter_mut()
            .filter(|p| p.is_active() && p.is_replaced_by(&new))
        {
            old.superseded_by = Some(new.id.clone());
        }
        self.stated.push(new);
        Ok(&self.stated[self.stated.len() - 1])
    }

    /// Removes a preference for good; the episode log still says it was stated and forgotten.
    pub fn forget(&mut self, id: &str) -> Result<Preference, MemoryError> {
        let at = self
            .stated
            .iter()
            .position(|p| p.id == id)
            .ok_or_else(|| MemoryError::UnknownPreference(id.to_string()))?;
        Ok(self.stated.remove(at))
    }

    pub fn active(&self) -> impl Iterator<Item = &Preference> {
        self.stated.iter().filter(|p| p.is_active())
    }

    pub fn superseded(&self) -> impl Iterator<Item = &Preference> {
        self.stated.iter().filter(|p| !p.is_active())
    }

    /// Active preferences that apply to a role of this name.
    pub fn for_role<'a>(&'a self, role_name: &str) -> impl Iterator<Item = &'a Preference> {
        let role_name = role_name.to_ascii_lowercase();
        self.active()
            .filter(move |p| p.scope.applies_to_lowercase(&role_name))
    }
}

impl Preferences {
    /// Ids are "p<n>", unique, and below `next_id`, so a new id never collides.
    pub(crate) fn validate(&self) -> Result<(), String> {
        let mut seen = std::collections::HashSet::new();
        for p in &self.stated {
            let n: Option<u64> = p.id.strip_prefix('p').and_then(|n| n.parse().ok());
            if !n.is_some_and(|n| n >= 1 && n <= self.next_id) || !seen.insert(&p.id) {
                return Err(format!("preference id {:?} is malformed or repeated", p.id));
            }
        }
        Ok(())
    }
}

/// Reads a stated preference: its kind, target and scope, or why it could not.
pub fn understand(text: &str) -> Result<(PreferenceKind, Target, Scope), MemoryError> {
    understand_in(text, Vocabulary::builtin())
}

/// `understand` about a roster whose own terms are words too.
pub fn understand_in(
    text: &str,
    vocabulary: &Vocabulary,
) -> Result<(PreferenceKind, Target, Scope), MemoryError> {
    let refuse = |reason: &str| MemoryError::NotAPreference {
        text: text.to_string(),
        reason: reason.to_string(),
    };
    let read = statement(text, vocabulary);
    let kind = match read.stance {
        Some(Stance::Prefer) => PreferenceKind::Prefer,
        Some(Stance::Avoid) => PreferenceKind::Avoid,
        Some(Stance::Never) => PreferenceKind::Never,
        None => {
            return Err(refuse(
                "say \"prefer ...\", \"avoid ...\" or \"never show me ...\"",
            ))
        }
    };
    let target = match read.subject {
        Some(Subject::Term(TermKind::Skill, s)) => Target::Skill(s.to_string()),
        Some(Subject::Term(TermKind::Language, l)) => Target::Language(l.to_string()),
        Some(Subject::Term(TermKind::City, c)) => Target::City(c.to_string()),
        Some(Subject::Gender(g)) => Target::Gender(g),
        Some(Subject::OlderThan(n)) => Target::OlderThan(n),
        Some(Subject::YoungerThan(n)) => Target::YoungerThan(n),
        None => {
            return Err(refuse(
                "no skill, language, city, gender or age limit recognised",
            ))
        }
    };
    let scope = read.roles.map_or(Scope::AllRoles, Scope::RolesNamed);
    Ok((kind, target, scope))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_issue_examples() {
        let (k, t, s) = understand("I prefer theatre-trained actors").unwrap();
        assert_eq!(
            (k, t, s),
            (
                PreferenceKind::Prefer,
                Target::Skill("theatre".into()),
                Scope::AllRoles
            )
        );
        let (k, t, s) = understand("never show me anyone over 60 for mother roles").unwrap();
        assert_eq!(k, PreferenceKind::Never);
        assert_eq!(t, Target::OlderThan(60));
        assert_eq!(s, Scope::RolesNamed("mother".into()));
        let (k, t, _) = understand("Avoid boxers, please").unwrap();
        assert_eq!(
            (k, t),
            (PreferenceKind::Avoid, Target::Skill("boxing".into()))
        );
        let (k, t, _) = understand("I'd like more Marathi speakers").unwrap();
        assert_eq!(
            (k, t),
            (PreferenceKind::Prefer, Target::Language("marathi".into()))
        );
    }

    #[test]
    fn reads_through_the_brief_parsers_vocabulary() {
        let cases = [
            (
                "prefer actors who can ride a horse",
                Target::Skill("horse riding".into()),
            ),
            (
                "avoid stand-up comedians",
                Target::Skill("stand-up comedy".into()),
            ),
            ("I like people from Bombay", Target::City("mumbai".into())),
            (
                "never show me men for mother roles",
                Target::Gender(Gender::Male),
            ),
            ("prefer Bangla speakers", Target::Language("bengali".into())),
        ];
        for (text, expected) in cases {
            assert_eq!(understand(text).map(|x| x.1), Ok(expected), "{text}");
        }
    }

    #[test]
    fn a_negated_preference_is_its_opposite() {
        assert_eq!(
            understand("I don't prefer boxers").map(|x| (x.0, x.1)),
            Ok((PreferenceKind::Avoid, Target::Skill("boxing".into())))
        );
        assert_eq!(
            understand("I do not like Marathi speakers").map(|x| x.0),
            Ok(PreferenceKind::Avoid)
        );
    }

    #[test]
    fn a_rosters_own_terms_are_understood() {
        let mut v = Vocabulary::default();
        v.learn(TermKind::Skill, "rock climbing");
        assert_eq!(
            understand_in("prefer rock climbers", &v).map(|x| x.1),
            Ok(Target::Skill("rock climbing".into()))
        );
        assert!(understand("prefer rock climbers").is_err());
    }

    #[test]
    fn refuses_what_it_cannot_read() {
        assert!(understand("hello there").is_err());
        assert!(understand("prefer nice people").is_err());
        assert!(understand("").is_err());
    }

    #[test]
    fn newer_contradiction_supersedes_and_history_stays() {
        let mut p = Preferences::default();
        p.state("prefer theatre actors", 1, Vocabulary::builtin())
            .unwrap();
        p.state("prefer kathak dancers", 2, Vocabulary::builtin())
            .unwrap();
        let newer = p
            .state("avoid theatre actors", 3, Vocabulary::builtin())
            .unwrap()
            .id
            .clone();
        assert_eq!(newer, "p3");
        assert_eq!(p.stated[0].superseded_by.as_deref(), Some("p3"));
        assert!(p.stated[1].is_active());
        assert_eq!(p.active().count(), 2);
        assert_eq!(p.superseded().count(), 1);
    }

    #[test]
    fn age_limits_replace_each_other_within_a_scope_only() {
        let mut p = Preferences::default();
        p.state(
            "never show me anyone over 60 for mother roles",
            1,
            Vocabulary::builtin(),
        )
        .unwrap();
        p.state("never show me anyone over 70", 2, Vocabulary::builtin())
            .unwrap();
        p.state(
            "never show me anyone over 55 for mother roles",
            3,
            Vocabulary::builtin(),
        )
        .unwrap();
        let active: Vec<_> = p
            .active()
            .map(|x| (x.id.as_str(), x.target.clone()))
            .collect();
        assert_eq!(
            active,
            [("p2", Target::OlderThan(70)), ("p3", Target::OlderThan(55))]
        );
        assert_eq!(p.for_role("Mother of the bride").count(), 2);
        assert_eq!(p.for_role("Cop").count(), 1);
    }

    #[test]
    fn forget_removes_and_ids_are_not_reused() {
        let mut p = Preferences::default();
        p.state("prefer theatre actors", 1, Vocabulary::builtin())
            .unwrap();
        assert_eq!(p.forget("p1").unwrap().text, "prefer theatre actors");
        assert!(p.forget("p1").is_err());
        assert_eq!(
            p.state("prefer singers", 2, Vocabulary::builtin())
                .unwrap()
                .id,
            "p2"
        );
    }
}
