//! Counters behind `GET /metrics`, rendered by hand in the Prometheus text format: requests by
//! status, upstream latency and time to first byte, open streams, retries and tokens, and the
//! conversations as a client sees them (time to first byte and whole turns from the request's
//! arrival, in flight now and at the peak, completed) that `castmatch monitor --probe` reads.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::pin::Pin;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::body::{Body, Bytes, HttpBody};
use axum::http::header;
use axum::response::Response;
use http_body::{Frame, SizeHint};

/// Bucket bounds in seconds of the upstream histograms.
const BOUNDS: [f64; 14] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// Bucket bounds of the conversation histograms: finer around the seed's 2 s target.
const TURN_BOUNDS: [f64; 18] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0,
    30.0, 60.0,
];

/// All the broker's counters; cheap to update from any task.
#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<u16, u64>>,
    upstream_latency: Histogram<{ BOUNDS.len() }>,
    upstream_ttfb: Histogram<{ BOUNDS.len() }>,
    active_streams: AtomicI64,
    retries: AtomicU64,
    input_tokens: AtomicU64,
    output_tokens: AtomicU64,
    stream_errors: AtomicU64,
    turn_first_byte: Histogram<{ TURN_BOUNDS.len() }>,
    turn_duration: Histogram<{ TURN_BOUNDS.len() }>,
    conversations_active: AtomicI64,
    conversations_peak: AtomicI64,
    conversations_completed: AtomicU64,
}

/// Counts per bucket (not cumulative: one increment per observation; `render` adds them up).
struct Histogram<const N: usize> {
    bounds: &'static [f64; N],
    buckets: [AtomicU64; N],
    count: AtomicU64,
    sum_micros: AtomicU64,
}

impl Default for Histogram<{ BOUNDS.len() }> {
    fn default() -> Self {
        Histogram::new(&BOUNDS)
    }
}

impl Default for Histogram<{ TURN_BOUNDS.len() }> {
    fn default() -> Self {
        Histogram::new(&TURN_BOUNDS)
    }
}

impl<const N: usize> Histogram<N> {
    fn new(bounds: &'static [f64; N]) -> Self {
        Histogram {
            bounds,
            buckets: std::array::from_fn(|_| AtomicU64::new(0)),
            count: AtomicU64::new(0),
            sum_micros: AtomicU64::new(0),
        }
    }

    fn observe(&self, value: Duration) {
        let seconds = value.as_secs_f64();
        let bucket = self.bounds.partition_point(|bound| *bound < seconds);
        if let Some(bucket) = self.buckets.get(bucket) {
            bucket.fetch_add(1, Relaxed);
        }
        self.count.fetch_add(1, Relaxed);
        self.sum_micros.fetch_add(value.as_micros() as u64, Relaxed);
    }

    /// Writes into a `String`, which cannot fail: the `let _` below discard nothing.
    fn render(&self, out: &mut String, name: &str, help: &str) {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} histogram");
        let mut cumulative = 0;
        for (bound, bucket) in self.bounds.iter().zip(&self.buckets) {
            cumulative += bucket.load(Relaxed);
            let _ = writeln!(out, "{name}_bucket{{le=\"{bound}\"}} {cumulative}");
        }
        let count = self.count.load(Relaxed);
        let sum = self.sum_micros.load(Relaxed) as f64 / 1e6;
        let _ = writeln!(
            out,
            "{name}_bucket{{le=\"+Inf\"}} {count}\n{name}_sum {sum}\n{name}_count {count}"
        );
    }
}

/// Decrements the open-stream gauge when the stream ends, however it ends.
pub struct StreamGuard(Arc<Metrics>);

impl Drop for StreamGuard {
    fn drop(&mut self) {
        self.0.active_streams.fetch_sub(1, Relaxed);
    }
}

impl Metrics {
    /// Counts one answer of `/v1/messages` with its status.
    pub fn request(&self, status: u16) {
        *self
            .requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry(status)
            .or_default() += 1;
    }

    /// Time from sending upstream to the response's end (for streams: to the last event).
    pub fn upstream_latency(&self, value: Duration) {
        self.upstream_latency.observe(value);
    }

    /// Time from sending upstream to the first byte of the response body.
    pub fn upstream_ttfb(&self, value: Duration) {
        self.upstream_ttfb.observe(value);
    }

    pub fn retry(&self) {
        self.retries.fetch_add(1, Relaxed);
    }

