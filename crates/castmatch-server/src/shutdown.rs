//! Graceful shutdown: on SIGINT or SIGTERM stop accepting, let open streams run for the grace
//! period, then end them with an error event and stop.

use std::time::Duration;

/// Resolves on Ctrl-C or, on Unix, SIGTERM.
pub async fn signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut term) => {
                term.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// After the streams are told to end, how long their last events get to reach clients.
pub const FLUSH_AFTER_GRACE: Duration = Duration::from_secs(1);
