//! The catalog snapshot: roster and indexes as one versioned, checksummed byte string, and
//! the reader of the previous format (5).
//!
//! Format 6, little endian, in the order a streamed restore takes it in (`restore.rs`):
//! magic `CMCATLG\0` | version u32 | talents u32 | the records' length u64 | the whole
//! snapshot's length u64 | xxHash32 of the 24 bytes from the version on | the records: the
//! columns (`Columns`: terms, ids, record ends, rows), the blocks' dictionary and the blocks
//! (`records.rs`: `BLOCK` records each), each framed (length, checksum, LZ4 body) | the tail,
//! framed the same way: live flags and the meaning layer's units with its model's checksum
//! (postcard) | the structured index's snapshot, which checksums itself | the unit index's, when
//! profiles are embedded. Each part is checked once, as it arrives.
//!
//! The text model is not in the snapshot: it is attached after a restore (`set_model`), which
//! keeps the embedded profiles when the model is the one they were made with, and embeds them
//! again otherwise.

use std::borrow::Cow;

use serde::Serialize;

use super::columns::{Row, RowFields, Terms};
use super::records::{hash, read_records, sample, write_block, Records, BLOCK};
use super::restore::Restorer;
use super::semantic::{Semantic, Units};
use super::wire::Wire;
use super::{Catalog, CatalogError};
use crate::checksum::checksum;
use crate::features::DIM;
use crate::vocab::TermKind;
use castmatch_index::Hnsw;

pub const SNAPSHOT_MAGIC: &[u8; 8] = b"CMCATLG\0";
/// 5: the meaning layer stores each distinct unit text once, naming the talents that hold it,
/// and the roster part is LZ4-compressed. 6: the records in checksummed blocks of `BLOCK`,
/// kept compressed after a restore (a million talents' records: 307 MB decompressed, 113 MB
/// in blocks), the filter rows written out beside them (a restore reads no record), the parts
/// in the order a restore fed in pieces takes them in. Format 5 still
/// restores (`Catalog::from_bytes`); older snapshots are refused (a catalog is rebuilt from its
/// roster).
pub const SNAPSHOT_VERSION: u32 = 6;
/// The previous format, still read.
const PREVIOUS_VERSION: u32 = 5;
/// Magic, version, talents, blocks' length, whole length, checksum.
pub(super) const HEADER_LEN: usize = 8 + 4 + 4 + 8 + 8 + 4;

/// The meaning layer in the tail: its units and the checksum of the model that embedded them
/// (its vectors are the unit index).
#[derive(Serialize)]
pub(super) struct SemanticPart<'a> {
    pub(super) model_checksum: u32,
    pub(super) units: &'a Units,
}

/// What comes before the records: the interned terms in id order (cities, languages, skills),
/// each slot's id and where its record ends in its block, and its row. A restore takes the
/// rows as they are: reading a million records to make them was most of its time.
#[derive(Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub(super) struct Columns<'a> {
    #[serde(borrow)]
    pub(super) terms: [Vec<&'a str>; 3],
    #[serde(borrow)]
    pub(super) ids: Vec<&'a str>,
    pub(super) ends: Vec<u32>,
    pub(super) rows: Cow<'a, [Row]>,
}

impl<'a> Columns<'a> {
    /// The columns from their postcard bytes: the terms through serde, the rest a value a
    /// talent, by hand (`wire.rs`).
    pub(super) fn read(bytes: &'a [u8]) -> Result<Self, String> {
        let (terms, rest) = postcard::take_from_bytes(bytes).map_err(|e| e.to_string())?;
        let mut wire = Wire::new(bytes, bytes.len() - rest.len());
        let ids = wire.seq(Wire::str)?;
        let ends = wire.seq(Wire::u32)?;
        let rows = wire.seq(Row::read)?;
        wire.end()?;
        Ok(Columns {
            terms,
            ids,
            ends,
            rows: Cow::Owned(rows),
        })
    }
}

/// What follows the records: the live flags, and the meaning layer's units with the checksum
/// of the model that embedded them.
pub(super) type Tail = (Vec<bool>, Option<(u32, Units)>);

