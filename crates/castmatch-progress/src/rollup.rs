//! Weighted progress, overall and per team, and what the progress history says about pace:
//! velocity over a trailing window and how long each workstream has gone without progress.

use serde::Serialize;

use super::plan::{Plan, Team};
use super::validate::hours_between;

/// Progress of one team, weighted by effort.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct TeamProgress {
    pub team: Team,
    pub agents: usize,
    pub weight: f64,
    pub progress: f64,
}

/// sum(weight * progress) / sum(weight) over `agents`; 0 when nothing carries weight.
pub fn weighted<'a>(agents: impl Iterator<Item = (f64, f64)> + 'a) -> f64 {
    let (weighted_sum, total_weight) = agents.fold((0.0, 0.0), |(s, w), (weight, progress)| {
        (s + weight * progress, w + weight)
    });
    if total_weight > 0.0 {
        weighted_sum / total_weight
    } else {
        0.0
    }
}

pub fn overall(plan: &Plan) -> f64 {
    weighted(plan.agents.iter().map(|a| (a.weight, a.progress)))
}

pub fn by_team(plan: &Plan) -> Vec<TeamProgress> {
    [Team::Development, Team::Design]
        .into_iter()
        .filter_map(|team| {
            let members = || plan.agents.iter().filter(move |a| a.team == team);
            let agents = members().count();
            (agents > 0).then(|| TeamProgress {
                team,
                agents,
                weight: members().map(|a| a.weight).sum(),
                progress: weighted(members().map(|a| (a.weight, a.progress))),
            })
        })
        .collect()
}

/// Each agent's progress as (hours since start, percent) points, oldest first: an implicit
/// 0 at the start, its reports up to `now`, and its current figure at `now`.
pub(crate) struct Timeline {
    points: Vec<Vec<(f64, f64)>>,
}

impl Timeline {
    pub fn new(plan: &Plan, agent_number: &dyn Fn(&str) -> Option<usize>, now_h: f64) -> Timeline {
        let mut points: Vec<Vec<(f64, f64)>> = vec![vec![(0.0, 0.0)]; plan.agents.len()];
        for report in &plan.history {
            let at = hours_between(plan.start, report.at);
            if let (Some(a), true) = (agent_number(&report.agent), at <= now_h) {
                points[a].push((at, report.progress));
            }
        }
        for (a, agent) in plan.agents.iter().enumerate() {
            let line = &mut points[a];
            line.sort_by(|x, y| x.0.total_cmp(&y.0));
            line.push((now_h.max(line.last().map_or(0.0, |p| p.0)), agent.progress));
        }
        Timeline { points }
    }

    /// Progress at `t`, interpolated linearly between reports.
    pub fn progress_at(&self, agent: usize, t: f64) -> f64 {
        let line = &self.points[agent];
        let after = line.partition_point(|p| p.0 <= t);
        match (after.checked_sub(1).map(|i| line[i]), line.get(after)) {
            (Some((t0, p0)), Some(&(t1, p1))) if t1 > t0 => p0 + (p1 - p0) * (t - t0) / (t1 - t0),
            (Some((_, p0)), _) => p0,
            (None, _) => 0.0,
        }
    }

    /// When the agent's progress last changed (hours since start).
    pub fn last_change(&self, agent: usize) -> f64 {
        let line = &self.points[agent];
        line.windows(2)
            .rev()
            .find(|w| w[1].1 != w[0].1)
            .map_or(0.0, |w| w[1].0)
    }
}

/// Overall progress gained per day over the trailing window ending at `now_h`.
pub fn velocity_per_day(plan: &Plan, timeline: &Timeline, now_h: f64) -> Option<f64> {
    let window = plan.alert_rules.velocity_window_hours.min(now_h);
    if window <= 0.0 {
        return None;
    }
    let at = |t: f64| {
        weighted(
            plan.agents
                .iter()
                .enumerate()
                .map(|(a, agent)| (agent.weight, timeline.progress_at(a, t))),
        )
    };
    Some((at(now_h) - at(now_h - window)) * 24.0 / window)
}
