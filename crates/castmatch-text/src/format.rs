//! The static-model file format: owns the byte layout, its version, its checksum, and the parser
//! that turns untrusted bytes into a validated [`ModelFile`] (damaged or future files are errors).
//!
//! Layout (all integers little-endian):
//!
//! ```text
//! header (20 bytes)
//!   0..8    magic  b"CMSTATIC"
//!   8..10   format version u16 (this code reads 1)
//!   10..12  reserved u16 = 0
//!   12..16  payload length u32
//!   16..20  xxHash32 (seed 0) of the payload
//! payload
//!   dim u16, n_tokens u32, n_rows u32, unk_id u32 (u32::MAX = none),
//!   max_chars_per_word u16, normaliser u8 (1 = BERT uncased), reserved u8 = 0
//!   meta: u32 length + UTF-8 (free text: provenance, build command)
//!   vocab: n_tokens × (u8 length + UTF-8 token), "##" marks a word continuation
//!   token_row: n_tokens × u32 (row of the token's vector, u32::MAX = no vector, e.g. pruned)
//!   scales: n_rows × f32 (row r's vector = scales[r] × vectors[r])
//!   weights: n_rows × f32 (pooling weight of the row)
//!   vectors: n_rows × dim × i8
//!   drop ranges: u32 n + n × (u32 lo, u32 hi)   chars the normaliser deletes
//!   char map: u32 n + n × (u32 char, u8 len, UTF-8 replacement)   sorted by char
//!   punct ranges: u32 n + n × (u32 lo, u32 hi)  non-ASCII chars split as punctuation
//!   archetypes: u8 n + n × (u8 length + UTF-8 name)
//!   archetype terms: u32 n + n × (u8 archetype, u8 length, length × u32 token id)
//! ```
//! The three character tables hold only the exceptions to the built-in ASCII/CJK/Hangul rules of
//! [`crate::tokenize`]; the distiller derives them from the reference tokenizer, so the wasm code
//! carries no Unicode tables.

use crate::archetype::{Archetypes, Term};
use crate::tokenize::CharTable;
use xxhash_rust::xxh32::xxh32;

/// First 8 bytes of every model file.
pub const MAGIC: &[u8; 8] = b"CMSTATIC";
/// The format version this code writes and reads.
pub const FORMAT_VERSION: u16 = 2;
/// Size of the fixed header that precedes the payload.
pub const HEADER_LEN: usize = 20;
/// `unk_id`/`token_row` value meaning "none".
pub const NONE: u32 = u32::MAX;
/// Normaliser id: BERT uncased (clean text, CJK split, strip accents, lowercase).
pub const NORMALISER_BERT_UNCASED: u8 = 1;

/// Why a model file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FormatError {
    #[error("not a CastMatch static model file (bad magic)")]
    BadMagic,
    #[error("model file format version {found} is not supported (this build reads {supported})")]
    UnsupportedVersion { found: u16, supported: u16 },
    #[error("model file truncated: its header gives another length")]
    Truncated,
    #[error("model file checksum mismatch: the file is damaged")]
    Checksum,
    #[error("model file is corrupt: {0}")]
    Corrupt(&'static str),
}

/// A decoded model file: plain data, validated on read and on write.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelFile {
    pub dim: usize,
    /// Token strings; the token id is the index.
    pub vocab: Vec<String>,
    /// Id of `[UNK]`, if the vocab has one.
    pub unk_id: Option<u32>,
    /// Words longer than this (in chars) become `[UNK]` (BERT: 100).
    pub max_chars_per_word: u16,
    /// Row of each token's vector; `None` = the token has no vector and is skipped in pooling.
    pub token_row: Vec<Option<u32>>,
    pub scales: Vec<f32>,
    pub weights: Vec<f32>,
    /// `n_rows × dim` int8 values, row-major.
    pub vectors: Vec<i8>,
    pub chars: CharTable,
    /// Free text (provenance, build parameters).
    pub meta: String,
    /// The casting-archetype lexicon, compiled against this vocab.
    pub archetypes: Archetypes,
}

