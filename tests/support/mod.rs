//! Shared helpers of the server tests: a fake upstream plus a broker pointed at it, request
//! builders, and readers of event streams.
#![allow(dead_code)]

use std::time::Duration;

use castmatch_fake_anthropic::FakeUpstream;
use castmatch_server::{Config, Server};
use serde_json::{json, Value};

/// The key the broker holds in tests; it must never reach a client or a log line.
pub const KEY: &str = "sk-ant-test-SECRET-0123456789";

/// A broker configuration for tests: loopback, free port, no rate limit, fast retries.
pub fn config(fake: &FakeUpstream) -> Config {
    let mut config = Config::defaults();
    config.bind = "127.0.0.1".parse().unwrap();
    config.port = 0;
    config.upstream = fake.base_url();
    config.api_key = Some(KEY.into());
    config.rate_limit_per_minute = 0;
    config.retry_base_delay = Duration::from_millis(10);
    config.www = Some(empty_dir("www"));
    config.pkg = Some(empty_dir("pkg"));
    config
}

/// An empty directory under the system's temporary directory, shared by the tests.
pub fn empty_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("castmatch-test-empty-{name}"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A fake upstream and a broker in front of it, configured by `tweak`.
pub async fn broker(tweak: impl FnOnce(&mut Config)) -> (FakeUpstream, Server) {
    let fake = FakeUpstream::start().await.unwrap();
    let mut config = config(&fake);
    tweak(&mut config);
    let server = castmatch_server::start(config).await.unwrap();
    (fake, server)
}

pub fn url(server: &Server, path: &str) -> String {
    format!("http://{}{path}", server.local_addr())
}

/// A Messages request whose last user message selects a fake scenario.
pub fn request(scenario: &str, stream: bool) -> Value {
    json!({
        "model": "claude-sonnet-4-5",
        "max_tokens": 1024,
        "stream": stream,
        "messages": [{"role": "user", "content": format!("scenario:{scenario} female lead, 25-32")}],
    })
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

/// POSTs to the broker's `/v1/messages`.
pub async fn post(server: &Server, body: &Value) -> reqwest::Response {
    client()
        .post(url(server, "/v1/messages"))
        .json_body(body)
        .send()
        .await
        .unwrap()
}

/// POSTs straight to the fake, as the broker would.
pub async fn post_direct(fake: &FakeUpstream, body: &Value) -> reqwest::Response {
    client()
        .post(format!("{}/v1/messages", fake.base_url()))
        .header("x-api-key", "direct")
        .header("anthropic-version", "2023-06-01")
        .json_body(body)
        .send()
        .await
        .unwrap()
}

/// Reads a body to its end, keeping the chunks as they arrived.
pub async fn chunks(mut response: reqwest::Response) -> Vec<bytes::Bytes> {
    let mut chunks = Vec::new();
    while let Some(chunk) = response.chunk().await.unwrap() {
        chunks.push(chunk);
    }
    chunks
}

/// A whole event stream as text.
pub async fn text(response: reqwest::Response) -> String {
    String::from_utf8(chunks(response).await.concat()).unwrap()
}

/// `(event name, data JSON)` of every event of a stream's text.
pub fn events(stream: &str) -> Vec<(String, Value)> {
    stream
        .split("\n\n")
        .filter(|e| !e.trim().is_empty())
        .map(|e| {
            let parsed = castmatch_server::sse::parse(e.as_bytes());
            let data = serde_json::from_str(&parsed.data).unwrap_or(Value::Null);
            (parsed.name.unwrap_or_default(), data)
        })
        .collect()
}

/// Polls `check` until it holds or `within` passes; returns whether it held.
pub async fn eventually(within: Duration, mut check: impl FnMut() -> bool) -> bool {
    let deadline = tokio::time::Instant::now() + within;
    while tokio::time::Instant::now() < deadline {
        if check() {
            return true;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    check()
}

/// Asserts a body is an error in Anthropic's shape of the given type; returns its message.
pub fn assert_error_shape(body: &Value, kind: &str) -> String {
    assert_eq!(body["type"], "error", "{body}");
    assert_eq!(body["error"]["type"], kind, "{body}");
    body["error"]["message"]
        .as_str()
        .expect("a message")
        .to_string()
}

/// JSON bodies without reqwest's `json` feature.
pub trait JsonBody {
    fn json_body(self, body: &Value) -> Self;
}

impl JsonBody for reqwest::RequestBuilder {
    fn json_body(self, body: &Value) -> Self {
        self.header("content-type", "application/json")
            .body(serde_json::to_vec(body).unwrap())
    }
}

/// Reads a response body as JSON.
pub trait JsonValue {
    async fn json_value(self) -> Value;
}

impl JsonValue for reqwest::Response {
    async fn json_value(self) -> Value {
        let bytes = self.bytes().await.unwrap();
        serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("not JSON ({e}): {bytes:?}"))
    }
}

/// Sends raw bytes to the server on a fresh connection and reads what comes back until the
/// server closes it or `within` passes (requests should say `connection: close`).
pub async fn raw(server: &Server, request: &[u8], within: Duration) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut tcp = tokio::net::TcpStream::connect(server.local_addr())
        .await
        .unwrap();
    tcp.write_all(request).await.unwrap();
    let mut got = Vec::new();
    let _ = tokio::time::timeout(within, tcp.read_to_end(&mut got)).await;
    String::from_utf8_lossy(&got).into_owned()
}

/// The status code of a raw HTTP/1.1 answer (0 when there was none).
pub fn status_of(answer: &str) -> u16 {
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

/// The `Host` a browser would send for this server.
pub fn host(server: &Server) -> String {
    format!("127.0.0.1:{}", server.local_addr().port())
}

/// A raw `POST /v1/messages` with a JSON body, the given `Host` and extra header lines.
pub fn raw_post(host: &str, extra: &str, body: &Value) -> Vec<u8> {
    let body = serde_json::to_string(body).unwrap();
    format!(
        "POST /v1/messages HTTP/1.1\r\nHost: {host}\r\ncontent-type: application/json\r\n{extra}content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}
