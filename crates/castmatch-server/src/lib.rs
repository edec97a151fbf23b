//! The native broker: serves the pages and forwards `/v1/messages` to Anthropic holding the
//! key, with limits, retries, streaming and metrics. Native only, behind the "server" feature.
//!
//! Modules follow the concepts: [`config`] (flags and environment), [`app`] (router, state,
//! handlers), [`proxy`] (forwarding and header policy), [`sse`] (event framing), [`retry`],
//! [`limits`], [`metrics`], [`static_files`], [`shutdown`], and [`fake_upstream`], a fake
//! Anthropic API for tests and for `castmatch serve --fake-upstream`.

pub mod app;
pub mod config;
pub mod error;
pub mod fake_upstream;
pub mod limits;
pub mod metrics;
pub mod proxy;
pub mod retry;
pub mod shutdown;
pub mod sse;
pub mod static_files;

use std::future::IntoFuture;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::serve::ListenerExt;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

pub use app::{AppState, ConfigError};
pub use config::Config;
pub use error::ApiError;
pub use fake_upstream::{FakeOptions, FakeUpstream};

/// A failure to start the server.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("could not listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("could not start the fake upstream: {0}")]
    Fake(std::io::Error),
}

/// A running server. Dropping it does not stop it; call [`Server::shutdown`].
pub struct Server {
    addr: SocketAddr,
    state: Arc<AppState>,
    graceful: CancellationToken,
    task: JoinHandle<std::io::Result<()>>,
    fake: Option<FakeUpstream>,
}

impl Server {
    /// The address the server listens on (useful with `--port 0`).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The shared state (metrics, limits) of the running server.
    pub fn state(&self) -> &Arc<AppState> {
        &self.state
    }

    /// The fake upstream started by `--fake-upstream`, if any.
    pub fn fake_upstream(&self) -> Option<&FakeUpstream> {
        self.fake.as_ref()
    }

    /// Stops accepting connections; open streams get `--shutdown-grace` to finish.
    pub fn shutdown(&self) {
        self.graceful.cancel();
    }

    /// Waits until the server has stopped.
    pub async fn wait(self) -> std::io::Result<()> {
        let result = self
            .task
            .await
            .unwrap_or_else(|e| Err(std::io::Error::other(e)));
        drop(self.fake);
        result
    }
}

/// Starts the server on `config.bind:config.port` (with `--fake-upstream`, the fake first).
pub async fn start(mut config: Config) -> Result<Server, StartError> {
    let fake = if config.fake_upstream {
        let options = FakeOptions {
            delta_delay: Duration::from_millis(40),
        };
        let fake = FakeUpstream::start_with(options)
            .await
            .map_err(StartError::Fake)?;
        config.upstream = fake.base_url();
        if config.key().is_none() {
            config.api_key = Some("fake-key".into());
        }
        Some(fake)
    } else {
        None
    };
    let addr = SocketAddr::new(config.bind, config.port);
    let grace = config.shutdown_grace;
    let state = Arc::new(AppState::new(config)?);
    let app = app::router(Arc::clone(&state))?;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| StartError::Bind { addr, source })?;
    let addr = listener
        .local_addr()
        .map_err(|source| StartError::Bind { addr, source })?;
    let graceful = CancellationToken::new();
    let hard = state.shutdown.clone();
    let begin = graceful.clone();
    let task = tokio::spawn(async move {
        // Events are small writes: send each at once rather than wait on Nagle's algorithm.
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let serve = axum::serve(
            listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(begin.clone().cancelled_owned())
        .into_future();
        tokio::pin!(serve);
        tokio::select! {
            result = &mut serve => result,
            () = async { begin.cancelled().await; tokio::time::sleep(grace).await } => {
                tracing::warn!(?grace, "shutdown grace over; ending open streams");
                hard.cancel();
                tokio::time::timeout(shutdown::FLUSH_AFTER_GRACE, serve).await.unwrap_or(Ok(()))
            }
        }
    });
    Ok(Server {
        addr,
        state,
        graceful,
        task,
        fake,
    })
}

/// `castmatch serve`: logs, runtime, server, and a graceful stop on SIGINT / SIGTERM.
pub fn run(config: Config) -> anyhow::Result<()> {
    init_tracing(&config.log_format);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        let server = start(config).await?;
        let state = server.state();
        tracing::info!(
            addr = %server.local_addr(),
            claude = if state.key.is_some() { "configured" } else { "offline" },
            upstream = %state.upstream_url,
            fake_upstream = server.fake_upstream().is_some(),
            www = %state.config.www.display(),
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
    })
}

fn init_tracing(format: &str) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    let _ = if format == "json" {
        builder.json().try_init()
    } else {
        builder.try_init()
    };
}
