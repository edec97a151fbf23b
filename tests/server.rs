//! The broker end to end against the fake Anthropic upstream on loopback: header policy,
//! pass-through, streaming, failures mid-stream, retries, limits, timeouts, CORS, offline mode.

mod support;

use std::time::{Duration, Instant};

use castmatch_fake_anthropic::{INPUT_TOKENS, TEXT_ANSWER, TOOL_ANSWER, TOOL_INPUT};
use serde_json::{json, Value};
use support::*;

// ---------------------------------------------------------------- header policy and the key

#[tokio::test]
async fn key_is_injected_client_credentials_stripped_and_versions_passed() {
    let (fake, server) = broker(|c| c.allow_betas = vec!["tools-2024-05-16".into()]).await;
    let response = client()
        .post(url(&server, "/v1/messages"))
        .header("authorization", "Bearer sk-ant-client-key")
        .header("x-api-key", "sk-ant-client-other")
        .header("cookie", "session=1")
        .header("anthropic-beta", "tools-2024-05-16")
        .json_body(&request("text", false))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let received = &fake.received()[0];
    assert_eq!(received.headers["x-api-key"], KEY);
    assert_eq!(received.headers.get_all("x-api-key").iter().count(), 1);
    assert!(received.headers.get("authorization").is_none());
    assert!(received.headers.get("cookie").is_none());
    assert_eq!(received.headers["anthropic-beta"], "tools-2024-05-16");
    assert_eq!(
        received.headers["anthropic-version"], "2023-06-01",
        "added when absent"
    );
    assert_eq!(
        received.body,
        request("text", false),
        "the body goes up untouched"
    );

    let response = client()
        .post(url(&server, "/v1/messages"))
        .header("anthropic-version", "2024-01-01")
        .json_body(&request("text", false))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        fake.received()[1].headers["anthropic-version"],
        "2024-01-01"
    );
}

/// Collects every log line of the test's thread (the runtime is single-threaded).
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "current_thread")]
async fn key_and_prompt_never_reach_a_response_or_a_log_line() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let (fake, server) = broker(|c| c.max_tokens_cap = 2000).await;
    let mut bodies = String::new();
    let mut headers = String::new();
    for body in [
        request("text", true),
        request("text", false),
        request("status_401", false),
        request("drop", true),
        json!({"model": "claude-sonnet-4-5", "max_tokens": 99999, "messages": []}),
    ] {
        let response = post(&server, &body).await;
        headers.push_str(&format!("{:?}", response.headers()));
        bodies.push_str(&text(response).await);
    }
    assert_eq!(fake.attempts(), 4);
    bodies.push_str(&text(client().get(url(&server, "/metrics")).send().await.unwrap()).await);
    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("stream ended"), "the broker logs: {logs}");
    for secret in [KEY, "female lead"] {
        assert!(!logs.contains(secret), "`{secret}` in the logs:\n{logs}");
        assert!(!bodies.contains(secret), "`{secret}` in a response body");
        assert!(!headers.contains(secret), "`{secret}` in a response header");
    }
}

// ------------------------------------------------------------------------ pass-through

#[tokio::test]
async fn non_streaming_answers_pass_through_with_headers() {
    let (fake, server) = broker(|_| {}).await;
    let direct: Value = post_direct(&fake, &request("text", false))
        .await
        .json_value()
        .await;
    let response = post(&server, &request("text", false)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["request-id"], "req_fake_0002");
    assert_eq!(
        response.headers()["anthropic-ratelimit-requests-remaining"],
        "49"
    );
    assert_eq!(
        response.headers()["anthropic-ratelimit-tokens-remaining"],
        "39000"
    );
    let body: Value = response.json_value().await;
    assert_eq!(body, direct);
    assert_eq!(body["content"][0]["text"], TEXT_ANSWER);
}

