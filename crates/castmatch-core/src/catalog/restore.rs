//! The streamed restore: a format 6 snapshot fed in pieces as they arrive (a download, a file
//! read in chunks), each part checked and taken in as soon as it is whole.
//!
//! The whole snapshot is never held: at a million talents that was 312 MB copied into wasm
//! memory, which never shrinks. Only the indexes are gathered whole before they are read.

use super::records::{checked_body, hash, open_block, Records, BLOCK, BLOCK_HEADER};
use super::snapshot::{read_tail, Columns, Tail, HEADER_LEN, SNAPSHOT_MAGIC, SNAPSHOT_VERSION};
use super::{Catalog, CatalogError};
use crate::checksum::checksum;
use crate::features::DIM;
use castmatch_index::{Hnsw, HnswParams};

/// An index snapshot's header: magic, version, payload length u64, checksum.
const INDEX_HEADER: usize = 8 + 4 + 8 + 4;

/// The part of a snapshot being gathered, in the order they come.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Header,
    Columns,
    Dictionary,
    Block,
    Tail,
    Index,
    Units,
    Done,
}

impl Part {
    fn name(self) -> &'static str {
        match self {
            Part::Header => "header",
            Part::Columns => "columns",
            Part::Dictionary => "records' dictionary",
            Part::Block => "record block",
            Part::Tail => "live flags and meaning layer",
            Part::Index => "structured index",
            Part::Units => "unit index",
            Part::Done => "end",
        }
    }
}

/// A catalog restored from pieces: `push` each as it arrives, then `finish`. An error is final:
/// the pieces after it are refused with it, and nothing is returned.
pub struct Restorer {
    part: Part,
    /// The part being gathered, and how many bytes it needs: first its header's, then, once
    /// the header is in, the whole part's.
    bytes: Vec<u8>,
    want: usize,
    /// Bytes taken in so far.
    at: u64,
    /// From the header: the talents, where the record blocks end, the snapshot's length.
    talents: usize,
    blocks_end: u64,
    /// Blocks of records taken in.
    blocks: usize,
    total: u64,
    catalog: Catalog,
    id_hashes: Vec<u64>,
    tail: Option<Tail>,
    index: Option<Hnsw>,
    units: Option<Hnsw>,
    /// Where the framed parts read here (columns, dictionary, tail) are decompressed.
    scratch: Vec<u8>,
    failed: Option<String>,
}

impl Default for Restorer {
    fn default() -> Self {
        Restorer::new()
    }
}

impl Restorer {
    /// A restorer waiting for a snapshot's first bytes.
    pub fn new() -> Self {
        Restorer {
            part: Part::Header,
            bytes: Vec::with_capacity(HEADER_LEN),
            want: HEADER_LEN,
            at: 0,
            talents: 0,
            blocks_end: 0,
            blocks: 0,
            total: 0,
            // The indexes come last: the catalog takes the rows and records first.
            catalog: Catalog::empty(Hnsw::new(DIM, HnswParams::default())),
            id_hashes: Vec::new(),
            tail: None,
            index: None,
            units: None,
            scratch: Vec::new(),
            failed: None,
        }
    }

    /// Bytes taken in so far.
    pub fn received(&self) -> u64 {
        self.at
    }

    /// Takes in the next piece of the snapshot.
    pub fn push(&mut self, mut piece: &[u8]) -> Result<(), CatalogError> {
        if let Some(e) = &self.failed {
            return Err(CatalogError::Snapshot(e.clone()));
        }
        while !piece.is_empty() {
            if self.part == Part::Done {
                let e = format!("{} bytes after the end at byte {}", piece.len(), self.at);
                return Err(self.fail(Part::Done, self.at, e));
            }
            let (part, start) = (self.part, self.at);
            match self.block_in_place(piece) {
                Ok(Some(rest)) => {
                    piece = rest;
                    continue;
                }
                Ok(None) => {}
                Err(e) => return Err(self.fail(part, start, e)),
            }
            let take = (self.want - self.bytes.len()).min(piece.len());
            self.bytes.extend_from_slice(&piece[..take]);
            self.at += take as u64;
            piece = &piece[take..];
            while self.bytes.len() == self.want && self.part != Part::Done {
                let (part, start) = (self.part, self.part_at());
                if let Err(e) = self.step() {
                    return Err(self.fail(part, start, e));
                }
            }
        }
        Ok(())
    }

