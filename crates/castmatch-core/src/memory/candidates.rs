//! A director's workbook: their candidates — what they know and wrote about each talent they
//! worked with: the details last shown (so a shortlist still reads "Asha Rao, 28, Pune" after a
//! roster change), their note and tags, across roles — and each role's auditions.

use serde::{Deserialize, Serialize};

use super::auditions::Auditions;
use super::{Director, MemoryError, Session};
use crate::roster::{Gender, Talent};

/// One director's candidates and auditions. Vectors, not maps: a map type's code (build,
/// search, rebalance, per key and value type) would cost the chat module kilobytes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workbook {
    pub director: String,
    /// Ordered by talent id, one each.
    pub candidates: Vec<Candidate>,
    /// One per role that has slots, in the order they were first scheduled.
    pub auditions: Vec<Auditions>,
}

impl Workbook {
    fn new(director: &str) -> Self {
        Workbook {
            director: director.to_string(),
            ..Default::default()
        }
    }

    pub fn is_empty(&self) -> bool {
        self.candidates.is_empty() && self.auditions.is_empty()
    }

    /// The candidate with this id, or where it would go.
    fn find(&self, talent_id: &str) -> Result<usize, usize> {
        self.candidates
            .binary_search_by(|c| c.talent_id.as_str().cmp(talent_id))
    }

    pub fn candidate(&self, talent_id: &str) -> Option<&Candidate> {
        self.find(talent_id).ok().map(|at| &self.candidates[at])
    }

    /// The candidate with this id, created from `talent` if new.
    fn candidate_mut(&mut self, talent: &Talent) -> &mut Candidate {
        let at = self.find(&talent.id).unwrap_or_else(|at| {
            self.candidates.insert(at, Candidate::of(talent));
            at
        });
        &mut self.candidates[at]
    }

    /// A role's auditions, if it has any.
    pub fn auditions_of(&self, project: &str, role: &str) -> Option<&Auditions> {
        self.auditions.iter().find(|a| a.is_for(project, role))
    }

    /// Talents decided on or invited for a role of `director` (an invited one may come twice).
    pub fn talents_of<'a>(
        &'a self,
        director: &'a Director,
        project: &str,
        role: &str,
    ) -> Vec<&'a str> {
        let decided = director
            .role(project, role)
            .into_iter()
            .flat_map(|r| r.decisions.keys());
        let invited = self
            .auditions_of(project, role)
            .into_iter()
            .flat_map(|a| &a.invitations);
        decided
            .map(String::as_str)
            .chain(invited.map(|i| i.talent_id.as_str()))
            .collect()
    }

    /// Candidates ordered and tidy, auditions of existing roles, one entry per role.
    pub(super) fn validate(&self, director: &Director) -> Result<(), String> {
        for (i, c) in self.candidates.iter().enumerate() {
            if i > 0 && self.candidates[i - 1].talent_id >= c.talent_id {
                return Err(format!(
                    "candidate {:?} is out of order or repeated",
                    c.talent_id
                ));
            }
            c.validate()?;
        }
        for (i, a) in self.auditions.iter().enumerate() {
            let repeated = self.auditions[..i]
                .iter()
                .any(|b| b.is_for(&a.project, &a.role));
            if repeated || director.role(&a.project, &a.role).is_none() {
                return Err(format!(
                    "auditions of role {:?} / {:?}: repeated or no such role",
                    a.project, a.role
                ));
            }
            a.validate()?;
        }
        Ok(())
    }
}

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

    fn validate(&self) -> Result<(), String> {
        match tidy_tags(&self.tags) {
            Ok(tags) if tags == self.tags && self.note.len() <= NOTE_MAX => Ok(()),
            _ => Err(format!(
                "candidate {:?} has a malformed note or tags",
                self.talent_id
            )),
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
        let known = self.workbook_mut().candidate_mut(talent);
        *known = Candidate {
            note: std::mem::take(&mut known.note),
            tags: std::mem::take(&mut known.tags),
            ..Candidate::of(talent)
        };
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
        let candidate = self.workbook_mut().candidate_mut(talent);
        candidate.note = note.to_string();
        candidate.tags = tags;
        Ok(candidate.clone())
    }

    /// The candidate this director knows by `talent_id`, if any.
    pub fn candidate(&self, talent_id: &str) -> Option<&Candidate> {
        self.workbook()?.candidate(talent_id)
    }

    /// The current director's workbook, if they have one.
    pub fn workbook(&self) -> Option<&Workbook> {
        self.workbook_of(&self.cursor.director)
    }

    pub(super) fn workbook_of(&self, director: &str) -> Option<&Workbook> {
        self.workbooks.iter().find(|w| w.director == director)
    }

    /// The current director's workbook (and the director), created if needed.
    pub(super) fn workbook_mut(&mut self) -> &mut Workbook {
        self.director_mut();
        let name = &self.cursor.director;
        let at = match self.workbooks.iter().position(|w| w.director == *name) {
            Some(at) => at,
            None => {
                self.workbooks.push(Workbook::new(name));
                self.workbooks.len() - 1
            }
        };
        &mut self.workbooks[at]
    }

    /// Keeps the details of every talent decided on or invited, in any director's memory, that
    /// has none yet and that `lookup` finds: memories saved before format 4 held only ids.
    pub fn fill_details<'t>(&mut self, lookup: impl Fn(&str) -> Option<&'t Talent>) {
        for (name, director) in &self.memory.directors {
            let at = match self.workbooks.iter().position(|w| w.director == *name) {
                Some(at) => at,
                None => {
                    self.workbooks.push(Workbook::new(name));
                    self.workbooks.len() - 1
                }
            };
            let workbook = &mut self.workbooks[at];
            let ids: Vec<String> = director
                .roles()
                .flat_map(|(project, role)| workbook.talents_of(director, project, &role.name))
                .filter(|id| workbook.candidate(id).is_none())
                .map(str::to_string)
                .collect();
            for talent in ids.iter().filter_map(|id| lookup(id)) {
                workbook.candidate_mut(talent);
            }
        }
        // In place, so that a memory with nothing to fill stays equal to itself.
        self.workbooks.retain(|w| !w.is_empty());
    }
}
