//! The catalog's meaning layer: every talent's embedded profile units (bio sentences, look
//! tags) as int8 vectors in their own filter-aware HNSW, and the archetypes its whole profile
//! mentions, kept in step with the roster slot by slot.
//!
//! A point of this index is a unit, not a talent: a talent's similarity to a brief is the best
//! of its units, so a search asks for units and keeps the first hit of each talent. The hard
//! filter is the catalog's own, tested on the unit's talent, so it holds exactly.

use std::cell::RefCell;
use std::ops::Range;

use castmatch_index::{Hnsw, HnswParams, Search, Storage};
use castmatch_text::ArchetypeSet;
use serde::{Deserialize, Serialize};

use super::filter::Filter;
use super::snapshot::agree;
use super::CatalogError;
use crate::profile::{self, TextModel, Unit};
use crate::requirements::Requirements;
use crate::roster::Talent;

/// Graph parameters of the unit index: fewer links than the structured index (M 12, not 16):
/// there are three to four units a talent, and recall at this M stays above 0.98 (BENCHMARKS.md).
pub fn unit_params() -> HnswParams {
    HnswParams::default().m(12).ef_construction(80)
}

/// Unit hits asked of the index per talent wanted: talents have a few units each, and the
/// search widens when duplicates leave too few talents.
const UNITS_PER_TALENT: usize = 4;

/// What a brief means, ready to rank with: its embedded text and the archetypes it names.
#[derive(Debug, Clone)]
pub struct SemanticQuery {
    pub vector: Vec<f32>,
    pub archetypes: ArchetypeSet,
    /// The brief's phrase, as reasons quote it.
    pub label: String,
}

/// How well one talent fits a query: its best unit and whether it shares an archetype.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fit {
    pub similarity: f32,
    /// Index into `profile::embedded_units(talent)` of the best unit.
    pub unit: usize,
    pub shares_archetype: bool,
}

/// The units and archetypes of every slot, and the unit index.
pub struct Semantic {
    /// The model the vectors were embedded with (its file checksum).
    pub(super) model_checksum: u32,
    pub(super) index: Hnsw,
    pub(super) units: Units,
    scratch: RefCell<Search>,
}

/// Which units belong to which slot, and each slot's archetypes: the part of the layer that
/// is not vectors (snapshotted with the roster).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(super) struct Units {
    /// Unit id -> catalog slot.
    pub(super) slot: Vec<u32>,
    /// Catalog slot -> its live units (ids `first..first + count`); not snapshotted: a slot's
    /// live units are the ones inserted together last, so `restore` finds them again.
    #[serde(skip)]
    pub(super) of_slot: Vec<(u32, u32)>,
    /// Catalog slot -> archetypes of its whole profile.
    pub(super) archetypes: Vec<ArchetypeSet>,
}

/// One talent embedded: its unit vectors (`count × dim`, row-major) and archetypes.
struct Embedded {
    vectors: Vec<f32>,
    count: usize,
    archetypes: ArchetypeSet,
}

