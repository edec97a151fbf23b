//! The catalog's talents by slot, as records: a restored talent stays in its snapshot block,
//! compressed, until something reads it, then is decoded once and kept.
//!
//! A snapshot holds the records `BLOCK` to an LZ4 block, each block checksummed, and beside
//! them each slot's id and where its record ends in its block. A restore keeps the blocks as
//! they came, unread (the rows come with them): at a million talents they are a third of the
//! records' size, and a snapshot written again copies the unchanged blocks as they are.

use std::cell::OnceCell;
use std::collections::{BTreeSet, TryReserveError};
use std::hash::BuildHasher;
use std::ops::Range;

use hashbrown::hash_table::{Entry, HashTable};
use rustc_hash::FxBuildHasher;

use crate::checksum::checksum;
use crate::roster::{Gender, Talent, TalentRecord};

/// Records in a block. A search reads a few hundred talents once each (decompressing a block
/// a read: microseconds); larger blocks compress better.
pub(super) const BLOCK: usize = 32;
/// A block's header: its body's length and its body's checksum, both u32.
pub(super) const BLOCK_HEADER: usize = 8;
/// The dictionary every block is compressed against: records sampled across the roster.
/// Alone, a block of 32 records compressed to 166 bytes a talent; LZ4 looks back 64 KB at
/// most, and a block is read after the dictionary, so more would not be seen.
const DICTIONARY_BYTES: usize = 48 << 10;

/// Talents by slot: decoded ones, and compressed blocks of records not read yet.
#[derive(Default)]
pub(super) struct Records {
    /// What the blocks are compressed against (`DICTIONARY_BYTES`), as restored.
    dictionary: Vec<u8>,
    /// The restored slots' blocks as a snapshot holds them (header and body), back to back.
    blocks: Vec<u8>,
    /// Where each block starts in `blocks`.
    block_starts: Vec<usize>,
    /// Each restored slot's record end within its block's decompressed records.
    ends: Vec<u32>,
    /// The restored slots' ids, back to back, and where each ends: the slot table reads them
    /// on every lookup, without decompressing a block.
    ids: Vec<u8>,
    id_ends: Vec<u32>,
    /// Restored slots whose talent was replaced since: their blocks are written anew.
    replaced: BTreeSet<u32>,
    decoded: Vec<OnceCell<Box<Talent>>>,
}

impl Records {
    /// Room for `talents` restored records in `block_bytes` of blocks, so a restore grows no
    /// vector a million times over.
    /// A snapshot's header declares both: one that no memory holds is refused, not a panic.
    pub(super) fn with_capacity(
        talents: usize,
        block_bytes: usize,
    ) -> Result<Self, TryReserveError> {
        let mut records = Records::default();
        records.blocks.try_reserve_exact(block_bytes)?;
        records
            .block_starts
            .try_reserve_exact(talents.div_ceil(BLOCK))?;
        records.ends.try_reserve_exact(talents)?;
        records.id_ends.try_reserve_exact(talents)?;
        records.decoded.try_reserve_exact(talents)?;
        Ok(records)
    }

