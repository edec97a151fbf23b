//! Load benchmark of the broker: 500 concurrent streaming conversations through `castmatch
//! serve` (a subprocess) against the in-process fake upstream on loopback.
//!
//! Method. (3) is measured first, on a fresh broker. (1) Burst: 500 streams opened at once, direct to the fake and through the broker;
//! time to first byte (first body chunk) of each. (2) Under load: 500 slow streams held open
//! through the broker (an event every 100 ms each), while probe requests alternate direct /
//! brokered; the broker's TTFB overhead is p50 / p99 of brokered minus direct. (3) Memory:
//! the broker's VmRSS with 500 stalled streams open, minus its RSS before, divided by 500.
//! Errors: any non-200, any stream without `message_stop`, any `error` event. Prints JSON,
//! then a Markdown table. `cargo bench --bench broker_load [-- --streams N --probes N]`.
//! `--scrape-ms N` reads `/metrics` every N ms during (1) and (2), as a monitor would;
//! `CASTMATCH_BENCH_BIN=path` runs another build of the broker (a before / after comparison).

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use std::sync::Arc;
use std::time::{Duration, Instant};

use castmatch_fake_anthropic::{FakeOptions, FakeUpstream};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_castmatch");

fn main() {
    let mut streams = 500usize;
    let mut probes = 400usize;
    let mut scrape_ms = 0u64;
    let args: Vec<String> = std::env::args().collect();
    for pair in args.windows(2) {
        match pair[0].as_str() {
            "--streams" => streams = pair[1].parse().expect("--streams N"),
            "--probes" => probes = pair[1].parse().expect("--probes N"),
            "--scrape-ms" => scrape_ms = pair[1].parse().expect("--scrape-ms N"),
            _ => {}
        }
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(run(streams, probes, scrape_ms));
}

/// The broker as a child process; killed on drop.
struct Broker {
    child: Child,
    base: String,
}

impl Drop for Broker {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Broker {
    async fn start(upstream: &str) -> Broker {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let bin = std::env::var("CASTMATCH_BENCH_BIN").unwrap_or_else(|_| BIN.to_string());
        let child = Command::new(bin)
            .args(["serve", "--port", &port.to_string(), "--upstream", upstream])
            .args(["--rate-limit-per-minute", "0", "--max-streams", "5000"])
            .args(["--www", "/nonexistent", "--pkg", "/nonexistent"])
            .env("ANTHROPIC_API_KEY", "sk-ant-bench")
            .env("RUST_LOG", "info")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("run castmatch serve");
        let broker = Broker {
            child,
            base: format!("http://127.0.0.1:{port}"),
        };
        let client = reqwest::Client::new();
        for _ in 0..200 {
            if client
                .get(format!("{}/api/health", broker.base))
                .send()
                .await
                .is_ok()
            {
                return broker;
            }
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        panic!("the broker did not start");
    }

    fn rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }
}

fn body(scenario: &str) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "model": "claude-sonnet-4-5", "max_tokens": 1024, "stream": true,
        "messages": [{"role": "user", "content": format!("scenario:{scenario}")}],
    }))
    .unwrap()
}

/// Outcome of one stream: time to first body byte, and whether it ended well.
struct Outcome {
    ttfb: Duration,
    ok: bool,
}

