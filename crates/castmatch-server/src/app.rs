//! The router and its handlers: `/v1/messages`, `/v1/messages/count_tokens`, `/v1/models`,
//! `/api/health`, `/metrics`, and the pages. Shared state lives in one `AppState`; handlers
//! stay a few lines and delegate the checks to `access`, `policy` and `quota`.

use std::fmt::Write;
use std::net::SocketAddr;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use axum::{Json, Router};
use bytes::Bytes;
use http_body_util::{BodyExt, LengthLimitError, Limited};
use tokio_util::sync::CancellationToken;
use tower_http::cors::{AllowOrigin, CorsLayer};

use super::access::{check_json, Access};
use super::config::{Config, ConfigError, Upstream};
use super::connections::Stats;
use super::error::ApiError;
use super::limits::InFlight;
use super::metrics::Metrics;
use super::policy::{Endpoint, Policy};
use super::proxy::{self, Forward, Spend};
use super::quota::Quotas;
use super::retry::RetryPolicy;
use super::security;
use super::static_files::{self, Site};

/// Everything the handlers share.
pub struct AppState {
    pub config: Config,
    /// The key as a header value, marked sensitive; `None` runs offline.
    pub key: Option<HeaderValue>,
    pub client: reqwest::Client,
    pub upstream: Upstream,
    pub access: Access,
    pub policy: Policy,
    pub quotas: Arc<Quotas>,
    pub retry: RetryPolicy,
    pub streams: InFlight,
    pub requests: InFlight,
    pub metrics: Arc<Metrics>,
    pub site: Site,
    pub connections: Arc<Stats>,
    /// Fired when the shutdown grace ends: open streams end with an error event.
    pub shutdown: CancellationToken,
}

impl AppState {
    /// Checks the configuration against the address the server listens on.
    pub fn new(
        config: Config,
        site: Site,
        addr: SocketAddr,
        quotas: Quotas,
    ) -> Result<AppState, ConfigError> {
        check(&config)?;
        let upstream = Upstream::parse(&config.upstream)?;
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
            // A redirect would carry the key and the prompt to wherever it points.
            .redirect(reqwest::redirect::Policy::none())
            .tcp_nodelay(true);
        if upstream.loopback {
            // A local upstream (the fake, a dev proxy) is never reached through HTTP(S)_PROXY.
            builder = builder.no_proxy();
        }
        Ok(AppState {
            key,
            client: builder.build()?,
            access: Access::new(&config, addr.port())?,
            policy: Policy::new(&config),
            upstream,
            quotas: Arc::new(quotas),
            retry: RetryPolicy {
                max_retries: config.max_retries,
                base_delay: config.retry_base_delay,
                max_delay: config.retry_max_delay,
            },
            streams: InFlight::streams(config.max_streams),
            requests: InFlight::requests(config.max_non_streaming),
            metrics: Arc::new(Metrics::default()),
            site,
            connections: Arc::new(Stats::default()),
            shutdown: CancellationToken::new(),
            config,
        })
    }
}

/// The checks that need no address: run before the server binds.
pub fn check(config: &Config) -> Result<(), ConfigError> {
    if config.models.iter().all(|m| m.trim().is_empty()) {
        return Err(ConfigError::NoModels);
    }
    // Only a key is worth protecting: an offline server may show its pages to a network.
    if !config.bind.is_loopback() && config.token().is_none() && config.key().is_some() {
        return Err(ConfigError::PublicWithoutToken(config.bind));
    }
    Upstream::parse(&config.upstream)?;
    Access::new(config, config.port)?;
    Ok(())
}

/// The whole application: API routes, the pages, CORS for the configured origins, the
/// `Host` check and the security headers on everything.
pub fn router(state: Arc<AppState>) -> Router {
    let statics = static_files::router(&state.site, state.config.static_max_age);
    let mut app = Router::new()
        .route("/v1/messages", post(messages))
        .route("/v1/messages/count_tokens", post(count_tokens))
        .route("/v1/models", get(models))
        .route("/v1/models/{id}", get(model))
        .route("/v1/{*rest}", any(no_such_api))
        .route("/api/health", get(health))
        .route("/metrics", get(metrics))
        .with_state(Arc::clone(&state))
        .merge(statics);
    if let Some(cors) = cors(state.access.cors_origins()) {
        app = app.layer(cors);
    }
    app.layer(middleware::from_fn_with_state(state, host))
        .layer(middleware::from_fn(security::headers))
}

fn cors(origins: &[String]) -> Option<CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let origins = origins
        .iter()
        .filter_map(|o| HeaderValue::from_str(o).ok())
        .collect::<Vec<_>>();
    let name = header::HeaderName::from_static;
    Some(
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
    )
}

/// Every request must name this server (see `Access::check_host`).
async fn host(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    match state.access.check_host(request.uri(), request.headers()) {
        Ok(()) => next.run(request).await,
        Err(error) => {
            tracing::info!(kind = error.kind(), %error, "request refused");
            error.into_response()
        }
    }
}

/// `GET /api/health`: whether Claude is configured, whether a token is needed, the version,
/// the models (default first).
async fn health(State(state): State<Arc<AppState>>) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "claude": if state.key.is_some() { "configured" } else { "offline" },
        "access": if state.access.needs_token() { "token" } else { "open" },
        "version": env!("CARGO_PKG_VERSION"),
        "models": state.config.models,
    }))
}

