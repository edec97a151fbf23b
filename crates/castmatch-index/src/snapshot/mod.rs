//! Snapshot bytes: `to_bytes` / `from_bytes` with magic, format version, a checksum over the
//! payload, and readers that check every length against the bytes left before allocating.
//!
//! Header (little endian): magic `CMHNSW\r\n` | version u32 | payload length u64 | xxHash32 of
//! the payload u32. This build writes format 4 (`compact`: neighbour lists as varint gaps,
//! levels sparse) and reads 4, 3 and 2 (`fixed`: one fixed-size block per list; 3 added the
//! storage byte and int8 rows). A damaged, truncated or unknown snapshot is an error naming the
//! byte offset, never a panic or a partial index.

mod compact;
mod fixed;

use super::hnsw::Hnsw;
use super::params::MAX_M;
use super::vectors::{Codes, Rows};
use super::{HnswParams, IndexError};

/// First bytes of every snapshot.
pub const MAGIC: [u8; 8] = *b"CMHNSW\r\n";
/// Format written by this build. 4: neighbour lists as gaps between sorted ids (varints),
/// levels as a sparse list. 3 added int8 storage, 2 replaced CRC-32 with xxHash32; this build
/// reads 2 to 4 (an index is rebuilt from its roster, so version 1 is not read).
pub const FORMAT_VERSION: u32 = 4;
/// The oldest format this build reads.
pub(crate) const OLDEST_READ: u32 = 2;
/// The storage byte (formats 3 and 4).
const STORAGE_F32: u8 = 0;
const STORAGE_INT8: u8 = 1;
/// Magic, version, payload length (u64), checksum of the payload (xxHash32, seed 0).
const HEADER_LEN: usize = 8 + 4 + 8 + 4;
/// `entry` value for an empty index.
const NO_ENTRY: u32 = u32::MAX;

impl Hnsw {
    /// Serialises the whole index (format 4; layout in `snapshot/compact.rs`).
    pub fn to_bytes(&self) -> Vec<u8> {
        let payload = compact::write(self);
        let mut bytes = Vec::with_capacity(HEADER_LEN + payload.len());
        bytes.extend_from_slice(&MAGIC);
        bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&checksum(&payload).to_le_bytes());
        bytes.extend_from_slice(&payload);
        bytes
    }

    /// Loads an index written by [`Hnsw::to_bytes`] of this build or an earlier one (formats 2
    /// to 4). Damaged, truncated or future-version bytes give an error, never a panic or a
    /// partial index.
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
        let reader = Reader::new(payload, HEADER_LEN);
        match version {
            4 => compact::read(reader),
            _ => fixed::read(reader, version),
        }
    }
}

/// What every format starts with: dimension, parameters, row count and entry point.
struct Head {
    dim: usize,
    params: HnswParams,
    rows: usize,
    entry: Option<u32>,
}

fn write_head(index: &Hnsw, out: &mut Vec<u8>) {
    let params = index.params;
    for value in [
        index.dim,
        params.m,
        params.ef_construction,
        params.ef_search,
    ] {
        out.extend_from_slice(&(value as u32).to_le_bytes());
    }
    out.extend_from_slice(&params.seed.to_le_bytes());
    out.extend_from_slice(&(index.slot_count() as u32).to_le_bytes());
    out.extend_from_slice(&index.entry.unwrap_or(NO_ENTRY).to_le_bytes());
}

/// Reads and checks the head. Parameters are written as the index uses them (clamped to
/// workable ranges), so any other value is damage.
fn read_head(reader: &mut Reader) -> Result<Head, IndexError> {
    let dim = reader.u32()? as usize;
    let params_offset = reader.offset;
    let params = HnswParams {
        m: reader.u32()? as usize,
        ef_construction: reader.u32()? as usize,
        ef_search: reader.u32()? as usize,
        seed: reader.u64()?,
    };
    if !(2..=MAX_M).contains(&params.m) || params.sanitized() != params {
        return Err(corrupt(params_offset, "graph parameters out of range"));
    }
    let rows = reader.u32()? as usize;
    let entry_offset = reader.offset;
    let entry = match (rows, reader.u32()?) {
        (0, NO_ENTRY) => None,
        (rows, entry) if (entry as usize) < rows => Some(entry),
        _ => return Err(corrupt(entry_offset, "entry point out of range")),
    };
    Ok(Head {
        dim,
        params,
        rows,
        entry,
    })
}

fn write_rows(rows: &Rows, out: &mut Vec<u8>) {
    match rows {
        Rows::F32(values) => {
            out.push(STORAGE_F32);
            for value in values {
                out.extend_from_slice(&value.to_le_bytes());
            }
        }
        Rows::Int8 { codes, scales } => {
            out.push(STORAGE_INT8);
            for scale in scales {
                out.extend_from_slice(&scale.to_le_bytes());
            }
            out.extend(codes.as_slice().iter().map(|&code| code as u8));
        }
    }
}

