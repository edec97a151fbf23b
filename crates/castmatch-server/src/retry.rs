//! When to retry a request upstream and how long to wait: only connect errors, 408, 409, 429
//! and 5xx (529 included); bounded; exponential backoff with jitter; `retry-after` honoured.

use std::hash::{BuildHasher, Hasher};
use std::time::Duration;

use axum::http::HeaderMap;

/// The retry policy of one broker.
#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// Backoff before the first retry; doubled each time.
    pub base_delay: Duration,
    /// Longest wait; a longer `retry-after` means "give the answer to the client".
    pub max_delay: Duration,
}

/// True for the statuses worth another attempt.
pub fn retryable_status(status: u16) -> bool {
    matches!(status, 408 | 409 | 429) || (500..=599).contains(&status)
}

impl RetryPolicy {
    /// The wait before retry number `retry` (0-based) after a status, or `None` to give up.
    pub fn after_status(&self, retry: u32, status: u16, headers: &HeaderMap) -> Option<Duration> {
        if retry >= self.max_retries || !retryable_status(status) {
            return None;
        }
        if header_str(headers, "x-should-retry") == Some("false") {
            return None;
        }
        match retry_after(headers) {
            Some(wait) if wait > self.max_delay => None,
            Some(wait) => Some(wait),
            None => Some(self.backoff(retry)),
        }
    }

    /// The wait before retry number `retry` after a connect error, or `None` to give up.
    pub fn after_connect_error(&self, retry: u32) -> Option<Duration> {
        (retry < self.max_retries).then(|| self.backoff(retry))
    }

    /// `base * 2^retry`, capped, scaled by a random factor in [0.5, 1].
    pub fn backoff(&self, retry: u32) -> Duration {
        let full = self
            .base_delay
            .saturating_mul(1u32 << retry.min(16))
            .min(self.max_delay);
        let random = std::collections::hash_map::RandomState::new()
            .build_hasher()
            .finish();
        let factor = 0.5 + (random % 1000) as f64 / 2000.0;
        full.mul_f64(factor)
    }
}

/// The upstream's requested wait: `retry-after-ms`, else `retry-after` in seconds.
pub fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    if let Some(ms) =
        header_str(headers, "retry-after-ms").and_then(|v| v.trim().parse::<f64>().ok())
    {
        return (ms.is_finite() && ms >= 0.0).then(|| Duration::from_secs_f64(ms / 1000.0));
    }
    let secs = header_str(headers, "retry-after")?
        .trim()
        .parse::<f64>()
        .ok()?;
    (secs.is_finite() && secs >= 0.0).then(|| Duration::from_secs_f64(secs))
}

fn header_str<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name)?.to_str().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(5),
        }
    }

    #[test]
    fn only_transient_statuses_are_retried() {
        let none = HeaderMap::new();
        for status in [408, 409, 429, 500, 502, 503, 529] {
            assert!(
                policy().after_status(0, status, &none).is_some(),
                "{status}"
            );
        }
        for status in [200, 400, 401, 403, 404, 413, 422] {
            assert!(
                policy().after_status(0, status, &none).is_none(),
                "{status}"
            );
        }
        assert!(policy().after_status(2, 529, &none).is_none(), "bounded");
    }

    #[test]
    fn backoff_doubles_with_jitter_and_retry_after_wins() {
        let p = policy();
        let first = p.backoff(0);
        assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100));
        let second = p.backoff(1);
        assert!(second >= Duration::from_millis(100) && second <= Duration::from_millis(200));
        let mut headers = HeaderMap::new();
        headers.insert("retry-after", "2".parse().unwrap());
        assert_eq!(
            p.after_status(0, 429, &headers),
            Some(Duration::from_secs(2))
        );
        headers.insert("retry-after", "60".parse().unwrap());
        assert_eq!(
            p.after_status(0, 429, &headers),
            None,
            "too long: the client decides"
        );
        headers.insert("retry-after-ms", "250".parse().unwrap());
        assert_eq!(
            p.after_status(0, 429, &headers),
            Some(Duration::from_millis(250))
        );
        let mut no = HeaderMap::new();
        no.insert("x-should-retry", "false".parse().unwrap());
        assert_eq!(p.after_status(0, 500, &no), None);
    }
}