impl ModelFile {
    pub fn n_rows(&self) -> usize {
        self.scales.len()
    }

    /// Quantises `rows` (each `dim` floats) to int8 with one scale per row (max-abs / 127).
    pub fn quantise_rows(rows: &[Vec<f32>], dim: usize) -> (Vec<f32>, Vec<i8>) {
        let mut scales = Vec::with_capacity(rows.len());
        let mut q = Vec::with_capacity(rows.len() * dim);
        for row in rows {
            let max = row.iter().fold(0f32, |m, v| m.max(v.abs()));
            let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
            scales.push(scale);
            q.extend(
                row.iter()
                    .map(|v| (v / scale).round().clamp(-127.0, 127.0) as i8),
            );
        }
        (scales, q)
    }

    /// What the reader checks beyond the layout: everything the embedding code indexes with
    /// is in range and every number is finite, so a loaded model never panics. (The writer
    /// checks more, with [`ModelFile::validate`].) Plain loops: this runs in the browser.
    fn check_usable(&self) -> Result<(), FormatError> {
        let n_rows = self.scales.len() as u32;
        let mut usable =
            self.dim > 0 && self.unk_id.is_none_or(|u| (u as usize) < self.vocab.len());
        for row in self.token_row.iter().flatten() {
            usable &= *row < n_rows;
        }
        for v in self.scales.iter().chain(&self.weights) {
            usable &= v.is_finite();
        }
        if usable {
            Ok(())
        } else {
            Err(CORRUPT)
        }
    }

    /// Checks the whole internal consistency of a model before it is written.
    pub fn validate(&self) -> Result<(), FormatError> {
        let n_rows = self.scales.len();
        if self.dim == 0 || self.dim > u16::MAX as usize {
            return Err(FormatError::Corrupt("dimension out of range"));
        }
        if self.weights.len() != n_rows {
            return Err(FormatError::Corrupt("weights and scales differ in length"));
        }
        if n_rows.checked_mul(self.dim) != Some(self.vectors.len()) {
            return Err(FormatError::Corrupt("vector block size mismatch"));
        }
        if self.token_row.len() != self.vocab.len() {
            return Err(FormatError::Corrupt("token_row and vocab differ in length"));
        }
        if self.vocab.len() >= NONE as usize || n_rows >= NONE as usize {
            return Err(FormatError::Corrupt("too many tokens"));
        }
        if self
            .token_row
            .iter()
            .flatten()
            .any(|&r| r as usize >= n_rows)
        {
            return Err(FormatError::Corrupt("token row out of range"));
        }
        if let Some(u) = self.unk_id {
            if u as usize >= self.vocab.len() {
                return Err(FormatError::Corrupt("unk id out of range"));
            }
        }
        if self.vocab.iter().any(|t| t.is_empty() || t.len() > 255) {
            return Err(FormatError::Corrupt("token length out of range"));
        }
        if !self
            .scales
            .iter()
            .chain(&self.weights)
            .all(|v| v.is_finite())
        {
            return Err(FormatError::Corrupt("non-finite scale or weight"));
        }
        let archetypes = &self.archetypes;
        if archetypes
            .names()
            .iter()
            .any(|n| n.is_empty() || n.len() > 255)
            || archetypes.terms().iter().any(|t| {
                t.ids.len() > 255 || t.ids.iter().any(|&id| id as usize >= self.vocab.len())
            })
        {
            return Err(FormatError::Corrupt("archetype name or term out of range"));
        }
        self.chars.validate()
    }

