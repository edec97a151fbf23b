//! The native broker: serves the pages and forwards `/v1/messages` to Anthropic holding the
//! key, with limits, retries, streaming and metrics. The only crate with tokio, axum, reqwest.
//!
//! Modules follow the concepts: [`config`] (flags and environment), [`app`] (router, state,
//! handlers), [`proxy`] (forwarding and header policy), [`sse`] (event framing), [`retry`],
//! [`limits`], [`metrics`], [`static_files`], [`shutdown`]. The process around it (logging,
//! signals, the stand-in upstream of `--fake-upstream`) belongs to the `castmatch` binary.

pub mod app;
pub mod config;
pub mod error;
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

use axum::serve::ListenerExt;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

pub use app::{AppState, ConfigError};
pub use config::Config;
pub use error::ApiError;

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

/// Starts the server on `config.bind:config.port`.
pub async fn start(config: Config) -> Result<Server, StartError> {
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
    })
}
