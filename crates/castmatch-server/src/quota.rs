//! Rate limits and daily token budgets, shared between brokers through Redis when one is
//! configured (atomic Lua scripts on Redis's clock), else kept in this process. If Redis goes
//! away, each broker enforces them alone (with a warning) until it is back: never no limits.

use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use redis::Script;

use super::config::Config;
use super::error::ApiError;
use super::limits::{seconds_to_midnight, today, Budgets, RateLimiter, Spent};

/// Keys live under this prefix; budget keys expire two days after their day began.
const PREFIX: &str = "castmatch";
const BUDGET_TTL_SECS: u64 = 2 * 86_400;
/// A Redis call slower than this counts as Redis being away.
const REDIS_TIMEOUT: Duration = Duration::from_millis(250);
/// After a failure, how long requests use the local limits before Redis is tried again.
const RETRY_REDIS_AFTER: Duration = Duration::from_secs(2);

/// A token bucket per client: `{allowed, wait_ms}`, on Redis's clock.
const BUCKET: &str = r#"
local per_ms, burst, ttl = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) * per_ms)
local allowed, wait = 0, 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  wait = math.ceil((1 - tokens) / per_ms)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], ttl)
return {allowed, wait}
"#;

/// Reserves tokens against a client's and the total budget: 0 admitted, 1 client spent,
/// 2 total spent. ARGV: tokens, client budget, total budget (0 = none), ttl seconds.
const RESERVE: &str = r#"
local tokens, client_budget, total_budget, ttl = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local client = tonumber(redis.call('GET', KEYS[1]) or '0')
local total = tonumber(redis.call('GET', KEYS[2]) or '0')
if client_budget > 0 and client >= client_budget then return 1 end
if total_budget > 0 and total >= total_budget then return 2 end
redis.call('INCRBY', KEYS[1], tokens)
redis.call('EXPIRE', KEYS[1], ttl)
redis.call('INCRBY', KEYS[2], tokens)
redis.call('EXPIRE', KEYS[2], ttl)
return 0
"#;

/// A failure to reach Redis at start.
#[derive(Debug, thiserror::Error)]
pub enum RedisError {
    #[error("--redis `{0}` is not a Redis URL (redis://[:PASSWORD@]HOST:PORT[/DB])")]
    BadUrl(String),
    #[error("Redis at {0} refused the password (AUTH failed): check the password in --redis / CASTMATCH_REDIS_URL")]
    Auth(String),
    #[error("Redis at {0} requires a password: give it as redis://:PASSWORD@HOST:PORT in --redis / CASTMATCH_REDIS_URL")]
    NoAuth(String),
    #[error("could not reach Redis at {0}: {1}")]
    Unreachable(String, String),
}

/// Tokens set aside for an admitted request until its usage is known.
#[derive(Debug)]
pub struct Reservation {
    client: IpAddr,
    day: u64,
    tokens: u64,
}

/// The rate limits and budgets of one broker.
pub struct Quotas {
    rate: RateLimiter,
    rate_per_minute: u32,
    rate_burst: u32,
    budgets: Budgets,
    client_budget: u64,
    global_budget: u64,
    shared: Option<Shared>,
}

struct Shared {
    connection: ConnectionManager,
    /// The URL without its password, for logs.
    shown: String,
    bucket: Script,
    reserve: Script,
    /// Since when Redis is away; `None` while it answers.
    down_since: Mutex<Option<Instant>>,
    degraded: Arc<AtomicBool>,
}

impl Quotas {
    /// In-process limits, shared through Redis when `config.redis` is set (connected and
    /// authenticated here, so a wrong password stops the start).
    pub async fn new(config: &Config) -> Result<Quotas, RedisError> {
        let shared = match config.redis.as_deref().map(str::trim) {
            Some(url) if !url.is_empty() => Some(Shared::connect(url).await?),
            _ => None,
        };
        Ok(Quotas {
            rate: RateLimiter::new(config.rate_limit_per_minute, config.rate_limit_burst),
            rate_per_minute: config.rate_limit_per_minute,
            rate_burst: config.rate_limit_burst.max(1),
            budgets: Budgets::default(),
            client_budget: config.client_daily_tokens,
            global_budget: config.daily_tokens,
            shared,
        })
    }

