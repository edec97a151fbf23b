//! The broker against an attacker (issue 16), each probe against the real server with the
//! fake upstream counting what reached it: foreign pages, rebound hosts, redirects,
//! half-open connections, headers, hostile answers, spend control, budgets, bad config.

mod support;

use std::time::{Duration, Instant};

use castmatch_fake_anthropic::{FakeOptions, FakeUpstream};
use serde_json::{json, Value};
use support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

// ------------------------------------------------------------------ pages of other sites

#[tokio::test]
async fn a_foreign_page_cannot_spend_the_key() {
    let (fake, server) = broker(|_| {}).await;
    let body = serde_json::to_vec(&request("text", false)).unwrap();
    let send = |kind: &'static str, pairs: Vec<(&'static str, String)>| {
        let mut builder = client()
            .post(url(&server, "/v1/messages"))
            .header("content-type", kind)
            .body(body.clone());
        for (name, value) in pairs {
            builder = builder.header(name, value);
        }
        builder.send()
    };
    let evil = || ("origin", "https://evil.example".to_string());
    let cross = || ("sec-fetch-site", "cross-site".to_string());
    // The simple request any page can send without a preflight.
    let response = send("text/plain", vec![evil(), cross()]).await.unwrap();
    assert_eq!(response.status(), 403);
    assert_error_shape(&response.json_value().await, "permission_error");
    // JSON from a foreign origin, an opaque origin, or flagged cross-site.
    for pairs in [
        vec![evil()],
        vec![("origin", "null".to_string())],
        vec![cross()],
        vec![(
            "origin",
            format!("http://127.0.0.1:{}", server.local_addr().port() + 1),
        )],
    ] {
        let response = send("application/json", pairs.clone()).await.unwrap();
        assert_eq!(response.status(), 403, "{pairs:?}");
    }
    // text/plain or a form even without a page: never JSON-parsed, never forwarded.
    for kind in [
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
    ] {
        let response = send(kind, vec![]).await.unwrap();
        assert_eq!(response.status(), 415, "{kind}");
        assert_error_shape(&response.json_value().await, "invalid_request_error");
    }
    assert_eq!(fake.attempts(), 0, "nothing reached the upstream");
    // The server's own page passes.
    let own = format!("http://{}", host(&server));
    let response = send(
        "application/json",
        vec![("origin", own), ("sec-fetch-site", "same-origin".into())],
    )
    .await
    .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(fake.attempts(), 1);
}

#[tokio::test]
async fn a_configured_origin_may_call_cross_site() {
    let (fake, server) = broker(|c| c.cors_origins = vec!["https://cast.example".into()]).await;
    let response = client()
        .post(url(&server, "/v1/messages"))
        .header("origin", "https://cast.example")
        .header("sec-fetch-site", "cross-site")
        .json_body(&request("text", false))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["access-control-allow-origin"],
        "https://cast.example"
    );
    assert_eq!(fake.attempts(), 1);
}

#[tokio::test]
async fn rebound_host_names_are_refused_everywhere() {
    let (fake, server) = broker(|c| c.allowed_hosts = vec!["cast.example.com".into()]).await;
    let port = server.local_addr().port();
    let rebound = format!("rebind.attacker.example:{port}");
    let answer = raw(
        &server,
        &raw_post(&rebound, "", &request("text", false)),
        Duration::from_secs(5),
    )
    .await;
    assert_eq!(status_of(&answer), 403, "{answer}");
    assert!(answer.contains("--allowed-host"), "{answer}");
    for path in ["/api/health", "/metrics", "/", "/v1/models"] {
        let get = format!("GET {path} HTTP/1.1\r\nHost: {rebound}\r\nconnection: close\r\n\r\n");
        let answer = raw(&server, get.as_bytes(), Duration::from_secs(5)).await;
        assert_eq!(status_of(&answer), 403, "{path}: {answer}");
    }
    // An absolute-form request naming another host is refused too.
    let absolute = format!("GET http://{rebound}/api/health HTTP/1.1\r\nHost: localhost:{port}\r\nconnection: close\r\n\r\n");
    assert_eq!(
        status_of(&raw(&server, absolute.as_bytes(), Duration::from_secs(5)).await),
        403
    );
    assert_eq!(fake.attempts(), 0);
    for good in [
        format!("localhost:{port}"),
        format!("127.0.0.1:{port}"),
        "cast.example.com".to_string(),
    ] {
        let answer = raw(
            &server,
            &raw_post(&good, "", &request("text", false)),
            Duration::from_secs(5),
        )
        .await;
        assert_eq!(status_of(&answer), 200, "{good}: {answer}");
    }
    assert_eq!(fake.attempts(), 3);
}

