//! The broker's configuration: every flag of `castmatch serve`, each with an environment
//! variable, parsed by clap. Durations accept `250ms`, `10s`, `2m` or bare seconds.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

/// The Anthropic API, used when `ANTHROPIC_BASE_URL` is not set.
pub const DEFAULT_UPSTREAM: &str = "https://api.anthropic.com";
/// The `anthropic-version` sent upstream when the client sent none.
pub const DEFAULT_ANTHROPIC_VERSION: &str = "2023-06-01";

/// Configuration of `castmatch serve`: flags first, then environment, then the defaults shown.
#[derive(clap::Args, Clone, Debug)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, env = "CASTMATCH_BIND", default_value = "127.0.0.1")]
    pub bind: IpAddr,

    /// Port to listen on (0 picks a free one and logs it).
    #[arg(long, env = "CASTMATCH_PORT", default_value_t = 8080)]
    pub port: u16,

    /// Directory of the pages, served at `/`.
    #[arg(long, env = "CASTMATCH_WWW", default_value = "www")]
    pub www: PathBuf,

    /// Directory of the wasm-bindgen package, served at `/pkg-web/`.
    #[arg(long, env = "CASTMATCH_PKG", default_value = "pkg-web")]
    pub pkg: PathBuf,

    /// `Cache-Control: max-age` for static files other than HTML (HTML is always `no-cache`).
    #[arg(long, env = "CASTMATCH_STATIC_MAX_AGE", default_value = "300s", value_parser = parse_duration)]
    pub static_max_age: Duration,

    /// Anthropic API key. Prefer the environment variable: a flag shows in `ps`. Without a key
    /// the server runs offline: `/v1/messages` answers 503 and the pages use the built-in parser.
    #[arg(long, env = "ANTHROPIC_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,

    /// Base URL of the Anthropic API; `/v1/messages` is appended.
    #[arg(long, env = "ANTHROPIC_BASE_URL", default_value = DEFAULT_UPSTREAM)]
    pub upstream: String,

    /// Models clients may ask for, comma separated; the first is the default the pages use.
    #[arg(
        long,
        env = "CASTMATCH_MODELS",
        value_delimiter = ',',
        default_value = "claude-sonnet-4-5,claude-haiku-4-5,claude-opus-4-1"
    )]
    pub models: Vec<String>,

    /// Largest `max_tokens` a request may ask for.
    #[arg(long, env = "CASTMATCH_MAX_TOKENS_CAP", default_value_t = 4096)]
    pub max_tokens_cap: u64,

    /// Largest request body accepted on `/v1/messages`, in bytes.
    #[arg(long, env = "CASTMATCH_MAX_BODY_BYTES", default_value_t = 1 << 20)]
    pub max_body_bytes: usize,

    /// Requests per minute allowed to one client IP on `/v1/messages` (0 turns the limit off).
    #[arg(long, env = "CASTMATCH_RATE_LIMIT_PER_MINUTE", default_value_t = 60)]
    pub rate_limit_per_minute: u32,

    /// Requests one client IP may send in a burst before the per-minute rate applies.
    #[arg(long, env = "CASTMATCH_RATE_LIMIT_BURST", default_value_t = 10)]
    pub rate_limit_burst: u32,

    /// Streams open at once across all clients; more are refused with 429.
    #[arg(long, env = "CASTMATCH_MAX_STREAMS", default_value_t = 1024)]
    pub max_streams: usize,

    /// Timeout for connecting to the upstream.
    #[arg(long, env = "CASTMATCH_CONNECT_TIMEOUT", default_value = "10s", value_parser = parse_duration)]
    pub connect_timeout: Duration,

    /// Timeout from sending a request upstream to its first byte of response body (for a
    /// non-streaming request: to the whole response).
    #[arg(long, env = "CASTMATCH_FIRST_BYTE_TIMEOUT", default_value = "120s", value_parser = parse_duration)]
    pub first_byte_timeout: Duration,

    /// Longest silence allowed between two events of a stream (upstream pings reset it).
    #[arg(long, env = "CASTMATCH_IDLE_TIMEOUT", default_value = "60s", value_parser = parse_duration)]
    pub idle_timeout: Duration,

    /// Retries of one request upstream, only before anything reached the client, only on
    /// connect errors, 408, 409, 429 and 5xx.
    #[arg(long, env = "CASTMATCH_MAX_RETRIES", default_value_t = 2)]
    pub max_retries: u32,

    /// First retry backoff; doubled on each further retry, with jitter.
    #[arg(long, env = "CASTMATCH_RETRY_BASE_DELAY", default_value = "500ms", value_parser = parse_duration)]
    pub retry_base_delay: Duration,

    /// Longest wait before a retry; an upstream `retry-after` above it is passed to the client
    /// instead of waited for.
    #[arg(long, env = "CASTMATCH_RETRY_MAX_DELAY", default_value = "10s", value_parser = parse_duration)]
    pub retry_max_delay: Duration,

    /// Origin allowed to call the server cross-origin (repeatable). None: same-origin only.
    #[arg(
        long = "cors-origin",
        env = "CASTMATCH_CORS_ORIGINS",
        value_delimiter = ','
    )]
    pub cors_origins: Vec<String>,

    /// On SIGINT / SIGTERM, how long open streams may run before they are ended.
    #[arg(long, env = "CASTMATCH_SHUTDOWN_GRACE", default_value = "10s", value_parser = parse_duration)]
    pub shutdown_grace: Duration,
}

impl Config {
    /// The defaults of `castmatch serve` with no flags (the environment still applies), minus
    /// any key. Tests start from this and set the fields they need.
    pub fn defaults() -> Config {
        use clap::Parser;
        #[derive(clap::Parser)]
        struct Wrap {
            #[command(flatten)]
            config: Config,
        }
        let mut config = Wrap::parse_from(["castmatch"]).config;
        config.api_key = None;
        config
    }

    /// The key, if one is configured and not blank.
    pub fn key(&self) -> Option<&str> {
        self.api_key
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
    }

    /// The default model: the first of the allowlist.
    pub fn default_model(&self) -> Option<&str> {
        self.models.first().map(String::as_str)
    }
}

/// Parses `250ms`, `10s`, `2m`, `1h` or bare seconds (`1.5`).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let (number, unit) = match text.find(|c: char| c.is_ascii_alphabetic()) {
        Some(at) => text.split_at(at),
        None => (text, "s"),
    };
    let value: f64 = number
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a duration (try 500ms, 10s, 2m)"))?;
    let seconds = match unit.trim() {
        "ms" => value / 1000.0,
        "s" => value,
        "m" => value * 60.0,
        "h" => value * 3600.0,
        other => {
            return Err(format!(
                "unknown unit `{other}` in `{text}` (use ms, s, m or h)"
            ))
        }
    };
    if !seconds.is_finite() || seconds < 0.0 {
        return Err(format!("`{text}` is not a non-negative duration"));
    }
    Ok(Duration::from_secs_f64(seconds))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_with_units() {
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("10s"), Ok(Duration::from_secs(10)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1.5"), Ok(Duration::from_millis(1500)));
        assert!(parse_duration("ten").is_err());
        assert!(parse_duration("5y").is_err());
        assert!(parse_duration("-1s").is_err());
    }
}