/// `GET /metrics`: Prometheus text (behind the access token when one is configured).
async fn metrics(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if let Err(error) = state.access.check_token(&headers) {
        return error.into_response();
    }
    let kind = HeaderValue::from_static("text/plain; version=0.0.4; charset=utf-8");
    let mut text = state.metrics.render();
    let connections = &state.connections;
    let gauges = [
        (
            "castmatch_connections_open",
            "gauge",
            "Client connections open now.",
            connections.open.load(Relaxed) as u64,
        ),
        (
            "castmatch_connections_evicted_total",
            "counter",
            "Connections without a request in progress closed at the connection cap.",
            connections.evicted.load(Relaxed),
        ),
        (
            "castmatch_shared_limits_degraded",
            "gauge",
            "1 while Redis is configured but away (limits are per broker meanwhile).",
            u64::from(state.quotas.degraded().load(Relaxed)),
        ),
    ];
    for (name, kind, help, value) in gauges {
        // Writing into a String cannot fail.
        let _ = writeln!(
            text,
            "# HELP {name} {help}\n# TYPE {name} {kind}\n{name} {value}"
        );
    }
    ([(header::CONTENT_TYPE, kind)], text).into_response()
}

/// `GET /v1/models`: the allowed models in the shape of Anthropic's list.
async fn models(State(state): State<Arc<AppState>>, headers: HeaderMap) -> Response {
    if let Err(error) = caller(&state, &headers) {
        return error.into_response();
    }
    let data: Vec<_> = state.config.models.iter().map(|m| model_info(m)).collect();
    Json(serde_json::json!({
        "data": data,
        "has_more": false,
        "first_id": state.config.models.first(),
        "last_id": state.config.models.last(),
    }))
    .into_response()
}

/// `GET /v1/models/{id}`: one allowed model, or 404.
async fn model(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Err(error) = caller(&state, &headers) {
        return error.into_response();
    }
    match state.config.models.iter().find(|m| **m == id) {
        Some(model) => Json(model_info(model)).into_response(),
        None => ApiError::NotFound(format!("model `{id}` is not available on this server"))
            .into_response(),
    }
}

/// A model entry; the broker knows only the id (`created_at` is the epoch).
fn model_info(id: &str) -> serde_json::Value {
    serde_json::json!({"type": "model", "id": id, "display_name": id,
                       "created_at": "1970-01-01T00:00:00Z"})
}

async fn no_such_api(uri: axum::http::Uri) -> Response {
    ApiError::NotFound(format!("{} is not an API of this server", uri.path())).into_response()
}

/// `POST /v1/messages`: checked, limited, forwarded upstream with the server's key.
async fn messages(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    answer(&state, peer, headers, body, Endpoint::Messages).await
}

/// `POST /v1/messages/count_tokens`: the same rules, no budget (counting is free upstream).
async fn count_tokens(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    answer(&state, peer, headers, body, Endpoint::CountTokens).await
}

async fn answer(
    state: &Arc<AppState>,
    peer: SocketAddr,
    headers: HeaderMap,
    body: Body,
    endpoint: Endpoint,
) -> Response {
    // A conversation turn (not a token count) is timed for /metrics from its arrival.
    let turn = (endpoint == Endpoint::Messages).then(|| state.metrics.turn_started());
    let response = match admit(state, peer, &headers, body, endpoint).await {
        Ok(forward) => proxy::forward(state, &headers, forward).await,
        Err(error) => Err(error),
    }
    .unwrap_or_else(|error| {
        tracing::info!(status = error.status().as_u16(), kind = error.kind(), %error, "request refused");
        error.into_response()
    });
    state.metrics.request(response.status().as_u16());
    match turn {
        Some(turn) => turn.watch(response),
        None => response,
    }
}

/// The page and token checks every `/v1/*` call passes.
fn caller(state: &AppState, headers: &HeaderMap) -> Result<(), ApiError> {
    state.access.check_page(headers)?;
    state.access.check_token(headers)
}

/// The checks before anything goes upstream, cheapest first; a refused request never
/// reaches the upstream.
async fn admit(
    state: &Arc<AppState>,
    peer: SocketAddr,
    headers: &HeaderMap,
    body: Body,
    endpoint: Endpoint,
) -> Result<Forward, ApiError> {
    caller(state, headers)?;
    check_json(headers)?;
    let key = state.key.clone().ok_or(ApiError::Offline)?;
    state.policy.check_betas(headers)?;
    let client = state.access.client_of(peer, headers);
    state.quotas.check_rate(client).await?;
    let limit = state.config.max_body_bytes;
    let body = tokio::time::timeout(state.config.body_timeout, read_body(headers, body, limit))
        .await
        .map_err(|_| ApiError::BodyTimeout(state.config.body_timeout))??;
    let admitted = state.policy.check_body(&body, endpoint)?;
    let permit = if admitted.stream {
        state.streams.acquire()?
    } else {
        state.requests.acquire()?
    };
    let reservation = match endpoint {
        Endpoint::Messages => Some(state.quotas.reserve(client, admitted.max_tokens).await?),
        Endpoint::CountTokens => None,
    };
    Ok(Forward {
        key,
        endpoint,
        body,
        model: admitted.model,
        stream: admitted.stream,
        permit,
        spend: Spend::new(&state.quotas, reservation),
    })
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