// ----------------------------------------------------------------- the upstream's answers

#[tokio::test]
async fn redirects_are_not_followed_and_the_key_stays_home() {
    let elsewhere = FakeUpstream::start().await.unwrap();
    let fake = FakeUpstream::start_with(FakeOptions {
        redirect_to: Some(format!("{}/v1/messages", elsewhere.base_url())),
        ..Default::default()
    })
    .await
    .unwrap();
    let server = castmatch_server::start(config(&fake)).await.unwrap();
    for code in [301, 302, 303, 307, 308] {
        for stream in [false, true] {
            let response = post(&server, &request(&format!("redirect_{code}"), stream)).await;
            assert_eq!(response.status(), 502, "{code}");
            assert!(response.headers().get("location").is_none());
            let message = assert_error_shape(&response.json_value().await, "api_error");
            assert!(message.contains("redirect"), "{message}");
        }
    }
    assert_eq!(fake.attempts(), 10, "one attempt each, no retry");
    assert_eq!(elsewhere.attempts(), 0, "the key and the prompt never left");
}

#[tokio::test]
async fn an_html_answer_is_never_served_as_a_page() {
    let (fake, server) = broker(|_| {}).await;
    for stream in [false, true] {
        let response = post(&server, &request("html", stream)).await;
        assert_eq!(response.status(), 502);
        assert_eq!(response.headers()["content-type"], "application/json");
        let body = response.text().await.unwrap();
        assert!(!body.contains("<script"), "{body}");
        assert!(body.contains("text/html"), "names what came: {body}");
    }
    assert_eq!(fake.attempts(), 2);
}

// ------------------------------------------------------------------------- connections

async fn closed_within(tcp: &mut tokio::net::TcpStream, within: Duration) -> bool {
    let mut buf = [0u8; 1024];
    let deadline = Instant::now() + within;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, tcp.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            Ok(Ok(_)) => continue,
            Err(_) => return false,
        }
    }
}

#[tokio::test]
async fn half_open_and_idle_connections_are_closed() {
    let (_fake, server) = broker(|c| {
        c.header_timeout = Duration::from_millis(400);
        c.keepalive_timeout = Duration::from_millis(300);
    })
    .await;
    // Silent, and headers never finished.
    let mut silent = tokio::net::TcpStream::connect(server.local_addr())
        .await
        .unwrap();
    let mut partial = tokio::net::TcpStream::connect(server.local_addr())
        .await
        .unwrap();
    partial
        .write_all(b"GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: ")
        .await
        .unwrap();
    let started = Instant::now();
    assert!(closed_within(&mut silent, Duration::from_secs(3)).await);
    assert!(closed_within(&mut partial, Duration::from_secs(3)).await);
    assert!(
        started.elapsed() >= Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );
    // Keep-alive: one answer, then closed once idle.
    let mut idle = tokio::net::TcpStream::connect(server.local_addr())
        .await
        .unwrap();
    let get = format!(
        "GET /api/health HTTP/1.1\r\nHost: {}\r\n\r\n",
        host(&server)
    );
    idle.write_all(get.as_bytes()).await.unwrap();
    let mut buf = vec![0u8; 4096];
    let n = idle.read(&mut buf).await.unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 200"));
    assert!(closed_within(&mut idle, Duration::from_secs(3)).await);
    assert!(
        eventually(Duration::from_secs(1), || server
            .state()
            .connections
            .open
            .load(std::sync::atomic::Ordering::Relaxed)
            == 0)
        .await
    );
}

