//! Casting-archetype keyword evidence: owns the archetype lexicon (names, and their terms as
//! token-id sequences) and finding which archetypes a tokenised text mentions.
//!
//! The lexicon is written as text (`name: term, term, ...` per line, `#` comments) and compiled
//! by the model builder with the model's own tokenizer into token-id sequences, plural forms
//! included, which travel in the model file. At run time matching is a comparison of the ids the
//! embedding already computed: no string handling, no stemming, almost no code in wasm.

use crate::tokenize::Tokenizer;

/// At most this many archetypes, so a set of them is one `u64`.
pub const MAX_ARCHETYPES: usize = 64;

/// A set of archetypes: bit `i` is archetype `i` of the lexicon.
pub type ArchetypeSet = u64;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LexiconError {
    #[error("archetype lexicon line {0}: expected `name: term, term, ...`")]
    BadLine(usize),
    #[error("archetype lexicon has more than {MAX_ARCHETYPES} archetypes")]
    TooMany,
}

/// One term of an archetype: the token ids a mention of it tokenises to.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Term {
    pub ids: Vec<u32>,
    pub archetype: u8,
}

/// A compiled archetype lexicon. Terms are sorted, so those starting with a token are a range.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Archetypes {
    names: Vec<String>,
    terms: Vec<Term>,
}

impl Archetypes {
    /// Assembles a lexicon from its parts (as read from a model file); `None` if inconsistent:
    /// too many names, an empty term, a term naming a missing archetype, or terms out of
    /// order (a file holds them sorted, so loading need not sort).
    pub fn from_parts(names: Vec<String>, terms: Vec<Term>) -> Option<Self> {
        let valid = names.len() <= MAX_ARCHETYPES
            && terms
                .iter()
                .all(|t| !t.ids.is_empty() && (t.archetype as usize) < names.len())
            && terms.windows(2).all(|w| w[0] < w[1]);
        valid.then_some(Archetypes { names, terms })
    }

    /// Compiles the lexicon text with `tok`. Each term also matches its plural ("doctor",
    /// "doctors"; "city", "cities"); terms that tokenise to nothing or to `[UNK]` are dropped.
    pub fn compile(src: &str, tok: &Tokenizer) -> Result<Self, LexiconError> {
        let unk = tok.id("[UNK]");
        let mut names = Vec::new();
        let mut terms = Vec::new();
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
            if names.len() == MAX_ARCHETYPES {
                return Err(LexiconError::TooMany);
            }
            let archetype = names.len() as u8;
            names.push(name.to_string());
            for term in list.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                for form in [term.to_string(), plural(term)] {
                    let ids = tok.tokenize(&form);
                    if !ids.is_empty() && !ids.iter().any(|&i| Some(i) == unk) {
                        terms.push(Term { ids, archetype });
                    }
                }
            }
        }
        terms.sort_unstable();
        terms.dedup();
        Ok(Archetypes::from_parts(names, terms).unwrap_or_default())
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The archetypes whose terms occur in `ids` as whole words: a match starts at a token
    /// that begins a word and is not followed by a `##` continuation ("doctor" does not match
    /// inside "doctorate").
    pub fn find(&self, ids: &[u32], tok: &Tokenizer) -> ArchetypeSet {
        let mut found = 0;
        for (at, &first) in ids.iter().enumerate() {
            if tok.is_continuation(first) {
                continue;
            }
            let from = self.terms.partition_point(|t| t.ids[0] < first);
            for term in self.terms[from..].iter().take_while(|t| t.ids[0] == first) {
                let end = at + term.ids.len();
                let whole_word = ids.get(end).is_none_or(|&next| !tok.is_continuation(next));
                if ids.get(at..end) == Some(&term.ids[..]) && whole_word {
                    found |= 1 << term.archetype;
                }
            }
        }
        found
    }

    /// The names of the archetypes in `set`, in lexicon order.
    pub fn names_in(&self, set: ArchetypeSet) -> impl Iterator<Item = &str> {
        self.names
            .iter()
            .enumerate()
            .filter(move |(i, _)| set & (1 << i) != 0)
            .map(|(_, n)| n.as_str())
    }
}

