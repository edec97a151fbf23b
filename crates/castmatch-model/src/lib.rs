//! Native-only tooling around CastMatch's static embeddings: owns the teacher (full MiniLM via
//! candle), the distiller that writes `text`'s model files, and the evaluation on the dev set.
//!
//! Nothing here is compiled for wasm; the browser only needs the `text` crate and a model file.

pub mod chartable;
pub mod distill;
pub mod eval;
pub mod pca;
pub mod teacher;
pub mod wordfreq;
