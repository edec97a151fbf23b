//! What a service check reaches, parsed from the plan's `check`: an HTTP(S) health URL or a TCP
//! `host:port`. Parsing only: the checks themselves run in the CLI, with sockets and a timeout.

/// Where a service is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckTarget {
    /// Healthy on a 2xx answer (whose body contains the service's `expect`, if set).
    Http(String),
    /// Healthy when a TCP connection opens.
    Tcp { host: String, port: u16 },
}

/// `http://host:port/path`, `https://...` or `tcp://host:port`; the error says what is wrong.
pub fn parse_check(check: &str) -> Result<CheckTarget, String> {
    let check = check.trim();
    let Some((scheme, rest)) = check.split_once("://") else {
        return Err(format!(
            "{check:?} is not http://host:port/path or tcp://host:port"
        ));
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let (host, port) = split_host_port(authority)
        .ok_or_else(|| format!("{check:?} has no host (expected {scheme}://host:port...)"))?;
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "https" => {
            if let Some(port) = port {
                port.parse::<u16>()
                    .map_err(|_| format!("{check:?}: port {port:?} is not a number 0-65535"))?;
            }
            Ok(CheckTarget::Http(check.to_string()))
        }
        "tcp" => {
            let port = port.ok_or_else(|| format!("{check:?} needs a port: tcp://host:port"))?;
            let port = port
                .parse::<u16>()
                .map_err(|_| format!("{check:?}: port {port:?} is not a number 0-65535"))?;
            if rest.len() > authority.len() && rest[authority.len()..] != *"/" {
                return Err(format!("{check:?}: a TCP check has no path"));
            }
            Ok(CheckTarget::Tcp {
                host: host.to_string(),
                port,
            })
        }
        other => Err(format!(
            "{check:?}: unknown scheme {other:?} (use http, https or tcp)"
        )),
    }
}

/// `host:port`, `host`, `[::1]:port`; `None` without a host.
fn split_host_port(authority: &str) -> Option<(&str, Option<&str>)> {
    let authority = authority.rsplit_once('@').map_or(authority, |(_, a)| a);
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (host, after) = v6.split_once(']')?;
        (host, after.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    (!host.is_empty()).then_some((host, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_parse_or_say_why_not() {
        assert_eq!(
            parse_check("tcp://127.0.0.1:6379"),
            Ok(CheckTarget::Tcp {
                host: "127.0.0.1".into(),
                port: 6379
            })
        );
        assert_eq!(
            parse_check("tcp://[::1]:5432"),
            Ok(CheckTarget::Tcp {
                host: "::1".into(),
                port: 5432
            })
        );
        assert_eq!(
            parse_check("http://127.0.0.1:8080/api/health"),
            Ok(CheckTarget::Http("http://127.0.0.1:8080/api/health".into()))
        );
        for (bad, why) in [
            ("127.0.0.1:6379", "is not http"),
            ("tcp://localhost", "needs a port"),
            ("tcp://localhost:99999", "not a number"),
            ("ftp://x:21", "unknown scheme"),
            ("http://:80/", "no host"),
            ("tcp://redis:6379/db", "no path"),
        ] {
            let error = parse_check(bad).unwrap_err();
            assert!(error.contains(why), "{bad}: {error}");
        }
    }
}
