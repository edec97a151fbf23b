//! Counters behind `GET /metrics`, rendered by hand in the Prometheus text format: requests by
//! status, upstream latency and time to first byte, open streams, retries and tokens.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Bucket bounds in seconds, shared by both histograms.
const BOUNDS: [f64; 14] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];

/// All the broker's counters; cheap to update from any task.
#[derive(Default)]
pub struct Metrics {
    requests: Mutex<BTreeMap<u16, u64>>,
    upstream_latency: Histogram,
    upstream_ttfb: Histogram,
    active_streams: AtomicI64,
    retries: AtomicU64,
    input_tokens: AtomicU64,
    output_tokens: AtomicU64,
    stream_errors: AtomicU64,
}

#[derive(Default)]
struct Histogram {
    buckets: [AtomicU64; BOUNDS.len()],
    count: AtomicU64,
    sum_micros: AtomicU64,
}

impl Histogram {
    fn observe(&self, value: Duration) {
        let seconds = value.as_secs_f64();
        for (bound, bucket) in BOUNDS.iter().zip(&self.buckets) {
            if seconds <= *bound {
                bucket.fetch_add(1, Relaxed);
            }
        }
        self.count.fetch_add(1, Relaxed);
        self.sum_micros.fetch_add(value.as_micros() as u64, Relaxed);
    }

    fn render(&self, out: &mut String, name: &str, help: &str) {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} histogram");
        for (bound, bucket) in BOUNDS.iter().zip(&self.buckets) {
            let _ = writeln!(
                out,
                "{name}_bucket{{le=\"{bound}\"}} {}",
                bucket.load(Relaxed)
            );
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

    /// The Prometheus text exposition of every metric.
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
        let gauges: [(&str, &str, &str, i64); 5] = [
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
}
