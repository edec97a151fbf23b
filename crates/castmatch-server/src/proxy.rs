//! Forwarding upstream: which headers go up and come back, the retry loop before the first
//! byte, no redirects, answers typed JSON or event streams only, the relay that passes a
//! stream through event by event, and settling the tokens a request spent.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use bytes::{Bytes, BytesMut};
use futures_util::{Stream, StreamExt};
use tokio::sync::OwnedSemaphorePermit;
use tokio::time::Sleep;
use tokio_util::sync::WaitForCancellationFutureOwned;

use super::app::AppState;
use super::config::DEFAULT_ANTHROPIC_VERSION;
use super::error::{error_event, ApiError};
use super::metrics::{Metrics, StreamGuard};
use super::policy::Endpoint;
use super::quota::{Quotas, Reservation};
use super::sse::{Framer, StreamStats};

/// Client headers passed upstream as they are; everything else (cookies, `authorization`,
/// the client's `x-api-key`, ...) is dropped.
const FORWARDED: [&str; 2] = ["anthropic-version", "anthropic-beta"];

/// Upstream headers passed back to the client (plus every `anthropic-ratelimit-*`).
const RETURNED: [&str; 4] = [
    "request-id",
    "retry-after",
    "retry-after-ms",
    "x-should-retry",
];

/// The headers of the request sent upstream: the server's key, the client's
/// `anthropic-version` (or the default) and `anthropic-beta`, and the content type.
pub fn upstream_headers(client: &HeaderMap, key: &HeaderValue) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert("x-api-key", key.clone());
    for name in FORWARDED {
        for value in client.get_all(name) {
            headers.append(HeaderName::from_static(name), value.clone());
        }
    }
    if !headers.contains_key("anthropic-version") {
        headers.insert(
            "anthropic-version",
            HeaderValue::from_static(DEFAULT_ANTHROPIC_VERSION),
        );
    }
    headers
}

/// The upstream response headers the client gets back.
pub fn returned_headers(upstream: &HeaderMap) -> HeaderMap {
    let mut headers = HeaderMap::new();
    for (name, value) in upstream {
        let name_str = name.as_str();
        if RETURNED.contains(&name_str) || name_str.starts_with("anthropic-ratelimit-") {
            headers.append(name.clone(), value.clone());
        }
    }
    headers
}

/// An admitted request, ready to go upstream.
pub struct Forward {
    pub key: HeaderValue,
    pub endpoint: Endpoint,
    pub body: Bytes,
    pub model: String,
    pub stream: bool,
    /// Held for the life of the request (a stream: until its last event).
    pub permit: OwnedSemaphorePermit,
    pub spend: Spend,
}

/// The tokens a request reserved; on drop, the tokens it used replace the reservation.
pub struct Spend {
    quotas: Arc<Quotas>,
    reservation: Option<Reservation>,
    used: u64,
}

impl Spend {
    pub fn new(quotas: &Arc<Quotas>, reservation: Option<Reservation>) -> Spend {
        Spend {
            quotas: Arc::clone(quotas),
            reservation,
            used: 0,
        }
    }
}

impl Drop for Spend {
    fn drop(&mut self) {
        if let Some(reservation) = self.reservation.take() {
            self.quotas.settle(reservation, self.used);
        }
    }
}

/// Sends the request upstream, retrying before anything reached the client, and answers
/// with the upstream's response: buffered when it is not a stream, relayed when it is.
pub async fn forward(
    state: &AppState,
    client_headers: &HeaderMap,
    request: Forward,
) -> Result<Response, ApiError> {
    let headers = upstream_headers(client_headers, &request.key);
    let url = state.upstream.join(request.endpoint.path());
    let policy = state.retry;
    let mut retry = 0;
    loop {
        // Timeouts and latencies count from this attempt, not from the first.
        let started = Instant::now();
        let attempt = state
            .client
            .post(url.clone())
            .headers(headers.clone())
            .body(request.body.clone())
            .send();
        let response = match tokio::time::timeout(state.config.first_byte_timeout, attempt).await {
            Err(_) => return Err(ApiError::UpstreamTimeout(state.config.first_byte_timeout)),
            Ok(Err(error)) if error.is_connect() => match policy.after_connect_error(retry) {
                Some(wait) => {
                    tracing::warn!(retry, ?wait, "upstream connect failed; retrying");
                    state.metrics.retry();
                    tokio::time::sleep(wait).await;
                    retry += 1;
                    continue;
                }
                None => return Err(ApiError::Upstream(describe(&error))),
            },
            Ok(Err(error)) => return Err(ApiError::Upstream(describe(&error))),
            Ok(Ok(response)) => response,
        };
        let status = response.status();
        if status.is_redirection() {
            // Followed, it would take the key and the prompt elsewhere: never.
            return Err(ApiError::Upstream(format!(
                "the upstream answered {} (a redirect), which this server does not follow",
                status.as_u16()
            )));
        }
        if !status.is_success() {
            if let Some(wait) = policy.after_status(retry, status.as_u16(), response.headers()) {
                tracing::warn!(
                    retry,
                    status = status.as_u16(),
                    ?wait,
                    "upstream error; retrying"
                );
                drop(response);
                state.metrics.retry();
                tokio::time::sleep(wait).await;
                retry += 1;
                continue;
            }
        }
        if request.stream && status.is_success() && is_event_stream(response.headers()) {
            return relay(state, started, response, request).await;
        }
        return buffered(state, started, response, request).await;
    }
}

