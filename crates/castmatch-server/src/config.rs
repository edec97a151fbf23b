//! The broker's configuration: every flag of `castmatch serve`, each with an environment
//! variable, parsed by clap, and the checks that refuse a bad one at start with a clear error.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use reqwest::Url;

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

    /// Directory of the pages, served at `/`. Unset: `www/` in the current directory, else
    /// beside the executable or in the source tree it was built from (see README).
    #[arg(long, env = "CASTMATCH_WWW")]
    pub www: Option<PathBuf>,

    /// Directory of the wasm-bindgen package, served at `/pkg-web/`. Unset: `pkg-web/` beside
    /// the pages' directory.
    #[arg(long, env = "CASTMATCH_PKG")]
    pub pkg: Option<PathBuf>,

    /// Token clients must present (`Authorization: Bearer TOKEN` or `x-api-key: TOKEN`) on
    /// `/v1/*` and `/metrics`. Required to bind beyond loopback with a key. Pages get it from a link
    /// ending `#access-token=TOKEN` or from a proxy that adds the header (see README).
    #[arg(long, env = "CASTMATCH_ACCESS_TOKEN", hide_env_values = true)]
    pub access_token: Option<String>,

    /// Host names clients may use besides loopback names and IP addresses (repeatable):
    /// `cast.example.com` (any port) or `cast.example.com:8443`. Guards against DNS rebinding.
    #[arg(
        long = "allowed-host",
        env = "CASTMATCH_ALLOWED_HOSTS",
        value_delimiter = ','
    )]
    pub allowed_hosts: Vec<String>,

    /// Address of a reverse proxy or load balancer in front (repeatable): its
    /// `X-Forwarded-For` names the client for rate limits and budgets.
    #[arg(
        long = "trusted-proxy",
        env = "CASTMATCH_TRUSTED_PROXIES",
        value_delimiter = ','
    )]
    pub trusted_proxies: Vec<IpAddr>,

    /// Longest wait for a request's headers, counted from when the connection is ready for
    /// one (a connection that sends nothing is closed after it).
    #[arg(long, env = "CASTMATCH_HEADER_TIMEOUT", default_value = "10s", value_parser = parse_duration)]
    pub header_timeout: Duration,

    /// Longest time to receive a request body once its headers are in.
    #[arg(long, env = "CASTMATCH_BODY_TIMEOUT", default_value = "30s", value_parser = parse_duration)]
    pub body_timeout: Duration,

    /// How long an idle keep-alive connection is kept after its last response.
    #[arg(long, env = "CASTMATCH_KEEPALIVE_TIMEOUT", default_value = "5s", value_parser = parse_duration)]
    pub keepalive_timeout: Duration,

    /// Client connections open at once. Unset: half of the file-descriptor limit less 64
    /// (each connection may hold one upstream). At the cap, the oldest connection without a
    /// request in progress is closed to admit a new one.
    #[arg(long, env = "CASTMATCH_MAX_CONNECTIONS")]
    pub max_connections: Option<usize>,

    /// `Cache-Control: max-age` for static files other than HTML (HTML is always `no-cache`).
    #[arg(long, env = "CASTMATCH_STATIC_MAX_AGE", default_value = "300s", value_parser = parse_duration)]
    pub static_max_age: Duration,

    /// Anthropic API key. Prefer the environment variable: a flag shows in `ps`. Without a key
    /// the server runs offline: `/v1/messages` answers 503 and the pages use the built-in parser.
    #[arg(long, env = "ANTHROPIC_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,

    /// Base URL of the Anthropic API; `/v1/messages` is appended. `https://` unless it is on
    /// loopback; credentials in it are sent upstream but never logged. Redirects are not followed.
    #[arg(long, env = "ANTHROPIC_BASE_URL", default_value = DEFAULT_UPSTREAM, hide_env_values = true)]
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

    /// Largest request body accepted on `/v1/messages` and `count_tokens`, in bytes.
    #[arg(long, env = "CASTMATCH_MAX_BODY_BYTES", default_value_t = 1 << 20)]
    pub max_body_bytes: usize,

    /// Requests per minute allowed to one client on `/v1/messages` and `count_tokens` (0 turns
    /// the limit off); shared between brokers with `--redis`.
    #[arg(long, env = "CASTMATCH_RATE_LIMIT_PER_MINUTE", default_value_t = 60)]
    pub rate_limit_per_minute: u32,

    /// Requests one client IP may send in a burst before the per-minute rate applies.
    #[arg(long, env = "CASTMATCH_RATE_LIMIT_BURST", default_value_t = 10)]
    pub rate_limit_burst: u32,

    /// Streams open at once across all clients; more are refused with 429.
    #[arg(long, env = "CASTMATCH_MAX_STREAMS", default_value_t = 1024)]
    pub max_streams: usize,

    /// Non-streaming requests (messages, count_tokens) in flight at once; more get 429.
    #[arg(long, env = "CASTMATCH_MAX_NON_STREAMING", default_value_t = 64)]
    pub max_non_streaming: usize,

    /// Tokens (input, output and cache, as upstream reports them) one client may spend a day
    /// (UTC); then 429 until midnight. 0 turns the budget off.
    #[arg(
        long,
        env = "CASTMATCH_CLIENT_DAILY_TOKENS",
        default_value_t = 1_000_000
    )]
    pub client_daily_tokens: u64,

    /// Tokens all clients together may spend a day (UTC). 0 turns the budget off.
    #[arg(long, env = "CASTMATCH_DAILY_TOKENS", default_value_t = 10_000_000)]
    pub daily_tokens: u64,

    /// `anthropic-beta` values clients may send (repeatable); any other is refused with 403.
    #[arg(
        long = "allow-beta",
        env = "CASTMATCH_ALLOW_BETAS",
        value_delimiter = ','
    )]
    pub allow_betas: Vec<String>,

    /// Request fields allowed beyond the Messages basics (model, messages, max_tokens, system,
    /// stream, temperature, top_p, top_k, stop_sequences, metadata, tools, tool_choice), e.g.
    /// `thinking` or `mcp_servers` (repeatable).
    #[arg(
        long = "allow-field",
        env = "CASTMATCH_ALLOW_FIELDS",
        value_delimiter = ','
    )]
    pub allow_fields: Vec<String>,

    /// Server tools clients may ask for, by type without its date (`web_search` allows
    /// `web_search_20250305`), repeatable. Client tools (no `type`, or `custom`) always pass.
    #[arg(
        long = "allow-server-tool",
        env = "CASTMATCH_ALLOW_SERVER_TOOLS",
        value_delimiter = ','
    )]
    pub allow_server_tools: Vec<String>,

    /// Allow images and documents given by URL (the upstream fetches them).
    #[arg(long, env = "CASTMATCH_ALLOW_URL_SOURCES")]
    pub allow_url_sources: bool,

    /// Redis URL (`redis://[:PASSWORD@]HOST:PORT[/DB]`) to share rate limits and budgets
    /// between brokers behind one address. Unset: kept in this process. If Redis goes away,
    /// each broker enforces them alone until it is back.
    #[arg(long, env = "CASTMATCH_REDIS_URL", hide_env_values = true)]
    pub redis: Option<String>,

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

    /// Origin of other pages allowed to call `/v1/*` (repeatable), as `https://host[:port]`.
    /// None: only the server's own pages. `*` and `null` are refused.
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
        config.access_token = None;
        config.redis = None;
        config
    }

    /// The access token, if one is configured and not blank.
    pub fn token(&self) -> Option<&str> {
        self.access_token
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
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

/// A configuration the server cannot start with.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("the API key contains characters not allowed in an HTTP header")]
    BadKey,
    #[error("the access token contains characters not allowed in an HTTP header")]
    BadToken,
    #[error("--cors-origin `{origin}`: {why}")]
    BadOrigin { origin: String, why: &'static str },
    #[error("--allowed-host `{0}` is not a host name with an optional port")]
    BadAllowedHost(String),
    #[error("--models must name at least one model")]
    NoModels,
    #[error("--bind {0} is beyond loopback: set --access-token (or CASTMATCH_ACCESS_TOKEN) so that only your clients can spend the key")]
    PublicWithoutToken(IpAddr),
    #[error("ANTHROPIC_BASE_URL `{url}`: {why}")]
    BadUpstream { url: String, why: String },
    #[error("could not build the HTTP client: {0}")]
    Client(#[from] reqwest::Error),
}

/// The checked upstream base URL: used as given, shown with credentials removed.
#[derive(Clone, Debug)]
pub struct Upstream {
    pub base: Url,
    /// The base URL with any user name and password removed, for logs.
    pub redacted: String,
    pub loopback: bool,
}

impl Upstream {
    /// Parses and checks `ANTHROPIC_BASE_URL`: http(s) only, `http://` only on loopback.
    pub fn parse(text: &str) -> Result<Upstream, ConfigError> {
        let mut base = Url::parse(text.trim()).map_err(|e| ConfigError::BadUpstream {
            url: redact_text(text),
            why: e.to_string(),
        })?;
        let mut shown = base.clone();
        // These fail only for URLs that cannot hold credentials, which then have none to hide.
        let _ = shown.set_username("");
        let _ = shown.set_password(None);
        let redacted = shown.to_string();
        let bad = |why: &str| ConfigError::BadUpstream {
            url: redacted.clone(),
            why: why.to_string(),
        };
        let loopback = match base.host() {
            Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            None => return Err(bad("it names no host")),
        };
        match base.scheme() {
            "https" => {}
            "http" if loopback => {}
            "http" => {
                return Err(bad(
                    "plain http:// beyond loopback would send the key and prompts unencrypted; use https://",
                ))
            }
            _ => return Err(bad("only http:// and https:// are supported")),
        }
        if base.query().is_some() || base.fragment().is_some() {
            return Err(bad("a base URL takes no query or fragment"));
        }
        if !base.path().ends_with('/') {
            let path = format!("{}/", base.path());
            base.set_path(&path);
        }
        Ok(Upstream {
            base,
            redacted,
            loopback,
        })
    }

    /// The URL of an API path (`v1/messages`) under the base.
    pub fn join(&self, path: &str) -> Url {
        self.base.join(path).unwrap_or_else(|_| self.base.clone())
    }
}

/// Text that failed to parse as a URL, with anything between `://` and `@` hidden.
fn redact_text(text: &str) -> String {
    match (text.find("://"), text.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}***{}", &text[..scheme + 3], &text[at..])
        }
        _ => text.to_string(),
    }
}

