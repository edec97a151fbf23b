//! BERT-uncased tokenization: owns text normalisation (clean, CJK split, strip accents, lowercase),
//! word/punctuation splitting, and WordPiece greedy longest-match with `##` continuations.
//!
//! ASCII, CJK ideographs and Hangul syllables are handled by rules in code; every other character
//! whose BERT treatment differs from "keep it as a word character" is listed in a [`CharTable`]
//! that travels in the model file (the distiller derives it from the reference `tokenizer.json`),
//! so this module needs no Unicode tables of its own and stays a few KB of wasm.

use std::collections::HashMap;

use crate::format::FormatError;

/// Exceptions to the built-in character rules, for non-ASCII characters only.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CharTable {
    /// Inclusive ranges of characters the normaliser deletes (controls, unassigned, combining marks).
    pub drop: Vec<(u32, u32)>,
    /// Characters replaced by a string (lowercase, accent-stripped, CJK-padded). Sorted by char.
    pub map: Vec<(u32, String)>,
    /// Inclusive ranges of non-ASCII characters that split off as punctuation.
    pub punct: Vec<(u32, u32)>,
}

impl CharTable {
    pub fn validate(&self) -> Result<(), FormatError> {
        fn ranges_ok(r: &[(u32, u32)]) -> bool {
            r.iter()
                .all(|&(lo, hi)| lo >= 0x80 && lo <= hi && hi <= 0x10FFFF)
                && r.windows(2).all(|w| w[0].1 < w[1].0)
        }
        if !ranges_ok(&self.drop) || !ranges_ok(&self.punct) {
            return Err(FormatError::Corrupt(
                "character ranges unsorted or out of range",
            ));
        }
        if !self
            .map
            .iter()
            .all(|(c, s)| *c >= 0x80 && *c <= 0x10FFFF && s.len() <= 255)
            || !self.map.windows(2).all(|w| w[0].0 < w[1].0)
        {
            return Err(FormatError::Corrupt(
                "character map unsorted or out of range",
            ));
        }
        Ok(())
    }

    fn in_ranges(r: &[(u32, u32)], c: u32) -> bool {
        // Index of the first range whose end is >= c.
        let i = r.partition_point(|&(_, hi)| hi < c);
        r.get(i).is_some_and(|&(lo, _)| lo <= c)
    }

    fn mapped(&self, c: u32) -> Option<&str> {
        self.map
            .binary_search_by_key(&c, |(k, _)| *k)
            .ok()
            .map(|i| self.map[i].1.as_str())
    }

    fn is_punct(&self, c: char) -> bool {
        c.is_ascii_punctuation() || (!c.is_ascii() && Self::in_ranges(&self.punct, c as u32))
    }

    /// Appends the normalised form of `c` to `out`.
    pub fn normalise_char(&self, c: char, out: &mut String) {
        if !c.is_ascii() {
            if let Some(s) = self.mapped(c as u32) {
                out.push_str(s);
                return;
            }
            if Self::in_ranges(&self.drop, c as u32) {
                return;
            }
        }
        builtin_normalise_char(c, out);
    }
}

/// BERT's "Chinese character" ranges (CJK ideographs), which are split into single-char words.
pub fn is_cjk_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF | 0x3400..=0x4DBF | 0x20000..=0x2A6DF | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F | 0x2B920..=0x2CEAF | 0xF900..=0xFAFF | 0x2F800..=0x2FA1F)
}

/// The rules in code: ASCII cleaning + lowercasing, CJK padding, Hangul syllable decomposition
/// (what NFD does to them); every other character is kept as is. [`CharTable`] holds the rest.
pub fn builtin_normalise_char(c: char, out: &mut String) {
    match c {
        '\t' | '\n' | '\r' | ' ' => out.push(' '),
        '\0'..='\x1f' | '\x7f' => {}
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        _ if c.is_ascii() => out.push(c),
        _ if is_cjk_ideograph(c) => {
            out.push(' ');
            out.push(c);
            out.push(' ');
        }
        '\u{AC00}'..='\u{D7A3}' => {
            let s = c as u32 - 0xAC00;
            let (l, v, t) = (s / 588, (s % 588) / 28, s % 28);
            out.extend(char::from_u32(0x1100 + l));
            out.extend(char::from_u32(0x1161 + v));
            if t != 0 {
                out.extend(char::from_u32(0x11A7 + t));
            }
        }
        _ => out.push(c),
    }
}

/// BERT-uncased WordPiece tokenizer over a model file's vocab.
#[derive(Debug, Clone)]
pub struct Tokenizer {
    vocab: Vec<String>,
    /// The standard map with its default hasher: the catalog's maps have the same types, so
    /// the size-optimised wasm carries one copy of the map's code.
    ids: HashMap<String, u32>,
    unk_id: Option<u32>,
    max_chars_per_word: usize,
    /// Longest token in bytes (without a `##` prefix), to bound the longest-match search.
    max_token_bytes: usize,
    chars: CharTable,
}

