//! The native command line: serve | parse-brief | search | feedback | monitor | roster | model.
//! Each subcommand lives in its own module with its arguments and a `run`.

mod feedback;
mod model;
mod monitor;
mod parse_brief;
mod roster;
mod search;
mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// CastMatch: casting assistant and delivery dashboard.
#[derive(Parser)]
#[command(name = "castmatch", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the pages and broker Claude calls (the key stays on the server).
    Serve(serve::Args),
    /// Parse one brief, or a conversation of turns, and print the Requirements as JSON.
    ParseBrief(parse_brief::Args),
    /// Rank a roster against a brief or a Requirements JSON.
    Search(search::Args),
    /// Record a shortlist or reject decision in a memory file.
    Feedback(feedback::Args),
    /// Evaluate a delivery plan at a moment and measure the running system: progress,
    /// blockers, gates, alerts, service health, response times, conversations.
    Monitor(monitor::Args),
    /// Roster tools: generate a synthetic roster; build the snapshot a page restores.
    #[command(subcommand)]
    Roster(roster::Command),
    /// The sentence-embedding model that ranks by meaning: inspect it, or rebuild it.
    #[command(subcommand)]
    Model(model::Command),
}

/// Exit codes: 0 done, 1 an error (printed), 2 bad arguments; `monitor` adds 3 (a critical
/// alert) and 4 (a NO-GO gate).
fn main() -> ExitCode {
    let done = |result: anyhow::Result<()>| result.map(|()| ExitCode::SUCCESS);
    let result = match Cli::parse().command {
        Command::Serve(args) => done(serve::run(args)),
        Command::ParseBrief(args) => done(parse_brief::run(args)),
        Command::Search(args) => done(search::run(args)),
        Command::Feedback(args) => done(feedback::run(args)),
        Command::Monitor(args) => monitor::run(args),
        Command::Roster(command) => done(roster::run(command)),
        Command::Model(command) => done(model::run(command)),
    };
    result.unwrap_or_else(|error| {
        eprintln!("Error: {error:?}");
        ExitCode::FAILURE
    })
}
