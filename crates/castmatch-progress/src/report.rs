//! The Markdown status report, shaped like the orchestration summary: mission status, blockers,
//! status matrix, chains, handoffs, gates, metrics, escalation, alerts and next actions.

use std::collections::HashMap;
use std::fmt::Write;

use super::alerts::Severity;
use super::evaluate::{AgentView, Evaluation, TaskView};
use super::gates::GateDecision;
use super::plan::{AgentStatus, Team};

const CHAINS_SHOWN: usize = 12;
const ALERTS_SHOWN: usize = 30;
const READY_SHOWN: usize = 10;

/// Renders the report from an evaluation alone; every line comes from computed figures.
pub fn render(eval: &Evaluation) -> String {
    let mut out = String::with_capacity(16 * 1024);
    header(&mut out, eval);
    current_blockers(&mut out, eval);
    status_matrix(&mut out, eval);
    chains_and_handoffs(&mut out, eval);
    gates(&mut out, eval);
    metrics(&mut out, eval);
    super::briefing::services(&mut out, eval);
    schedule(&mut out, eval);
    escalation(&mut out, eval);
    alerts(&mut out, eval);
    next_actions(&mut out, eval);
    out
}

/// `2025-09-05T01:45:00+05:30` -> `2025-09-05 01:45 +05:30`.
pub(crate) fn short_time(rfc3339: &str) -> String {
    match (rfc3339.get(..10), rfc3339.get(11..16), rfc3339.get(19..)) {
        (Some(date), Some(time), Some(offset)) => format!("{date} {time} {offset}"),
        _ => rfc3339.to_string(),
    }
}

fn team_name(team: Team) -> &'static str {
    match team {
        Team::Development => "development",
        Team::Design => "design",
    }
}

fn status_badge(status: AgentStatus) -> &'static str {
    match status {
        AgentStatus::Active => "✅ Active",
        AgentStatus::Critical => "🔴 Critical",
        AgentStatus::Blocked => "⚠️ Blocked",
        AgentStatus::Waiting => "⏳ Waiting",
        AgentStatus::Standby => "⏳ Standby",
        AgentStatus::Done => "✔️ Done",
    }
}

fn decision_badge(decision: GateDecision) -> &'static str {
    match decision {
        GateDecision::Go => "🟢 GO",
        GateDecision::NoGo => "🔴 NO-GO",
        GateDecision::Pending => "⏳ PENDING",
    }
}

pub(crate) fn severity_badge(severity: Severity) -> &'static str {
    match severity {
        Severity::Critical => "🔴 critical",
        Severity::Warning => "⚠️ warning",
        Severity::Info => "ℹ️ info",
    }
}

/// Markdown table cells must not break the row.
pub(crate) fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn header(out: &mut String, eval: &Evaluation) {
    putln!(out, "# {} - Status Report", eval.project);
    putln!(
        out,
        "*Generated: {} (Day {} of {})*\n",
        short_time(&eval.now),
        eval.day,
        eval.target_days
    );
    putln!(out, "## 🎯 Mission status\n");
    putln!(out, "**Project**: {}  ", eval.project);
    if !eval.phase.is_empty() {
        putln!(out, "**Phase**: {}  ", eval.phase);
    }
    let teams: Vec<String> = eval
        .progress
        .by_team
        .iter()
        .map(|t| format!("{} {}", t.agents, team_name(t.team)))
        .collect();
    putln!(
        out,
        "**Agents**: {} total ({})  ",
        eval.agents.len(),
        teams.join(" + ")
    );
    putln!(
        out,
        "**Target**: {} days, due {}  ",
        eval.target_days,
        short_time(&eval.schedule.target_finish)
    );
    let by_team: Vec<String> = eval
        .progress
        .by_team
        .iter()
        .map(|t| format!("{} {:.0}%", team_name(t.team), t.progress))
        .collect();
    putln!(
        out,
        "**Current status**: {:.0}% complete ({})\n",
        eval.progress.overall,
        by_team.join(", ")
    );
}

