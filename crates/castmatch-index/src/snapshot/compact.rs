//! Format 4, the compact snapshot. Payload, little endian:
//!
//! ```text
//! dim u32 | M u32 | efConstruction u32 | ef u32 | seed u64 | rows u32 | entry u32
//! storage u8 (0 f32, 1 int8) | f32: rows x dim f32 | int8: rows scales f32, rows x dim codes
//! deleted: one bit a row
//! levels: varint count of rows above layer 0, then each: varint gap to the previous such
//!         row (the first: its id), level u8
//! layer 0: each row's list: varint count, then its ids ascending as varint gaps (the first
//!          id itself, then each minus the previous minus one)
//! upper layers: for each row above layer 0, its lists on layers 1..=level, the same way
//! ```
//!
//! Neighbour ids are sorted (the graph keeps them so), so gaps average `rows / degree`: two
//! bytes a link at 100k rows, three at a million, against four for a `u32`; a list costs what
//! it holds, not its capacity.

use super::super::graph::{Graph, MAX_LEVEL};
use super::super::hnsw::Hnsw;
use super::super::IndexError;
use super::{
    corrupt, pack_bits, push_varint, read_head, read_rows, unpack_bits, write_head, write_rows,
    Reader,
};

pub(super) fn write(index: &Hnsw) -> Vec<u8> {
    let graph = &index.graph;
    let rows = index.slot_count();
    let mut out = Vec::with_capacity(64 + index.rows.memory_bytes() + 64 * rows);
    write_head(index, &mut out);
    write_rows(&index.rows, &mut out);
    out.extend(pack_bits(&index.deleted));
    let above: Vec<(u32, u8)> = (0..rows as u32)
        .map(|id| (id, graph.level(id)))
        .filter(|&(_, level)| level > 0)
        .collect();
    push_varint(&mut out, above.len() as u32);
    let mut next = 0;
    for &(id, level) in &above {
        push_varint(&mut out, id - next);
        out.push(level);
        next = id + 1;
    }
    for id in 0..rows as u32 {
        write_list(graph.neighbours(id, 0), &mut out);
    }
    for &(id, level) in &above {
        for layer in 1..=level {
            write_list(graph.neighbours(id, layer), &mut out);
        }
    }
    out
}

/// A sorted list: its length, then its ids as gaps.
fn write_list(links: &[u32], out: &mut Vec<u8>) {
    push_varint(out, links.len() as u32);
    let mut next = 0;
    for &link in links {
        push_varint(out, link - next);
        next = link + 1;
    }
}

pub(super) fn read(mut reader: Reader) -> Result<Hnsw, IndexError> {
    let head = read_head(&mut reader)?;
    let (rows, params) = (head.rows, head.params);
    let storage_offset = reader.offset;
    let storage = reader.u8()?;
    let vectors = read_rows(&mut reader, storage, storage_offset, rows, head.dim)?;
    let deleted = unpack_bits(reader.take(rows.div_ceil(8))?, rows);

    let mut levels = vec![0u8; rows];
    let count_offset = reader.offset;
    let above = reader.varint()? as usize;
    if above > rows {
        return Err(corrupt(count_offset, "more rows above layer 0 than rows"));
    }
    let mut next = 0usize;
    for _ in 0..above {
        let at = reader.offset;
        let id = next
            .checked_add(reader.varint()? as usize)
            .ok_or(corrupt(at, "row above layer 0 out of range"))?;
        let level = reader.u8()?;
        if !(1..=MAX_LEVEL).contains(&level) {
            return Err(corrupt(at, "node level out of range"));
        }
        let Some(slot) = levels.get_mut(id) else {
            return Err(corrupt(at, "row above layer 0 out of range"));
        };
        *slot = level;
        next = id + 1;
    }

    let mut graph = Graph::with_levels(params.m, params.m0(), levels);
    for id in 0..rows as u32 {
        read_list(&mut reader, &mut graph, id, 0, rows)?;
    }
    for id in 0..rows as u32 {
        for layer in 1..=graph.level(id) {
            read_list(&mut reader, &mut graph, id, layer, rows)?;
        }
    }
    if reader.remaining() != 0 {
        return Err(corrupt(reader.offset, "trailing bytes in the payload"));
    }
    Ok(Hnsw::from_parts(
        params, head.dim, vectors, graph, deleted, head.entry,
    ))
}

/// Reads one list straight into the node's block: count within the layer's capacity, ids
/// ascending and below `rows`.
fn read_list(
    reader: &mut Reader,
    graph: &mut Graph,
    id: u32,
    layer: u8,
    rows: usize,
) -> Result<(), IndexError> {
    let at = reader.offset;
    let count = reader.varint()? as usize;
    let Some(block) = graph.block_mut(id, layer) else {
        return Err(corrupt(at, "list of a layer the node does not reach"));
    };
    let Some(slots) = block.get_mut(1..1 + count) else {
        return Err(corrupt(at, "neighbour count above capacity"));
    };
    let mut next = 0usize;
    for slot in slots {
        let link = next.checked_add(reader.varint()? as usize);
        let Some(link) = link.filter(|&link| link < rows) else {
            return Err(corrupt(at, "neighbour id out of range"));
        };
        *slot = link as u32;
        next = link + 1;
    }
    block[0] = count as u32;
    Ok(())
}
