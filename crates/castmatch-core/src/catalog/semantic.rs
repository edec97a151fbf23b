//! The catalog's meaning layer: every talent's embedded profile units (bio sentences, look
//! tags) as int8 vectors, scanned rather than walked, and the archetypes its whole profile
//! mentions, kept in step with the roster slot by slot.
//!
//! A point of this index is a distinct unit text, not a talent: a sentence many bios share
//! ("Natural, understated performer.") is one point naming every talent whose profile holds it.
//! Stored once, it is embedded once and scanned once. A talent's similarity to a brief is the
//! best of its units, so a search asks for units and takes their talents in order. The hard
//! filter is the catalog's own, tested on each unit's talents, so it holds exactly.

use rustc_hash::FxHashMap;
use std::cell::{OnceCell, RefCell};

use castmatch_index::{Hit, Hnsw, HnswParams, Search, SignCodes, SignDistances, Storage};
use castmatch_text::ArchetypeSet;
use serde::Serialize;

use super::columns::{ones, or_into};
use super::filter::Filter;
use super::snapshot::agree;
use super::traits::SlotSet;
use super::wire::Wire;
use super::CatalogError;
use crate::checksum::checksum;
use crate::profile::{self, TextModel, Unit};
use crate::requirements::Requirements;
use crate::roster::Talent;

/// Graph parameters of the unit index: the smallest link blocks. Its rows are never linked
/// (`Hnsw::insert_unlinked`): no search walks this graph (a scan of every point up to
/// `EXACT_POINTS`, a sign-code short-list past it: a walk found the wrong basin, see below),
/// and linking them was most of the profiles' build time at 1M.
pub fn unit_params() -> HnswParams {
    HnswParams::default().m(2).ef_construction(2)
}

/// Up to this many unit points a search scans them all rather than short-listing them by sign
/// code first. A brief's phrase is a few words and lies far from every bio sentence; in that
/// landscape a greedy walk of the graph settles in the wrong basin (recall@10 0.44 at ef 64 and
/// 0.81 at ef 640 on the synthetic 100k; 0.18 at 1M), while a scan of every point's 128-bit sign
/// code ranks them all roughly, and its short-list held the nearest ten at every filter of
/// the synthetic million (BENCHMARKS.md, issue 15).
/// (The unit tests lower it, so that a small roster takes the short-list's path too.)
const EXACT_POINTS: usize = if cfg!(test) { 1_000 } else { 250_000 };

/// The short-list past `EXACT_POINTS` is this share of the points searched (all of them, or
/// those of an archetype; at least eight per unit asked): 1/24 kept recall@10 at 1.000 at 1M,
/// 1/96 at 0.94.
const SHORTLIST_DIVISOR: usize = 24;

/// The short-list is never shorter: scoring this many points exactly takes well under a
/// millisecond, and a few thousand points of a narrow filter are then all scored.
const SHORTLIST_MIN: usize = 8_192;

/// A filter that may admit at least this share of the talents is applied to the units found,
/// not before the search (recall held at 1.000 down to 0.5% at 1M; marking the points of 5% of a
/// million talents cost about 3 ms).
const BROAD_SHARE: f64 = 0.01;

/// Unit hits asked of the index per talent wanted: talents have a few units each, and the
/// search widens when they leave too few talents.
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
    caches: Caches,
}

/// What searches derive from the points, made on first use and let go when the points change.
#[derive(Default)]
struct Caches {
    /// Every live point, for a search no talent filter narrows.
    all_points: OnceCell<SlotSet>,
    /// Archetype -> the live points a talent of it holds, as bit words (64 sets: an
    /// `ArchetypeSet` is a `u64`).
    archetype_points: OnceCell<Vec<Vec<u64>>>,
    /// The points' sign codes, for the short-list past `EXACT_POINTS`.
    signs: OnceCell<SignCodes>,
    /// The last query and its sign-code distance to every point: a brief's meaning is searched
    /// twice, among all points and among its archetypes'.
    distances: RefCell<Option<(Vec<f32>, SignDistances)>>,
}

