//! What a request may ask the key to pay for: a model of the allowlist, `max_tokens` under
//! the cap, and beyond the Messages basics only the fields, server tools, URL sources and
//! `anthropic-beta` values the operator allowed. Everything else is refused before upstream.

use std::collections::HashSet;

use axum::http::HeaderMap;
use serde_json::{Map, Value};

use super::config::Config;
use super::error::ApiError;

/// Top-level fields every request may use.
const BASICS: [&str; 12] = [
    "model",
    "messages",
    "max_tokens",
    "system",
    "stream",
    "temperature",
    "top_p",
    "top_k",
    "stop_sequences",
    "metadata",
    "tools",
    "tool_choice",
];

/// The two endpoints that reach the upstream.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    Messages,
    CountTokens,
}

impl Endpoint {
    /// The path under the upstream's base URL.
    pub fn path(self) -> &'static str {
        match self {
            Endpoint::Messages => "v1/messages",
            Endpoint::CountTokens => "v1/messages/count_tokens",
        }
    }
}

/// What the broker learned from an admitted body.
#[derive(Debug, PartialEq, Eq)]
pub struct Admitted {
    pub model: String,
    pub stream: bool,
    /// The output bound the request asked for (0 for count_tokens).
    pub max_tokens: u64,
}

/// The spend policy of one broker.
pub struct Policy {
    models: Vec<String>,
    max_tokens_cap: u64,
    fields: HashSet<String>,
    server_tools: Vec<String>,
    url_sources: bool,
    betas: HashSet<String>,
}

impl Policy {
    pub fn new(config: &Config) -> Policy {
        let set = |list: &[String]| list.iter().map(|s| s.trim().to_string()).collect();
        Policy {
            models: config.models.clone(),
            max_tokens_cap: config.max_tokens_cap,
            fields: set(&config.allow_fields),
            server_tools: config
                .allow_server_tools
                .iter()
                .map(|s| s.trim().to_string())
                .collect(),
            url_sources: config.allow_url_sources,
            betas: set(&config.allow_betas),
        }
    }

    /// Every `anthropic-beta` value (comma-separated, possibly in several headers) must be
    /// allowed: a beta can switch on paid features the body does not show.
    pub fn check_betas(&self, headers: &HeaderMap) -> Result<(), ApiError> {
        for value in headers.get_all("anthropic-beta") {
            let text = value
                .to_str()
                .map_err(|_| refuse("anthropic-beta", "is not text"))?;
            for beta in text.split(',').map(str::trim).filter(|b| !b.is_empty()) {
                if !self.betas.contains(beta) {
                    return Err(ApiError::NotAllowed(format!(
                        "anthropic-beta `{beta}` is not enabled on this server (the operator can allow it with --allow-beta {beta})"
                    )));
                }
            }
        }
        Ok(())
    }