#[tokio::test]
async fn upstream_errors_pass_through_and_client_errors_are_never_retried() {
    let (fake, server) = broker(|_| {}).await;
    for (code, kind) in [
        (400, "invalid_request_error"),
        (401, "authentication_error"),
        (403, "permission_error"),
        (404, "not_found_error"),
        (413, "request_too_large"),
    ] {
        let before = fake.attempts();
        let response = post(&server, &request(&format!("status_{code}"), true)).await;
        assert_eq!(response.status(), code);
        assert!(response.headers()["request-id"]
            .to_str()
            .unwrap()
            .starts_with("req_fake_"));
        let body: Value = response.json_value().await;
        assert_error_shape(&body, kind);
        assert_eq!(fake.attempts(), before + 1, "{code} must not be retried");
    }
}

#[tokio::test]
async fn rate_limit_answers_keep_retry_after_and_ratelimit_headers() {
    let (fake, server) = broker(|c| c.max_retries = 0).await;
    let response = post(&server, &request("status_429", false)).await;
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "1");
    assert_eq!(
        response.headers()["anthropic-ratelimit-requests-remaining"],
        "0"
    );
    assert_eq!(
        response.headers()["anthropic-ratelimit-requests-reset"],
        "2026-01-01T00:00:01Z"
    );
    assert_error_shape(&response.json_value().await, "rate_limit_error");
    assert_eq!(fake.attempts(), 1);
}

// --------------------------------------------------------------------------- streaming

#[tokio::test]
async fn text_stream_passes_through_unchanged_with_stream_headers() {
    let (fake, server) = broker(|_| {}).await;
    let expected = text(post_direct(&fake, &request("text", true)).await).await;
    let response = client()
        .post(url(&server, "/v1/messages"))
        .header("accept-encoding", "gzip, br")
        .json_body(&request("text", true))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "text/event-stream");
    assert_eq!(headers["cache-control"], "no-cache");
    assert_eq!(headers["x-accel-buffering"], "no");
    assert!(headers.get("content-encoding").is_none());
    assert!(headers["request-id"]
        .to_str()
        .unwrap()
        .starts_with("req_fake_"));
    let got = text(response).await;
    assert_eq!(got, expected, "byte for byte");
    let names: Vec<String> = events(&got).into_iter().map(|(name, _)| name).collect();
    assert_eq!(names.first().map(String::as_str), Some("message_start"));
    assert_eq!(names.get(1).map(String::as_str), Some("ping"));
    assert_eq!(names.last().map(String::as_str), Some("message_stop"));
    let answer: String = events(&got)
        .iter()
        .filter_map(|(_, data)| data["delta"]["text"].as_str().map(str::to_string))
        .collect();
    assert_eq!(answer, TEXT_ANSWER);
}

#[tokio::test]
async fn tool_use_stream_keeps_input_json_deltas_and_tool_result_gets_an_answer() {
    let (fake, server) = broker(|_| {}).await;
    let mut body = request("text", true);
    body["messages"] = json!([{"role": "user", "content": "female lead, 25-32, Kathak"}]);
    body["tools"] = json!([{"name": "search_talent", "input_schema": {"type": "object"}}]);
    let expected = text(post_direct(&fake, &body).await).await;
    let got = text(post(&server, &body).await).await;
    assert_eq!(got, expected);
    let partial: String = events(&got)
        .iter()
        .filter(|(_, d)| d["delta"]["type"] == "input_json_delta")
        .map(|(_, d)| d["delta"]["partial_json"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(partial, TOOL_INPUT);
    let requirements: castmatch_core::Requirements = serde_json::from_str(&partial).unwrap();
    assert_eq!(requirements.age_min, Some(25));

    body["messages"] = json!([
        {"role": "user", "content": "female lead, 25-32, Kathak"},
        {"role": "assistant", "content": [{"type": "tool_use", "id": "toolu_fake_01", "name": "search_talent", "input": {}}]},
        {"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_fake_01", "content": "[]"}]},
    ]);
    let got = text(post(&server, &body).await).await;
    let answer: String = events(&got)
        .iter()
        .filter_map(|(_, d)| d["delta"]["text"].as_str().map(str::to_string))
        .collect();
    assert_eq!(answer, TOOL_ANSWER);
}

