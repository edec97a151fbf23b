//! A roster with its index: talents by slot, compact filter columns, and the HNSW over their
//! feature vectors, kept in step through adds, removals and updates; plus its snapshot.
//!
//! Filtering runs on the columns, not the `Talent` structs: gender, age and height as numbers,
//! languages, skills and cities as bits of interned terms, so a predicate costs a few
//! nanoseconds and the index planner can afford to test every row.

use std::cell::RefCell;
use std::collections::HashMap;

use ndarray::Array2;
use serde::{Deserialize, Serialize};

use crate::features::{self, DIM};
use crate::index::{Hnsw, HnswParams, IndexError, Search};
use crate::requirements::Requirements;
use crate::roster::{Gender, Talent};

/// Why a catalog operation failed.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("talent id {0:?} is already on the roster")]
    DuplicateId(String),
    #[error("no talent with id {0:?}")]
    UnknownId(String),
    #[error("snapshot: {0}")]
    Snapshot(String),
    #[error("index: {0}")]
    Index(#[from] IndexError),
}

/// Interned term ids up to this many fit the bit sets; rarer terms fall back to a slow check.
const SET_BITS: usize = 256;

/// A small bit set of interned term ids.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct TermSet([u64; SET_BITS / 64]);

impl TermSet {
    fn insert(&mut self, id: u32) {
        self.0[id as usize / 64] |= 1 << (id % 64);
    }
    fn contains_all(&self, other: &TermSet) -> bool {
        self.0
            .iter()
            .zip(&other.0)
            .all(|(mine, wanted)| mine & wanted == *wanted)
    }
    fn intersects(&self, other: &TermSet) -> bool {
        self.0.iter().zip(&other.0).any(|(a, b)| a & b != 0)
    }
}

/// Interns the lower-case names of one kind (languages, skills or cities).
#[derive(Debug, Clone, Default)]
struct Terms(HashMap<String, u32>);

impl Terms {
    fn intern(&mut self, term: &str) -> u32 {
        let next = self.0.len() as u32;
        *self.0.entry(term.to_string()).or_insert(next)
    }
    fn get(&self, term: &str) -> Option<u32> {
        self.0.get(term).copied()
    }
}

/// The filterable attributes of one slot.
#[derive(Debug, Clone, Copy)]
struct Row {
    live: bool,
    /// A term id past `SET_BITS`: this row is checked against its `Talent` instead.
    overflow: bool,
    gender: Gender,
    age: u32,
    height_cm: u32,
    city: TermSet,
    languages: TermSet,
    skills: TermSet,
}

/// A roster and its index.
pub struct Catalog {
    talents: Vec<Talent>,
    slots: HashMap<String, u32>,
    rows: Vec<Row>,
    languages: Terms,
    skills: Terms,
    cities: Terms,
    index: Hnsw,
    /// The index's search scratch, kept between queries so a query does not allocate it.
    scratch: RefCell<Search>,
}

impl Catalog {
    /// Index `talents` with default parameters.
    pub fn new(talents: Vec<Talent>) -> Result<Self, CatalogError> {
        Self::build(talents, HnswParams::default(), &mut |_, _| {})
    }

    /// Index `talents`, reporting `(done, total)` as the graph grows.
    pub fn build(
        talents: Vec<Talent>,
        params: HnswParams,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Self, CatalogError> {
        let mut vectors = Array2::zeros((talents.len(), DIM));
        for (mut row, t) in vectors.rows_mut().into_iter().zip(&talents) {
            row.assign(&features::encode_talent(t));
        }
        let index = Hnsw::build(vectors.view(), params, progress);
        let mut catalog = Catalog::empty(index);
        for t in talents {
            catalog.register(t)?;
        }
        Ok(catalog)
    }

    fn empty(index: Hnsw) -> Self {
        Catalog {
            talents: Vec::new(),
            slots: HashMap::new(),
            rows: Vec::new(),
            languages: Terms::default(),
            skills: Terms::default(),
            cities: Terms::default(),
            index,
            scratch: RefCell::default(),
        }
    }

    /// Records a talent in the next slot (its vector is already in the index at that slot).
    fn register(&mut self, t: Talent) -> Result<u32, CatalogError> {
        if self.slots.contains_key(&t.id) {
            return Err(CatalogError::DuplicateId(t.id));
        }
        let slot = self.talents.len() as u32;
        let row = self.row_of(&t);
        self.slots.insert(t.id.clone(), slot);
        self.rows.push(row);
        self.talents.push(t);
        Ok(slot)
    }

    fn row_of(&mut self, t: &Talent) -> Row {
        let mut overflow = false;
        let mut set = |terms: &mut Terms, values: &mut dyn Iterator<Item = &String>| {
            let mut s = TermSet::default();
            for v in values {
                let id = terms.intern(v);
                if (id as usize) < SET_BITS {
                    s.insert(id);
                } else {
                    overflow = true;
                }
            }
            s
        };
        let city = set(&mut self.cities, &mut std::iter::once(&t.city));
        let languages = set(&mut self.languages, &mut t.languages.iter());
        let skills = set(&mut self.skills, &mut t.skills.iter());
        Row {
            live: true,
            overflow,
            gender: t.gender,
            age: t.age,
            height_cm: t.height_cm,
            city,
            languages,
            skills,
        }
    }

    /// Live talents on the roster.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    pub fn get(&self, id: &str) -> Option<&Talent> {
        self.slots.get(id).map(|&s| &self.talents[s as usize])
    }

