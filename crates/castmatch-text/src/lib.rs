//! CastMatch's static sentence-embedding layer: everything the browser needs to turn text into
//! vectors offline, in pure Rust with no ML runtime, so it compiles to a few KB of wasm.
//!
//! * [`format`] — the versioned, checksummed model file (`.cmse`): vocab, int8 vectors, weights,
//!   and the BERT normalisation exceptions table.
//! * [`tokenize`] — BERT-uncased basic tokenization + WordPiece, driven by that table.
//! * [`embed`] — [`StaticModel`]: weighted-mean pooling, L2 normalisation, per-sentence vectors.
//! * [`sentence`] — sentence splitting for per-sentence (max) scoring of bios.
//! * [`archetype`] — the casting-archetype lexicon (compiled into the model file): keyword
//!   evidence shared by brief and bio.
//!
//! Typical use:
//! ```
//! # let bytes = castmatch_text::format::tiny_model_bytes();
//! let model = castmatch_text::StaticModel::from_bytes(&bytes).expect("valid model file");
//! let q = model.embed("retired army major").unwrap_or_default();
//! let bio = model.embed_sentences("Trained at NSD. Served twenty years in the army.");
//! let score = castmatch_text::max_cosine(&q, &bio);
//! # let _ = score;
//! ```

pub mod archetype;
pub mod embed;
pub mod format;
pub mod sentence;
pub mod tokenize;

pub use archetype::{ArchetypeSet, Archetypes};
pub use embed::{cosine, dot, max_cosine, StaticModel};
pub use format::{FormatError, ModelFile, FORMAT_VERSION, MAGIC};
pub use sentence::split_sentences;
pub use tokenize::{CharTable, Tokenizer};