    /// Appends restored slots: their ids, and where each one's record ends in its block's
    /// records, decompressed. Their blocks follow (`push_block`).
    pub(super) fn push_slots<'i>(&mut self, ids: impl Iterator<Item = &'i str>, ends: &[u32]) {
        for id in ids {
            self.ids.extend_from_slice(id.as_bytes());
            self.id_ends.push(self.ids.len() as u32);
        }
        self.ends.extend_from_slice(ends);
        self.decoded
            .extend(std::iter::repeat_with(OnceCell::new).take(ends.len()));
    }

    /// Appends a restored block as the snapshot holds it (header and body, checksum checked).
    pub(super) fn push_block(&mut self, stored: &[u8]) {
        self.block_starts.push(self.blocks.len());
        self.blocks.extend_from_slice(stored);
    }

    pub(super) fn len(&self) -> usize {
        self.decoded.len()
    }

    /// The restored blocks' dictionary: a restore sets it before the first block.
    pub(super) fn set_dictionary(&mut self, dictionary: Vec<u8>) {
        self.dictionary = dictionary;
    }

    pub(super) fn dictionary(&self) -> &[u8] {
        &self.dictionary
    }

    pub(super) fn get(&self, slot: u32) -> &Talent {
        self.decoded[slot as usize].get_or_init(|| Box::new(self.decode(slot as usize)))
    }

    /// The id of the talent in `slot`.
    pub(super) fn id(&self, slot: u32) -> &str {
        match self.decoded[slot as usize].get() {
            Some(t) => &t.id,
            None => self.stored_id(slot as usize),
        }
    }

    /// A restored slot's id as its record had it ("" for a slot added since).
    fn stored_id(&self, slot: usize) -> &str {
        let Some(&end) = self.id_ends.get(slot) else {
            return "";
        };
        let start = slot.checked_sub(1).map_or(0, |s| self.id_ends[s]);
        // Each id went in as a whole `str`, so its bytes are one.
        std::str::from_utf8(&self.ids[start as usize..end as usize]).unwrap_or_default()
    }

    pub(super) fn iter(&self) -> impl ExactSizeIterator<Item = &Talent> {
        (0..self.len() as u32).map(|slot| self.get(slot))
    }

    pub(super) fn push(&mut self, t: Talent) {
        self.decoded.push(OnceCell::from(Box::new(t)));
    }

    pub(super) fn set(&mut self, slot: u32, t: Talent) {
        if (slot as usize) < self.ends.len() {
            self.replaced.insert(slot);
        }
        self.decoded[slot as usize] = OnceCell::from(Box::new(t));
    }

    /// The records in slot order as a snapshot holds them: the dictionary, then the blocks:
    /// those nothing changed copied as they are, the others (a replaced or added talent)
    /// packed anew against the same dictionary. Where each slot's record ends in its block.
    pub(super) fn write(&self, out: &mut Vec<u8>) -> Vec<u32> {
        let sampled;
        let dictionary = match self.dictionary.is_empty() {
            true => {
                sampled = sample(self.len(), |slot| self.record_bytes(slot));
                &sampled
            }
            false => &self.dictionary,
        };
        write_block(dictionary, &[], out);
        let mut records = Vec::new();
        let mut ends = Vec::with_capacity(self.len());
        for (block, slots) in self.block_ranges().enumerate() {
            if let Some(stored) = self.unchanged_block(block, &slots) {
                out.extend_from_slice(stored);
                ends.extend_from_slice(&self.ends[slots]);
                continue;
            }
            records.clear();
            for slot in slots {
                records.extend(self.record_bytes(slot));
                ends.push(records.len() as u32);
            }
            write_block(&records, dictionary, out);
        }
        ends
    }

    /// A slot's record as a snapshot holds it: as restored unless decoded.
    fn record_bytes(&self, slot: usize) -> Vec<u8> {
        match self.decoded[slot].get() {
            // Encoding into a Vec fails only for types postcard cannot write; a talent it
            // could not would leave a block the restore refuses, never a wrong one.
            Some(t) => postcard::to_stdvec(&**t).unwrap_or_default(),
            None => self.record(slot).unwrap_or_default(),
        }
    }

    /// Every block's slots, `BLOCK` at a time.
    fn block_ranges(&self) -> impl Iterator<Item = Range<usize>> {
        let len = self.len();
        (0..len.div_ceil(BLOCK)).map(move |b| b * BLOCK..len.min((b + 1) * BLOCK))
    }

    /// Block `block` as restored, when it still holds exactly `slots`, none replaced.
    fn unchanged_block(&self, block: usize, slots: &Range<usize>) -> Option<&[u8]> {
        let whole = slots.end <= self.ends.len();
        let replaced = self
            .replaced
            .range(slots.start as u32..slots.end as u32)
            .next();
        (whole && replaced.is_none()).then(|| self.stored_block(block))?
    }

    fn stored_block(&self, block: usize) -> Option<&[u8]> {
        let start = *self.block_starts.get(block)?;
        let end = self
            .block_starts
            .get(block + 1)
            .copied()
            .unwrap_or(self.blocks.len());
        self.blocks.get(start..end)
    }

    /// A restored slot's record bytes, its block decompressed (none for a slot added since).
    fn record(&self, slot: usize) -> Option<Vec<u8>> {
        let end = *self.ends.get(slot)? as usize;
        let start = match slot % BLOCK {
            0 => 0,
            _ => self.ends[slot - 1] as usize,
        };
        // Its checksum was checked when restored; the decompressor is the restore's.
        let mut records = Vec::new();
        let body = self.stored_block(slot / BLOCK)?.get(BLOCK_HEADER..)?;
        decompress(body, &self.dictionary, &mut records).ok()?;
        records.truncate(end);
        Some(records.split_off(start.min(end)))
    }

    /// A restored record. Every one was read when restored, so this decodes; were it not so,
    /// the slot would show as an unreadable record rather than panic.
    fn decode(&self, slot: usize) -> Talent {
        match self.record(slot).as_deref().map(read_record) {
            Some(Ok((record, _))) => record.into(),
            // The id as restored, so the slot table still finds the slot.
            _ => Talent::new(
                self.stored_id(slot),
                "(unreadable record)",
                Gender::Nonbinary,
                0,
                0,
                "",
                vec![],
                vec![],
            ),
        }
    }
}