#[tokio::test]
async fn unknown_events_pass_and_fragmented_events_reach_the_client_whole() {
    let (fake, server) = broker(|_| {}).await;
    let expected = text(post_direct(&fake, &request("unknown_event", true)).await).await;
    let got = text(post(&server, &request("unknown_event", true)).await).await;
    assert_eq!(got, expected);
    assert!(got.contains("event: future_event_type\n"));

    let expected = text(post_direct(&fake, &request("fragmented", true)).await).await;
    let chunks = chunks(post(&server, &request("fragmented", true)).await).await;
    assert!(
        chunks.len() > 5,
        "events come one by one, not buffered to the end"
    );
    for chunk in &chunks {
        assert!(
            chunk.ends_with(b"\n\n"),
            "half an event went out: {chunk:?}"
        );
    }
    assert_eq!(String::from_utf8(chunks.concat()).unwrap(), expected);
}

#[tokio::test]
async fn each_event_is_flushed_at_once() {
    let fake =
        castmatch_fake_anthropic::FakeUpstream::start_with(castmatch_fake_anthropic::FakeOptions {
            delta_delay: Duration::from_millis(150),
            ..Default::default()
        })
        .await
        .unwrap();
    let server = castmatch_server::start(config(&fake)).await.unwrap();
    let started = Instant::now();
    let mut response = post(&server, &request("text", true)).await;
    let first = response.chunk().await.unwrap().unwrap();
    assert!(
        started.elapsed() < Duration::from_millis(140),
        "first events came before the pause"
    );
    assert!(first.starts_with(b"event: message_start"));
    // The deltas arrive apart, not in one write at the end.
    let mut arrivals = Vec::new();
    while let Some(chunk) = response.chunk().await.unwrap() {
        if chunk.windows(10).any(|w| w == b"text_delta") {
            arrivals.push(started.elapsed());
        }
    }
    assert!(arrivals.len() >= 5);
    assert!(
        arrivals[4] - arrivals[0] >= Duration::from_millis(500),
        "{arrivals:?}"
    );
}

// ------------------------------------------------------------------- failures mid-stream

#[tokio::test]
async fn upstream_error_event_mid_stream_reaches_the_client_once() {
    let (fake, server) = broker(|_| {}).await;
    let got = text(post(&server, &request("overloaded_midstream", true)).await).await;
    let events = events(&got);
    let (name, data) = events.last().unwrap();
    assert_eq!(name, "error");
    assert_error_shape(data, "overloaded_error");
    assert_eq!(events.iter().filter(|(n, _)| n == "error").count(), 1);
    assert_eq!(
        fake.attempts(),
        1,
        "nothing is retried once the stream started"
    );
}

#[tokio::test]
async fn upstream_dropping_before_message_stop_becomes_an_error_event() {
    let (fake, server) = broker(|_| {}).await;
    let got = text(post(&server, &request("drop", true)).await).await;
    let events = events(&got);
    assert_eq!(events[0].0, "message_start");
    let (name, data) = events.last().unwrap();
    assert_eq!(name, "error", "{got}");
    assert!(assert_error_shape(data, "api_error").contains("upstream"));
    assert_eq!(fake.attempts(), 1);
    let metrics = text(client().get(url(&server, "/metrics")).send().await.unwrap()).await;
    assert!(
        metrics.contains("castmatch_stream_errors_total 1\n"),
        "{metrics}"
    );
}

#[tokio::test]
async fn a_stalled_stream_ends_in_a_timeout_error_but_pings_keep_it_alive() {
    let (_fake, server) = broker(|c| c.idle_timeout = Duration::from_millis(400)).await;
    let started = Instant::now();
    let got = text(post(&server, &request("stall", true)).await).await;
    assert!(started.elapsed() < Duration::from_secs(2));
    let (name, data) = events(&got).pop().unwrap();
    assert_eq!(name, "error");
    assert_error_shape(&data, "timeout_error");

    // Five pings 200 ms apart: a full second with no content, never 400 ms of silence.
    let got = text(post(&server, &request("slow_pings", true)).await).await;
    let names: Vec<String> = events(&got).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names.iter().filter(|n| *n == "ping").count(), 5);
    assert_eq!(names.last().unwrap(), "message_stop");
}

