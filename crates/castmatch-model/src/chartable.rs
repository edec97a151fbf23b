//! Derives the model file's [`castmatch_text::CharTable`] from the reference tokenizer: owns the comparison
//! of `tokenizer.json`'s BERT normaliser and pre-tokenizer with `text`'s built-in character rules.
//!
//! Every non-ASCII code point is run through the reference; the table keeps only the differences.

use anyhow::{anyhow, Result};
use castmatch_text::tokenize::builtin_normalise_char;
use castmatch_text::CharTable;
use tokenizers::{
    NormalizedString, Normalizer, OffsetReferential, OffsetType, PreTokenizedString, PreTokenizer,
};

fn push_range(r: &mut Vec<(u32, u32)>, c: u32) {
    match r.last_mut() {
        Some((_, hi)) if *hi + 1 == c => *hi = c,
        _ => r.push((c, c)),
    }
}

/// Builds the exceptions table for `tok` (a BERT-style tokenizer.json).
pub fn derive(tok: &tokenizers::Tokenizer) -> Result<CharTable> {
    let norm = tok
        .get_normalizer()
        .ok_or_else(|| anyhow!("tokenizer has no normaliser"))?;
    let pre = tok
        .get_pre_tokenizer()
        .ok_or_else(|| anyhow!("tokenizer has no pre-tokenizer"))?;
    let mut table = CharTable::default();
    let mut ascii_diffs = 0;
    let mut built = String::new();
    for cp in 0u32..=0x10FFFF {
        let Some(c) = char::from_u32(cp) else {
            continue;
        };
        let mut n = NormalizedString::from(c.to_string());
        norm.normalize(&mut n).map_err(|e| anyhow!("{e}"))?;
        let real = n.get();
        built.clear();
        builtin_normalise_char(c, &mut built);
        if real != built {
            if cp < 0x80 {
                ascii_diffs += 1;
            } else if real.is_empty() {
                push_range(&mut table.drop, cp);
            } else {
                table.map.push((cp, real.to_string()));
            }
        }
        if cp >= 0x80 && !c.is_whitespace() {
            let s = format!("a{c}a");
            let mut p = PreTokenizedString::from(s.as_str());
            pre.pre_tokenize(&mut p).map_err(|e| anyhow!("{e}"))?;
            let splits = p.get_splits(OffsetReferential::Original, OffsetType::Char);
            if splits.len() == 3 {
                push_range(&mut table.punct, cp);
            }
        }
    }
    if ascii_diffs > 0 {
        return Err(anyhow!("{ascii_diffs} ASCII characters differ from the built-in rules: not a BERT-uncased normaliser"));
    }
    table.validate().map_err(|e| anyhow!("{e}"))?;
    Ok(table)
}
