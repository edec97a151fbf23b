//! The pages: `--www` at `/` and `--pkg` at `/pkg-web/`, with `application/wasm` for `.wasm`,
//! `Cache-Control: no-cache` for HTML, `immutable` for the model files (their names carry their
//! checksum) and a `max-age` for everything else.

use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower_http::services::ServeDir;

use super::config::Config;

/// A router serving both directories; merged into the app as its fallback.
pub fn router(config: &Config) -> Router {
    let max_age = config.static_max_age.as_secs();
    let cache = HeaderValue::from_str(&format!("public, max-age={max_age}"))
        .unwrap_or(HeaderValue::from_static("no-cache"));
    Router::new()
        .nest_service("/pkg-web", ServeDir::new(&config.pkg))
        .fallback_service(ServeDir::new(&config.www).append_index_html_on_directories(true))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            let cache = cache.clone();
            async move { caching(request, next, cache).await }
        }))
}

/// Sets the content type of `.wasm` and the caching policy of every file served.
async fn caching(request: Request, next: Next, cache: HeaderValue) -> Response {
    let wasm = request.uri().path().ends_with(".wasm");
    let model = request.uri().path().starts_with("/pkg-web/models/");
    let mut response = next.run(request).await;
    if !response.status().is_success() && response.status().as_u16() != 304 {
        return response;
    }
    let headers = response.headers_mut();
    if wasm {
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/wasm"),
        );
    }
    let html = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    let policy = if html {
        HeaderValue::from_static("no-cache")
    } else if model {
        HeaderValue::from_static("public, max-age=31536000, immutable")
    } else {
        cache
    };
    headers.insert(header::CACHE_CONTROL, policy);
    response
}