#[tokio::test]
async fn slow_upstream_headers_hit_the_first_byte_timeout() {
    let (_fake, server) = broker(|c| c.first_byte_timeout = Duration::from_millis(500)).await;
    let started = Instant::now();
    let response = post(&server, &request("slow_headers", true)).await;
    assert_eq!(response.status(), 504);
    assert!(started.elapsed() < Duration::from_millis(1500));
    assert_error_shape(&response.json_value().await, "timeout_error");
}

#[tokio::test]
async fn a_client_that_disconnects_aborts_the_upstream_within_a_second() {
    let (fake, server) = broker(|_| {}).await;
    for scenario in ["slow", "stall"] {
        let aborted = fake.aborted_streams();
        let mut response = post(&server, &request(scenario, true)).await;
        assert!(response.chunk().await.unwrap().is_some());
        assert!(eventually(Duration::from_secs(1), || fake.open_streams() == 1).await);
        drop(response);
        let gone = eventually(Duration::from_secs(1), || {
            fake.aborted_streams() == aborted + 1
        })
        .await;
        assert!(
            gone,
            "{scenario}: upstream still open after the client left"
        );
        let streams = server.state().metrics.active_streams();
        assert!(
            eventually(Duration::from_secs(1), || server
                .state()
                .metrics
                .active_streams()
                == 0)
            .await,
            "{streams}"
        );
    }
}

#[tokio::test]
async fn a_client_that_leaves_before_the_answer_cancels_the_upstream_request() {
    let (fake, server) = broker(|_| {}).await;
    let impatient = reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let sent = impatient
        .post(url(&server, "/v1/messages"))
        .json_body(&request("slow_headers", false))
        .send()
        .await;
    assert!(sent.is_err(), "the client gave up first");
    assert!(eventually(Duration::from_secs(1), || fake.cancelled_requests() == 1).await);
}

// ---------------------------------------------------------------------------- retries

#[tokio::test]
async fn transient_statuses_are_retried_with_backoff_and_retry_after() {
    let (fake, server) = broker(|_| {}).await;
    for code in [408, 409, 500, 529] {
        let before = fake.attempts();
        let response = post(&server, &request(&format!("status_{code}_then_ok"), true)).await;
        assert_eq!(response.status(), 200, "{code}");
        let got = text(response).await;
        assert!(got.ends_with("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
        assert_eq!(fake.attempts(), before + 2, "{code}: one retry");
    }
    // 429 with `retry-after: 1`: the broker waits the second.
    let started = Instant::now();
    let response = post(&server, &request("error_429_then_ok", false)).await;
    assert_eq!(response.status(), 200);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "retry-after honoured"
    );
    let metrics = text(client().get(url(&server, "/metrics")).send().await.unwrap()).await;
    assert!(
        metrics.contains("castmatch_upstream_retries_total 5\n"),
        "{metrics}"
    );
}

#[tokio::test]
async fn retries_are_bounded() {
    let (fake, server) = broker(|c| c.max_retries = 2).await;
    let response = post(&server, &request("status_529", true)).await;
    assert_eq!(response.status(), 529);
    assert_error_shape(&response.json_value().await, "overloaded_error");
    assert_eq!(fake.attempts(), 3);
}

#[tokio::test]
async fn connect_errors_are_retried_then_answered_502() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let (_fake, server) = broker(|c| c.upstream = format!("http://127.0.0.1:{port}")).await;
    let response = post(&server, &request("text", true)).await;
    assert_eq!(response.status(), 502);
    assert_error_shape(&response.json_value().await, "api_error");
    let metrics = text(client().get(url(&server, "/metrics")).send().await.unwrap()).await;
    assert!(
        metrics.contains("castmatch_upstream_retries_total 2\n"),
        "{metrics}"
    );
}

