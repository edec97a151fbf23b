//! Casting-archetype keyword evidence: owns the small lexicon format (`name: term, term, ...` per
//! line, `#` comments) and finding which archetypes a text mentions.
//!
//! Terms and texts go through the same BERT normalisation and word splitting as the embeddings
//! ([`Tokenizer::words`]) plus plural stemming, so "EX-SERVICEMAN" and "soldiers" match the terms
//! "ex-serviceman" and "soldier".

use std::collections::HashMap;

use crate::tokenize::Tokenizer;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LexiconError {
    #[error("archetype lexicon line {0}: expected `name: term, term, ...`")]
    BadLine(usize),
    #[error("archetype lexicon has more than 65535 archetypes")]
    TooMany,
}

/// A parsed archetype lexicon.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    names: Vec<String>,
    /// Terms as stemmed word sequences, with their archetype.
    terms: Vec<(Vec<String>, u16)>,
    /// First word of a term -> indices into `terms`.
    by_first: HashMap<String, Vec<usize>>,
}

impl Lexicon {
    /// Parses the lexicon text, normalising terms with `tok`.
    pub fn parse(src: &str, tok: &Tokenizer) -> Result<Self, LexiconError> {
        let mut lex = Lexicon::default();
        for (n, line) in src.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (name, list) = line.split_once(':').ok_or(LexiconError::BadLine(n + 1))?;
            let name = name.trim();
            if name.is_empty() {
                return Err(LexiconError::BadLine(n + 1));
            }
            let id = u16::try_from(lex.names.len()).map_err(|_| LexiconError::TooMany)?;
            lex.names.push(name.to_string());
            for term in list.split(',') {
                let words = stems(tok, term);
                if let Some(first) = words.first() {
                    lex.by_first.entry(first.clone()).or_default().push(lex.terms.len());
                    lex.terms.push((words, id));
                }
            }
        }
        Ok(lex)
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn id(&self, name: &str) -> Option<u16> {
        self.names.iter().position(|n| n == name).map(|i| i as u16)
    }

    /// Archetypes mentioned in `text`, sorted, without duplicates.
    pub fn find(&self, tok: &Tokenizer, text: &str) -> Vec<u16> {
        let words = stems(tok, text);
        let mut out = Vec::new();
        for (i, w) in words.iter().enumerate() {
            if let Some(cands) = self.by_first.get(w) {
                for &t in cands {
                    let (term, id) = &self.terms[t];
                    if words.len() - i >= term.len() && words[i..i + term.len()] == term[..] {
                        if let Err(pos) = out.binary_search(id) {
                            out.insert(pos, *id); // sorted without pulling in a sort routine
                        }
                    }
                }
            }
        }
        out
    }
}

/// True if two sorted archetype lists share an archetype.
pub fn shares(a: &[u16], b: &[u16]) -> bool {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    false
}

fn stems(tok: &Tokenizer, text: &str) -> Vec<String> {
    let mut v = Vec::new();
    tok.for_each_word(text, |w| v.push(stem(w).to_string()));
    v
}

/// Light English plural stemming for keyword matching ("doctors" -> "doctor", "cities" -> "city").
pub fn stem(w: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let w = w.strip_suffix("'s").unwrap_or(w);
    if w.len() > 4 && w.ends_with("ies") {
        return Cow::Owned(format!("{}y", &w[..w.len() - 3]));
    }
    for suf in ["ches", "shes", "sses", "xes"] {
        if w.len() > suf.len() + 2 && w.ends_with(suf) {
            return Cow::Borrowed(&w[..w.len() - 2]);
        }
    }
    if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return Cow::Borrowed(&w[..w.len() - 1]);
    }
    Cow::Borrowed(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::CharTable;

    fn tok() -> Tokenizer {
        Tokenizer::new(&["[UNK]".to_string()], Some(0), 100, CharTable::default())
    }

    const LEX: &str = "# test\nmilitary: army, soldier, ex-serviceman, border security force\ndoctor: doctor, physician\n\nnurse: nurse\n";

    #[test]
    fn finds_terms_plurals_and_phrases() {
        let t = tok();
        let l = Lexicon::parse(LEX, &t).unwrap();
        assert_eq!(l.names(), ["military", "doctor", "nurse"]);
        assert_eq!(l.find(&t, "Spent years with the Border Security Force."), [0]);
        assert_eq!(l.find(&t, "Played ARMY doctors and nurses"), [0, 1, 2]);
        assert_eq!(l.find(&t, "EX-SERVICEMAN, retd."), [0]);
        assert_eq!(l.find(&t, "border security"), Vec::<u16>::new(), "partial phrase");
        assert!(shares(&[0, 2], &[2, 5]));
        assert!(!shares(&[0, 2], &[1, 3]));
        assert_eq!(l.id("nurse"), Some(2));
    }

    #[test]
    fn bad_lines_are_errors() {
        let t = tok();
        assert_eq!(Lexicon::parse("military army", &t).unwrap_err(), LexiconError::BadLine(1));
        assert_eq!(Lexicon::parse("ok: a\n: b", &t).unwrap_err(), LexiconError::BadLine(2));
    }

    #[test]
    fn stemming() {
        for (a, b) in [("doctors", "doctor"), ("cities", "city"), ("coaches", "coach"), ("boss", "boss"), ("bus", "bus"), ("police", "police"), ("jawan's", "jawan")] {
            assert_eq!(stem(a), b);
        }
    }
}
