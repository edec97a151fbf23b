//! `castmatch monitor PLAN`: the check a scheduler runs. Evaluates the plan at a moment; checks
//! the plan's services, probes running brokers and reads coverage and accuracy files (all stamped
//! with the time measured, passed to the core as data); with `--out DIR` it runs what the
//! rhythm says is due, appends to the measurements log and writes a report; `--every` loops.
//!
//! Exit codes: 0 fine, 1 could not run (bad plan, log, file or time), 2 bad arguments, 3 a
//! critical alert at the moment evaluated, 4 a gate decided NO-GO (more urgent than 3).

mod health;
mod measure;

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use castmatch_progress::observations::{Outcome, Reading};
use castmatch_progress::{
    cadence, parse_time, Evaluation, GateDecision, Job, Log, Run, Severity, Tracker,
};
use chrono::{DateTime, FixedOffset, TimeDelta};
use clap::ValueEnum;

/// The measurements log's name in `--out DIR`.
pub const LOG_FILE: &str = "measurements.jsonl";

#[derive(clap::Args)]
pub struct Args {
    /// The plan file (JSON; schema in docs/plan.schema.json).
    plan: PathBuf,
    /// The moment to evaluate at, RFC 3339 (default: now). Readings taken in this run are
    /// stamped with it; services are not checked (their state then is not knowable now).
    #[arg(long)]
    at: Option<String>,
    /// Markdown status report, or JSON with every figure.
    #[arg(long, value_enum, default_value_t = Format::Md)]
    format: Format,
    /// A running `castmatch serve` to measure (its /metrics): response times, conversations in
    /// flight and at the peak, completed conversations, error rate. Repeatable.
    #[arg(long, value_name = "URL")]
    probe: Vec<String>,
    /// The access token of the probed servers (sent as a bearer token).
    #[arg(long, env = "CASTMATCH_ACCESS_TOKEN", hide_env_values = true)]
    access_token: Option<String>,
    /// Code coverage from an lcov tracefile (e.g. `cargo llvm-cov --lcov`).
    #[arg(long, value_name = "FILE")]
    coverage: Option<PathBuf>,
    /// Matching accuracy from the held-out bench's results (`score.py --out FILE`).
    #[arg(long, value_name = "FILE")]
    accuracy: Option<PathBuf>,
    /// Evaluate with the observations of this measurements log (read only).
    #[arg(long, value_name = "FILE", conflicts_with = "out")]
    log: Option<PathBuf>,
    /// Keep the measurements log in DIR, run what the rhythm says is due, write each run's
    /// report there (`report-YYYYMMDD-HHMM.md`) and print the alerts.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Run again and again, this often (e.g. `2h`, `30m`); needs `--out`. Stops on Ctrl-C.
    #[arg(long, value_name = "DURATION", requires = "out", conflicts_with = "at", value_parser = parse_every)]
    every: Option<TimeDelta>,
    /// Do not check the plan's services.
    #[arg(long)]
    no_checks: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Md,
    Json,
}

fn parse_every(text: &str) -> Result<TimeDelta, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let n: i64 = number
        .parse()
        .map_err(|_| format!("{text:?}: expected e.g. 2h, 30m, 90s"))?;
    let delta = match unit {
        "s" => TimeDelta::try_seconds(n),
        "m" | "min" => TimeDelta::try_minutes(n),
        "h" => TimeDelta::try_hours(n),
        _ => None,
    };
    delta
        .filter(|d| *d >= TimeDelta::seconds(1))
        .ok_or_else(|| format!("{text:?}: expected e.g. 2h, 30m, 90s"))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        match args.every {
            Some(every) => every_loop(&args, every).await,
            None => once(&args).await,
        }
    })
}

/// The only clock read: the core always takes `now` as an argument. Whole seconds, as the
/// log and the reports show them.
fn clock() -> DateTime<FixedOffset> {
    use chrono::SubsecRound;
    chrono::DateTime::<chrono::Utc>::from(std::time::SystemTime::now())
        .trunc_subsecs(0)
        .fixed_offset()
}

