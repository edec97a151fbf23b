//! The memory snapshot: the whole `Session` as one versioned, checksummed byte string, and
//! its careful reading, which refuses damage with the byte offset and never panics.
//!
//! Layout (little endian): magic `CMMEMRY\0` (8 bytes) | version u32 | payload length u64 |
//! checksum of the payload u32 | payload (postcard). Version 4 checksums with xxHash32 and ends
//! with the directors' workbooks (candidates: details as last shown, notes, tags; auditions).
//! Versions 3 (withdrawals and undos in the log), 2 (xxHash32, neither) and 1 (CRC-32) are still
//! read: each is a version 4 payload without the workbooks, so one empty-map byte (postcard's
//! length 0) appended makes it one. Reading the old shapes with types of their own would cost
//! the chat module 10 KB gzipped.

use super::{MemoryError, Session};
use crate::checksum::{checksum, crc32};

pub const SNAPSHOT_MAGIC: &[u8; 8] = b"CMMEMRY\0";
pub const SNAPSHOT_VERSION: u32 = 4;
/// The format before candidates and auditions, read but no longer written.
const BEFORE_CANDIDATES_VERSION: u32 = 3;
/// The format before withdrawals and undos were logged, read but no longer written.
const BEFORE_UNDO_VERSION: u32 = 2;
/// The CRC-32 format before version 2, read but no longer written.
const CRC32_VERSION: u32 = 1;
/// An empty workbook list in postcard: what a payload before version 4 lacks at its end.
const NO_WORKBOOKS: u8 = 0;
const VERSION_AT: usize = 8;
const LENGTH_AT: usize = 12;
const CHECKSUM_AT: usize = 20;
const PAYLOAD_AT: usize = 24;

fn refuse(offset: usize, reason: impl Into<String>) -> MemoryError {
    MemoryError::Snapshot {
        offset,
        reason: reason.into(),
    }
}

impl Session {
    /// The whole memory and the open role as versioned, checksummed bytes.
    pub fn snapshot(&self) -> Vec<u8> {
        // Serialising plain data into a Vec cannot fail; an empty payload would be refused on
        // restore rather than read as an empty memory.
        let payload = postcard::to_stdvec(self).unwrap_or_default();
        let mut out = Vec::with_capacity(PAYLOAD_AT + payload.len());
        out.extend_from_slice(SNAPSHOT_MAGIC);
        out.extend_from_slice(&SNAPSHOT_VERSION.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&checksum(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        out
    }

    /// A session from `snapshot()` bytes; damaged, truncated or future-version bytes are an
    /// error naming the byte offset.
    pub fn from_snapshot(bytes: &[u8]) -> Result<Session, MemoryError> {
        let (version, payload) = checked_payload(bytes)?;
        let upgraded;
        let payload = if version == SNAPSHOT_VERSION {
            payload
        } else {
            upgraded = [payload, &[NO_WORKBOOKS]].concat();
            &upgraded
        };
        let (session, rest): (Session, &[u8]) = postcard::take_from_bytes(payload)
            .map_err(|e| refuse(PAYLOAD_AT, format!("the payload does not decode ({e})")))?;
        if !rest.is_empty() {
            let at = PAYLOAD_AT + payload.len() - rest.len();
            return Err(refuse(
                at,
                format!("{} unexpected bytes after the memory", rest.len()),
            ));
        }
        session
            .validate()
            .map_err(|reason| refuse(PAYLOAD_AT, reason))?;
        Ok(session)
    }

    /// Replaces this session with the snapshot's, or leaves it untouched and says why not.
    pub fn restore(&mut self, bytes: &[u8]) -> Result<(), MemoryError> {
        *self = Session::from_snapshot(bytes)?;
        Ok(())
    }
}

/// The version and payload, after checking magic, version, length and checksum.
fn checked_payload(bytes: &[u8]) -> Result<(u32, &[u8]), MemoryError> {
    if bytes.len() < PAYLOAD_AT {
        let reason = format!(
            "{} bytes is shorter than the {PAYLOAD_AT}-byte header",
            bytes.len()
        );
        return Err(refuse(bytes.len(), reason));
    }
    if &bytes[..VERSION_AT] != SNAPSHOT_MAGIC {
        return Err(refuse(0, "not a CastMatch memory snapshot (bad magic)"));
    }
    let version = u32::from_le_bytes(field(bytes, VERSION_AT));
    let checksum_of = match version {
        SNAPSHOT_VERSION | BEFORE_CANDIDATES_VERSION | BEFORE_UNDO_VERSION => checksum,
        CRC32_VERSION => crc32,
        version => {
            let reason = format!(
                "version {version}; this build reads versions {CRC32_VERSION} to {SNAPSHOT_VERSION}"
            );
            return Err(refuse(VERSION_AT, reason));
        }
    };
    let length = u64::from_le_bytes(field(bytes, LENGTH_AT));
    let actual = (bytes.len() - PAYLOAD_AT) as u64;
    if length != actual {
        let reason = format!("the header promises {length} payload bytes, {actual} follow");
        return Err(refuse(LENGTH_AT, reason));
    }
    let payload = &bytes[PAYLOAD_AT..];
    if checksum_of(payload) != u32::from_le_bytes(field(bytes, CHECKSUM_AT)) {
        return Err(refuse(
            CHECKSUM_AT,
            "checksum mismatch: the snapshot is damaged",
        ));
    }
    Ok((version, payload))
}

/// `N` bytes at `at`; the caller has checked the header is long enough.
fn field<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    let mut out = [0u8; N];
    if let Some(src) = bytes.get(at..at + N) {
        out.copy_from_slice(src);
    }
    out
}
