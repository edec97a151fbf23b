//! `castmatch search`: rank a roster against a brief in words or a Requirements JSON and print
//! the matches with their reasons; with `--memory FILE` the director's memory shapes the
//! ranking, the brief refines the role's standing brief, and the turn is recorded in the file.

use std::path::PathBuf;

use anyhow::Context;
use castmatch_core::assistant::{Answer, Assistant};
use castmatch_core::memory::Session;
use castmatch_core::vocab::Vocabulary;
use castmatch_core::Requirements;
use serde::Serialize;

use super::feedback::{load_memory, now, open, save_memory};

#[derive(clap::Args)]
pub struct Args {
    /// Roster file: CSV, or JSON when it ends in .json.
    #[arg(long)]
    roster: PathBuf,
    /// The brief in words ("female lead, 25-32, Marathi"). With --memory it refines the
    /// role's standing brief turn by turn ("a bit older").
    #[arg(conflicts_with = "requirements")]
    brief: Option<String>,
    /// The requirements as JSON (see `parse-brief`), or @FILE to read them from a file.
    #[arg(long)]
    requirements: Option<String>,
    /// How many matches to print.
    #[arg(short, long, default_value_t = 10)]
    k: usize,
    /// Print JSON: an array of {id, name, score, reasons}.
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

/// One result as `--json` prints it.
#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    score: f32,
    reasons: &'a [String],
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let catalog = super::roster::load_catalog(&args.roster)?;
    let session = match &args.memory {
        Some(path) => load_memory(path)?,
        None => Session::new(),
    };
    let mut assistant = Assistant::with_session(catalog, session);
    open(
        &mut assistant.session,
        &args.director,
        &args.project,
        &args.role,
    )?;
    let answer = match (&args.brief, &args.requirements) {
        (Some(text), _) => assistant.say(now(), text, args.k),
        (None, Some(json)) => {
            let r = requirements(json, assistant.catalog.vocabulary())?;
            assistant.set_requirements(now(), r, args.k)
        }
        (None, None) => anyhow::bail!("give a brief in words or --requirements JSON"),
    };
    if let Some(path) = &args.memory {
        save_memory(path, &assistant.session)?;
    }
    print(&answer, args.json)
}

/// `--requirements` JSON, inline or from @FILE, read the one checked way (names in any case
/// or spelling the roster's vocabulary knows; unknown names and inverted ranges refused).
fn requirements(arg: &str, vocabulary: &Vocabulary) -> anyhow::Result<Requirements> {
    let json = match arg.strip_prefix('@') {
        Some(file) => std::fs::read_to_string(file).with_context(|| format!("reading {file}"))?,
        None => arg.to_string(),
    };
    let value = castmatch_core::json::parse(&json).context("--requirements")?;
    Requirements::from_json(&value, vocabulary).map_err(|e| anyhow::anyhow!(e.at("--requirements")))
}

fn print(answer: &Answer, json: bool) -> anyhow::Result<()> {
    if json {
        let rows: Vec<Row> = answer
            .matches
            .iter()
            .map(|m| Row {
                id: &m.id,
                name: &m.name,
                score: m.score,
                reasons: &m.reasons,
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&rows)?);
        return Ok(());
    }
    println!("{}", answer.reply);
    for (i, m) in answer.matches.iter().enumerate() {
        let t = &m.talent;
        println!(
            "{:>3}. {} ({}, {}, {})  score {:.3}",
            i + 1,
            m.name,
            m.id,
            t.age,
            t.city,
            m.score
        );
        println!("     {}", m.reasons.join("; "));
    }
    Ok(())
}
