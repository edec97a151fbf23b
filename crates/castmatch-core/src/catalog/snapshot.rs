//! The catalog snapshot: roster and indexes as one versioned, checksummed byte string.
//!
//! Layout (little endian): magic `CMCATLG\0` | version u32 | checksum u32 of the roster part |
//! roster part: length u64, roster (postcard, with the meaning layer's units, archetypes and
//! model checksum; LZ4-compressed from format 5, size prepended) | index snapshot, which checksums itself | the unit index's snapshot, when
//! profiles are embedded. Each byte is checked once: at 100k talents the indexes are tens of
//! MB, and a second pass over them cost the page's restore tens of milliseconds.
//!
//! The text model is not in the snapshot: it is attached after a restore (`set_model`), which
//! keeps the embedded profiles when the model is the one they were made with, and embeds them
//! again otherwise.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::columns::RowFields;
use super::records::{hash, read_records, Records};
use super::semantic::{Semantic, Units, UnitsV4};
use super::{Catalog, CatalogError};
use crate::checksum::checksum;
use crate::features::DIM;
use castmatch_index::Hnsw;

pub const SNAPSHOT_MAGIC: &[u8; 8] = b"CMCATLG\0";
/// 2: xxHash32 replaced CRC-32, over the roster part only. 3: the meaning layer (embedded
/// profiles) joined the roster part and the indexes. 4: talents carry playing ages, days free,
/// links, contacts, extra columns and look tags. 5: the meaning layer stores each distinct unit
/// text once, naming the talents that hold it, and the roster part is LZ4-compressed (bios,
/// credits and names repeat: 31 MB became 13 MB at 100k). Format 4 still restores; older
/// snapshots are refused (a catalog is rebuilt from its roster).
pub const SNAPSHOT_VERSION: u32 = 5;

/// The meaning layer in the roster part: its units and the checksum of the model that embedded
/// them (its vectors are the unit index).
#[derive(Serialize, Deserialize)]
struct SemanticPart<'a> {
    model_checksum: u32,
    units: Cow<'a, Units>,
}

/// The same in a format 4 roster part.
#[derive(Deserialize)]
struct SemanticPartV4 {
    model_checksum: u32,
    units: UnitsV4,
}

