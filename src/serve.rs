//! `castmatch serve`: the pages and the Claude broker. All flags live in
//! `castmatch::server::Config`, each with an environment variable.

/// The flags of `castmatch serve` (boxed: the configuration is large).
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    config: Box<castmatch::server::Config>,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    castmatch::server::run(*args.config)
}
