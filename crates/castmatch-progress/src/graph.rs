//! The plan as one dependency graph over blockers, agents and tasks (compressed adjacency
//! lists both ways), its topological order by Kahn's algorithm, and cycle extraction.

/// Adjacency in compressed sparse row form: the neighbours of `v` are one contiguous slice.
#[derive(Debug, Clone, Default)]
pub(crate) struct Csr {
    offsets: Vec<u32>,
    targets: Vec<u32>,
}

impl Csr {
    /// Builds adjacency from `(from, to)` edges; `reverse` stores `to -> from` instead.
    pub fn from_edges(node_count: usize, edges: &[(u32, u32)], reverse: bool) -> Csr {
        let mut offsets = vec![0u32; node_count + 1];
        for &(from, to) in edges {
            let source = if reverse { to } else { from };
            offsets[source as usize + 1] += 1;
        }
        for i in 0..node_count {
            offsets[i + 1] += offsets[i];
        }
        let mut cursor = offsets.clone();
        let mut targets = vec![0u32; edges.len()];
        for &(from, to) in edges {
            let (source, target) = if reverse { (to, from) } else { (from, to) };
            let slot = &mut cursor[source as usize];
            targets[*slot as usize] = target;
            *slot += 1;
        }
        Csr { offsets, targets }
    }

    pub fn of(&self, node: u32) -> &[u32] {
        let start = self.offsets[node as usize] as usize;
        let end = self.offsets[node as usize + 1] as usize;
        &self.targets[start..end]
    }

    pub fn node_count(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }
}

/// Kahn's algorithm. On a cycle, returns one cycle as nodes in dependency order
/// (each node depends on the next), the first node repeated at the end.
pub(crate) fn topological_order(
    successors: &Csr,
    predecessors: &Csr,
) -> Result<Vec<u32>, Vec<u32>> {
    let node_count = successors.node_count();
    let mut waiting_on: Vec<u32> = (0..node_count as u32)
        .map(|v| predecessors.of(v).len() as u32)
        .collect();
    let mut order: Vec<u32> = (0..node_count as u32)
        .filter(|&v| waiting_on[v as usize] == 0)
        .collect();
    let mut head = 0;
    while head < order.len() {
        let node = order[head];
        head += 1;
        for &next in successors.of(node) {
            waiting_on[next as usize] -= 1;
            if waiting_on[next as usize] == 0 {
                order.push(next);
            }
        }
    }
    if order.len() == node_count {
        return Ok(order);
    }
    Err(extract_cycle(&waiting_on, predecessors))
}

/// Every node Kahn could not order still waits on another such node, so walking
/// predecessors among them must revisit a node; the walk from that node on is a cycle.
fn extract_cycle(waiting_on: &[u32], predecessors: &Csr) -> Vec<u32> {
    let unordered = |v: u32| waiting_on[v as usize] > 0;
    let Some(start) = (0..waiting_on.len() as u32).find(|&v| unordered(v)) else {
        return Vec::new();
    };
    let mut position = vec![u32::MAX; waiting_on.len()];
    let mut walk = Vec::new();
    let mut node = start;
    while position[node as usize] == u32::MAX {
        position[node as usize] = walk.len() as u32;
        walk.push(node);
        match predecessors
            .of(node)
            .iter()
            .copied()
            .find(|&p| unordered(p))
        {
            Some(previous) => node = previous,
            None => return walk, // unreachable for a true remainder; never panic
        }
    }
    let mut cycle = walk.split_off(position[node as usize] as usize);
    cycle.push(node);
    cycle
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_a_chain_and_names_a_loop() {
        let edges = [(0, 1), (1, 2)];
        let succ = Csr::from_edges(3, &edges, false);
        let pred = Csr::from_edges(3, &edges, true);
        assert_eq!(topological_order(&succ, &pred), Ok(vec![0, 1, 2]));

        let edges = [(0, 1), (1, 2), (2, 1)];
        let succ = Csr::from_edges(3, &edges, false);
        let pred = Csr::from_edges(3, &edges, true);
        let cycle = topological_order(&succ, &pred).unwrap_err();
        assert_eq!(cycle.first(), cycle.last());
        assert_eq!(cycle.len(), 3);
    }
}
