//! The tokenizer equivalence check: owns comparing `castmatch-text`'s tokenizer, driven by a
//! model file, with the reference `tokenizer.json` on given texts plus every code point in
//! context and random Unicode mixes.

use anyhow::{anyhow, bail, Result};
use castmatch_text::{ModelFile, Tokenizer};

/// What the check compared.
pub struct Report {
    pub texts: usize,
    pub reference_tokens: usize,
    pub added_words: usize,
}

/// Compares the model's tokenizer with `reference` on `texts` and generated strings; any
/// difference in token ids is an error naming the first few.
pub fn tokenizer(
    file: &ModelFile,
    reference: &tokenizers::Tokenizer,
    texts: &[String],
) -> Result<Report> {
    // The model's vocab is the reference vocab (same ids) plus appended whole words; the
    // normalisation, splitting and WordPiece must equal the reference on the reference vocab.
    let n_ref = reference.get_vocab_size(false);
    for (id, token) in file.vocab.iter().take(n_ref).enumerate() {
        if reference.id_to_token(id as u32).as_deref() != Some(token.as_str()) {
            bail!("vocab differs from the reference at id {id}");
        }
    }
    let mine = Tokenizer::new(
        &file.vocab[..n_ref],
        file.unk_id,
        file.max_chars_per_word as usize,
        file.chars.clone(),
    );
    let all: Vec<String> = texts.iter().cloned().chain(generated()).collect();
    let mut mismatches = Vec::new();
    for text in &all {
        // The reference extracts literal special tokens ("[CLS]") before normalising; CastMatch
        // never feeds them and they carry no vector, so such texts are skipped.
        if ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
            .iter()
            .any(|s| text.contains(s))
        {
            continue;
        }
        let reference_ids = reference
            .encode(text.as_str(), false)
            .map_err(|e| anyhow!("{e}"))?;
        if reference_ids.get_ids() != mine.tokenize(text).as_slice() {
            mismatches.push(format!(
                "{text:?}: reference {:?}, ours {:?}",
                reference_ids.get_tokens(),
                mine.tokens(text)
            ));
        }
    }
    if !mismatches.is_empty() {
        mismatches.truncate(10);
        bail!(
            "the tokenizer differs from the reference:\n{}",
            mismatches.join("\n")
        );
    }
    Ok(Report {
        texts: all.len(),
        reference_tokens: n_ref,
        added_words: file.vocab.len() - n_ref,
    })
}

/// Every code point from 0x80 to 0x2FFFF in context, and 20,000 seeded random mixes
/// (Devanagari-heavy).
fn generated() -> impl Iterator<Item = String> {
    let in_context = (0x80u32..0x30000)
        .filter_map(|cp| char::from_u32(cp).map(|c| format!("Ab{c}cd {c}X{c}{c}ÉTÉ")));
    let mut s = 0x1234_5678u32;
    let mixes = (0..20_000).map(move |_| {
        let mut text = String::new();
        for _ in 0..(s % 30) {
            s ^= s << 13;
            s ^= s >> 17;
            s ^= s << 5;
            let c = match s % 5 {
                0 => char::from_u32(0x20 + s % 0x5f),
                1 => char::from_u32(s % 0x800),
                2 => char::from_u32(0x900 + s % 0x80),
                3 => char::from_u32(s % 0x10000),
                _ => char::from_u32(s % 0x110000),
            };
            text.extend(c);
        }
        text
    });
    in_context.chain(mixes)
}