impl Semantic {
    /// Embeds every talent (in slot order) and indexes their units; `progress(done, total)`
    /// counts talents.
    pub(super) fn build<'t>(
        model: &dyn TextModel,
        talents: impl ExactSizeIterator<Item = &'t Talent>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Self, CatalogError> {
        let total = talents.len();
        let mut semantic = Semantic {
            model_checksum: model.checksum(),
            index: Hnsw::with_storage(model.dim(), unit_params(), Storage::Int8),
            units: Units::default(),
            scratch: RefCell::default(),
        };
        let mut vector = vec![0.0; model.dim()];
        for (done, t) in talents.enumerate() {
            semantic.push(embed(model, t, &mut vector))?;
            if (done + 1) % 1024 == 0 {
                progress(done + 1, total);
            }
        }
        progress(total, total);
        Ok(semantic)
    }

    /// Reassembles the layer from a snapshot's parts, checking that they agree.
    pub(super) fn restore(
        model_checksum: u32,
        units: Units,
        index: Hnsw,
        slots: usize,
    ) -> Result<Self, CatalogError> {
        agree("talents and archetype rows", slots, units.archetypes.len())?;
        agree(
            "semantic units and unit index rows",
            units.slot.len(),
            index.ids_assigned(),
        )?;
        // Units name the talents they belong to; talents without units are named by none.
        let named = units.slot.iter().max().map_or(0, |&s| s as usize + 1);
        if named > slots {
            return Err(CatalogError::Disagree {
                what: "talents and the talents units belong to",
                roster: slots,
                other: named,
            });
        }
        if index.storage() != Storage::Int8 {
            return Err(CatalogError::Snapshot("the unit index is not int8".into()));
        }
        let mut units = units;
        units.of_slot = vec![(0, 0); slots];
        for (unit, &slot) in units.slot.iter().enumerate() {
            if index.is_live(unit as u32) {
                let range = &mut units.of_slot[slot as usize];
                if range.1 == 0 {
                    range.0 = unit as u32;
                }
                range.1 += 1;
            }
        }
        Ok(Semantic {
            model_checksum,
            index,
            units,
            scratch: RefCell::default(),
        })
    }

    /// Appends the next slot's units.
    fn push(&mut self, embedded: Embedded) -> Result<(), CatalogError> {
        let slot = self.units.of_slot.len() as u32;
        let first = self.insert_units(slot, &embedded)?;
        self.units.of_slot.push((first, embedded.count as u32));
        self.units.archetypes.push(embedded.archetypes);
        Ok(())
    }

    fn insert_units(&mut self, slot: u32, embedded: &Embedded) -> Result<u32, CatalogError> {
        let first = self.units.slot.len() as u32;
        let dim = self.index.dim();
        for vector in embedded.vectors.chunks_exact(dim.max(1)) {
            self.index.insert(vector)?;
            self.units.slot.push(slot);
        }
        Ok(first)
    }

    /// Embeds and appends a talent added to the catalog in the next slot.
    pub(super) fn add(&mut self, model: &dyn TextModel, t: &Talent) -> Result<(), CatalogError> {
        self.push(embed(model, t, &mut vec![0.0; model.dim()]))
    }

    /// Re-embeds the talent in `slot`: its old units are retired, new ones appended.
    pub(super) fn update(
        &mut self,
        model: &dyn TextModel,
        slot: u32,
        t: &Talent,
    ) -> Result<(), CatalogError> {
        self.remove(slot);
        let embedded = embed(model, t, &mut vec![0.0; model.dim()]);
        let first = self.insert_units(slot, &embedded)?;
        if let Some(range) = self.units.of_slot.get_mut(slot as usize) {
            *range = (first, embedded.count as u32);
        }
        if let Some(a) = self.units.archetypes.get_mut(slot as usize) {
            *a = embedded.archetypes;
        }
        Ok(())
    }

    /// Retires the units of `slot` (the talent was removed or is being re-embedded).
    pub(super) fn remove(&mut self, slot: u32) {
        for unit in self.unit_ids(slot) {
            // Only a unit already retired fails, which is the state wanted.
            let _ = self.index.delete(unit);
        }
        if let Some(range) = self.units.of_slot.get_mut(slot as usize) {
            *range = (range.0, 0);
        }
    }

    fn unit_ids(&self, slot: u32) -> Range<u32> {
        // A slot past the units (a talent added after them) has none: an empty range.
        let (first, count) = self
            .units
            .of_slot
            .get(slot as usize)
            .copied()
            .unwrap_or_default();
        first..first + count
    }

    /// The brief's meaning, or `None` when it says nothing the model can read.
    pub fn query(model: &dyn TextModel, r: &Requirements) -> Option<SemanticQuery> {
        let text = profile::query_text(r)?;
        let mut vector = vec![0.0; model.dim()];
        let (has_vector, archetypes) = model.read(&text, &mut vector);
        has_vector.then(|| SemanticQuery {
            archetypes,
            vector,
            label: profile::shorten(&text, 60),
        })
    }

    /// The talents (slots) passing `filter` whose best unit is nearest the query, at most
    /// `talents` of them, nearest first, with that similarity. With `same_archetype`, only
    /// talents sharing an archetype with the query are considered.
    pub fn search(
        &self,
        q: &SemanticQuery,
        filter: &Filter<'_>,
        talents: usize,
        same_archetype: bool,
    ) -> Vec<(u32, f32)> {
        let wanted = if same_archetype { q.archetypes } else { 0 };
        let units = filter.over_units(&self.units.slot, &self.units.archetypes, wanted);
        let mut scratch = self.scratch.borrow_mut();
        let mut asked = talents * UNITS_PER_TALENT;
        loop {
            let hits = self
                .index
                .search_filtered(&q.vector, asked, &units, &mut scratch);
            let mut found: Vec<(u32, f32)> = Vec::with_capacity(talents);
            for hit in &hits {
                let slot = self.units.slot[hit.id as usize];
                if found.len() < talents && !found.iter().any(|&(s, _)| s == slot) {
                    found.push((slot, 1.0 - hit.distance));
                }
            }
            // Fewer hits than asked means every matching unit was returned.
            if found.len() >= talents || hits.len() < asked || asked >= self.units.slot.len() {
                return found;
            }
            asked *= 2;
        }
    }

    /// How well the talent in `slot` fits the query, exactly (all its units).
    pub fn fit(&self, q: &SemanticQuery, slot: u32) -> Option<Fit> {
        let ids: Vec<u32> = self.unit_ids(slot).collect();
        let mut scratch = self.scratch.borrow_mut();
        let similarities = self.index.similarities(&q.vector, &ids, &mut scratch);
        let (unit, similarity) = similarities
            .iter()
            .enumerate()
            .filter_map(|(i, s)| s.map(|s| (i, s)))
            .max_by(|a, b| a.1.total_cmp(&b.1))?;
        Some(Fit {
            similarity,
            unit,
            shares_archetype: self.archetypes(slot) & q.archetypes != 0,
        })
    }

    pub fn archetypes(&self, slot: u32) -> ArchetypeSet {
        self.units
            .archetypes
            .get(slot as usize)
            .copied()
            .unwrap_or(0)
    }

    pub(super) fn model_checksum(&self) -> u32 {
        self.model_checksum
    }
}

/// A talent's unit vectors and the archetypes of all its profile text; `vector` is scratch.
fn embed(model: &dyn TextModel, t: &Talent, vector: &mut [f32]) -> Embedded {
    let mut embedded = Embedded {
        vectors: Vec::new(),
        count: 0,
        archetypes: 0,
    };
    for unit in profile::embedded_units(t) {
        let (has_vector, archetypes) = model.read(&unit.text, vector);
        if has_vector {
            embedded.vectors.extend_from_slice(vector);
            embedded.count += 1;
        }
        embedded.archetypes |= archetypes;
    }
    if let Some(unit) = profile::keyword_unit(t) {
        embedded.archetypes |= model.read(&unit.text, vector).1;
    }
    embedded
}

/// The profile unit of a talent that best shows a shared archetype: an embedded unit or a
/// keyword field mentioning one of `wanted`.
pub fn archetype_evidence(model: &dyn TextModel, t: &Talent, wanted: ArchetypeSet) -> Option<Unit> {
    let mut vector = vec![0.0; model.dim()];
    profile::embedded_units(t)
        .into_iter()
        .chain(profile::keyword_unit(t))
        .find(|unit| model.read(&unit.text, &mut vector).1 & wanted != 0)
}
