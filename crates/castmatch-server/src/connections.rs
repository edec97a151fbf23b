//! Client connections, accepted here rather than by `axum::serve` so that each has limits:
//! HTTP/1.1 only, a deadline for its request headers, an idle keep-alive limit, and a cap on
//! how many are open, below the file-descriptor limit. At the cap, the oldest connection with
//! no request in progress (half-open or idle) is closed to make room for the new one.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use axum::Router;
use bytes::Bytes;
use hyper::body::{Frame, Incoming, SizeHint};
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;
use tower::ServiceExt;

/// Descriptors kept free of client connections: the listener, logs, Redis, files served.
const RESERVED_FDS: u64 = 64;

/// The connection limits of one server.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub header_timeout: Duration,
    pub keepalive_timeout: Duration,
    pub max_connections: usize,
}

/// Raises the soft file-descriptor limit to the hard one and returns the connection cap it
/// allows: half of what is left after a reserve, since each client connection may hold one
/// upstream connection. A `requested` cap above that is lowered, with a warning.
pub fn connection_cap(requested: Option<usize>) -> usize {
    let limit = rlimit::increase_nofile_limit(u64::MAX)
        .or_else(|_| rlimit::getrlimit(rlimit::Resource::NOFILE).map(|(soft, _)| soft))
        .unwrap_or(1024);
    let allowed = (limit.saturating_sub(RESERVED_FDS) / 2).max(16) as usize;
    match requested {
        Some(n) if n > allowed => {
            tracing::warn!(
                requested = n,
                allowed,
                fd_limit = limit,
                "--max-connections is above what the file-descriptor limit allows; using the lower cap (raise LimitNOFILE / ulimit -n)"
            );
            allowed
        }
        Some(n) => n.max(1),
        None => allowed,
    }
}

/// Counters of the connection layer, for tests and logs.
#[derive(Default, Debug)]
pub struct Stats {
    /// The connection cap in force.
    pub cap: AtomicUsize,
    pub open: AtomicUsize,
    pub evicted: AtomicU64,
    pub refused: AtomicU64,
}

/// The open connections, oldest first.
struct Registry {
    cap: usize,
    next: AtomicU64,
    open: Mutex<BTreeMap<u64, Arc<Connection>>>,
    stats: Arc<Stats>,
}

/// One connection: requests in progress, when it went idle, and how to close it.
struct Connection {
    id: u64,
    busy: AtomicUsize,
    /// `Some(since)` while idle after at least one request.
    idle: watch::Sender<Option<Instant>>,
    close: CancellationToken,
}

impl Registry {
    /// Registers a new connection, closing the oldest one without a request in progress
    /// when at the cap; `None` when every connection is busy.
    fn admit(self: &Arc<Self>) -> Option<Arc<Connection>> {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        if open.len() >= self.cap {
            let victim = open
                .values()
                .find(|c| c.busy.load(Relaxed) == 0)
                .map(|c| c.id);
            match victim {
                Some(id) => {
                    if let Some(connection) = open.remove(&id) {
                        connection.close.cancel();
                    }
                    self.stats.evicted.fetch_add(1, Relaxed);
                }
                None => {
                    self.stats.refused.fetch_add(1, Relaxed);
                    return None;
                }
            }
        }
        let id = self.next.fetch_add(1, Relaxed);
        let connection = Arc::new(Connection {
            id,
            busy: AtomicUsize::new(0),
            idle: watch::channel(None).0,
            close: CancellationToken::new(),
        });
        open.insert(id, Arc::clone(&connection));
        self.stats.open.store(open.len(), Relaxed);
        Some(connection)
    }

    fn remove(&self, id: u64) {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        open.remove(&id);
        self.stats.open.store(open.len(), Relaxed);
    }
}

/// Marks its connection busy while a request (and its response body) is in progress.
struct InProgress(Arc<Connection>);