    /// Where limits live: `memory`, or the Redis URL without its password.
    pub fn backend(&self) -> String {
        match &self.shared {
            Some(shared) => shared.shown.clone(),
            None => "memory".into(),
        }
    }

    /// True while Redis is configured but away (limits are per broker meanwhile).
    pub fn degraded(&self) -> Arc<AtomicBool> {
        match &self.shared {
            Some(shared) => Arc::clone(&shared.degraded),
            None => Arc::new(AtomicBool::new(false)),
        }
    }

    /// Takes one request from the client's bucket.
    pub async fn check_rate(&self, client: IpAddr) -> Result<(), ApiError> {
        if self.rate_per_minute == 0 {
            return Ok(());
        }
        let now = Instant::now();
        if let Some(shared) = self.shared.as_ref().filter(|s| s.usable()) {
            let per_ms = f64::from(self.rate_per_minute) / 60_000.0;
            let ttl_ms = (f64::from(self.rate_burst) / per_ms).ceil() as u64 + 1000;
            let mut connection = shared.connection.clone();
            let mut invocation = shared.bucket.key(format!("{PREFIX}:rate:{client}"));
            invocation.arg(per_ms).arg(self.rate_burst).arg(ttl_ms);
            let call = invocation.invoke_async::<(u8, u64)>(&mut connection);
            if let Some((allowed, wait_ms)) = shared.answer(call).await {
                return if allowed == 1 {
                    // The local bucket follows what Redis admitted, for when Redis goes away;
                    // its own verdict does not matter here (Redis has decided).
                    let _ = self.rate.check(client, now);
                    Ok(())
                } else {
                    Err(ApiError::RateLimited {
                        retry_after_secs: wait_ms.div_ceil(1000).max(1),
                    })
                };
            }
        }
        self.rate.check(client, now)
    }

    /// Reserves `tokens` for a request, or refuses it when a budget is spent.
    pub async fn reserve(&self, client: IpAddr, tokens: u64) -> Result<Reservation, ApiError> {
        let day = today();
        let reservation = Reservation {
            client,
            day,
            tokens,
        };
        if self.client_budget == 0 && self.global_budget == 0 {
            return Ok(reservation);
        }
        let local = || {
            self.budgets
                .reserve(client, day, tokens, self.client_budget, self.global_budget)
        };
        let verdict = match self.shared.as_ref().filter(|s| s.usable()) {
            Some(shared) => {
                let (client_key, total_key) = budget_keys(client, day);
                let mut connection = shared.connection.clone();
                let mut invocation = shared.reserve.key(client_key);
                invocation
                    .key(total_key)
                    .arg(tokens)
                    .arg(self.client_budget)
                    .arg(self.global_budget)
                    .arg(BUDGET_TTL_SECS);
                let call = invocation.invoke_async::<u8>(&mut connection);
                match shared.answer(call).await {
                    Some(0) => {
                        // Mirrored locally: what this broker falls back on if Redis goes away.
                        self.budgets.record(client, day, tokens);
                        Ok(())
                    }
                    Some(1) => Err(Spent::Client),
                    Some(_) => Err(Spent::Global),
                    None => local(),
                }
            }
            None => local(),
        };
        verdict.map(|()| reservation).map_err(|spent| {
            let (scope, budget) = match spent {
                Spent::Client => ("this client's", self.client_budget),
                Spent::Global => ("this server's", self.global_budget),
            };
            ApiError::BudgetSpent {
                scope,
                budget,
                retry_after_secs: seconds_to_midnight(),
            }
        })
    }

