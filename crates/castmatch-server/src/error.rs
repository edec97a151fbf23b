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
            ApiError::BodyTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::InvalidRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::RateLimited { .. } | ApiError::TooManyStreams { .. } => {
                StatusCode::TOO_MANY_REQUESTS
            }
            ApiError::Upstream(_) => StatusCode::BAD_GATEWAY,
            ApiError::UpstreamTimeout(_) => StatusCode::GATEWAY_TIMEOUT,
        }
    }

    /// Anthropic's `error.type` for this error.
    pub fn kind(&self) -> &'static str {
        match self {
            ApiError::Offline | ApiError::Upstream(_) => "api_error",
            ApiError::BodyTooLarge { .. } => "request_too_large",
            ApiError::InvalidRequest(_) => "invalid_request_error",
            ApiError::RateLimited { .. } | ApiError::TooManyStreams { .. } => "rate_limit_error",
            ApiError::UpstreamTimeout(_) => "timeout_error",
        }
    }

    fn retry_after(&self) -> Option<u64> {
        match self {
            ApiError::RateLimited { retry_after_secs } => Some(*retry_after_secs),
            ApiError::TooManyStreams { .. } => Some(1),
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
        if matches!(self, ApiError::Offline) {
            // Anthropic's SDKs honour this: do not retry a server that has no key.
            headers.insert("x-should-retry", HeaderValue::from_static("false"));
        }
        response
    }
}