    /// Serialises the model (header + payload).
    pub fn to_bytes(&self) -> Result<Vec<u8>, FormatError> {
        self.validate()?;
        let mut p = Vec::with_capacity(self.vectors.len() + self.vocab.len() * 16 + 1024);
        put_u16(&mut p, self.dim as u16);
        put_u32(&mut p, self.vocab.len() as u32);
        put_u32(&mut p, self.n_rows() as u32);
        put_u32(&mut p, self.unk_id.unwrap_or(NONE));
        put_u16(&mut p, self.max_chars_per_word);
        p.push(NORMALISER_BERT_UNCASED);
        p.push(0);
        put_u32(&mut p, self.meta.len() as u32);
        p.extend_from_slice(self.meta.as_bytes());
        for t in &self.vocab {
            p.push(t.len() as u8);
            p.extend_from_slice(t.as_bytes());
        }
        for r in &self.token_row {
            put_u32(&mut p, r.unwrap_or(NONE));
        }
        for s in &self.scales {
            p.extend_from_slice(&s.to_le_bytes());
        }
        for w in &self.weights {
            p.extend_from_slice(&w.to_le_bytes());
        }
        p.extend(self.vectors.iter().map(|&v| v as u8));
        put_ranges(&mut p, &self.chars.drop);
        put_u32(&mut p, self.chars.map.len() as u32);
        for (c, s) in &self.chars.map {
            put_u32(&mut p, *c);
            p.push(s.len() as u8);
            p.extend_from_slice(s.as_bytes());
        }
        put_ranges(&mut p, &self.chars.punct);
        p.push(self.archetypes.names().len() as u8);
        for name in self.archetypes.names() {
            p.push(name.len() as u8);
            p.extend_from_slice(name.as_bytes());
        }
        put_u32(&mut p, self.archetypes.terms().len() as u32);
        for term in self.archetypes.terms() {
            p.push(term.archetype);
            p.push(term.ids.len() as u8);
            term.ids.iter().for_each(|&id| put_u32(&mut p, id));
        }
        let len = u32::try_from(p.len()).map_err(|_| FormatError::Corrupt("payload over 4 GiB"))?;
        let mut out = Vec::with_capacity(HEADER_LEN + p.len());
        out.extend_from_slice(MAGIC);
        put_u16(&mut out, FORMAT_VERSION);
        put_u16(&mut out, 0);
        put_u32(&mut out, len);
        put_u32(&mut out, xxh32(&p, 0));
        out.extend_from_slice(&p);
        Ok(out)
    }

    /// Parses and validates untrusted bytes. Never panics. Written as plain loops: this is the
    /// part of the crate the browser runs once per page, and iterator adapters over `Result`
    /// cost several KB of wasm.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, FormatError> {
        let payload = check_header(bytes)?;
        let mut r = Reader { b: payload, at: 0 };
        let dim = r.u16()? as usize;
        let n_tokens = r.u32()? as usize;
        let n_rows = r.u32()? as usize;
        let unk = r.u32()?;
        let max_chars_per_word = r.u16()?;
        if r.u8()? != NORMALISER_BERT_UNCASED || r.u8()? != 0 {
            return Err(FormatError::Corrupt("unknown normaliser"));
        }
        let meta_len = r.u32()? as usize;
        let meta = r.str(meta_len)?;
        // Every count is checked against the bytes left before anything is allocated.
        r.need(n_tokens)?;
        let mut vocab = Vec::with_capacity(n_tokens);
        for _ in 0..n_tokens {
            let len = r.u8()? as usize;
            vocab.push(r.str(len)?);
        }
        r.need(n_tokens.saturating_mul(4))?;
        let mut token_row = Vec::with_capacity(n_tokens);
        for _ in 0..n_tokens {
            let v = r.u32()?;
            token_row.push((v != NONE).then_some(v));
        }
        let scales = r.f32s(n_rows)?;
        let weights = r.f32s(n_rows)?;
        let n_vals = n_rows.checked_mul(dim).ok_or(CORRUPT)?;
        let vectors = r.take(n_vals)?.iter().map(|&v| v as i8).collect();
        let drop = r.ranges()?;
        let n_map = r.u32()? as usize;
        r.need(n_map.saturating_mul(5))?;
        let mut map = Vec::with_capacity(n_map);
        for _ in 0..n_map {
            let c = r.u32()?;
            let len = r.u8()? as usize;
            map.push((c, r.str(len)?));
        }
        let punct = r.ranges()?;
        let n_names = r.u8()? as usize;
        let mut names = Vec::with_capacity(n_names);
        for _ in 0..n_names {
            let len = r.u8()? as usize;
            names.push(r.str(len)?);
        }
        let n_terms = r.u32()? as usize;
        r.need(n_terms.saturating_mul(2))?;
        let mut terms = Vec::with_capacity(n_terms);
        for _ in 0..n_terms {
            let archetype = r.u8()?;
            let len = r.u8()? as usize;
            r.need(len * 4)?;
            let mut ids = Vec::with_capacity(len);
            for _ in 0..len {
                ids.push(r.u32()?);
            }
            terms.push(Term { ids, archetype });
        }
        let archetypes = Archetypes::from_parts(names, terms).ok_or(CORRUPT)?;
        if r.at != payload.len() {
            return Err(CORRUPT);
        }
        let file = ModelFile {
            dim,
            vocab,
            unk_id: (unk != NONE).then_some(unk),
            max_chars_per_word,
            token_row,
            scales,
            weights,
            vectors,
            chars: CharTable { drop, map, punct },
            meta,
            archetypes,
        };
        file.check_usable()?;
        Ok(file)
    }
}

