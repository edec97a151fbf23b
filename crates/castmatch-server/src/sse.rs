//! Server-sent event framing: cuts an upstream byte stream into whole events (so the client
//! never gets half an event), and reads the few events the broker cares about.

use bytes::{Bytes, BytesMut};

/// Accumulates upstream bytes and hands out whole events, byte for byte as they came.
#[derive(Default)]
pub struct Framer {
    buf: BytesMut,
    /// Bytes of `buf` already known to hold no event boundary.
    scanned: usize,
}

impl Framer {
    /// Adds a chunk; returns every event it completed (several may come at once), each with
    /// its terminating blank line, or `None` when no event is complete yet.
    pub fn push(&mut self, chunk: &[u8]) -> Option<Vec<Bytes>> {
        self.buf.extend_from_slice(chunk);
        let mut events = Vec::new();
        loop {
            let from = self.scanned;
            match find_boundary(&self.buf, from) {
                Some(end) => {
                    events.push(self.buf.split_to(end).freeze());
                    self.scanned = 0;
                }
                None => {
                    // A boundary spans at most 4 bytes: rescan only the tail next time.
                    self.scanned = self.buf.len().saturating_sub(3);
                    break;
                }
            }
        }
        (!events.is_empty()).then_some(events)
    }

    /// True when bytes of an unfinished event are waiting.
    pub fn has_partial(&self) -> bool {
        self.buf.iter().any(|b| !b.is_ascii_whitespace())
    }
}

/// The end (exclusive) of the first event in `buf`: the position after a blank line, where
/// lines end in `\n`, `\r\n` or `\r`.
fn find_boundary(buf: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < buf.len() {
        let first_end = match buf[i] {
            b'\n' => i + 1,
            b'\r' if buf.get(i + 1) == Some(&b'\n') => i + 2,
            b'\r' if i + 1 < buf.len() => i + 1,
            // A lone `\r` at the very end may be the start of `\r\n`: wait for more.
            b'\r' => return None,
            _ => {
                i += 1;
                continue;
            }
        };
        // `first_end` starts a line; is that line empty?
        match (buf.get(first_end), buf.get(first_end + 1)) {
            (Some(b'\n'), _) => return Some(first_end + 1),
            (Some(b'\r'), Some(b'\n')) => return Some(first_end + 2),
            (Some(b'\r'), Some(_)) => return Some(first_end + 1),
            (Some(b'\r'), None) => return None,
            _ => i = first_end,
        }
    }
    None
}

/// An event's name (`event:` line) and data (`data:` lines joined by `\n`).
#[derive(Debug, PartialEq, Eq)]
pub struct Event {
    pub name: Option<String>,
    pub data: String,
}

/// Parses one whole event (as `Framer` returns them). Comments and other fields are skipped.
pub fn parse(event: &[u8]) -> Event {
    let text = String::from_utf8_lossy(event);
    let mut name = None;
    let mut data: Option<String> = None;
    for line in text.split(['\n', '\r']) {
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match field {
            "event" => name = Some(value.to_string()),
            "data" => match &mut data {
                Some(d) => {
                    d.push('\n');
                    d.push_str(value);
                }
                None => data = Some(value.to_string()),
            },
            _ => {}
        }
    }
    Event {
        name,
        data: data.unwrap_or_default(), // no data line: empty data, as the SSE spec reads it
    }
}

/// What the broker learns from the events of one stream.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct StreamStats {
    pub input_tokens: u64,
    pub output_tokens: u64,
    /// `cache_creation_input_tokens` and `cache_read_input_tokens`: billed too.
    pub cache_tokens: [u64; 2],
    pub saw_stop: bool,
    pub saw_error: bool,
    pub events: u64,
}

