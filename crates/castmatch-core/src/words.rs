//! The word lists as text: the vocabulary (`vocab.txt`), the brief parser's own words
//! (`brief/lexicon.txt`) and the JSON schema of `Requirements` (`requirements/schema.json`).
//! Natively they are compiled in. In WebAssembly they live in a JavaScript module beside the
//! `.wasm` (the chat module's size budget counts the `.wasm`, and text is data), which the
//! binding hands over once, when the module starts: `provide`.

/// The vocabulary's tables.
#[cfg(not(target_arch = "wasm32"))]
pub fn vocab() -> &'static str {
    include_str!("vocab.txt")
}

/// The parser's own words.
#[cfg(not(target_arch = "wasm32"))]
pub fn lexicon() -> &'static str {
    include_str!("brief/lexicon.txt")
}

/// The JSON schema of `Requirements`.
#[cfg(not(target_arch = "wasm32"))]
pub fn schema() -> &'static str {
    include_str!("requirements/schema.json")
}

#[cfg(target_arch = "wasm32")]
static WORDS: std::sync::OnceLock<[&'static str; 3]> = std::sync::OnceLock::new();

/// Hands the texts over, before anything reads a brief, a roster or requirements; later calls
/// are ignored. The text lives as long as the module.
#[cfg(target_arch = "wasm32")]
pub fn provide(vocab: String, lexicon: String, schema: String) {
    let _ = WORDS.set([vocab.leak(), lexicon.leak(), schema.leak()]);
}

/// The JSON schema of `Requirements` (empty until `provide`).
#[cfg(target_arch = "wasm32")]
pub fn schema() -> &'static str {
    WORDS.get().map_or("", |w| w[2])
}

/// The vocabulary's tables (empty until `provide`).
#[cfg(target_arch = "wasm32")]
pub fn vocab() -> &'static str {
    WORDS.get().map_or("", |w| w[0])
}

/// The parser's own words (empty until `provide`).
#[cfg(target_arch = "wasm32")]
pub fn lexicon() -> &'static str {
    WORDS.get().map_or("", |w| w[1])
}