    /// Checks a request body; the body itself goes upstream unchanged.
    pub fn check_body(&self, body: &[u8], endpoint: Endpoint) -> Result<Admitted, ApiError> {
        let text = std::str::from_utf8(body)
            .map_err(|e| ApiError::InvalidRequest(format!("the body is not UTF-8: {e}")))?;
        let value: Value = serde_json::from_str(text)
            .map_err(|e| ApiError::InvalidRequest(format!("the body is not valid JSON: {e}")))?;
        let Value::Object(fields) = value else {
            return Err(ApiError::InvalidRequest(
                "the body must be a JSON object".into(),
            ));
        };
        for name in fields.keys() {
            if !BASICS.contains(&name.as_str()) && !self.fields.contains(name) {
                return Err(ApiError::NotAllowed(format!(
                    "field `{name}` is not enabled on this server (the operator can allow it with --allow-field {name})"
                )));
            }
        }
        let model = self.check_model(&fields)?;
        let max_tokens = match endpoint {
            Endpoint::Messages => self.check_max_tokens(&fields)?,
            Endpoint::CountTokens => 0,
        };
        let stream = match fields.get("stream") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(b)) => *b && endpoint == Endpoint::Messages,
            Some(_) => return Err(refuse("stream", "must be true or false")),
        };
        self.check_tools(fields.get("tools"))?;
        if !self.url_sources {
            for name in ["messages", "system"] {
                if let Some(value) = fields.get(name) {
                    find_url_source(value, name)?;
                }
            }
        }
        Ok(Admitted {
            model,
            stream,
            max_tokens,
        })
    }

    fn check_model(&self, fields: &Map<String, Value>) -> Result<String, ApiError> {
        let model = match fields.get("model") {
            Some(Value::String(m)) => m.clone(),
            Some(_) => return Err(refuse("model", "must be a string")),
            None => return Err(refuse("model", "field required")),
        };
        if self.models.iter().any(|m| m == &model) {
            Ok(model)
        } else {
            Err(ApiError::InvalidRequest(format!(
                "model `{model}` is not available on this server; use one of: {}",
                self.models.join(", ")
            )))
        }
    }

    fn check_max_tokens(&self, fields: &Map<String, Value>) -> Result<u64, ApiError> {
        let max_tokens = match fields.get("max_tokens") {
            Some(value) => value
                .as_u64()
                .ok_or_else(|| refuse("max_tokens", "must be a non-negative integer"))?,
            None => return Err(refuse("max_tokens", "field required")),
        };
        if max_tokens > self.max_tokens_cap {
            return Err(ApiError::InvalidRequest(format!(
                "max_tokens {max_tokens} is above this server's cap of {}",
                self.max_tokens_cap
            )));
        }
        Ok(max_tokens)
    }

    /// Client tools (no `type`, or `custom`) run in the browser; any other type is a server
    /// tool the upstream runs and bills, allowed only by name.
    fn check_tools(&self, tools: Option<&Value>) -> Result<(), ApiError> {
        let tools = match tools {
            None | Some(Value::Null) => return Ok(()),
            Some(Value::Array(tools)) => tools,
            Some(_) => return Err(refuse("tools", "must be an array")),
        };
        for (i, tool) in tools.iter().enumerate() {
            let kind = match tool.get("type") {
                None | Some(Value::Null) => continue,
                Some(Value::String(kind)) => kind,
                Some(_) => return Err(refuse(&format!("tools[{i}].type"), "must be a string")),
            };
            if kind == "custom" {
                continue;
            }
            let family = strip_date(kind);
            let allowed = self.server_tools.iter().any(|t| t == kind || t == family);
            if !allowed {
                return Err(ApiError::NotAllowed(format!(
                    "tools[{i}]: server tool `{kind}` is not enabled on this server (the operator can allow it with --allow-server-tool {family})"
                )));
            }
        }
        Ok(())
    }
}

/// `web_search_20250305` -> `web_search`.
fn strip_date(kind: &str) -> &str {
    match kind.rsplit_once('_') {
        Some((family, date)) if !date.is_empty() && date.bytes().all(|b| b.is_ascii_digit()) => {
            family
        }
        _ => kind,
    }
}

/// Refuses any `source` of type `url` (an image or document the upstream would fetch) at
/// any depth, naming its JSON path.
fn find_url_source(value: &Value, path: &str) -> Result<(), ApiError> {
    match value {
        Value::Object(map) => {
            if let Some(source) = map.get("source") {
                if source.get("type").and_then(Value::as_str) == Some("url") {
                    return Err(ApiError::NotAllowed(format!(
                        "{path}.source: URL sources are not enabled on this server (send the content inline, or the operator can allow them with --allow-url-sources)"
                    )));
                }
            }
            for (key, inner) in map {
                find_url_source(inner, &format!("{path}.{key}"))?;
            }
        }
        Value::Array(items) => {
            for (i, inner) in items.iter().enumerate() {
                find_url_source(inner, &format!("{path}[{i}]"))?;
            }
        }
        _ => {}
    }
    Ok(())
}

