//! Security headers on every response: a Content-Security-Policy that lets the pages run
//! their own scripts, wasm and workers and nothing else, `nosniff`, no framing, no referrer;
//! API answers get a policy that allows nothing at all.

use axum::extract::Request;
use axum::http::{header, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

/// The pages: own scripts (module workers included), compiled wasm, own styles and fetches.
/// Images also from any `https:` host: headshots live where agencies keep them (a roster's
/// `photo_url`), and an image runs no code. `data:` for the blank favicon. No inline script or
/// style, no plugins, no framing.
pub const PAGE_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self'; img-src 'self' data: https:; connect-src 'self'; worker-src 'self'; \
     object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Everything that is not a page (the broker's JSON and event streams, health, metrics).
pub const API_POLICY: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

/// Adds the security headers a response does not already carry.
pub async fn headers(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let api = path.starts_with("/v1/") || path.starts_with("/api/") || path == "/metrics";
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let policy = if api { API_POLICY } else { PAGE_POLICY };
    let set = [
        (header::CONTENT_SECURITY_POLICY, policy),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            HeaderName::from_static("cross-origin-resource-policy"),
            "same-origin",
        ),
    ];
    for (name, value) in set {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    response
}
