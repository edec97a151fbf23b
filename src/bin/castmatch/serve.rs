//! `castmatch serve`: the pages and the Claude broker. All flags live in
//! `castmatch::server::Config`, each with an environment variable.

pub use castmatch::server::Config as Args;

pub fn run(args: Args) -> anyhow::Result<()> {
    castmatch::server::run(args)
}