/// The English plural of a term's last word: army -> armies, coach -> coaches, doctor -> doctors.
fn plural(term: &str) -> String {
    let ends = |s: &str| term.ends_with(s);
    let consonant_y = ends("y") && !["ay", "ey", "iy", "oy", "uy"].iter().any(|s| ends(s));
    if consonant_y {
        format!("{}ies", &term[..term.len() - 1])
    } else if ["s", "x", "z", "ch", "sh"].iter().any(|s| ends(s)) {
        format!("{term}es")
    } else {
        format!("{term}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::CharTable;

    fn tok() -> Tokenizer {
        let vocab: Vec<String> = [
            "[UNK]",
            "army",
            "armies",
            "soldier",
            "##s",
            "ex",
            "-",
            "serviceman",
            "border",
            "security",
            "force",
            "forces",
            "doctor",
            "##ate",
            "physician",
            "nurse",
            "the",
            "with",
            "played",
            "and",
            ",",
            ".",
            "retd",
            "coach",
            "##es",
            "city",
            "cities",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        Tokenizer::new(&vocab, Some(0), 100, CharTable::default())
    }

    const LEX: &str = "# test\nmilitary: army, soldier, ex-serviceman, border security force\n\
                       doctor: doctor, physician\n\nnurse: nurse\ncoach: coach, city, zzz\n";

    fn find(l: &Archetypes, t: &Tokenizer, text: &str) -> Vec<String> {
        l.names_in(l.find(&t.tokenize(text), t))
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn finds_terms_plurals_and_phrases_as_whole_words() {
        let t = tok();
        let l = Archetypes::compile(LEX, &t).unwrap();
        assert_eq!(l.names(), ["military", "doctor", "nurse", "coach"]);
        assert_eq!(
            find(&l, &t, "with the Border Security Force."),
            ["military"]
        );
        assert_eq!(
            find(&l, &t, "border security forces"),
            ["military"],
            "plural of a phrase"
        );
        assert_eq!(
            find(&l, &t, "Played ARMY doctors and nurses"),
            ["military", "doctor", "nurse"]
        );
        assert_eq!(find(&l, &t, "armies, soldiers"), ["military"]);
        assert_eq!(find(&l, &t, "EX-SERVICEMAN, retd."), ["military"]);
        assert_eq!(
            find(&l, &t, "border security"),
            Vec::<String>::new(),
            "partial phrase"
        );
        assert_eq!(
            find(&l, &t, "doctorate"),
            Vec::<String>::new(),
            "inside a word"
        );
        assert_eq!(find(&l, &t, "coaches; cities"), ["coach"]);
        assert!(
            l.terms().iter().all(|term| !term.ids.contains(&0)),
            "[UNK] terms dropped"
        );
    }

    #[test]
    fn parts_round_trip_and_bad_parts_are_refused() {
        let t = tok();
        let l = Archetypes::compile(LEX, &t).unwrap();
        let again = Archetypes::from_parts(l.names().to_vec(), l.terms().to_vec()).unwrap();
        assert_eq!(again, l);
        let bad = Term {
            ids: vec![1],
            archetype: 9,
        };
        assert!(Archetypes::from_parts(l.names().to_vec(), vec![bad]).is_none());
        let empty = Term {
            ids: vec![],
            archetype: 0,
        };
        assert!(Archetypes::from_parts(l.names().to_vec(), vec![empty]).is_none());
    }

    #[test]
    fn bad_lines_are_errors() {
        let t = tok();
        assert_eq!(
            Archetypes::compile("military army", &t).unwrap_err(),
            LexiconError::BadLine(1)
        );
        assert_eq!(
            Archetypes::compile("ok: a\n: b", &t).unwrap_err(),
            LexiconError::BadLine(2)
        );
        let many: String = (0..65).map(|i| format!("a{i}: army\n")).collect();
        assert_eq!(
            Archetypes::compile(&many, &t).unwrap_err(),
            LexiconError::TooMany
        );
    }

    #[test]
    fn plurals() {
        for (a, b) in [
            ("doctor", "doctors"),
            ("city", "cities"),
            ("coach", "coaches"),
            ("boy", "boys"),
            ("boss", "bosses"),
            ("border security force", "border security forces"),
        ] {
            assert_eq!(plural(a), b);
        }
    }
}
