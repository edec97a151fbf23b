//! `castmatch search`: rank a roster file against a Requirements JSON and print the matches,
//! as a table for people or as JSON (`{id, name, score, reasons}`) for programs.

use std::path::PathBuf;

use anyhow::Context;
use castmatch::rank::{self, Personalisation};
use castmatch::{Match, Requirements};
use serde::Serialize;

#[derive(clap::Args)]
pub struct Args {
    /// Roster file: CSV, or JSON when the name ends in .json.
    #[arg(long)]
    roster: PathBuf,
    /// Number of results.
    #[arg(long, default_value_t = 10)]
    k: usize,
    /// Print JSON: an array of {id, name, score, reasons}.
    #[arg(long)]
    json: bool,
    /// The requirements as JSON, e.g. '{"gender":"female","age_min":25,"languages":["hindi"]}'.
    #[arg(long)]
    requirements: String,
}

#[derive(Serialize)]
struct Row<'a> {
    id: &'a str,
    name: &'a str,
    score: f32,
    reasons: &'a [String],
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let requirements: Requirements =
        serde_json::from_str(&args.requirements).context("--requirements is not valid")?;
    let catalog = super::roster::load_catalog(&args.roster)?;
    let matches = rank::rank(&catalog, &requirements, args.k, &Personalisation::default());
    print_matches(&matches, args.json)
}

/// Prints ranked matches as JSON rows or as a readable list.
pub fn print_matches(matches: &[Match], json: bool) -> anyhow::Result<()> {
    if json {
        let rows: Vec<Row> = matches
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
    if matches.is_empty() {
        println!("No talent meets every requirement.");
    }
    for (i, m) in matches.iter().enumerate() {
        let t = &m.talent;
        println!(
            "{:>2}. {} ({}, {}, {})  score {:.3}",
            i + 1,
            m.name,
            m.id,
            t.age,
            t.city,
            m.score
        );
        println!("    {}", m.reasons.join("; "));
    }
    Ok(())
}