fn current_blockers(out: &mut String, eval: &Evaluation) {
    let active: Vec<_> = eval.blockers.iter().filter(|b| b.active).collect();
    if active.is_empty() {
        putln!(out, "### Current blockers\nNone.\n");
        return;
    }
    putln!(out, "### Current blockers (IMMEDIATE ACTION REQUIRED)");
    for (n, blocker) in active.iter().enumerate() {
        let icon = if blocker.level_index.unwrap_or(0) > 0 {
            "🔴"
        } else {
            "⚠️"
        };
        let level = blocker.level.as_deref().unwrap_or("not escalated");
        put!(
            out,
            "{}. **{icon} {}** - open {:.1} h, escalation: {level}",
            n + 1,
            blocker.title,
            blocker.age_hours
        );
        if let (Some(next), Some(at)) = (&blocker.next_level, &blocker.next_escalation_at) {
            put!(out, " (to {next} at {})", short_time(at));
        }
        if !blocker.blocked_agents.is_empty() {
            put!(out, "; blocking {}", blocker.blocked_agents.join(", "));
        }
        putln!(out);
    }
    putln!(out);
}

fn blocker_cell(agent: &AgentView, titles: &HashMap<&str, &str>) -> String {
    match agent.nearest_blocker.as_deref() {
        None => "None".into(),
        Some(id) => {
            let title = titles.get(id).copied().unwrap_or(id);
            if agent.blocked {
                title.to_string()
            } else {
                format!(
                    "{title} ({} task{})",
                    agent.blocked_tasks,
                    if agent.blocked_tasks == 1 { "" } else { "s" }
                )
            }
        }
    }
}

fn status_matrix(out: &mut String, eval: &Evaluation) {
    let titles: HashMap<&str, &str> = eval
        .blockers
        .iter()
        .map(|b| (b.id.as_str(), b.title.as_str()))
        .collect();
    putln!(out, "## 📊 Agent status matrix\n");
    putln!(
        out,
        "| Agent | Team | Status | Progress | Current Task | Blocker |"
    );
    putln!(
        out,
        "|-------|------|--------|----------|--------------|---------|"
    );
    for agent in &eval.agents {
        putln!(
            out,
            "| **{}** | {} | {} | {:.0}% | {} | {} |",
            cell(&agent.name),
            team_name(agent.team),
            status_badge(agent.status),
            agent.progress,
            cell(&agent.current_task),
            cell(&blocker_cell(agent, &titles))
        );
    }
    putln!(out);
}

fn chains_and_handoffs(out: &mut String, eval: &Evaluation) {
    putln!(out, "## 🔄 Dependency chains\n");
    if eval.chains.is_empty() {
        putln!(out, "No active blocking chains.\n");
    } else {
        putln!(out, "```");
        for chain in eval.chains.iter().take(CHAINS_SHOWN) {
            putln!(out, "{}", chain.labels.join(" → "));
        }
        putln!(out, "```");
        let more = eval.chains.len().saturating_sub(CHAINS_SHOWN) + eval.chains_omitted;
        if more > 0 {
            putln!(
                out,
                "*{more} shorter chains not shown; {} items blocked in all.*",
                eval.blocked.len()
            );
        }
        putln!(out);
    }
    if eval.handoffs.is_empty() {
        return;
    }
    putln!(out, "### Automated handoffs");
    for handoff in &eval.handoffs {
        if handoff.fired {
            putln!(
                out,
                "- ✅ {} → notified {}",
                handoff.name,
                handoff.notify.join(", ")
            );
        } else {
            putln!(
                out,
                "- ⏳ {} (waiting on {})",
                handoff.name,
                handoff.waiting_on.join(", ")
            );
        }
    }
    if !eval.ready_workstreams.is_empty() {
        putln!(
            out,
            "\nReady to start: {}",
            eval.ready_workstreams.join(", ")
        );
    }
    putln!(out);
}