fn load_plan(path: &Path) -> anyhow::Result<Tracker> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    Tracker::from_json(&text).with_context(|| format!("invalid plan {}", path.display()))
}

fn read_log(path: &Path) -> anyhow::Result<Log> {
    match std::fs::read_to_string(path) {
        Ok(text) => Log::from_json_lines(&text)
            .with_context(|| format!("damaged measurements log {}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Log::default()),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

async fn once(args: &Args) -> anyhow::Result<ExitCode> {
    let now = match &args.at {
        Some(at) => parse_time(at)?,
        None => clock(),
    };
    let mut tracker = load_plan(&args.plan)?;
    let log_path = args.out.as_ref().map(|dir| dir.join(LOG_FILE));
    if let Some(path) = log_path.as_ref().or(args.log.as_ref()) {
        tracker.observe(read_log(path)?.runs().iter().cloned());
    }
    let Some(dir) = &args.out else {
        let run = measure(args, &tracker, now, vec![Job::Health]).await;
        tracker.observe([run]);
        let eval = tracker.evaluate(now);
        let output = match args.format {
            Format::Md => tracker.report(now),
            Format::Json => serde_json::to_string_pretty(&eval)? + "\n",
        };
        write_stdout(&output)?;
        return Ok(exit_code(&eval));
    };
    let eval = scheduled_run(args, tracker, now, dir).await?;
    Ok(exit_code(&eval))
}

/// One run with `--out`: what is due, measured, logged, reported; the alerts printed.
async fn scheduled_run(
    args: &Args,
    mut tracker: Tracker,
    now: DateTime<FixedOffset>,
    dir: &Path,
) -> anyhow::Result<Evaluation> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let plan_now = now.with_timezone(&tracker.plan().start.timezone());
    let jobs = cadence::due(
        &tracker.plan().rhythm,
        plan_now,
        &tracker.log().last_runs(now),
    );
    let mut run = measure(args, &tracker, plan_now, jobs.clone()).await;
    tracker.observe([run.clone()]);
    let eval = tracker.evaluate(now);
    run.outcome = Some(outcome(&eval));
    append_line(
        &dir.join(LOG_FILE),
        &castmatch_progress::observations::to_json_line(&run),
    )?;
    let report = dir.join(format!("report-{}.md", plan_now.format("%Y%m%d-%H%M")));
    std::fs::write(&report, tracker.run_report(now, &jobs))
        .with_context(|| format!("cannot write {}", report.display()))?;
    let names: Vec<&str> = jobs.iter().map(|j| j.name()).collect();
    let mut lines = vec![format!(
        "{}: {} ({}); report {}",
        short(&eval.now),
        names.join(", "),
        verdict(&eval),
        report.display()
    )];
    lines.extend(eval.alerts.iter().map(|a| {
        let severity = match a.severity {
            Severity::Critical => "critical",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        format!("  {severity}: {}", a.message)
    }));
    write_stdout(&(lines.join("\n") + "\n"))?;
    Ok(eval)
}

/// `--every`: a thin loop around `scheduled_run`; the plan file is read again every time, and
/// the log tells when each job last ran, so a restart keeps the rhythm.
async fn every_loop(args: &Args, every: TimeDelta) -> anyhow::Result<ExitCode> {
    let dir = args.out.as_ref().context("--every needs --out DIR")?;
    let log_path = dir.join(LOG_FILE);
    loop {
        let mut tracker = load_plan(&args.plan)?;
        tracker.observe(read_log(&log_path)?.runs().iter().cloned());
        let rhythm = tracker.plan().rhythm.clone();
        let zone = tracker.plan().start.timezone();
        if let Err(error) = scheduled_run(args, tracker, clock(), dir).await {
            eprintln!("castmatch monitor: {error:#}");
        }
        let now = clock().with_timezone(&zone);
        let last = read_log(&log_path)?.last_runs(now);
        let wake = cadence::next_wake(&rhythm, now, &last, every);
        let wait = (wake - now).to_std().unwrap_or_default();
        tokio::select! {
            _ = tokio::time::sleep(wait) => {}
            _ = tokio::signal::ctrl_c() => return Ok(ExitCode::SUCCESS),
        }
    }
}

/// The health job: the plan's services, the probes and the files, as one run at `now`.
async fn measure(
    args: &Args,
    tracker: &Tracker,
    now: DateTime<FixedOffset>,
    jobs: Vec<Job>,
) -> Run {
    let client = reqwest::Client::builder()
        .no_proxy()
        .build()
        .unwrap_or_default();
    let services = &tracker.plan().services;
    let checks = if args.no_checks || args.at.is_some() {
        Vec::new()
    } else {
        health::check_all(&client, services).await
    };
    let mut readings: Vec<Reading> = Vec::new();
    if !args.probe.is_empty() {
        let mut scraped = measure::Scraped::default();
        let mut sources = Vec::new();
        for base in &args.probe {
            let url = measure::metrics_url(base);
            match measure::probe(&client, &url, args.access_token.as_deref(), &mut scraped).await {
                Ok(()) => sources.push(url),
                Err(error) => eprintln!("castmatch monitor: probe {url}: {error:#}"),
            }
        }
        if !sources.is_empty() {
            readings.extend(scraped.readings(&sources.join(", ")));
        }
    }
    for (file, read) in [
        (
            &args.coverage,
            measure::coverage as fn(&Path) -> anyhow::Result<Reading>,
        ),
        (&args.accuracy, measure::accuracy),
    ] {
        if let Some(path) = file {
            match read(path) {
                Ok(reading) => readings.push(reading),
                Err(error) => eprintln!("castmatch monitor: {error:#}"),
            }
        }
    }
    Run {
        at: now,
        jobs,
        readings,
        checks,
        outcome: None,
    }
}

fn outcome(eval: &Evaluation) -> Outcome {
    Outcome {
        overall_progress: eval.progress.overall,
        critical_alerts: eval
            .alerts
            .iter()
            .filter(|a| a.severity == Severity::Critical)
            .count(),
        warnings: eval
            .alerts
            .iter()
            .filter(|a| a.severity == Severity::Warning)
            .count(),
        no_go: no_go(eval),
    }
}

fn no_go(eval: &Evaluation) -> Vec<String> {
    eval.gates
        .iter()
        .filter(|g| g.decision == GateDecision::NoGo)
        .map(|g| g.id.clone())
        .collect()
}

fn verdict(eval: &Evaluation) -> String {
    let outcome = outcome(eval);
    let no_go = if outcome.no_go.is_empty() {
        String::new()
    } else {
        format!("NO-GO: {}; ", outcome.no_go.join(", "))
    };
    format!(
        "{no_go}{} critical, {} warnings",
        outcome.critical_alerts, outcome.warnings
    )
}

/// 4 for a NO-GO gate, 3 for a critical alert, else 0 (see the module doc).
pub fn exit_code(eval: &Evaluation) -> ExitCode {
    if !no_go(eval).is_empty() {
        ExitCode::from(4)
    } else if eval.alerts.iter().any(|a| a.severity == Severity::Critical) {
        ExitCode::from(3)
    } else {
        ExitCode::SUCCESS
    }
}

fn short(rfc3339: &str) -> String {
    rfc3339.get(..16).unwrap_or(rfc3339).replace('T', " ")
}

/// Appends one line; the log is only ever appended to.
fn append_line(path: &Path, line: &str) -> anyhow::Result<()> {
    let mut file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    writeln!(file, "{line}").with_context(|| format!("cannot write {}", path.display()))
}

/// Writes to stdout; a closed pipe (`monitor ... | head`) is not an error.
fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => Err(err.into()),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_parse() {
        assert_eq!(parse_every("2h"), Ok(TimeDelta::hours(2)));
        assert_eq!(parse_every("30m"), Ok(TimeDelta::minutes(30)));
        assert_eq!(parse_every("90s"), Ok(TimeDelta::seconds(90)));
        assert!(parse_every("2 days").is_err());
        assert!(parse_every("0s").is_err());
    }
}