/// Opens one stream at `base`, reads it to the end (or only its first chunk when `hold` is
/// given: then it waits on `hold` before dropping it).
async fn stream(
    client: &reqwest::Client,
    base: &str,
    scenario: &str,
    hold: Option<Arc<tokio::sync::Notify>>,
) -> Outcome {
    let started = Instant::now();
    let sent = client
        .post(format!("{base}/v1/messages"))
        .header("content-type", "application/json")
        .header("x-api-key", "direct")
        .header("anthropic-version", "2023-06-01")
        .body(body(scenario))
        .send()
        .await;
    let Ok(mut response) = sent else {
        return Outcome {
            ttfb: started.elapsed(),
            ok: false,
        };
    };
    if response.status() != 200 {
        return Outcome {
            ttfb: started.elapsed(),
            ok: false,
        };
    }
    let mut all = match response.chunk().await {
        Ok(Some(first)) => first.to_vec(),
        _ => {
            return Outcome {
                ttfb: started.elapsed(),
                ok: false,
            }
        }
    };
    let ttfb = started.elapsed();
    if let Some(hold) = hold {
        hold.notified().await;
        return Outcome { ttfb, ok: true };
    }
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => all.extend_from_slice(&chunk),
            Ok(None) => break,
            Err(_) => return Outcome { ttfb, ok: false },
        }
    }
    let text = String::from_utf8_lossy(&all);
    let ok = text.ends_with("event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")
        && !text.contains("event: error");
    Outcome { ttfb, ok }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

fn millis(outcomes: &[Outcome]) -> Vec<f64> {
    let mut ms: Vec<f64> = outcomes
        .iter()
        .map(|o| o.ttfb.as_secs_f64() * 1000.0)
        .collect();
    ms.sort_by(f64::total_cmp);
    ms
}

async fn burst(client: &reqwest::Client, base: &str, n: usize) -> Vec<Outcome> {
    let tasks: Vec<_> = (0..n)
        .map(|_| {
            let (client, base) = (client.clone(), base.to_string());
            tokio::spawn(async move { stream(&client, &base, "text", None).await })
        })
        .collect();
    let mut outcomes = Vec::with_capacity(n);
    for task in tasks {
        outcomes.push(task.await.unwrap());
    }
    outcomes
}

