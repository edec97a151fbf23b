//! `PlanError`: everything that can be wrong with a plan, an update or a time, each message
//! naming the place (a JSON path, the ids of a cycle) so a person can fix it.

use std::fmt;

/// One semantic problem at a JSON path, e.g. `agents[3].depends_on[1]: no agent "redis"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub path: String,
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// Not JSON, or JSON of the wrong shape (missing field, wrong type, bad date).
    #[error("{path}: {message}")]
    Json { path: String, message: String },
    /// Well-formed JSON that breaks the plan's rules; every issue found is listed.
    #[error("{}", join_issues(.0))]
    Invalid(Vec<Issue>),
    /// Dependencies that loop; the ids in dependency order, first repeated last.
    #[error("dependency cycle: {}", .0.join(" -> "))]
    Cycle(Vec<String>),
    /// A `now` or other time argument that is not RFC 3339.
    #[error("bad time {0:?}: expected RFC 3339, e.g. 2025-09-05T01:45:00+05:30")]
    BadTime(String),
}

impl PlanError {
    pub(crate) fn at(path: impl Into<String>, message: impl Into<String>) -> PlanError {
        PlanError::Invalid(vec![Issue {
            path: path.into(),
            message: message.into(),
        }])
    }
}

fn join_issues(issues: &[Issue]) -> String {
    let shown: Vec<String> = issues.iter().take(20).map(Issue::to_string).collect();
    let more = issues.len().saturating_sub(shown.len());
    let mut text = shown.join("; ");
    if more > 0 {
        text.push_str(&format!("; and {more} more"));
    }
    text
}

/// Parses JSON into `T`, reporting type errors with the JSON path of the offending value.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, PlanError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|err| {
        let path = err.path().to_string();
        PlanError::Json {
            path: if path == "." { "(root)".into() } else { path },
            message: err.into_inner().to_string(),
        }
    })?;
    deserializer.end().map_err(|err| PlanError::Json {
        path: "(root)".into(),
        message: err.to_string(),
    })?;
    Ok(value)
}

/// Parses an RFC 3339 time such as `2025-09-05T01:45:00+05:30`.
pub fn parse_time(text: &str) -> Result<chrono::DateTime<chrono::FixedOffset>, PlanError> {
    chrono::DateTime::parse_from_rfc3339(text.trim())
        .map_err(|_| PlanError::BadTime(text.to_string()))
}