/// What a structurally damaged payload (that passed its checksum) is reported as.
const CORRUPT: FormatError = FormatError::Corrupt("a section is inconsistent");

/// Checks magic, version, length and checksum; returns the payload.
pub fn check_header(bytes: &[u8]) -> Result<&[u8], FormatError> {
    if bytes.len() < 8 || &bytes[..8] != MAGIC {
        return Err(FormatError::BadMagic);
    }
    if bytes.len() < HEADER_LEN {
        return Err(FormatError::Truncated);
    }
    let version = u16::from_le_bytes([bytes[8], bytes[9]]);
    if version != FORMAT_VERSION {
        return Err(FormatError::UnsupportedVersion {
            found: version,
            supported: FORMAT_VERSION,
        });
    }
    if bytes[10] != 0 || bytes[11] != 0 {
        return Err(FormatError::Corrupt("reserved header bytes set"));
    }
    let len = u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]) as u64;
    let stored = u32::from_le_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    let expected = HEADER_LEN as u64 + len;
    if (bytes.len() as u64) != expected {
        return Err(FormatError::Truncated);
    }
    let payload = &bytes[HEADER_LEN..];
    if xxh32(payload, 0) != stored {
        return Err(FormatError::Checksum);
    }
    Ok(payload)
}

/// The checksum stored in a file's header, as 8 hex digits (a cache key for the pages).
pub fn file_checksum_hex(bytes: &[u8]) -> Option<String> {
    let h = bytes.get(16..20)?;
    Some(format!(
        "{:08x}",
        u32::from_le_bytes([h[0], h[1], h[2], h[3]])
    ))
}

fn put_u16(v: &mut Vec<u8>, x: u16) {
    v.extend_from_slice(&x.to_le_bytes());
}
fn put_u32(v: &mut Vec<u8>, x: u32) {
    v.extend_from_slice(&x.to_le_bytes());
}
fn put_ranges(v: &mut Vec<u8>, r: &[(u32, u32)]) {
    put_u32(v, r.len() as u32);
    for (lo, hi) in r {
        put_u32(v, *lo);
        put_u32(v, *hi);
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn need(&self, n: usize) -> Result<(), FormatError> {
        if self.b.len() - self.at < n {
            Err(FormatError::Corrupt(
                "section runs past the end of the payload",
            ))
        } else {
            Ok(())
        }
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        self.need(n)?;
        let s = &self.b[self.at..self.at + n];
        self.at += n;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, FormatError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, FormatError> {
        let s = self.take(2)?;
        Ok(u16::from_le_bytes([s[0], s[1]]))
    }
    fn u32(&mut self) -> Result<u32, FormatError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn f32s(&mut self, n: usize) -> Result<Vec<f32>, FormatError> {
        self.need(n.saturating_mul(4))?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(f32::from_bits(self.u32()?));
        }
        Ok(out)
    }
    fn str(&mut self, n: usize) -> Result<String, FormatError> {
        let s = self.take(n)?;
        core::str::from_utf8(s)
            .map(str::to_owned)
            .map_err(|_| FormatError::Corrupt("invalid UTF-8"))
    }
    fn ranges(&mut self) -> Result<Vec<(u32, u32)>, FormatError> {
        let n = self.u32()? as usize;
        self.need(n.saturating_mul(8))?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push((self.u32()?, self.u32()?));
        }
        Ok(out)
    }
}