/// Which unit rows belong to which slot, and each slot's archetypes: the part of the layer
/// that is not vectors (snapshotted with the roster).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(super) struct Units {
    /// Catalog slot -> the unit index rows of its embedded units, in profile order.
    pub(super) of_slot: Vec<Vec<u32>>,
    /// Unit row -> the hash of the text it embeds (`text_key`), so a text added later finds
    /// its row (`text_key` is never 0).
    pub(super) text_of_row: Vec<u64>,
    /// Catalog slot -> archetypes of its whole profile.
    pub(super) archetypes: Vec<ArchetypeSet>,
    /// Unit row -> the slots whose profiles hold it (derived from `of_slot`).
    #[serde(skip)]
    pub(super) slots_of_row: Vec<Vec<u32>>,
    /// Live rows by text key (derived from `text_of_row`).
    #[serde(skip)]
    row_of_text: FxHashMap<u64, u32>,
    /// Unit row -> the archetypes of its text, while building (not snapshotted: a text met
    /// again after a restore is read again).
    #[serde(skip)]
    archetypes_of_row: Vec<ArchetypeSet>,
}

impl Units {
    /// The units as postcard writes them (the fields snapshotted, in order), by hand: a list
    /// a talent and a hash a unit are most of a restore's values (`wire.rs`).
    pub(super) fn read(w: &mut Wire) -> Result<Units, String> {
        Ok(Units {
            of_slot: w.seq(|w| w.seq(Wire::u32))?,
            text_of_row: w.seq(Wire::u64)?,
            archetypes: w.seq(Wire::u64)?,
            ..Units::default()
        })
    }
}