    /// Every live talent, in roster order.
    pub fn talents(&self) -> impl Iterator<Item = &Talent> {
        self.talents
            .iter()
            .zip(&self.rows)
            .filter(|(_, r)| r.live)
            .map(|(t, _)| t)
    }

    pub(crate) fn talent_at(&self, slot: u32) -> &Talent {
        &self.talents[slot as usize]
    }

    pub(crate) fn slot_of(&self, id: &str) -> Option<u32> {
        self.slots.get(id).copied()
    }

    pub(crate) fn index(&self) -> &Hnsw {
        &self.index
    }

    /// Runs `f` with the kept search scratch (a fresh one if a caller up the stack holds it).
    pub(crate) fn with_scratch<R>(&self, f: impl FnOnce(&mut Search) -> R) -> R {
        match self.scratch.try_borrow_mut() {
            Ok(mut kept) => f(&mut kept),
            Err(_) => f(&mut Search::default()),
        }
    }

    /// Adds a talent; an id already on the roster is an error.
    pub fn add(&mut self, t: Talent) -> Result<(), CatalogError> {
        if self.slots.contains_key(&t.id) {
            return Err(CatalogError::DuplicateId(t.id));
        }
        let id = self
            .index
            .insert(features::encode_talent(&t).as_slice().unwrap_or(&[]))?;
        let slot = self.register(t)?;
        debug_assert_eq!(id, slot, "index ids and catalog slots advance together");
        Ok(())
    }

    /// Removes a talent, returning it.
    pub fn remove(&mut self, id: &str) -> Result<Talent, CatalogError> {
        let slot = self
            .slots
            .remove(id)
            .ok_or_else(|| CatalogError::UnknownId(id.into()))?;
        self.index.delete(slot)?;
        self.rows[slot as usize].live = false;
        Ok(self.talents[slot as usize].clone())
    }

    /// Replaces the record of an existing talent (same id), re-indexing its vector.
    pub fn update(&mut self, t: Talent) -> Result<(), CatalogError> {
        let slot = self
            .slot_of(&t.id)
            .ok_or_else(|| CatalogError::UnknownId(t.id.clone()))?;
        self.index
            .update(slot, features::encode_talent(&t).as_slice().unwrap_or(&[]))?;
        self.rows[slot as usize] = self.row_of(&t);
        self.talents[slot as usize] = t;
        Ok(())
    }

    /// The hard constraints of `r`, compiled against this catalog's columns.
    pub fn filter<'a>(&'a self, r: &'a Requirements) -> Filter<'a> {
        Filter::compile(self, r)
    }

    /// How many live talents meet every hard constraint of `r`.
    pub fn count_matching(&self, r: &Requirements) -> usize {
        let f = self.filter(r);
        (0..self.rows.len() as u32).filter(|&s| f.admits(s)).count()
    }
}

/// A compiled predicate over catalog slots; `admits` is exact, never approximate.
pub struct Filter<'a> {
    catalog: &'a Catalog,
    requirements: &'a Requirements,
    impossible: bool,
    gender: Option<Gender>,
    age: (u32, u32),
    height: (u32, u32),
    cities: Option<TermSet>,
    languages: TermSet,
    skills: TermSet,
    /// A requirement the columns cannot express (a rare term, an extra field): check the talent.
    check_talent: bool,
}