impl Tokenizer {
    pub fn new(
        vocab: &[String],
        unk_id: Option<u32>,
        max_chars_per_word: usize,
        chars: CharTable,
    ) -> Self {
        Self::from_vocab(vocab.to_vec(), unk_id, max_chars_per_word, chars)
    }

    /// [`Tokenizer::new`], taking the vocab.
    pub fn from_vocab(
        vocab: Vec<String>,
        unk_id: Option<u32>,
        max_chars_per_word: usize,
        chars: CharTable,
    ) -> Self {
        let mut ids = HashMap::with_capacity(vocab.len());
        let mut max_token_bytes = 1;
        for (i, t) in vocab.iter().enumerate() {
            ids.entry(t.clone()).or_insert(i as u32);
            max_token_bytes = max_token_bytes.max(t.strip_prefix("##").unwrap_or(t).len());
        }
        Tokenizer {
            vocab,
            ids,
            unk_id,
            max_chars_per_word,
            max_token_bytes,
            chars,
        }
    }

    pub fn vocab_size(&self) -> usize {
        self.vocab.len()
    }

    /// The token string of `id` (`##` continuations keep their prefix).
    pub fn token(&self, id: u32) -> Option<&str> {
        self.vocab.get(id as usize).map(String::as_str)
    }

    pub fn id(&self, token: &str) -> Option<u32> {
        self.ids.get(token).copied()
    }

    /// Whether `id` continues a word (a `##` piece) rather than starting one.
    pub fn is_continuation(&self, id: u32) -> bool {
        self.token(id).is_some_and(|t| t.starts_with("##"))
    }