/// The tail from its postcard bytes (formats 5 and 6), by hand (`wire.rs`): a live flag a
/// slot, then the meaning layer's model checksum and units when there is one.
pub(super) fn read_tail(bytes: &[u8]) -> Result<Tail, String> {
    let mut wire = Wire::new(bytes, 0);
    let live = wire.seq(Wire::bool)?;
    let semantic = match wire.bool()? {
        true => Some((wire.u32()?, Units::read(&mut wire)?)),
        false => None,
    };
    wire.end()?;
    Ok((live, semantic))
}

impl Catalog {
    /// The whole catalog (roster and indexes) as versioned, checksummed bytes (format 6).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut blocks = Vec::new();
        let ends = self.talents.write(&mut blocks);
        let slots = 0..self.talents.len() as u32;
        let columns = Columns {
            terms: [&self.cities, &self.languages, &self.skills].map(Terms::in_order),
            ids: slots.map(|slot| self.talents.id(slot)).collect(),
            ends,
            rows: Cow::Borrowed(&self.rows),
        };
        let mut records = Vec::new();
        write_block(
            &postcard::to_stdvec(&columns).unwrap_or_default(),
            &[],
            &mut records,
        );
        records.extend_from_slice(&blocks);
        let live: Vec<bool> = self.rows.iter().map(|r| r.live).collect();
        let semantic = self.semantic.as_ref().map(|s| SemanticPart {
            model_checksum: s.model_checksum,
            units: &s.units,
        });
        // postcard into a Vec fails only for types it cannot encode, which these are not (the
        // round-trip tests write every field); a tail cut short would be refused on restore.
        let mut tail = Vec::new();
        write_block(
            &postcard::to_stdvec(&(live, semantic)).unwrap_or_default(),
            &[],
            &mut tail,
        );
        let index = self.index.to_bytes();
        // No meaning layer, no unit index: the tail says there is none.
        let units = self.semantic.as_ref().map(|s| s.index.to_bytes());
        let units = units.unwrap_or_default();
        let total = HEADER_LEN + records.len() + tail.len() + index.len() + units.len();
        let mut out = Vec::with_capacity(total);
        out.extend_from_slice(SNAPSHOT_MAGIC);
        out.extend_from_slice(&SNAPSHOT_VERSION.to_le_bytes());
        out.extend_from_slice(&(self.talents.len() as u32).to_le_bytes());
        out.extend_from_slice(&(records.len() as u64).to_le_bytes());
        out.extend_from_slice(&(total as u64).to_le_bytes());
        let sum = checksum(&out[8..]);
        out.extend_from_slice(&sum.to_le_bytes());
        for part in [records, tail, index, units] {
            out.extend_from_slice(&part);
        }
        out
    }

    /// Restores a catalog from `to_bytes` of this build (format 6) or the previous one (5);
    /// damaged, older or future-version bytes are an error.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, CatalogError> {
        match bytes.get(8..12) {
            Some(v) if bytes.starts_with(SNAPSHOT_MAGIC) && v == PREVIOUS_VERSION.to_le_bytes() => {
                from_previous(bytes)
            }
            _ => {
                let mut restorer = Restorer::new();
                restorer.push(bytes)?;
                restorer.finish()
            }
        }
    }

    /// Interns a snapshot's terms (cities, languages, skills) in their order, so each gets the
    /// id its rows were made with, and learns them as a roster's terms.
    pub(super) fn restore_terms(&mut self, terms: &[Vec<&str>; 3]) -> Result<(), String> {
        let kinds = [TermKind::City, TermKind::Language, TermKind::Skill];
        let tables = [&mut self.cities, &mut self.languages, &mut self.skills];
        for ((kind, table), terms) in kinds.into_iter().zip(tables).zip(terms) {
            for &term in terms {
                if !table.intern(term).1 {
                    return Err(format!("the term {term:?} twice"));
                }
                self.vocabulary.learn(kind, term);
            }
        }
        Ok(())
    }

    /// Completes a restore whose rows and records are in: checks the parts agree, enters the
    /// live ids (a removed talent's id may come back in a later slot) and restores the meaning
    /// layer from its units (with its model's checksum) and their index.
    pub(super) fn finish(
        &mut self,
        (live, semantic): Tail,
        id_hashes: &[u64],
        units: Option<Hnsw>,
    ) -> Result<(), CatalogError> {
        check_parts(&self.talents, &live, &self.index)?;
        let live_count = live.iter().filter(|&&l| l).count();
        self.slots.reserve(live_count, &self.talents);
        for (slot, live) in live.into_iter().enumerate() {
            self.rows[slot].live = live;
            // One hash a record (`check_parts` counted them); were one missing, hash the id.
            let id_hash = id_hashes
                .get(slot)
                .copied()
                .unwrap_or_else(|| hash(self.talents.id(slot as u32)));
            if live && !self.slots.enter_hashed(slot as u32, id_hash, &self.talents) {
                return Err(CatalogError::Snapshot(format!(
                    "talent id {:?} appears twice",
                    self.talents.id(slot as u32)
                )));
            }
        }
        let slots = self.talents.len();
        self.semantic = match (semantic, units) {
            (Some((model_checksum, parts)), Some(units)) => {
                Some(Semantic::restore(model_checksum, parts, units, slots)?)
            }
            (None, None) => None,
            _ => {
                return Err(CatalogError::Snapshot(
                    "the unit index and its units disagree".into(),
                ))
            }
        };
        Ok(())
    }
}

