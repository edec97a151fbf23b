//! Admission limits kept in this process: a token bucket per client, daily token budgets,
//! and caps on streams and non-streaming requests in flight. Refusals are 429 through
//! `ApiError`; `quota` shares the first two between brokers when Redis is configured.

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

/// A cap on requests in flight at once: streams, or non-streaming requests.
pub struct InFlight {
    max: usize,
    semaphore: Arc<Semaphore>,
    refusal: fn(usize) -> ApiError,
}

impl InFlight {
    /// The cap on open streams.
    pub fn streams(max: usize) -> InFlight {
        InFlight::new(max, |max| ApiError::TooManyStreams { max })
    }

    /// The cap on non-streaming requests.
    pub fn requests(max: usize) -> InFlight {
        InFlight::new(max, |max| ApiError::TooManyInFlight { max })
    }

    fn new(max: usize, refusal: fn(usize) -> ApiError) -> InFlight {
        InFlight {
            max,
            semaphore: Arc::new(Semaphore::new(max)),
            refusal,
        }
    }

    /// A permit held for the life of one request, or 429 when all are taken.
    pub fn acquire(&self) -> Result<OwnedSemaphorePermit, ApiError> {
        Arc::clone(&self.semaphore)
            .try_acquire_owned()
            .map_err(|_| (self.refusal)(self.max))
    }
}

/// The day a budget counts in: days since the Unix epoch, UTC.
pub fn today() -> u64 {
    unix_seconds() / DAY_SECS
}

/// Seconds until the next UTC midnight, when budgets renew.
pub fn seconds_to_midnight() -> u64 {
    DAY_SECS - unix_seconds() % DAY_SECS
}

const DAY_SECS: u64 = 86_400;

fn unix_seconds() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Which budget refused a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spent {
    Client,
    Global,
}

/// Daily token spending per client and in total, for the current day only.
#[derive(Default)]
pub struct Budgets {
    day: Mutex<Day>,
}

#[derive(Default)]
struct Day {
    number: u64,
    clients: HashMap<IpAddr, u64>,
    total: u64,
}

impl Budgets {
    /// Admits while neither the client's nor the total spending (reservations included)
    /// has reached its budget (0 = no budget), then reserves `tokens`. At most one
    /// request's reservation can pass a budget.
    pub fn reserve(
        &self,
        client: IpAddr,
        day: u64,
        tokens: u64,
        client_budget: u64,
        global_budget: u64,
    ) -> Result<(), Spent> {
        let mut current = self.on(day);
        let spent = current.clients.get(&client).copied().unwrap_or(0);
        if client_budget > 0 && spent >= client_budget {
            return Err(Spent::Client);
        }
        if global_budget > 0 && current.total >= global_budget {
            return Err(Spent::Global);
        }
        *current.clients.entry(client).or_default() += tokens;
        current.total += tokens;
        Ok(())
    }

    /// The counts of `day`, started afresh when the day has changed.
    fn on(&self, day: u64) -> std::sync::MutexGuard<'_, Day> {
        let mut current = self.day.lock().unwrap_or_else(|e| e.into_inner());
        if current.number != day {
            *current = Day {
                number: day,
                ..Day::default()
            };
        }
        current
    }

    /// Counts `tokens` reserved elsewhere (Redis admitted them), without checking a budget.
    pub fn record(&self, client: IpAddr, day: u64, tokens: u64) {
        let mut current = self.on(day);
        *current.clients.entry(client).or_default() += tokens;
        current.total += tokens;
    }

    /// Adds `delta` (actual use minus the reservation) to a reservation made on `day`.
    pub fn settle(&self, client: IpAddr, day: u64, delta: i64) {
        let mut current = self.day.lock().unwrap_or_else(|e| e.into_inner());
        if current.number != day {
            return;
        }
        let apply = |v: &mut u64| *v = v.saturating_add_signed(delta);
        apply(current.clients.entry(client).or_default());
        apply(&mut current.total);
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
    fn budgets_admit_until_spent_and_renew_daily() {
        let budgets = Budgets::default();
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        assert_eq!(budgets.reserve(a, 7, 600, 1000, 1500), Ok(()));
        budgets.settle(a, 7, -200); // used 400 of the 600 reserved
        assert_eq!(budgets.reserve(a, 7, 600, 1000, 1500), Ok(()), "400 < 1000");
        assert_eq!(
            budgets.reserve(a, 7, 1, 1000, 1500),
            Err(Spent::Client),
            "1000 reached"
        );
        assert_eq!(budgets.reserve(b, 7, 600, 1000, 1500), Ok(()), "per client");
        assert_eq!(
            budgets.reserve(b, 7, 1, 1000, 1500),
            Err(Spent::Global),
            "1600 >= 1500"
        );
        assert_eq!(budgets.reserve(a, 8, 1, 1000, 1500), Ok(()), "a new day");
        budgets.settle(a, 7, 1_000_000); // a late settle of yesterday changes nothing
        assert_eq!(budgets.reserve(a, 8, 1, 0, 0), Ok(()), "no budgets");
    }

    #[test]
    fn stream_permits_are_capped_and_returned() {
        let limiter = InFlight::streams(1);
        let permit = limiter.acquire().unwrap();
        assert!(matches!(
            limiter.acquire(),
            Err(ApiError::TooManyStreams { max: 1 })
        ));
        drop(permit);
        assert!(limiter.acquire().is_ok());
    }
}
