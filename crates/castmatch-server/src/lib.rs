//! The native broker: serves the pages and forwards `/v1/messages` to Anthropic holding the
//! key, with limits, retries, streaming and metrics. The only crate with tokio, axum, reqwest.
//!
//! Modules follow the concepts: [`config`] (flags and environment), [`app`] (router, state,
//! handlers), [`access`] (who may call), [`policy`] (what a request may spend), [`quota`] and
//! [`limits`] (rate limits, budgets, caps), [`proxy`] (forwarding and header policy), [`sse`]
//! (event framing), [`retry`], [`connections`] (accepting, timeouts, the connection cap),
//! [`security`] (response headers), [`static_files`], [`metrics`], [`shutdown`]. The process
//! around it (logging, signals, the stand-in upstream of `--fake-upstream`) belongs to the
//! `castmatch` binary.

pub mod access;
pub mod app;
pub mod config;
pub mod connections;
pub mod error;
pub mod limits;
pub mod metrics;
pub mod policy;
pub mod proxy;
pub mod quota;
pub mod retry;
pub mod security;
pub mod shutdown;
pub mod sse;
pub mod static_files;

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;

use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

pub use app::AppState;
pub use config::{Config, ConfigError};
pub use error::ApiError;
use quota::{Quotas, RedisError};
use static_files::{Site, SiteError};

/// The source tree this crate was built from: the last place `castmatch serve` looks for
/// the pages (a development build run from anywhere).
const SOURCE_TREE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");

/// A failure to start the server.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Site(#[from] SiteError),
    #[error(transparent)]
    Redis(#[from] RedisError),
    #[error("could not listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

/// A running server. Dropping it does not stop it; call [`Server::shutdown`].
pub struct Server {
    addr: SocketAddr,
    state: Arc<AppState>,
    graceful: CancellationToken,
    task: JoinHandle<std::io::Result<()>>,
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

    /// Stops accepting connections; open streams get `--shutdown-grace` to finish.
    pub fn shutdown(&self) {
        self.graceful.cancel();
    }

    /// Waits until the server has stopped.
    pub async fn wait(self) -> std::io::Result<()> {
        self.task
            .await
            .unwrap_or_else(|e| Err(std::io::Error::other(e)))
    }
}

/// Starts the server on `config.bind:config.port`. A bad configuration, pages that cannot be
/// found, or a Redis that cannot be reached or refuses the password stop it here.
pub async fn start(config: Config) -> Result<Server, StartError> {
    app::check(&config)?;
    let search = Site::search_path(Path::new(SOURCE_TREE));
    let site = Site::locate(config.www.as_deref(), config.pkg.as_deref(), &search)?;
    let quotas = Quotas::new(&config).await?;
    let addr = SocketAddr::new(config.bind, config.port);
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| StartError::Bind { addr, source })?;
    let addr = listener
        .local_addr()
        .map_err(|source| StartError::Bind { addr, source })?;
    let grace = config.shutdown_grace;
    let limits = connections::Limits {
        header_timeout: config.header_timeout,
        keepalive_timeout: config.keepalive_timeout,
        max_connections: connections::connection_cap(config.max_connections),
    };
    let state = Arc::new(AppState::new(config, site, addr, quotas)?);
    let app = app::router(Arc::clone(&state));
    let graceful = CancellationToken::new();
    let hard = state.shutdown.clone();
    let begin = graceful.clone();
    let stats = Arc::clone(&state.connections);
    let task = tokio::spawn(async move {
        let serve = connections::serve(listener, app, limits, begin.clone(), stats);
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
    })
}