async fn run(streams: usize, probes: usize, scrape_ms: u64) {
    let fake = FakeUpstream::start_with(FakeOptions::default())
        .await
        .unwrap();
    let broker = Broker::start(&fake.base_url()).await;
    let client = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(4096)
        .build()
        .unwrap();
    let direct = fake.base_url();
    let errors = Arc::new(AtomicUsize::new(0));

    // A few requests first (connection pools, lazy statics), but nothing that would leave
    // freed stream memory in the broker's allocator for the memory measure to reuse.
    burst(&client, &direct, 4).await;
    burst(&client, &broker.base, 4).await;

    // (3) Memory, measured first: stalled streams held open through the broker.
    tokio::time::sleep(Duration::from_millis(300)).await;
    let rss_before = broker.rss_kb();
    let release = Arc::new(tokio::sync::Notify::new());
    let held: Vec<_> = (0..streams)
        .map(|_| {
            let (client, base, release) =
                (client.clone(), broker.base.clone(), Arc::clone(&release));
            tokio::spawn(async move { stream(&client, &base, "stall", Some(release)).await })
        })
        .collect();
    while fake.open_streams() < streams {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let rss_open = broker.rss_kb();
    release.notify_waiters();
    for task in held {
        if !task.await.unwrap().ok {
            errors.fetch_add(1, SeqCst);
        }
    }
    let per_stream_kb = (rss_open.saturating_sub(rss_before)) as f64 / streams as f64;

    // A monitor reading /metrics meanwhile, if asked.
    let scrapes = Arc::new(AtomicUsize::new(0));
    let scraper = (scrape_ms > 0).then(|| {
        let (client, url, scrapes) = (
            client.clone(),
            format!("{}/metrics", broker.base),
            Arc::clone(&scrapes),
        );
        tokio::spawn(async move {
            loop {
                if client
                    .get(&url)
                    .send()
                    .await
                    .and_then(|r| r.error_for_status())
                    .is_ok()
                {
                    scrapes.fetch_add(1, SeqCst);
                }
                tokio::time::sleep(Duration::from_millis(scrape_ms)).await;
            }
        })
    });

    // (1) Burst: all streams opened at once.
    let burst_direct = burst(&client, &direct, streams).await;
    let burst_broker = burst(&client, &broker.base, streams).await;
    let burst_errors = burst_direct
        .iter()
        .chain(&burst_broker)
        .filter(|o| !o.ok)
        .count();
    errors.fetch_add(burst_errors, SeqCst);

    // (2) TTFB overhead under load: `streams` slow conversations open through the broker.
    let load: Vec<_> = (0..streams)
        .map(|_| {
            let (client, base) = (client.clone(), broker.base.clone());
            tokio::spawn(async move { stream(&client, &base, "slow", None).await })
        })
        .collect();
    while fake.open_streams() < streams {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let (mut probe_direct, mut probe_broker) = (Vec::new(), Vec::new());
    for i in 0..probes * 2 {
        let (target, into) = if i % 2 == 0 {
            (&direct, &mut probe_direct)
        } else {
            (&broker.base, &mut probe_broker)
        };
        let outcome = stream(&client, target, "text", None).await;
        if !outcome.ok {
            errors.fetch_add(1, SeqCst);
        }
        into.push(outcome);
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let load_active = fake.open_streams();
    let mut load_ok = 0;
    for task in load {
        let outcome = task.await.unwrap();
        if outcome.ok {
            load_ok += 1;
        } else {
            errors.fetch_add(1, SeqCst);
        }
    }

    if let Some(scraper) = scraper {
        scraper.abort();
    }
    let (bd, bb) = (millis(&burst_direct), millis(&burst_broker));
    let (pd, pb) = (millis(&probe_direct), millis(&probe_broker));
    let report = json!({
        "streams": streams,
        "probes": probes,
        "errors": errors.load(SeqCst),
        "metrics_scrapes": scrapes.load(SeqCst),
        "burst_ttfb_ms": {
            "direct": {"p50": percentile(&bd, 50.0), "p99": percentile(&bd, 99.0)},
            "broker": {"p50": percentile(&bb, 50.0), "p99": percentile(&bb, 99.0)},
            "overhead": {"p50": percentile(&bb, 50.0) - percentile(&bd, 50.0),
                         "p99": percentile(&bb, 99.0) - percentile(&bd, 99.0)},
        },
        "under_load_ttfb_ms": {
            "open_streams_during_probes": load_active,
            "load_streams_completed": load_ok,
            "direct": {"p50": percentile(&pd, 50.0), "p99": percentile(&pd, 99.0)},
            "broker": {"p50": percentile(&pb, 50.0), "p99": percentile(&pb, 99.0)},
            "overhead": {"p50": percentile(&pb, 50.0) - percentile(&pd, 50.0),
                         "p99": percentile(&pb, 99.0) - percentile(&pd, 99.0)},
        },
        "memory": {"rss_before_kb": rss_before, "rss_with_streams_open_kb": rss_open,
                   "per_open_stream_kb": per_stream_kb},
    });
    println!("{}", serde_json::to_string_pretty(&report).unwrap());
    print_table(&report);
}

fn print_table(r: &Value) {
    let f = |v: &Value| format!("{:.2}", v.as_f64().unwrap_or(f64::NAN));
    let (b, l) = (&r["burst_ttfb_ms"], &r["under_load_ttfb_ms"]);
    println!(
        "\n| measure ({} streams) | direct | via broker | overhead | target |",
        r["streams"]
    );
    println!("|---|---|---|---|---|");
    for (name, group, target50, target99) in [
        ("burst", b, "", ""),
        ("under load", l, "<= 1 ms", "<= 5 ms"),
    ] {
        println!(
            "| TTFB p50, {name} (ms) | {} | {} | {} | {target50} |",
            f(&group["direct"]["p50"]),
            f(&group["broker"]["p50"]),
            f(&group["overhead"]["p50"])
        );
        println!(
            "| TTFB p99, {name} (ms) | {} | {} | {} | {target99} |",
            f(&group["direct"]["p99"]),
            f(&group["broker"]["p99"]),
            f(&group["overhead"]["p99"])
        );
    }
    println!(
        "| memory per open stream (KB) | | {} | | <= 64 |",
        f(&r["memory"]["per_open_stream_kb"])
    );
    println!("| errors | | {} | | 0 |", r["errors"]);
}
