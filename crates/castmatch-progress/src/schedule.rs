//! Critical path over the task graph: remaining work per task, forward and backward passes in
//! O(V+E) from `now`, slack against the target date, and the longest chain of remaining work.

use super::plan::Plan;
use super::validate::Index;

/// Days, measured from `now`, per flat task number.
pub(crate) struct Cpm {
    pub remaining: Vec<f64>,
    pub earliest_start: Vec<f64>,
    pub earliest_finish: Vec<f64>,
    /// Latest start that still meets the target, minus the earliest start; negative = late.
    pub slack: Vec<f64>,
    /// Days from now until all remaining work is done.
    pub length: f64,
    /// Flat task numbers of the longest chain, first to last.
    pub critical_path: Vec<usize>,
    pub min_slack: f64,
}

const EPSILON: f64 = 1e-9;

/// Blocked tasks are scheduled as if their blocker cleared now: the projection is optimistic
/// by exactly the blockers' remaining life, which the alerts report separately.
pub(crate) fn compute(plan: &Plan, index: &Index, days_to_target: f64) -> Cpm {
    let count = index.tasks.len();
    let remaining: Vec<f64> = (0..count)
        .map(|t| {
            let task = index.task_of(plan, t);
            task.estimate_days * (1.0 - task.progress / 100.0)
        })
        .collect();
    let task_order: Vec<usize> = index
        .order
        .iter()
        .filter_map(|&n| index.task_number(n))
        .collect();
    let task_predecessors = |t: usize| {
        index
            .predecessors
            .of(index.task_node(t))
            .iter()
            .filter_map(|&p| index.task_number(p))
    };
    let task_successors = |t: usize| {
        index
            .successors
            .of(index.task_node(t))
            .iter()
            .filter_map(|&s| index.task_number(s))
    };

    let mut earliest_start = vec![0.0; count];
    let mut earliest_finish = vec![0.0; count];
    for &t in &task_order {
        earliest_start[t] = task_predecessors(t)
            .map(|p| earliest_finish[p])
            .fold(0.0, f64::max);
        earliest_finish[t] = earliest_start[t] + remaining[t];
    }
    let length = earliest_finish.iter().copied().fold(0.0, f64::max);

    let mut latest_start = vec![0.0; count];
    for &t in task_order.iter().rev() {
        let latest_finish = task_successors(t)
            .map(|s| latest_start[s])
            .fold(days_to_target, f64::min);
        latest_start[t] = latest_finish - remaining[t];
    }
    let slack: Vec<f64> = (0..count)
        .map(|t| latest_start[t] - earliest_start[t])
        .collect();
    let min_slack = slack.iter().copied().fold(f64::INFINITY, f64::min);
    let critical_path = longest_chain(
        &earliest_start,
        &earliest_finish,
        &remaining,
        task_predecessors,
    );
    Cpm {
        remaining,
        earliest_start,
        earliest_finish,
        slack,
        length,
        critical_path,
        min_slack,
    }
}

/// Walks back from the last-finishing task through predecessors that finish exactly when it
/// starts. Empty when no work remains.
fn longest_chain<I: Iterator<Item = usize>>(
    earliest_start: &[f64],
    earliest_finish: &[f64],
    remaining: &[f64],
    predecessors: impl Fn(usize) -> I,
) -> Vec<usize> {
    let last = (0..earliest_finish.len())
        .filter(|&t| remaining[t] > 0.0)
        .max_by(|&a, &b| {
            earliest_finish[a]
                .total_cmp(&earliest_finish[b])
                .then(b.cmp(&a)) // ties: lowest number
        });
    let Some(mut current) = last else {
        return Vec::new();
    };
    let mut chain = vec![current];
    while let Some(previous) = predecessors(current)
        .filter(|&p| {
            (earliest_finish[p] - earliest_start[current]).abs() < EPSILON && remaining[p] > 0.0
        })
        .min()
    {
        chain.push(previous);
        current = previous;
    }
    chain.reverse();
    chain
}
