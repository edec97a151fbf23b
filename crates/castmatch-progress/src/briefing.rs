//! The monitor's Markdown for one run: service health and measured metrics every run, the full
//! status report when progress is due, escalation, and the daily rhythm (the 09:00 standup, the
//! 13:00 dependency check, the 18:00 evening review with the next day's plan).

use std::collections::HashMap;
use std::fmt::Write;

use chrono::{DateTime, FixedOffset, TimeDelta};

use super::evaluate::{AgentView, Evaluation};
use super::gates::GateDecision;
use super::observations::Job;
use super::report::{self, cell, severity_badge, short_time};
use super::Tracker;

/// Hours ahead the dependency check looks for handoffs and gates.
const LOOKAHEAD_HOURS: f64 = 24.0;

/// The Markdown of one monitor run at `now` doing `jobs`.
pub fn render(tracker: &Tracker, now: DateTime<FixedOffset>, jobs: &[Job]) -> String {
    let eval = tracker.evaluate(now);
    let mut out = String::with_capacity(8 * 1024);
    let names: Vec<&str> = jobs.iter().map(|j| j.name()).collect();
    putln!(out, "# {} - Monitor run", eval.project);
    putln!(
        out,
        "*{} (Day {} of {}) · {}*\n",
        short_time(&eval.now),
        eval.day,
        eval.target_days,
        names.join(", ")
    );
    verdict(&mut out, &eval);
    for &job in jobs {
        match job {
            Job::Health => {
                services(&mut out, &eval);
                report::metrics(&mut out, &eval);
            }
            Job::Progress => {
                putln!(out, "---\n");
                out.push_str(&report::render(&eval).replacen("# ", "## ", 1));
                putln!(out, "\n---\n");
            }
            Job::Escalation => escalation(&mut out, &eval),
            Job::Standup => {
                let yesterday = tracker.evaluate(now - TimeDelta::hours(24));
                standup(&mut out, tracker, &eval, &yesterday, now);
            }
            Job::DependencyCheck => dependency_check(&mut out, &eval),
            Job::EveningReview => evening_review(&mut out, &eval),
        }
    }
    out
}

/// The decision a scheduler acts on: NO-GO gates and critical alerts first.
fn verdict(out: &mut String, eval: &Evaluation) {
    let no_go: Vec<&str> = eval
        .gates
        .iter()
        .filter(|g| g.decision == GateDecision::NoGo)
        .map(|g| g.name.as_str())
        .collect();
    let critical = eval
        .alerts
        .iter()
        .filter(|a| a.severity == super::Severity::Critical)
        .count();
    putln!(
        out,
        "**Overall**: {:.0}% · **NO-GO**: {} · **critical alerts**: {critical} · **alerts**: {}\n",
        eval.progress.overall,
        if no_go.is_empty() {
            "none".to_string()
        } else {
            no_go.join(", ")
        },
        eval.alerts.len()
    );
    for alert in eval.alerts.iter().take(10) {
        putln!(
            out,
            "- {}: {}",
            severity_badge(alert.severity),
            alert.message
        );
    }
    if eval.alerts.len() > 10 {
        putln!(out, "- … and {} more", eval.alerts.len() - 10);
    }
    putln!(out);
}

/// The services table: state, since when, how stable.
pub(crate) fn services(out: &mut String, eval: &Evaluation) {
    if eval.services.is_empty() {
        return;
    }
    putln!(out, "## 🩺 Service health\n");
    putln!(
        out,
        "| Service | Check | State | Checked | Detail | Stable |"
    );
    putln!(
        out,
        "|---------|-------|-------|---------|--------|--------|"
    );
    for service in &eval.services {
        let state = match service.healthy {
            None => "not checked".to_string(),
            Some(true) => "✅ up".to_string(),
            Some(false) => format!(
                "🔴 down since {}",
                service.down_since.as_deref().map_or("-".into(), short_time)
            ),
        };
        putln!(
            out,
            "| {} | `{}` | {state} | {} | {} | {} |",
            cell(&service.name),
            cell(&service.check),
            service.checked_at.as_deref().map_or("-".into(), short_time),
            cell(&service.detail),
            if service.stable {
                format!("yes ({} in a row)", service.healthy_streak)
            } else {
                format!("no ({} in a row)", service.healthy_streak)
            }
        );
    }
    putln!(out);
}

