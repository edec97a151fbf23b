//! The router and its handlers: `/v1/messages`, `/api/health`, `/metrics`, and the pages.
//! Shared state lives in one `AppState`; handlers stay a few lines and delegate.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use bytes::Bytes;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use serde::Deserialize;
use tokio_util::sync::CancellationToken;
use tower_http::cors::{AllowOrigin, CorsLayer};

use super::config::Config;
use super::error::ApiError;
use super::limits::{RateLimiter, StreamLimiter};
use super::metrics::Metrics;
use super::proxy::{self, Forward};
use super::retry::RetryPolicy;
use super::static_files;

/// Everything the handlers share.
pub struct AppState {
    pub config: Config,
    /// The key as a header value, marked sensitive; `None` runs offline.
    pub key: Option<HeaderValue>,
    pub client: reqwest::Client,
    pub upstream_url: String,
    pub retry: RetryPolicy,
    pub rate: RateLimiter,
    pub streams: StreamLimiter,
    pub metrics: Arc<Metrics>,
    /// Fired when the shutdown grace ends: open streams end with an error event.
    pub shutdown: CancellationToken,
}

/// A configuration the server cannot start with.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("the API key contains characters not allowed in an HTTP header")]
    BadKey,
    #[error("invalid --cors-origin `{0}`")]
    BadOrigin(String),
    #[error("--models must name at least one model")]
    NoModels,
    #[error("could not build the HTTP client: {0}")]
    Client(#[from] reqwest::Error),
}

impl AppState {
    pub fn new(config: Config) -> Result<AppState, ConfigError> {
        if config.models.iter().all(|m| m.trim().is_empty()) {
            return Err(ConfigError::NoModels);
        }
        let key = match config.key() {
            Some(key) => {
                let mut value = HeaderValue::from_str(key).map_err(|_| ConfigError::BadKey)?;
                value.set_sensitive(true);
                Some(value)
            }
            None => None,
        };
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .tcp_nodelay(true);
        if is_loopback(&config.upstream) {
            // A local upstream (the fake, a dev proxy) is never reached through HTTP(S)_PROXY.
            builder = builder.no_proxy();
        }
        let client = builder.build()?;
        Ok(AppState {
            key,
            client,
            upstream_url: format!("{}/v1/messages", config.upstream.trim_end_matches('/')),
            retry: RetryPolicy {
                max_retries: config.max_retries,
                base_delay: config.retry_base_delay,
                max_delay: config.retry_max_delay,
            },
            rate: RateLimiter::new(config.rate_limit_per_minute, config.rate_limit_burst),
            streams: StreamLimiter::new(config.max_streams),
            metrics: Arc::new(Metrics::default()),
            shutdown: CancellationToken::new(),
            config,
        })
    }
}

/// True when a base URL names this machine.
fn is_loopback(base: &str) -> bool {
    let host = base.split("://").nth(1).unwrap_or(base);
    let host = host.split(['/', '?']).next().unwrap_or("");
    let host = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => host.rsplit_once(':').map_or(host, |(h, _)| h),
    };
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The whole application: API routes, the pages, and CORS for the configured origins.
pub fn router(state: Arc<AppState>) -> Result<Router, ConfigError> {
    let cors = cors(&state.config.cors_origins)?;
    let statics = static_files::router(&state.config);
    let app = Router::new()
        .route("/v1/messages", post(messages))
        .route("/api/health", get(health))
        .route("/metrics", get(metrics))
        .with_state(state)
        .merge(statics);
    Ok(match cors {
        Some(cors) => app.layer(cors),
        None => app,
    })
}

fn cors(origins: &[String]) -> Result<Option<CorsLayer>, ConfigError> {
    if origins.is_empty() {
        return Ok(None);
    }
    let origins = origins
        .iter()
        .map(|o| HeaderValue::from_str(o.trim()).map_err(|_| ConfigError::BadOrigin(o.clone())))
        .collect::<Result<Vec<_>, _>>()?;
    let name = header::HeaderName::from_static;
    Ok(Some(
        CorsLayer::new()
            .allow_origin(AllowOrigin::list(origins))
            .allow_methods([Method::GET, Method::POST])
            .allow_headers([
                header::CONTENT_TYPE,
                header::AUTHORIZATION,
                name("x-api-key"),
                name("anthropic-version"),
                name("anthropic-beta"),
                name("anthropic-dangerous-direct-browser-access"),
            ])
            .expose_headers([
                name("request-id"),
                header::RETRY_AFTER,
                name("anthropic-ratelimit-requests-remaining"),
                name("anthropic-ratelimit-requests-reset"),
                name("anthropic-ratelimit-tokens-remaining"),
                name("anthropic-ratelimit-tokens-reset"),
            ])
            .max_age(std::time::Duration::from_secs(600)),
    ))
}

/// `GET /api/health`: whether Claude is configured, the version, the models (default first).
async fn health(State(state): State<Arc<AppState>>) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "claude": if state.key.is_some() { "configured" } else { "offline" },
        "version": env!("CARGO_PKG_VERSION"),
        "models": state.config.models,
    }))
}

