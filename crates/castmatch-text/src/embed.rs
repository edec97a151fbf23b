//! Sentence embedding with a static model: owns the runtime form of a model file, weighted-mean
//! pooling of token vectors with L2 normalisation, per-sentence vectors, and cosine helpers.
//!
//! A text's vector is `normalise(Σ_t weight[t] · scale[t] · q[t])` over its WordPiece tokens that
//! have a vector; the weighted mean and the weighted sum give the same direction after normalising.

use crate::archetype::Archetypes;
use crate::format::{FormatError, ModelFile};
use crate::sentence::split_sentences;
use crate::tokenize::Tokenizer;

/// A loaded static embedding model.
#[derive(Debug, Clone)]
pub struct StaticModel {
    tokenizer: Tokenizer,
    dim: usize,
    /// Row per token id, `u32::MAX` for none.
    token_row: Vec<u32>,
    /// `scale × weight` per row: the factor applied to the int8 row while pooling.
    factor: Vec<f32>,
    weights: Vec<f32>,
    vectors: Vec<i8>,
    checksum: u32,
    meta: String,
    archetypes: Archetypes,
}

impl StaticModel {
    /// Loads a model file (see [`crate::format`]); damaged or future files are errors.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, FormatError> {
        let file = ModelFile::from_bytes(bytes)?;
        let checksum = u32::from_le_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
        Ok(Self::from_file(file, checksum))
    }

    /// Builds the runtime model from a decoded (validated) file.
    pub fn from_file(file: ModelFile, checksum: u32) -> Self {
        let tokenizer = Tokenizer::from_vocab(
            file.vocab,
            file.unk_id,
            file.max_chars_per_word as usize,
            file.chars,
        );
        StaticModel {
            tokenizer,
            dim: file.dim,
            token_row: file
                .token_row
                .iter()
                .map(|r| r.unwrap_or(u32::MAX))
                .collect(),
            factor: file
                .scales
                .iter()
                .zip(&file.weights)
                .map(|(s, w)| s * w)
                .collect(),
            weights: file.weights,
            vectors: file.vectors,
            checksum,
            meta: file.meta,
            archetypes: file.archetypes,
        }
    }

    pub fn dim(&self) -> usize {
        self.dim
    }
    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }
    /// xxHash32 of the file payload: identifies the model (cache keys, stored-vector provenance).
    pub fn checksum(&self) -> u32 {
        self.checksum
    }
    pub fn meta(&self) -> &str {
        &self.meta
    }
    /// The archetype lexicon: `archetypes().find(ids, tokenizer())` over the ids `embed_into`
    /// leaves in its scratch buffer gives a text's archetypes without tokenising it again.
    pub fn archetypes(&self) -> &Archetypes {
        &self.archetypes
    }

    /// Pooling weight of a token (0 if it has no vector).
    pub fn token_weight(&self, id: u32) -> f32 {
        match self.token_row.get(id as usize) {
            Some(&r) if r != u32::MAX => self.weights[r as usize],
            _ => 0.0,
        }
    }

    /// Adds `w × vector(id)` to `acc`; false if the token has no vector.
    pub fn accumulate(&self, id: u32, w: f32, acc: &mut [f32]) -> bool {
        let r = match self.token_row.get(id as usize) {
            Some(&r) if r != u32::MAX => r as usize,
            _ => return false,
        };
        let f = self.factor[r] * w;
        let row = &self.vectors[r * self.dim..(r + 1) * self.dim];
        for (a, &q) in acc.iter_mut().zip(row) {
            *a += f * q as f32;
        }
        true
    }

    /// Pools token ids into `out` (length `dim`), L2-normalised; false (and zeros) if none counts.
    pub fn embed_ids_into(&self, ids: &[u32], out: &mut [f32]) -> bool {
        out.iter_mut().for_each(|v| *v = 0.0);
        let mut any = false;
        for &id in ids {
            any |= self.accumulate(id, 1.0, out);
        }
        any && normalise(out)
    }

    /// Embeds `text` into `out` (length `dim`); `ids` is a reusable scratch buffer.
    pub fn embed_into(&self, text: &str, out: &mut [f32], ids: &mut Vec<u32>) -> bool {
        ids.clear();
        self.tokenizer.tokenize_into(text, ids);
        self.embed_ids_into(ids, out)
    }

    /// The unit vector of `text`, or `None` if it has no token with a vector.
    pub fn embed(&self, text: &str) -> Option<Vec<f32>> {
        let mut out = vec![0.0; self.dim];
        self.embed_into(text, &mut out, &mut Vec::new())
            .then_some(out)
    }

    /// One unit vector per sentence (sentences without known tokens are skipped).
    pub fn embed_sentences(&self, text: &str) -> Vec<Vec<f32>> {
        let mut ids = Vec::new();
        split_sentences(text)
            .into_iter()
            .filter_map(|s| {
                let mut out = vec![0.0; self.dim];
                self.embed_into(s, &mut out, &mut ids).then_some(out)
            })
            .collect()
    }
}

