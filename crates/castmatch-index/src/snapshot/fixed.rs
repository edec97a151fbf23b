//! Formats 2 and 3, read for compatibility: after the head, the upper layers' length u64,
//! (format 3: the storage byte; format 2 has f32 rows), the rows, one level byte a row, the
//! deleted bits, then every list as a fixed block `[count, links...]` of `u32`s: `1 + M_max0`
//! a row on layer 0, `1 + M` for each (row, upper layer).

use super::super::graph::{Graph, MAX_LEVEL};
use super::super::hnsw::Hnsw;
use super::super::IndexError;
use super::{corrupt, read_head, read_rows, unpack_bits, Reader, STORAGE_F32};

pub(super) fn read(mut reader: Reader, version: u32) -> Result<Hnsw, IndexError> {
    let head = read_head(&mut reader)?;
    let (rows, params) = (head.rows, head.params);
    let upper_len_offset = reader.offset;
    let upper_len = reader.u64()?;
    let storage_offset = reader.offset;
    let storage = if version < 3 {
        STORAGE_F32
    } else {
        reader.u8()?
    };
    let vectors = read_rows(&mut reader, storage, storage_offset, rows, head.dim)?;
    let levels_offset = reader.offset;
    let levels = reader.take(rows)?.to_vec();
    if levels.iter().any(|level| *level > MAX_LEVEL) {
        return Err(corrupt(levels_offset, "node level above the maximum"));
    }
    let deleted = unpack_bits(reader.take(rows.div_ceil(8))?, rows);
    let layer0_offset = reader.offset;
    let layer0 = reader.u32s(rows.checked_mul(1 + params.m0()))?;
    check_blocks(&layer0, params.m0(), rows, layer0_offset)?;

    let upper_blocks: u64 = levels.iter().map(|level| u64::from(*level)).sum();
    if upper_blocks.checked_mul(1 + params.m as u64) != Some(upper_len) {
        return Err(corrupt(
            upper_len_offset,
            "upper-layer length does not match node levels",
        ));
    }
    let upper_offset = reader.offset;
    let upper = reader.u32s(usize::try_from(upper_len).ok())?;
    check_blocks(&upper, params.m, rows, upper_offset)?;
    if reader.remaining() != 0 {
        return Err(corrupt(reader.offset, "trailing bytes in the payload"));
    }
    let graph = Graph::from_blocks(params.m, params.m0(), levels, layer0, upper);
    Ok(Hnsw::from_parts(
        params, head.dim, vectors, graph, deleted, head.entry,
    ))
}

/// Each block is `[count, links...]` of `1 + capacity` slots: count within capacity, every
/// link a known node.
fn check_blocks(
    slots: &[u32],
    capacity: usize,
    rows: usize,
    offset: usize,
) -> Result<(), IndexError> {
    for (index, block) in slots.chunks(1 + capacity).enumerate() {
        let at = offset + 4 * index * (1 + capacity);
        let count = block.first().map_or(0, |count| *count as usize);
        let Some(links) = block.get(1..).and_then(|links| links.get(..count)) else {
            return Err(corrupt(at, "neighbour count above capacity"));
        };
        if links.iter().any(|link| *link as usize >= rows) {
            return Err(corrupt(at, "neighbour id out of range"));
        }
    }
    Ok(())
}
