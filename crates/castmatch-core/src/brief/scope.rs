//! The third pass of a reading: the reach of negation and of strength markers over a clause's
//! items. "no Kathak" negates what follows, "Kathak not required" what precedes; "swap Bhangra
//! for Kathak" negates up to "for"; "a plus" softens its clause (or its part of a clause that
//! also says "must"), and a clause that is only "Nice to have:" softens the rest of its sentence.
//! A question answered in the brief takes its answer: "Can skate? No need" waives skating,
//! "Bhangra? A plus" softens it.

use super::clause::Clause;
use super::lexicon::Lexeme;
use super::tag::{Break, Item, Piece};

/// Whether an item is stated, denied or waived.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Polarity {
    Affirmed,
    /// "no Kathak", "no one over 28": the opposite holds.
    Negated,
    /// "Kathak not required", "Can skate? No need": it is not asked for.
    Waived,
}

/// How a clause or segment marks what it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strength {
    Plain,
    /// "a plus", "ideally": wanted, not required.
    Soft,
    /// "must", "mandatory".
    Hard,
}

/// The marks on one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Scope {
    pub polarity: Polarity,
    pub strength: Strength,
}

/// The scope of every item of every clause, in order.
pub(crate) fn scope(clauses: &[Clause]) -> Vec<Vec<Scope>> {
    let mut soft_carried = false;
    clauses
        .iter()
        .enumerate()
        .map(|(n, clause)| {
            let answer = (clause.ends == Break::Question)
                .then(|| clauses.get(n + 1).and_then(|next| answer(next.items)))
                .flatten();
            let scopes = polarities(clause.items)
                .into_iter()
                .zip(strengths(clause.items, soft_carried))
                .map(|(polarity, strength)| match answer {
                    Some(Answer::No) => Scope {
                        polarity: Polarity::Waived,
                        strength,
                    },
                    Some(Answer::Soft) => Scope {
                        polarity,
                        strength: Strength::Soft,
                    },
                    None => Scope { polarity, strength },
                })
                .collect();
            soft_carried = carries_soft(clause.items, soft_carried) && clause.ends == Break::Clause;
            scopes
        })
        .collect()
}

/// How the clause after a question answers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    /// "No", "no need", "doesn't matter", "not needed".
    No,
    /// "A plus", "nice to have".
    Soft,
}

/// The answer a clause opens with, if it opens with one.
fn answer(items: &[Item]) -> Option<Answer> {
    let first = items.first()?;
    if first.has(|l| matches!(l, Lexeme::Negate | Lexeme::NegateBefore | Lexeme::Clear)) {
        Some(Answer::No)
    } else if first.is(Lexeme::Prefer) {
        Some(Answer::Soft)
    } else {
        None
    }
}

/// Negation: "no" denies what follows, "drop" and "swap" waive it, until a marker ("also",
/// "must") or, after a swap, until "for" / "with"; "not required" waives everything before it.
fn polarities(items: &[Item]) -> Vec<Polarity> {
    let waive_before = items.iter().rposition(|it| it.is(Lexeme::NegateBefore));
    let mut reach = Polarity::Affirmed;
    let mut swapping = false;
    items
        .iter()
        .enumerate()
        .map(|(k, item)| {
            let polarity = match reach {
                Polarity::Affirmed if waive_before.is_some_and(|n| k < n) => Polarity::Waived,
                p => p,
            };
            if item.is(Lexeme::Negate) {
                reach = Polarity::Negated;
            } else if item.has(|l| matches!(l, Lexeme::Clear | Lexeme::Swap)) {
                reach = Polarity::Waived;
                swapping |= item.is(Lexeme::Swap);
            } else if swapping && item.is(Lexeme::SwapInto) {
                reach = Polarity::Affirmed;
                swapping = false;
            } else if item.has(|l| {
                matches!(
                    l,
                    Lexeme::Also | Lexeme::Require | Lexeme::Instead | Lexeme::Prefer
                )
            }) {
                reach = Polarity::Affirmed;
            }
            polarity
        })
        .collect()
}

fn marker(item: &Item) -> Option<Strength> {
    if item.is(Lexeme::Prefer) {
        Some(Strength::Soft)
    } else if item.is(Lexeme::Require) {
        Some(Strength::Hard)
    } else {
        None
    }
}

