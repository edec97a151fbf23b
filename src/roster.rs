//! `castmatch roster generate`: write a seeded synthetic roster as CSV; and the roster loading
//! the other subcommands share (CSV or JSON by extension, index built with a progress bar).

use std::path::{Path, PathBuf};

use anyhow::Context;
use castmatch_core::catalog::Catalog;
use castmatch_core::roster::{self, ImportMode};
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
}

pub fn run(command: Command) -> anyhow::Result<()> {
    match command {
        Command::Generate { n, seed, out } => {
            let csv = roster::to_csv(&roster::synthetic(n, seed));
            std::fs::write(&out, csv).with_context(|| format!("writing {}", out.display()))?;
            eprintln!("wrote {n} talents to {}", out.display());
            Ok(())
        }
    }
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
    let bar = ProgressBar::new(2 * imported.talents.len() as u64).with_style(
        ProgressStyle::with_template("indexing and embedding {bar:30} {pos}/{len}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let model = super::model::shipped()?;
    let catalog = Catalog::build_with_model(
        imported.talents,
        HnswParams::default(),
        Some(model),
        &mut |done, _| bar.set_position(done as u64),
    )?;
    bar.finish_and_clear();
    Ok(catalog)
}
