//! `castmatch search`: rank a roster against a Requirements JSON and print the matches with
//! their reasons; with `--memory FILE`, the director's memory shapes the ranking and the turn
//! is recorded in the file.

use std::path::PathBuf;

use anyhow::Context;
use castmatch::rank::{self, Personalisation};
use castmatch::Requirements;

use super::feedback::{load_memory, now, open, save_memory};

#[derive(clap::Args)]
pub struct Args {
    /// Roster file: CSV, or JSON when it ends in .json.
    #[arg(long)]
    roster: PathBuf,
    /// The brief in words. With --memory it refines the role's standing brief turn by turn
    /// ("a bit older"); without, it is parsed on its own.
    brief: Option<String>,
    /// The requirements as JSON (see `parse-brief`), or @FILE to read them from a file;
    /// used when no brief text is given.
    #[arg(long, default_value = "{}")]
    requirements: String,
    /// How many matches to print.
    #[arg(short, long, default_value_t = 10)]
    k: usize,
    /// Print the matches as JSON.
    #[arg(long)]
    json: bool,
    /// Memory file: apply this director's memory for `--role` and record the turn.
    #[arg(long)]
    memory: Option<PathBuf>,
    /// The role being cast (with --memory).
    #[arg(long, default_value = "untitled")]
    role: String,
    /// The casting director (with --memory).
    #[arg(long, default_value = "default")]
    director: String,
    /// The project (with --memory).
    #[arg(long, default_value = "default")]
    project: String,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let catalog = super::roster::load_catalog(&args.roster)?;
    let matches = match &args.memory {
        None => {
            let requirements =
                requirements(&args, |text| castmatch::brief::parse(text).requirements)?;
            rank::rank(&catalog, &requirements, args.k, &Personalisation::default())
        }
        Some(path) => {
            let mut session = load_memory(path)?;
            open(&mut session, &args.director, &args.project, &args.role)?;
            let requirements = requirements(&args, |text| session.say(now(), text).requirements)?;
            let found = rank::rank(
                &catalog,
                &requirements,
                args.k,
                &session.personalisation(&catalog),
            );
            let shown: Vec<String> = found.iter().map(|m| m.id.clone()).collect();
            let text = args.brief.as_deref().unwrap_or(&args.requirements);
            session.record_turn(now(), text, &requirements, &shown);
            save_memory(path, &session)?;
            found
        }
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&matches)?);
        return Ok(());
    }
    for (i, m) in matches.iter().enumerate() {
        println!(
            "{:>3}. {} {} ({:.3}): {}",
            i + 1,
            m.id,
            m.name,
            m.score,
            m.reasons.join("; ")
        );
    }
    Ok(())
}

/// The brief text read by `read_brief`, or else the `--requirements` JSON (inline or @FILE).
fn requirements(
    args: &Args,
    read_brief: impl FnOnce(&str) -> Requirements,
) -> anyhow::Result<Requirements> {
    if let Some(text) = &args.brief {
        return Ok(read_brief(text));
    }
    let json = match args.requirements.strip_prefix('@') {
        Some(file) => std::fs::read_to_string(file).with_context(|| format!("reading {file}"))?,
        None => args.requirements.clone(),
    };
    serde_json::from_str(&json).context("--requirements")
}