/// Scales `v` to unit length; false if it is (near) zero.
pub fn normalise(v: &mut [f32]) -> bool {
    let n = dot(v, v).sqrt();
    if n > 1e-12 && n.is_finite() {
        v.iter_mut().for_each(|x| *x /= n);
        true
    } else {
        v.iter_mut().for_each(|x| *x = 0.0);
        false
    }
}

/// Dot product over the common length; eight independent lanes so it vectorises (also in wasm
/// with simd128) and stays fast at `opt-level = "z"`.
#[inline]
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut acc = [0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tail: f32 = ca
        .remainder()
        .iter()
        .zip(cb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in ca.zip(cb) {
        for i in 0..8 {
            acc[i] += x[i] * y[i];
        }
    }
    acc.iter().sum::<f32>() + tail
}

/// Cosine of two vectors of any length (0 if either is zero).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let d = (dot(a, a) * dot(b, b)).sqrt();
    if d > 0.0 {
        dot(a, b) / d
    } else {
        0.0
    }
}

/// Best cosine of `q` against any of `sentences` (per-sentence scoring of a bio); 0 if none.
pub fn max_cosine(q: &[f32], sentences: &[Vec<f32>]) -> f32 {
    sentences.iter().map(|s| cosine(q, s)).fold(0.0, f32::max)
}

/// Quantises a vector to int8 with its own scale (for storing 100k profiles compactly).
pub fn quantise(v: &[f32]) -> (f32, Vec<i8>) {
    let max = v.iter().fold(0f32, |m, x| m.max(x.abs()));
    let s = if max > 0.0 { max / 127.0 } else { 1.0 };
    (
        s,
        v.iter()
            .map(|x| (x / s).round().clamp(-127.0, 127.0) as i8)
            .collect(),
    )
}