/// A format 5 snapshot: magic | version | checksum u32 of the roster part | roster part
/// (length u64, LZ4 with its size first: talent count, records, live flags, meaning layer) |
/// index | unit index. Its records are packed into blocks as format 6 keeps them.
fn from_previous(bytes: &[u8]) -> Result<Catalog, CatalogError> {
    let bad = |m: String| CatalogError::Snapshot(m);
    let header = SNAPSHOT_MAGIC.len() + 8;
    let stored = bytes
        .get(12..16)
        .and_then(|b| b.try_into().ok())
        .map(u32::from_le_bytes)
        .ok_or_else(|| bad("truncated at byte 12: no checksum".into()))?;
    let payload = &bytes[header..];
    let (roster, index) = split_payload(payload).map_err(bad)?;
    if checksum(&payload[..8 + roster.len()]) != stored {
        return Err(bad("checksum mismatch: the snapshot is damaged".into()));
    }
    let (index, units) = split_indexes(index, header + 8 + roster.len()).map_err(bad)?;
    let index = Hnsw::from_bytes(index)?;
    let units = (!units.is_empty())
        .then(|| Hnsw::from_bytes(units))
        .transpose()?;
    let packed = decompress(roster).map_err(bad)?;
    let bad = |e: String| CatalogError::Snapshot(format!("roster: {e}"));
    let (count, records) =
        postcard::take_from_bytes::<u64>(&packed).map_err(|e| bad(format!("talent count: {e}")))?;
    let count = usize::try_from(count)
        .ok()
        .filter(|&c| c == index.ids_assigned())
        .ok_or_else(|| {
            bad(format!(
                "{count} talents for {} index rows",
                index.ids_assigned()
            ))
        })?;
    let mut catalog = Catalog::empty(index);
    catalog.rows.reserve_exact(count);
    let (mut ends, mut id_hashes, mut ids) = (Vec::new(), Vec::new(), Vec::new());
    let rest = read_records(records, count, 0, |end, record| {
        let row = catalog.row_of(RowFields::of_record(&record));
        catalog.push_row(row);
        ends.push(end);
        id_hashes.push(hash(record.0 .0));
        ids.push(record.0 .0);
    })
    .map_err(bad)?;
    catalog.talents = pack_blocks(records, &ends, &ids);
    let tail = read_tail(rest).map_err(bad)?;
    catalog.finish(tail, &id_hashes, units)?;
    Ok(catalog)
}