#[tokio::test]
async fn a_body_that_never_arrives_times_out_before_the_upstream() {
    let (fake, server) = broker(|c| c.body_timeout = Duration::from_millis(300)).await;
    let head = format!(
        "POST /v1/messages HTTP/1.1\r\nHost: {}\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n{{\"model\":",
        host(&server)
    );
    let started = Instant::now();
    let answer = raw(&server, head.as_bytes(), Duration::from_secs(3)).await;
    assert_eq!(status_of(&answer), 408, "{answer}");
    assert!(answer.contains("timeout_error"));
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(fake.attempts(), 0);
}

#[tokio::test]
async fn at_the_connection_cap_the_oldest_idle_connection_makes_room() {
    let (_fake, server) = broker(|c| c.max_connections = Some(6)).await;
    let stats = &server.state().connections;
    // A stream in progress: never evicted.
    let mut stream = post(&server, &request("stall", true)).await;
    assert!(stream.chunk().await.unwrap().is_some());
    let mut half_open = Vec::new();
    for _ in 0..8 {
        let mut tcp = tokio::net::TcpStream::connect(server.local_addr())
            .await
            .unwrap();
        tcp.write_all(b"GET / HTTP/1.1\r\n").await.unwrap();
        half_open.push(tcp);
    }
    assert!(
        eventually(Duration::from_secs(2), || stats
            .evicted
            .load(std::sync::atomic::Ordering::Relaxed)
            >= 3)
        .await
    );
    let started = Instant::now();
    let health = client()
        .get(url(&server, "/api/health"))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    assert!(started.elapsed() < Duration::from_secs(1));
    assert!(
        closed_within(&mut half_open[0], Duration::from_secs(1)).await,
        "the oldest went first"
    );
    assert!(stats.open.load(std::sync::atomic::Ordering::Relaxed) <= 6);
    let still = tokio::time::timeout(Duration::from_millis(300), stream.chunk()).await;
    assert!(still.is_err(), "the stream is still open: {still:?}");
}

// ----------------------------------------------------------------------------- headers

