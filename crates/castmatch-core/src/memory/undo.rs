//! Taking decisions back: which logged change an undo reverts ("undo", "undo that reject"),
//! the state it restores, and the chat commands that ask for it.
//!
//! The episode log is the undo history: every shortlist, reject and withdrawal is logged, and
//! an undo logs which episode it reverted and the state it restored, so undo survives a reload
//! and undoing twice reverts the two latest changes, as in any editor.

use serde::{Deserialize, Serialize};

use super::episodes::{Decision, DecisionRecord, Episode, Event};

/// What an undo took back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Undone {
    pub talent_id: String,
    /// The decision taken back; for an undone withdrawal, the decision it had withdrawn.
    pub decision: Decision,
    /// Whether the change undone was a withdrawal (a decision clicked again, or removed).
    pub withdrawal: bool,
    /// The talent's state now: the decision before the change, or `None` (undecided).
    pub restored: Option<DecisionRecord>,
}

/// An undo asked for in the chat: how many changes, and of which decision only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UndoCommand {
    pub count: usize,
    pub only: Option<Decision>,
}

/// At most this many changes are undone by one sentence ("undo the last 5").
const MOST_AT_ONCE: usize = 20;

/// Reads "undo", "undo that reject", "undo the last 3 shortlists", "take that back": the whole
/// sentence must be an undo, so a brief that happens to say "undo" is left to the parser.
pub fn read_command(text: &str) -> Option<UndoCommand> {
    // ASCII on purpose: an undo is asked in English words, and Unicode case tables would
    // cost the chat module 9 KB gzipped.
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let (verb, rest) = match words.as_slice() {
        ["undo", rest @ ..] | ["revert", rest @ ..] => (true, rest),
        ["take", rest @ ..] if rest.contains(&"back") => (true, rest),
        _ => (false, &[][..]),
    };
    if !verb {
        return None;
    }
    let mut command = UndoCommand {
        count: 1,
        only: None,
    };
    for word in rest {
        match *word {
            "that" | "this" | "the" | "my" | "last" | "please" | "it" | "back" | "again"
            | "one" | "ones" | "decision" | "decisions" | "click" | "clicks" | "those"
            | "these" => {}
            "reject" | "rejects" | "rejection" | "rejections" | "rejected" => {
                command.only = Some(Decision::Reject)
            }
            "shortlist" | "shortlists" | "shortlisting" | "shortlisted" => {
                command.only = Some(Decision::Shortlist)
            }
            "all" => command.count = MOST_AT_ONCE,
            word => command.count = count_word(word)?.min(MOST_AT_ONCE),
        }
    }
    Some(command)
}

fn count_word(word: &str) -> Option<usize> {
    const WORDS: [&str; 10] = [
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    ];
    word.parse::<usize>()
        .ok()
        .filter(|&n| n > 0)
        .or_else(|| WORDS.iter().position(|&w| w == word).map(|i| i + 2))
        .or_else(|| (word == "both").then_some(2))
}

/// The index of the latest change of the role an undo would revert: a shortlist, reject or
/// withdrawal not yet undone, and the talent's latest live change (an older change of a
/// talent decided again since is not reverted behind the newer one's back). `only` limits it
/// to decisions of one kind.
pub fn target(log: &[Episode], project: &str, role: &str, only: Option<Decision>) -> Option<usize> {
    // Few entries each (undos, talents decided since): vectors are smaller code than sets.
    let mut undone: Vec<usize> = Vec::new();
    let mut settled: Vec<&str> = Vec::new();
    for (i, episode) in log.iter().enumerate().rev() {
        if !episode.is_for_role(project, role) {
            continue;
        }
        let (record, withdrawal) = match &episode.event {
            Event::Undid { episode, .. } => {
                undone.push(*episode as usize);
                continue;
            }
            Event::Decided(d) if d.decision != Decision::Note => (d, false),
            Event::Withdrew(d) => (d, true),
            _ => continue,
        };
        if undone.contains(&i) || settled.contains(&record.talent_id.as_str()) {
            continue;
        }
        if only.is_none_or(|o| !withdrawal && record.decision == o) {
            return Some(i);
        }
        settled.push(&record.talent_id);
    }
    None
}

/// The talent's state for the role after replaying `log` (the episodes before a change).
pub fn state_after(
    log: &[Episode],
    project: &str,
    role: &str,
    talent_id: &str,
) -> Option<DecisionRecord> {
    let mut state: Option<DecisionRecord> = None;
    for episode in log.iter().filter(|e| e.is_for_role(project, role)) {
        match &episode.event {
            Event::Decided(d) if d.talent_id == talent_id => match d.decision {
                Decision::Note => {
                    if let Some(s) = state.as_mut() {
                        s.note = d.note.clone();
                    }
                }
                _ => state = Some(d.clone()),
            },
            Event::Withdrew(d) if d.talent_id == talent_id => state = None,
            Event::Undid {
                talent_id: t,
                restored,
                ..
            } if t == talent_id => state = restored.clone(),
            _ => {}
        }
    }
    state
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_sentences_are_read_and_briefs_are_not() {
        let read = |t| read_command(t);
        assert_eq!(
            read("undo"),
            Some(UndoCommand {
                count: 1,
                only: None
            })
        );
        assert_eq!(
            read("Undo that reject!"),
            Some(UndoCommand {
                count: 1,
                only: Some(Decision::Reject)
            })
        );
        assert_eq!(
            read("undo the last 3 shortlists"),
            Some(UndoCommand {
                count: 3,
                only: Some(Decision::Shortlist)
            })
        );
        assert_eq!(
            read("undo the last two"),
            Some(UndoCommand {
                count: 2,
                only: None
            })
        );
        assert_eq!(
            read("take that back"),
            Some(UndoCommand {
                count: 1,
                only: None
            })
        );
        assert_eq!(read("undo the age limit"), None);
        assert_eq!(read("female lead, undo nothing"), None);
        assert_eq!(read("take her to Pune"), None);
        assert_eq!(read("undo 0"), None);
    }
}
