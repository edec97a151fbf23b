//! Batched construction: rows are linked in batches whose searches read the graph as it was
//! before the batch (on several threads with the `parallel` feature), after which the links
//! are applied in id order. Nothing depends on which thread did what, so the same rows, seed
//! and parameters give the same graph, byte for byte, on any number of threads, natively or in
//! wasm (the distance kernels agree bit for bit; levels are integer arithmetic).
//!
//! A point is not linked to the points of its own batch; later batches link across. Batches
//! start at one point and grow with the graph to 1/32 of it (at most `MAX_BATCH`), which keeps
//! recall where the one-at-a-time insert puts it (BENCHMARKS.md, issue 15).

use ndarray::ArrayView2;

use super::hnsw::{level_for, Hnsw};
use super::scratch::{Candidate, Search};
use super::IndexError;

/// Largest batch: enough work per thread to amortise starting them, small next to the graph.
const MAX_BATCH: usize = 1024;
/// A batch is at most this fraction of the points already linked.
const BATCH_SHARE: usize = 128;
/// Below this many points a batch runs on one thread.
const MIN_PARALLEL_BATCH: usize = 64;

/// A planned link of a batch point: `from -> to` on `layer`, with its distance.
#[derive(Clone, Copy, Debug)]
struct Link {
    from: u32,
    to: u32,
    layer: u8,
    distance: f32,
}

/// A pruned neighbour list, computed off the graph and applied afterwards.
struct Pruned {
    node: u32,
    layer: u8,
    links: Vec<u32>,
}

