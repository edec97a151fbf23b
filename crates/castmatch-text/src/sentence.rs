//! Sentence splitting for per-sentence scoring: owns where a bio's sentences begin and end
//! (terminators . ! ? । 。 and line breaks, minus abbreviations, initials and decimals).
//!
//! It returns slices of the input, so callers keep offsets for highlighting.

/// Titles and abbreviations after which a full stop does not end a sentence (lowercase).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "lt", "col", "capt", "gen", "maj", "sgt",
    "brig", "cdr", "adm", "insp", "const", "hon", "rev", "fr", "sh", "smt", "km", "no", "nos",
    "vs", "etc", "approx", "dept", "govt", "e.g", "i.e", "ca", "inc", "ltd", "co", "u.s", "u.k",
];

fn is_terminator(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '\u{0964}' | '\u{0965}' | '\u{3002}' | '\u{FF01}' | '\u{FF1F}'
    )
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}' | '»')
}

/// Splits `text` into trimmed, non-empty sentences.
pub fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((pos, c)) = chars.next() {
        let end = if c == '\n' {
            Some(pos)
        } else if is_terminator(c) {
            // Absorb runs like "?!" or "..." and closing quotes/brackets.
            let mut run = 1;
            while chars
                .next_if(|&(_, n)| is_terminator(n) || is_closer(n))
                .is_some()
            {
                run += 1;
            }
            match chars.peek() {
                None => Some(text.len()),
                Some(&(next, n)) if n.is_whitespace() => {
                    let single_dot = c == '.' && run == 1;
                    (!(single_dot && keeps_going(text, start, pos, next))).then_some(next)
                }
                Some(_) => None,
            }
        } else {
            None
        };
        if let Some(e) = end {
            push(&mut out, &text[start..e]);
            start = e;
        }
    }
    push(&mut out, &text[start..]);
    out
}

fn push<'a>(out: &mut Vec<&'a str>, s: &'a str) {
    let s = s.trim();
    // Keep pieces with a word character (ASCII-only checks: no Unicode tables in the wasm).
    if s.chars()
        .any(|c| !c.is_whitespace() && !c.is_ascii_punctuation())
    {
        out.push(s);
    }
}

/// True if the single '.' at byte `dot` does not end the sentence: an abbreviation or an
/// initial before it, or a lowercase letter / digit after it (from byte `after` on).
fn keeps_going(text: &str, start: usize, dot: usize, after: usize) -> bool {
    let before = &text[start..dot];
    // The word before the dot (letters and inner dots, e.g. "e.g"), compared ASCII-case-insensitively.
    let word_start = before
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphanumeric() || *c == '.')
        .last()
        .map_or(before.len(), |(i, _)| i);
    let word = &before[word_start..];
    if word.len() == 1 && word.as_bytes()[0].is_ascii_alphabetic() {
        return true; // an initial: "A. K. Sharma"
    }
    if ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)) {
        return true;
    }
    // Next non-space character: a lowercase letter or a digit continues the sentence.
    text[after..]
        .chars()
        .find(|c| !c.is_whitespace())
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            split_sentences(
                "Trained at NSD in Delhi. Spent fifteen years with the BSF before acting!"
            ),
            [
                "Trained at NSD in Delhi.",
                "Spent fifteen years with the BSF before acting!"
            ]
        );
        assert_eq!(
            split_sentences("One? Two?! Three..."),
            ["One?", "Two?!", "Three..."]
        );
        assert_eq!(split_sentences("No terminator"), ["No terminator"]);
        assert_eq!(split_sentences("  "), Vec::<&str>::new());
    }

    #[test]
    fn keeps_abbreviations_initials_and_decimals() {
        assert_eq!(
            split_sentences(
                "Played Dr. Mehta and Lt. Col. Rao. He is 5.5 ft tall. A. K. Sharma trained him."
            ),
            [
                "Played Dr. Mehta and Lt. Col. Rao.",
                "He is 5.5 ft tall.",
                "A. K. Sharma trained him."
            ]
        );
        assert_eq!(
            split_sentences("Knows yoga, dance etc. and more."),
            ["Knows yoga, dance etc. and more."]
        );
    }

    #[test]
    fn line_breaks_danda_and_quotes() {
        assert_eq!(
            split_sentences("Line one\nLine two"),
            ["Line one", "Line two"]
        );
        assert_eq!(
            split_sentences("वह डॉक्टर है। वह गाती है।"),
            ["वह डॉक्टर है।", "वह गाती है।"]
        );
        assert_eq!(
            split_sentences("He said \"Cut!\" Then left."),
            ["He said \"Cut!\"", "Then left."]
        );
    }
}