#[tokio::test]
async fn an_upstream_that_never_accepts_hits_the_connect_timeout() {
    // A listener with a full accept queue: the kernel drops further SYNs, connects hang.
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(0).unwrap();
    let addr = listener.local_addr().unwrap();
    let mut fillers = Vec::new();
    for _ in 0..4 {
        let connect = tokio::net::TcpStream::connect(addr);
        if let Ok(Ok(stream)) = tokio::time::timeout(Duration::from_millis(200), connect).await {
            fillers.push(stream);
        }
    }
    let (_fake, server) = broker(|c| {
        c.upstream = format!("http://{addr}");
        c.connect_timeout = Duration::from_millis(300);
        c.first_byte_timeout = Duration::from_secs(5);
        c.max_retries = 1;
    })
    .await;
    let started = Instant::now();
    let response = post(&server, &request("text", true)).await;
    let elapsed = started.elapsed();
    assert_eq!(response.status(), 502);
    assert_error_shape(&response.json_value().await, "api_error");
    assert!(
        elapsed >= Duration::from_millis(600),
        "two attempts of 300 ms: {elapsed:?}"
    );
    assert!(elapsed < Duration::from_secs(2), "{elapsed:?}");
    drop(listener);
}

// ----------------------------------------------------------------------------- limits

#[tokio::test]
async fn oversized_bodies_are_refused_413() {
    let (fake, server) = broker(|c| c.max_body_bytes = 1000).await;
    let mut body = request("text", true);
    body["messages"][0]["content"] = "x".repeat(2000).into();
    let response = post(&server, &body).await;
    assert_eq!(response.status(), 413);
    assert_error_shape(&response.json_value().await, "request_too_large");
    // Without a content-length, counted as it arrives.
    let bytes = serde_json::to_vec(&body).unwrap();
    let stream = futures_util::stream::iter(
        bytes
            .chunks(100)
            .map(|c| Ok::<_, std::io::Error>(c.to_vec()))
            .collect::<Vec<_>>(),
    );
    let response = client()
        .post(url(&server, "/v1/messages"))
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(stream))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    assert_error_shape(&response.json_value().await, "request_too_large");
    assert_eq!(fake.attempts(), 0);
}

#[tokio::test]
async fn models_outside_the_allowlist_and_max_tokens_over_the_cap_are_refused_400() {
    let (fake, server) = broker(|c| c.max_tokens_cap = 2048).await;
    let mut body = request("text", false);
    body["model"] = "claude-3-opus-20240229".into();
    let response = post(&server, &body).await;
    assert_eq!(response.status(), 400);
    let message = assert_error_shape(&response.json_value().await, "invalid_request_error");
    assert!(
        message.contains("claude-sonnet-4-5"),
        "names the allowed models: {message}"
    );
    let mut body = request("text", false);
    body["max_tokens"] = 4096.into();
    let response = post(&server, &body).await;
    assert_eq!(response.status(), 400);
    assert!(
        assert_error_shape(&response.json_value().await, "invalid_request_error").contains("2048")
    );
    let response = client()
        .post(url(&server, "/v1/messages"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_error_shape(&response.json_value().await, "invalid_request_error");
    assert_eq!(fake.attempts(), 0);
}

#[tokio::test]
async fn a_client_over_its_rate_is_refused_429_with_retry_after() {
    let (fake, server) = broker(|c| {
        c.rate_limit_per_minute = 6;
        c.rate_limit_burst = 2;
    })
    .await;
    assert_eq!(post(&server, &request("text", false)).await.status(), 200);
    assert_eq!(post(&server, &request("text", false)).await.status(), 200);
    let response = post(&server, &request("text", false)).await;
    assert_eq!(response.status(), 429);
    let wait: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=10).contains(&wait), "{wait}");
    assert_error_shape(&response.json_value().await, "rate_limit_error");
    assert_eq!(fake.attempts(), 2);
}