/// Records of `len` slots (`record` of each) sampled evenly into a dictionary, the last
/// sampled nearest the blocks (LZ4 finds near matches cheaper).
pub(super) fn sample(len: usize, record: impl Fn(usize) -> Vec<u8>) -> Vec<u8> {
    let mut dictionary = Vec::with_capacity(DICTIONARY_BYTES);
    // Spread over the roster: a talent's record is a few hundred bytes.
    let step = (len / (DICTIONARY_BYTES / 256)).max(1);
    for slot in (0..len).step_by(step) {
        let r = record(slot);
        if dictionary.len() + r.len() > DICTIONARY_BYTES {
            break;
        }
        dictionary.extend_from_slice(&r);
    }
    dictionary
}

/// The records of a block as a snapshot holds it (header and body): its body checked against
/// its checksum and decompressed into `scratch` (kept for the next block: a restore
/// decompresses a million talents' records, and zeroing fresh memory for each block cost more
/// than the rest of the allocation). LZ4 expands at most 255-fold, so a larger declared size
/// is damage, refused before anything is allocated for it.
pub(super) fn open_block<'s>(
    stored: &[u8],
    dictionary: &[u8],
    scratch: &'s mut Vec<u8>,
) -> Result<&'s [u8], String> {
    decompress(checked_body(stored)?, dictionary, scratch)
}

/// A block's body (LZ4, its decompressed size first) decompressed into `scratch`.
fn decompress<'s>(
    body: &[u8],
    dictionary: &[u8],
    scratch: &'s mut Vec<u8>,
) -> Result<&'s [u8], String> {
    let Some(size) = body.get(..4).and_then(|b| b.try_into().ok()) else {
        return Err("cut short".into());
    };
    let size = u32::from_le_bytes(size) as usize;
    if size > body.len().saturating_mul(255) {
        return Err(format!(
            "declares {size} bytes, more than its body can hold"
        ));
    }
    if scratch.len() < size {
        scratch.resize(size, 0);
    }
    let out = &mut scratch[..size];
    match lz4_flex::block::decompress_into_with_dict(&body[4..], out, dictionary) {
        Ok(n) if n == size => Ok(&scratch[..size]),
        Ok(n) => Err(format!("{n} bytes where it declares {size}")),
        // Which LZ4 rule the body breaks helps nobody; its texts cost the chat module 300 B.
        Err(_) => Err("not LZ4 the decoder reads".into()),
    }
}

/// The body of a block as a snapshot holds it (header and body), checked against its checksum.
pub(super) fn checked_body(stored: &[u8]) -> Result<&[u8], String> {
    let sum = stored.get(4..BLOCK_HEADER).and_then(|b| b.try_into().ok());
    let body = &stored[BLOCK_HEADER.min(stored.len())..];
    match sum.map(u32::from_le_bytes) == Some(checksum(body)) {
        true => Ok(body),
        false => Err("checksum mismatch: damaged".into()),
    }
}

/// Writes `records` (a block's, back to back) as a block: body length, checksum, body (LZ4,
/// decompressed size first).
pub(super) fn write_block(records: &[u8], dictionary: &[u8], out: &mut Vec<u8>) {
    let body = lz4_flex::block::compress_prepend_size_with_dict(records, dictionary);
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&checksum(&body).to_le_bytes());
    out.extend_from_slice(&body);
}

/// The live talents' slots by id. The ids are not copied: they stay in the records.
#[derive(Default)]
pub(super) struct Slots(HashTable<u32>);

