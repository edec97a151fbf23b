//! Automated handoffs: when a handoff's upstream tasks are all done it fires, and the
//! workstreams it notifies become ready once every handoff they wait for has fired.

use serde::Serialize;

use super::evaluate::Facts;

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct HandoffView {
    pub id: String,
    pub name: String,
    pub fired: bool,
    /// Upstream tasks not done yet.
    pub waiting_on: Vec<String>,
    pub notify: Vec<String>,
}

pub(crate) fn evaluate(facts: &Facts) -> Vec<HandoffView> {
    facts
        .plan
        .handoffs
        .iter()
        .map(|handoff| {
            let waiting_on: Vec<String> = handoff
                .after
                .iter()
                .filter(|id| facts.task_number(id).is_some_and(|t| !facts.task_done[t]))
                .cloned()
                .collect();
            HandoffView {
                id: handoff.id.clone(),
                name: handoff.name.clone(),
                fired: waiting_on.is_empty(),
                waiting_on,
                notify: handoff.notify.clone(),
            }
        })
        .collect()
}

/// Agents notified by at least one handoff, all of whose handoffs fired, and not blocked.
pub(crate) fn ready_workstreams(facts: &Facts, handoffs: &[HandoffView]) -> Vec<String> {
    let agent_count = facts.plan.agents.len();
    let (mut notified, mut waiting) = (vec![false; agent_count], vec![false; agent_count]);
    for handoff in handoffs {
        for id in &handoff.notify {
            if let Some(a) = facts.agent_number(id) {
                notified[a] = true;
                waiting[a] |= !handoff.fired;
            }
        }
    }
    (0..agent_count)
        .filter(|&a| notified[a] && !waiting[a] && !facts.agent_wholly_blocked(a))
        .map(|a| facts.plan.agents[a].id.clone())
        .collect()
}