#[tokio::test]
async fn streams_over_the_cap_are_refused_429_until_one_ends() {
    let (_fake, server) = broker(|c| c.max_streams = 1).await;
    let mut open = post(&server, &request("stall", true)).await;
    assert!(open.chunk().await.unwrap().is_some());
    let response = post(&server, &request("text", true)).await;
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "1");
    assert_error_shape(&response.json_value().await, "rate_limit_error");
    assert_eq!(
        post(&server, &request("text", false)).await.status(),
        200,
        "non-streams pass"
    );
    drop(open);
    let freed = eventually(Duration::from_secs(1), || {
        server.state().metrics.active_streams() == 0
    })
    .await;
    assert!(freed);
    assert_eq!(post(&server, &request("text", true)).await.status(), 200);
}

// ------------------------------------------------------------- CORS, health, metrics, pages

#[tokio::test]
async fn cors_only_for_configured_origins() {
    let (_fake, server) = broker(|c| c.cors_origins = vec!["https://cast.example".into()]).await;
    let preflight = |origin: &'static str| {
        client()
            .request(reqwest::Method::OPTIONS, url(&server, "/v1/messages"))
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "content-type,anthropic-version",
            )
            .send()
    };
    let ok = preflight("https://cast.example").await.unwrap();
    assert_eq!(
        ok.headers()["access-control-allow-origin"],
        "https://cast.example"
    );
    let other = preflight("https://evil.example").await.unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());

    let (_fake, plain) = broker(|_| {}).await;
    let response = client()
        .get(url(&plain, "/api/health"))
        .header("origin", "https://cast.example")
        .send()
        .await
        .unwrap();
    assert!(response
        .headers()
        .get("access-control-allow-origin")
        .is_none());
}