    /// Replaces a reservation by the tokens actually used (in the background for Redis).
    pub fn settle(self: &Arc<Self>, reservation: Reservation, used: u64) {
        if self.client_budget == 0 && self.global_budget == 0 {
            return;
        }
        let delta = used as i64 - reservation.tokens as i64;
        self.budgets
            .settle(reservation.client, reservation.day, delta);
        if delta == 0 || self.shared.is_none() {
            return;
        }
        let quotas = Arc::clone(self);
        tokio::spawn(async move {
            let Some(shared) = quotas.shared.as_ref().filter(|s| s.usable()) else {
                return;
            };
            let (client_key, total_key) = budget_keys(reservation.client, reservation.day);
            let call = async {
                let mut connection = shared.connection.clone();
                redis::pipe()
                    .atomic()
                    .incr(&client_key, delta)
                    .ignore()
                    .incr(&total_key, delta)
                    .ignore()
                    .query_async::<()>(&mut connection)
                    .await
            };
            shared.answer(call).await;
        });
    }
}

fn budget_keys(client: IpAddr, day: u64) -> (String, String) {
    (
        format!("{PREFIX}:budget:{day}:client:{client}"),
        format!("{PREFIX}:budget:{day}:total"),
    )
}

impl Shared {
    async fn connect(url: &str) -> Result<Shared, RedisError> {
        let client = redis::Client::open(url).map_err(|_| RedisError::BadUrl(redact(url)))?;
        let info = client.get_connection_info();
        let shown = format!("redis://{}", info.addr());
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_millis(1000)))
            .set_response_timeout(Some(REDIS_TIMEOUT))
            .set_number_of_retries(1);
        let mut connection = ConnectionManager::new_with_config(client, config)
            .await
            .map_err(|e| classify(&shown, &e))?;
        redis::cmd("PING")
            .query_async::<String>(&mut connection)
            .await
            .map_err(|e| classify(&shown, &e))?;
        Ok(Shared {
            connection,
            shown,
            bucket: Script::new(BUCKET),
            reserve: Script::new(RESERVE),
            down_since: Mutex::new(None),
            degraded: Arc::new(AtomicBool::new(false)),
        })
    }

    /// False for a short while after a failure, so requests do not each wait on a dead Redis.
    fn usable(&self) -> bool {
        let down = self.down_since.lock().unwrap_or_else(|e| e.into_inner());
        down.is_none_or(|since| since.elapsed() >= RETRY_REDIS_AFTER)
    }

    /// Runs a call with a deadline; logs the moment Redis goes away and comes back.
    async fn answer<T>(
        &self,
        call: impl std::future::Future<Output = redis::RedisResult<T>>,
    ) -> Option<T> {
        let result = match tokio::time::timeout(REDIS_TIMEOUT, call).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(error)) => Err(error.to_string()),
            Err(_) => Err(format!("no answer within {REDIS_TIMEOUT:?}")),
        };
        let mut down = self.down_since.lock().unwrap_or_else(|e| e.into_inner());
        match result {
            Ok(value) => {
                if down.take().is_some() {
                    self.degraded.store(false, Relaxed);
                    tracing::info!(redis = %self.shown, "Redis is back: rate limits and budgets are shared again");
                }
                Some(value)
            }
            Err(error) => {
                if down.is_none() {
                    self.degraded.store(true, Relaxed);
                    tracing::warn!(redis = %self.shown, %error, "Redis unreachable: rate limits and budgets are enforced by this broker alone until it is back");
                }
                *down = Some(Instant::now());
                None
            }
        }
    }
}

fn classify(shown: &str, error: &redis::RedisError) -> RedisError {
    let code = error.code().unwrap_or("");
    if error.kind() == redis::ErrorKind::AuthenticationFailed || code == "WRONGPASS" {
        RedisError::Auth(shown.to_string())
    } else if code == "NOAUTH" {
        RedisError::NoAuth(shown.to_string())
    } else {
        RedisError::Unreachable(shown.to_string(), error.to_string())
    }
}

/// A Redis URL with any password hidden.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_string(),
    }
}
