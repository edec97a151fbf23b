//! The dependency graph as the dashboard draws it: which nodes are shown, each node's layer (the
//! longest path from a source, so every edge points rightwards) and what is blocked or critical.
//! Pixels stay in the page; everything that needs the plan's graph is computed here.

use serde::Serialize;

use super::evaluate::{Facts, NodeKind};
use super::validate::Node;

/// Nodes and edges to draw, in layers.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Drawing {
    pub nodes: Vec<DrawnNode>,
    pub edges: Vec<DrawnEdge>,
    /// Tasks left out: in no dependency, no blocking chain and not on the critical path.
    pub hidden_tasks: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct DrawnNode {
    pub id: String,
    /// Blocker title, workstream name or task title.
    pub label: String,
    pub kind: NodeKind,
    /// For a task, the name of the workstream that owns it.
    pub owner: Option<String>,
    /// For a blocker: active at `now` (false once resolved).
    pub active: bool,
    /// Blocked at `now`; an active blocker counts only when another blocker blocks it.
    pub blocked: bool,
    /// On the critical path.
    pub critical: bool,
    /// Column: the longest path from a source among the drawn edges.
    pub layer: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct DrawnEdge {
    pub from: String,
    pub to: String,
    /// From an active blocker, or between two blocked nodes.
    pub blocking: bool,
    /// Between two nodes of the critical path.
    pub critical: bool,
}

pub(crate) fn draw(facts: &Facts) -> Drawing {
    let (plan, index) = (facts.plan, facts.index);
    let count = index.node_count();
    let owns = |from: u32, to: u32| match (index.node(from), index.node(to)) {
        (Node::Agent(a), Node::Task(t)) => index.tasks[t].0 as usize == a,
        _ => false,
    };
    let mut critical = vec![false; count];
    for &task in &facts.cpm.critical_path {
        critical[index.task_node(task) as usize] = true;
    }
    let blocked: Vec<bool> = (0..count as u32).map(|n| is_blocked(facts, n)).collect();
    // A task is drawn when it takes part in a relation of the plan, a blocking chain or the
    // critical path; the rest would only add noise.
    let mut related = vec![false; count];
    for from in 0..count as u32 {
        for &to in index.successors.of(from) {
            if !owns(from, to) {
                related[from as usize] = true;
                related[to as usize] = true;
            }
        }
    }
    let in_chain = |n: usize| facts.blocking.reach[n].is_some();
    let shown: Vec<bool> = (0..count)
        .map(|n| match index.node(n as u32) {
            Node::Task(_) => related[n] || critical[n] || in_chain(n),
            _ => true,
        })
        .collect();

    let mut layer = vec![0usize; count];
    let mut edges = Vec::new();
    for &from in &index.order {
        if !shown[from as usize] {
            continue;
        }
        for &to in index.successors.of(from) {
            if !shown[to as usize] {
                continue;
            }
            layer[to as usize] = layer[to as usize].max(layer[from as usize] + 1);
            let (f, t) = (from as usize, to as usize);
            let active_blocker = matches!(index.node(from), Node::Blocker(b) if facts.active[b]);
            edges.push(DrawnEdge {
                from: index.id_of(plan, from).to_string(),
                to: index.id_of(plan, to).to_string(),
                blocking: active_blocker || (blocked[f] && blocked[t]),
                critical: critical[f] && critical[t],
            });
        }
    }
    let nodes = (0..count as u32)
        .filter(|&n| shown[n as usize])
        .map(|n| {
            let (kind, owner, active) = match index.node(n) {
                Node::Blocker(b) => (NodeKind::Blocker, None, facts.active[b]),
                Node::Agent(_) => (NodeKind::Agent, None, false),
                Node::Task(t) => {
                    let agent = &plan.agents[index.tasks[t].0 as usize];
                    (NodeKind::Task, Some(agent.name.clone()), false)
                }
            };
            DrawnNode {
                id: index.id_of(plan, n).to_string(),
                label: index.label_of(plan, n).to_string(),
                kind,
                owner,
                active,
                blocked: blocked[n as usize],
                critical: critical[n as usize],
                layer: layer[n as usize],
            }
        })
        .collect();
    Drawing {
        nodes,
        edges,
        hidden_tasks: shown.iter().filter(|&&s| !s).count(),
    }
}

/// Reached by a blocking chain; an active blocker is a cause, not a victim, unless another
/// blocker blocks it.
fn is_blocked(facts: &Facts, node: u32) -> bool {
    let Some(reach) = facts.blocking.reach[node as usize] else {
        return false;
    };
    match facts.index.node(node) {
        Node::Blocker(b) if facts.active[b] => reach.via != u32::MAX,
        _ => true,
    }
}
