//! Admission limits of `/v1/messages`: a token bucket per client IP and a cap on open streams.
//! Both answer 429 `rate_limit_error` with `retry-after` through `ApiError`.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::error::ApiError;

/// Buckets kept before idle, full ones are dropped.
const PRUNE_ABOVE: usize = 10_000;

/// A token bucket per client IP: `burst` requests at once, refilled at `per_minute`.
pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

struct Bucket {
    tokens: f64,
    updated: Instant,
}

impl RateLimiter {
    /// A limiter; `per_minute == 0` admits everything.
    pub fn new(per_minute: u32, burst: u32) -> RateLimiter {
        RateLimiter {
            per_second: f64::from(per_minute) / 60.0,
            burst: f64::from(burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `ip` at `now`, or says how many seconds until one is free.
    pub fn check(&self, ip: IpAddr, now: Instant) -> Result<(), ApiError> {
        if self.per_second <= 0.0 {
            return Ok(());
        }
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() > PRUNE_ABOVE {
            let full = Duration::from_secs_f64(self.burst / self.per_second);
            buckets.retain(|_, b| now.duration_since(b.updated) < full);
        }
        let bucket = buckets.entry(ip).or_insert(Bucket {
            tokens: self.burst,
            updated: now,
        });
        let elapsed = now.saturating_duration_since(bucket.updated).as_secs_f64();
        bucket.tokens = (bucket.tokens + elapsed * self.per_second).min(self.burst);
        bucket.updated = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - bucket.tokens) / self.per_second;
            Err(ApiError::RateLimited {
                retry_after_secs: wait.ceil().max(1.0) as u64,
            })
        }
    }
}

/// The cap on streams open at once.
pub struct StreamLimiter {
    max: usize,
    semaphore: Arc<Semaphore>,
}

impl StreamLimiter {
    pub fn new(max: usize) -> StreamLimiter {
        StreamLimiter {
            max,
            semaphore: Arc::new(Semaphore::new(max)),
        }
    }

    /// A permit held for the life of one stream, or 429 when all are taken.
    pub fn acquire(&self) -> Result<OwnedSemaphorePermit, ApiError> {
        Arc::clone(&self.semaphore)
            .try_acquire_owned()
            .map_err(|_| ApiError::TooManyStreams { max: self.max })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bucket_allows_burst_then_refills() {
        let limiter = RateLimiter::new(60, 2);
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        let other: IpAddr = "10.0.0.2".parse().unwrap();
        let t0 = Instant::now();
        assert!(limiter.check(ip, t0).is_ok());
        assert!(limiter.check(ip, t0).is_ok());
        match limiter.check(ip, t0) {
            Err(ApiError::RateLimited { retry_after_secs }) => assert_eq!(retry_after_secs, 1),
            other => panic!("expected a rate limit, got {other:?}"),
        }
        assert!(limiter.check(other, t0).is_ok(), "buckets are per client");
        assert!(limiter.check(ip, t0 + Duration::from_millis(1100)).is_ok());
        assert!(RateLimiter::new(0, 1).check(ip, t0).is_ok());
    }

    #[test]
    fn stream_permits_are_capped_and_returned() {
        let limiter = StreamLimiter::new(1);
        let permit = limiter.acquire().unwrap();
        assert!(matches!(
            limiter.acquire(),
            Err(ApiError::TooManyStreams { max: 1 })
        ));
        drop(permit);
        assert!(limiter.acquire().is_ok());
    }
}
