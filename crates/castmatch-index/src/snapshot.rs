//! Snapshot bytes: `to_bytes` / `from_bytes` with magic, format version, a checksum over the
//! payload, and a reader that checks every length against the bytes left before allocating.

use super::graph::{Graph, MAX_LEVEL};
use super::hnsw::Hnsw;
use super::params::MAX_M;
use super::vectors::{Codes, Rows};
use super::{HnswParams, IndexError};

/// First bytes of every snapshot.
pub const MAGIC: [u8; 8] = *b"CMHNSW\r\n";
/// Format written by this build. 3 added int8 storage (a storage byte before the rows); this
/// build also reads 2, whose rows are f32. 2 replaced CRC-32 with xxHash32; an index is rebuilt
/// from its roster, so version 1 is not read.
pub const FORMAT_VERSION: u32 = 3;
/// The oldest format this build reads.
const OLDEST_READ: u32 = 2;
/// The storage byte of format 3.
const STORAGE_F32: u8 = 0;
const STORAGE_INT8: u8 = 1;
/// Magic, version, payload length (u64), checksum of the payload (xxHash32, seed 0).
const HEADER_LEN: usize = 8 + 4 + 8 + 4;
/// `entry` value for an empty index.
const NO_ENTRY: u32 = u32::MAX;

impl Hnsw {
    /// Serialises the whole index (little-endian; layout in `snapshot.rs`).
    pub fn to_bytes(&self) -> Vec<u8> {
        let payload = self.payload();
        let mut bytes = Vec::with_capacity(HEADER_LEN + payload.len());
        bytes.extend_from_slice(&MAGIC);
        bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&checksum(&payload).to_le_bytes());
        bytes.extend_from_slice(&payload);
        bytes
    }

    /// Loads an index written by [`Hnsw::to_bytes`]. Damaged, truncated or future-version bytes
    /// give an error, never a panic or a partial index.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, IndexError> {
        let mut header = Reader::new(bytes, 0);
        if header.take(MAGIC.len())? != MAGIC {
            return Err(IndexError::BadMagic);
        }
        let version = header.u32()?;
        if !(OLDEST_READ..=FORMAT_VERSION).contains(&version) {
            return Err(IndexError::UnsupportedVersion {
                found: version,
                expected: FORMAT_VERSION,
            });
        }
        let payload_len = header.u64()?;
        let stored = header.u32()?;
        let payload = header.take(usize::try_from(payload_len).unwrap_or(usize::MAX))?;
        if header.remaining() != 0 {
            return Err(corrupt(header.offset, "trailing bytes after the payload"));
        }
        let computed = checksum(payload);
        if computed != stored {
            return Err(IndexError::Checksum { stored, computed });
        }
        read_payload(Reader::new(payload, HEADER_LEN), version)
    }

    fn payload(&self) -> Vec<u8> {
        let rows = self.slot_count();
        let mut out = Vec::with_capacity(48 + self.memory_bytes());
        for value in [
            self.dim,
            self.params.m,
            self.params.ef_construction,
            self.params.ef_search,
        ] {
            out.extend_from_slice(&(value as u32).to_le_bytes());
        }
        out.extend_from_slice(&self.params.seed.to_le_bytes());
        out.extend_from_slice(&(rows as u32).to_le_bytes());
        out.extend_from_slice(&self.entry.unwrap_or(NO_ENTRY).to_le_bytes());
        out.extend_from_slice(&(self.graph.upper_slots().len() as u64).to_le_bytes());
        match &self.rows {
            Rows::F32(values) => {
                out.push(STORAGE_F32);
                values
                    .iter()
                    .for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
            }
            Rows::Int8 { codes, scales } => {
                out.push(STORAGE_INT8);
                scales
                    .iter()
                    .for_each(|v| out.extend_from_slice(&v.to_le_bytes()));
                out.extend(codes.as_slice().iter().map(|&c| c as u8));
            }
        }
        out.extend_from_slice(self.graph.levels());
        out.extend(pack_bits(&self.deleted));
        for slot in self
            .graph
            .layer0_slots()
            .iter()
            .chain(self.graph.upper_slots())
        {
            out.extend_from_slice(&slot.to_le_bytes());
        }
        out
    }
}

