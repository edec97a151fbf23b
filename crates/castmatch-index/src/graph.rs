//! `Graph`: the HNSW neighbour lists in flat `u32` arrays, one block per (node, layer) with the
//! link count in the block's first slot; no per-node allocations. Every list is kept sorted by
//! id, so a snapshot stores it as gaps (small numbers) and restores it exactly.

/// Marks a node with no upper-layer blocks.
const NO_BLOCK: u32 = u32::MAX;

/// Highest layer a node can reach; keeps levels in a `u8` and bounds corrupted input.
pub(crate) const MAX_LEVEL: u8 = 16;

#[derive(Clone, Debug)]
pub(crate) struct Graph {
    /// Link capacity on upper layers (`M`).
    m: usize,
    /// Link capacity on layer 0 (`M_max0`).
    m0: usize,
    /// Top layer of each node.
    levels: Vec<u8>,
    /// `n` blocks of `1 + m0` slots: `[count, links...]`.
    layer0: Vec<u32>,
    /// Blocks of `1 + m` slots for every (node, layer >= 1), a node's layers consecutive.
    upper: Vec<u32>,
    /// Index of each node's layer-1 block in `upper`, or `NO_BLOCK`.
    upper_start: Vec<u32>,
}

impl Graph {
    pub fn new(m: usize, m0: usize) -> Self {
        Self {
            m,
            m0,
            levels: Vec::new(),
            layer0: Vec::new(),
            upper: Vec::new(),
            upper_start: Vec::new(),
        }
    }

    /// Nodes of these levels with no links yet (a snapshot then sets their lists).
    pub fn with_levels(m: usize, m0: usize, levels: Vec<u8>) -> Self {
        let upper_blocks: usize = levels.iter().map(|&level| usize::from(level)).sum();
        Self {
            m,
            m0,
            upper_start: upper_starts(&levels),
            layer0: vec![0; levels.len() * (1 + m0)],
            upper: vec![0; upper_blocks * (1 + m)],
            levels,
        }
    }

    /// Rebuilds a graph from fixed-block snapshot arrays (formats 2 and 3); the caller has
    /// validated their lengths and contents. Lists are sorted, as this build keeps them.
    pub fn from_blocks(
        m: usize,
        m0: usize,
        levels: Vec<u8>,
        layer0: Vec<u32>,
        upper: Vec<u32>,
    ) -> Self {
        let upper_start = upper_starts(&levels);
        let mut graph = Self {
            m,
            m0,
            levels,
            layer0,
            upper,
            upper_start,
        };
        for block in graph.layer0.chunks_mut(1 + m0) {
            sort_block(block);
        }
        for block in graph.upper.chunks_mut(1 + m) {
            sort_block(block);
        }
        graph
    }

    pub fn level(&self, id: u32) -> u8 {
        self.levels.get(id as usize).copied().unwrap_or(0)
    }

    /// Link capacity on `layer`.
    pub fn capacity(&self, layer: u8) -> usize {
        if layer == 0 {
            self.m0
        } else {
            self.m
        }
    }

    /// Adds a node with no links on layers `0..=level`.
    pub fn push_node(&mut self, level: u8) {
        self.levels.push(level);
        self.layer0.resize(self.layer0.len() + 1 + self.m0, 0);
        if level == 0 {
            self.upper_start.push(NO_BLOCK);
        } else {
            let first_block = self.upper.len() / (1 + self.m);
            self.upper_start
                .push(u32::try_from(first_block).unwrap_or(NO_BLOCK));
            self.upper
                .resize(self.upper.len() + usize::from(level) * (1 + self.m), 0);
        }
    }

    /// Slot range of the block of `id` on `layer`, if the node reaches that layer.
    #[inline(always)]
    fn block(&self, id: u32, layer: u8) -> Option<(bool, usize)> {
        let node = id as usize;
        if layer == 0 {
            return (node < self.levels.len()).then_some((false, node * (1 + self.m0)));
        }
        if layer > *self.levels.get(node)? {
            return None;
        }
        let start = *self.upper_start.get(node)?;
        if start == NO_BLOCK {
            return None;
        }
        Some((
            true,
            (start as usize + usize::from(layer) - 1) * (1 + self.m),
        ))
    }