fn escalation(out: &mut String, eval: &Evaluation) {
    putln!(out, "## 📞 Blocker escalation\n");
    let active: Vec<_> = eval.blockers.iter().filter(|b| b.active).collect();
    if active.is_empty() {
        putln!(out, "No open blockers.\n");
        return;
    }
    putln!(out, "| Blocker | Open | Level | Who acts | Next level |");
    putln!(out, "|---------|------|-------|----------|------------|");
    for blocker in active {
        let next = match (&blocker.next_level, &blocker.next_escalation_at) {
            (Some(level), Some(at)) => format!("{level} at {}", short_time(at)),
            _ => "top level reached".into(),
        };
        putln!(
            out,
            "| {} | {:.1} h | {} | {} | {next} |",
            cell(&blocker.title),
            blocker.age_hours,
            blocker.level.as_deref().unwrap_or("-"),
            cell(blocker.level_action.as_deref().unwrap_or("-")),
        );
    }
    putln!(out);
}

fn standup(
    out: &mut String,
    tracker: &Tracker,
    eval: &Evaluation,
    yesterday: &Evaluation,
    now: DateTime<FixedOffset>,
) {
    putln!(out, "## ☀️ Morning standup\n");
    putln!(
        out,
        "What each workstream did in the last 24 hours, and what blocks it.\n"
    );
    let before: HashMap<&str, &AgentView> = yesterday
        .agents
        .iter()
        .map(|a| (a.id.as_str(), a))
        .collect();
    let titles: HashMap<&str, &str> = eval
        .blockers
        .iter()
        .map(|b| (b.id.as_str(), b.title.as_str()))
        .collect();
    let since = now - TimeDelta::hours(24);
    putln!(out, "| Agent | Yesterday | Now | Reported | Blocked by |");
    putln!(out, "|-------|-----------|-----|----------|------------|");
    for agent in &eval.agents {
        let was = before.get(agent.id.as_str()).map_or(0.0, |a| a.progress);
        let notes: Vec<String> = tracker
            .plan()
            .history
            .iter()
            .filter(|r| r.agent == agent.id && r.at > since && r.at <= now)
            .map(|r| match &r.note {
                Some(note) => format!("{:.0}% ({note})", r.progress),
                None => format!("{:.0}%", r.progress),
            })
            .collect();
        let change = agent.progress - was;
        let now_cell = if change.abs() < 0.5 {
            format!("{:.0}% (no change)", agent.progress)
        } else {
            format!("{:.0}% ({change:+.0})", agent.progress)
        };
        let blocked = agent
            .nearest_blocker
            .as_deref()
            .map_or("-", |id| titles.get(id).copied().unwrap_or(id));
        putln!(
            out,
            "| **{}** | {was:.0}% | {now_cell} | {} | {} |",
            cell(&agent.name),
            cell(&if notes.is_empty() {
                "nothing".to_string()
            } else {
                notes.join("; ")
            }),
            cell(blocked)
        );
    }
    putln!(out);
}

