//! The catalog's talents by slot, as records: a restored talent stays in the snapshot's bytes
//! until something reads it, then is decoded once and kept.
//!
//! Restoring 100k talents used to decode every one (a dozen allocations each) before the first
//! search; a search reads a few hundred. The restore checks every record in place instead
//! (`TalentRecord`, text borrowed, not copied) and derives the filter columns from it.

use std::cell::OnceCell;
use std::hash::BuildHasher;
use std::ops::Range;

use hashbrown::hash_table::{Entry, HashTable};
use rustc_hash::FxBuildHasher;

use crate::roster::{Gender, Talent, TalentRecord};

/// Talents by slot: decoded ones, and spans of packed bytes for those not read yet.
#[derive(Default)]
pub(super) struct Records {
    /// The snapshot's roster part, decompressed, when the catalog was restored from one.
    packed: Vec<u8>,
    /// Where each restored slot's record lies in `packed`; later slots have none.
    spans: Vec<Range<u32>>,
    decoded: Vec<OnceCell<Box<Talent>>>,
}

impl Records {
    /// Records over `packed`, whose slots `spans` were each checked to read as a `Talent`.
    pub(super) fn packed(packed: Vec<u8>, spans: Vec<Range<u32>>) -> Self {
        let decoded = std::iter::repeat_with(OnceCell::new)
            .take(spans.len())
            .collect();
        Records {
            packed,
            spans,
            decoded,
        }
    }

    pub(super) fn len(&self) -> usize {
        self.decoded.len()
    }

    pub(super) fn get(&self, slot: u32) -> &Talent {
        self.decoded[slot as usize].get_or_init(|| Box::new(self.decode(slot as usize)))
    }

    /// The id of the talent in `slot`, read from its record if it is not decoded yet.
    pub(super) fn id(&self, slot: u32) -> &str {
        match self.decoded[slot as usize].get() {
            Some(t) => &t.id,
            // A record starts with its id; every packed one was read whole when restored.
            None => postcard::take_from_bytes::<&str>(self.record(slot as usize))
                .map_or("", |(id, _)| id),
        }
    }

    pub(super) fn iter(&self) -> impl ExactSizeIterator<Item = &Talent> {
        (0..self.len() as u32).map(|slot| self.get(slot))
    }

    pub(super) fn push(&mut self, t: Talent) {
        self.decoded.push(OnceCell::from(Box::new(t)));
    }

    pub(super) fn set(&mut self, slot: u32, t: Talent) {
        self.decoded[slot as usize] = OnceCell::from(Box::new(t));
    }

    /// The records in slot order as a roster part holds them (a postcard sequence): packed ones
    /// copied as they are, not decoded to be written again; decoded ones written anew.
    pub(super) fn write(&self, out: &mut Vec<u8>) {
        // Encoding into a Vec fails only for types postcard cannot write; a talent it could
        // not would leave a part the restore refuses, never a wrong one.
        out.extend(postcard::to_stdvec(&(self.len() as u64)).unwrap_or_default());
        for (slot, cell) in self.decoded.iter().enumerate() {
            match cell.get() {
                Some(t) => out.extend(postcard::to_stdvec(&**t).unwrap_or_default()),
                None => out.extend_from_slice(self.record(slot)),
            }
        }
    }

    /// The packed bytes of `slot`'s record (none for a slot added after the restore).
    fn record(&self, slot: usize) -> &[u8] {
        self.spans
            .get(slot)
            .and_then(|span| self.packed.get(span.start as usize..span.end as usize))
            .unwrap_or_default()
    }

    /// A packed record. Every one was read as a `TalentRecord` when restored, so this
    /// decodes; were it not so, the slot would show as an unreadable record rather than panic.
    fn decode(&self, slot: usize) -> Talent {
        match read_record(self.record(slot)) {
            Ok((record, _)) => record.into(),
            Err(_) => Talent::new(
                "",
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

/// Reads the records of a roster part in place: each one's span and its fields (for the
/// filter columns and the id), handed to `each` in slot order. The bytes after the records.
pub(super) fn read_records<'a>(
    bytes: &'a [u8],
    mut each: impl FnMut(Range<u32>, TalentRecord<'a>),
) -> Result<&'a [u8], String> {
    let (count, mut rest) =
        postcard::take_from_bytes::<u64>(bytes).map_err(|e| format!("talent count: {e}"))?;
    for slot in 0..count {
        let at = bytes.len() - rest.len();
        let (record, after) =
            read_record(rest).map_err(|e| format!("talent slot {slot} at byte {at}: {e}"))?;
        let end = bytes.len() - after.len();
        let span = u32::try_from(at)
            .and_then(|start| Ok(start..u32::try_from(end)?))
            .map_err(|_| format!("talent slot {slot} lies past 4 GiB"))?;
        each(span, record);
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
        let (record, rest) = postcard::take_from_bytes::<TalentRecord>(&bytes).unwrap();
        assert!(rest.is_empty(), "{} bytes left unread", rest.len());
        assert_eq!(Talent::from(record.clone()), t);
        assert_eq!(record.0 .0, "T-1");
        assert_eq!(record.1 .8, ["girl next door"]);
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