/// The strength each item gets from "must" / "a plus" markers near it.
fn strengths(items: &[Item], soft_carried: bool) -> Vec<Strength> {
    let marks: Vec<Option<Strength>> = items.iter().map(marker).collect();
    let soft = marks.contains(&Some(Strength::Soft));
    let hard = marks.contains(&Some(Strength::Hard));
    if !(soft && hard) {
        let whole = if soft || (soft_carried && !hard) {
            Strength::Soft
        } else {
            Strength::Plain
        };
        return vec![whole; items.len()];
    }
    // Both kinds: each stretch between conjunctions takes its own marker, or its neighbour's.
    let mut segments: Vec<(usize, usize, Option<Strength>)> = Vec::new();
    let mut start = 0;
    for (k, it) in items.iter().enumerate() {
        let conjunction = it.piece == Piece::Conjunction;
        if conjunction || k + 1 == items.len() {
            let end = if conjunction { k } else { k + 1 };
            let mark = marks[start..end].iter().flatten().next().copied();
            segments.push((start, end, mark));
            start = k + 1;
        }
    }
    // A segment without a marker takes the previous segment's, or else the next one's.
    let mut previous = None;
    let from_before: Vec<Option<Strength>> = segments
        .iter()
        .map(|seg| {
            previous = seg.2.or(previous);
            previous
        })
        .collect();
    let mut next = None;
    let mut from_after: Vec<Option<Strength>> = segments
        .iter()
        .rev()
        .map(|seg| {
            next = seg.2.or(next);
            next
        })
        .collect();
    from_after.reverse();
    let mut out = vec![Strength::Plain; items.len()];
    for (n, &(s, e, _)) in segments.iter().enumerate() {
        out[s..e].fill(from_before[n].or(from_after[n]).unwrap_or(Strength::Plain));
    }
    out
}

/// Whether a soft marker reaches the next clause: the clause is only a marker ("Nice to have:"),
/// or it carried one in and says nothing hard.
fn carries_soft(items: &[Item], soft_carried: bool) -> bool {
    let names_a_value = items.iter().any(|it| it.has(Lexeme::is_set_value));
    let only_marker = !names_a_value && items.iter().any(|it| it.is(Lexeme::Prefer));
    let hard = items.iter().any(|it| it.is(Lexeme::Require));
    only_marker || (soft_carried && !hard)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::clause::clauses;
    use crate::brief::lexicon::Lexicon;
    use crate::brief::tag::tag;
    use crate::brief::tokens::tokenise;
    use crate::vocab::Vocabulary;

    /// Every item as its text with a mark: `-` negated, `~` waived, `?` soft, `!` hard.
    fn marked(text: &str) -> String {
        let tokens = tokenise(text);
        let items = tag(&tokens, &Lexicon::new(Vocabulary::builtin()));
        let clauses = clauses(&items);
        let scopes = scope(&clauses);
        let mut out = Vec::new();
        for (clause, scopes) in clauses.iter().zip(&scopes) {
            for (item, s) in clause.items.iter().zip(scopes) {
                let words: Vec<&str> = tokens[item.start..item.end]
                    .iter()
                    .map(|t| t.text.as_str())
                    .collect();
                let mut word = words.join(" ");
                match s.polarity {
                    Polarity::Negated => word.insert(0, '-'),
                    Polarity::Waived => word.insert(0, '~'),
                    Polarity::Affirmed => {}
                }
                match s.strength {
                    Strength::Soft => word.push('?'),
                    Strength::Hard => word.push('!'),
                    Strength::Plain => {}
                }
                out.push(word);
            }
        }
        out.join(" ")
    }

    #[test]
    fn scopes_by_table() {
        for (text, want) in [
            ("no Kathak, Odissi", "no -kathak odissi"),
            ("Kathak not required", "~kathak not required"),
            ("swap Bhangra for Kathak", "swap ~bhangra ~for kathak"),
            ("drop Delhi", "drop ~delhi"),
            ("no dance, also Odissi", "no -dance also odissi"),
            (
                "Can skate? No need. Must swim",
                "~can ~skate no need must swim",
            ),
            ("Bhangra? A plus", "bhangra? a plus?"),
            ("Mumbai? Pune", "mumbai pune"),
            ("Kathak a plus", "kathak? a plus?"),
            (
                "must speak Hindi and ideally Marathi",
                "must! speak! hindi! and ideally? marathi?",
            ),
            (
                "Nice to have: Kathak, Odissi. Hindi",
                "nice to have? kathak? odissi? hindi",
            ),
            (
                "Nice to have: Kathak, must Hindi",
                "nice to have? kathak? must hindi",
            ),
        ] {
            assert_eq!(marked(text), want, "{text}");
        }
    }
}