    pub fn tokens(&self, input: u64, output: u64) {
        self.input_tokens.fetch_add(input, Relaxed);
        self.output_tokens.fetch_add(output, Relaxed);
    }

    /// A stream ended with an error event (upstream's or the broker's).
    pub fn stream_error(&self) {
        self.stream_errors.fetch_add(1, Relaxed);
    }

    /// Counts a stream as open until the guard drops.
    pub fn stream_opened(self: &Arc<Self>) -> StreamGuard {
        self.active_streams.fetch_add(1, Relaxed);
        StreamGuard(Arc::clone(self))
    }

    pub fn active_streams(&self) -> i64 {
        self.active_streams.load(Relaxed)
    }

    /// A conversation turn arrived (a request to `/v1/messages`): in flight until the guard,
    /// or the body it is handed to with [`Turn::watch`], drops.
    pub fn turn_started(self: &Arc<Self>) -> Turn {
        let now = self.conversations_active.fetch_add(1, Relaxed) + 1;
        self.conversations_peak.fetch_max(now, Relaxed);
        Turn {
            metrics: Arc::clone(self),
            arrived: Instant::now(),
        }
    }

    /// The Prometheus text exposition of every metric (into a `String`: writes cannot fail).
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(4096);
        out.push_str("# HELP castmatch_requests_total Answers of /v1/messages by HTTP status.\n");
        out.push_str("# TYPE castmatch_requests_total counter\n");
        for (status, count) in self
            .requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            let _ = writeln!(
                out,
                "castmatch_requests_total{{status=\"{status}\"}} {count}"
            );
        }
        self.upstream_latency.render(
            &mut out,
            "castmatch_upstream_latency_seconds",
            "Time from sending a request upstream to the end of its response.",
        );
        self.upstream_ttfb.render(
            &mut out,
            "castmatch_upstream_ttfb_seconds",
            "Time from sending a request upstream to the first byte of its body.",
        );
        self.turn_first_byte.render(
            &mut out,
            "castmatch_turn_first_byte_seconds",
            "Time from a conversation turn's arrival to the first byte of its 2xx answer.",
        );
        self.turn_duration.render(
            &mut out,
            "castmatch_turn_seconds",
            "Time from a conversation turn's arrival to the end of its completed 2xx answer.",
        );
        let gauges: [(&str, &str, &str, i64); 8] = [
            (
                "castmatch_conversations_active",
                "gauge",
                "Conversation turns (requests to /v1/messages) in flight now.",
                self.conversations_active.load(Relaxed),
            ),
            (
                "castmatch_conversations_peak",
                "gauge",
                "The most conversation turns in flight at once since the server started.",
                self.conversations_peak.load(Relaxed),
            ),
            (
                "castmatch_conversations_completed_total",
                "counter",
                "Conversation turns answered 2xx to the end (a stream through message_stop).",
                self.conversations_completed.load(Relaxed) as i64,
            ),
            (
                "castmatch_active_streams",
                "gauge",
                "Streams open now.",
                self.active_streams(),
            ),
            (
                "castmatch_upstream_retries_total",
                "counter",
                "Requests retried upstream.",
                self.retries.load(Relaxed) as i64,
            ),
            (
                "castmatch_input_tokens_total",
                "counter",
                "Input tokens reported by upstream usage.",
                self.input_tokens.load(Relaxed) as i64,
            ),
            (
                "castmatch_output_tokens_total",
                "counter",
                "Output tokens reported by upstream usage.",
                self.output_tokens.load(Relaxed) as i64,
            ),
            (
                "castmatch_stream_errors_total",
                "counter",
                "Streams that ended in an error event.",
                self.stream_errors.load(Relaxed) as i64,
            ),
        ];
        for (name, kind, help, value) in gauges {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}"
            );
        }
        out
    }
}

/// One conversation turn in flight; see [`Metrics::turn_started`].
pub struct Turn {
    metrics: Arc<Metrics>,
    arrived: Instant,
}

impl Turn {
    /// Times the answer: its first byte, and (for a 2xx answer that ends cleanly) the whole
    /// turn. Size and end-of-stream hints pass through, so a JSON answer keeps its length.
    pub fn watch(self, response: Response) -> Response {
        if !response.status().is_success() {
            return response;
        }
        let stream = response
            .headers()
            .get(header::CONTENT_TYPE)
            .is_some_and(|kind| kind.as_bytes().starts_with(b"text/event-stream"));
        response.map(|inner| {
            Body::new(TimedBody {
                inner,
                turn: self,
                stream,
                first_byte: false,
                last: Bytes::new(),
            })
        })
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        self.metrics.conversations_active.fetch_sub(1, Relaxed);
    }
}