impl Catalog {
    /// The whole catalog (roster and index) as versioned, checksummed bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        // The roster part: the records, then the live flags and the meaning layer without its
        // vectors (those are the unit index), as postcard writes a struct of the three.
        let mut roster = Vec::new();
        self.talents.write(&mut roster);
        let live: Vec<bool> = self.rows.iter().map(|r| r.live).collect();
        let semantic = self.semantic.as_ref().map(|s| SemanticPart {
            model_checksum: s.model_checksum,
            units: Cow::Borrowed(&s.units),
        });
        // postcard into a Vec fails only for types it cannot encode, which these are not (the
        // round-trip tests write every field); a part cut short would be refused on restore.
        roster.extend(postcard::to_stdvec(&(live, semantic)).unwrap_or_default());
        let roster = lz4_flex::compress_prepend_size(&roster);
        let index = self.index.to_bytes();
        let units = self.semantic.as_ref().map(|s| s.index.to_bytes());
        let units_len = units.as_ref().map_or(0, Vec::len);
        let mut payload = Vec::with_capacity(roster.len() + index.len() + units_len + 8);
        payload.extend_from_slice(&(roster.len() as u64).to_le_bytes());
        payload.extend_from_slice(&roster);
        payload.extend_from_slice(&index);
        // No meaning layer, no unit index: the restore reads an empty tail as none.
        payload.extend_from_slice(units.as_deref().unwrap_or_default());
        let mut out = Vec::with_capacity(payload.len() + 20);
        out.extend_from_slice(SNAPSHOT_MAGIC);
        out.extend_from_slice(&SNAPSHOT_VERSION.to_le_bytes());
        out.extend_from_slice(&checksum(&payload[..8 + roster.len()]).to_le_bytes());
        out.extend_from_slice(&payload);
        out
    }

    /// Restores a catalog from `to_bytes`; damaged or future-version bytes are an error.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, CatalogError> {
        let bad = |m: String| CatalogError::Snapshot(m);
        let header = SNAPSHOT_MAGIC.len() + 8;
        if bytes.len() < header || &bytes[..8] != SNAPSHOT_MAGIC {
            return Err(bad(
                "not a CastMatch catalog snapshot (bad magic at byte 0)".into(),
            ));
        }
        // Both 4-byte slices lie inside the header, whose length was checked above.
        let version = u32::from_le_bytes(bytes[8..12].try_into().unwrap_or_default());
        if version != SNAPSHOT_VERSION && version != 4 {
            return Err(bad(format!(
                "version {version} at byte 8, this build reads versions 4 and {SNAPSHOT_VERSION}"
            )));
        }
        let stored = u32::from_le_bytes(bytes[12..16].try_into().unwrap_or_default());
        let payload = &bytes[header..];
        let (roster, index) = split_payload(payload).map_err(bad)?;
        if checksum(&payload[..8 + roster.len()]) != stored {
            return Err(bad("checksum mismatch: the snapshot is damaged".into()));
        }
        let (index, units) = split_indexes(index, header + 8 + roster_len(payload)).map_err(bad)?;
        let index = Hnsw::from_bytes(index)?;
        let units = (!units.is_empty())
            .then(|| Hnsw::from_bytes(units))
            .transpose()?;
        let packed = match version {
            4 => roster.to_vec(),
            _ => decompress(roster).map_err(bad)?,
        };
        Self::restore_packed(packed, version, index, units)
    }

    /// A roster part (decompressed): every record is checked and columned in place, and stays
    /// packed until read. Formats 4 and 5 differ only in the meaning layer's units after them.
    fn restore_packed(
        packed: Vec<u8>,
        version: u32,
        index: Hnsw,
        units: Option<Hnsw>,
    ) -> Result<Self, CatalogError> {
        let bad = |e: String| CatalogError::Snapshot(format!("roster: {e}"));
        // One index row a talent (checked once the records are in): room for them all at once,
        // not grown a million times over.
        let talents = index.ids_assigned();
        let mut catalog = Catalog::empty(index);
        catalog.rows.reserve_exact(talents);
        let (mut spans, mut id_hashes) = (Vec::with_capacity(talents), Vec::with_capacity(talents));
        let rest = read_records(&packed, |span, record| {
            let row = catalog.row_of(RowFields::of_record(&record));
            catalog.push_row(row);
            spans.push(span);
            id_hashes.push(hash(record.0 .0));
        })
        .map_err(bad)?;
        let (live, semantic) = match version {
            4 => read_v4_tail(rest, units.as_ref())?,
            _ => {
                let (live, part): (Vec<bool>, Option<SemanticPart>) =
                    postcard::from_bytes(rest).map_err(|e| bad(e.to_string()))?;
                (live, part.map(|p| (p.model_checksum, p.units.into_owned())))
            }
        };
        catalog.talents = Records::packed(packed, spans);
        catalog.finish(live, &id_hashes, semantic, units)?;
        Ok(catalog)
    }

    /// Completes a restore whose rows and records are in: checks the parts agree, enters the
    /// live ids (a removed talent's id may come back in a later slot) and restores the meaning
    /// layer from its units (with its model's checksum) and their index.
    fn finish(
        &mut self,
        live: Vec<bool>,
        id_hashes: &[u64],
        semantic: Option<(u32, Units)>,
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

/// What follows the records in a roster part: the live flags, and the meaning layer's units
/// with the checksum of the model that embedded them.
type Tail = (Vec<bool>, Option<(u32, Units)>);

/// What follows the records in a format 4 roster part: live flags and the meaning layer's
/// units as they were then, upgraded against the unit index they describe.
fn read_v4_tail(rest: &[u8], units: Option<&Hnsw>) -> Result<Tail, CatalogError> {
    let (live, semantic): (Vec<bool>, Option<SemanticPartV4>) = postcard::from_bytes(rest)
        .map_err(|e| CatalogError::Snapshot(format!("roster (format 4): {e}")))?;
    let semantic = match (semantic, units) {
        (Some(part), Some(index)) => Some((part.model_checksum, part.units.upgrade(index)?)),
        (None, _) => None,
        // Units without their index: `finish` refuses the pair.
        (Some(part), None) => Some((part.model_checksum, Units::default())),
    };
    Ok((live, semantic))
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

/// The roster part's length, as `split_payload` has checked it.
fn roster_len(payload: &[u8]) -> usize {
    payload
        .get(..8)
        .and_then(|b| b.try_into().ok())
        .map_or(0, |b| u64::from_le_bytes(b) as usize)
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

    /// Where a snapshot's structured index starts (after magic, version, checksum, roster).
    fn index_at(bytes: &[u8]) -> usize {
        24 + roster_len(&bytes[16..])
    }

    /// `bytes` with `index` in place of its own index: every part still checksums right.
    fn with_index(bytes: &[u8], index: &[u8]) -> Vec<u8> {
        [&bytes[..index_at(bytes)], index].concat()
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

    #[test]
    fn a_roster_size_no_compression_gives_is_refused_even_with_a_right_checksum() {
        let mut bytes = small().to_bytes();
        bytes[24..28].copy_from_slice(&u32::MAX.to_le_bytes());
        let end = index_at(&bytes);
        let sum = checksum(&bytes[16..end]);
        bytes[12..16].copy_from_slice(&sum.to_le_bytes());
        let e = refusal(&bytes);
        assert!(e.contains("roster size 4294967295 at byte 24"), "{e}");
    }

    /// `bytes` with its roster part rewritten by `edit`, compressed and checksummed again.
    fn with_roster(bytes: &[u8], edit: impl FnOnce(&mut Vec<u8>)) -> Vec<u8> {
        let mut roster = decompress(&bytes[24..index_at(bytes)]).unwrap();
        edit(&mut roster);
        let roster = lz4_flex::compress_prepend_size(&roster);
        let mut payload = (roster.len() as u64).to_le_bytes().to_vec();
        payload.extend_from_slice(&roster);
        let mut out = bytes[..12].to_vec();
        out.extend_from_slice(&checksum(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        out.extend_from_slice(&bytes[index_at(bytes)..]);
        out
    }

    #[test]
    fn a_record_that_is_no_talent_is_refused_naming_its_slot_even_with_a_right_checksum() {
        let bytes = small().to_bytes();
        assert!(Catalog::from_bytes(&with_roster(&bytes, |_| {})).is_ok());
        let e = refusal(&with_roster(&bytes, |roster| {
            // Slot 0 starts at byte 1, after the talent count; its gender follows id and name.
            let (_, after) = postcard::take_from_bytes::<(&str, &str)>(&roster[1..]).unwrap();
            let gender = roster.len() - after.len();
            roster[gender] = 9;
        }));
        assert!(e.contains("roster: talent slot 0 at byte 1"), "{e}");
    }

    #[test]
    fn two_live_talents_of_one_id_are_refused_and_a_removed_id_may_come_back() {
        let mut catalog = small();
        let (first, second) = (catalog.talent_at(0).clone(), catalog.talent_at(1).clone());
        assert_eq!(first.id.len(), second.id.len());
        let bytes = catalog.to_bytes();
        let e = refusal(&with_roster(&bytes, |roster| {
            let at = |id: &str| roster.windows(id.len()).position(|w| w == id.as_bytes());
            let (from, to) = (at(&first.id).unwrap(), at(&second.id).unwrap());
            roster.copy_within(from..from + first.id.len(), to);
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
}
