//! The second pass of a reading: tagged items split into clauses at punctuation and at "but",
//! "however"; a clause knows whether it ends its sentence (markers such as "Nice to have:"
//! reach over clause breaks but not over a sentence's end).

use super::lexicon::Lexeme;
use super::tag::{Break, Item, Piece};

/// One clause: its items and what ends it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Clause<'i> {
    pub items: &'i [Item],
    pub ends: Break,
}

/// Splits items into clauses; the breaks themselves belong to none.
pub(crate) fn clauses(items: &[Item]) -> Vec<Clause<'_>> {
    let mut out: Vec<Clause> = Vec::new();
    let mut start = 0;
    for (k, it) in items.iter().enumerate() {
        let ends = match it.piece {
            Piece::Break(b) => Some(b),
            _ if it.is(Lexeme::Break) => Some(Break::Clause),
            _ => None,
        };
        let Some(ends) = ends else { continue };
        if k > start {
            out.push(Clause {
                items: &items[start..k],
                ends,
            });
        } else if ends != Break::Clause {
            // An empty clause still ends the sentence: mark the previous one.
            if let Some(last) = out.last_mut() {
                last.ends = last.ends.max(ends);
            }
        }
        start = k + 1;
    }
    if start < items.len() {
        out.push(Clause {
            items: &items[start..],
            ends: Break::Sentence,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::lexicon::Lexicon;
    use crate::brief::tag::tag;
    use crate::brief::tokens::tokenise;
    use crate::vocab::Vocabulary;

    /// Each clause as (item count, ends the sentence).
    fn split(text: &str) -> Vec<(usize, bool)> {
        let tokens = tokenise(text);
        let items = tag(&tokens, &Lexicon::new(Vocabulary::builtin()));
        clauses(&items)
            .iter()
            .map(|c| (c.items.len(), c.ends != Break::Clause))
            .collect()
    }

    #[test]
    fn splits_by_table() {
        for (text, want) in [
            (
                "Female, 25-32, Mumbai",
                &[(1, false), (1, false), (1, true)][..],
            ),
            ("Kathak a plus. Hindi", &[(2, true), (1, true)]),
            ("Kathak but not Odissi", &[(1, false), (2, true)]),
            ("Hindi;; Marathi", &[(1, true), (1, true)]),
            (
                "Nice to have: Kathak, Odissi.",
                &[(1, false), (1, false), (1, true)],
            ),
            (", ,", &[]),
            ("Hindi,. ", &[(1, true)]),
        ] {
            assert_eq!(split(text), want, "{text}");
        }
    }
}
