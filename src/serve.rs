//! `castmatch serve`: the pages and the Claude broker of `castmatch-server`, run as a process:
//! logging, the runtime, a graceful stop on SIGINT / SIGTERM, and the optional stand-in upstream.

use std::time::Duration;

use castmatch_fake_anthropic::{FakeOptions, FakeUpstream};
use castmatch_server::{shutdown, Config};

/// The flags of `castmatch serve`: the broker's (each with an environment variable) and the
/// process's own.
#[derive(clap::Args)]
pub struct Args {
    /// The broker's configuration (boxed: it is large).
    #[command(flatten)]
    config: Box<Config>,

    /// Development: start a stand-in Anthropic upstream on a loopback port and broker to it
    /// (no key needed). Scenarios are chosen by the last user message, see the
    /// `castmatch-fake-anthropic` crate.
    #[arg(long, env = "CASTMATCH_FAKE_UPSTREAM")]
    fake_upstream: bool,

    /// Log format: `text` or `json` (level via `RUST_LOG`, default `info`).
    #[arg(long, env = "CASTMATCH_LOG_FORMAT", default_value = "text", value_parser = ["text", "json"])]
    log_format: String,
}

pub fn run(args: Args) -> anyhow::Result<()> {
    init_tracing(&args.log_format);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(serve(*args.config, args.fake_upstream))
}

async fn serve(mut config: Config, fake_upstream: bool) -> anyhow::Result<()> {
    // Kept alive until the server stops.
    let _fake = if fake_upstream {
        let options = FakeOptions {
            delta_delay: Duration::from_millis(40),
            ..Default::default()
        };
        let fake = FakeUpstream::start_with(options).await?;
        config.upstream = fake.base_url();
        if config.key().is_none() {
            config.api_key = Some("fake-key".into());
        }
        Some(fake)
    } else {
        None
    };
    let server = castmatch_server::start(config).await?;
    let state = server.state();
    if !state.site.pkg.join("castmatch_bg.wasm").is_file() {
        tracing::warn!(pkg = %state.site.pkg.display(), "the npm package is not built: run pkg-web/build.sh, or the pages cannot load");
    }
    tracing::info!(
        addr = %server.local_addr(),
        claude = if state.key.is_some() { "configured" } else { "offline" },
        upstream = %state.upstream.redacted,
        fake_upstream,
        www = %state.site.www.display(),
        pkg = %state.site.pkg.display(),
        access = if state.access.needs_token() { "token" } else { "open" },
        limits = %state.quotas.backend(),
        max_connections = state.connections.cap.load(std::sync::atomic::Ordering::Relaxed),
        "castmatch listening on http://{}",
        server.local_addr()
    );
    shutdown::signal().await;
    tracing::info!(
        open_streams = state.metrics.active_streams(),
        "shutting down"
    );
    server.shutdown();
    server.wait().await?;
    Ok(())
}

fn init_tracing(format: &str) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    // A subscriber already set (by an embedding program) keeps its settings.
    let _ = if format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