/// Records read back to back (`ends` within `records`) packed into blocks as format 6 keeps
/// them.
fn pack_blocks(records: &[u8], ends: &[u32], ids: &[&str]) -> Records {
    let mut packed = Records::default();
    let record = |slot: usize| {
        let start = slot.checked_sub(1).map_or(0, |s| ends[s] as usize);
        records[start..ends[slot] as usize].to_vec()
    };
    packed.set_dictionary(sample(ends.len(), record));
    // Each block's ends count from its first record.
    let block_start = |slot: usize| match slot - slot % BLOCK {
        0 => 0,
        first => ends[first - 1],
    };
    let relative: Vec<u32> = (0..ends.len()).map(|s| ends[s] - block_start(s)).collect();
    packed.push_slots(ids.iter().copied(), &relative);
    let mut block = Vec::new();
    for first in (0..ends.len()).step_by(BLOCK) {
        let last = (first + BLOCK).min(ends.len()) - 1;
        block.clear();
        let span = block_start(first) as usize..ends[last] as usize;
        write_block(&records[span], packed.dictionary(), &mut block);
        packed.push_block(&block);
    }
    packed
}

/// The roster part of format 5, decompressed. LZ4 expands at most 255-fold, so a larger size
/// than that is damage, refused before anything is allocated for it.
fn decompress(part: &[u8]) -> Result<Vec<u8>, String> {
    let declared = part
        .get(..4)
        .and_then(|b| b.try_into().ok())
        .map(u32::from_le_bytes)
        .ok_or("truncated at byte 24: no roster size")?;
    if declared as usize > part.len().saturating_mul(255) {
        return Err(format!("roster size {declared} at byte 24 cannot be right"));
    }
    lz4_flex::decompress_size_prepended(part).map_err(|e| format!("roster at byte 28: {e}"))
}

/// The roster and the structured index must describe the same slots: one index row per
/// talent, of the feature layout's width, live exactly where the talent is. Each part checksums
/// itself, so parts of two different catalogs spliced together pass every checksum: this is
/// what refuses them, in every build (ranking trusts slot = index id without looking again).
fn check_parts(talents: &Records, live: &[bool], index: &Hnsw) -> Result<(), CatalogError> {
    let n = talents.len();
    agree("talents and live flags", n, live.len())?;
    agree("talents and index rows", n, index.ids_assigned())?;
    agree("feature and index vector widths", DIM, index.dim())?;
    match (0..n).find(|&slot| index.is_live(slot as u32) != live[slot]) {
        Some(slot) => Err(CatalogError::LiveDisagree {
            id: talents.id(slot as u32).to_string(),
            slot,
        }),
        None => Ok(()),
    }
}

/// `Ok` when two parts of a snapshot count alike, else the error naming them.
pub(super) fn agree(what: &'static str, roster: usize, other: usize) -> Result<(), CatalogError> {
    match roster == other {
        true => Ok(()),
        false => Err(CatalogError::Disagree {
            what,
            roster,
            other,
        }),
    }
}

/// Splits the structured index's snapshot from the unit index's that may follow it, by the
/// payload length in its header; `at` is the index's byte offset, for messages.
fn split_indexes(bytes: &[u8], at: usize) -> Result<(&[u8], &[u8]), String> {
    const HEADER: usize = 8 + 4 + 8 + 4;
    let len = bytes
        .get(12..20)
        .and_then(|b| b.try_into().ok())
        .map(u64::from_le_bytes)
        .ok_or_else(|| format!("truncated at byte {at}: no index header"))?;
    let end = (HEADER as u64)
        .checked_add(len)
        .filter(|&e| e <= bytes.len() as u64)
        .ok_or_else(|| format!("index length {len} at byte {} runs past the end", at + 12))?;
    Ok(bytes.split_at(end as usize))
}