#[tokio::test]
async fn security_headers_are_on_every_response() {
    let www = tempfile::tempdir().unwrap();
    std::fs::write(www.path().join("index.html"), "<h1>CastMatch</h1>").unwrap();
    std::fs::write(www.path().join("app.js"), "export {}").unwrap();
    let www_path = www.path().to_owned();
    let (_fake, server) = broker(move |c| c.www = Some(www_path)).await;
    let get = |path: &str| client().get(url(&server, path)).send();
    let mut responses = vec![];
    for path in [
        "/",
        "/index.html",
        "/app.js",
        "/missing.js",
        "/api/health",
        "/metrics",
        "/v1/models",
        "/v1/nothing",
    ] {
        responses.push((path.to_string(), get(path).await.unwrap()));
    }
    responses.push((
        "POST /v1/messages".into(),
        post(&server, &request("text", true)).await,
    ));
    for (path, response) in &responses {
        let h = response.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(
            !csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"),
            "{path}: {csp}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(h["referrer-policy"], "no-referrer", "{path}");
    }
    let page = responses[0].1.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(
        page.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{page}"
    );
    let api = responses[4].1.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(api.starts_with("default-src 'none'"), "{api}");
    let answer = responses.pop().unwrap().1;
    assert_eq!(answer.headers()["content-type"], "text/event-stream");
}

// --------------------------------------------------------------------------- spend control

#[tokio::test]
async fn spend_control_refuses_what_the_operator_did_not_enable() {
    let base = request("text", false);
    let with = |key: &str, value: Value| {
        let mut body = base.clone();
        body[key] = value;
        body
    };
    let probes = [
        with(
            "mcp_servers",
            json!([{"type": "url", "url": "https://mcp.example/sse", "name": "x"}]),
        ),
        with(
            "tools",
            json!([{"type": "web_search_20250305", "name": "web_search", "max_uses": 99}]),
        ),
        with(
            "messages",
            json!([{"role": "user", "content": [
            {"type": "document", "source": {"type": "url", "url": "https://example.com/a.pdf"}},
            {"type": "text", "text": "scenario:text summarise"}]}]),
        ),
    ];
    let (fake, server) = broker(|_| {}).await;
    for body in &probes {
        let response = post(&server, body).await;
        assert_eq!(response.status(), 403, "{body}");
        let message = assert_error_shape(&response.json_value().await, "permission_error");
        assert!(
            message.contains("--allow-"),
            "says how to enable: {message}"
        );
    }
    let beta = client()
        .post(url(&server, "/v1/messages"))
        .header("anthropic-beta", "mcp-client-2025-04-04")
        .json_body(&base)
        .send()
        .await
        .unwrap();
    assert_eq!(beta.status(), 403);
    assert_eq!(fake.attempts(), 0, "nothing was forwarded");

    let (fake, server) = broker(|c| {
        c.allow_fields = vec!["mcp_servers".into()];
        c.allow_server_tools = vec!["web_search".into()];
        c.allow_url_sources = true;
        c.allow_betas = vec!["mcp-client-2025-04-04".into()];
    })
    .await;
    for body in &probes {
        assert_eq!(post(&server, body).await.status(), 200, "{body}");
    }
    let beta = client()
        .post(url(&server, "/v1/messages"))
        .header("anthropic-beta", "mcp-client-2025-04-04")
        .json_body(&base)
        .send()
        .await
        .unwrap();
    assert_eq!(beta.status(), 200);
    assert_eq!(fake.attempts(), 4);
    assert_eq!(
        fake.received()[3].headers["anthropic-beta"],
        "mcp-client-2025-04-04"
    );
}

/// A request from `client` (through the trusted proxy 127.0.0.1).
async fn post_as(
    server: &castmatch_server::Server,
    client_ip: &str,
    body: &Value,
) -> reqwest::Response {
    client()
        .post(url(server, "/v1/messages"))
        .header("x-forwarded-for", client_ip)
        .json_body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn daily_budgets_answer_429_until_midnight() {
    // Each `text` answer uses 25 input tokens and 22 output tokens.
    let (fake, server) = broker(|c| {
        c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
        c.client_daily_tokens = 60;
        c.daily_tokens = 150;
    })
    .await;
    let body = request("text", false);
    assert_eq!(post_as(&server, "10.0.0.1", &body).await.status(), 200);
    assert_eq!(
        post_as(&server, "10.0.0.1", &body).await.status(),
        200,
        "47 < 60"
    );
    let refused = post_as(&server, "10.0.0.1", &body).await;
    assert_eq!(refused.status(), 429);
    assert_eq!(refused.headers()["x-should-retry"], "false");
    let wait: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=86_400).contains(&wait), "{wait}");
    let message = assert_error_shape(&refused.json_value().await, "rate_limit_error");
    assert!(
        message.contains("this client's daily budget of 60 tokens"),
        "{message}"
    );
    assert_eq!(fake.attempts(), 2);
    // Another client has its own budget, until everyone's is spent (94 + 47 + 47 >= 150).
    let stream = text(post_as(&server, "10.0.0.2", &request("text", true)).await).await;
    assert!(stream.contains("message_stop"));
    assert!(eventually(Duration::from_secs(1), || fake.completed_streams() == 1).await);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(post_as(&server, "10.0.0.3", &body).await.status(), 200);
    let refused = post_as(&server, "10.0.0.4", &body).await;
    assert_eq!(refused.status(), 429);
    let message = assert_error_shape(&refused.json_value().await, "rate_limit_error");
    assert!(
        message.contains("this server's daily budget of 150 tokens"),
        "{message}"
    );
    assert_eq!(fake.attempts(), 4);
}

