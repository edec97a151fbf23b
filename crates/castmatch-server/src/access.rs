//! Who may call the broker: the `Host` a request names (against DNS rebinding), the page it
//! comes from (`Origin`, `Sec-Fetch-Site`), its content type, the access token, and which
//! client it counts as for rate limits and budgets.

use std::net::{IpAddr, SocketAddr};

use axum::http::{header, HeaderMap, Uri};
use subtle::ConstantTimeEq;

use super::config::{check_origin, Config, ConfigError};
use super::error::ApiError;

/// The access rules of one running broker.
#[derive(Debug)]
pub struct Access {
    /// The port the server listens on: loopback names and IP addresses must carry it.
    port: u16,
    /// `--allowed-host` entries: a lower-case name and, if given, the only port allowed.
    hosts: Vec<(String, Option<u16>)>,
    /// `--cors-origin` entries, serialised as browsers send them.
    origins: Vec<String>,
    token: Option<String>,
    trusted_proxies: Vec<IpAddr>,
}

impl Access {
    pub fn new(config: &Config, port: u16) -> Result<Access, ConfigError> {
        let origins = config
            .cors_origins
            .iter()
            .map(|o| check_origin(o))
            .collect::<Result<Vec<_>, _>>()?;
        let hosts = config
            .allowed_hosts
            .iter()
            .map(|h| {
                split_host(h.trim())
                    .filter(|(name, _)| !name.is_empty() && !name.contains(['/', '@', ' ']))
                    .ok_or_else(|| ConfigError::BadAllowedHost(h.clone()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if config
            .token()
            .is_some_and(|t| axum::http::HeaderValue::from_str(&format!("Bearer {t}")).is_err())
        {
            return Err(ConfigError::BadToken);
        }
        Ok(Access {
            port,
            hosts,
            origins,
            token: config.token().map(str::to_string),
            trusted_proxies: config.trusted_proxies.clone(),
        })
    }

    /// The `--cors-origin` list, checked.
    pub fn cors_origins(&self) -> &[String] {
        &self.origins
    }

    pub fn needs_token(&self) -> bool {
        self.token.is_some()
    }

    /// A request must name this server: a loopback name or an IP address with the server's
    /// port, or an `--allowed-host`. A rebound DNS name (`attacker.example` resolving to
    /// 127.0.0.1) names neither, so a page of that name can neither call nor read the broker.
    pub fn check_host(&self, uri: &Uri, headers: &HeaderMap) -> Result<(), ApiError> {
        let named = uri.authority().map(|a| a.as_str().to_string()).or_else(|| {
            headers
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        });
        let Some(named) = named else {
            return Err(ApiError::ForeignHost("(none)".into()));
        };
        let refused = || ApiError::ForeignHost(named.chars().take(100).collect());
        let (name, port) = split_host(&named).ok_or_else(refused)?;
        let port_is_ours = port.unwrap_or(80) == self.port;
        let local = name == "localhost" || name.ends_with(".localhost");
        if (local || name.parse::<IpAddr>().is_ok()) && port_is_ours {
            return Ok(());
        }
        let listed = self
            .hosts
            .iter()
            .any(|(allowed, only)| *allowed == name && only.is_none_or(|p| Some(p) == port));
        if listed {
            Ok(())
        } else {
            Err(refused())
        }
    }

    /// A browser request must come from the server's own pages or a `--cors-origin`: a
    /// foreign `Origin`, `Origin: null` or `Sec-Fetch-Site: cross-site` is refused. Requests
    /// without these headers (SDKs, curl) are not from a web page and pass.
    pub fn check_page(&self, headers: &HeaderMap) -> Result<(), ApiError> {
        let origin = headers
            .get(header::ORIGIN)
            .map(|v| v.to_str().unwrap_or("?"));
        let listed = origin.is_some_and(|o| self.origins.iter().any(|allowed| allowed == o));
        if listed {
            return Ok(());
        }
        if let Some(origin) = origin {
            let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
            if !host.is_some_and(|host| same_authority(origin, host)) {
                return Err(ApiError::ForeignPage(format!(
                    "requests from {} are not accepted",
                    origin.chars().take(100).collect::<String>()
                )));
            }
        }
        let site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
        if site == Some("cross-site") {
            return Err(ApiError::ForeignPage(
                "cross-site requests are not accepted".into(),
            ));
        }
        Ok(())
    }

    /// With an access token configured, the request must carry it as `Authorization:
    /// Bearer TOKEN` or `x-api-key: TOKEN` (what the SDKs send as their API key).
    pub fn check_token(&self, headers: &HeaderMap) -> Result<(), ApiError> {
        let Some(token) = &self.token else {
            return Ok(());
        };
        let bearer = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        let api_key = headers.get("x-api-key").and_then(|v| v.to_str().ok());
        let matches = |given: Option<&str>| {
            given.is_some_and(|g| bool::from(g.trim().as_bytes().ct_eq(token.as_bytes())))
        };
        if matches(bearer) || matches(api_key) {
            Ok(())
        } else {
            Err(ApiError::Unauthenticated)
        }
    }

    /// The client a request counts as: the peer, or behind a `--trusted-proxy` the last
    /// address of `X-Forwarded-For` that is not itself a trusted proxy.
    pub fn client_of(&self, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
        let peer = peer.ip();
        if !self.trusted_proxies.contains(&peer) {
            return peer;
        }
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse::<IpAddr>().ok())
            .collect::<Vec<_>>();
        forwarded
            .into_iter()
            .rev()
            .find(|ip| !self.trusted_proxies.contains(ip))
            .unwrap_or(peer)
    }
}

/// `/v1/*` bodies must be `application/json`: a web page can send `text/plain` or a form
/// without asking first (no CORS preflight), JSON it cannot.
pub fn check_json(headers: &HeaderMap) -> Result<(), ApiError> {
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let media = kind.split(';').next().unwrap_or("").trim();
    if media.eq_ignore_ascii_case("application/json") {
        Ok(())
    } else {
        Err(ApiError::UnsupportedMediaType(
            kind.chars().take(100).collect(),
        ))
    }
}

/// `name[:port]` or `[v6][:port]` as a lower-case name (no trailing dot) and the port.
fn split_host(text: &str) -> Option<(String, Option<u16>)> {
    let (name, port) = match text.strip_prefix('[') {
        Some(rest) => {
            let (v6, after) = rest.split_once(']')?;
            (v6, after.strip_prefix(':'))
        }
        None => match text.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (text, None),
        },
    };
    let port = match port {
        Some(p) => Some(p.parse::<u16>().ok()?),
        None => None,
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    Some((name, port))
}

/// True when an `Origin` (`scheme://host[:port]`) names the same host and port as `Host`.
fn same_authority(origin: &str, host: &str) -> bool {
    let Some((scheme, authority)) = origin.split_once("://") else {
        return false;
    };
    if !matches!(scheme, "http" | "https") {
        return false;
    }
    let default = if scheme == "https" { 443 } else { 80 };
    match (split_host(authority), split_host(host)) {
        (Some((a, ap)), Some((b, bp))) => a == b && ap.unwrap_or(default) == bp.unwrap_or(default),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn access(tweak: impl FnOnce(&mut Config)) -> Access {
        let mut config = Config::defaults();
        tweak(&mut config);
        Access::new(&config, 8080).unwrap()
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, value.parse().unwrap());
        }
        map
    }

    #[test]
    fn hosts_are_loopback_addresses_with_our_port_or_listed() {
        let a = access(|c| {
            c.allowed_hosts = vec!["cast.example.com".into(), "cast.example.net:8443".into()]
        });
        let uri = Uri::from_static("/v1/messages");
        let ok = |host: &str| a.check_host(&uri, &headers(&[("host", host)])).is_ok();
        for host in [
            "localhost:8080",
            "127.0.0.1:8080",
            "[::1]:8080",
            "app.localhost:8080",
            "10.1.2.3:8080",
            "cast.example.com",
            "cast.example.com:9",
            "CAST.example.com.",
            "cast.example.net:8443",
        ] {
            assert!(ok(host), "{host}");
        }
        for host in [
            "rebind.attacker.example:8080",
            "localhost:9999",
            "127.0.0.1",
            "cast.example.net",
            "cast.example.net:8080",
            "localhost:80:80",
            "",
            "[::1",
        ] {
            assert!(!ok(host), "{host}");
        }
        let absolute = Uri::from_static("http://evil.example:8080/v1/messages");
        assert!(a
            .check_host(&absolute, &headers(&[("host", "localhost:8080")]))
            .is_err());
    }

    #[test]
    fn pages_must_be_ours_or_listed() {
        let a = access(|c| c.cors_origins = vec!["https://cast.example".into()]);
        let check = |pairs: &[(&'static str, &str)]| a.check_page(&headers(pairs)).is_ok();
        assert!(check(&[]), "no browser headers: an SDK");
        assert!(check(&[
            ("host", "localhost:8080"),
            ("origin", "http://localhost:8080"),
            ("sec-fetch-site", "same-origin")
        ]));
        assert!(check(&[
            ("host", "cast.example.com"),
            ("origin", "https://cast.example.com")
        ]));
        assert!(check(&[
            ("host", "localhost:8080"),
            ("origin", "https://cast.example"),
            ("sec-fetch-site", "cross-site")
        ]));
        assert!(!check(&[
            ("host", "localhost:8080"),
            ("origin", "https://evil.example")
        ]));
        assert!(!check(&[("host", "localhost:8080"), ("origin", "null")]));
        assert!(!check(&[
            ("host", "localhost:8080"),
            ("origin", "http://localhost:9999")
        ]));
        assert!(!check(&[
            ("host", "localhost:8080"),
            ("sec-fetch-site", "cross-site")
        ]));
    }

    #[test]
    fn tokens_come_as_bearer_or_api_key() {
        let a = access(|c| c.access_token = Some("t0ken".into()));
        assert!(a
            .check_token(&headers(&[("authorization", "Bearer t0ken")]))
            .is_ok());
        assert!(a.check_token(&headers(&[("x-api-key", "t0ken")])).is_ok());
        assert!(a.check_token(&headers(&[("x-api-key", "t0ke")])).is_err());
        assert!(a.check_token(&headers(&[])).is_err());
        assert!(access(|_| {}).check_token(&headers(&[])).is_ok());
    }

    #[test]
    fn forwarded_for_counts_only_behind_a_trusted_proxy() {
        let a = access(|c| c.trusted_proxies = vec!["10.0.0.9".parse().unwrap()]);
        let h = headers(&[("x-forwarded-for", "1.2.3.4, 5.6.7.8")]);
        let proxy: SocketAddr = "10.0.0.9:5000".parse().unwrap();
        let other: SocketAddr = "9.9.9.9:5000".parse().unwrap();
        assert_eq!(a.client_of(proxy, &h), "5.6.7.8".parse::<IpAddr>().unwrap());
        assert_eq!(a.client_of(other, &h), other.ip());
        assert_eq!(a.client_of(proxy, &HeaderMap::new()), proxy.ip());
    }

    #[test]
    fn only_json_bodies() {
        assert!(check_json(&headers(&[(
            "content-type",
            "application/json; charset=utf-8"
        )]))
        .is_ok());
        assert!(check_json(&headers(&[("content-type", "Application/JSON")])).is_ok());
        for kind in [
            "text/plain",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x",
        ] {
            assert!(check_json(&headers(&[("content-type", kind)])).is_err());
        }
        assert!(check_json(&HeaderMap::new()).is_err());
    }
}