impl Semantic {
    /// Embeds every talent (in slot order) and indexes their distinct units; `progress(done,
    /// total)` counts talents.
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
            caches: Caches::default(),
        };
        let mut vector = vec![0.0; model.dim()];
        for (done, t) in talents.enumerate() {
            semantic.push(model, t, &mut vector)?;
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
        agree("talents and their unit lists", slots, units.of_slot.len())?;
        agree(
            "unit texts and unit index rows",
            units.text_of_row.len(),
            index.ids_assigned(),
        )?;
        if index.storage() != Storage::Int8 {
            return Err(CatalogError::Snapshot("the unit index is not int8".into()));
        }
        let mut units = units;
        // Each row's list sized first: pushing a million slots into 383k growing lists
        // reallocated them over and over.
        let mut holders = vec![0u32; units.text_of_row.len()];
        for &row in units.of_slot.iter().flatten() {
            if let Some(count) = holders.get_mut(row as usize) {
                *count += 1;
            }
        }
        units.slots_of_row = holders
            .iter()
            .map(|&count| Vec::with_capacity(count as usize))
            .collect();
        for (slot, rows) in units.of_slot.iter().enumerate() {
            for &row in rows {
                match units.slots_of_row.get_mut(row as usize) {
                    Some(slots) if index.is_live(row) => add_slot(slots, slot as u32),
                    _ => {
                        return Err(CatalogError::Snapshot(format!(
                            "talent slot {slot} names unit row {row}, which is not a live row"
                        )))
                    }
                }
            }
        }
        units.row_of_text = (0..units.text_of_row.len() as u32)
            .filter(|&row| index.is_live(row))
            .map(|row| (units.text_of_row[row as usize], row))
            .collect();
        Ok(Semantic {
            model_checksum,
            index,
            units,
            scratch: RefCell::default(),
            caches: Caches::default(),
        })
    }

    /// Appends the next slot's units.
    fn push(
        &mut self,
        model: &dyn TextModel,
        t: &Talent,
        vector: &mut [f32],
    ) -> Result<(), CatalogError> {
        let slot = self.units.of_slot.len() as u32;
        let (rows, archetypes) = self.insert_units(model, t, slot, vector)?;
        self.units.of_slot.push(rows);
        self.units.archetypes.push(archetypes);
        Ok(())
    }

    /// The unit rows of `t`'s profile, in order, with `slot` added to each: a text already
    /// indexed reuses its row, a new one is embedded and inserted. Also the profile's
    /// archetypes; `vector` is scratch.
    fn insert_units(
        &mut self,
        model: &dyn TextModel,
        t: &Talent,
        slot: u32,
        vector: &mut [f32],
    ) -> Result<(Vec<u32>, ArchetypeSet), CatalogError> {
        self.caches = Caches::default();
        let (mut rows, mut archetypes) = (Vec::new(), 0);
        for unit in profile::embedded_units(t) {
            let key = text_key(&unit.text);
            let row = match self.units.row_of_text.get(&key) {
                Some(&row) => {
                    archetypes |= match self.units.archetypes_of_row.get(row as usize) {
                        Some(&known) => known,
                        None => model.read(&unit.text, vector).1,
                    };
                    row
                }
                None => {
                    let (has_vector, read) = model.read(&unit.text, vector);
                    archetypes |= read;
                    if !has_vector {
                        continue;
                    }
                    self.insert_row(key, vector, read)?
                }
            };
            add_slot(&mut self.units.slots_of_row[row as usize], slot);
            rows.push(row);
        }
        if let Some(unit) = profile::keyword_unit(t) {
            archetypes |= model.read(&unit.text, vector).1;
        }
        Ok((rows, archetypes))
    }

    fn insert_row(
        &mut self,
        key: u64,
        vector: &[f32],
        archetypes: ArchetypeSet,
    ) -> Result<u32, CatalogError> {
        let row = self.index.insert_unlinked(vector)?;
        let units = &mut self.units;
        units.text_of_row.push(key);
        units.slots_of_row.push(Vec::new());
        // Rows restored from a snapshot have no archetypes here; they are read when met.
        if units.archetypes_of_row.len() + 1 == units.text_of_row.len() {
            units.archetypes_of_row.push(archetypes);
        }
        units.row_of_text.insert(key, row);
        Ok(row)
    }

    /// Embeds and appends a talent added to the catalog in the next slot.
    pub(super) fn add(&mut self, model: &dyn TextModel, t: &Talent) -> Result<(), CatalogError> {
        self.push(model, t, &mut vec![0.0; model.dim()])
    }

    /// Re-embeds the talent in `slot`: its old units are let go, its new ones added.
    pub(super) fn update(
        &mut self,
        model: &dyn TextModel,
        slot: u32,
        t: &Talent,
    ) -> Result<(), CatalogError> {
        self.remove(slot);
        let (rows, archetypes) = self.insert_units(model, t, slot, &mut vec![0.0; model.dim()])?;
        if let Some(of_slot) = self.units.of_slot.get_mut(slot as usize) {
            *of_slot = rows;
        }
        if let Some(a) = self.units.archetypes.get_mut(slot as usize) {
            *a = archetypes;
        }
        Ok(())
    }

    /// Lets go of the units of `slot` (the talent was removed or is being re-embedded): a row
    /// no talent holds any more is retired from the index.
    pub(super) fn remove(&mut self, slot: u32) {
        self.caches = Caches::default();
        let units = &mut self.units;
        let rows = units
            .of_slot
            .get_mut(slot as usize)
            .map(std::mem::take)
            .unwrap_or_default();
        for row in rows {
            let Some(slots) = units.slots_of_row.get_mut(row as usize) else {
                continue;
            };
            slots.retain(|&s| s != slot);
            if slots.is_empty() {
                // Only a row already retired fails, which is the state wanted.
                let _ = self.index.delete(row);
                units.row_of_text.remove(&units.text_of_row[row as usize]);
            }
        }
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
    ///
    /// When a good share of the talents may pass, the nearest units are searched among all
    /// points (or those a talent of the archetype holds) and their talents tested as they come:
    /// marking the points of most of a million talents costs more than the search. Otherwise
    /// the points the admitted talents hold are marked first.
    pub fn search(
        &self,
        q: &SemanticQuery,
        filter: &Filter<'_>,
        talents: usize,
        same_archetype: bool,
    ) -> Vec<(u32, f32)> {
        let wanted = if same_archetype { q.archetypes } else { 0 };
        let admits = self.admits(filter, wanted);
        let slots = self.units.of_slot.len() as u32;
        let admitted = filter.admitted_estimate().max(1);
        let broad = admitted as f64 >= BROAD_SHARE * f64::from(slots);
        let mut asked = talents * UNITS_PER_TALENT;
        let marked;
        let points = match (broad, wanted) {
            (true, 0) => self.caches.all_points.get_or_init(|| self.live_points()),
            (true, _) => {
                marked = self.points_of_archetypes(wanted);
                &marked
            }
            (false, _) => {
                marked = filter
                    .slots_to_test(slots)
                    .filter(|&slot| admits(slot))
                    .flat_map(|slot| self.units.of_slot[slot as usize].iter().copied())
                    .collect();
                &marked
            }
        };
        if broad {
            // Units of talents the filter turns away come too: ask for more by its share.
            asked = (asked as f64 * f64::from(slots) / admitted as f64).ceil() as usize;
        }
        loop {
            let hits = self.nearest_points(&q.vector, asked, points, filter);
            let mut found: Vec<(u32, f32)> = Vec::with_capacity(talents);
            'hits: for hit in &hits {
                for &slot in &self.units.slots_of_row[hit.id as usize] {
                    if found.len() == talents {
                        break 'hits;
                    }
                    if admits(slot) && !found.iter().any(|&(s, _)| s == slot) {
                        found.push((slot, 1.0 - hit.distance));
                    }
                }
            }
            // Fewer hits than asked means every matching unit was returned.
            if found.len() >= talents || hits.len() < asked || asked >= self.index.ids_assigned() {
                return found;
            }
            asked *= 2;
        }
    }

    /// Whether the talent in a slot passes `filter` and, unless `wanted` is 0, shares one of
    /// its archetypes: who a search may return.
    fn admits<'s>(
        &'s self,
        filter: &'s Filter<'_>,
        wanted: ArchetypeSet,
    ) -> impl Fn(u32) -> bool + 's {
        move |slot| (wanted == 0 || self.archetypes(slot) & wanted != 0) && filter.admits(slot)
    }

    /// The `asked` points nearest `vector` that `points` admits, exactly up to `EXACT_POINTS`;
    /// past it among a short-list by sign codes, which holds the nearest at any filter
    /// (BENCHMARKS.md, issue 15).
    fn nearest_points(
        &self,
        vector: &[f32],
        asked: usize,
        points: &SlotSet,
        filter: &Filter<'_>,
    ) -> Vec<Hit> {
        if self.index.len() <= EXACT_POINTS {
            return self.index.exact(vector, asked, &filter.over_points(points));
        }
        let signs = self.caches.signs.get_or_init(|| SignCodes::of(&self.index));
        let n = (points.len() / SHORTLIST_DIVISOR)
            .max(asked * 8)
            .max(SHORTLIST_MIN);
        let mut last = self.caches.distances.borrow_mut();
        if !matches!(&*last, Some((query, _)) if query.as_slice() == vector) {
            *last = Some((vector.to_vec(), self.index.sign_distances(signs, vector)));
        }
        let Some((_, distances)) = &*last else {
            return Vec::new();
        };
        // The points are live ones: as many as the index has live are all of them.
        let shortlist = match points.len() == self.index.len() {
            true => self.index.shortlist_live(distances, n),
            false => self.index.shortlist_by(distances, n, points.words()),
        };
        let shortlist = SlotSet::from_words(shortlist);
        self.index
            .exact(vector, asked, &filter.over_points(&shortlist))
    }

    /// Every live point.
    fn live_points(&self) -> SlotSet {
        (0..self.index.ids_assigned() as u32)
            .filter(|&row| self.index.is_live(row))
            .collect()
    }

    /// The points a talent with an archetype of `wanted` holds: the union of each archetype's
    /// points, made once (a pass over every point on each search cost a millisecond at 1M).
    fn points_of_archetypes(&self, wanted: ArchetypeSet) -> SlotSet {
        let of_archetype = self.caches.archetype_points.get_or_init(|| {
            let words = self.units.slots_of_row.len().div_ceil(64);
            let mut of_archetype = vec![Vec::new(); ArchetypeSet::BITS as usize];
            for (rows, &archetypes) in self.units.of_slot.iter().zip(&self.units.archetypes) {
                for archetype in ones(&[archetypes]) {
                    let set = &mut of_archetype[archetype as usize];
                    set.resize(words, 0);
                    for &row in rows.iter().filter(|&&row| self.index.is_live(row)) {
                        set[row as usize / 64] |= 1 << (row % 64);
                    }
                }
            }
            of_archetype
        });
        let mut words = vec![0u64; self.units.slots_of_row.len().div_ceil(64)];
        for archetype in ones(&[wanted]) {
            or_into(&mut words, &of_archetype[archetype as usize]);
        }
        SlotSet::from_words(words)
    }

    /// What `search` answers, by brute force: every admitted talent's best unit, the nearest
    /// `talents` (ties by slot). The reference `search` is measured against; seconds at 1M.
    pub fn exhaustive(
        &self,
        q: &SemanticQuery,
        filter: &Filter<'_>,
        talents: usize,
        same_archetype: bool,
    ) -> Vec<(u32, f32)> {
        let admits = self.admits(filter, if same_archetype { q.archetypes } else { 0 });
        let mut best: Vec<(u32, f32)> = (0..self.units.of_slot.len() as u32)
            .filter(|&slot| admits(slot))
            .filter_map(|slot| self.fit(q, slot).map(|f| (slot, f.similarity)))
            .collect();
        best.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        best.truncate(talents);
        best
    }

    /// How well the talent in `slot` fits the query, exactly (all its units).
    pub fn fit(&self, q: &SemanticQuery, slot: u32) -> Option<Fit> {
        let ids = self.units.of_slot.get(slot as usize)?;
        let mut scratch = self.scratch.borrow_mut();
        let similarities = self.index.similarities(&q.vector, ids, &mut scratch);
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

    /// The distinct unit texts indexed (live points of the unit index).
    pub fn points(&self) -> usize {
        self.index.len()
    }

    pub(super) fn model_checksum(&self) -> u32 {
        self.model_checksum
    }
}

