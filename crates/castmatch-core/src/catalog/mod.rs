//! A roster with its indexes: talents by slot, compact filter columns, the HNSW over their
//! feature vectors and, with a text model, the meaning layer over their profiles; kept in step
//! through adds, removals and updates; plus its snapshot.
//!
//! Filtering runs on the columns, not the `Talent` structs: gender, ages, height, day rate and
//! the days free as numbers, languages, skills and cities as bits of interned terms, so a
//! predicate costs a few nanoseconds and the index planner can afford to test every row.

mod columns;
mod filter;
mod records;
mod restore;
mod semantic;
mod snapshot;
mod traits;
mod wire;

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use ndarray::Array2;

use crate::date::Date;
use crate::features::{self, DIM};
use crate::profile::TextModel;
use crate::requirements::Requirements;
use crate::revision::Revision;
use crate::roster::Talent;
use crate::vocab::{TermKind, Vocabulary};
use castmatch_index::{Hnsw, HnswParams, IndexError, Search, Storage};
use columns::{Postings, Row, RowFields, TermSet, Terms, SET_BITS};
pub use filter::Filter;
use records::{Records, Slots};
pub use restore::Restorer;
pub use semantic::{archetype_evidence, unit_params, Fit, Semantic, SemanticQuery};
pub use snapshot::{SNAPSHOT_MAGIC, SNAPSHOT_VERSION};
pub use traits::{SlotSet, Trait, TraitSet, TraitWeights};

/// Why a catalog operation failed.
#[derive(Debug, thiserror::Error)]
pub enum CatalogError {
    #[error("talent id {0:?} is already on the roster")]
    DuplicateId(String),
    #[error("no talent with id {0:?}")]
    UnknownId(String),
    #[error("snapshot: {0}")]
    Snapshot(String),
    /// Two parts of a snapshot that must count alike do not (say, from different catalogs).
    #[error("snapshot: {what} disagree ({roster} and {other})")]
    Disagree {
        what: &'static str,
        roster: usize,
        other: usize,
    },
    #[error("snapshot: talent {id:?} (slot {slot}) is live in the roster or the index, not both")]
    LiveDisagree { id: String, slot: usize },
    #[error("index: {0}")]
    Index(#[from] IndexError),
}

/// A roster and its index.
pub struct Catalog {
    talents: Records,
    slots: Slots,
    rows: Vec<Row>,
    /// The live slots, the minors', and those of each gender, city, language and playing age,
    /// for filters to start from: made by the first filter that asks, not by a restore (tens of
    /// ms for 100k in wasm).
    postings: OnceCell<Postings>,
    languages: Terms,
    skills: Terms,
    cities: Terms,
    /// The built-in vocabulary and the terms this roster adds, learned as talents arrive.
    vocabulary: Vocabulary,
    index: Hnsw,
    /// The index's search scratch, kept between queries so a query does not allocate it.
    scratch: RefCell<Search>,
    /// Changes with every add, removal and update: what is compiled against slots and terms
    /// (memory's personalisation) is valid for one revision.
    revision: Revision,
    /// The text model that embeds profiles and briefs; without one, ranking is structured only.
    model: Option<Rc<dyn TextModel>>,
    /// The profiles embedded (restored from a snapshot before a model is attached).
    semantic: Option<Semantic>,
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
        // Built on its int8 rows: half the time of an f32 build at 1M (a quarter of the bytes
        // read a distance), the same recall (BENCHMARKS.md, issue 15, seventh stop); ranking
        // scores the candidates from the talents at full precision.
        let mut index = Hnsw::with_storage(DIM, params, Storage::Int8);
        index.extend(vectors.view(), progress)?;
        let mut catalog = Catalog::empty(index);
        for t in talents {
            catalog.register(t)?;
        }
        Ok(catalog)
    }

    fn empty(index: Hnsw) -> Self {
        Catalog {
            talents: Records::default(),
            slots: Slots::default(),
            rows: Vec::new(),
            postings: OnceCell::new(),
            languages: Terms::default(),
            skills: Terms::default(),
            cities: Terms::default(),
            vocabulary: Vocabulary::default(),
            index,
            scratch: RefCell::default(),
            revision: Revision::fresh(),
            model: None,
            semantic: None,
        }
    }