impl<'a> Filter<'a> {
    fn compile(catalog: &'a Catalog, r: &'a Requirements) -> Self {
        let mut impossible = false;
        let mut check_talent = has_fields_beyond_the_core(r);
        let mut all_of = |terms: &Terms, wanted: &std::collections::BTreeSet<String>| {
            let mut set = TermSet::default();
            for w in wanted {
                match terms.get(w) {
                    Some(id) if (id as usize) < SET_BITS => set.insert(id),
                    Some(_) => check_talent = true,
                    None => impossible = true, // nobody on the roster has it
                }
            }
            set
        };
        let languages = all_of(&catalog.languages, &r.languages);
        let skills = all_of(&catalog.skills, &r.skills);
        let cities = (!r.cities.is_empty()).then(|| {
            let mut set = TermSet::default();
            for id in r.cities.iter().filter_map(|c| catalog.cities.get(c)) {
                if (id as usize) < SET_BITS {
                    set.insert(id);
                } else {
                    check_talent = true;
                }
            }
            set
        });
        Filter {
            catalog,
            requirements: r,
            impossible,
            gender: r.gender,
            age: (r.age_min.unwrap_or(0), r.age_max.unwrap_or(u32::MAX)),
            height: (
                r.height_min_cm.unwrap_or(0),
                r.height_max_cm.unwrap_or(u32::MAX),
            ),
            cities,
            languages,
            skills,
            check_talent,
        }
    }

    /// Whether the talent in `slot` is live and meets every hard constraint.
    pub fn admits(&self, slot: u32) -> bool {
        let Some(row) = self.catalog.rows.get(slot as usize) else {
            return false;
        };
        if self.impossible || !row.live || !self.columns_admit(row) {
            return false;
        }
        !(self.check_talent || row.overflow)
            || self.requirements.admits(self.catalog.talent_at(slot))
    }

    fn columns_admit(&self, row: &Row) -> bool {
        self.gender.is_none_or(|g| g == row.gender)
            && (self.age.0..=self.age.1).contains(&row.age)
            && (self.height.0..=self.height.1).contains(&row.height_cm)
            && row.languages.contains_all(&self.languages)
            && row.skills.contains_all(&self.skills)
            && (row.overflow || self.cities.is_none_or(|c| row.city.intersects(&c)))
    }
}

/// Whether `r` uses fields the compiled columns do not cover (added by later parsers).
#[allow(clippy::needless_update)] // the update takes whatever fields the core does not name
fn has_fields_beyond_the_core(r: &Requirements) -> bool {
    let core = Requirements {
        gender: r.gender,
        age_min: r.age_min,
        age_max: r.age_max,
        languages: r.languages.clone(),
        skills: r.skills.clone(),
        cities: r.cities.clone(),
        height_min_cm: r.height_min_cm,
        height_max_cm: r.height_max_cm,
        preferred_skills: r.preferred_skills.clone(),
        ..Default::default()
    };
    core != *r
}

const SNAPSHOT_MAGIC: &[u8; 8] = b"CMCATLG\0";
const SNAPSHOT_VERSION: u32 = 1;

/// The roster part of a snapshot; the index follows it as its own checksummed bytes.
#[derive(Serialize, Deserialize)]
struct RosterPart {
    talents: Vec<Talent>,
    live: Vec<bool>,
}

impl Catalog {
    /// The whole catalog (roster and index) as versioned, checksummed bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let roster = RosterPart {
            talents: self.talents.clone(),
            live: self.rows.iter().map(|r| r.live).collect(),
        };
        let roster = postcard::to_stdvec(&roster).unwrap_or_default();
        let index = self.index.to_bytes();
        let mut payload = Vec::with_capacity(roster.len() + index.len() + 8);
        payload.extend_from_slice(&(roster.len() as u64).to_le_bytes());
        payload.extend_from_slice(&roster);
        payload.extend_from_slice(&index);
        let mut out = Vec::with_capacity(payload.len() + 20);
        out.extend_from_slice(SNAPSHOT_MAGIC);
        out.extend_from_slice(&SNAPSHOT_VERSION.to_le_bytes());
        out.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
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
        let version = u32::from_le_bytes(bytes[8..12].try_into().unwrap_or_default());
        if version != SNAPSHOT_VERSION {
            return Err(bad(format!(
                "version {version} at byte 8, this build reads version {SNAPSHOT_VERSION}"
            )));
        }
        let crc = u32::from_le_bytes(bytes[12..16].try_into().unwrap_or_default());
        let payload = &bytes[header..];
        if crc32fast::hash(payload) != crc {
            return Err(bad("checksum mismatch: the snapshot is damaged".into()));
        }
        let (roster, index) = split_payload(payload).map_err(bad)?;
        let roster: RosterPart =
            postcard::from_bytes(roster).map_err(|e| bad(format!("roster: {e}")))?;
        let index = Hnsw::from_bytes(index)?;
        Self::reassemble(roster, index)
    }

    fn reassemble(roster: RosterPart, index: Hnsw) -> Result<Self, CatalogError> {
        if roster.live.len() != roster.talents.len() {
            return Err(CatalogError::Snapshot(
                "roster and live flags disagree".into(),
            ));
        }
        let mut catalog = Catalog::empty(index);
        for (t, live) in roster.talents.into_iter().zip(roster.live) {
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
