//! A stand-in Anthropic Messages API on loopback for tests, benchmarks and `castmatch serve
//! --fake-upstream` (never part of the broker itself):
//! it replays real event sequences chosen per request and counts everything it received.
//!
//! The scenario of a request is, in order: the `x-fake-scenario` header; a last user message
//! whose text starts `scenario:NAME`; a `tool_result` in the messages (`tool_answer`); a
//! `search_talent` tool in `tools` (`tool_use`); otherwise `text`. Names:
//!
//! | name | what the fake does |
//! |---|---|
//! | `text` | a text answer streamed piece by piece, with a `ping` |
//! | `tool_use` | a short text, then a `search_talent` call whose input comes in `input_json_delta` chunks |
//! | `tool_answer` | the text answer that follows a tool result |
//! | `unknown_event` | `text` with an event type no SDK knows yet in the middle |
//! | `fragmented` | `text` with every event written in two pieces |
//! | `overloaded_midstream` | starts, then an `error` event (`overloaded_error`) and the end |
//! | `stall` | `message_start`, then silence until the client goes away |
//! | `slow_pings` | `message_start`, 5 pings 200 ms apart, then `text` |
//! | `slow` | 300 text deltas 100 ms apart |
//! | `drop` | starts, then cuts the connection before `message_stop` |
//! | `slow_headers` | waits 2 s before answering at all |
//! | `status_NNN` | always answers status NNN with an error body in Anthropic's shape |
//! | `status_NNN_then_ok` | NNN on odd attempts of this scenario, `text` on even ones |
//! | `error_429_then_ok` | `status_429_then_ok` (with `retry-after: 1`) |
//! | `redirect_NNN` | answers NNN (301, 302, 303, 307, 308) with `location: FakeOptions::redirect_to` |
//! | `html` | answers 200 `text/html` with a script, as a hijacked or misconfigured upstream might |
//!
//! Requests without `x-api-key` get 401 and without `anthropic-version` 400, as upstream.
//! `POST /v1/messages/count_tokens` answers `{"input_tokens": N}` with N the words of the
//! request's texts (`system`, and every `text` or string `content` in `messages`) plus
//! [`INPUT_TOKENS`], and is counted too.

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::serve::ListenerExt;
use axum::Router;
use serde_json::{json, Value};
use tokio::task::JoinHandle;

/// The tool input the `tool_use` scenario streams: a `Requirements` as the engine reads it.
pub const TOOL_INPUT: &str = r#"{"gender":"female","age_min":25,"age_max":32,"languages":["hindi","marathi"],"skills":["kathak"],"cities":["mumbai"]}"#;
/// The text of the `text` scenario, streamed in pieces.
pub const TEXT_ANSWER: &str = "Here are three strong matches for the role: each is fluent in Marathi and Hindi, trained in Kathak and based in Mumbai.";
/// The text of the `tool_answer` scenario.
pub const TOOL_ANSWER: &str = "Based on the roster search, the strongest match is a Kathak-trained actor from Mumbai who speaks Marathi and Hindi; two more follow close behind.";
/// `input_tokens` the fake reports for every request.
pub const INPUT_TOKENS: u64 = 25;

/// How the fake paces its streams, and where its redirects point.
#[derive(Clone, Debug, Default)]
pub struct FakeOptions {
    /// Pause between two content deltas (0 in tests; ~40 ms makes streaming visible).
    pub delta_delay: Duration,
    /// The `location` of the `redirect_NNN` scenarios (default: a closed port on loopback).
    pub redirect_to: Option<String>,
}

/// One request as the fake received it.
#[derive(Clone, Debug)]
pub struct Received {
    /// The path it was sent to (`/v1/messages`, `/v1/messages/count_tokens`).
    pub path: String,
    pub headers: HeaderMap,
    /// The body as JSON (`Null` when it was not JSON).
    pub body: Value,
    pub scenario: String,
}