fn is_event_stream(headers: &HeaderMap) -> bool {
    header_str(headers, "content-type")
        .is_some_and(|kind| kind.trim_start().starts_with("text/event-stream"))
}

/// Passes a whole (non-stream or error) response back with status, body and headers, as
/// JSON: an answer that is not JSON (an HTML page, a proxy's error text) is a 502.
async fn buffered(
    state: &AppState,
    started: Instant,
    response: reqwest::Response,
    mut request: Forward,
) -> Result<Response, ApiError> {
    let status = response.status();
    let mut headers = returned_headers(response.headers());
    let kind = header_str(response.headers(), "content-type")
        .unwrap_or("no content type")
        .chars()
        .take(60)
        .collect::<String>();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    let remaining = state
        .config
        .first_byte_timeout
        .saturating_sub(started.elapsed());
    let body = match tokio::time::timeout(remaining, response.bytes()).await {
        Err(_) => return Err(ApiError::UpstreamTimeout(state.config.first_byte_timeout)),
        Ok(Err(error)) => return Err(ApiError::Upstream(describe(&error))),
        Ok(Ok(body)) => body,
    };
    let elapsed = started.elapsed();
    state.metrics.upstream_ttfb(elapsed);
    state.metrics.upstream_latency(elapsed);
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(&body) else {
        return Err(ApiError::Upstream(format!(
            "the upstream answered {} with {kind}, not JSON",
            status.as_u16()
        )));
    };
    if status.is_success() {
        let count = |key| value["usage"][key].as_u64().unwrap_or(0);
        state
            .metrics
            .tokens(count("input_tokens"), count("output_tokens"));
        request.spend.used = count("input_tokens")
            + count("output_tokens")
            + count("cache_creation_input_tokens")
            + count("cache_read_input_tokens");
    }
    tracing::info!(
        status = status.as_u16(),
        request_id = header_str(&headers, "request-id"),
        latency_ms = elapsed.as_millis() as u64,
        "messages answered"
    );
    let mut reply = Response::new(Body::from(body));
    *reply.status_mut() = status;
    *reply.headers_mut() = headers;
    Ok(reply)
}

/// Waits for the first bytes of a stream (so a silent upstream is still answered with a
/// status), then relays it event by event.
async fn relay(
    state: &AppState,
    started: Instant,
    response: reqwest::Response,
    request: Forward,
) -> Result<Response, ApiError> {
    let mut headers = returned_headers(response.headers());
    let mut upstream = response.bytes_stream().boxed();
    let remaining = state
        .config
        .first_byte_timeout
        .saturating_sub(started.elapsed());
    let first = match tokio::time::timeout(remaining, upstream.next()).await {
        Err(_) => return Err(ApiError::UpstreamTimeout(state.config.first_byte_timeout)),
        Ok(None) => {
            return Err(ApiError::Upstream(
                "the stream closed before its first event".into(),
            ))
        }
        Ok(Some(Err(error))) => return Err(ApiError::Upstream(describe(&error))),
        Ok(Some(Ok(first))) => first,
    };
    state.metrics.upstream_ttfb(started.elapsed());
    // Anthropic's request id is echoed in logs only; an upstream without one logs none.
    let request_id = header_str(&headers, "request-id")
        .unwrap_or_default()
        .to_string();
    let mut relay = Relay {
        upstream,
        framer: Framer::default(),
        ready: VecDeque::new(),
        idle_timeout: state.config.idle_timeout,
        idle: Box::pin(tokio::time::sleep(state.config.idle_timeout)),
        shutdown: Box::pin(state.shutdown.clone().cancelled_owned()),
        stats: StreamStats::default(),
        done: false,
        outcome: "client_disconnected",
        started,
        metrics: Arc::clone(&state.metrics),
        request_id,
        model: request.model,
        spend: request.spend,
        _guard: state.metrics.stream_opened(),
        _permit: request.permit,
    };
    relay.accept(&first);
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/event-stream"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
    let mut reply = Response::new(Body::from_stream(relay));
    *reply.status_mut() = StatusCode::OK;
    *reply.headers_mut() = headers;
    Ok(reply)
}