fn gates(out: &mut String, eval: &Evaluation) {
    if eval.gates.is_empty() {
        return;
    }
    putln!(out, "## 🚦 Quality gates and GO/NO-GO checkpoints\n");
    putln!(
        out,
        "| Day | Checkpoint | Due | Decision | Criteria met | At risk |"
    );
    putln!(
        out,
        "|-----|------------|-----|----------|--------------|---------|"
    );
    for gate in &eval.gates {
        putln!(
            out,
            "| {} | {} | {} | {} | {}/{} | {} |",
            gate.day,
            cell(&gate.name),
            short_time(&gate.due),
            decision_badge(gate.decision),
            gate.criteria_met,
            gate.criteria_total,
            if gate.at_risk { "⚠️ yes" } else { "no" }
        );
    }
    putln!(out);
    for gate in eval.gates.iter().filter(|g| g.decision != GateDecision::Go) {
        putln!(
            out,
            "### Day {}: {} - {}",
            gate.day,
            gate.name,
            gate.decision.label()
        );
        if !gate.go_if.is_empty() {
            putln!(out, "- **GO if**: {}", gate.go_if);
        }
        if !gate.no_go_if.is_empty() {
            putln!(out, "- **NO-GO if**: {}", gate.no_go_if);
        }
        for failing in &gate.failing {
            putln!(out, "- [ ] {failing}");
        }
        for risk in &gate.risks {
            putln!(out, "- ⚠️ {risk}");
        }
        putln!(out);
    }
}

pub(crate) fn metrics(out: &mut String, eval: &Evaluation) {
    if eval.metrics.is_empty() {
        return;
    }
    putln!(out, "## 📈 Success metrics\n");
    putln!(
        out,
        "| Metric | Target | Measured | When | Source | Status |"
    );
    putln!(
        out,
        "|--------|--------|----------|------|--------|--------|"
    );
    for metric in &eval.metrics {
        let unit = if metric.unit.is_empty() {
            String::new()
        } else {
            format!(" {}", metric.unit)
        };
        let measured = metric
            .measured
            .map_or("-".to_string(), |v| format!("{}{unit}", figure(v)));
        let status = match (metric.measured, metric.met) {
            (None, _) => "not measured",
            (Some(_), true) => "✅ met",
            (Some(_), false) => "❌ off target",
        };
        putln!(
            out,
            "| {} | {} {}{unit} | {measured} | {} | {} | {status} |",
            cell(&metric.name),
            metric.comparison.symbol(),
            metric.target,
            metric.measured_at.as_deref().map_or("-".into(), short_time),
            cell(metric.source.as_deref().unwrap_or("-")),
        );
    }
    putln!(out);
}

