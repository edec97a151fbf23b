//! The pages: where they are (`Site::locate`), and serving `www` at `/` and `pkg-web` at
//! `/pkg-web/`: never a dotfile or a symlink out of its directory, compressed (`.br` / `.gz`
//! siblings that `pkg-web/build.sh` writes, else on the fly), `application/wasm` for `.wasm`,
//! HTML `no-cache`, `immutable` for the model files and prebuilt roster snapshots (their names
//! carry their checksum).

use std::path::{Component, Path, PathBuf};

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

/// Where the pages and the package are.
#[derive(Clone, Debug)]
pub struct Site {
    pub www: PathBuf,
    pub pkg: PathBuf,
}

/// The pages could not be found.
#[derive(Debug, thiserror::Error)]
pub enum SiteError {
    #[error("--www {0}: no such directory")]
    NoWww(PathBuf),
    #[error("the pages (www/index.html) are not in any of: {}; give their directory with --www (and --pkg for pkg-web)", list(.0))]
    NotFound(Vec<PathBuf>),
}

fn list(places: &[PathBuf]) -> String {
    places
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Site {
    /// `www` as given, else the first of `search` (each a directory that may hold `www/`)
    /// that has `www/index.html`; `pkg` as given, else `pkg-web` beside `www`. Paths come
    /// back absolute, so the log says exactly what is served.
    pub fn locate(
        www: Option<&Path>,
        pkg: Option<&Path>,
        search: &[PathBuf],
    ) -> Result<Site, SiteError> {
        let www = match www {
            Some(dir) if dir.is_dir() => absolute(dir),
            Some(dir) => return Err(SiteError::NoWww(dir.to_path_buf())),
            None => {
                let places: Vec<PathBuf> = search.iter().map(|d| d.join("www")).collect();
                let found = places.iter().find(|w| w.join("index.html").is_file());
                match found {
                    Some(dir) => absolute(dir),
                    None => return Err(SiteError::NotFound(places)),
                }
            }
        };
        let pkg = match pkg {
            Some(dir) => absolute(dir),
            None => www
                .parent()
                .map_or_else(|| PathBuf::from("pkg-web"), |p| p.join("pkg-web")),
        };
        Ok(Site { www, pkg })
    }

    /// Where `castmatch serve` looks when `--www` is not given: the current directory, the
    /// executable's directory and its two parents (`target/release/castmatch` of a checkout),
    /// then the source tree the binary was built from.
    pub fn search_path(source_tree: &Path) -> Vec<PathBuf> {
        let mut places = Vec::new();
        if let Ok(cwd) = std::env::current_dir() {
            places.push(cwd);
        }
        if let Some(exe) = std::env::current_exe()
            .ok()
            .and_then(|e| e.canonicalize().ok())
        {
            places.extend(exe.ancestors().skip(1).take(3).map(Path::to_path_buf));
        }
        places.push(source_tree.to_path_buf());
        places.dedup();
        places
    }
}

fn absolute(dir: &Path) -> PathBuf {
    dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf())
}

/// A router serving both directories; merged into the app as its fallback.
pub fn router(site: &Site, max_age: std::time::Duration) -> Router {
    let cache = HeaderValue::from_str(&format!("public, max-age={}", max_age.as_secs()))
        .unwrap_or(HeaderValue::from_static("no-cache"));
    let serve = |dir: &Path| {
        ServeDir::new(dir)
            .precompressed_br()
            .precompressed_gzip()
            .append_index_html_on_directories(true)
    };
    let roots = Roots {
        www: absolute(&site.www),
        pkg: absolute(&site.pkg),
    };
    Router::new()
        .nest_service("/pkg-web", serve(&site.pkg))
        .fallback_service(serve(&site.www))
        .layer(middleware::from_fn(skip_stale))
        .layer(CompressionLayer::new().br(true).gzip(true))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            let cache = cache.clone();
            async move { caching(request, next, cache).await }
        }))
        .layer(middleware::from_fn(move |request: Request, next: Next| {
            let roots = roots.clone();
            async move { confine(request, next, roots).await }
        }))
}

#[derive(Clone)]
struct Roots {
    www: PathBuf,
    pkg: PathBuf,
}

