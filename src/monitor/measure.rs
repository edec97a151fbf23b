//! Readings of the running system and of files: a broker's `/metrics` (Prometheus text:
//! histograms to p50 / p95, in-flight and peak conversations, completed turns, error rate), code
//! coverage from an lcov file, matching accuracy from the held-out bench's results.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use anyhow::{bail, Context};
use castmatch_progress::observations::Reading;
use castmatch_progress::Quantity;
use prometheus_parse::{Scrape, Value};

/// What one or more brokers' `/metrics` say, summed across them.
#[derive(Debug, Default)]
pub struct Scraped {
    first_byte: BTreeMap<Bound, f64>,
    turn: BTreeMap<Bound, f64>,
    active: f64,
    peak: f64,
    completed: f64,
    answers: f64,
    errors: f64,
}

/// A bucket bound as a sortable key (`+Inf` last).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Bound(f64);
impl Eq for Bound {}
impl PartialOrd for Bound {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Bound {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

impl Scraped {
    /// Adds one exposition (Prometheus text format).
    pub fn add(&mut self, text: &str) -> anyhow::Result<()> {
        let scrape = Scrape::parse(text.lines().map(|l| Ok(l.to_string())))
            .context("not Prometheus text")?;
        let mut seen = false;
        for sample in scrape.samples {
            let scalar = match sample.value {
                Value::Counter(v) | Value::Gauge(v) | Value::Untyped(v) => v,
                Value::Histogram(buckets) => {
                    let into = match sample.metric.as_str() {
                        "castmatch_turn_first_byte_seconds" => &mut self.first_byte,
                        "castmatch_turn_seconds" => &mut self.turn,
                        _ => continue,
                    };
                    seen = true;
                    for bucket in buckets {
                        *into.entry(Bound(bucket.less_than)).or_default() += bucket.count;
                    }
                    continue;
                }
                Value::Summary(_) => continue,
            };
            match sample.metric.as_str() {
                "castmatch_conversations_active" => self.active += scalar,
                "castmatch_conversations_peak" => self.peak += scalar,
                "castmatch_conversations_completed_total" => {
                    seen = true;
                    self.completed += scalar;
                }
                "castmatch_requests_total" => {
                    self.answers += scalar;
                    let status = sample.labels.get("status").unwrap_or("");
                    if !status.starts_with('2') {
                        self.errors += scalar;
                    }
                }
                "castmatch_stream_errors_total" => self.errors += scalar,
                _ => {}
            }
        }
        if !seen {
            bail!("no castmatch conversation metrics (is this `castmatch serve`?)");
        }
        Ok(())
    }