/// The answer's body, timed as it goes out.
struct TimedBody {
    inner: Body,
    turn: Turn,
    stream: bool,
    first_byte: bool,
    /// The last chunk: a stream completed when it carries `message_stop` and no error event.
    last: Bytes,
}

impl TimedBody {
    fn completed(&self) -> bool {
        let contains = |needle: &[u8]| self.last.windows(needle.len()).any(|w| w == needle);
        !self.stream || (contains(b"message_stop") && !contains(b"event: error"))
    }
}

impl HttpBody for TimedBody {
    type Data = Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, axum::Error>>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.inner).poll_frame(cx);
        match &polled {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    if !this.first_byte {
                        this.first_byte = true;
                        let waited = this.turn.arrived.elapsed();
                        this.turn.metrics.turn_first_byte.observe(waited);
                    }
                    if this.stream {
                        this.last = data.clone();
                    }
                }
            }
            Poll::Ready(None) if this.completed() => {
                let metrics = &this.turn.metrics;
                metrics.turn_duration.observe(this.turn.arrived.elapsed());
                metrics.conversations_completed.fetch_add(1, Relaxed);
                this.stream = true;
                this.last = Bytes::new(); // counted once, even if polled again
            }
            _ => {}
        }
        polled
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_is_prometheus_text() {
        let metrics = Arc::new(Metrics::default());
        metrics.request(200);
        metrics.request(200);
        metrics.request(429);
        metrics.upstream_ttfb(Duration::from_millis(3));
        metrics.tokens(10, 5);
        let guard = metrics.stream_opened();
        let text = metrics.render();
        assert!(text.contains("castmatch_requests_total{status=\"200\"} 2\n"));
        assert!(text.contains("castmatch_requests_total{status=\"429\"} 1\n"));
        assert!(text.contains("castmatch_upstream_ttfb_seconds_bucket{le=\"0.0025\"} 0\n"));
        assert!(text.contains("castmatch_upstream_ttfb_seconds_bucket{le=\"0.005\"} 1\n"));
        assert!(text.contains("castmatch_upstream_ttfb_seconds_count 1\n"));
        assert!(text.contains("castmatch_active_streams 1\n"));
        assert!(text.contains("castmatch_input_tokens_total 10\n"));
        drop(guard);
        assert!(metrics.render().contains("castmatch_active_streams 0\n"));
    }

    fn answer(status: u16, kind: &str, body: &'static str) -> Response {
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = axum::http::StatusCode::from_u16(status).unwrap();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, kind.parse().unwrap());
        response
    }

    async fn drain(response: Response) {
        use http_body_util::BodyExt;
        let _ = response.into_body().collect().await;
    }

    #[tokio::test]
    async fn conversation_turns_are_timed_counted_and_peaked() {
        let metrics = Arc::new(Metrics::default());
        let (a, b) = (metrics.turn_started(), metrics.turn_started());
        assert!(metrics
            .render()
            .contains("castmatch_conversations_active 2\n"));
        let stop = "event: content_block_delta\ndata: {}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        drain(a.watch(answer(200, "text/event-stream", stop))).await;
        let failed = "event: error\ndata: {\"type\":\"error\"}\n\n";
        drain(b.watch(answer(200, "text/event-stream", failed))).await;
        drain(
            metrics
                .turn_started()
                .watch(answer(200, "application/json", "{}")),
        )
        .await;
        drain(
            metrics
                .turn_started()
                .watch(answer(429, "application/json", "{}")),
        )
        .await;
        let text = metrics.render();
        assert!(
            text.contains("castmatch_conversations_completed_total 2\n"),
            "{text}"
        );
        assert!(text.contains("castmatch_conversations_active 0\n"));
        assert!(text.contains("castmatch_conversations_peak 2\n"));
        assert!(text.contains("castmatch_turn_first_byte_seconds_count 3\n"));
        assert!(text.contains("castmatch_turn_seconds_count 2\n"));
        assert!(text.contains("castmatch_turn_seconds_bucket{le=\"60\"} 2\n"));
        // A client that goes away before the end: in flight no more, not completed.
        let gone = metrics
            .turn_started()
            .watch(answer(200, "text/event-stream", stop));
        drop(gone);
        let text = metrics.render();
        assert!(text.contains("castmatch_conversations_active 0\n"));
        assert!(text.contains("castmatch_conversations_completed_total 2\n"));
    }
}