#[derive(Default)]
struct Shared {
    options: FakeOptions,
    received: Mutex<Vec<Received>>,
    attempts: Mutex<HashMap<String, usize>>,
    open: AtomicUsize,
    completed: AtomicUsize,
    aborted: AtomicUsize,
    cancelled: AtomicUsize,
}

/// A running fake upstream; it stops when dropped.
pub struct FakeUpstream {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl FakeUpstream {
    /// Starts a fake with no pauses on a free loopback port.
    pub async fn start() -> std::io::Result<FakeUpstream> {
        FakeUpstream::start_with(FakeOptions::default()).await
    }

    /// Starts a fake with the given pacing on a free loopback port.
    pub async fn start_with(options: FakeOptions) -> std::io::Result<FakeUpstream> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let shared = Arc::new(Shared {
            options,
            ..Shared::default()
        });
        let app = Router::new()
            .route("/v1/messages", post(messages))
            .route("/v1/messages/count_tokens", post(count_tokens))
            .with_state(Arc::clone(&shared));
        let listener = listener.tap_io(|tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(FakeUpstream { addr, shared, task })
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to give the broker as `ANTHROPIC_BASE_URL`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request received so far, in order.
    pub fn received(&self) -> Vec<Received> {
        self.shared
            .received
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// How many requests arrived (every attempt counts).
    pub fn attempts(&self) -> usize {
        self.shared
            .received
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .len()
    }

    /// Streams being sent now.
    pub fn open_streams(&self) -> usize {
        self.shared.open.load(SeqCst)
    }

    /// Streams sent to their end (including deliberate drops and error events).
    pub fn completed_streams(&self) -> usize {
        self.shared.completed.load(SeqCst)
    }

    /// Streams whose reader went away before the end.
    pub fn aborted_streams(&self) -> usize {
        self.shared.aborted.load(SeqCst)
    }

    /// Requests whose client went away before the fake answered at all.
    pub fn cancelled_requests(&self) -> usize {
        self.shared.cancelled.load(SeqCst)
    }
}

impl Drop for FakeUpstream {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The scenario a request asks for (see the module docs).
pub fn scenario_of(headers: &HeaderMap, body: &Value) -> String {
    if let Some(name) = headers.get("x-fake-scenario").and_then(|v| v.to_str().ok()) {
        return name.to_string();
    }
    let messages = body["messages"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    if let Some(last) = messages.iter().rev().find(|m| m["role"] == "user") {
        let text = match &last["content"] {
            Value::String(text) => text.clone(),
            Value::Array(blocks) => blocks
                .iter()
                .filter_map(|b| b["text"].as_str())
                .collect::<Vec<_>>()
                .join(" "),
            _ => String::new(),
        };
        if let Some(rest) = text.trim().strip_prefix("scenario:") {
            return rest.split_whitespace().next().unwrap_or("text").to_string();
        }
    }
    let has_tool_result = messages.iter().any(|m| {
        m["content"]
            .as_array()
            .is_some_and(|blocks| blocks.iter().any(|b| b["type"] == "tool_result"))
    });
    if has_tool_result {
        return "tool_answer".into();
    }
    let tools = body["tools"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    if tools.iter().any(|t| t["name"] == "search_talent") {
        return "tool_use".into();
    }
    "text".into()
}

/// Counts the words of every text in the request, as a stand-in for a tokenizer.
async fn count_tokens(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let request_id = {
        let mut received = shared.received.lock().unwrap_or_else(|e| e.into_inner());
        received.push(Received {
            path: "/v1/messages/count_tokens".into(),
            headers: headers.clone(),
            body: body.clone(),
            scenario: "count_tokens".into(),
        });
        format!("req_fake_{:04}", received.len())
    };
    if !headers.contains_key("x-api-key") {
        return error(401, "x-api-key header is required", &request_id);
    }
    let mut words = 0;
    count_words(&body["system"], &mut words);
    count_words(&body["messages"], &mut words);
    let mut response = axum::Json(json!({"input_tokens": INPUT_TOKENS + words})).into_response();
    response
        .headers_mut()
        .insert("request-id", request_id.parse().expect("valid header"));
    response
}

fn count_words(value: &Value, words: &mut u64) {
    match value {
        Value::String(text) => *words += text.split_whitespace().count() as u64,
        Value::Array(items) => items.iter().for_each(|v| count_words(v, words)),
        Value::Object(map) => {
            for (key, inner) in map {
                if inner.is_string() && key != "text" && key != "content" {
                    continue;
                }
                count_words(inner, words);
            }
        }
        _ => {}
    }
}

async fn messages(State(shared): State<Arc<Shared>>, headers: HeaderMap, body: Bytes) -> Response {
    let mut pending = Pending(Some(Arc::clone(&shared)));
    let response = respond(&shared, headers, body).await;
    pending.0 = None;
    response
}

/// Counts the request as cancelled if its handler is dropped before answering.
struct Pending(Option<Arc<Shared>>);

impl Drop for Pending {
    fn drop(&mut self) {
        if let Some(shared) = &self.0 {
            shared.cancelled.fetch_add(1, SeqCst);
        }
    }
}

async fn respond(shared: &Arc<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let body: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let scenario = scenario_of(&headers, &body);
    let attempt = {
        let mut attempts = shared.attempts.lock().unwrap_or_else(|e| e.into_inner());
        let n = attempts.entry(scenario.clone()).or_default();
        *n += 1;
        *n
    };
    let request_id = {
        let mut received = shared.received.lock().unwrap_or_else(|e| e.into_inner());
        received.push(Received {
            path: "/v1/messages".into(),
            headers: headers.clone(),
            body: body.clone(),
            scenario: scenario.clone(),
        });
        format!("req_fake_{:04}", received.len())
    };
    if !headers.contains_key("x-api-key") {
        return error(401, "x-api-key header is required", &request_id);
    }
    if !headers.contains_key("anthropic-version") {
        return error(400, "anthropic-version: header is required", &request_id);
    }
    let scenario = match scenario.as_str() {
        "error_429_then_ok" => "status_429_then_ok",
        other => other,
    };
    if let Some(rest) = scenario.strip_prefix("status_") {
        let (code, then_ok) = match rest.strip_suffix("_then_ok") {
            Some(code) => (code, true),
            None => (rest, false),
        };
        let code = code.parse().unwrap_or(500);
        if !then_ok || attempt % 2 == 1 {
            return error(code, "fake upstream error", &request_id);
        }
        return answer(shared, "text", &body, &request_id).await;
    }
    if let Some(code) = scenario.strip_prefix("redirect_") {
        let status = code
            .parse()
            .ok()
            .and_then(|c| StatusCode::from_u16(c).ok())
            .unwrap_or(StatusCode::TEMPORARY_REDIRECT);
        let location = shared
            .options
            .redirect_to
            .clone()
            .unwrap_or_else(|| "http://127.0.0.1:9/v1/messages".into());
        return (status, [("location", location)], "moved").into_response();
    }
    if scenario == "html" {
        let page = "<html><body><script>fetch('/v1/messages')</script></body></html>";
        return ([("content-type", "text/html; charset=utf-8")], page).into_response();
    }
    if scenario == "slow_headers" {
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    answer(shared, scenario, &body, &request_id).await
}

/// A 200: a stream of the scenario's events, or the message they add up to.
async fn answer(shared: &Arc<Shared>, scenario: &str, body: &Value, request_id: &str) -> Response {
    let model = body["model"].as_str().unwrap_or("claude-fake").to_string();
    let steps = script(scenario, &model, shared.options.delta_delay);
    let headers = [
        ("request-id", request_id.to_string()),
        ("anthropic-ratelimit-requests-limit", "50".to_string()),
        ("anthropic-ratelimit-requests-remaining", "49".to_string()),
        ("anthropic-ratelimit-tokens-remaining", "39000".to_string()),
    ];
    if body["stream"] != true {
        let mut response = axum::Json(message_of(&steps, &model)).into_response();
        for (name, value) in headers {
            response
                .headers_mut()
                .insert(name, value.parse().expect("valid header"));
        }
        return response;
    }
    shared.open.fetch_add(1, SeqCst);
    let tracker = Tracker {
        shared: Arc::clone(shared),
        finished: false,
    };
    let stream = futures_util::stream::unfold(
        (steps.into_iter(), tracker),
        |(mut steps, mut tracker)| async move {
            loop {
                match steps.next() {
                    Some(Step::Send(bytes)) => return Some((Ok(bytes), (steps, tracker))),
                    Some(Step::Sleep(pause)) => tokio::time::sleep(pause).await,
                    Some(Step::Stall) => std::future::pending::<()>().await,
                    Some(Step::Cut) => {
                        tracker.mark_finished();
                        let cut =
                            std::io::Error::new(std::io::ErrorKind::ConnectionReset, "fake drop");
                        return Some((Err(cut), (steps, tracker)));
                    }
                    None => {
                        tracker.mark_finished();
                        return None;
                    }
                }
            }
        },
    );
    let mut response = Response::new(Body::from_stream(stream));
    let h = response.headers_mut();
    h.insert(
        "content-type",
        "text/event-stream; charset=utf-8".parse().expect("valid"),
    );
    h.insert("cache-control", "no-cache".parse().expect("valid"));
    for (name, value) in headers {
        h.insert(name, value.parse().expect("valid header"));
    }
    response
}

/// Counts a stream as completed or aborted when its body is dropped.
struct Tracker {
    shared: Arc<Shared>,
    finished: bool,
}

impl Tracker {
    fn mark_finished(&mut self) {
        self.finished = true;
    }
}

impl Drop for Tracker {
    fn drop(&mut self) {
        self.shared.open.fetch_sub(1, SeqCst);
        let counter = if self.finished {
            &self.shared.completed
        } else {
            &self.shared.aborted
        };
        counter.fetch_add(1, SeqCst);
    }
}

/// One step of a scripted stream.
enum Step {
    Send(Bytes),
    Sleep(Duration),
    Stall,
    Cut,
}

fn event(name: &str, mut data: Value) -> Step {
    // `"type"` first, as the real API writes it (serde_json sorts the other keys).
    let kind = data.as_object_mut().and_then(|o| o.remove("type"));
    let rest = data.to_string();
    let data = match (kind, rest.strip_prefix('{')) {
        (Some(kind), Some("}")) => format!("{{\"type\":{kind}}}"),
        (Some(kind), Some(tail)) => format!("{{\"type\":{kind},{tail}"),
        _ => rest,
    };
    Step::Send(format!("event: {name}\ndata: {data}\n\n").into())
}

fn message_start(model: &str) -> Step {
    event(
        "message_start",
        json!({"type": "message_start", "message": {
            "id": "msg_fake_01", "type": "message", "role": "assistant", "content": [],
            "model": model, "stop_reason": null, "stop_sequence": null,
            "usage": {"input_tokens": INPUT_TOKENS, "output_tokens": 1}}}),
    )
}

fn ping() -> Step {
    event("ping", json!({"type": "ping"}))
}

/// A text block at `index`, streamed in word pieces; returns the pieces' count too.
fn text_block(index: usize, text: &str, pause: Duration, steps: &mut Vec<Step>) -> u64 {
    steps.push(event(
        "content_block_start",
        json!({"type": "content_block_start", "index": index, "content_block": {"type": "text", "text": ""}}),
    ));
    let mut pieces = 0;
    for piece in text.split_inclusive(' ') {
        if pieces > 0 && !pause.is_zero() {
            steps.push(Step::Sleep(pause));
        }
        steps.push(event(
            "content_block_delta",
            json!({"type": "content_block_delta", "index": index, "delta": {"type": "text_delta", "text": piece}}),
        ));
        pieces += 1;
    }
    steps.push(event(
        "content_block_stop",
        json!({"type": "content_block_stop", "index": index}),
    ));
    pieces
}

fn finish(stop_reason: &str, output_tokens: u64, steps: &mut Vec<Step>) {
    steps.push(event(
        "message_delta",
        json!({"type": "message_delta", "delta": {"stop_reason": stop_reason, "stop_sequence": null},
               "usage": {"output_tokens": output_tokens}}),
    ));
    steps.push(event("message_stop", json!({"type": "message_stop"})));
}

/// The steps of one scenario.
fn script(scenario: &str, model: &str, pause: Duration) -> Vec<Step> {
    let mut steps = vec![message_start(model)];
    match scenario {
        "tool_use" => {
            let mut tokens = text_block(
                0,
                "I'll search the roster for that brief.",
                pause,
                &mut steps,
            );
            steps.push(event(
                "content_block_start",
                json!({"type": "content_block_start", "index": 1, "content_block":
                    {"type": "tool_use", "id": "toolu_fake_01", "name": "search_talent", "input": {}}}),
            ));
            let mut chunks = vec![""];
            let mut rest = TOOL_INPUT;
            while !rest.is_empty() {
                let (chunk, tail) = rest.split_at(rest.len().min(17));
                chunks.push(chunk);
                rest = tail;
            }
            for chunk in chunks {
                if !pause.is_zero() {
                    steps.push(Step::Sleep(pause));
                }
                steps.push(event(
                    "content_block_delta",
                    json!({"type": "content_block_delta", "index": 1,
                           "delta": {"type": "input_json_delta", "partial_json": chunk}}),
                ));
                tokens += 1;
            }
            steps.push(event(
                "content_block_stop",
                json!({"type": "content_block_stop", "index": 1}),
            ));
            finish("tool_use", tokens, &mut steps);
        }
        "overloaded_midstream" => {
            steps.push(event(
                "content_block_start",
                json!({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
            ));
            steps.push(event(
                "content_block_delta",
                json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Here "}}),
            ));
            steps.push(event(
                "error",
                json!({"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}),
            ));
        }
        "stall" => steps.push(Step::Stall),
        "drop" => {
            steps.push(event(
                "content_block_start",
                json!({"type": "content_block_start", "index": 0, "content_block": {"type": "text", "text": ""}}),
            ));
            steps.push(event(
                "content_block_delta",
                json!({"type": "content_block_delta", "index": 0, "delta": {"type": "text_delta", "text": "Here "}}),
            ));
            // Let the events leave before the connection is cut.
            steps.push(Step::Sleep(Duration::from_millis(20)));
            steps.push(Step::Cut);
        }
        "slow" => {
            let text = "word ".repeat(300);
            let tokens = text_block(0, &text, Duration::from_millis(100), &mut steps);
            finish("end_turn", tokens, &mut steps);
        }
        "slow_pings" => {
            for _ in 0..5 {
                steps.push(Step::Sleep(Duration::from_millis(200)));
                steps.push(ping());
            }
            let tokens = text_block(0, TEXT_ANSWER, pause, &mut steps);
            finish("end_turn", tokens, &mut steps);
        }
        "tool_answer" => {
            let tokens = text_block(0, TOOL_ANSWER, pause, &mut steps);
            finish("end_turn", tokens, &mut steps);
        }
        "unknown_event" => {
            steps.push(event(
                "future_event_type",
                json!({"type": "future_event_type", "hint": 1}),
            ));
            let tokens = text_block(0, TEXT_ANSWER, pause, &mut steps);
            finish("end_turn", tokens, &mut steps);
        }
        "fragmented" => {
            let tokens = text_block(0, TEXT_ANSWER, pause, &mut steps);
            finish("end_turn", tokens, &mut steps);
            steps.insert(1, ping());
            steps = steps
                .into_iter()
                .flat_map(|step| match step {
                    Step::Send(bytes) => {
                        let cut = bytes.len() / 2 + 1;
                        vec![
                            Step::Send(bytes.slice(..cut)),
                            Step::Sleep(Duration::from_millis(2)),
                            Step::Send(bytes.slice(cut..)),
                        ]
                    }
                    other => vec![other],
                })
                .collect();
        }
        _ => {
            steps.push(ping());
            let tokens = text_block(0, TEXT_ANSWER, pause, &mut steps);
            finish("end_turn", tokens, &mut steps);
        }
    }
    steps
}

/// The JSON of an event this fake wrote (`event: NAME\ndata: JSON\n\n`).
fn data_of(event: &[u8]) -> Option<Value> {
    let text = std::str::from_utf8(event).ok()?;
    let data = text.lines().find_map(|line| line.strip_prefix("data: "))?;
    serde_json::from_str(data).ok()
}

/// The non-streaming message a script adds up to.
fn message_of(steps: &[Step], model: &str) -> Value {
    let mut content: Vec<Value> = Vec::new();
    let mut json_input = String::new();
    let mut stop_reason = Value::Null;
    let mut output_tokens = 0;
    for step in steps {
        let Step::Send(bytes) = step else { continue };
        let Some(data) = data_of(bytes) else {
            continue;
        };
        match data["type"].as_str() {
            Some("content_block_start") => content.push(data["content_block"].clone()),
            Some("content_block_delta") => {
                let Some(block) = content.last_mut() else {
                    continue;
                };
                if let Some(text) = data["delta"]["text"].as_str() {
                    let joined = format!("{}{text}", block["text"].as_str().unwrap_or(""));
                    block["text"] = joined.into();
                }
                if let Some(part) = data["delta"]["partial_json"].as_str() {
                    json_input.push_str(part);
                }
            }
            Some("content_block_stop") => {
                if let Some(block) = content.last_mut() {
                    if block["type"] == "tool_use" {
                        block["input"] = serde_json::from_str(&json_input).unwrap_or(json!({}));
                    }
                }
            }
            Some("message_delta") => {
                stop_reason = data["delta"]["stop_reason"].clone();
                output_tokens = data["usage"]["output_tokens"].as_u64().unwrap_or(0);
            }
            _ => {}
        }
    }
    json!({"id": "msg_fake_01", "type": "message", "role": "assistant", "model": model,
           "content": content, "stop_reason": stop_reason, "stop_sequence": null,
           "usage": {"input_tokens": INPUT_TOKENS, "output_tokens": output_tokens}})
}

/// An error answer in Anthropic's shape, with the headers the real API sends with it.
fn error(status: u16, message: &str, request_id: &str) -> Response {
    let kind = match status {
        400 => "invalid_request_error",
        401 => "authentication_error",
        403 => "permission_error",
        404 => "not_found_error",
        408 | 504 => "timeout_error",
        409 => "conflict_error",
        413 => "request_too_large",
        429 => "rate_limit_error",
        529 => "overloaded_error",
        _ => "api_error",
    };
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = json!({"type": "error", "error": {"type": kind, "message": message}, "request_id": request_id});
    let mut response = (status, axum::Json(body)).into_response();
    let h = response.headers_mut();
    h.insert("request-id", request_id.parse().expect("valid header"));
    if status == StatusCode::TOO_MANY_REQUESTS {
        h.insert("retry-after", "1".parse().expect("valid"));
        h.insert(
            "anthropic-ratelimit-requests-remaining",
            "0".parse().expect("valid"),
        );
        h.insert(
            "anthropic-ratelimit-requests-reset",
            "2026-01-01T00:00:01Z".parse().expect("valid"),
        );
    }
    response
}