impl Hnsw {
    /// Builds an index from the rows of `vectors` (ids `0..n` in row order): batched and, with
    /// the `parallel` feature, on every core (see [`Hnsw::set_build_threads`]); the result is
    /// the same on any number of threads.
    ///
    /// `progress(done, total)` is called after each batch (at most 1,024 rows) and at the end.
    /// Rows of the wrong width cannot occur (the view fixes it); a non-finite component is
    /// stored as 0 so the row keeps its id. Use [`Hnsw::extend`] to get an error instead.
    pub fn build(
        vectors: ArrayView2<f32>,
        params: super::HnswParams,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Self {
        let mut index = Self::new(vectors.ncols(), params);
        // Cannot fail: right width, finite, and an ArrayView2 cannot hold u32::MAX rows of
        // anything useful.
        let _ = if vectors.iter().all(|x| x.is_finite()) {
            index.extend(vectors, progress)
        } else {
            let finite = vectors.mapv(|x| if x.is_finite() { x } else { 0.0 });
            index.extend(finite.view(), progress)
        };
        index
    }

    /// Adds every row of `vectors` (batched like [`Hnsw::build`]); returns the first new id
    /// (the rows get consecutive ids). All rows are checked first: a row of the wrong width or
    /// with a non-finite component is an error and nothing is added.
    pub fn extend(
        &mut self,
        vectors: ArrayView2<f32>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<u32, IndexError> {
        let (count, dim) = vectors.dim();
        if count == 0 {
            return Ok(self.slot_count() as u32);
        }
        if dim != self.dim {
            return Err(IndexError::DimensionMismatch {
                expected: self.dim,
                found: dim,
            });
        }
        if let Some(index) = vectors.iter().position(|x| !x.is_finite()) {
            return Err(IndexError::NonFinite { index: index % dim });
        }
        let first = self.slot_count();
        let end = first
            .checked_add(count)
            .filter(|end| *end < u32::MAX as usize)
            .ok_or(IndexError::Full(first))?;
        self.rows.reserve(count, dim);
        for row in vectors.outer_iter() {
            let id = self.slot_count() as u32;
            match row.as_slice() {
                Some(row) => self.rows.push(row),
                None => self.rows.push(&row.to_vec()),
            }
            self.graph
                .push_node(level_for(self.params.seed, id, self.params.m));
            self.deleted.push(false);
            self.live += 1;
        }
        let mut workers = Vec::new();
        let mut done = first;
        while done < end {
            let batch = (done / BATCH_SHARE).clamp(1, MAX_BATCH).min(end - done);
            self.link_batch(done as u32..(done + batch) as u32, &mut workers);
            done += batch;
            progress(done - first, count);
        }
        Ok(first as u32)
    }

    /// The number of threads `build` and `extend` use (1 without the `parallel` feature or in
    /// wasm). It changes only how fast they run, never what they build.
    pub fn set_build_threads(&mut self, threads: usize) {
        self.build_threads = threads.max(1);
    }

    /// Links the points `batch` (stored, not yet linked) into the graph.
    fn link_batch(&mut self, batch: std::ops::Range<u32>, workers: &mut Vec<Search>) {
        let Some(entry) = self.entry else {
            // An empty graph: the first point is the entry, the rest link to it.
            self.entry = Some(batch.start);
            return self.link_batch(batch.start + 1..batch.end, workers);
        };
        if batch.is_empty() {
            return;
        }
        let ids: Vec<u32> = batch.clone().collect();
        let threads = if ids.len() < MIN_PARALLEL_BATCH {
            1
        } else {
            self.build_threads
        };
        let planned = for_chunks(&ids, threads, workers, |ids, scratch| {
            let mut links = Vec::new();
            for &id in ids {
                self.plan_links(id, entry, scratch, &mut links);
            }
            links
        });
        let links: Vec<Link> = planned.into_iter().flatten().collect();
        self.apply_forward(&links);
        self.apply_reverse(links, workers);
        let top = self.graph.level(entry);
        // The highest new level takes the entry, the lowest id among equals, as one-at-a-time
        // inserts would.
        let highest = batch.fold(None::<u32>, |best, id| match best {
            Some(b) if self.graph.level(b) >= self.graph.level(id) => Some(b),
            _ => Some(id),
        });
        if let Some(id) = highest.filter(|&id| self.graph.level(id) > top) {
            self.entry = Some(id);
        }
    }

    /// The neighbours `id` will link to on each of its layers (up to the entry's), chosen from
    /// the graph as it stands: the search and heuristic of one insert, without writing.
    fn plan_links(&self, id: u32, entry: u32, scratch: &mut Search, links: &mut Vec<Link>) {
        let mut query = std::mem::take(&mut scratch.query);
        self.rows.query_of(id, self.dim, &mut query);
        let (level, top) = (self.graph.level(id), self.graph.level(entry));
        let mut nearest = Candidate {
            distance: self.distance_to(&query, entry),
            id: entry,
        };
        for layer in (level.saturating_add(1)..=top).rev() {
            nearest = self.greedy_closest(&query, nearest, layer);
        }
        for layer in (0..=level.min(top)).rev() {
            let ef = self.params.ef_construction;
            self.search_layer(&query, &[nearest], ef, layer, scratch);
            scratch.drain_results_sorted();
            if let Some(best) = scratch.found.first() {
                nearest = *best;
            }
            self.select_neighbours(self.params.m, scratch);
            for kept in &scratch.selected {
                links.push(Link {
                    from: id,
                    to: kept.id,
                    layer,
                    distance: kept.distance,
                });
            }
        }
        scratch.query = query;
    }

    /// Sets each batch point's own lists (its links come grouped by point, then layer).
    fn apply_forward(&mut self, links: &[Link]) {
        for group in links.chunk_by(|a, b| a.from == b.from && a.layer == b.layer) {
            if let Some(first) = group.first() {
                let targets = group.iter().map(|link| link.to);
                self.graph.set_neighbours(first.from, first.layer, targets);
            }
        }
    }

    /// Adds the reverse links, node by node in id order: appended while there is room, or the
    /// node's list pruned by the heuristic over its old and new links together (in parallel).
    fn apply_reverse(&mut self, mut links: Vec<Link>, workers: &mut Vec<Search>) {
        for link in &mut links {
            std::mem::swap(&mut link.from, &mut link.to);
        }
        links.sort_unstable_by_key(|link| (link.from, link.layer, link.to));
        let mut full = Vec::new();
        for group in links.chunk_by(|a, b| a.from == b.from && a.layer == b.layer) {
            let Some(&Link { from, layer, .. }) = group.first() else {
                continue;
            };
            let room = self.graph.capacity(layer) - self.graph.neighbours(from, layer).len();
            if group.len() <= room {
                for link in group {
                    self.graph.try_push(from, layer, link.to);
                }
            } else {
                full.push(group);
            }
        }
        let threads = if full.len() < MIN_PARALLEL_BATCH {
            1
        } else {
            self.build_threads
        };
        let pruned = for_chunks(&full, threads, workers, |groups, scratch| {
            groups
                .iter()
                .map(|group| self.prune_with(group, scratch))
                .collect::<Vec<_>>()
        });
        for list in pruned.into_iter().flatten() {
            self.graph.set_neighbours(list.node, list.layer, list.links);
        }
    }

    /// The heuristic over a node's current links and the new ones in `group` (all `from` the
    /// same node on the same layer).
    fn prune_with(&self, group: &[Link], scratch: &mut Search) -> Pruned {
        let (node, layer) = group.first().map_or((0, 0), |link| (link.from, link.layer));
        scratch.found.clear();
        for &existing in self.graph.neighbours(node, layer) {
            scratch.found.push(Candidate {
                distance: self.rows.between(node, existing, self.dim),
                id: existing,
            });
        }
        for link in group {
            scratch.found.push(Candidate {
                distance: link.distance,
                id: link.to,
            });
        }
        scratch.found.sort_unstable();
        self.select_neighbours(self.graph.capacity(layer), scratch);
        Pruned {
            node,
            layer,
            links: scratch.selected.iter().map(|c| c.id).collect(),
        }
    }
}

/// `work` over `items` split into `threads` contiguous chunks, each with its own scratch from
/// `workers`; the outputs in chunk order, so the result never depends on scheduling.
fn for_chunks<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    workers: &mut Vec<Search>,
    work: impl Fn(&[T], &mut Search) -> R + Sync,
) -> Vec<R> {
    let threads = threads.clamp(1, items.len().max(1));
    if workers.len() < threads {
        workers.resize_with(threads, Search::default);
    }
    let chunk = items.len().div_ceil(threads).max(1);
    #[cfg(all(feature = "parallel", not(target_arch = "wasm32")))]
    if threads > 1 {
        return std::thread::scope(|scope| {
            let work = &work;
            let handles: Vec<_> = items
                .chunks(chunk)
                .zip(workers.iter_mut())
                .map(|(items, scratch)| scope.spawn(move || work(items, scratch)))
                .collect();
            handles
                .into_iter()
                .map(|handle| match handle.join() {
                    Ok(output) => output,
                    Err(panic) => std::panic::resume_unwind(panic),
                })
                .collect()
        });
    }
    items
        .chunks(chunk)
        .zip(workers.iter_mut())
        .map(|(items, scratch)| work(items, scratch))
        .collect()
}
