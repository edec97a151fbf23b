//! What the semantic layer reads: a talent's profile as units of text (each bio sentence, the
//! look tags) plus the fields that only give keyword evidence (skills, credit titles), and a
//! brief's meaning (its look phrases and free description) as one query text.
//!
//! A bio is scored per sentence (the best sentence counts): one sentence says who the person
//! is, the others are agency copy, and averaging them drowns the one that matters.

use std::borrow::Cow;

use crate::requirements::Requirements;
use crate::roster::Talent;

/// At most this many bio sentences are embedded: the first ones say who a person is, and a
/// pasted CV must not cost the roster megabytes.
pub const MAX_BIO_SENTENCES: usize = 6;

/// Where a piece of profile text comes from, as a reason names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Bio,
    Look,
    Skills,
    Credits,
}

impl Source {
    pub fn label(self) -> &'static str {
        match self {
            Source::Bio => "bio",
            Source::Look => "look",
            Source::Skills => "skills",
            Source::Credits => "credits",
        }
    }
}

/// One piece of profile text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit<'a> {
    pub source: Source,
    pub text: Cow<'a, str>,
}

/// The units that are embedded, in order: the bio's sentences, then the look tags as one.
pub fn embedded_units(t: &Talent) -> Vec<Unit<'_>> {
    let mut units: Vec<Unit> = castmatch_text::split_sentences(&t.bio)
        .into_iter()
        .take(MAX_BIO_SENTENCES)
        .map(|s| Unit {
            source: Source::Bio,
            text: Cow::Borrowed(s),
        })
        .collect();
    if !t.look.is_empty() {
        units.push(Unit {
            source: Source::Look,
            text: Cow::Owned(t.look.join(", ")),
        });
    }
    units
}

/// The units that only give keyword evidence: skills and credit titles.
pub fn keyword_units(t: &Talent) -> Vec<Unit<'_>> {
    let mut units = Vec::new();
    if !t.skills.is_empty() {
        units.push(Unit {
            source: Source::Skills,
            text: Cow::Owned(t.skills.join(", ")),
        });
    }
    if !t.credits.is_empty() {
        let titles: Vec<&str> = t.credits.iter().map(|c| c.title.as_str()).collect();
        units.push(Unit {
            source: Source::Credits,
            text: Cow::Owned(titles.join("; ")),
        });
    }
    units
}

/// What a brief says about who the role is, as one text to embed: the look phrases, then the
/// free description. `None` when the brief says nothing of the kind.
pub fn query_text(r: &Requirements) -> Option<String> {
    let mut parts: Vec<&str> = r.look.iter().map(String::as_str).collect();
    parts.extend(r.description.as_deref());
    parts.retain(|p| !p.trim().is_empty());
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The brief's phrase as a reason quotes it: the look phrases, or the description shortened.
pub fn query_label(r: &Requirements) -> String {
    let look: Vec<&str> = r.look.iter().map(String::as_str).collect();
    if !look.is_empty() {
        return look.join(", ");
    }
    shorten(r.description.as_deref().unwrap_or_default(), 60)
}

/// `text` cut at a word boundary to at most `max` characters, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at_word = cut.rfind(' ').filter(|&i| i > max / 2).unwrap_or(cut.len());
    format!("{}…", cut[..at_word].trim_end_matches([',', ';', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::{Credit, CreditKind};

    #[test]
    fn bio_sentences_and_look_are_embedded_skills_and_credits_are_keywords() {
        let mut t = crate::roster::synthetic(1, 1).remove(0);
        t.bio = "Trained at NSD. Spent fifteen years with the Border Security Force!".into();
        t.look = vec!["rugged".into(), "salt-and-pepper beard".into()];
        t.skills = vec!["horse riding".into()];
        t.credits = vec![Credit {
            kind: CreditKind::Tv,
            title: "Crime Patrol".into(),
            year: 2019,
        }];
        let embedded = embedded_units(&t);
        let texts: Vec<&str> = embedded.iter().map(|u| u.text.as_ref()).collect();
        assert_eq!(
            texts,
            [
                "Trained at NSD.",
                "Spent fifteen years with the Border Security Force!",
                "rugged, salt-and-pepper beard"
            ]
        );
        assert_eq!(embedded[2].source, Source::Look);
        let keywords = keyword_units(&t);
        assert_eq!(keywords[0].text, "horse riding");
        assert_eq!(keywords[1].source.label(), "credits");
    }

    #[test]
    fn query_text_joins_look_and_description() {
        let mut r = Requirements::default();
        assert_eq!(query_text(&r), None);
        r.look.insert("retired major".into());
        r.description = Some("  ".into());
        assert_eq!(query_text(&r).as_deref(), Some("retired major"));
        r.description = Some("has commanded men".into());
        assert_eq!(
            query_text(&r).as_deref(),
            Some("retired major, has commanded men")
        );
        assert_eq!(query_label(&r), "retired major");
        r.look.clear();
        assert_eq!(query_label(&r), "has commanded men");
    }

    #[test]
    fn shorten_cuts_at_a_word() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(
            shorten("a weary small-town doctor who has seen it all", 20),
            "a weary small-town…"
        );
    }
}
