//! `castmatch roster generate | build`: a seeded synthetic roster as CSV, or any roster as the
//! catalog snapshot pages restore; and the roster loading the other subcommands share.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use castmatch_core::catalog::Catalog;
use castmatch_core::roster::{self, ImportMode, Talent};
use castmatch_index::HnswParams;
use indicatif::{ProgressBar, ProgressStyle};

#[derive(clap::Subcommand)]
pub enum Command {
    /// Write a synthetic roster of realistic Indian talent as CSV.
    Generate {
        /// Number of talents.
        #[arg(long, default_value_t = 1000)]
        n: usize,
        /// Seed: the same seed always gives the same roster.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Output CSV file.
        #[arg(long)]
        out: PathBuf,
    },
    /// Index a roster and embed its profiles with the shipped model, natively, and write the
    /// catalog snapshot that `Engine.restore` reads (the file a page starts from). Prints
    /// `{"talents", "bytes", "model_checksum"}` as JSON on stdout.
    #[command(group(clap::ArgGroup::new("source").required(true).args(["n", "from"])))]
    Build {
        /// A synthetic roster of this many talents.
        #[arg(long)]
        n: Option<usize>,
        /// Seed of the synthetic roster (the page's default roster is seed 42).
        #[arg(long, default_value_t = 42, conflicts_with = "from")]
        seed: u64,
        /// A roster file instead: `.json` as JSON, anything else as CSV, read strictly.
        #[arg(long)]
        from: Option<PathBuf>,
        /// The snapshot file, replaced atomically (never left half-written).
        #[arg(long)]
        out: PathBuf,
    },
}

pub fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Generate { n, seed, out } => {
            let csv = roster::to_csv(&roster::synthetic(n, seed));
            std::fs::write(&out, csv).with_context(|| format!("writing {}", out.display()))?;
            eprintln!("wrote {n} talents to {}", out.display());
            Ok(())
        }
        Command::Build { n, seed, from, out } => {
            let started = std::time::Instant::now();
            let talents = match (&from, n) {
                (Some(path), _) => read_roster(path)?,
                (None, Some(n)) => roster::synthetic(n, seed),
                (None, None) => anyhow::bail!("give --n or --from"),
            };
            let (catalog, [index, profiles]) = build_catalog(talents)?;
            let bytes = catalog.to_bytes();
            write_atomically(&out, &bytes)?;
            eprintln!(
                "wrote {} talents ({} bytes) to {} in {:.1} s (index {:.1} s, profiles {:.1} s)",
                catalog.len(),
                bytes.len(),
                out.display(),
                started.elapsed().as_secs_f64(),
                index.as_secs_f64(),
                profiles.as_secs_f64(),
            );
            // For scripts (pkg-web/build.sh writes the pages' manifest from it).
            let summary = serde_json::json!({
                "talents": catalog.len(),
                "bytes": bytes.len(),
                "model_checksum": catalog.model().map(|m| m.checksum()),
            });
            println!("{summary}");
            Ok(())
        }
    }
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`: a reader
/// sees the old file or the new one, never part of either, and a failure leaves no stray file.
fn write_atomically(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let context = || format!("writing {}", path.display());
    let mut file = tempfile::NamedTempFile::new_in(dir).with_context(context)?;
    // A temporary file is private (0600); the snapshot is for serving, readable like any file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::Permissions::from_mode(0o644);
        file.as_file()
            .set_permissions(permissions)
            .with_context(context)?;
    }
    file.write_all(bytes).with_context(context)?;
    file.as_file().sync_all().with_context(context)?;
    file.persist(path)
        .map_err(|e| e.error)
        .with_context(context)?;
    Ok(())
}

/// Today (UTC): the day ages from a date of birth are counted to.
fn today() -> anyhow::Result<castmatch_core::Date> {
    use chrono::Datelike;
    let now = chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()).date_naive();
    castmatch_core::Date::from_ymd(now.year(), now.month(), now.day())
        .context("the system clock is outside 1900-2100")
}

/// Loads a roster file (`.json` as JSON, anything else as CSV), strictly, indexes it and embeds
/// the profiles with the shipped model, so every search ranks by meaning too.
pub fn load_catalog(path: &Path) -> anyhow::Result<Catalog> {
    Ok(build_catalog(read_roster(path)?)?.0)
}

/// Reads a roster file strictly (`.json` as JSON, anything else as CSV); a bad row is an error
/// naming its line and column (or JSON path), and notices about the columns go to stderr.
fn read_roster(path: &Path) -> anyhow::Result<Vec<Talent>> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let today = today()?;
    let imported = if is_json {
        roster::from_json(&text, ImportMode::Strict, today)
    } else {
        roster::from_csv(&text, ImportMode::Strict, today)
    }
    .with_context(|| format!("{}", path.display()))?;
    for notice in &imported.notices {
        eprintln!("{}: {notice}", path.display());
    }
    Ok(imported.talents)
}

/// Indexes `talents` (on every core: the index's `parallel` build) and embeds their profiles
/// with the shipped model, with a progress bar when stderr is a terminal; also says how long
/// each phase took (the structured index, the profiles).
fn build_catalog(talents: Vec<Talent>) -> anyhow::Result<(Catalog, [Duration; 2])> {
    let bar = ProgressBar::new(2 * talents.len() as u64).with_style(
        ProgressStyle::with_template("indexing and embedding {bar:30} {pos}/{len}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let model = super::model::shipped()?;
    let n = talents.len();
    let started = std::time::Instant::now();
    let mut indexed = None;
    let catalog = Catalog::build_with_model(
        talents,
        HnswParams::default(),
        Some(model),
        &mut |done, _| {
            bar.set_position(done as u64);
            if done >= n && indexed.is_none() {
                indexed = Some(started.elapsed());
            }
        },
    )?;
    bar.finish_and_clear();
    let indexed = indexed.unwrap_or_default();
    Ok((catalog, [indexed, started.elapsed() - indexed]))
}