/// Dot product of two int8 vectors over their common length, exact in i32. Uses wasm simd128
/// when the module is built with it (`-C target-feature=+simd128`), otherwise four scalar lanes
/// (written out so it stays fast at `opt-level = "z"`, where LLVM does not vectorise).
#[inline]
pub fn dot_i8(a: &[i8], b: &[i8]) -> i32 {
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    #[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
    {
        use core::arch::wasm32::*;
        let mut acc = i32x4_splat(0);
        let full = n / 16 * 16;
        let mut i = 0;
        while i < full {
            // SAFETY: i + 16 <= n for both slices; v128_load accepts unaligned addresses.
            let (va, vb) = unsafe {
                (
                    v128_load(a.as_ptr().add(i) as *const v128),
                    v128_load(b.as_ptr().add(i) as *const v128),
                )
            };
            acc = i32x4_add(
                acc,
                i32x4_dot_i16x8(i16x8_extend_low_i8x16(va), i16x8_extend_low_i8x16(vb)),
            );
            acc = i32x4_add(
                acc,
                i32x4_dot_i16x8(i16x8_extend_high_i8x16(va), i16x8_extend_high_i8x16(vb)),
            );
            i += 16;
        }
        let mut s = i32x4_extract_lane::<0>(acc)
            + i32x4_extract_lane::<1>(acc)
            + i32x4_extract_lane::<2>(acc)
            + i32x4_extract_lane::<3>(acc);
        while i < n {
            s += a[i] as i32 * b[i] as i32;
            i += 1;
        }
        return s;
    }
    #[allow(unreachable_code)]
    {
        let mut acc = [0i32; 4];
        let (ca, cb) = (a.chunks_exact(4), b.chunks_exact(4));
        let tail: i32 = ca
            .remainder()
            .iter()
            .zip(cb.remainder())
            .map(|(&x, &y)| x as i32 * y as i32)
            .sum();
        for (x, y) in ca.zip(cb) {
            acc[0] += x[0] as i32 * y[0] as i32;
            acc[1] += x[1] as i32 * y[1] as i32;
            acc[2] += x[2] as i32 * y[2] as i32;
            acc[3] += x[3] as i32 * y[3] as i32;
        }
        acc[0] + acc[1] + acc[2] + acc[3] + tail
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::{tiny_model_bytes, tiny_model_file};

    fn model() -> StaticModel {
        StaticModel::from_bytes(&tiny_model_bytes()).unwrap()
    }

    #[test]
    fn loads_tiny_model_from_bytes() {
        let m = model();
        assert_eq!(m.dim(), 4);
        assert_eq!(m.meta(), "tiny test model");
        assert_eq!(m.tokenizer().vocab_size(), 8);
        assert_eq!(
            m.tokenizer().tokens("Retired Army Majors"),
            ["retired", "army", "major", "##s"]
        );
        let mut ids = Vec::new();
        let mut v = vec![0.0; 4];
        assert!(m.embed_into("Retired army majors", &mut v, &mut ids));
        let found = m.archetypes().find(&ids, m.tokenizer());
        assert_eq!(
            m.archetypes().names_in(found).collect::<Vec<_>>(),
            ["military"]
        );
    }

    #[test]
    fn embedding_is_weighted_mean_normalised() {
        let m = model();
        let f = tiny_model_file();
        // "army doctor": weights 1 and 1 -> direction of (1,1,0,0).
        let v = m.embed("army doctor").unwrap();
        let e = std::f32::consts::FRAC_1_SQRT_2;
        for (a, b) in v.iter().zip([e, e, 0.0, 0.0]) {
            assert!((a - b).abs() < 0.01, "{v:?}");
        }
        // "retired" alone has weight 0.5 but normalises to the same direction as its vector.
        let r = m.embed("retired").unwrap();
        assert!((r[0] - e).abs() < 0.01 && (r[2] - e).abs() < 0.01);
        // Weighted: army (w 1) + retired (w 0.5) = (1.25, 0, .25, 0).
        let ar = m.embed("army retired").unwrap();
        let n = (1.25f32 * 1.25 + 0.25 * 0.25).sqrt();
        assert!((ar[0] - 1.25 / n).abs() < 0.01 && (ar[2] - 0.25 / n).abs() < 0.01);
        assert!((dot(&ar, &ar) - 1.0).abs() < 1e-5);
        assert_eq!(f.dim, 4);
    }

    #[test]
    fn unknown_and_empty_text_have_no_vector() {
        let m = model();
        assert!(m.embed("").is_none());
        assert!(m.embed("zzz qqq").is_none());
        assert!(m.embed("[PAD]").is_none(), "punctuation + unk only");
        assert_eq!(m.embed_sentences("Zzz. Qqq."), Vec::<Vec<f32>>::new());
    }

    #[test]
    fn per_sentence_vectors_and_max_cosine() {
        let m = model();
        let bio = m.embed_sentences("Trained as a doctor. Then an army major!");
        assert_eq!(bio.len(), 2);
        let q = m.embed("major").unwrap();
        let best = max_cosine(&q, &bio);
        assert!(best > 0.99, "{best}");
        assert!(cosine(&q, &bio[0]) < 0.2);
    }

    #[test]
    fn accents_are_stripped_via_the_file_table() {
        let m = model();
        assert_eq!(m.tokenizer().tokenize("É"), m.tokenizer().tokenize("é"));
        assert_eq!(
            m.tokenizer().tokens("e\u{0301}"),
            ["é"].map(|_| "[UNK]"),
            "é -> e, not in vocab"
        );
    }

    #[test]
    fn dot_i8_is_exact_for_all_lengths() {
        for n in 0..70 {
            let a: Vec<i8> = (0..n).map(|i| ((i * 37) % 255) as i8).collect();
            let b: Vec<i8> = (0..n).map(|i| (127 - (i * 11) % 255) as i8).collect();
            let want: i32 = a.iter().zip(&b).map(|(&x, &y)| x as i32 * y as i32).sum();
            assert_eq!(dot_i8(&a, &b), want);
        }
        assert_eq!(dot_i8(&[-128, -128], &[-128, -128]), 32768);
    }

    #[test]
    fn int8_profile_vectors_preserve_ranking() {
        let m = model();
        let a = m.embed("army major").unwrap();
        let b = m.embed("doctor").unwrap();
        let q = m.embed("major").unwrap();
        let (_, qa) = quantise(&a);
        let (_, qb) = quantise(&b);
        let (_, qq) = quantise(&q);
        assert!(dot_i8(&qq, &qa) > dot_i8(&qq, &qb));
    }
}