/// Checks one `--cors-origin`: `scheme://host[:port]`, nothing else.
pub fn check_origin(origin: &str) -> Result<String, ConfigError> {
    let bad = |why| ConfigError::BadOrigin {
        origin: origin.to_string(),
        why,
    };
    let trimmed = origin.trim().trim_end_matches('/');
    match trimmed {
        "*" => return Err(bad("a wildcard would let every web page spend the key; name each origin")),
        "null" => return Err(bad("`null` is the origin of sandboxed and file pages, which any site can create; name a real origin")),
        _ => {}
    }
    let url =
        Url::parse(trimmed).map_err(|_| bad("not an origin like https://cast.example.com"))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(bad("an origin is http:// or https:// and a host"));
    }
    if url.path() != "/" || url.query().is_some() || !url.username().is_empty() {
        return Err(bad("an origin has no path, query or credentials"));
    }
    Ok(url.origin().ascii_serialization())
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
    fn upstreams_are_checked_and_redacted() {
        let up = Upstream::parse("http://user:pw@127.0.0.1:9000").unwrap();
        assert!(up.loopback);
        assert_eq!(up.redacted, "http://127.0.0.1:9000/");
        assert_eq!(
            up.join("v1/messages").as_str(),
            "http://user:pw@127.0.0.1:9000/v1/messages"
        );
        let up = Upstream::parse("https://gw.example/anthropic").unwrap();
        assert_eq!(
            up.join("v1/messages").as_str(),
            "https://gw.example/anthropic/v1/messages"
        );
        for bad in [
            "http://api.example.com",
            "ftp://127.0.0.1",
            "not a url",
            "https://x/?a=1",
        ] {
            assert!(Upstream::parse(bad).is_err(), "{bad}");
        }
        let error = Upstream::parse("http://u:secret@api.example.com").unwrap_err();
        assert!(!error.to_string().contains("secret"), "{error}");
        let error = Upstream::parse("http://u:secret@[bad").unwrap_err();
        assert!(!error.to_string().contains("secret"), "{error}");
    }

    #[test]
    fn origins_are_checked() {
        assert_eq!(
            check_origin("https://cast.example/").unwrap(),
            "https://cast.example"
        );
        assert_eq!(
            check_origin("http://localhost:3000").unwrap(),
            "http://localhost:3000"
        );
        for bad in [
            "*",
            "null",
            "cast.example",
            "https://cast.example/app",
            "file:///x",
        ] {
            assert!(check_origin(bad).is_err(), "{bad}");
        }
    }

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
