//! The native command line: serve | parse-brief | search | feedback | monitor | roster | model.
//! Each subcommand lives in its own module with its arguments and a `run`.

mod feedback;
mod model;
mod monitor;
mod parse_brief;
mod roster;
mod search;
mod serve;

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
    /// Evaluate a delivery plan at a moment: progress, blockers, gates, alerts.
    Monitor(monitor::Args),
    /// Roster tools: generate a synthetic roster.
    #[command(subcommand)]
    Roster(roster::Command),
    /// The sentence-embedding model that ranks by meaning: inspect it, or rebuild it.
    #[command(subcommand)]
    Model(model::Command),
}

fn main() -> anyhow::Result<()> {
    match Cli::parse().command {
        Command::Serve(args) => serve::run(args),
        Command::ParseBrief(args) => parse_brief::run(args),
        Command::Search(args) => search::run(args),
        Command::Feedback(args) => feedback::run(args),
        Command::Monitor(args) => monitor::run(args),
        Command::Roster(command) => roster::run(command),
        Command::Model(command) => model::run(command),
    }
}