impl InProgress {
    fn new(connection: &Arc<Connection>) -> InProgress {
        connection.busy.fetch_add(1, Relaxed);
        connection.idle.send_replace(None);
        InProgress(Arc::clone(connection))
    }
}

impl Drop for InProgress {
    fn drop(&mut self) {
        if self.0.busy.fetch_sub(1, Relaxed) == 1 {
            self.0.idle.send_replace(Some(Instant::now()));
        }
    }
}

/// A response body that keeps its connection marked busy until it is sent or dropped.
struct Tracked {
    body: Body,
    _in_progress: InProgress,
}

impl http_body::Body for Tracked {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// Accepts and serves connections until `graceful` fires, then lets open ones finish their
/// request and returns when all are closed.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    graceful: CancellationToken,
    stats: Arc<Stats>,
) -> std::io::Result<()> {
    stats.cap.store(limits.max_connections.max(1), Relaxed);
    let registry = Arc::new(Registry {
        cap: limits.max_connections.max(1),
        next: AtomicU64::new(0),
        open: Mutex::new(BTreeMap::new()),
        stats,
    });
    let tracker = TaskTracker::new();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = graceful.cancelled() => break,
        };
        let (tcp, peer) = match accepted {
            Ok(pair) => pair,
            Err(error) => {
                // Out of descriptors or a connection reset before accept: wait, go on.
                tracing::warn!(%error, "accept failed");
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let Some(connection) = registry.admit() else {
            drop(tcp);
            continue;
        };
        let (app, registry, graceful) = (app.clone(), Arc::clone(&registry), graceful.clone());
        tracker.spawn(async move {
            serve_connection(tcp, peer, app, &connection, limits, graceful).await;
            registry.remove(connection.id);
        });
    }
    drop(listener);
    tracker.close();
    tracker.wait().await;
    Ok(())
}

async fn serve_connection(
    tcp: TcpStream,
    peer: SocketAddr,
    app: Router,
    connection: &Arc<Connection>,
    limits: Limits,
    graceful: CancellationToken,
) {
    // Events are small writes: send each at once rather than wait on Nagle's algorithm. Where
    // the socket refuses the option, events still flow, only later: worth a line in the log.
    if let Err(error) = tcp.set_nodelay(true) {
        tracing::warn!(%peer, %error, "TCP_NODELAY refused; streamed events may be delayed");
    }
    let for_requests = Arc::clone(connection);
    let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
        let in_progress = InProgress::new(&for_requests);
        request.extensions_mut().insert(ConnectInfo(peer));
        let app = app.clone();
        async move {
            let response = app.oneshot(request.map(Body::new)).await?;
            Ok::<_, Infallible>(response.map(|body| Tracked {
                body,
                _in_progress: in_progress,
            }))
        }
    });
    let http = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_headers(100)
        .serve_connection(TokioIo::new(tcp), service);
    tokio::pin!(http);
    let mut idle = connection.idle.subscribe();
    let mut closing = false;
    loop {
        tokio::select! {
            _ = http.as_mut() => return,
            () = connection.close.cancelled() => return,
            () = graceful.cancelled(), if !closing => {
                closing = true;
                http.as_mut().graceful_shutdown();
            }
            () = idle_for(&mut idle, limits.keepalive_timeout), if !closing => {
                closing = true;
                http.as_mut().graceful_shutdown();
            }
        }
    }
}

/// Resolves once the connection has been idle (after a response) for `limit`.
async fn idle_for(idle: &mut watch::Receiver<Option<Instant>>, limit: Duration) {
    loop {
        let since = *idle.borrow_and_update();
        match since {
            Some(since) => tokio::select! {
                () = tokio::time::sleep_until(since + limit) => return,
                changed = idle.changed() => if changed.is_err() { return std::future::pending().await },
            },
            None => {
                if idle.changed().await.is_err() {
                    return std::future::pending().await;
                }
            }
        }
    }
}
