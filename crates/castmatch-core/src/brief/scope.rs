//! The third pass of a reading: the reach of negation and of strength markers over a clause's
//! items. "no Kathak" negates what follows, "Kathak not required" what precedes; "swap Bhangra
//! for Kathak" negates up to "for"; "a plus" softens its clause (or its part of a clause that
//! also says "must"), and a clause that is only "Nice to have:" softens the rest of its sentence.

use super::clause::Clause;
use super::lexicon::Lexeme;
use super::tag::{Break, Item, Piece};

/// Whether an item is stated or denied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Polarity {
    Affirmed,
    Negated,
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
        .map(|clause| {
            let scopes = polarities(clause.items)
                .into_iter()
                .zip(strengths(clause.items, soft_carried))
                .map(|(polarity, strength)| Scope { polarity, strength })
                .collect();
            soft_carried = carries_soft(clause.items, soft_carried) && clause.ends == Break::Clause;
            scopes
        })
        .collect()
}

/// Negation: "no", "drop", "swap" negate what follows until a marker ("also", "must") or, after
/// a swap, until "for" / "with"; "not required" negates everything before it.
fn polarities(items: &[Item]) -> Vec<Polarity> {
    let negate_before = items.iter().rposition(|it| it.is(Lexeme::NegateBefore));
    let mut negating = false;
    let mut swapping = false;
    items
        .iter()
        .enumerate()
        .map(|(k, item)| {
            let negated = negating || negate_before.is_some_and(|n| k < n);
            if item.has(|l| matches!(l, Lexeme::Negate | Lexeme::Clear | Lexeme::Swap)) {
                negating = true;
                swapping |= item.is(Lexeme::Swap);
            } else if swapping && item.is(Lexeme::SwapInto) {
                negating = false;
                swapping = false;
            } else if item.has(|l| {
                matches!(
                    l,
                    Lexeme::Also | Lexeme::Require | Lexeme::Instead | Lexeme::Prefer
                )
            }) {
                negating = false;
            }
            if negated {
                Polarity::Negated
            } else {
                Polarity::Affirmed
            }
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

    /// Every item as its text with a mark: `-` negated, `?` soft, `!` hard.
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
                if s.polarity == Polarity::Negated {
                    word.insert(0, '-');
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
            ("Kathak not required", "-kathak not required"),
            ("swap Bhangra for Kathak", "swap -bhangra -for kathak"),
            ("no dance, also Odissi", "no -dance also odissi"),
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