/// Refuses (404) dotfiles and dot-directories (`.env`, `.git/`) and any path whose real
/// location, symlinks resolved, is outside its directory.
async fn confine(request: Request, next: Next, roots: Roots) -> Response {
    let path = request.uri().path();
    let decoded = percent_decode(path);
    let Some(decoded) = decoded else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let (root, rest) = match decoded.strip_prefix("/pkg-web/") {
        Some(rest) => (&roots.pkg, rest.to_string()),
        None => (&roots.www, decoded.trim_start_matches('/').to_string()),
    };
    let mut target = root.clone();
    for component in Path::new(&rest).components() {
        match component {
            Component::Normal(name) => {
                if name.to_string_lossy().starts_with('.') {
                    return StatusCode::NOT_FOUND.into_response();
                }
                target.push(name);
            }
            Component::CurDir => {}
            // `..`, a root or a prefix: ServeDir refuses these too; say so first.
            _ => return StatusCode::NOT_FOUND.into_response(),
        }
    }
    if let Ok(real) = tokio::fs::canonicalize(&target).await {
        if !real.starts_with(root) {
            return StatusCode::NOT_FOUND.into_response();
        }
    }
    let mut request = request;
    request.extensions_mut().insert(Target(target));
    next.run(request).await
}

/// The file a request resolved to, for `skip_stale`.
#[derive(Clone)]
struct Target(PathBuf);

/// A `.br` / `.gz` older than its file (the file rebuilt without them) must not be served:
/// below the compression layer, hide `Accept-Encoding` from `ServeDir` so that the file
/// itself is served and compressed on the fly.
async fn skip_stale(mut request: Request, next: Next) -> Response {
    let stale = match request.extensions().get::<Target>() {
        Some(Target(file)) => stale_siblings(file).await,
        None => false,
    };
    if stale {
        request.headers_mut().remove(header::ACCEPT_ENCODING);
    }
    next.run(request).await
}

/// True when `file` has a `.br` or `.gz` sibling older than itself.
async fn stale_siblings(file: &Path) -> bool {
    let modified = |path: PathBuf| async move {
        tokio::fs::metadata(path)
            .await
            .and_then(|m| m.modified())
            .ok()
    };
    let Some(original) = modified(file.to_path_buf()).await else {
        return false;
    };
    for suffix in ["br", "gz"] {
        let mut sibling = file.as_os_str().to_owned();
        sibling.push(format!(".{suffix}"));
        if modified(PathBuf::from(sibling))
            .await
            .is_some_and(|m| m < original)
        {
            return true;
        }
    }
    false
}

/// A URL path with `%XX` decoded, or `None` when it decodes to invalid UTF-8 or a NUL.
fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let text = String::from_utf8(out).ok()?;
    (!text.contains('\0') && !text.contains('\\')).then_some(text)
}

/// Files whose names carry their checksum: a name never changes content, so browsers keep them.
fn immutable(path: &str) -> bool {
    path.starts_with("/pkg-web/models/")
        || (path.starts_with("/pkg-web/rosters/") && path.ends_with(".cmcat"))
}

/// Sets the content type of `.wasm`, `Vary`, and the caching policy of every file served.
async fn caching(request: Request, next: Next, cache: HeaderValue) -> Response {
    let wasm = request.uri().path().ends_with(".wasm");
    let model = immutable(request.uri().path());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_refuses_nul_and_bad_utf8() {
        assert_eq!(percent_decode("/a%2Fb%20c").as_deref(), Some("/a/b c"));
        assert_eq!(percent_decode("/%2e%2e/x").as_deref(), Some("/../x"));
        assert_eq!(percent_decode("/a%00"), None);
        assert_eq!(percent_decode("/a%ff"), None);
        assert_eq!(percent_decode("/a%zz"), None);
        assert_eq!(percent_decode("/a%5c..%5cx"), None);
        assert_eq!(percent_decode("/a%2").as_deref(), Some("/a%2"));
    }

    #[test]
    fn only_checksummed_names_are_immutable() {
        assert!(immutable(
            "/pkg-web/models/castmatch-static-v1-d128-0a1b2c3d.cmse"
        ));
        assert!(immutable(
            "/pkg-web/rosters/synthetic-100000-42-0123abcd.cmcat"
        ));
        assert!(
            !immutable("/pkg-web/rosters/index.json"),
            "the manifest names new files"
        );
        assert!(!immutable("/pkg-web/castmatch.js"));
        assert!(!immutable("/rosters/x.cmcat"));
    }

    #[test]
    fn locate_names_every_place_it_looked() {
        let empty = std::env::temp_dir().join("castmatch-locate-test-none");
        let error = Site::locate(None, None, std::slice::from_ref(&empty))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains(&empty.join("www").display().to_string()),
            "{error}"
        );
        assert!(error.contains("--www"), "{error}");
        let missing = Site::locate(Some(&empty), None, &[]).unwrap_err();
        assert!(matches!(missing, SiteError::NoWww(_)));
    }
}
