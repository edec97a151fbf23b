//! What the semantic layer reads: a talent's profile as units of text (each bio sentence, the
//! look tags) plus the fields that only give keyword evidence (skills, credit titles), and a
//! brief's meaning (its look phrases and free description) as one query text.
//!
//! A bio is scored per sentence (the best sentence counts): one sentence says who the person
//! is, the others are agency copy, and averaging them drowns the one that matters.

use castmatch_text::{ArchetypeSet, StaticModel};

use crate::requirements::Requirements;
use crate::roster::Talent;

/// What ranking by meaning needs of a sentence-embedding model: a text's vector and the casting
/// archetypes it names. Natively this is `castmatch_text::StaticModel`; in the browser the model
/// lives in its own wasm module beside the chat module, and the binding reaches it through
/// JavaScript, so the chat module carries none of the tokenizer or the model file's reader.
pub trait TextModel {
    /// Identifies the model: vectors made by another model are never mixed with this one's.
    fn checksum(&self) -> u32;
    /// Components of a vector.
    fn dim(&self) -> usize;
    /// Writes the unit vector of `text` into `out` (`dim` long) and returns whether the text
    /// has one (a known word), with the archetypes it names.
    fn read(&self, text: &str, out: &mut [f32]) -> (bool, ArchetypeSet);
}

impl TextModel for StaticModel {
    fn checksum(&self) -> u32 {
        StaticModel::checksum(self)
    }
    fn dim(&self) -> usize {
        StaticModel::dim(self)
    }
    fn read(&self, text: &str, out: &mut [f32]) -> (bool, ArchetypeSet) {
        let mut ids = Vec::new();
        let has_vector = self.embed_into(text, out, &mut ids);
        (has_vector, self.archetypes().find(&ids, self.tokenizer()))
    }
}

/// At most this many bio sentences are embedded: the first ones say who a person is, and a
/// pasted CV must not cost the roster megabytes.
pub const MAX_BIO_SENTENCES: usize = 6;

/// Where a piece of profile text comes from, as a reason names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Bio,
    Look,
    SkillsAndCredits,
}

impl Source {
    pub fn label(self) -> &'static str {
        match self {
            Source::Bio => "bio",
            Source::Look => "look",
            Source::SkillsAndCredits => "skills and credits",
        }
    }
}

/// One piece of profile text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub source: Source,
    pub text: String,
}

/// The units that are embedded, in order: the bio's sentences, then the look tags as one.
pub fn embedded_units(t: &Talent) -> Vec<Unit> {
    let mut units: Vec<Unit> = castmatch_text::split_sentences(&t.bio)
        .into_iter()
        .take(MAX_BIO_SENTENCES)
        .map(|s| Unit {
            source: Source::Bio,
            text: s.to_string(),
        })
        .collect();
    if !t.look.is_empty() {
        units.push(Unit {
            source: Source::Look,
            text: t.look.join(", "),
        });
    }
    units
}

/// The unit that only gives keyword evidence: skills and credit titles, as one text.
pub fn keyword_unit(t: &Talent) -> Option<Unit> {
    let mut text = t.skills.join(", ");
    for credit in &t.credits {
        text.push_str("; ");
        text.push_str(&credit.title);
    }
    (!text.is_empty()).then_some(Unit {
        source: Source::SkillsAndCredits,
        text,
    })
}

/// What a brief says about who the role is, as one text to embed: the look phrases, then the
/// free description. `None` when the brief says nothing of the kind.
pub fn query_text(r: &Requirements) -> Option<String> {
    let mut parts: Vec<&str> = r.look.iter().map(String::as_str).collect();
    parts.extend(r.description.as_deref());
    parts.retain(|p| !p.trim().is_empty());
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// `text` cut at a word boundary to at most `max` characters, with an ellipsis when cut.
pub fn shorten(text: &str, max: usize) -> String {
    let text = text.trim();
    let Some((cut, _)) = text.char_indices().nth(max) else {
        return text.to_string();
    };
    let head = &text[..cut];
    let head = match head.rfind(' ') {
        Some(space) if space > cut / 2 => &head[..space],
        _ => head,
    };
    let mut out = head.trim_end_matches([',', ';', ' ']).to_string();
    out.push('…');
    out
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
        let keywords = keyword_unit(&t).unwrap();
        assert_eq!(keywords.text, "horse riding; Crime Patrol");
        assert_eq!(keywords.source.label(), "skills and credits");
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