fn dependency_check(out: &mut String, eval: &Evaluation) {
    putln!(out, "## 🔗 Dependency check\n");
    let names: HashMap<&str, &str> = eval
        .agents
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect();
    let tasks: HashMap<&str, _> = eval
        .schedule
        .tasks
        .iter()
        .map(|t| (t.id.as_str(), t))
        .collect();
    let waiting: Vec<_> = eval.handoffs.iter().filter(|h| !h.fired).collect();
    putln!(out, "### Handoffs due");
    if waiting.is_empty() {
        putln!(out, "Every handoff has fired.");
    }
    for handoff in waiting {
        let notify: Vec<&str> = handoff
            .notify
            .iter()
            .map(|id| names.get(id.as_str()).copied().unwrap_or(id))
            .collect();
        let upstream: Vec<String> = handoff
            .waiting_on
            .iter()
            .map(|id| match tasks.get(id.as_str()) {
                Some(t) if t.blocked => format!("{} ({:.0}%, blocked)", t.title, t.progress),
                Some(t) => format!(
                    "{} ({:.0}%, done in {:.1} d at the earliest)",
                    t.title, t.progress, t.earliest_finish_days
                ),
                None => id.clone(),
            })
            .collect();
        putln!(
            out,
            "- ⏳ {} → {}: waiting on {}",
            handoff.name,
            notify.join(", "),
            upstream.join("; ")
        );
    }
    putln!(out, "\n### Chains at risk");
    let critical: std::collections::HashSet<&str> = eval
        .schedule
        .critical_path
        .iter()
        .map(String::as_str)
        .collect();
    let at_risk: Vec<_> = eval
        .chains
        .iter()
        .filter(|c| c.ids.iter().any(|id| critical.contains(id.as_str())))
        .collect();
    if eval.chains.is_empty() {
        putln!(out, "Nothing is blocked.");
    } else if at_risk.is_empty() {
        putln!(
            out,
            "{} blocking chains, none through the critical path.",
            eval.chains.len()
        );
    }
    for chain in at_risk.iter().take(8) {
        putln!(
            out,
            "- 🔴 {} (through the critical path)",
            chain.labels.join(" → ")
        );
    }
    let due_soon: Vec<_> = eval
        .gates
        .iter()
        .filter(|g| g.decision == GateDecision::Pending && g.at_risk)
        .collect();
    for gate in due_soon {
        putln!(
            out,
            "- ⚠️ Day {} {}: {}",
            gate.day,
            gate.name,
            gate.risks.join("; ")
        );
    }
    putln!(out);
}

fn evening_review(out: &mut String, eval: &Evaluation) {
    putln!(out, "## 🌙 Evening review: tomorrow's plan\n");
    let now = super::parse_time(&eval.now).ok();
    let within_a_day = |at: &str| match (now, super::parse_time(at).ok()) {
        (Some(now), Some(at)) => {
            at > now && (at - now).num_minutes() as f64 <= LOOKAHEAD_HOURS * 60.0
        }
        _ => false,
    };
    let gates: Vec<_> = eval
        .gates
        .iter()
        .filter(|g| g.decision == GateDecision::Pending && within_a_day(&g.due))
        .collect();
    for gate in &gates {
        putln!(
            out,
            "- 🚦 **Day {} {}** due {}: {}/{} criteria met{}",
            gate.day,
            gate.name,
            short_time(&gate.due),
            gate.criteria_met,
            gate.criteria_total,
            if gate.failing.is_empty() {
                String::new()
            } else {
                format!("; open: {}", gate.failing.join("; "))
            }
        );
    }
    for blocker in eval.blockers.iter().filter(|b| b.active) {
        if let (Some(level), Some(at)) = (&blocker.next_level, &blocker.next_escalation_at) {
            if within_a_day(at) {
                putln!(
                    out,
                    "- 📞 {} escalates to {level} at {} unless cleared: {}",
                    blocker.title,
                    short_time(at),
                    blocker.action
                );
            }
        }
    }
    let tasks: HashMap<&str, _> = eval
        .schedule
        .tasks
        .iter()
        .map(|t| (t.id.as_str(), t))
        .collect();
    let names: HashMap<&str, &str> = eval
        .agents
        .iter()
        .map(|a| (a.id.as_str(), a.name.as_str()))
        .collect();
    putln!(out, "\n**Start tomorrow** (least slack first):");
    if eval.ready_tasks.is_empty() {
        putln!(out, "- nothing is ready: clear the blockers above first");
    }
    for id in eval.ready_tasks.iter().take(8) {
        if let Some(task) = tasks.get(id.as_str()) {
            putln!(
                out,
                "- {}: {} ({:.1} d left{})",
                names
                    .get(task.agent.as_str())
                    .copied()
                    .unwrap_or(&task.agent),
                task.title,
                task.remaining_days,
                if task.critical { ", critical path" } else { "" }
            );
        }
    }
    let s = &eval.schedule;
    putln!(
        out,
        "\n**Where it ends**: critical path {:.1} days of work → {} ({:+.1} days against the target){}\n",
        s.critical_path_days,
        short_time(&s.critical_path_finish),
        s.critical_path_slip_days,
        match s.projected_finish.as_deref() {
            Some(finish) => format!("; by velocity {}", short_time(finish)),
            None => String::new(),
        }
    );
}