/// A tiny model (8 tokens, dimension 4, two archetypes) built in code: used by tests and doc
/// examples, here and in the crates that load models.
pub fn tiny_model_file() -> ModelFile {
    let vocab: Vec<String> = [
        "[PAD]", "[UNK]", "army", "major", "doctor", "##s", "retired", "é",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let rows = vec![
        vec![1.0, 0.0, 0.0, 0.0],  // army
        vec![0.9, 0.1, 0.0, 0.0],  // major
        vec![0.0, 1.0, 0.0, 0.0],  // doctor
        vec![0.0, 0.0, 0.0, 0.5],  // ##s
        vec![0.5, 0.0, 0.5, 0.0],  // retired
        vec![0.0, 0.0, -1.0, 0.0], // é
    ];
    let (scales, vectors) = ModelFile::quantise_rows(&rows, 4);
    let term = |ids: &[u32], archetype| Term {
        ids: ids.to_vec(),
        archetype,
    };
    let archetypes = Archetypes::from_parts(
        vec!["military".into(), "doctor".into()],
        vec![
            term(&[2], 0),
            term(&[2, 5], 0),
            term(&[3], 0),
            term(&[3, 5], 0),
            term(&[4], 1),
            term(&[4, 5], 1),
        ],
    )
    .unwrap_or_default();
    ModelFile {
        dim: 4,
        vocab,
        unk_id: Some(1),
        max_chars_per_word: 100,
        token_row: vec![
            None,
            None,
            Some(0),
            Some(1),
            Some(2),
            Some(3),
            Some(4),
            Some(5),
        ],
        scales,
        weights: vec![1.0, 1.0, 1.0, 0.25, 0.5, 1.0],
        vectors,
        chars: CharTable {
            drop: vec![(0x0300, 0x036F)],
            map: vec![(0xC9, "e".into()), (0xE9, "e".into())],
            punct: vec![(0x2010, 0x2027)],
        },
        meta: "tiny test model".into(),
        archetypes,
    }
}

/// [`tiny_model_file`] serialised.
pub fn tiny_model_bytes() -> Vec<u8> {
    tiny_model_file().to_bytes().expect("tiny model is valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiny_model_round_trips() {
        let m = tiny_model_file();
        let bytes = m.to_bytes().unwrap();
        assert_eq!(&bytes[..8], MAGIC);
        let back = ModelFile::from_bytes(&bytes).unwrap();
        assert_eq!(back, m);
        assert_eq!(
            back.to_bytes().unwrap(),
            bytes,
            "serialisation is deterministic"
        );
    }

    #[test]
    fn every_single_byte_flip_is_an_error() {
        let bytes = tiny_model_bytes();
        for i in 0..bytes.len() {
            for bit in [0x01u8, 0x80] {
                let mut b = bytes.clone();
                b[i] ^= bit;
                assert!(
                    ModelFile::from_bytes(&b).is_err(),
                    "flip at byte {i} accepted"
                );
            }
        }
    }

    #[test]
    fn every_truncation_and_extension_is_an_error() {
        let bytes = tiny_model_bytes();
        for n in 0..bytes.len() {
            assert!(
                ModelFile::from_bytes(&bytes[..n]).is_err(),
                "truncation to {n} accepted"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(matches!(
            ModelFile::from_bytes(&longer),
            Err(FormatError::Truncated)
        ));
    }

    #[test]
    fn future_and_zero_versions_are_refused() {
        for v in [0u16, 1, 3, 999] {
            let mut b = tiny_model_bytes();
            b[8..10].copy_from_slice(&v.to_le_bytes());
            assert_eq!(
                ModelFile::from_bytes(&b),
                Err(FormatError::UnsupportedVersion {
                    found: v,
                    supported: FORMAT_VERSION
                })
            );
        }
    }

    /// Payloads that pass the checksum but are structurally damaged must still be refused
    /// without panicking: re-checksum after corrupting the payload.
    #[test]
    fn damaged_payload_with_valid_checksum_never_panics() {
        let bytes = tiny_model_bytes();
        let mut seed = 0x9e3779b9u32;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed
        };
        let rechecksum = |b: &mut Vec<u8>| {
            let len = (b.len() - HEADER_LEN) as u32;
            b[12..16].copy_from_slice(&len.to_le_bytes());
            let h = xxh32(&b[HEADER_LEN..], 0);
            b[16..20].copy_from_slice(&h.to_le_bytes());
        };
        for i in HEADER_LEN..bytes.len() {
            for v in [0x00u8, 0xFF, 0x7F, 0x80] {
                let mut b = bytes.clone();
                b[i] = v;
                rechecksum(&mut b);
                if let Ok(file) = ModelFile::from_bytes(&b) {
                    // An accepted file is safe to use, whatever it holds.
                    let model = crate::StaticModel::from_file(file, 0);
                    let _ = model.embed_sentences("Army doctors é. Retired majors!");
                }
            }
        }
        for _ in 0..2000 {
            let mut b = bytes.clone();
            let cut = HEADER_LEN + (next() as usize) % (bytes.len() - HEADER_LEN);
            b.truncate(cut);
            for _ in 0..(next() % 8) {
                b.push(next() as u8);
            }
            rechecksum(&mut b);
            let _ = ModelFile::from_bytes(&b);
        }
        // A huge declared count must not allocate before checking the bytes exist.
        let mut b = bytes.clone();
        b[HEADER_LEN + 2..HEADER_LEN + 6].copy_from_slice(&u32::MAX.to_le_bytes());
        rechecksum(&mut b);
        assert!(ModelFile::from_bytes(&b).is_err());
    }

    #[test]
    fn bad_magic_and_empty_input() {
        assert_eq!(ModelFile::from_bytes(b""), Err(FormatError::BadMagic));
        assert_eq!(
            ModelFile::from_bytes(b"GGUF...."),
            Err(FormatError::BadMagic)
        );
    }

    #[test]
    fn writer_refuses_inconsistent_models() {
        let mut m = tiny_model_file();
        m.token_row[2] = Some(99);
        assert!(m.to_bytes().is_err());
        let mut m = tiny_model_file();
        m.vectors.pop();
        assert!(m.to_bytes().is_err());
        let mut m = tiny_model_file();
        m.chars.map.swap(0, 1);
        assert!(m.to_bytes().is_err());
    }

    #[test]
    fn quantisation_error_is_small() {
        let rows = vec![vec![0.3, -1.7, 0.001, 2.5], vec![0.0; 4]];
        let (s, q) = ModelFile::quantise_rows(&rows, 4);
        for (r, row) in rows.iter().enumerate() {
            for (i, v) in row.iter().enumerate() {
                let back = s[r] * q[r * 4 + i] as f32;
                assert!((back - v).abs() <= s[r] * 0.5 + 1e-6);
            }
        }
    }

    #[test]
    fn checksum_hex_is_a_cache_key() {
        let b = tiny_model_bytes();
        let h = file_checksum_hex(&b).unwrap();
        assert_eq!(h.len(), 8);
        assert_eq!(
            u32::from_str_radix(&h, 16).unwrap(),
            xxh32(&b[HEADER_LEN..], 0)
        );
    }
}