/// Adds `slot` to a row's slots unless just added (a profile may repeat a sentence).
fn add_slot(slots: &mut Vec<u32>, slot: u32) {
    if slots.last() != Some(&slot) {
        slots.push(slot);
    }
}

/// A unit text's key: two independent 32-bit hashes (the snapshot checksum's, seeds 0 and 1),
/// so two texts share a row only at odds of about 2^-64; never 0, which means unknown.
fn text_key(text: &str) -> u64 {
    let bytes = text.as_bytes();
    let key = u64::from(checksum(bytes)) << 32 | u64::from(xxhash_rust::xxh32::xxh32(bytes, 1));
    key.max(1)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Catalog;
    use crate::roster::synthetic;
    use castmatch_text::StaticModel;
    use std::rc::Rc;

    #[test]
    fn past_exact_points_the_short_list_finds_the_exhaustive_best() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../models/castmatch-static-v1-d128.cmse"
        ))
        .expect("the shipped model file");
        let model: Rc<dyn TextModel> = Rc::new(StaticModel::from_bytes(&bytes).unwrap());
        let talents = synthetic(3_000, 5);
        let mut c =
            Catalog::build_with_model(talents, HnswParams::default(), Some(model), &mut |_, _| {})
                .unwrap();
        let points = c.semantic().expect("the meaning layer").1.points();
        assert!(points > EXACT_POINTS, "{points} points");
        the_short_list_finds_the_exhaustive_best(&c);
        // Removed talents take the points they alone held: the searches skip deleted points,
        // and what was made for the searches before is made again.
        for slot in (0..3_000).step_by(7) {
            let id = c.talent_at(slot).id.clone();
            c.remove(&id).unwrap();
        }
        assert!(
            c.semantic().unwrap().1.points() < points,
            "no point was deleted"
        );
        the_short_list_finds_the_exhaustive_best(&c);
    }

    fn the_short_list_finds_the_exhaustive_best(c: &Catalog) {
        let (_, semantic) = c.semantic().expect("the meaning layer");
        let briefs = [
            r#"{}"#,
            r#"{"gender":"female","age_min":25,"age_max":40}"#,
            r#"{"gender":"male","age_min":60,"cities":["pune"]}"#,
        ];
        for phrase in [
            "retired army officer",
            "gentle school teacher",
            "stand-up comic",
        ] {
            let q = c
                .semantic_query(&Requirements {
                    description: Some(phrase.into()),
                    ..Default::default()
                })
                .expect("the phrase has a vector");
            for brief in briefs {
                let r: Requirements = serde_json::from_str(brief).unwrap();
                let filter = c.filter(&r);
                for same_archetype in [false, true] {
                    let similarities = |found: Vec<(u32, f32)>| -> Vec<f32> {
                        found.iter().map(|f| f.1).collect()
                    };
                    let found = similarities(semantic.search(&q, &filter, 10, same_archetype));
                    let best = similarities(semantic.exhaustive(&q, &filter, 10, same_archetype));
                    let what = format!("{phrase}, {brief}, archetype {same_archetype}");
                    assert!(!best.is_empty() || same_archetype, "{what}: nobody to find");
                    assert_eq!(found.len(), best.len(), "{what}");
                    let close = found.iter().zip(&best).all(|(f, b)| (f - b).abs() < 1e-4);
                    assert!(close, "{what}: {found:?} against {best:?}");
                }
            }
        }
    }
}