    /// Indexes `talents` and, with a model, embeds their profiles: `progress(done, total)`
    /// counts the structured index first, then the profiles (`total` is twice the roster).
    pub fn build_with_model(
        talents: Vec<Talent>,
        params: HnswParams,
        model: Option<Rc<dyn TextModel>>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<Self, CatalogError> {
        let n = talents.len();
        let phases = if model.is_some() { 2 } else { 1 };
        let mut catalog =
            Catalog::build(talents, params, &mut |done, _| progress(done, phases * n))?;
        catalog.set_model(model, &mut |done, _| progress(n + done, 2 * n))?;
        Ok(catalog)
    }

    /// Attaches the text model that ranks by meaning. Profiles already embedded with this very
    /// model (a restored snapshot) are kept; otherwise every profile is embedded now, so an
    /// older snapshot or another model's vectors are redone, never mixed. `None` detaches.
    pub fn set_model(
        &mut self,
        model: Option<Rc<dyn TextModel>>,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<(), CatalogError> {
        let current = self.semantic.as_ref().map(Semantic::model_checksum);
        if let Some(m) = &model {
            if current != Some(m.checksum()) {
                self.semantic = Some(Semantic::build(m.as_ref(), self.talents.iter(), progress)?);
                self.retire_removed();
            }
        }
        self.model = model;
        self.revision = Revision::fresh();
        Ok(())
    }

    /// Attaches the text model without embedding anything: profiles embedded with this very
    /// model are kept, others are dropped and ranking goes by fields alone. For a page, where
    /// embedding a roster would hold its thread for seconds; `set_model` embeds.
    pub fn attach_model(&mut self, model: Option<Rc<dyn TextModel>>) {
        let checksum = model.as_ref().map(|m| m.checksum());
        if self.semantic.as_ref().map(Semantic::model_checksum) != checksum {
            self.semantic = None;
        }
        self.model = model;
        self.revision = Revision::fresh();
    }

    /// Retires the units of removed talents (after embedding every slot afresh).
    fn retire_removed(&mut self) {
        if let Some(semantic) = &mut self.semantic {
            for (slot, row) in self.rows.iter().enumerate() {
                if !row.live {
                    semantic.remove(slot as u32);
                }
            }
        }
    }

    /// The text model, when one is attached.
    pub fn model(&self) -> Option<&Rc<dyn TextModel>> {
        self.model.as_ref()
    }

    /// The meaning layer, when a model is attached and the profiles are embedded with it.
    pub fn semantic(&self) -> Option<(&dyn TextModel, &Semantic)> {
        let model = self.model.as_deref()?;
        let semantic = self.semantic.as_ref()?;
        (semantic.model_checksum() == model.checksum()).then_some((model, semantic))
    }

    /// What `r` means to the attached model (its look and description), if anything.
    pub fn semantic_query(&self, r: &Requirements) -> Option<SemanticQuery> {
        let (model, _) = self.semantic()?;
        Semantic::query(model, r)
    }

    /// Records a talent in the next slot (its vector is already in the index at that slot).
    fn register(&mut self, t: Talent) -> Result<u32, CatalogError> {
        if self.slot_of(&t.id).is_some() {
            return Err(CatalogError::DuplicateId(t.id));
        }
        let slot = self.talents.len() as u32;
        let row = self.row_of(RowFields::of_talent(&t));
        self.push_row(row);
        self.talents.push(t);
        self.slots.enter(slot, &self.talents);
        Ok(slot)
    }

    /// The postings of every row, made on first use.
    fn postings(&self) -> &Postings {
        self.postings.get_or_init(|| Postings::of(&self.rows))
    }

    /// Appends the next slot's row, entering it in the postings once they are made.
    fn push_row(&mut self, row: Row) {
        if let Some(postings) = self.postings.get_mut() {
            postings.mark(self.rows.len() as u32, &row, true);
        }
        self.rows.push(row);
    }

    fn row_of<S: AsRef<str>>(&mut self, t: RowFields<'_, S>) -> Row {
        let mut overflow = false;
        let vocabulary = &mut self.vocabulary;
        let mut set = |terms: &mut Terms, kind, values: &mut dyn Iterator<Item = &str>| {
            let mut s = TermSet::default();
            for v in values {
                let (id, new) = terms.intern(v);
                if new {
                    vocabulary.learn(kind, v);
                }
                if (id as usize) < SET_BITS {
                    s.insert(id);
                } else {
                    overflow = true;
                }
            }
            s
        };
        let city = set(
            &mut self.cities,
            TermKind::City,
            &mut std::iter::once(t.city),
        );
        let languages = set(
            &mut self.languages,
            TermKind::Language,
            &mut t.languages.iter().map(AsRef::as_ref),
        );
        let skills = set(
            &mut self.skills,
            TermKind::Skill,
            &mut t.skills.iter().map(AsRef::as_ref),
        );
        Row {
            live: true,
            overflow,
            theatre_background: t.theatre_background,
            gender: t.gender,
            age: t.age,
            plays: t.plays,
            height_cm: t.height_cm,
            day_rate: t.day_rate,
            free: (
                t.free.0.map_or(i32::MIN, Date::day_number),
                t.free.1.map_or(i32::MAX, Date::day_number),
            ),
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
        self.slot_of(id).map(|s| self.talents.get(s))
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
        self.talents.get(slot)
    }

    pub(crate) fn slot_of(&self, id: &str) -> Option<u32> {
        self.slots.get(id, &self.talents)
    }

    /// The vocabulary of this roster: the built-in terms and the roster's own (every skill,
    /// language and city a talent has), for briefs and requirement sets about it.
    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// The state of the roster: it changes with every add, removal and update.
    pub fn revision(&self) -> Revision {
        self.revision
    }

    /// The structured index (the scale bench measures its recall against `Hnsw::exact`).
    pub fn index(&self) -> &Hnsw {
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
        if self.slot_of(&t.id).is_some() {
            return Err(CatalogError::DuplicateId(t.id));
        }
        let id = self
            .index
            .insert(features::encode_talent(&t).as_slice().unwrap_or(&[]))?;
        match (&self.model, &mut self.semantic) {
            (Some(model), Some(semantic)) if semantic.model_checksum() == model.checksum() => {
                semantic.add(model.as_ref(), &t)?
            }
            // Vectors nobody can extend would fall out of step: embed again when a model comes.
            _ => self.semantic = None,
        }
        let slot = self.register(t)?;
        // Built together, or restored only when they agree (`from_bytes` checks in every build).
        debug_assert_eq!(id, slot, "index ids and catalog slots advance together");
        self.revision = Revision::fresh();
        Ok(())
    }

    /// Removes a talent, returning it.
    pub fn remove(&mut self, id: &str) -> Result<Talent, CatalogError> {
        let slot = self
            .slots
            .remove(id, &self.talents)
            .ok_or_else(|| CatalogError::UnknownId(id.into()))?;
        self.index.delete(slot)?;
        if let Some(semantic) = &mut self.semantic {
            semantic.remove(slot);
        }
        if let Some(postings) = self.postings.get_mut() {
            postings.mark(slot, &self.rows[slot as usize], false);
        }
        self.rows[slot as usize].live = false;
        self.revision = Revision::fresh();
        Ok(self.talents.get(slot).clone())
    }

    /// Replaces the record of an existing talent (same id), re-indexing its vector.
    pub fn update(&mut self, t: Talent) -> Result<(), CatalogError> {
        let slot = self
            .slot_of(&t.id)
            .ok_or_else(|| CatalogError::UnknownId(t.id.clone()))?;
        self.index
            .update(slot, features::encode_talent(&t).as_slice().unwrap_or(&[]))?;
        match (&self.model, &mut self.semantic) {
            (Some(model), Some(semantic)) if semantic.model_checksum() == model.checksum() => {
                semantic.update(model.as_ref(), slot, &t)?
            }
            _ => self.semantic = None,
        }
        let row = self.row_of(RowFields::of_talent(&t));
        if let Some(postings) = self.postings.get_mut() {
            postings.mark(slot, &self.rows[slot as usize], false);
            postings.mark(slot, &row, true);
        }
        self.rows[slot as usize] = row;
        self.talents.set(slot, t);
        self.revision = Revision::fresh();
        Ok(())
    }

    /// The hard constraints of `r`, compiled against this catalog's columns.
    pub fn filter<'a>(&'a self, r: &'a Requirements) -> Filter<'a> {
        Filter::compile(self, r)
    }

    /// How many live talents meet every hard constraint of `r`.
    pub fn count_matching(&self, r: &Requirements) -> usize {
        let f = self.filter(r);
        f.slots_to_test(self.rows.len() as u32)
            .filter(|&s| f.admits(s))
            .count()
    }
}