#[tokio::test]
async fn non_streaming_requests_in_flight_are_capped() {
    let (fake, server) = broker(|c| c.max_non_streaming = 1).await;
    let slow = tokio::spawn({
        let url = url(&server, "/v1/messages");
        async move {
            client()
                .post(url)
                .json_body(&request("slow_headers", false))
                .send()
                .await
                .unwrap()
                .status()
        }
    });
    assert!(eventually(Duration::from_secs(1), || fake.attempts() == 1).await);
    let response = post(&server, &request("text", false)).await;
    assert_eq!(response.status(), 429);
    assert!(
        assert_error_shape(&response.json_value().await, "rate_limit_error").contains("in flight")
    );
    assert_eq!(fake.attempts(), 1);
    assert_eq!(
        post(&server, &request("text", true)).await.status(),
        200,
        "streams have their own cap"
    );
    assert_eq!(slow.await.unwrap(), 200);
    assert_eq!(post(&server, &request("text", false)).await.status(), 200);
}

// -------------------------------------------------------------------- the access token

#[tokio::test]
async fn the_access_token_is_required_and_never_forwarded() {
    let (fake, server) = broker(|c| c.access_token = Some("team-token-123".into())).await;
    let body = request("text", false);
    let response = post(&server, &body).await;
    assert_eq!(response.status(), 401);
    assert_error_shape(&response.json_value().await, "authentication_error");
    let wrong = client()
        .post(url(&server, "/v1/messages"))
        .header("x-api-key", "team-token-12")
        .json_body(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), 401);
    assert_eq!(fake.attempts(), 0);
    for (name, value) in [
        ("authorization", "Bearer team-token-123"),
        ("x-api-key", "team-token-123"),
    ] {
        let response = client()
            .post(url(&server, "/v1/messages"))
            .header(name, value)
            .json_body(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200, "{name}");
    }
    for received in fake.received() {
        assert_eq!(
            received.headers["x-api-key"], KEY,
            "the server's key, not the token"
        );
        assert!(received.headers.get("authorization").is_none());
    }
    assert_eq!(
        client()
            .get(url(&server, "/metrics"))
            .send()
            .await
            .unwrap()
            .status(),
        401
    );
    let health: Value = client()
        .get(url(&server, "/api/health"))
        .send()
        .await
        .unwrap()
        .json_value()
        .await;
    assert_eq!(health["access"], "token");
}

// -------------------------------------------------------------------- bad configuration

#[tokio::test]
async fn bad_configuration_is_an_error_at_start_not_a_panic() {
    let fake = FakeUpstream::start().await.unwrap();
    let start = |tweak: &dyn Fn(&mut castmatch_server::Config)| {
        let mut c = config(&fake);
        tweak(&mut c);
        castmatch_server::start(c)
    };
    type Tweak<'a> = &'a dyn Fn(&mut castmatch_server::Config);
    let cases: [(Tweak, &str); 7] = [
        (&|c| c.cors_origins = vec!["*".into()], "wildcard"),
        (&|c| c.cors_origins = vec!["null".into()], "`null`"),
        (
            &|c| c.cors_origins = vec!["cast.example".into()],
            "not an origin",
        ),
        (&|c| c.bind = "0.0.0.0".parse().unwrap(), "--access-token"),
        (
            &|c| c.upstream = "http://api.example.com".into(),
            "https://",
        ),
        (&|c| c.allowed_hosts = vec!["a/b".into()], "--allowed-host"),
        (
            &|c| c.www = Some("/nonexistent/www".into()),
            "no such directory",
        ),
    ];
    for (tweak, expected) in cases {
        let error = start(tweak).await.err().expect("refused").to_string();
        assert!(error.contains(expected), "`{expected}` in: {error}");
    }
}

// ------------------------------------------------------------- the SDK's other endpoints