fn read_payload(mut reader: Reader, version: u32) -> Result<Hnsw, IndexError> {
    let dim = reader.u32()? as usize;
    let m_offset = reader.offset;
    let m = reader.u32()? as usize;
    if !(2..=MAX_M).contains(&m) {
        return Err(corrupt(m_offset, "M out of range"));
    }
    let params = HnswParams {
        m,
        ef_construction: reader.u32()? as usize,
        ef_search: reader.u32()? as usize,
        seed: reader.u64()?,
    }
    .sanitized();
    let rows = reader.u32()? as usize;
    let entry_offset = reader.offset;
    let entry = reader.u32()?;
    let upper_len_offset = reader.offset;
    let upper_len = reader.u64()?;

    let storage_offset = reader.offset;
    let storage = if version < 3 {
        STORAGE_F32
    } else {
        reader.array::<1>()?[0]
    };
    let vectors = match storage {
        STORAGE_F32 => Rows::F32(reader.f32s(rows.checked_mul(dim))?),
        STORAGE_INT8 => {
            let scales = reader.f32s(Some(rows))?;
            if scales.iter().any(|s| !s.is_finite()) {
                return Err(corrupt(storage_offset + 1, "non-finite row scale"));
            }
            let len = rows
                .checked_mul(dim)
                .ok_or(corrupt(storage_offset, "rows x dim overflows"))?;
            let codes = Codes::from_bytes(reader.take(len)?);
            Rows::Int8 { codes, scales }
        }
        _ => return Err(corrupt(storage_offset, "unknown vector storage")),
    };
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
    if upper_blocks.checked_mul(1 + m as u64) != Some(upper_len) {
        return Err(corrupt(
            upper_len_offset,
            "upper-layer length does not match node levels",
        ));
    }
    let upper_offset = reader.offset;
    let upper = reader.u32s(usize::try_from(upper_len).ok())?;
    check_blocks(&upper, m, rows, upper_offset)?;
    if reader.remaining() != 0 {
        return Err(corrupt(reader.offset, "trailing bytes in the payload"));
    }

    let entry = match (rows, entry) {
        (0, NO_ENTRY) => None,
        (rows, entry) if (entry as usize) < rows => Some(entry),
        _ => return Err(corrupt(entry_offset, "entry point out of range")),
    };
    let graph = Graph::from_parts(m, params.m0(), levels, layer0, upper);
    Ok(Hnsw::from_parts(
        params, dim, vectors, graph, deleted, entry,
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
        if count > capacity {
            return Err(corrupt(at, "neighbour count above capacity"));
        }
        if links.iter().any(|link| *link as usize >= rows) {
            return Err(corrupt(at, "neighbour id out of range"));
        }
    }
    Ok(())
}

fn pack_bits(flags: &[bool]) -> impl Iterator<Item = u8> + '_ {
    flags.chunks(8).map(|chunk| {
        chunk
            .iter()
            .enumerate()
            .fold(0u8, |byte, (bit, flag)| byte | (u8::from(*flag) << bit))
    })
}

fn unpack_bits(bytes: &[u8], count: usize) -> Vec<bool> {
    (0..count)
        .map(|i| {
            bytes
                .get(i / 8)
                .is_some_and(|byte| byte >> (i % 8) & 1 == 1)
        })
        .collect()
}

fn corrupt(offset: usize, reason: &'static str) -> IndexError {
    IndexError::Corrupt { offset, reason }
}

/// Cursor over snapshot bytes; `base` is the absolute offset of `bytes[0]` for error messages.
struct Reader<'a> {
    bytes: &'a [u8],
    base: usize,
    offset: usize,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8], base: usize) -> Self {
        Self {
            bytes,
            base,
            offset: base,
        }
    }

    fn remaining(&self) -> usize {
        self.bytes.len() - (self.offset - self.base)
    }

    /// The next `len` bytes, or `Truncated` naming where the data ran out.
    fn take(&mut self, len: usize) -> Result<&'a [u8], IndexError> {
        let start = self.offset - self.base;
        if len > self.remaining() {
            return Err(IndexError::Truncated {
                offset: self.base + self.bytes.len(),
                needed: len - self.remaining(),
            });
        }
        self.offset += len;
        Ok(&self.bytes[start..start + len])
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N], IndexError> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    fn u32(&mut self) -> Result<u32, IndexError> {
        self.array().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Result<u64, IndexError> {
        self.array().map(u64::from_le_bytes)
    }

    /// `count` values of 4 bytes; `None` (an overflowing count) is reported as truncation.
    fn words(&mut self, count: Option<usize>) -> Result<&'a [u8], IndexError> {
        let len = count
            .and_then(|count| count.checked_mul(4))
            .unwrap_or(usize::MAX);
        self.take(len)
    }

    fn u32s(&mut self, count: Option<usize>) -> Result<Vec<u32>, IndexError> {
        let bytes = self.words(count)?;
        Ok(bytes
            .chunks_exact(4)
            .map(|word| u32::from_le_bytes([word[0], word[1], word[2], word[3]]))
            .collect())
    }

    fn f32s(&mut self, count: Option<usize>) -> Result<Vec<f32>, IndexError> {
        let bytes = self.words(count)?;
        Ok(bytes
            .chunks_exact(4)
            .map(|word| f32::from_le_bytes([word[0], word[1], word[2], word[3]]))
            .collect())
    }
}

/// The checksum of a snapshot payload: xxHash32 with seed 0, fast in wasm and free of tables.
pub(crate) fn checksum(payload: &[u8]) -> u32 {
    xxhash_rust::xxh32::xxh32(payload, 0)
}
