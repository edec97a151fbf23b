//! The catalog snapshot: roster and indexes as one versioned, checksummed byte string.
//!
//! Layout (little endian): magic `CMCATLG\0` | version u32 | checksum u32 of the roster part |
//! roster part: length u64, roster (postcard, with the meaning layer's units, archetypes and
//! model checksum) | index snapshot, which checksums itself | the unit index's snapshot, when
//! profiles are embedded. Each byte is checked once: at 100k talents the indexes are tens of
//! MB, and a second pass over them cost the page's restore tens of milliseconds.
//!
//! The text model is not in the snapshot: it is attached after a restore (`set_model`), which
//! keeps the embedded profiles when the model is the one they were made with, and embeds them
//! again otherwise.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::semantic::{Semantic, Units, UnitsV4};
use super::{Catalog, CatalogError};
use crate::checksum::checksum;
use crate::features::DIM;
use crate::roster::Talent;
use castmatch_index::Hnsw;

pub const SNAPSHOT_MAGIC: &[u8; 8] = b"CMCATLG\0";
/// 2: xxHash32 replaced CRC-32, over the roster part only. 3: the meaning layer (embedded
/// profiles) joined the roster part and the indexes. 4: talents carry playing ages, days free,
/// links, contacts, extra columns and look tags. 5: the meaning layer stores each distinct unit
/// text once, naming the talents that hold it. Format 4 still restores; older snapshots are
/// refused (a catalog is rebuilt from its roster).
pub const SNAPSHOT_VERSION: u32 = 5;

/// The roster part of a snapshot; the index follows it as its own checksummed bytes.
#[derive(Serialize, Deserialize)]
struct RosterPart<'a> {
    /// Borrowed when written, so a snapshot does not copy the roster first.
    talents: Cow<'a, [Talent]>,
    live: Vec<bool>,
    /// The meaning layer without its vectors (those are the unit index), when there is one.
    semantic: Option<SemanticPart<'a>>,
}

#[derive(Serialize, Deserialize)]
struct SemanticPart<'a> {
    model_checksum: u32,
    units: Cow<'a, Units>,
}

/// The roster part of a format 4 snapshot: the same but for the meaning layer's units.
#[derive(Deserialize)]
struct RosterPartV4<'a> {
    talents: Cow<'a, [Talent]>,
    live: Vec<bool>,
    semantic: Option<SemanticPartV4>,
}

#[derive(Deserialize)]
struct SemanticPartV4 {
    model_checksum: u32,
    units: UnitsV4,
}

impl Catalog {
    /// The whole catalog (roster and index) as versioned, checksummed bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let roster = RosterPart {
            talents: Cow::Borrowed(&self.talents),
            live: self.rows.iter().map(|r| r.live).collect(),
            semantic: self.semantic.as_ref().map(|s| SemanticPart {
                model_checksum: s.model_checksum,
                units: Cow::Borrowed(&s.units),
            }),
        };
        // postcard into a Vec fails only for types it cannot encode, which these are not (the
        // round-trip tests write every field); an empty part would be refused on restore.
        let roster = postcard::to_stdvec(&roster).unwrap_or_default();
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
        let roster = match version {
            4 => read_v4(roster, units.as_ref())?,
            _ => postcard::from_bytes(roster).map_err(|e| bad(format!("roster: {e}")))?,
        };
        let semantic = match (roster.semantic, units) {
            (Some(part), Some(units)) => Some((part, units)),
            (None, None) => None,
            _ => return Err(bad("the unit index and its units disagree".into())),
        };
        Self::reassemble(roster.talents, roster.live, index, semantic)
    }

    fn reassemble(
        talents: Cow<'_, [Talent]>,
        live: Vec<bool>,
        index: Hnsw,
        semantic: Option<(SemanticPart<'_>, Hnsw)>,
    ) -> Result<Self, CatalogError> {
        check_parts(&talents, &live, &index)?;
        let slots = talents.len();
        let mut catalog = Catalog::empty(index);
        if let Some((part, units)) = semantic {
            let parts = part.units.into_owned();
            catalog.semantic = Some(Semantic::restore(part.model_checksum, parts, units, slots)?);
        }
        for (t, live) in talents.into_owned().into_iter().zip(live) {
            let id = t.id.clone();
            let slot = catalog.register_restored(t)?;
            if !live {
                catalog.rows[slot as usize].live = false;
                catalog.slots.remove(&id);
            }
        }
        Ok(catalog)
    }

    /// Like `register`, but a removed talent's id may come back in a later slot.
    fn register_restored(&mut self, t: Talent) -> Result<u32, CatalogError> {
        let slot = self.talents.len() as u32;
        let row = self.row_of(&t);
        if self
            .slots
            .insert(t.id.clone(), slot)
            .is_some_and(|old| self.rows[old as usize].live)
        {
            return Err(CatalogError::Snapshot(format!(
                "talent id {:?} appears twice",
                t.id
            )));
        }
        self.rows.push(row);
        self.talents.push(t);
        Ok(slot)
    }
}

/// A format 4 roster part, its units upgraded against the unit index they describe.
fn read_v4<'a>(roster: &'a [u8], units: Option<&Hnsw>) -> Result<RosterPart<'a>, CatalogError> {
    let old: RosterPartV4 = postcard::from_bytes(roster)
        .map_err(|e| CatalogError::Snapshot(format!("roster (format 4): {e}")))?;
    let semantic = match (old.semantic, units) {
        (Some(part), Some(index)) => Some(SemanticPart {
            model_checksum: part.model_checksum,
            units: Cow::Owned(part.units.upgrade(index)?),
        }),
        (None, _) => None,
        // Units without their index: `from_bytes` refuses the pair.
        (Some(part), None) => Some(SemanticPart {
            model_checksum: part.model_checksum,
            units: Cow::Owned(Units::default()),
        }),
    };
    Ok(RosterPart {
        talents: old.talents,
        live: old.live,
        semantic,
    })
}

/// The roster and the structured index must describe the same slots: one index row per
/// talent, of the feature layout's width, live exactly where the talent is. Each part checksums
/// itself, so parts of two different catalogs spliced together pass every checksum: this is
/// what refuses them, in every build (ranking trusts slot = index id without looking again).
fn check_parts(talents: &[Talent], live: &[bool], index: &Hnsw) -> Result<(), CatalogError> {
    let n = talents.len();
    agree("talents and live flags", n, live.len())?;
    agree("talents and index rows", n, index.ids_assigned())?;
    agree("feature and index vector widths", DIM, index.dim())?;
    match (0..n).find(|&slot| index.is_live(slot as u32) != live[slot]) {
        Some(slot) => Err(CatalogError::LiveDisagree {
            id: talents[slot].id.clone(),
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