#[tokio::test]
async fn models_and_count_tokens_follow_the_same_rules() {
    let (fake, server) =
        broker(|c| c.models = vec!["claude-haiku-4-5".into(), "claude-sonnet-4-5".into()]).await;
    let list: Value = client()
        .get(url(&server, "/v1/models"))
        .send()
        .await
        .unwrap()
        .json_value()
        .await;
    let ids: Vec<&str> = list["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["claude-haiku-4-5", "claude-sonnet-4-5"]);
    assert_eq!(list["data"][0]["type"], "model");
    assert_eq!(list["has_more"], false);
    let one = client()
        .get(url(&server, "/v1/models/claude-sonnet-4-5"))
        .send()
        .await
        .unwrap();
    assert_eq!(one.json_value().await["id"], "claude-sonnet-4-5");
    let none = client()
        .get(url(&server, "/v1/models/claude-3-opus"))
        .send()
        .await
        .unwrap();
    assert_eq!(none.status(), 404);
    assert_error_shape(&none.json_value().await, "not_found_error");
    let nothing = client()
        .get(url(&server, "/v1/files"))
        .send()
        .await
        .unwrap();
    assert_eq!(nothing.status(), 404);
    assert_error_shape(&nothing.json_value().await, "not_found_error");

    let count = |body: Value| {
        client()
            .post(url(&server, "/v1/messages/count_tokens"))
            .json_body(&body)
            .send()
    };
    let body = json!({"model": "claude-haiku-4-5", "messages": [{"role": "user", "content": "female lead, Kathak"}]});
    let counted = count(body.clone()).await.unwrap();
    assert_eq!(counted.status(), 200);
    assert_eq!(
        counted.json_value().await["input_tokens"],
        castmatch_fake_anthropic::INPUT_TOKENS + 3
    );
    let received = &fake.received()[0];
    assert_eq!(received.path, "/v1/messages/count_tokens");
    assert_eq!(received.headers["x-api-key"], KEY);
    assert_eq!(received.body, body);
    let mut other = body.clone();
    other["model"] = "claude-3-opus".into();
    assert_eq!(count(other).await.unwrap().status(), 400);
    let mut tools = body.clone();
    tools["tools"] = json!([{"type": "web_fetch_20250910", "name": "web_fetch"}]);
    assert_eq!(count(tools).await.unwrap().status(), 403);
    assert_eq!(fake.attempts(), 1);
}

// -------------------------------------------------------- what held must keep holding

#[tokio::test]
async fn smuggling_variants_are_refused_and_never_reach_the_upstream() {
    let (fake, server) = broker(|_| {}).await;
    let h = host(&server);
    let body = r#"{"model":"claude-sonnet-4-5","max_tokens":10,"messages":[]}"#;
    let smuggled = format!("POST /v1/messages HTTP/1.1\r\nHost: {h}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}", body.len());
    let variants = [
        format!("POST /v1/messages HTTP/1.1\r\nHost: {h}\r\ncontent-type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n{smuggled}"),
        format!("POST /v1/messages HTTP/1.1\r\nHost: {h}\r\ncontent-type: application/json\r\nContent-Length: 0\r\nContent-Length: {}\r\n\r\n{smuggled}", smuggled.len()),
        format!("POST /v1/messages HTTP/1.1\r\nHost: {h}\r\ncontent-type: application/json\r\nTransfer-Encoding: xchunked\r\n\r\n{smuggled}"),
        format!("POST /v1/messages HTTP/1.1\r\nHost: {h}\r\ncontent-type: application/json\r\nTransfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n{smuggled}"),
        format!("POST /v1/messages HTTP/1.1\r\nHost: {h}\r\ncontent-type: application/json\r\nTransfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n{smuggled}"),
        format!("POST /v1/messages HTTP/1.1\r\nHost: {h}\r\ncontent-type: application/json\r\nContent-Length: +{}\r\n\r\n{smuggled}", smuggled.len()),
        format!("POST /v1/messages HTTP/1.1\r\nHost: {h}\r\ncontent-type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{smuggled}"),
    ];
    for (i, variant) in variants.iter().enumerate() {
        let answer = raw(&server, variant.as_bytes(), Duration::from_secs(3)).await;
        let status = status_of(&answer);
        assert!(
            status == 400 || status == 0 || status == 501,
            "variant {i}: {answer}"
        );
        assert_eq!(
            answer.matches("HTTP/1.1").count(),
            usize::from(status != 0),
            "variant {i}: one answer at most: {answer}"
        );
    }
    assert_eq!(fake.attempts(), 0);
}

#[tokio::test]
async fn a_40_mb_body_is_refused_413_declared_or_not() {
    let (fake, server) = broker(|_| {}).await;
    let big = vec![b' '; 40 << 20];
    let declared = client()
        .post(url(&server, "/v1/messages"))
        .header("content-type", "application/json")
        .body(big.clone())
        .send()
        .await;
    assert_eq!(declared.unwrap().status(), 413);
    let chunks = big
        .chunks(1 << 20)
        .map(|c| Ok::<_, std::io::Error>(c.to_vec()))
        .collect::<Vec<_>>();
    let streamed = client()
        .post(url(&server, "/v1/messages"))
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(futures_util::stream::iter(
            chunks,
        )))
        .send()
        .await;
    let response = streamed.unwrap();
    assert_eq!(response.status(), 413);
    assert_error_shape(&response.json_value().await, "request_too_large");
    assert_eq!(fake.attempts(), 0);
    assert_eq!(
        client()
            .get(url(&server, "/api/health"))
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
}

#[tokio::test]
async fn dotfiles_symlinks_and_traversal_never_leave_the_pages() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "TOP-SECRET-OUTSIDE").unwrap();
    let www = outside.path().join("www");
    let pkg = outside.path().join("pkg-web");
    std::fs::create_dir_all(www.join(".git")).unwrap();
    std::fs::create_dir_all(www.join("css")).unwrap();
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(www.join("index.html"), "<h1>ok</h1>").unwrap();
    std::fs::write(www.join("css/app.css"), "body{}").unwrap();
    std::fs::write(www.join(".env"), "ANTHROPIC_API_KEY=TOP-SECRET-ENV").unwrap();
    std::fs::write(www.join(".git/config"), "[remote] url=TOP-SECRET-GIT").unwrap();
    std::fs::write(pkg.join(".npmrc"), "TOP-SECRET-NPM").unwrap();
    std::os::unix::fs::symlink("/etc/passwd", www.join("passwd")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), www.join("secret.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), www.join("up")).unwrap();
    std::os::unix::fs::symlink(www.join("css/app.css"), www.join("style.css")).unwrap();
    let (w, p) = (www.clone(), pkg.clone());
    let (_fake, server) = broker(move |c| {
        c.www = Some(w);
        c.pkg = Some(p);
    })
    .await;
    let h = host(&server);
    let paths = [
        "/.env",
        "/.git/config",
        "/%2egit/config",
        "/css/../.env",
        "/pkg-web/.npmrc",
        "/passwd",
        "/secret.txt",
        "/up/secret.txt",
        "/../secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/..\\secret.txt",
        "/..%5csecret.txt",
        "/pkg-web/../../secret.txt",
        "/pkg-web/%2e%2e/%2e%2e/secret.txt",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/etc/passwd",
        "/css/%2e%2e/%2e%2e/secret.txt",
        "/.%2e/secret.txt",
        "/%252e%252e/secret.txt",
        "/css/..%00/secret.txt",
        "/up/%2e%2e/secret.txt",
    ];
    for path in paths {
        let get = format!("GET {path} HTTP/1.1\r\nHost: {h}\r\nconnection: close\r\n\r\n");
        let answer = raw(&server, get.as_bytes(), Duration::from_secs(3)).await;
        assert!(
            !answer.contains("TOP-SECRET") && !answer.contains("root:"),
            "{path}: {answer}"
        );
        assert!(matches!(status_of(&answer), 400 | 404), "{path}: {answer}");
    }
    let inside = client()
        .get(url(&server, "/style.css"))
        .send()
        .await
        .unwrap();
    assert_eq!(inside.status(), 200, "a link inside the pages is fine");
    assert_eq!(inside.text().await.unwrap(), "body{}");
}