    /// A block lying whole at the start of `piece` is read where it lies, not gathered (a
    /// piece of a few MB holds a thousand): the bytes after it, or `None` to gather.
    fn block_in_place<'p>(&mut self, piece: &'p [u8]) -> Result<Option<&'p [u8]>, String> {
        if self.part != Part::Block || !self.bytes.is_empty() || piece.len() < BLOCK_HEADER {
            return Ok(None);
        }
        let len = self.part_len(&piece[..BLOCK_HEADER], self.at)?;
        let Some((stored, rest)) = piece.split_at_checked(BLOCK_HEADER + len) else {
            return Ok(None);
        };
        self.at += stored.len() as u64;
        self.block(stored)?;
        self.after_block()?;
        Ok(Some(rest))
    }

    /// The catalog, once every part is in.
    pub fn finish(self) -> Result<Catalog, CatalogError> {
        if let Some(e) = self.failed {
            return Err(CatalogError::Snapshot(e));
        }
        let (Part::Done, Some(tail), Some(index)) = (self.part, self.tail, self.index) else {
            return Err(CatalogError::Snapshot(format!(
                "the snapshot ends at byte {}, inside its {}",
                self.at,
                self.part.name()
            )));
        };
        let mut catalog = self.catalog;
        catalog.index = index;
        catalog.finish(tail, &self.id_hashes, self.units)?;
        Ok(catalog)
    }

    /// The error `e` met in `part`, which starts at byte `start`: final.
    fn fail(&mut self, part: Part, start: u64, e: String) -> CatalogError {
        // What was gathered is of no use now: the largest parts go at once, the rest with the
        // restorer.
        (self.bytes, self.scratch, self.index) = (Vec::new(), Vec::new(), None);
        let e = match part {
            Part::Header | Part::Done => e,
            _ => format!("{} at byte {start}: {e}", part.name()),
        };
        self.failed = Some(e.clone());
        CatalogError::Snapshot(e)
    }

    /// Where the part being gathered starts.
    fn part_at(&self) -> u64 {
        self.at - self.bytes.len() as u64
    }

    /// The part being gathered has the bytes it asked for: its header, or the whole of it.
    fn step(&mut self) -> Result<(), String> {
        let header_only = self.bytes.len() == self.header_len();
        match self.part {
            Part::Header => self.header(),
            _ if header_only => self.want_more(),
            Part::Columns => self.columns(),
            Part::Dictionary => self.dictionary(),
            Part::Block => {
                let stored = std::mem::take(&mut self.bytes);
                let read = self.block(&stored);
                self.bytes = stored;
                read?;
                self.after_block()
            }
            Part::Tail => self.tail(),
            Part::Index | Part::Units => self.index(),
            Part::Done => Ok(()),
        }
    }

    fn header_len(&self) -> usize {
        match self.part {
            Part::Header => HEADER_LEN,
            Part::Columns | Part::Dictionary | Part::Block | Part::Tail => BLOCK_HEADER,
            Part::Index | Part::Units => INDEX_HEADER,
            Part::Done => 0,
        }
    }

    fn header(&mut self) -> Result<(), String> {
        let b = &self.bytes;
        if !b.starts_with(SNAPSHOT_MAGIC) {
            return Err("not a CastMatch catalog snapshot (bad magic at byte 0)".into());
        }
        let version = u32::from_le_bytes(word(b, 8));
        if version != SNAPSHOT_VERSION {
            return Err(format!(
                "version {version} at byte 8: this reads format {SNAPSHOT_VERSION}; \
                 `Roster.restore(bytes).snapshot()` rewrites format 5 as {SNAPSHOT_VERSION}"
            ));
        }
        if checksum(&b[8..HEADER_LEN - 4]) != u32::from_le_bytes(word(b, HEADER_LEN - 4)) {
            return Err("checksum mismatch in the header: the snapshot is damaged".into());
        }
        self.talents = u32::from_le_bytes(word(b, 12)) as usize;
        let blocks_len = u64::from_le_bytes(long(b, 16));
        self.total = u64::from_le_bytes(long(b, 24));
        self.blocks_end = HEADER_LEN as u64 + blocks_len;
        if self.blocks_end > self.total || blocks_len < BLOCK_HEADER as u64 {
            return Err(format!(
                "record blocks of {blocks_len} bytes for {} talents (bytes 12-24) in a snapshot \
                 of {} bytes",
                self.talents, self.total
            ));
        }
        let room = |_| format!("no memory for {} talents", self.talents);
        self.catalog.talents =
            Records::with_capacity(self.talents, blocks_len as usize).map_err(room)?;
        self.id_hashes
            .try_reserve_exact(self.talents)
            .map_err(room)?;
        self.next(Part::Columns);
        Ok(())
    }

    /// The terms, ids, record ends and rows: the records themselves need not be read.
    fn columns(&mut self) -> Result<(), String> {
        let Restorer {
            catalog,
            id_hashes,
            scratch,
            ..
        } = self;
        let columns = open_block(&self.bytes, &[], scratch)?;
        let columns = Columns::read(columns)?;
        for (what, n) in [
            ("ids", columns.ids.len()),
            ("record ends", columns.ends.len()),
            ("rows", columns.rows.len()),
        ] {
            if n != self.talents {
                return Err(format!("{n} {what} for {} talents", self.talents));
            }
        }
        catalog.restore_terms(&columns.terms)?;
        catalog.rows = columns.rows.into_owned();
        id_hashes.extend(columns.ids.iter().map(|id| hash(id)));
        catalog
            .talents
            .push_slots(columns.ids.into_iter(), &columns.ends);
        // Tens of MB at a million talents; a block needs a few KB.
        *scratch = Vec::new();
        self.next(Part::Dictionary);
        Ok(())
    }

    /// What the blocks are compressed against.
    fn dictionary(&mut self) -> Result<(), String> {
        let dictionary = open_block(&self.bytes, &[], &mut self.scratch)?;
        self.catalog.talents.set_dictionary(dictionary.to_vec());
        self.after_block()
    }

    /// The part's header is in: its length says how much more to gather.
    fn want_more(&mut self) -> Result<(), String> {
        let len = self.part_len(&self.bytes, self.part_at())?;
        self.want = self.header_len() + len;
        self.bytes
            .try_reserve_exact(self.want - self.bytes.len())
            .map_err(|_| "no memory for it".into())
    }

    /// The length after its header of the part whose header is `header`, starting at `start`:
    /// one that would run past the record blocks (for theirs) or the snapshot is damage.
    fn part_len(&self, header: &[u8], start: u64) -> Result<usize, String> {
        let (len, end, past) = match self.part {
            Part::Columns | Part::Dictionary | Part::Block => {
                let len = u32::from_le_bytes(word(header, 0)) as u64;
                (len, self.blocks_end, "the record blocks' end")
            }
            Part::Tail => (
                u32::from_le_bytes(word(header, 0)) as u64,
                self.total,
                "the end",
            ),
            _ => (u64::from_le_bytes(long(header, 12)), self.total, "the end"),
        };
        match len > 0 && start + self.header_len() as u64 + len <= end {
            true => Ok(len as usize),
            false => Err(format!("a length of {len} bytes, past {past}")),
        }
    }

    /// A whole block of records (`stored`): its checksum checked, kept as it came.
    fn block(&mut self, stored: &[u8]) -> Result<(), String> {
        checked_body(stored)?;
        self.catalog.talents.push_block(stored);
        self.blocks += 1;
        Ok(())
    }

    /// The next block, or the tail once every talent is in.
    fn after_block(&mut self) -> Result<(), String> {
        if self.blocks < self.talents.div_ceil(BLOCK) {
            self.next(Part::Block);
        } else if self.at != self.blocks_end {
            return Err(format!(
                "the record blocks end at byte {}, not at byte {} as the header says",
                self.at, self.blocks_end
            ));
        } else {
            self.next(Part::Tail);
        }
        Ok(())
    }

    /// The live flags and the meaning layer's units.
    fn tail(&mut self) -> Result<(), String> {
        let tail = open_block(&self.bytes, &[], &mut self.scratch)?;
        self.tail = Some(read_tail(tail)?);
        self.next(Part::Index);
        Ok(())
    }

    /// A whole index snapshot (which checks itself).
    fn index(&mut self) -> Result<(), String> {
        let index = Hnsw::from_bytes(&self.bytes).map_err(|e| e.to_string())?;
        let embedded = matches!(&self.tail, Some((_, Some(_))));
        if self.part == Part::Index {
            self.index = Some(index);
            self.next(if embedded { Part::Units } else { Part::Done });
        } else {
            self.units = Some(index);
            self.next(Part::Done);
        }
        if self.part == Part::Done && self.at != self.total {
            return Err(format!(
                "the snapshot ends at byte {}, not at byte {} as its header says",
                self.at, self.total
            ));
        }
        Ok(())
    }

    /// Gathers `part` next, starting with its header. A large part's bytes are let go (its
    /// capacity would stay held); a block's are kept for the next.
    fn next(&mut self, part: Part) {
        self.part = part;
        match part {
            Part::Block | Part::Tail => self.bytes.clear(),
            _ => self.bytes = Vec::new(),
        }
        self.want = self.header_len();
    }
}

/// The u32 at `at` (the callers have gathered the bytes it lies in).
fn word(b: &[u8], at: usize) -> [u8; 4] {
    b.get(at..at + 4)
        .and_then(|w| w.try_into().ok())
        .unwrap_or_default()
}

/// The u64 at `at` (the callers have gathered the bytes it lies in).
fn long(b: &[u8], at: usize) -> [u8; 8] {
    b.get(at..at + 8)
        .and_then(|w| w.try_into().ok())
        .unwrap_or_default()
}