pub(super) fn hash(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

impl Slots {
    pub(super) fn get(&self, id: &str, records: &Records) -> Option<u32> {
        self.0.find(hash(id), |&s| records.id(s) == id).copied()
    }

    /// Enters `slot` under its talent's id; `false`, entering nothing, when that id is live.
    pub(super) fn enter(&mut self, slot: u32, records: &Records) -> bool {
        self.enter_hashed(slot, hash(records.id(slot)), records)
    }

    /// `enter`, the id's hash known (`id_hash`): a restore hashes each id as it reads the
    /// record, and reading it again from the packed bytes cost as much as the rest of the entry.
    pub(super) fn enter_hashed(&mut self, slot: u32, id_hash: u64, records: &Records) -> bool {
        let same = |&s: &u32| records.id(s) == records.id(slot);
        match self.0.entry(id_hash, same, |&s| hash(records.id(s))) {
            Entry::Occupied(_) => false,
            Entry::Vacant(place) => {
                place.insert(slot);
                true
            }
        }
    }

    /// Room for `more` ids: growing the table rehashes every id, read again from its record.
    pub(super) fn reserve(&mut self, more: usize, records: &Records) {
        self.0.reserve(more, |&s| hash(records.id(s)));
    }

    pub(super) fn remove(&mut self, id: &str, records: &Records) -> Option<u32> {
        let entry = self.0.find_entry(hash(id), |&s| records.id(s) == id).ok()?;
        Some(entry.remove().0)
    }

    pub(super) fn len(&self) -> usize {
        self.0.len()
    }

    pub(super) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Reads `count` records back to back in place, from slot `first`: each one's end within
/// `bytes` and its fields (for the filter columns and the id), handed to `each` in slot order.
/// The bytes after them.
pub(super) fn read_records<'a>(
    bytes: &'a [u8],
    count: usize,
    first: usize,
    mut each: impl FnMut(u32, TalentRecord<'a>),
) -> Result<&'a [u8], String> {
    let mut rest = bytes;
    for slot in first..first + count {
        let at = bytes.len() - rest.len();
        let (record, after) =
            read_record(rest).map_err(|e| format!("talent slot {slot} at byte {at}: {e}"))?;
        let end = u32::try_from(bytes.len() - after.len())
            .map_err(|_| format!("talent slot {slot} lies past 4 GiB"))?;
        each(end, record);
        rest = after;
    }
    Ok(rest)
}

/// One record and the bytes after it. Not inlined: the decoder of a record's 25 fields is
/// the largest part of a restore's code, and the chat module's size is budgeted.
#[inline(never)]
fn read_record(bytes: &[u8]) -> postcard::Result<(TalentRecord<'_>, &[u8])> {
    postcard::take_from_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::columns::RowFields;
    use crate::catalog::Catalog;
    use crate::date::Date;
    use crate::roster::{synthetic, Credit, CreditKind, ExtraColumn};

    /// A talent with every field set, none at its default.
    fn everything() -> Talent {
        let mut t = Talent::new(
            "T-1",
            "Asha Rao",
            Gender::Female,
            31,
            162,
            "pune",
            vec!["marathi".into(), "hindi".into()],
            vec!["kathak".into(), "theatre".into()],
        );
        t.experience_years = 9;
        t.credits = vec![Credit {
            kind: CreditKind::Theatre,
            title: "Ghashiram Kotwal".into(),
            year: 2019,
        }];
        t.bio = "Trained at the NSD; twelve years on the Marathi stage.".into();
        t.day_rate_inr = Some(45_000);
        t.availability = Some("from March".into());
        t.available_from = Date::parse_iso("2027-03-01");
        t.available_to = Date::parse_iso("2027-05-31");
        t.playing_age_min = Some(26);
        t.playing_age_max = Some(34);
        t.photo_url = Some("https://example.com/a.jpg".into());
        t.showreel_url = Some("https://example.com/reel".into());
        t.phone = Some("+91 98200 00000".into());
        t.email = Some("asha@example.com".into());
        t.agent = Some("Kwan".into());
        t.instagram = Some("@asha".into());
        t.extra = vec![ExtraColumn {
            column: "Favourite colour".into(),
            value: "ochre".into(),
        }];
        t.look = vec!["girl next door".into()];
        t
    }

    #[test]
    fn a_talent_reads_as_its_record_to_the_last_byte_with_the_same_row() {
        let t = everything();
        let bytes = postcard::to_stdvec(&t).unwrap();
        let (record, rest) = read_record(&bytes).unwrap();
        assert!(rest.is_empty(), "{} bytes left unread", rest.len());
        assert_eq!(Talent::from(record.clone()), t);
        assert_eq!(record.0 .0, "T-1");
        assert_eq!(&**record.1 .8[0], b"girl next door");
        let mut catalog = Catalog::new(Vec::new()).unwrap();
        let from_talent = catalog.row_of(RowFields::of_talent(&t));
        let from_record = catalog.row_of(RowFields::of_record(&record));
        assert_eq!(from_talent, from_record);
        assert!(from_record.theatre_background);
        assert_eq!(from_record.plays, (26, 34));
    }

    #[test]
    fn a_restored_talent_is_decoded_when_read_and_equals_what_was_written() {
        let mut talents = synthetic(30, 8);
        talents[4] = everything();
        let catalog = Catalog::new(talents.clone()).unwrap();
        let restored = Catalog::from_bytes(&catalog.to_bytes()).unwrap();
        assert!(restored.talents.decoded.iter().all(|c| c.get().is_none()));
        assert_eq!(restored.talent_at(4), &talents[4]);
        let decoded = restored
            .talents
            .decoded
            .iter()
            .filter(|c| c.get().is_some());
        assert_eq!(decoded.count(), 1, "reading one talent decodes that one");
        assert_eq!(restored.to_bytes(), catalog.to_bytes());
        let decoded = restored
            .talents
            .decoded
            .iter()
            .filter(|c| c.get().is_some());
        assert_eq!(
            decoded.count(),
            1,
            "writing a snapshot decodes nothing more"
        );
        assert!(restored.talents().eq(talents.iter()));
        assert_eq!(restored.rows, catalog.rows);
    }
}