fn refuse(path: &str, why: &str) -> ApiError {
    ApiError::InvalidRequest(format!("{path}: {why}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn policy(tweak: impl FnOnce(&mut Config)) -> Policy {
        let mut config = Config::defaults();
        config.models = vec!["claude-a".into()];
        config.max_tokens_cap = 100;
        tweak(&mut config);
        Policy::new(&config)
    }

    fn check(p: &Policy, body: Value) -> Result<Admitted, ApiError> {
        p.check_body(&serde_json::to_vec(&body).unwrap(), Endpoint::Messages)
    }

    #[test]
    fn model_and_max_tokens_are_checked() {
        let p = policy(|_| {});
        let ok = json!({"model":"claude-a","max_tokens":100,"stream":true,"messages":[]});
        assert_eq!(
            check(&p, ok).unwrap(),
            Admitted {
                model: "claude-a".into(),
                stream: true,
                max_tokens: 100
            }
        );
        for bad in [
            json!({"model":"claude-b","max_tokens":10}),
            json!({"model":"claude-a","max_tokens":101}),
            json!({"model":"claude-a","max_tokens":-1}),
            json!({"max_tokens":10}),
            json!({"model":"claude-a"}),
            json!([1, 2]),
        ] {
            assert!(matches!(check(&p, bad), Err(ApiError::InvalidRequest(_))));
        }
        let count = br#"{"model":"claude-a","messages":[]}"#;
        assert_eq!(
            p.check_body(count, Endpoint::CountTokens)
                .unwrap()
                .max_tokens,
            0
        );
    }

    #[test]
    fn extras_need_the_operator() {
        let strict = policy(|_| {});
        let open = policy(|c| {
            c.allow_fields = vec!["mcp_servers".into()];
            c.allow_server_tools = vec!["web_search".into()];
            c.allow_url_sources = true;
        });
        let base = json!({"model":"claude-a","max_tokens":10,"messages":[]});
        let with = |key: &str, value: Value| {
            let mut body = base.clone();
            body[key] = value;
            body
        };
        let mcp = with(
            "mcp_servers",
            json!([{"type":"url","url":"https://mcp.example"}]),
        );
        let search = with(
            "tools",
            json!([{"name":"search_talent","input_schema":{}}, {"type":"web_search_20250305","name":"web_search"}]),
        );
        let url_image = with(
            "messages",
            json!([{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":[{"type":"image","source":{"type":"url","url":"https://x/y.png"}}]}]}]),
        );
        for body in [&mcp, &search, &url_image] {
            let error = check(&strict, body.clone()).unwrap_err();
            assert!(matches!(error, ApiError::NotAllowed(_)), "{error}");
            assert!(check(&open, body.clone()).is_ok(), "{body}");
        }
        let message = check(&strict, url_image).unwrap_err().to_string();
        assert!(
            message.starts_with("messages[0].content[0].content[0].source"),
            "{message}"
        );
        let client_tools = with(
            "tools",
            json!([{"name":"a","input_schema":{}}, {"type":"custom","name":"b","input_schema":{}}]),
        );
        assert!(check(&strict, client_tools).is_ok());
        let code = with(
            "tools",
            json!([{"type":"code_execution_20250522","name":"code_execution"}]),
        );
        assert!(check(&open, code).is_err(), "only the named family");
    }

    #[test]
    fn betas_must_be_listed() {
        let p = policy(|c| c.allow_betas = vec!["token-efficient-tools-2025-02-19".into()]);
        let mut headers = HeaderMap::new();
        assert!(p.check_betas(&headers).is_ok());
        headers.insert(
            "anthropic-beta",
            "token-efficient-tools-2025-02-19".parse().unwrap(),
        );
        assert!(p.check_betas(&headers).is_ok());
        headers.append(
            "anthropic-beta",
            "token-efficient-tools-2025-02-19, mcp-client-2025-04-04"
                .parse()
                .unwrap(),
        );
        assert!(p
            .check_betas(&headers)
            .unwrap_err()
            .to_string()
            .contains("mcp-client-2025-04-04"));
        assert_eq!(strip_date("web_search_20250305"), "web_search");
        assert_eq!(strip_date("bash"), "bash");
    }
}
