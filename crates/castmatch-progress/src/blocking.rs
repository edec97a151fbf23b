//! Transitive blocking: from each root-cause blocker (active, with no active blocker upstream),
//! a breadth-first walk over dependencies finds who is blocked, by which blocker, via which chain.

use super::plan::Plan;
use super::validate::{hours_between, Index, Node};

const NONE: u32 = u32::MAX;

/// How one node is blocked: its root-cause blocker, the nearest active blocker on the way,
/// and the node it was reached from (`NONE` for the root itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Reach {
    pub root: u32,
    pub nearest: u32,
    pub via: u32,
    pub depth: u32,
}

pub(crate) struct Blocking {
    pub reach: Vec<Option<Reach>>,
    /// Nodes in the order they were reached (roots oldest first, then breadth-first).
    pub reached: Vec<u32>,
}

pub(crate) fn is_active(plan: &Plan, blocker: usize, now_h: f64) -> bool {
    let b = &plan.blockers[blocker];
    let since = hours_between(plan.start, b.since);
    let resolved = b.resolved_at.map(|r| hours_between(plan.start, r));
    since <= now_h && resolved.is_none_or(|r| r > now_h)
}

/// Root causes: active blockers that no active blocker blocks, directly or through others.
fn root_blockers(plan: &Plan, index: &Index, active: &[bool]) -> Vec<u32> {
    let mut downstream_of_active = vec![false; index.blocker_count];
    for &node in &index.order {
        let Node::Blocker(b) = index.node(node) else {
            continue;
        };
        downstream_of_active[b] = index.predecessors.of(node).iter().any(|&p| {
            p < index.blocker_count as u32
                && (active[p as usize] || downstream_of_active[p as usize])
        });
    }
    let mut roots: Vec<u32> = (0..index.blocker_count)
        .filter(|&b| active[b] && !downstream_of_active[b])
        .map(|b| b as u32)
        .collect();
    // The oldest blocker claims shared downstream work first: it is the one to fix first.
    roots.sort_by(|&x, &y| {
        plan.blockers[x as usize]
            .since
            .cmp(&plan.blockers[y as usize].since)
            .then(x.cmp(&y))
    });
    roots
}

pub(crate) fn compute(plan: &Plan, index: &Index, task_done: &[bool], now_h: f64) -> Blocking {
    let active: Vec<bool> = (0..index.blocker_count)
        .map(|b| is_active(plan, b, now_h))
        .collect();
    let passable = |node: u32| match index.node(node) {
        Node::Blocker(b) => active[b],
        Node::Agent(_) => true,
        Node::Task(t) => !task_done[t],
    };
    let mut reach: Vec<Option<Reach>> = vec![None; index.node_count()];
    let mut reached = Vec::new();
    for root in root_blockers(plan, index, &active) {
        reach[root as usize] = Some(Reach {
            root,
            nearest: root,
            via: NONE,
            depth: 0,
        });
        let mut head = reached.len();
        reached.push(root);
        while head < reached.len() {
            let node = reached[head];
            head += 1;
            let Some(from) = reach[node as usize] else {
                continue;
            };
            for &next in index.successors.of(node) {
                if reach[next as usize].is_some() || !passable(next) {
                    continue;
                }
                let nearest = if matches!(index.node(next), Node::Blocker(_)) {
                    next
                } else {
                    from.nearest
                };
                reach[next as usize] = Some(Reach {
                    root,
                    nearest,
                    via: node,
                    depth: from.depth + 1,
                });
                reached.push(next);
            }
        }
    }
    Blocking { reach, reached }
}

impl Blocking {
    /// The path from the root blocker to `node`, root first.
    pub fn chain_to(&self, node: u32) -> Vec<u32> {
        let mut chain = Vec::new();
        let mut cursor = node;
        while cursor != NONE {
            chain.push(cursor);
            cursor = self.reach[cursor as usize].map_or(NONE, |r| r.via);
        }
        chain.reverse();
        chain
    }

    /// Root-to-leaf chains of the blocking forest, longest first, at most `limit`;
    /// also returns how many were left out.
    pub fn longest_chains(&self, limit: usize) -> (Vec<Vec<u32>>, usize) {
        let mut has_child = vec![false; self.reach.len()];
        for &node in &self.reached {
            if let Some(r) = self.reach[node as usize].filter(|r| r.via != NONE) {
                has_child[r.via as usize] = true;
            }
        }
        let mut leaves: Vec<(u32, u32)> = self
            .reached
            .iter()
            .filter(|&&n| !has_child[n as usize])
            .map(|&n| (self.reach[n as usize].map_or(0, |r| r.depth), n))
            .collect();
        let omitted = leaves.len().saturating_sub(limit);
        if leaves.len() > limit {
            // Partial selection keeps this O(n) even for tens of thousands of leaves.
            leaves.select_nth_unstable_by(limit, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            leaves.truncate(limit);
        }
        leaves.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        (
            leaves
                .into_iter()
                .map(|(_, leaf)| self.chain_to(leaf))
                .collect(),
            omitted,
        )
    }
}