impl StreamStats {
    /// Reads one whole event: `message_stop`, `error`, and the `usage` of `message_start`
    /// and `message_delta` (whose `output_tokens` is cumulative).
    pub fn observe(&mut self, raw: &[u8]) {
        self.events += 1;
        let event = parse(raw);
        let kind = match event.name.as_deref() {
            Some(name) => name.to_string(),
            // Neither a name nor a JSON `type`: counted as an event of no known kind.
            None => json_type(&event.data).unwrap_or_default(),
        };
        match kind.as_str() {
            "message_stop" => self.saw_stop = true,
            "error" => self.saw_error = true,
            "message_start" | "message_delta" => {
                let Ok(value) = serde_json::from_str::<serde_json::Value>(&event.data) else {
                    return;
                };
                let usage = value
                    .get("usage")
                    .or_else(|| value.get("message").and_then(|m| m.get("usage")));
                if let Some(usage) = usage {
                    let count = |key| usage.get(key).and_then(serde_json::Value::as_u64);
                    if let Some(n) = count("input_tokens") {
                        self.input_tokens = self.input_tokens.max(n);
                    }
                    if let Some(n) = count("output_tokens") {
                        self.output_tokens = self.output_tokens.max(n);
                    }
                    let cache = ["cache_creation_input_tokens", "cache_read_input_tokens"];
                    for (total, key) in self.cache_tokens.iter_mut().zip(cache) {
                        *total = (*total).max(count(key).unwrap_or(0));
                    }
                }
            }
            _ => {}
        }
    }
}

impl StreamStats {
    /// Every token the stream was billed for, as its usage reports say.
    pub fn total_tokens(&self) -> u64 {
        self.input_tokens + self.output_tokens + self.cache_tokens[0] + self.cache_tokens[1]
    }
}

fn json_type(data: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(data).ok()?;
    Some(value.get("type")?.as_str()?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_cut_whole_across_chunks() {
        let mut framer = Framer::default();
        assert_eq!(framer.push(b"event: ping\ndata: {\"type\":\"pi"), None);
        assert!(framer.has_partial());
        let events = framer
            .push(b"ng\"}\n\nevent: a\ndata: 1\n\nevent: b\r\n")
            .unwrap();
        assert_eq!(
            events,
            vec![
                Bytes::from_static(b"event: ping\ndata: {\"type\":\"ping\"}\n\n"),
                Bytes::from_static(b"event: a\ndata: 1\n\n")
            ]
        );
        let events = framer.push(b"data: 2\r\n\r\n").unwrap();
        assert_eq!(
            events,
            vec![Bytes::from_static(b"event: b\r\ndata: 2\r\n\r\n")]
        );
        assert!(!framer.has_partial());
        // The boundary split over two chunks.
        assert_eq!(framer.push(b"data: 3\n"), None);
        assert_eq!(
            framer.push(b"\n").unwrap(),
            vec![Bytes::from_static(b"data: 3\n\n")]
        );
        assert_eq!(framer.push(b"data: 4\r"), None);
        assert_eq!(framer.push(b"\n\r"), None);
        assert_eq!(
            framer.push(b"\n").unwrap(),
            vec![Bytes::from_static(b"data: 4\r\n\r\n")]
        );
    }

    #[test]
    fn parse_reads_name_and_joined_data() {
        let event = parse(b"event: message_stop\ndata: {\"a\":\ndata: 1}\n: comment\n\n");
        assert_eq!(event.name.as_deref(), Some("message_stop"));
        assert_eq!(event.data, "{\"a\":\n1}");
    }

    #[test]
    fn stats_read_usage_stop_and_error() {
        let mut stats = StreamStats::default();
        stats.observe(b"event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}\n\n");
        stats.observe(b"event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":15}}\n\n");
        assert_eq!(
            (stats.input_tokens, stats.output_tokens, stats.saw_stop),
            (25, 15, false)
        );
        stats.observe(b"data: {\"type\":\"message_stop\"}\n\n");
        assert!(stats.saw_stop && !stats.saw_error);
        stats.observe(b"event: error\ndata: {\"type\":\"error\"}\n\n");
        assert!(stats.saw_error);
        assert_eq!(stats.events, 4);
    }
}
