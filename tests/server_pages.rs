//! The pages as a browser gets them (issue 15, item 4): compressed (precompressed siblings,
//! else on the fly) with `Content-Encoding` and `Vary`, the wasm's MIME type, and
//! `castmatch serve` finding its pages when started from another directory (or saying where
//! it looked); its startup log never shows upstream credentials; bad flags are errors.

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use support::*;

/// A client that does not decompress, to see the encoding; and one that does.
fn raw_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .no_gzip()
        .no_brotli()
        .build()
        .unwrap()
}

fn decoding_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .gzip(true)
        .brotli(true)
        .build()
        .unwrap()
}

#[tokio::test]
async fn static_files_are_compressed_as_the_browser_accepts() {
    let www = tempfile::tempdir().unwrap();
    let pkg = tempfile::tempdir().unwrap();
    let script = "export function hello() { return 'CastMatch'; }\n".repeat(200);
    std::fs::write(
        www.path().join("index.html"),
        "<h1>CastMatch</h1>".repeat(50),
    )
    .unwrap();
    std::fs::write(www.path().join("app.js"), &script).unwrap();
    let wasm: Vec<u8> = (0..20_000u32)
        .flat_map(|i| (i % 97).to_le_bytes())
        .collect();
    std::fs::write(pkg.path().join("castmatch_bg.wasm"), &wasm).unwrap();
    // Precompressed siblings, as pkg-web/build.sh writes them (contents marked to tell apart).
    std::fs::write(pkg.path().join("castmatch_bg.wasm.br"), b"BROTLI-SIBLING").unwrap();
    std::fs::write(pkg.path().join("castmatch_bg.wasm.gz"), b"GZIP-SIBLING").unwrap();
    let (w, p) = (www.path().to_owned(), pkg.path().to_owned());
    let (_fake, server) = broker(move |c| {
        c.www = Some(w);
        c.pkg = Some(p);
    })
    .await;
    let get = |path: &str, accept: &'static str| {
        raw_client()
            .get(url(&server, path))
            .header("accept-encoding", accept)
            .send()
    };
    for (accept, encoding, body) in [
        ("br, gzip", "br", "BROTLI-SIBLING"),
        ("gzip", "gzip", "GZIP-SIBLING"),
    ] {
        let response = get("/pkg-web/castmatch_bg.wasm", accept).await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-encoding"], encoding);
        assert_eq!(response.headers()["content-type"], "application/wasm");
        assert_eq!(response.headers()["vary"], "accept-encoding");
        assert_eq!(response.text().await.unwrap(), body);
    }
    let plain = get("/pkg-web/castmatch_bg.wasm", "identity").await.unwrap();
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.headers()["vary"], "accept-encoding");
    assert_eq!(plain.bytes().await.unwrap().as_ref(), wasm.as_slice());

    // No sibling: compressed on the fly, and it decodes to the file.
    for (accept, encoding) in [("br", "br"), ("gzip, deflate", "gzip")] {
        let response = get("/app.js", accept).await.unwrap();
        assert_eq!(response.headers()["content-encoding"], encoding);
        assert!(response.headers()["content-type"]
            .to_str()
            .unwrap()
            .contains("javascript"));
        assert!(response.bytes().await.unwrap().len() < script.len() / 5);
    }
    let decoded = decoding_client()
        .get(url(&server, "/app.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(decoded.text().await.unwrap(), script);

    // A sibling older than its file is stale: the file is compressed on the fly instead.
    std::thread::sleep(Duration::from_millis(20));
    std::fs::write(pkg.path().join("castmatch_bg.wasm"), &wasm).unwrap();
    let fresh = get("/pkg-web/castmatch_bg.wasm", "br").await.unwrap();
    assert_eq!(fresh.headers()["content-encoding"], "br");
    assert_eq!(fresh.headers()["content-type"], "application/wasm");
    let body = fresh.bytes().await.unwrap();
    assert_ne!(body.as_ref(), b"BROTLI-SIBLING");
    let decoded = decoding_client()
        .get(url(&server, "/pkg-web/castmatch_bg.wasm"))
        .send()
        .await
        .unwrap();
    assert_eq!(decoded.bytes().await.unwrap().as_ref(), wasm.as_slice());
}

/// `castmatch serve` as a child process; killed on drop.
struct Serve {
    child: Child,
    log: Vec<String>,
    base: Option<String>,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Runs `castmatch serve --port 0 ARGS` in `cwd` and reads its log until it listens or exits.
fn serve_in(cwd: &std::path::Path, args: &[&str], env: &[(&str, &str)]) -> Serve {
    let mut command = Command::new(env!("CARGO_BIN_EXE_castmatch"));
    command
        .current_dir(cwd)
        .args(["serve", "--port", "0"])
        .args(args)
        .env_remove("ANTHROPIC_API_KEY")
        .env_remove("ANTHROPIC_BASE_URL")
        .env("RUST_LOG", "info")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    let mut child = command.spawn().unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let mut log = Vec::new();
    let mut base = None;
    for line in stdout.lines() {
        let line = line.unwrap();
        if let Some(at) = line.find("listening on ") {
            let rest = &line[at + "listening on ".len()..];
            base = rest.split_whitespace().next().map(str::to_string);
            log.push(line);
            break;
        }
        log.push(line);
    }
    if base.is_none() {
        let _ = child.wait();
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        log.push(stderr);
    }
    Serve { child, log, base }
}

#[tokio::test]
async fn serve_finds_its_pages_from_another_directory_and_hides_credentials() {
    let elsewhere = tempfile::tempdir().unwrap();
    let serve = serve_in(
        elsewhere.path(),
        &[],
        &[
            ("ANTHROPIC_API_KEY", "sk-ant-cli-SECRET"),
            ("ANTHROPIC_BASE_URL", "http://user:p4ss-SECRET@127.0.0.1:9"),
        ],
    );
    let log = serve.log.join("\n");
    let base = serve
        .base
        .clone()
        .unwrap_or_else(|| panic!("did not start:\n{log}"));
    let www = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("www")
        .canonicalize()
        .unwrap();
    assert!(log.contains(&format!("www={}", www.display())), "{log}");
    assert!(log.contains("upstream=http://127.0.0.1:9/"), "{log}");
    assert!(!log.contains("SECRET"), "credentials in the log:\n{log}");
    for page in ["/chat.html", "/", "/js/claude.js"] {
        let response = client().get(format!("{base}{page}")).send().await.unwrap();
        assert_eq!(response.status(), 200, "{page}");
    }
    let chat = client()
        .get(format!("{base}/chat.html"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(chat.contains("CastMatch"));
}

#[test]
fn bad_flags_stop_serve_with_a_message_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    for (args, expected) in [
        (vec!["--cors-origin", "*"], "wildcard"),
        (vec!["--cors-origin", "null"], "`null`"),
        (vec!["--bind", "0.0.0.0"], "--access-token"),
        (vec!["--www", "/nonexistent/www"], "no such directory"),
        (vec!["--upstream", "http://api.example.com"], "https://"),
    ] {
        // With a key: a public bind without a token must then refuse to start.
        let serve = serve_in(dir.path(), &args, &[("ANTHROPIC_API_KEY", "sk-ant-test")]);
        let log = serve.log.join("\n");
        assert!(serve.base.is_none(), "{args:?} started:\n{log}");
        assert!(log.contains(expected), "{args:?}: `{expected}` in\n{log}");
        assert!(!log.contains("panicked"), "{args:?}:\n{log}");
    }
}
