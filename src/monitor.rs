//! `castmatch monitor PLAN.json [--at RFC3339] [--format md|json]`: the check a scheduler runs
//! every two hours; prints the status report, or every computed figure as JSON.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use castmatch_progress::{parse_time, Tracker};
use clap::ValueEnum;

#[derive(clap::Args)]
pub struct Args {
    /// The plan file (JSON; schema in docs/plan.schema.json).
    plan: PathBuf,
    /// The moment to evaluate at, RFC 3339 (default: now).
    #[arg(long)]
    at: Option<String>,
    /// Markdown status report, or JSON with every figure.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Md,
    Json,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&args.plan)
        .with_context(|| format!("cannot read {}", args.plan.display()))?;
    let tracker = Tracker::from_json(&text)
        .with_context(|| format!("invalid plan {}", args.plan.display()))?;
    // The only clock read: the core always takes `now` as an argument.
    let now = match &args.at {
        Some(at) => parse_time(at)?,
        None => chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now()).fixed_offset(),
    };
    let output = match args.format {
        Format::Md => tracker.report(now),
        Format::Json => serde_json::to_string_pretty(&tracker.evaluate(now))? + "\n",
    };
    write_stdout(&output)
}

/// Writes to stdout; a closed pipe (`monitor ... | head`) is not an error.
fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(err.into()),
        _ => Ok(()),
    }
}
