//! Service checks with a timeout each, run at once: an HTTP(S) health URL (healthy on a 2xx
//! answer whose body contains `expect`) or a TCP port (healthy when a connection opens).

use std::time::{Duration, Instant};

use castmatch_progress::observations::Check;
use castmatch_progress::services::{parse_check, CheckTarget};
use castmatch_progress::Service;

/// Checks every service concurrently; each finishes within its own timeout.
pub async fn check_all(client: &reqwest::Client, services: &[Service]) -> Vec<Check> {
    let checks = services.iter().map(|service| check(client, service));
    futures_util::future::join_all(checks).await
}

pub async fn check(client: &reqwest::Client, service: &Service) -> Check {
    let timeout = Duration::from_millis(service.timeout_ms);
    let started = Instant::now();
    let verdict = match parse_check(&service.check) {
        Err(problem) => Err(problem),
        Ok(target) => match tokio::time::timeout(timeout, reach(client, &target, service)).await {
            Ok(verdict) => verdict,
            Err(_) => Err(format!("no answer within {} ms", service.timeout_ms)),
        },
    };
    let millis = started.elapsed().as_secs_f64() * 1000.0;
    let (healthy, detail) = match verdict {
        Ok(detail) => (true, format!("{detail} in {millis:.0} ms")),
        Err(problem) => (false, problem),
    };
    Check {
        service: service.id.clone(),
        healthy,
        detail,
        millis: Some((millis * 10.0).round() / 10.0),
    }
}

/// Ok with what answered, or why the service is not healthy.
async fn reach(
    client: &reqwest::Client,
    target: &CheckTarget,
    service: &Service,
) -> Result<String, String> {
    match target {
        CheckTarget::Tcp { host, port } => tokio::net::TcpStream::connect((host.as_str(), *port))
            .await
            .map(|_| "connected".to_string())
            .map_err(|e| connect_problem(&e)),
        CheckTarget::Http(url) => {
            let response = client.get(url).send().await.map_err(|e| describe(&e))?;
            let status = response.status();
            if !status.is_success() {
                return Err(format!("HTTP {}", status.as_u16()));
            }
            if let Some(expected) = &service.expect {
                let body = response.text().await.map_err(|e| describe(&e))?;
                if !body.contains(expected.as_str()) {
                    return Err(format!("HTTP {} without {expected:?}", status.as_u16()));
                }
            }
            Ok(format!("HTTP {}", status.as_u16()))
        }
    }
}

fn connect_problem(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::ConnectionRefused => "connection refused".into(),
        _ => error.to_string(),
    }
}

/// A reqwest error as its innermost cause ("connection refused", "dns error ...").
fn describe(error: &reqwest::Error) -> String {
    let mut cause: &dyn std::error::Error = error;
    while let Some(inner) = cause.source() {
        cause = inner;
    }
    let text = cause.to_string();
    if text.to_ascii_lowercase().contains("connection refused") {
        "connection refused".into()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpListener;

    fn service(check: String, timeout_ms: u64, expect: Option<&str>) -> Service {
        Service {
            id: "s".into(),
            name: "S".into(),
            check,
            expect: expect.map(str::to_string),
            timeout_ms,
        }
    }

    /// A loopback server answering every connection with `answer` (or holding it silently).
    fn server(answer: Option<&'static str>) -> u16 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        std::thread::spawn(move || {
            let mut held = Vec::new();
            for mut stream in listener.incoming().flatten() {
                let mut buffer = [0u8; 1024];
                let _ = stream.read(&mut buffer);
                match answer {
                    Some(text) => {
                        let _ = write!(stream, "HTTP/1.1 200 OK\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{text}", text.len());
                    }
                    None => held.push(stream),
                }
            }
        });
        port
    }

    fn closed_port() -> u16 {
        TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    }

    #[tokio::test]
    async fn checks_on_real_loopback_sockets() {
        let client = reqwest::Client::builder().no_proxy().build().unwrap();
        let up = server(Some(r#"{"claude":"configured"}"#));
        let open = check(
            &client,
            &service(format!("tcp://127.0.0.1:{up}"), 1000, None),
        )
        .await;
        assert!(open.healthy, "{open:?}");
        let http = check(
            &client,
            &service(
                format!("http://127.0.0.1:{up}/api/health"),
                1000,
                Some(r#""claude":"configured""#),
            ),
        )
        .await;
        assert!(
            http.healthy && http.detail.starts_with("HTTP 200"),
            "{http:?}"
        );
        let offline = check(
            &client,
            &service(
                format!("http://127.0.0.1:{up}/"),
                1000,
                Some("nothing like this"),
            ),
        )
        .await;
        assert!(
            !offline.healthy && offline.detail.contains("without"),
            "{offline:?}"
        );

        let refused = check(
            &client,
            &service(format!("tcp://127.0.0.1:{}", closed_port()), 1000, None),
        )
        .await;
        assert_eq!(
            (refused.healthy, refused.detail.as_str()),
            (false, "connection refused")
        );

        // A server that accepts and never answers: the check gives up at its timeout.
        let silent = server(None);
        let timed_out = check(
            &client,
            &service(format!("http://127.0.0.1:{silent}/health"), 300, None),
        )
        .await;
        assert_eq!(
            (timed_out.healthy, timed_out.detail.as_str()),
            (false, "no answer within 300 ms")
        );
        let millis = timed_out.millis.unwrap();
        assert!((300.0..1500.0).contains(&millis), "{millis} ms");
    }
}