    /// The readings these metrics give; percentiles and the error rate only once there is
    /// something to measure (no answer is not an answer in 0 s).
    pub fn readings(&self, source: &str) -> Vec<Reading> {
        let reading = |quantity, value| Reading {
            quantity,
            value,
            source: source.to_string(),
        };
        let mut readings = Vec::new();
        for (histogram, p50, p95) in [
            (
                &self.first_byte,
                Quantity::FirstByteP50Seconds,
                Quantity::FirstByteP95Seconds,
            ),
            (
                &self.turn,
                Quantity::TurnP50Seconds,
                Quantity::TurnP95Seconds,
            ),
        ] {
            if let (Some(a), Some(b)) = (quantile(histogram, 0.5), quantile(histogram, 0.95)) {
                readings.push(reading(p50, a));
                readings.push(reading(p95, b));
            }
        }
        readings.push(reading(Quantity::ConcurrentConversations, self.active));
        readings.push(reading(Quantity::PeakConcurrentConversations, self.peak));
        readings.push(reading(Quantity::SuccessfulConversations, self.completed));
        if self.answers > 0.0 {
            let rate = 100.0 * self.errors / self.answers;
            readings.push(reading(Quantity::ErrorRatePercent, rate.min(100.0)));
        }
        readings
    }
}

/// The `q` quantile of a cumulative histogram as Prometheus' `histogram_quantile` computes it:
/// linear within the bucket the rank falls in; the highest finite bound if it falls in +Inf.
fn quantile(cumulative: &BTreeMap<Bound, f64>, q: f64) -> Option<f64> {
    let total = cumulative.values().copied().fold(0.0, f64::max);
    if total <= 0.0 {
        return None;
    }
    let rank = q * total;
    let (mut lower, mut below) = (0.0, 0.0);
    for (&Bound(upper), &count) in cumulative {
        if count >= rank {
            if upper.is_infinite() {
                return Some(lower);
            }
            let share = if count > below {
                (rank - below) / (count - below)
            } else {
                0.0
            };
            return Some(lower + (upper - lower) * share);
        }
        (lower, below) = (upper, count);
    }
    Some(lower)
}

/// `URL` or `URL/metrics`: where a broker's metrics are.
pub fn metrics_url(base: &str) -> String {
    let base = base.trim_end_matches('/');
    if base.ends_with("/metrics") {
        base.to_string()
    } else {
        format!("{base}/metrics")
    }
}

/// Fetches and adds one broker's metrics.
pub async fn probe(
    client: &reqwest::Client,
    url: &str,
    token: Option<&str>,
    into: &mut Scraped,
) -> anyhow::Result<()> {
    let mut request = client.get(url).timeout(Duration::from_secs(10));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.context("no answer")?;
    let status = response.status();
    if !status.is_success() {
        bail!("answered {status}");
    }
    into.add(&response.text().await.context("the body did not arrive")?)
}

/// Line coverage from an lcov tracefile: lines with a hit over instrumented lines, in %. A
/// file that appears in several sections (several tests, several runs appended) counts each of
/// its lines once, hit if any section hit it.
pub fn coverage(path: &Path) -> anyhow::Result<Reading> {
    let reader =
        lcov::Reader::open_file(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut lines: BTreeMap<(std::path::PathBuf, u32), bool> = BTreeMap::new();
    let mut file = std::path::PathBuf::new();
    for record in reader {
        match record.with_context(|| format!("{}: not an lcov tracefile", path.display()))? {
            lcov::Record::SourceFile { path } => file = path,
            lcov::Record::LineData { line, count, .. } => {
                *lines.entry((file.clone(), line)).or_default() |= count > 0;
            }
            _ => {}
        }
    }
    if lines.is_empty() {
        bail!("{}: no instrumented lines", path.display());
    }
    let hit = lines.values().filter(|&&hit| hit).count();
    Ok(Reading {
        quantity: Quantity::LineCoveragePercent,
        value: 100.0 * hit as f64 / lines.len() as f64,
        source: path.display().to_string(),
    })
}

/// Matching accuracy from the held-out bench's results (`benches/heldout/score.py --out`): the
/// share of the top 10 that truly match the brief (`precision@10`), pooled over every set that
/// reports it, weighted by its `briefs`; a file with only parser scores gives their pooled
/// `field_accuracy`. A file `{"accuracy": 0.93}` (0-1) is read as it is.
pub fn accuracy(path: &Path) -> anyhow::Result<Reading> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let value: serde_json::Value =
        serde_json::from_str(&text).with_context(|| format!("{}: not JSON", path.display()))?;
    let share = accuracy_of(&value).with_context(|| format!("{}", path.display()))?;
    Ok(Reading {
        quantity: Quantity::MatchingAccuracyPercent,
        value: 100.0 * share,
        source: path.display().to_string(),
    })
}

fn accuracy_of(value: &serde_json::Value) -> anyhow::Result<f64> {
    if let Some(share) = value.get("accuracy").and_then(|v| v.as_f64()) {
        if !(0.0..=1.0).contains(&share) {
            bail!("accuracy: must be a share 0 to 1, got {share}");
        }
        return Ok(share);
    }
    let sets: Vec<&serde_json::Value> = value
        .as_object()
        .map(|o| o.values().filter(|v| v.is_object()).collect())
        .unwrap_or_default();
    for key in ["precision@10", "field_accuracy"] {
        let (mut sum, mut weight) = (0.0, 0.0);
        for set in &sets {
            if let Some(score) = set.get(key).and_then(|v| v.as_f64()) {
                let briefs = set.get("briefs").and_then(|v| v.as_f64()).unwrap_or(1.0);
                sum += score * briefs;
                weight += briefs;
            }
        }
        if weight > 0.0 {
            return Ok(sum / weight);
        }
    }
    bail!("no `accuracy`, and no set with `precision@10` or `field_accuracy` (the shape score.py --out writes)")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn histogram(points: &[(f64, f64)]) -> BTreeMap<Bound, f64> {
        points.iter().map(|&(b, c)| (Bound(b), c)).collect()
    }

    #[test]
    fn quantiles_interpolate_within_the_bucket_like_prometheus() {
        // 10 observations: 4 up to 0.5 s, 4 more up to 1 s, 2 more up to 2 s.
        let h = histogram(&[
            (0.25, 0.0),
            (0.5, 4.0),
            (1.0, 8.0),
            (2.0, 10.0),
            (f64::INFINITY, 10.0),
        ]);
        assert_eq!(quantile(&h, 0.5), Some(0.5 + 0.5 * (5.0 - 4.0) / 4.0));
        assert_eq!(quantile(&h, 0.95), Some(1.0 + 1.0 * (9.5 - 8.0) / 2.0));
        assert_eq!(
            quantile(&histogram(&[(1.0, 0.0), (f64::INFINITY, 0.0)]), 0.5),
            None
        );
        // Beyond the last finite bound: that bound, as Prometheus answers.
        assert_eq!(
            quantile(&histogram(&[(1.0, 0.0), (f64::INFINITY, 3.0)]), 0.5),
            Some(1.0)
        );
    }

    #[test]
    fn accuracy_reads_the_bench_results_in_the_repository() {
        let path = Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/benches/heldout/first-sight-results.json"
        ));
        let reading = accuracy(path).unwrap();
        // skills 0.4155 and types 0.0905, 42 briefs each.
        assert!(
            (reading.value - 100.0 * (0.4155 + 0.0905) / 2.0).abs() < 1e-9,
            "{}",
            reading.value
        );
        assert_eq!(
            accuracy_of(&serde_json::json!({"accuracy": 0.93})).unwrap(),
            0.93
        );
        let parser_only = serde_json::json!({"public": {"briefs": 24, "field_accuracy": 0.9}});
        assert_eq!(accuracy_of(&parser_only).unwrap(), 0.9);
        assert!(accuracy_of(&serde_json::json!({"accuracy": 93})).is_err());
        assert!(accuracy_of(&serde_json::json!([1, 2]))
            .unwrap_err()
            .to_string()
            .contains("score.py"));
    }

    #[test]
    fn coverage_merges_sections_of_one_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lcov.info");
        std::fs::write(
            &path,
            "TN:\nSF:/src/a.rs\nDA:1,1\nDA:2,0\nLF:2\nLH:1\nend_of_record\nTN:\nSF:/src/a.rs\nDA:2,3\nDA:3,0\nend_of_record\nSF:/src/b.rs\nDA:1,0\nend_of_record\n",
        )
        .unwrap();
        // a.rs: lines 1, 2 hit and 3 not; b.rs: line 1 not: 2 of 4.
        assert_eq!(coverage(&path).unwrap().value, 50.0);
        std::fs::write(&path, "not lcov at all\n").unwrap();
        assert!(coverage(&path).is_err());
    }
}