/// `GET /metrics`: Prometheus text.
async fn metrics(State(state): State<Arc<AppState>>) -> impl IntoResponse {
    let kind = HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8");
    ([(header::CONTENT_TYPE, kind)], state.metrics.render())
}

/// `POST /v1/messages`: checked, limited, forwarded upstream with the server's key.
async fn messages(
    State(state): State<Arc<AppState>>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let turn = state.metrics.turn_started();
    let response = match admit(&state, client, &headers, body).await {
        Ok((key, forward)) => proxy::forward(&state, &key, &headers, forward).await,
        Err(error) => Err(error),
    }
    .unwrap_or_else(|error| {
        tracing::info!(status = error.status().as_u16(), kind = error.kind(), %error, "messages refused");
        error.into_response()
    });
    state.metrics.request(response.status().as_u16());
    turn.watch(response)
}

/// The checks before anything goes upstream, cheapest first.
async fn admit(
    state: &AppState,
    client: SocketAddr,
    headers: &HeaderMap,
    body: Body,
) -> Result<(HeaderValue, Forward), ApiError> {
    let key = state.key.clone().ok_or(ApiError::Offline)?;
    state.rate.check(client.ip(), Instant::now())?;
    let body = read_body(headers, body, state.config.max_body_bytes).await?;
    let (model, stream) = validate(&body, &state.config)?;
    let permit = if stream {
        Some(state.streams.acquire()?)
    } else {
        None
    };
    Ok((
        key,
        Forward {
            body,
            model,
            stream,
            permit,
        },
    ))
}

/// Reads the body, refusing it past `limit` bytes (by `content-length` or as it arrives).
async fn read_body(headers: &HeaderMap, body: Body, limit: usize) -> Result<Bytes, ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limit as u64) {
        return Err(ApiError::BodyTooLarge { limit });
    }
    match Limited::new(body, limit).collect().await {
        Ok(collected) => Ok(collected.to_bytes()),
        Err(error) if error.downcast_ref::<LengthLimitError>().is_some() => {
            Err(ApiError::BodyTooLarge { limit })
        }
        Err(error) => Err(ApiError::InvalidRequest(format!(
            "could not read the body: {error}"
        ))),
    }
}

/// The fields the broker checks; the rest of the body goes upstream untouched.
#[derive(Deserialize)]
struct Probe {
    model: Option<String>,
    max_tokens: Option<u64>,
    #[serde(default)]
    stream: bool,
}

/// Checks the model against the allowlist and `max_tokens` against the cap.
fn validate(body: &[u8], config: &Config) -> Result<(String, bool), ApiError> {
    let invalid = |e: &dyn std::fmt::Display| {
        ApiError::InvalidRequest(format!("the body is not a valid request: {e}"))
    };
    let text = std::str::from_utf8(body).map_err(|e| invalid(&e))?;
    // The error names the JSON path (`max_tokens: invalid type ...`).
    let probe: Probe =
        serde_path_to_error::deserialize(&mut serde_json::Deserializer::from_str(text))
            .map_err(|e| invalid(&e))?;
    let model = probe
        .model
        .ok_or_else(|| ApiError::InvalidRequest("model: field required".into()))?;
    if !config.models.iter().any(|m| m == &model) {
        let allowed = config.models.join(", ");
        return Err(ApiError::InvalidRequest(format!(
            "model `{model}` is not available on this server; use one of: {allowed}"
        )));
    }
    let max_tokens = probe
        .max_tokens
        .ok_or_else(|| ApiError::InvalidRequest("max_tokens: field required".into()))?;
    if max_tokens > config.max_tokens_cap {
        return Err(ApiError::InvalidRequest(format!(
            "max_tokens {max_tokens} is above this server's cap of {}",
            config.max_tokens_cap
        )));
    }
    Ok((model, probe.stream))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_upstreams_are_recognised() {
        assert!(is_loopback("http://127.0.0.1:8081"));
        assert!(is_loopback("http://localhost:9000/"));
        assert!(is_loopback("http://[::1]:9000"));
        assert!(!is_loopback("https://api.anthropic.com"));
        assert!(!is_loopback("http://10.0.0.1:80"));
    }

    #[test]
    fn validation_checks_model_and_max_tokens() {
        let mut config = Config::defaults();
        config.models = vec!["claude-a".into()];
        config.max_tokens_cap = 100;
        let ok = br#"{"model":"claude-a","max_tokens":100,"stream":true,"messages":[]}"#;
        assert_eq!(
            validate(ok, &config).unwrap(),
            ("claude-a".to_string(), true)
        );
        for bad in [
            &br#"{"model":"claude-b","max_tokens":10}"#[..],
            br#"{"model":"claude-a","max_tokens":101}"#,
            br#"{"max_tokens":10}"#,
            br#"{"model":"claude-a"}"#,
            br#"[1,2]"#,
        ] {
            assert!(matches!(
                validate(bad, &config),
                Err(ApiError::InvalidRequest(_))
            ));
        }
    }
}