/// The body of a relayed stream: whole events in upstream order, flushed as they complete,
/// ending in an `error` event if the upstream fails, stalls or stops before `message_stop`.
struct Relay {
    upstream: futures_util::stream::BoxStream<'static, reqwest::Result<Bytes>>,
    framer: Framer,
    ready: VecDeque<Bytes>,
    idle_timeout: Duration,
    idle: Pin<Box<Sleep>>,
    shutdown: Pin<Box<WaitForCancellationFutureOwned>>,
    stats: StreamStats,
    done: bool,
    outcome: &'static str,
    started: Instant,
    metrics: Arc<Metrics>,
    request_id: String,
    model: String,
    spend: Spend,
    _guard: StreamGuard,
    _permit: OwnedSemaphorePermit,
}

impl Relay {
    /// Frames a chunk; queues what it completed as one write.
    fn accept(&mut self, chunk: &[u8]) {
        if let Some(events) = self.framer.push(chunk) {
            for event in &events {
                self.stats.observe(event);
            }
            let joined = match events.len() {
                1 => events.into_iter().next().unwrap_or_default(), // one event: `next` has it
                _ => {
                    let mut joined = BytesMut::new();
                    events.iter().for_each(|e| joined.extend_from_slice(e));
                    joined.freeze()
                }
            };
            self.ready.push_back(joined);
        }
    }

    /// Ends the stream, with an error event unless it already ended cleanly or in error.
    fn finish(&mut self, outcome: &'static str, kind: &str, message: &str) {
        self.done = true;
        self.outcome = outcome;
        if !(self.stats.saw_stop || self.stats.saw_error) {
            self.ready.push_back(error_event(kind, message));
        }
    }
}

impl Stream for Relay {
    type Item = Result<Bytes, std::convert::Infallible>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(bytes) = this.ready.pop_front() {
                return Poll::Ready(Some(Ok(bytes)));
            }
            if this.done {
                return Poll::Ready(None);
            }
            if this.shutdown.as_mut().poll(cx).is_ready() {
                this.finish("shutdown", "api_error", "the server is shutting down");
                continue;
            }
            match this.upstream.poll_next_unpin(cx) {
                Poll::Ready(Some(Ok(chunk))) => {
                    let deadline = tokio::time::Instant::now() + this.idle_timeout;
                    this.idle.as_mut().reset(deadline);
                    this.accept(&chunk);
                }
                Poll::Ready(Some(Err(error))) => {
                    let message = format!("the upstream stream failed: {}", describe(&error));
                    this.finish("upstream_failed", "api_error", &message);
                }
                Poll::Ready(None) => {
                    if this.stats.saw_stop {
                        this.finish("completed", "", "");
                    } else if this.stats.saw_error {
                        this.finish("upstream_error_event", "", "");
                    } else {
                        let message = "the upstream closed the stream before message_stop";
                        this.finish("upstream_closed", "api_error", message);
                    }
                }
                Poll::Pending => {
                    if this.idle.as_mut().poll(cx).is_ready() {
                        let message =
                            format!("no event from the upstream for {:?}", this.idle_timeout);
                        this.finish("idle_timeout", "timeout_error", &message);
                        continue;
                    }
                    return Poll::Pending;
                }
            }
        }
    }
}

impl Drop for Relay {
    fn drop(&mut self) {
        let elapsed = self.started.elapsed();
        self.metrics.upstream_latency(elapsed);
        self.metrics
            .tokens(self.stats.input_tokens, self.stats.output_tokens);
        self.spend.used = self.stats.total_tokens();
        if self.outcome != "completed" && self.outcome != "client_disconnected" {
            self.metrics.stream_error();
        }
        tracing::info!(
            request_id = %self.request_id,
            model = %self.model,
            outcome = self.outcome,
            events = self.stats.events,
            input_tokens = self.stats.input_tokens,
            output_tokens = self.stats.output_tokens,
            duration_ms = elapsed.as_millis() as u64,
            "stream ended"
        );
    }
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

/// A reqwest error with its causes, without the URL's query (there is none) or any header.
fn describe(error: &reqwest::Error) -> String {
    let mut text = if error.is_connect() {
        "connection failed".to_string()
    } else if error.is_timeout() {
        "timed out".to_string()
    } else {
        "request failed".to_string()
    };
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