/// A measured figure with the precision it deserves: 0.0123, 1.25, 42.5, 1234.
pub(crate) fn figure(value: f64) -> String {
    let magnitude = value.abs();
    let text = if magnitude == 0.0 || magnitude >= 100.0 {
        format!("{value:.0}")
    } else if magnitude >= 1.0 {
        format!("{value:.2}")
    } else {
        format!("{value:.4}")
    };
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

fn schedule(out: &mut String, eval: &Evaluation) {
    let s = &eval.schedule;
    putln!(out, "## 🗓️ Schedule\n");
    match (s.velocity_per_day, &s.projected_finish, s.slip_days) {
        (Some(v), Some(finish), Some(slip)) => {
            let verdict = if slip > 0.0 {
                format!("{slip:.1} days late")
            } else {
                format!("{:.1} days early", -slip)
            };
            putln!(
                out,
                "- Velocity: {v:.1}% a day → projected finish {} ({verdict})",
                short_time(finish)
            );
        }
        (Some(v), _, _) => {
            putln!(
                out,
                "- Velocity: {v:.1}% a day: no forward progress measured, no projected finish"
            );
        }
        _ => {
            putln!(out, "- Velocity: not measurable yet");
        }
    }
    putln!(
        out,
        "- Critical path: {:.1} days of remaining work → {} ({:+.1} days against target)",
        s.critical_path_days,
        short_time(&s.critical_path_finish),
        s.critical_path_slip_days
    );
    if !s.critical_path.is_empty() {
        let shown: Vec<&str> = s
            .critical_path
            .iter()
            .take(15)
            .map(String::as_str)
            .collect();
        let more = if s.critical_path.len() > shown.len() {
            format!(" … ({} tasks)", s.critical_path.len())
        } else {
            String::new()
        };
        putln!(out, "- Critical tasks: {}{more}", shown.join(" → "));
    }
    putln!(out);
}

fn escalation(out: &mut String, eval: &Evaluation) {
    if eval.escalation.is_empty() {
        return;
    }
    putln!(out, "## 📞 Escalation matrix\n");
    putln!(out, "| Time | Level | Action | Example |");
    putln!(out, "|------|-------|--------|---------|");
    for level in &eval.escalation {
        let time = match level.until_hours {
            Some(until) => format!("{}-{}h", level.after_hours, until),
            None => format!("{}h+", level.after_hours),
        };
        putln!(
            out,
            "| {time} | {} | {} | {} |",
            cell(&level.level),
            cell(&level.action),
            cell(&level.example)
        );
    }
    putln!(out);
}

fn alerts(out: &mut String, eval: &Evaluation) {
    putln!(out, "## 🚨 Alerts\n");
    if eval.alerts.is_empty() {
        putln!(out, "None.\n");
        return;
    }
    for alert in eval.alerts.iter().take(ALERTS_SHOWN) {
        putln!(
            out,
            "- {}: {}",
            severity_badge(alert.severity),
            alert.message
        );
    }
    if eval.alerts.len() > ALERTS_SHOWN {
        putln!(out, "- … and {} more", eval.alerts.len() - ALERTS_SHOWN);
    }
    putln!(out);
}

fn next_actions(out: &mut String, eval: &Evaluation) {
    putln!(out, "## 📝 Next steps\n");
    let mut step = 0;
    let mut blockers: Vec<_> = eval.blockers.iter().filter(|b| b.active).collect();
    blockers.sort_by(|a, b| {
        b.root_cause
            .cmp(&a.root_cause)
            .then(b.age_hours.total_cmp(&a.age_hours))
    });
    if !blockers.is_empty() {
        step += 1;
        putln!(out, "{step}. **Clear blockers** (root causes first)");
        for blocker in blockers {
            let owner = blocker
                .level_action
                .as_deref()
                .map(|a| format!(" [{}: {a}]", blocker.level.as_deref().unwrap_or("")))
                .unwrap_or_default(); // no one named to act at this level: no bracket
            let action = if blocker.action.is_empty() {
                String::new()
            } else {
                format!(": {}", blocker.action)
            };
            putln!(out, "   - {}{action}{owner}", blocker.title);
        }
    }
    if !eval.ready_tasks.is_empty() {
        step += 1;
        let tasks: HashMap<&str, &TaskView> = eval
            .schedule
            .tasks
            .iter()
            .map(|t| (t.id.as_str(), t))
            .collect();
        putln!(out, "{step}. **Start ready work** (least slack first)");
        for id in eval.ready_tasks.iter().take(READY_SHOWN) {
            if let Some(task) = tasks.get(id.as_str()) {
                let critical = if task.critical { ", critical path" } else { "" };
                putln!(
                    out,
                    "   - {} ({}, {:.1} d left, slack {:.1} d{critical})",
                    task.title,
                    task.agent,
                    task.remaining_days,
                    task.slack_days
                );
            }
        }
        if eval.ready_tasks.len() > READY_SHOWN {
            putln!(
                out,
                "   - … and {} more",
                eval.ready_tasks.len() - READY_SHOWN
            );
        }
    }
    if let Some(gate) = eval
        .gates
        .iter()
        .find(|g| g.decision == GateDecision::Pending)
    {
        step += 1;
        putln!(
            out,
            "{step}. **Next checkpoint**: day {} {} ({} criteria open), due {}",
            gate.day,
            gate.name,
            gate.failing.len(),
            short_time(&gate.due)
        );
    }
    if step == 0 {
        putln!(out, "Nothing pending.");
    }
}