    /// Links of `id` on `layer`; empty for unknown nodes or layers above the node's level.
    #[inline(always)]
    pub fn neighbours(&self, id: u32, layer: u8) -> &[u32] {
        let Some((is_upper, start)) = self.block(id, layer) else {
            return &[];
        };
        let slots = if is_upper { &self.upper } else { &self.layer0 };
        let count = slots.get(start).map_or(0, |&c| c as usize);
        slots.get(start + 1..start + 1 + count).unwrap_or(&[])
    }

    /// The whole block of `id` on `layer`, `[count, slots...]` (`1 + capacity` slots), for a
    /// snapshot to fill; `None` if the node does not reach the layer.
    pub fn block_mut(&mut self, id: u32, layer: u8) -> Option<&mut [u32]> {
        let capacity = self.capacity(layer);
        let (is_upper, start) = self.block(id, layer)?;
        let slots = if is_upper {
            &mut self.upper
        } else {
            &mut self.layer0
        };
        slots.get_mut(start..start + 1 + capacity)
    }

    /// Replaces the links of `id` on `layer` (truncated to the layer's capacity), sorted.
    pub fn set_neighbours(&mut self, id: u32, layer: u8, links: impl IntoIterator<Item = u32>) {
        let capacity = self.capacity(layer);
        let Some((is_upper, start)) = self.block(id, layer) else {
            return;
        };
        let slots = if is_upper {
            &mut self.upper
        } else {
            &mut self.layer0
        };
        let Some(block) = slots.get_mut(start..start + 1 + capacity) else {
            return;
        };
        let mut count = 0;
        for (slot, link) in block[1..].iter_mut().zip(links) {
            *slot = link;
            count += 1;
        }
        block[0] = count;
        sort_block(block);
    }

    /// Adds one link in its sorted place if there is room; false if the list is full.
    pub fn try_push(&mut self, id: u32, layer: u8, link: u32) -> bool {
        let capacity = self.capacity(layer);
        let Some((is_upper, start)) = self.block(id, layer) else {
            return false;
        };
        let slots = if is_upper {
            &mut self.upper
        } else {
            &mut self.layer0
        };
        let Some(block) = slots.get_mut(start..start + 1 + capacity) else {
            return false;
        };
        let count = block[0] as usize;
        if count >= capacity {
            return false;
        }
        let mut at = 1 + count;
        while at > 1 && block[at - 1] > link {
            block[at] = block[at - 1];
            at -= 1;
        }
        block[at] = link;
        block[0] += 1;
        true
    }

    /// Bytes held by the graph arrays.
    pub fn memory_bytes(&self) -> usize {
        self.levels.capacity()
            + 4 * (self.layer0.capacity() + self.upper.capacity() + self.upper_start.capacity())
    }
}

/// Sorts the links of a `[count, links...]` block (a count past the block sorts them all).
fn sort_block(block: &mut [u32]) {
    let count = block.first().map_or(0, |&count| count as usize);
    if let Some(links) = block.get_mut(1..).and_then(|links| {
        let len = links.len();
        links.get_mut(..count.min(len))
    }) {
        links.sort_unstable();
    }
}

/// Index of each node's first upper block, given the node levels.
fn upper_starts(levels: &[u8]) -> Vec<u32> {
    let mut next = 0u64;
    levels
        .iter()
        .map(|&level| {
            if level == 0 {
                return NO_BLOCK;
            }
            let start = u32::try_from(next).unwrap_or(NO_BLOCK);
            next += u64::from(level);
            start
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_hold_links_per_layer() {
        let mut graph = Graph::new(2, 4);
        graph.push_node(0);
        graph.push_node(2);
        graph.push_node(0);
        graph.set_neighbours(1, 0, [2, 0]);
        graph.set_neighbours(1, 2, [2, 0, 0]);
        assert_eq!(graph.neighbours(1, 0), &[0, 2], "sorted");
        assert_eq!(
            graph.neighbours(1, 2),
            &[0, 2],
            "truncated to M, then sorted"
        );
        assert!(graph.neighbours(1, 1).is_empty());
        assert!(graph.neighbours(0, 1).is_empty(), "node 0 has no layer 1");
        assert!(graph.neighbours(9, 0).is_empty(), "unknown node");
        assert!(graph.try_push(1, 1, 2));
        assert!(graph.try_push(1, 1, 0));
        assert_eq!(graph.neighbours(1, 1), &[0, 2], "pushed in sorted place");
        assert!(!graph.try_push(1, 1, 0), "layer 1 holds M = 2 links");
        assert!(graph.try_push(1, 0, 1));
        assert_eq!(graph.neighbours(1, 0), &[0, 1, 2]);
    }
}
