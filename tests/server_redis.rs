//! Several brokers behind one address share rate limits and budgets through a real
//! `redis-server` (Debian's package; `tests/run-all.sh` installs it), started here on a free
//! loopback port with a password: AUTH, one budget across brokers, and Redis going away.

mod support;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use castmatch_fake_anthropic::FakeUpstream;
use castmatch_server::Server;
use support::*;

const PASSWORD: &str = "redis-test-pass-7";

/// A `redis-server` on loopback; killed on drop.
struct Redis {
    child: Child,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Redis {
    // The child is owned by `Redis` at once; its `Drop` kills and waits for it.
    #[allow(clippy::zombie_processes)]
    fn start() -> Redis {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = tempfile::tempdir().unwrap();
        let child = Command::new("redis-server")
            .args(["--bind", "127.0.0.1", "--port", &port.to_string()])
            .args(["--requirepass", PASSWORD, "--save", "", "--appendonly", "no"])
            .arg("--dir")
            .arg(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("redis-server is needed for this test: apt-get install redis-server (tests/run-all.sh installs it)");
        for _ in 0..100 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Redis {
                    child,
                    port,
                    _dir: dir,
                };
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("redis-server did not start on port {port}");
    }

    fn url(&self, password: &str) -> String {
        format!("redis://:{password}@127.0.0.1:{}/", self.port)
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.stop();
    }
}

async fn shared_broker(
    fake: &FakeUpstream,
    redis: &str,
    tweak: impl FnOnce(&mut castmatch_server::Config),
) -> Server {
    let mut c = config(fake);
    c.redis = Some(redis.to_string());
    c.trusted_proxies = vec!["127.0.0.1".parse().unwrap()];
    tweak(&mut c);
    castmatch_server::start(c).await.unwrap()
}

async fn post_as(server: &Server, client_ip: &str, scenario: &str) -> reqwest::Response {
    client()
        .post(url(server, "/v1/messages"))
        .header("x-forwarded-for", client_ip)
        .json_body(&request(scenario, false))
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_wrong_or_missing_password_stops_the_start_with_a_clear_error() {
    let redis = Redis::start();
    let fake = FakeUpstream::start().await.unwrap();
    let mut c = config(&fake);
    c.redis = Some(redis.url("not-the-password"));
    let error = castmatch_server::start(c)
        .await
        .err()
        .expect("refused")
        .to_string();
    assert!(error.contains("refused the password"), "{error}");
    assert!(
        !error.contains("not-the-password"),
        "the password is never shown: {error}"
    );
    let mut c = config(&fake);
    c.redis = Some(format!("redis://127.0.0.1:{}/", redis.port));
    let error = castmatch_server::start(c)
        .await
        .err()
        .expect("refused")
        .to_string();
    assert!(error.contains("requires a password"), "{error}");
    let mut c = config(&fake);
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    c.redis = Some(format!("redis://:{PASSWORD}@127.0.0.1:{closed}/"));
    let error = castmatch_server::start(c)
        .await
        .err()
        .expect("refused")
        .to_string();
    assert!(error.contains("could not reach Redis"), "{error}");
    assert!(!error.contains(PASSWORD), "{error}");
    assert_eq!(fake.attempts(), 0);
}

#[tokio::test]
async fn two_brokers_enforce_one_budget_and_one_rate() {
    let redis = Redis::start();
    let fake = FakeUpstream::start().await.unwrap();
    let url = redis.url(PASSWORD);
    // Each `text` answer uses 47 tokens: the second request of a client spends its 60.
    let budget = |c: &mut castmatch_server::Config| c.client_daily_tokens = 60;
    let a = shared_broker(&fake, &url, budget).await;
    let b = shared_broker(&fake, &url, budget).await;
    assert_eq!(post_as(&a, "10.1.0.1", "text").await.status(), 200);
    tokio::time::sleep(Duration::from_millis(100)).await; // the settle goes to Redis in the background
    assert_eq!(
        post_as(&b, "10.1.0.1", "text").await.status(),
        200,
        "47 < 60"
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    let refused = post_as(&a, "10.1.0.1", "text").await;
    assert_eq!(refused.status(), 429, "spent across both brokers");
    assert!(
        assert_error_shape(&refused.json_value().await, "rate_limit_error")
            .contains("daily budget")
    );
    assert_eq!(post_as(&b, "10.1.0.1", "text").await.status(), 429);
    assert_eq!(
        post_as(&b, "10.1.0.2", "text").await.status(),
        200,
        "another client"
    );
    assert_eq!(fake.attempts(), 3);

    // One bucket: a burst of 2 a minute, taken through either broker.
    let rate = |c: &mut castmatch_server::Config| {
        c.rate_limit_per_minute = 1;
        c.rate_limit_burst = 2;
    };
    let a = shared_broker(&fake, &url, rate).await;
    let b = shared_broker(&fake, &url, rate).await;
    assert_eq!(post_as(&a, "10.2.0.1", "text").await.status(), 200);
    assert_eq!(post_as(&b, "10.2.0.1", "text").await.status(), 200);
    let refused = post_as(&a, "10.2.0.1", "text").await;
    assert_eq!(refused.status(), 429);
    let wait: u64 = refused.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    assert_eq!(post_as(&b, "10.2.0.1", "text").await.status(), 429);
    assert_eq!(fake.attempts(), 5);
}

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
async fn when_redis_goes_away_each_broker_keeps_enforcing_alone() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let mut redis = Redis::start();
    let fake = FakeUpstream::start().await.unwrap();
    let url = redis.url(PASSWORD);
    let server = shared_broker(&fake, &url, |c| {
        c.client_daily_tokens = 100;
        c.rate_limit_per_minute = 600;
        c.rate_limit_burst = 3;
    })
    .await;
    assert_eq!(post_as(&server, "10.3.0.1", "text").await.status(), 200);
    tokio::time::sleep(Duration::from_millis(100)).await;
    redis.stop();
    // 47 used of 100: this broker remembers it and admits one more, then refuses.
    assert_eq!(post_as(&server, "10.3.0.1", "text").await.status(), 200);
    assert!(server
        .state()
        .quotas
        .degraded()
        .load(std::sync::atomic::Ordering::Relaxed));
    assert_eq!(
        post_as(&server, "10.3.0.1", "text").await.status(),
        200,
        "94 < 100"
    );
    let refused = post_as(&server, "10.3.0.1", "text").await;
    assert_eq!(refused.status(), 429, "limits hold without Redis");
    // The rate limit holds too: a burst of 3 from a fresh client, then 429.
    let statuses = [
        post_as(&server, "10.3.0.2", "text").await.status(),
        post_as(&server, "10.3.0.2", "text").await.status(),
        post_as(&server, "10.3.0.2", "text").await.status(),
        post_as(&server, "10.3.0.2", "text").await.status(),
    ];
    assert_eq!(statuses.map(|s| s.as_u16()), [200, 200, 200, 429]);
    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("Redis unreachable"), "{logs}");
    assert_eq!(
        logs.matches("Redis unreachable").count(),
        1,
        "warned once: {logs}"
    );
    assert!(!logs.contains(PASSWORD), "{logs}");
}