    /// BERT-normalised text (before splitting).
    pub fn normalise(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            self.chars.normalise_char(c, &mut out);
        }
        out
    }

    /// Calls `f` with each pre-token (word or single punctuation char) of the normalised text.
    pub fn for_each_word(&self, text: &str, mut f: impl FnMut(&str)) {
        let mut norm = String::with_capacity(8);
        let mut word = String::with_capacity(32);
        for c in text.chars() {
            norm.clear();
            self.chars.normalise_char(c, &mut norm);
            for n in norm.chars() {
                if n.is_whitespace() {
                    if !word.is_empty() {
                        f(&word);
                        word.clear();
                    }
                } else if self.chars.is_punct(n) {
                    if !word.is_empty() {
                        f(&word);
                        word.clear();
                    }
                    let mut b = [0u8; 4];
                    f(n.encode_utf8(&mut b));
                } else {
                    word.push(n);
                }
            }
        }
        if !word.is_empty() {
            f(&word);
        }
    }

    /// Pre-tokens as owned strings (for keyword matching on the same normalisation).
    pub fn words(&self, text: &str) -> Vec<String> {
        let mut v = Vec::new();
        self.for_each_word(text, |w| v.push(w.to_owned()));
        v
    }

    /// WordPiece of one pre-token, appended to `out`; a word that cannot be covered is `[UNK]`.
    pub fn wordpiece_into(&self, word: &str, out: &mut Vec<u32>, buf: &mut String) {
        if word.chars().count() > self.max_chars_per_word {
            out.extend(self.unk_id);
            return;
        }
        let mark = out.len();
        let mut start = 0;
        while start < word.len() {
            let mut end = word.len().min(start + self.max_token_bytes);
            while !word.is_char_boundary(end) {
                end -= 1;
            }
            let mut found = None;
            while start < end {
                let piece = &word[start..end];
                let id = if start == 0 {
                    self.ids.get(piece)
                } else {
                    buf.clear();
                    buf.push_str("##");
                    buf.push_str(piece);
                    self.ids.get(buf.as_str())
                };
                if let Some(&id) = id {
                    found = Some(id);
                    break;
                }
                end -= piece.chars().next_back().map_or(1, char::len_utf8);
            }
            match found {
                Some(id) => {
                    out.push(id);
                    start = end;
                }
                None => {
                    out.truncate(mark);
                    out.extend(self.unk_id);
                    return;
                }
            }
        }
    }

    /// Token ids of `text`, without `[CLS]`/`[SEP]`.
    pub fn tokenize_into(&self, text: &str, out: &mut Vec<u32>) {
        let mut buf = String::with_capacity(32);
        self.for_each_word(text, |w| self.wordpiece_into(w, out, &mut buf));
    }

    pub fn tokenize(&self, text: &str) -> Vec<u32> {
        let mut v = Vec::new();
        self.tokenize_into(text, &mut v);
        v
    }

    /// Token strings of `text` (for debugging and tests).
    pub fn tokens(&self, text: &str) -> Vec<&str> {
        self.tokenize(text)
            .into_iter()
            .filter_map(|i| self.token(i))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tok(vocab: &[&str]) -> Tokenizer {
        let v: Vec<String> = vocab.iter().map(|s| s.to_string()).collect();
        let chars = CharTable {
            drop: vec![(0x0300, 0x036F), (0x0941, 0x0948), (0x094D, 0x094D)],
            map: vec![(0xC9, "e".into()), (0xE9, "e".into()), (0x130, "i".into())],
            punct: vec![(0xA1, 0xA1), (0xBF, 0xBF), (0x2010, 0x2027)],
        };
        Tokenizer::new(&v, Some(1), 100, chars)
    }

    const VOCAB: &[&str] = &[
        "[PAD]", "[UNK]", "un", "##aff", "##able", "hello", ",", "world", "!", "cafe", "中", "国",
        "a", "##b", "ab", "abc", "##c", "de", "-", "ᄀ", "##ᅡ", "##ᆨ", "क", "##ि", "##त", "##ा", "ब",
    ];

    #[test]
    fn bert_basic_examples() {
        let t = tok(VOCAB);
        assert_eq!(t.tokens("unaffable"), ["un", "##aff", "##able"]);
        assert_eq!(t.tokens("Hello, World!"), ["hello", ",", "world", "!"]);
        assert_eq!(t.tokens("  HeLLo\t\nworld  "), ["hello", "world"]);
        assert_eq!(t.tokens("CAFÉ"), ["cafe"]);
        assert_eq!(
            t.tokens("Cafe\u{0301}"),
            ["cafe"],
            "combining accent dropped"
        );
        assert_eq!(t.tokens("中国"), ["中", "国"], "CJK ideographs are split");
        assert_eq!(t.tokens("a中b"), ["a", "中", "[UNK]"]);
        assert_eq!(t.tokens("de-ab"), ["de", "-", "ab"]);
        assert_eq!(
            t.tokens("de\u{2014}ab"),
            ["de", "[UNK]", "ab"],
            "em dash splits as punctuation"
        );
        assert_eq!(t.tokens("¿hello¡"), ["[UNK]", "hello", "[UNK]"]);
    }

    #[test]
    fn greedy_longest_match_and_unk() {
        let t = tok(VOCAB);
        assert_eq!(t.tokens("abc"), ["abc"]);
        assert_eq!(t.tokens("abcb"), ["abc", "##b"]);
        assert_eq!(t.tokens("abbc"), ["ab", "##b", "##c"]);
        assert_eq!(
            t.tokens("abx hello"),
            ["[UNK]", "hello"],
            "uncoverable word is one [UNK]"
        );
        let long = "a".to_string() + &"b".repeat(100);
        assert_eq!(t.tokens(&long), ["[UNK]"], "over 100 chars is [UNK]");
        let ok = "a".to_string() + &"b".repeat(99);
        assert_eq!(t.tokenize(&ok).len(), 99, "ab + 98 × ##b");
    }

    #[test]
    fn controls_dropped_whitespace_split() {
        let t = tok(VOCAB);
        assert_eq!(t.tokens("hel\u{0}lo\x07"), ["hello"]);
        assert_eq!(
            t.tokens("hello\u{3000}world"),
            ["hello", "world"],
            "ideographic space"
        );
        assert_eq!(
            t.tokens("hello\u{a0}world"),
            ["hello", "world"],
            "no-break space"
        );
        assert_eq!(t.tokens(""), Vec::<&str>::new());
    }

    #[test]
    fn hangul_and_devanagari_as_bert() {
        let t = tok(VOCAB);
        // 각 = ᄀ + ᅡ + ᆨ after NFD.
        assert_eq!(t.tokens("각"), ["ᄀ", "##ᅡ", "##ᆨ"]);
        // Devanagari vowel signs that are nonspacing marks (ु U+0941) are stripped, spacing ones
        // (ि U+093F, ा U+093E) stay: "कुि" -> "कि".
        assert_eq!(t.tokens("क\u{0941}\u{093F}"), ["क", "##ि"]);
        assert_eq!(t.tokens("बात"), ["ब", "##ा", "##त"]);
    }

    #[test]
    fn no_unk_token_means_word_dropped() {
        let v: Vec<String> = ["hello", "world"].iter().map(|s| s.to_string()).collect();
        let t = Tokenizer::new(&v, None, 100, CharTable::default());
        assert_eq!(t.tokenize("hello zzz world"), [0, 1]);
    }

    #[test]
    fn words_are_normalised_pretokens() {
        let t = tok(VOCAB);
        assert_eq!(
            t.words("Ex-Army MAJOR, retd."),
            ["ex", "-", "army", "major", ",", "retd", "."]
        );
    }

    #[test]
    fn fuzz_never_panics() {
        let t = tok(VOCAB);
        let mut s = 12345u32;
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..(s % 40) {
                s ^= s << 13;
                s ^= s >> 17;
                s ^= s << 5;
                let c = match s % 4 {
                    0 => char::from_u32(s % 0x80),
                    1 => char::from_u32(s % 0x3000),
                    2 => char::from_u32(0xAC00 + s % 12000),
                    _ => char::from_u32(s % 0x110000),
                };
                text.extend(c);
            }
            let _ = t.tokenize(&text);
        }
    }
}