/// The vectors of `rows` rows of `dim`, stored as the byte at `storage_offset` says.
fn read_rows(
    reader: &mut Reader,
    storage: u8,
    storage_offset: usize,
    rows: usize,
    dim: usize,
) -> Result<Rows, IndexError> {
    let values = rows
        .checked_mul(dim)
        .ok_or(corrupt(storage_offset, "rows x dim overflows"))?;
    match storage {
        STORAGE_F32 => Ok(Rows::F32(reader.f32s(Some(values))?)),
        STORAGE_INT8 => {
            let scales_offset = reader.offset;
            let scales = reader.f32s(Some(rows))?;
            if scales.iter().any(|s| !s.is_finite()) {
                return Err(corrupt(scales_offset, "non-finite row scale"));
            }
            let codes = reader.take(values)?;
            if codes.contains(&0x80) {
                return Err(corrupt(
                    reader.offset,
                    "int8 code -128 (codes are -127..=127)",
                ));
            }
            Ok(Rows::Int8 {
                codes: Codes::from_bytes(codes),
                scales,
            })
        }
        _ => Err(corrupt(storage_offset, "unknown vector storage")),
    }
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

    fn u8(&mut self) -> Result<u8, IndexError> {
        self.array().map(|[byte]| byte)
    }

    fn u32(&mut self) -> Result<u32, IndexError> {
        self.array().map(u32::from_le_bytes)
    }

    fn u64(&mut self) -> Result<u64, IndexError> {
        self.array().map(u64::from_le_bytes)
    }

    /// An unsigned LEB128 varint of at most 5 bytes that fits a `u32`. A plain indexed loop:
    /// the size-optimised wasm build makes an iterator adapter's `next` a call per byte.
    #[inline(always)]
    fn varint(&mut self) -> Result<u32, IndexError> {
        let start = self.offset - self.base;
        // Counts and the gaps between a list's ids are one to three bytes: read those without
        // the loop (a million nodes' lists are tens of millions of values).
        let (value, len) = match self.bytes.get(start..) {
            Some(&[a, ..]) if a < 0x80 => (u32::from(a), 1),
            Some(&[a, b, ..]) if b < 0x80 => (u32::from(a & 0x7f) | u32::from(b) << 7, 2),
            Some(&[a, b, c, ..]) if c < 0x80 => (
                u32::from(a & 0x7f) | u32::from(b & 0x7f) << 7 | u32::from(c) << 14,
                3,
            ),
            _ => (0, 0),
        };
        if len > 0 {
            self.offset += len;
            return Ok(value);
        }
        let mut value = 0u64;
        let mut at = 0;
        while at < 5 && start + at < self.bytes.len() {
            let byte = self.bytes[start + at];
            value |= u64::from(byte & 0x7f) << (7 * at);
            if byte & 0x80 == 0 {
                let value = u32::try_from(value)
                    .map_err(|_| corrupt(self.offset, "varint above u32::MAX"))?;
                self.offset += at + 1;
                return Ok(value);
            }
            at += 1;
        }
        if self.remaining() < 5 {
            return Err(IndexError::Truncated {
                offset: self.base + self.bytes.len(),
                needed: 1,
            });
        }
        Err(corrupt(self.offset, "varint longer than 5 bytes"))
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

/// Appends `value` as an unsigned LEB128 varint (1 to 5 bytes).
fn push_varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push(value as u8 | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// The checksum of a snapshot payload: xxHash32 with seed 0, fast in wasm and free of tables.
pub(crate) fn checksum(payload: &[u8]) -> u32 {
    xxhash_rust::xxh32::xxh32(payload, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_and_refuse_overlong_or_oversized_values() {
        let mut out = Vec::new();
        let values = [0, 1, 127, 128, 300, 16_383, 16_384, u32::MAX - 1, u32::MAX];
        for value in values {
            push_varint(&mut out, value);
        }
        let mut reader = Reader::new(&out, 10);
        for value in values {
            assert_eq!(reader.varint(), Ok(value));
        }
        assert!(matches!(
            reader.varint(),
            Err(IndexError::Truncated { offset, .. }) if offset == 10 + out.len()
        ));
        let too_big = [0xff, 0xff, 0xff, 0xff, 0x1f];
        assert!(matches!(
            Reader::new(&too_big, 0).varint(),
            Err(IndexError::Corrupt { offset: 0, .. })
        ));
        let too_long = [0x80, 0x80, 0x80, 0x80, 0x80, 0x00];
        assert!(matches!(
            Reader::new(&too_long, 0).varint(),
            Err(IndexError::Corrupt { offset: 0, .. })
        ));
        assert!(matches!(
            Reader::new(&[0x80, 0x80], 0).varint(),
            Err(IndexError::Truncated { .. })
        ));
    }
}