fn split_payload(payload: &[u8]) -> Result<(&[u8], &[u8]), String> {
    let len_bytes: [u8; 8] = payload
        .get(..8)
        .and_then(|b| b.try_into().ok())
        .ok_or("truncated at byte 16: no roster length")?;
    let len = u64::from_le_bytes(len_bytes);
    let end = 8u64
        .checked_add(len)
        .filter(|&e| e <= payload.len() as u64)
        .ok_or_else(|| {
            format!(
                "roster length {len} at byte 16 runs past the end ({} bytes)",
                payload.len()
            )
        })?;
    Ok((&payload[8..end as usize], &payload[end as usize..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::records::{open_block, BLOCK_HEADER};
    use crate::roster::synthetic;
    use ndarray::Array2;

    fn small() -> Catalog {
        let mut catalog = Catalog::new(synthetic(40, 3)).unwrap();
        let gone = catalog.talent_at(5).id.clone();
        catalog.remove(&gone).unwrap();
        catalog
    }

    #[test]
    fn restores_what_it_wrote() {
        let catalog = small();
        let bytes = catalog.to_bytes();
        let restored = Catalog::from_bytes(&bytes).unwrap();
        assert_eq!(restored.len(), catalog.len());
        assert_eq!(restored.to_bytes(), bytes);
    }

    fn u32_at(bytes: &[u8], at: usize) -> usize {
        u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize
    }

    /// Where the record blocks end (the tail starts) and where the structured index starts.
    fn tail_at(bytes: &[u8]) -> usize {
        HEADER_LEN + u64::from_le_bytes(bytes[16..24].try_into().unwrap()) as usize
    }

    fn index_at(bytes: &[u8]) -> usize {
        let tail = tail_at(bytes);
        tail + BLOCK_HEADER + u32_at(bytes, tail)
    }

    /// `bytes` with its header's lengths and checksum made right again after an edit.
    fn reheader(mut bytes: Vec<u8>, blocks_len: usize) -> Vec<u8> {
        let total = bytes.len() as u64;
        bytes[16..24].copy_from_slice(&(blocks_len as u64).to_le_bytes());
        bytes[24..32].copy_from_slice(&total.to_le_bytes());
        let sum = checksum(&bytes[8..32]);
        bytes[32..36].copy_from_slice(&sum.to_le_bytes());
        bytes
    }

    /// `bytes` with `index` in place of its own indexes: every part still checksums right.
    fn with_index(bytes: &[u8], index: &[u8]) -> Vec<u8> {
        let blocks = tail_at(bytes) - HEADER_LEN;
        reheader([&bytes[..index_at(bytes)], index].concat(), blocks)
    }

    fn refusal(bytes: &[u8]) -> String {
        match Catalog::from_bytes(bytes) {
            Ok(_) => panic!("a snapshot whose parts disagree was restored"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn an_index_from_another_catalog_is_refused_naming_what_disagrees() {
        let bytes = small().to_bytes();
        let bigger = Catalog::new(synthetic(41, 3)).unwrap().to_bytes();
        let e = refusal(&with_index(&bytes, &bigger[index_at(&bigger)..]));
        assert!(
            e.contains("talents and index rows disagree (40 and 41)"),
            "{e}"
        );

        // Same size, but talent 5 was removed from one and not the other.
        let whole = Catalog::new(synthetic(40, 3)).unwrap().to_bytes();
        let e = refusal(&with_index(&bytes, &whole[index_at(&whole)..]));
        assert!(
            e.contains("(slot 5) is live in the roster or the index, not both"),
            "{e}"
        );
    }

    #[test]
    fn an_index_of_another_width_is_refused() {
        let bytes = Catalog::new(synthetic(40, 3)).unwrap().to_bytes();
        let narrow = Array2::<f32>::zeros((40, DIM / 2));
        let index = Hnsw::build(narrow.view(), Default::default(), &mut |_, _| {});
        let e = refusal(&with_index(&bytes, &index.to_bytes()));
        assert!(e.contains("vector widths disagree (64 and 32)"), "{e}");
    }

    /// Where the columns, the dictionary and the first block of records start, and where
    /// the first block ends.
    fn parts(bytes: &[u8]) -> [usize; 4] {
        let after = |at: usize| at + BLOCK_HEADER + u32_at(bytes, at);
        let dictionary = after(HEADER_LEN);
        let block = after(dictionary);
        [HEADER_LEN, dictionary, block, after(block)]
    }

    /// `bytes` with the framed part from `start` to `end` replaced by one of `body`.
    fn with_part(bytes: &[u8], start: usize, end: usize, body: &[u8]) -> Vec<u8> {
        let mut out = bytes[..start].to_vec();
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        out.extend_from_slice(&checksum(body).to_le_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(&bytes[end..]);
        let records = tail_at(bytes) - HEADER_LEN + out.len() - bytes.len();
        reheader(out, records)
    }

    /// `bytes` with the records of its first block rewritten by `edit` (in place: each
    /// record keeps its length).
    fn with_first_records(bytes: &[u8], edit: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
        let [_, dictionary, start, end] = parts(bytes);
        let mut scratch = Vec::new();
        let dictionary = open_block(&bytes[dictionary..start], &[], &mut scratch)
            .unwrap()
            .to_vec();
        let mut records = open_block(&bytes[start..end], &dictionary, &mut scratch)
            .unwrap()
            .to_vec();
        edit(&mut records);
        let body = lz4_flex::block::compress_prepend_size_with_dict(&records, &dictionary);
        with_part(bytes, start, end, &body)
    }

    /// `bytes` with its columns rewritten by `edit`.
    fn with_columns(bytes: &[u8], edit: impl FnOnce(&mut Columns)) -> Vec<u8> {
        let [start, end, ..] = parts(bytes);
        let mut scratch = Vec::new();
        let raw = open_block(&bytes[start..end], &[], &mut scratch)
            .unwrap()
            .to_vec();
        let mut columns: Columns = postcard::from_bytes(&raw).unwrap();
        edit(&mut columns);
        let body = lz4_flex::compress_prepend_size(&postcard::to_stdvec(&columns).unwrap());
        with_part(bytes, start, end, &body)
    }

    #[test]
    fn a_damaged_block_under_a_right_checksum_restores_its_talents_as_unreadable_never_a_panic() {
        let catalog = small();
        let bytes = catalog.to_bytes();
        assert_eq!(
            Catalog::from_bytes(&with_first_records(&bytes, |_| {}))
                .unwrap()
                .to_bytes(),
            bytes
        );
        // A body declaring more than LZ4 can expand to; a record that is no talent.
        let [_, _, start, end] = parts(&bytes);
        let mut body = bytes[start + BLOCK_HEADER..end].to_vec();
        body[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        let oversized = with_part(&bytes, start, end, &body);
        let no_talent = with_first_records(&bytes, |records| {
            // Slot 0 starts the block; its gender follows id and name.
            let (_, after) = postcard::take_from_bytes::<(&str, &str)>(records).unwrap();
            let gender = records.len() - after.len();
            records[gender] = 9;
        });
        for damaged in [oversized, no_talent] {
            let restored = Catalog::from_bytes(&damaged).unwrap();
            let first = &catalog.talent_at(0).id;
            let t = restored.get(first).unwrap();
            assert_eq!((&t.id, t.name.as_str()), (first, "(unreadable record)"));
            // The rows came from the columns: the filters still see the talent as it was.
            assert_eq!(restored.rows, catalog.rows);
        }
    }

    #[test]
    fn columns_that_disagree_with_the_header_or_repeat_a_term_are_refused() {
        let bytes = small().to_bytes();
        let e = refusal(&with_columns(&bytes, |c| c.rows.to_mut().truncate(39)));
        assert!(
            e.contains("columns at byte 36: 39 rows for 40 talents"),
            "{e}"
        );
        let e = refusal(&with_columns(&bytes, |c| {
            let city = c.terms[0][0];
            c.terms[0].push(city);
        }));
        assert!(e.contains("twice"), "{e}");
    }

    #[test]
    fn text_that_is_not_utf8_restores_as_empty_text_not_a_refusal() {
        let catalog = small();
        let first = catalog.talent_at(0).clone();
        let bytes = with_first_records(&catalog.to_bytes(), |records| {
            let at = records
                .windows(first.name.len())
                .position(|w| w == first.name.as_bytes())
                .unwrap();
            records[at] = 0xFF;
        });
        let restored = Catalog::from_bytes(&bytes).unwrap();
        let t = restored.get(&first.id).unwrap();
        assert_eq!(t.id, first.id);
        assert_eq!(t.name, "", "the name that is not UTF-8 reads as empty");
        assert_eq!(t.age, first.age, "the rest of the record reads");
        assert_eq!(
            restored.get(&catalog.talent_at(1).id),
            Some(catalog.talent_at(1))
        );
    }

    #[test]
    fn two_live_talents_of_one_id_are_refused_and_a_removed_id_may_come_back() {
        let mut catalog = small();
        let (first, second) = (catalog.talent_at(0).clone(), catalog.talent_at(1).clone());
        assert_eq!(first.id.len(), second.id.len());
        let bytes = catalog.to_bytes();
        let e = refusal(&with_columns(&bytes, |columns| {
            columns.ids[1] = columns.ids[0]
        }));
        assert!(
            e.contains(&format!("talent id {:?} appears twice", first.id)),
            "{e}"
        );

        catalog.remove(&first.id).unwrap();
        catalog.add(first.clone()).unwrap();
        let restored = Catalog::from_bytes(&catalog.to_bytes()).unwrap();
        assert_eq!(restored.slot_of(&first.id), Some(40));
        assert_eq!(restored.get(&second.id), Some(&second));
        assert_eq!(restored.len(), catalog.len());
    }

    #[test]
    fn every_flipped_byte_and_every_truncation_is_refused() {
        let bytes = small().to_bytes();
        for at in 0..bytes.len() {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x10;
            assert!(Catalog::from_bytes(&damaged).is_err(), "flip at byte {at}");
        }
        for len in (0..bytes.len()).step_by(97) {
            assert!(Catalog::from_bytes(&bytes[..len]).is_err(), "cut at {len}");
        }
    }

    /// The pieces of `bytes`, `size` bytes each, fed to a restorer.
    fn in_pieces(bytes: &[u8], size: usize) -> Result<Catalog, CatalogError> {
        let mut restorer = Restorer::new();
        for piece in bytes.chunks(size) {
            restorer.push(piece)?;
        }
        restorer.finish()
    }

    #[test]
    fn pieces_of_any_size_restore_what_the_whole_does() {
        // Past one block, with a replaced talent, so blocks are both copied and written anew.
        let mut catalog = Catalog::new(synthetic(3 * BLOCK + 5, 9)).unwrap();
        let mut changed = catalog.talent_at(BLOCK as u32 + 2).clone();
        changed.bio = "Now a stand-up comic.".into();
        catalog.update(changed.clone()).unwrap();
        let bytes = catalog.to_bytes();
        for size in [1, 7, 36, 1000, bytes.len()] {
            let restored = in_pieces(&bytes, size).unwrap();
            assert_eq!(restored.to_bytes(), bytes, "pieces of {size}");
            assert_eq!(restored.get(&changed.id), Some(&changed));
        }
    }

    #[test]
    fn a_stream_cut_short_or_running_on_names_where() {
        let bytes = small().to_bytes();
        let index = index_at(&bytes);
        let e = in_pieces(&bytes[..index + 100], 64)
            .err()
            .unwrap()
            .to_string();
        assert!(
            e.contains(&format!(
                "ends at byte {}, inside its structured index",
                index + 100
            )),
            "{e}"
        );
        let longer = [&bytes[..], b"more"].concat();
        let e = in_pieces(&longer, 4096).err().unwrap().to_string();
        assert!(
            e.contains(&format!("4 bytes after the end at byte {}", bytes.len())),
            "{e}"
        );
        // After an error, every piece is refused with it.
        let mut restorer = Restorer::new();
        assert!(restorer.push(b"CMCATLG\0\x07").is_ok());
        assert!(restorer.push(&[0; 40]).is_err());
        let e = restorer.push(&bytes).err().unwrap().to_string();
        assert!(e.contains("version 7 at byte 8"), "{e}");
    }
}