#[tokio::test]
async fn health_names_the_models_default_first() {
    let (_fake, server) =
        broker(|c| c.models = vec!["claude-haiku-4-5".into(), "claude-sonnet-4-5".into()]).await;
    let health: Value = client()
        .get(url(&server, "/api/health"))
        .send()
        .await
        .unwrap()
        .json_value()
        .await;
    assert_eq!(health["claude"], "configured");
    assert_eq!(health["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(
        health["models"],
        json!(["claude-haiku-4-5", "claude-sonnet-4-5"])
    );
}

#[tokio::test]
async fn metrics_count_requests_latency_streams_and_tokens() {
    let (_fake, server) = broker(|c| c.max_tokens_cap = 2000).await;
    let got = text(post(&server, &request("text", true)).await).await;
    let output_tokens = events(&got)
        .iter()
        .find(|(n, _)| n == "message_delta")
        .map(|(_, d)| d["usage"]["output_tokens"].as_u64().unwrap())
        .unwrap();
    let mut over = request("text", true);
    over["max_tokens"] = 2001.into();
    assert_eq!(post(&server, &over).await.status(), 400);
    assert!(
        eventually(Duration::from_secs(1), || server
            .state()
            .metrics
            .active_streams()
            == 0)
        .await
    );
    let response = client().get(url(&server, "/metrics")).send().await.unwrap();
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain; version=0.0.4"));
    let metrics = text(response).await;
    for line in [
        "castmatch_requests_total{status=\"200\"} 1".to_string(),
        "castmatch_requests_total{status=\"400\"} 1".to_string(),
        "castmatch_upstream_ttfb_seconds_count 1".to_string(),
        "castmatch_upstream_latency_seconds_count 1".to_string(),
        "castmatch_upstream_ttfb_seconds_bucket{le=\"+Inf\"} 1".to_string(),
        "castmatch_active_streams 0".to_string(),
        format!("castmatch_input_tokens_total {INPUT_TOKENS}"),
        format!("castmatch_output_tokens_total {output_tokens}"),
    ] {
        assert!(
            metrics.lines().any(|l| l == line),
            "missing `{line}` in\n{metrics}"
        );
    }
}

#[tokio::test]
async fn pages_and_wasm_are_served_with_types_and_caching() {
    let www = tempfile::tempdir().unwrap();
    let pkg = tempfile::tempdir().unwrap();
    std::fs::write(www.path().join("index.html"), "<h1>CastMatch</h1>").unwrap();
    std::fs::write(www.path().join("app.js"), "export {}").unwrap();
    std::fs::write(pkg.path().join("castmatch_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    let (www_path, pkg_path) = (www.path().to_owned(), pkg.path().to_owned());
    let (_fake, server) = broker(move |c| {
        c.www = Some(www_path);
        c.pkg = Some(pkg_path);
        c.static_max_age = Duration::from_secs(120);
    })
    .await;
    let index = client().get(url(&server, "/")).send().await.unwrap();
    assert_eq!(index.status(), 200);
    assert!(index.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert_eq!(index.headers()["cache-control"], "no-cache");
    assert_eq!(index.text().await.unwrap(), "<h1>CastMatch</h1>");
    let wasm = client()
        .get(url(&server, "/pkg-web/castmatch_bg.wasm"))
        .send()
        .await
        .unwrap();
    assert_eq!(wasm.status(), 200);
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    assert_eq!(wasm.headers()["cache-control"], "public, max-age=120");
    let js = client().get(url(&server, "/app.js")).send().await.unwrap();
    assert!(js.headers()["content-type"]
        .to_str()
        .unwrap()
        .contains("javascript"));
    assert_eq!(js.headers()["cache-control"], "public, max-age=120");
    assert_eq!(
        client()
            .get(url(&server, "/missing.js"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
}

#[tokio::test]
async fn with_no_key_messages_answer_503_offline_and_pages_still_work() {
    let www = tempfile::tempdir().unwrap();
    std::fs::write(www.path().join("index.html"), "<h1>offline</h1>").unwrap();
    let www_path = www.path().to_owned();
    let (fake, server) = broker(move |c| {
        c.api_key = None;
        c.www = Some(www_path);
    })
    .await;
    let response = post(&server, &request("text", true)).await;
    assert_eq!(response.status(), 503);
    assert_eq!(response.headers()["x-should-retry"], "false");
    let message = assert_error_shape(&response.json_value().await, "api_error");
    assert!(message.contains("offline"), "{message}");
    assert_eq!(fake.attempts(), 0);
    let health: Value = client()
        .get(url(&server, "/api/health"))
        .send()
        .await
        .unwrap()
        .json_value()
        .await;
    assert_eq!(health["claude"], "offline");
    let index = client().get(url(&server, "/")).send().await.unwrap();
    assert_eq!(index.status(), 200);
}

// --------------------------------------------------------------------------- shutdown

#[tokio::test]
async fn shutdown_lets_streams_finish_within_the_grace_then_ends_them() {
    // A stream that finishes inside the grace period completes normally.
    let fake =
        castmatch_fake_anthropic::FakeUpstream::start_with(castmatch_fake_anthropic::FakeOptions {
            delta_delay: Duration::from_millis(20),
            ..Default::default()
        })
        .await
        .unwrap();
    let mut cfg = config(&fake);
    cfg.shutdown_grace = Duration::from_secs(3);
    let server = castmatch_server::start(cfg).await.unwrap();
    let mut response = post(&server, &request("text", true)).await;
    let first = response.chunk().await.unwrap().unwrap();
    server.shutdown();
    let started = Instant::now();
    let rest = text(response).await;
    let whole = format!("{}{rest}", String::from_utf8(first.to_vec()).unwrap());
    assert!(whole.ends_with("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"));
    tokio::time::timeout(Duration::from_secs(2), server.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(2));

    // A stream still open when the grace ends gets an error event and the server stops.
    let (_fake, server) = broker(|c| c.shutdown_grace = Duration::from_millis(300)).await;
    let addr = server.local_addr();
    let mut response = post(&server, &request("stall", true)).await;
    assert!(response.chunk().await.unwrap().is_some());
    let started = Instant::now();
    server.shutdown();
    let rest = text(response).await;
    let (name, data) = events(&rest).pop().expect("an error event");
    assert_eq!(name, "error");
    assert!(assert_error_shape(&data, "api_error").contains("shutting down"));
    tokio::time::timeout(Duration::from_secs(3), server.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(
        tokio::net::TcpStream::connect(addr).await.is_err(),
        "no longer listening"
    );
}
