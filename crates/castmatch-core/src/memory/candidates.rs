//! Candidates: what a director knows and wrote about a talent they worked with — the details
//! last shown (so a shortlist still reads "Asha Rao, 28, Pune" after a roster change) and
//! their own note and tags, kept per talent across the director's roles.

use serde::{Deserialize, Serialize};

use super::{MemoryError, Session};
use crate::roster::{Gender, Talent};

/// Longest note kept, in bytes: a paragraph, not a file.
const NOTE_MAX: usize = 2_000;
/// Most tags on one candidate, and the longest tag, in bytes.
const TAGS_MAX: usize = 20;
const TAG_MAX: usize = 40;

/// One talent as the director last saw them, with their notes and tags.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Candidate {
    pub talent_id: String,
    pub name: String,
    pub age: u32,
    pub gender: Gender,
    pub city: String,
    pub photo_url: Option<String>,
    /// The director's own words about this talent ("" when none).
    pub note: String,
    /// Short labels, as typed, without repeats ("callback", "needs dialect coach").
    pub tags: Vec<String>,
}

impl Candidate {
    fn of(talent: &Talent) -> Self {
        Candidate {
            talent_id: talent.id.clone(),
            name: talent.name.clone(),
            age: talent.age,
            gender: talent.gender,
            city: talent.city.clone(),
            photo_url: talent.photo_url.clone(),
            note: String::new(),
            tags: Vec::new(),
        }
    }

    /// Whether the director wrote anything about this talent.
    pub fn annotated(&self) -> bool {
        !self.note.is_empty() || !self.tags.is_empty()
    }

    pub(super) fn validate(&self, key: &str) -> Result<(), String> {
        if self.talent_id != key {
            return Err(format!(
                "candidate {key:?} is filed as {:?}",
                self.talent_id
            ));
        }
        match tidy_tags(&self.tags) {
            Ok(tags) if tags == self.tags && self.note.len() <= NOTE_MAX => Ok(()),
            _ => Err(format!("candidate {key:?} has a malformed note or tags")),
        }
    }
}

/// Tags trimmed, empty ones dropped, repeats (in any ASCII case) kept once, in order.
fn tidy_tags(tags: &[String]) -> Result<Vec<String>, MemoryError> {
    let mut kept: Vec<String> = Vec::new();
    for tag in tags {
        let tag = tag.split_whitespace().collect::<Vec<_>>().join(" ");
        if tag.len() > TAG_MAX {
            return Err(MemoryError::BadCandidate(format!(
                "tag {tag:?} is longer than {TAG_MAX} bytes"
            )));
        }
        if !tag.is_empty() && !kept.iter().any(|k| k.eq_ignore_ascii_case(&tag)) {
            kept.push(tag);
        }
    }
    if kept.len() > TAGS_MAX {
        return Err(MemoryError::BadCandidate(format!(
            "{} tags; at most {TAGS_MAX}",
            kept.len()
        )));
    }
    Ok(kept)
}

impl Session {
    /// Remembers a talent's details as now shown, keeping the director's note and tags: called
    /// whenever the director acts on a talent, so their name outlives the roster.
    pub fn keep_details(&mut self, talent: &Talent) {
        let candidates = &mut self.director_mut().candidates;
        let fresh = Candidate::of(talent);
        match candidates.get_mut(&talent.id) {
            Some(known) => {
                *known = Candidate {
                    note: std::mem::take(&mut known.note),
                    tags: std::mem::take(&mut known.tags),
                    ..fresh
                }
            }
            None => {
                candidates.insert(talent.id.clone(), fresh);
            }
        }
    }

    /// Sets the director's note and tags on a talent (replacing the old ones; empty clears
    /// them); returns the candidate. Too long a note or tag is refused and nothing changes.
    pub fn annotate(
        &mut self,
        talent: &Talent,
        note: &str,
        tags: &[String],
    ) -> Result<Candidate, MemoryError> {
        let note = note.trim();
        if note.len() > NOTE_MAX {
            return Err(MemoryError::BadCandidate(format!(
                "the note is {} bytes; at most {NOTE_MAX}",
                note.len()
            )));
        }
        let tags = tidy_tags(tags)?;
        self.keep_details(talent);
        let candidate = self
            .director_mut()
            .candidates
            .entry(talent.id.clone())
            .or_insert_with(|| Candidate::of(talent));
        candidate.note = note.to_string();
        candidate.tags = tags;
        Ok(candidate.clone())
    }

    /// The candidate this director knows by `talent_id`, if any.
    pub fn candidate(&self, talent_id: &str) -> Option<&Candidate> {
        self.director()?.candidates.get(talent_id)
    }

    /// Keeps the details of every talent decided on or invited, in any director's memory, that
    /// has none yet and that `lookup` finds: memories saved before format 4 held only ids.
    pub fn fill_details<'t>(&mut self, lookup: impl Fn(&str) -> Option<&'t Talent>) {
        for director in self.memory.directors.values_mut() {
            let ids: Vec<String> = director
                .roles()
                .flat_map(|(_, role)| role.talent_ids())
                .filter(|id| !director.candidates.contains_key(*id))
                .map(str::to_string)
                .collect();
            for talent in ids.iter().filter_map(|id| lookup(id)) {
                director
                    .candidates
                    .insert(talent.id.clone(), Candidate::of(talent));
            }
        }
    }
}
