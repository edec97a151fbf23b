//! The broker's one error type: every failure `/v1/messages` reports itself, rendered in
//! Anthropic's shape `{"type":"error","error":{"type":...,"message":...}}` so SDKs handle it.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// A failure answered by the broker itself (upstream errors pass through untouched).
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// No API key: the server runs offline.
    #[error(
        "Claude is not configured: this server runs offline (no ANTHROPIC_API_KEY), \
         so the pages use the built-in brief parser and replies"
    )]
    Offline,
    /// The `Host` names neither this server nor an `--allowed-host` (DNS rebinding).
    #[error("this server does not answer to the host `{0}` (the operator can add it with --allowed-host)")]
    ForeignHost(String),
    /// A web page of another origin, or a cross-site request.
    #[error("this server's API answers only its own pages: {0} (the operator can allow another origin with --cors-origin)")]
    ForeignPage(String),
    /// An access token is configured and the request does not carry it.
    #[error("this server needs an access token: send it as `Authorization: Bearer TOKEN` or `x-api-key: TOKEN`")]
    Unauthenticated,
    /// A body that is not `application/json`.
    #[error("content-type `{0}` is not accepted: send the body as application/json")]
    UnsupportedMediaType(String),
    /// A field, server tool, URL source or beta the operator did not enable.
    #[error("{0}")]
    NotAllowed(String),
    /// The body did not arrive within `--body-timeout`.
    #[error("the request body did not arrive within {0:?}")]
    BodyTimeout(std::time::Duration),
    /// A client's or everyone's daily token budget is spent.
    #[error("{scope} daily budget of {budget} tokens is spent; it renews at 00:00 UTC, in {} h {} min", retry_after_secs / 3600, retry_after_secs % 3600 / 60)]
    BudgetSpent {
        scope: &'static str,
        budget: u64,
        retry_after_secs: u64,
    },
    /// `--max-non-streaming` requests are already in flight.
    #[error("the server has too many requests in flight ({max}); retry shortly")]
    TooManyInFlight { max: usize },
    /// An API path or model this server does not have.
    #[error("{0}")]
    NotFound(String),
    /// The request body is over `--max-body-bytes`.
    #[error("request body is larger than the {limit} bytes this server accepts")]
    BodyTooLarge { limit: usize },
    /// Bad JSON, a model outside the allowlist, `max_tokens` over the cap.
    #[error("{0}")]
    InvalidRequest(String),
    /// The client's token bucket is empty.
    #[error("too many requests from this client; retry in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// `--max-streams` streams are already open.
    #[error("the server has too many open streams ({max}); retry shortly")]
    TooManyStreams { max: usize },
    /// The upstream could not be reached or failed before answering.
    #[error("the Claude API could not be reached: {0}")]
    Upstream(String),
    /// The upstream did not answer within `--first-byte-timeout`.
    #[error("the Claude API did not answer within {0:?}")]
    UpstreamTimeout(std::time::Duration),
}

impl ApiError {
    /// The HTTP status the error is answered with.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Offline => StatusCode::SERVICE_UNAVAILABLE,
            ApiError::ForeignHost(_) | ApiError::ForeignPage(_) | ApiError::NotAllowed(_) => {
                StatusCode::FORBIDDEN
            }
            ApiError::Unauthenticated => StatusCode::UNAUTHORIZED,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::BodyTimeout(_) => StatusCode::REQUEST_TIMEOUT,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::BodyTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::InvalidRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::RateLimited { .. }
            | ApiError::TooManyStreams { .. }
            | ApiError::TooManyInFlight { .. }
            | ApiError::BudgetSpent { .. } => StatusCode::TOO_MANY_REQUESTS,
            ApiError::Upstream(_) => StatusCode::BAD_GATEWAY,
            ApiError::UpstreamTimeout(_) => StatusCode::GATEWAY_TIMEOUT,
        }
    }

    /// Anthropic's `error.type` for this error.
    pub fn kind(&self) -> &'static str {
        match self {
            ApiError::Offline | ApiError::Upstream(_) => "api_error",
            ApiError::ForeignHost(_) | ApiError::ForeignPage(_) | ApiError::NotAllowed(_) => {
                "permission_error"
            }
            ApiError::Unauthenticated => "authentication_error",
            ApiError::NotFound(_) => "not_found_error",
            ApiError::BodyTooLarge { .. } => "request_too_large",
            ApiError::InvalidRequest(_) | ApiError::UnsupportedMediaType(_) => {
                "invalid_request_error"
            }
            ApiError::RateLimited { .. }
            | ApiError::TooManyStreams { .. }
            | ApiError::TooManyInFlight { .. }
            | ApiError::BudgetSpent { .. } => "rate_limit_error",
            ApiError::UpstreamTimeout(_) | ApiError::BodyTimeout(_) => "timeout_error",
        }
    }

    fn retry_after(&self) -> Option<u64> {
        match self {
            ApiError::RateLimited { retry_after_secs }
            | ApiError::BudgetSpent {
                retry_after_secs, ..
            } => Some(*retry_after_secs),
            ApiError::TooManyStreams { .. } | ApiError::TooManyInFlight { .. } => Some(1),
            _ => None,
        }
    }
}

/// The JSON body of an error in Anthropic's shape.
pub fn error_body(kind: &str, message: &str) -> String {
    serde_json::json!({"type": "error", "error": {"type": kind, "message": message}}).to_string()
}

/// One SSE `error` event in Anthropic's shape, for failures after a stream has started.
pub fn error_event(kind: &str, message: &str) -> bytes::Bytes {
    format!("event: error\ndata: {}\n\n", error_body(kind, message)).into()
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response =
            (self.status(), error_body(self.kind(), &self.to_string())).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        if let Some(secs) = self.retry_after() {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(secs));
        }
        let hopeless = matches!(
            self,
            ApiError::Offline
                | ApiError::BudgetSpent { .. }
                | ApiError::Unauthenticated
                | ApiError::ForeignHost(_)
                | ApiError::ForeignPage(_)
        );
        if hopeless {
            // Anthropic's SDKs honour this: no retry can succeed before the operator acts
            // (or, for a budget, before midnight).
            headers.insert("x-should-retry", HeaderValue::from_static("false"));
        }
        response
    }
}
