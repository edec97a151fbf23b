//! The catalog's columns: each slot's filterable attributes as numbers and bit sets of
//! interned terms, which filters and memory's compiled tests read instead of the `Talent`.

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::wire::Wire;
use crate::date::Date;
use crate::requirements::ADULT_AGE;
use crate::roster::{playing_ages, theatre_background, Gender, Talent, TalentRecord};

/// Interned term ids up to this many fit the bit sets; rarer terms fall back to a slow check.
pub(super) const SET_BITS: usize = 256;

/// A small bit set of interned term ids.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub(super) struct TermSet([u64; SET_BITS / 64]);

impl TermSet {
    pub(super) fn insert(&mut self, id: u32) {
        self.0[id as usize / 64] |= 1 << (id % 64);
    }
    pub(super) fn contains_all(&self, other: &TermSet) -> bool {
        self.0
            .iter()
            .zip(&other.0)
            .all(|(mine, wanted)| mine & wanted == *wanted)
    }
    pub(super) fn is_empty(&self) -> bool {
        self.0 == [0; SET_BITS / 64]
    }
    pub(super) fn intersects(&self, other: &TermSet) -> bool {
        self.0.iter().zip(&other.0).any(|(a, b)| a & b != 0)
    }
    /// The term ids in the set, smallest first.
    pub(super) fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        ones(&self.0)
    }
}

/// The positions of the set bits of `words` (bit `i % 64` of word `i / 64`), smallest first.
pub(super) fn ones(words: &[u64]) -> impl Iterator<Item = u32> + '_ {
    words.iter().enumerate().flat_map(|(i, &word)| {
        let mut rest = word;
        std::iter::from_fn(move || {
            (rest != 0).then(|| {
                let bit = rest.trailing_zeros();
                rest &= rest - 1;
                i as u32 * 64 + bit
            })
        })
    })
}

/// The live rows, the minors, and for the gender, age, city and language columns each value's
/// rows, as bit sets, and the overflow rows': a brief's filter names the rows that may pass from
/// these (a few passes over `slots / 8` bytes) instead of testing every row, which at a million
/// rows takes milliseconds.
#[derive(Debug, Clone, Default)]
pub(super) struct Postings {
    /// Every live row: the postings below hold live rows only.
    live: Vec<u64>,
    /// The rows of minors (real age under `ADULT_AGE`): briefs admit adults unless they ask for
    /// a child.
    minors: Vec<u64>,
    gender: [Vec<u64>; 3],
    /// By year of age up to `OLDEST` (which stands for every age past it): the rows playing
    /// that age or older (`from`), and that age or younger (`to`). A range's rows are one of
    /// each, where a posting a year made a range of fifty years fifty passes over the rows.
    from: Vec<Vec<u64>>,
    to: Vec<Vec<u64>>,
    cities: Vec<Vec<u64>>,
    languages: Vec<Vec<u64>>,
    /// Rows with a term past the bit sets: their city may have no posting.
    overflow: Vec<u64>,
}

impl Postings {
    /// The postings of the live `rows`. Each row is entered at the ages its playing ages
    /// start and end, and the years between are filled in once, a pass a year.
    pub(super) fn of(rows: &[Row]) -> Self {
        let mut postings = Postings::default();
        let (mut starts, mut ends) = (Vec::new(), Vec::new());
        for (slot, row) in rows.iter().enumerate().filter(|(_, row)| row.live) {
            postings.mark_values(slot as u32, row, true);
            let (youngest, oldest) = playing_years(row);
            mark(posting(&mut starts, youngest), slot as u32, true);
            mark(posting(&mut ends, oldest), slot as u32, true);
        }
        for list in [&mut starts, &mut ends] {
            posting(list, OLDEST);
        }
        for year in 1..starts.len() {
            let (younger, rest) = starts.split_at_mut(year);
            or_into(&mut rest[0], &younger[year - 1]);
        }
        for year in (0..ends.len() - 1).rev() {
            let (upto, older) = ends.split_at_mut(year + 1);
            or_into(&mut upto[year], &older[0]);
        }
        (postings.to, postings.from) = (starts, ends);
        postings
    }

    /// Enters `row` (at `slot`) in the postings of its values, or takes it out of them.
    pub(super) fn mark(&mut self, slot: u32, row: &Row, present: bool) {
        self.mark_values(slot, row, present);
        let (youngest, oldest) = playing_years(row);
        for year in 0..=oldest {
            mark(posting(&mut self.from, year), slot, present);
        }
        for year in youngest..=OLDEST {
            mark(posting(&mut self.to, year), slot, present);
        }
    }

    /// `mark` but for the ages.
    fn mark_values(&mut self, slot: u32, row: &Row, present: bool) {
        mark(&mut self.live, slot, present);
        if row.age < ADULT_AGE {
            mark(&mut self.minors, slot, present);
        }
        mark(&mut self.gender[row.gender as usize], slot, present);
        for id in row.city.ids() {
            mark(posting(&mut self.cities, id), slot, present);
        }
        for id in row.languages.ids() {
            mark(posting(&mut self.languages, id), slot, present);
        }
        if row.overflow {
            mark(&mut self.overflow, slot, present);
        }
    }

    pub(super) fn live(&self) -> &[u64] {
        &self.live
    }

    pub(super) fn minors(&self) -> &[u64] {
        &self.minors
    }

    pub(super) fn gender(&self, gender: Gender) -> &[u64] {
        &self.gender[gender as usize]
    }

    /// The rows playing some age in `youngest..=oldest`, when the range leaves any out: those
    /// playing `youngest` or older and `oldest` or younger.
    pub(super) fn playing(&self, (youngest, oldest): (u32, u32)) -> Option<Vec<u64>> {
        let (youngest, oldest) = (youngest.min(OLDEST), oldest.min(OLDEST));
        if (youngest, oldest) == (0, OLDEST) {
            return None;
        }
        let mut both = Vec::new();
        if youngest <= oldest {
            or_into(&mut both, listed(&self.from, youngest));
        }
        and_into(&mut both, listed(&self.to, oldest));
        Some(both)
    }

    pub(super) fn city(&self, id: u32) -> &[u64] {
        listed(&self.cities, id)
    }

    pub(super) fn language(&self, id: u32) -> &[u64] {
        listed(&self.languages, id)
    }

    pub(super) fn overflow(&self) -> &[u64] {
        &self.overflow
    }
}

/// Ages past this share one posting: briefs rarely tell 100 from 110.
pub(super) const OLDEST: u32 = 100;

/// The first and last years of `row`'s playing ages, as the postings keep them.
fn playing_years(row: &Row) -> (u32, u32) {
    (row.plays.0.min(OLDEST), row.plays.1.min(OLDEST))
}

/// `into |= bits`, growing `into` to `bits`' length.
pub(super) fn or_into(into: &mut Vec<u64>, bits: &[u64]) {
    if into.len() < bits.len() {
        into.resize(bits.len(), 0);
    }
    // An indexed loop over slices: the size-optimised wasm build makes `zip` a call a word
    // (an age range ORs dozens of a million rows' postings).
    let into = &mut into[..bits.len()];
    let mut word = 0;
    while word < bits.len() {
        into[word] |= bits[word];
        word += 1;
    }
}

/// `kept &= bits`, cut to `bits`' length (a row past it is in no posting).
pub(super) fn and_into(kept: &mut Vec<u64>, bits: &[u64]) {
    kept.truncate(bits.len());
    let bits = &bits[..kept.len()];
    let kept = kept.as_mut_slice();
    let mut word = 0;
    while word < kept.len() {
        kept[word] &= bits[word];
        word += 1;
    }
}

/// The posting of value `id`: empty when no row has held it.
fn listed(lists: &[Vec<u64>], id: u32) -> &[u64] {
    lists.get(id as usize).map_or(&[], Vec::as_slice)
}

fn posting(lists: &mut Vec<Vec<u64>>, id: u32) -> &mut Vec<u64> {
    if lists.len() <= id as usize {
        lists.resize(id as usize + 1, Vec::new());
    }
    &mut lists[id as usize]
}

fn mark(bits: &mut Vec<u64>, slot: u32, present: bool) {
    let word = slot as usize / 64;
    if bits.len() <= word {
        bits.resize(word + 1, 0);
    }
    match present {
        true => bits[word] |= 1 << (slot % 64),
        false => bits[word] &= !(1 << (slot % 64)),
    }
}

/// Interns the lower-case names of one kind (languages, skills or cities).
#[derive(Debug, Clone, Default)]
pub(super) struct Terms(FxHashMap<String, u32>);

impl Terms {
    /// The term's id, and whether this is its first appearance.
    pub(super) fn intern(&mut self, term: &str) -> (u32, bool) {
        if let Some(&id) = self.0.get(term) {
            return (id, false);
        }
        let next = self.0.len() as u32;
        self.0.insert(term.to_string(), next);
        (next, true)
    }
    pub(super) fn get(&self, term: &str) -> Option<u32> {
        self.0.get(term).copied()
    }
    /// Every term and its id.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.0.iter().map(|(t, &id)| (t.as_str(), id))
    }

    /// The terms in id order: interned again in this order, they get the same ids.
    pub(super) fn in_order(&self) -> Vec<&str> {
        let mut terms = vec![""; self.0.len()];
        for (t, id) in self.iter() {
            terms[id as usize] = t;
        }
        terms
    }
}

/// The filterable attributes of one slot; a snapshot holds them, so a restore need not read
/// the records.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(test, derive(serde::Deserialize))]
pub(super) struct Row {
    pub(super) live: bool,
    /// A term id past `SET_BITS`: this row is checked against its `Talent` instead.
    pub(super) overflow: bool,
    /// Theatre training as a skill or theatre credits (`Talent::has_theatre_background`).
    pub(super) theatre_background: bool,
    pub(super) gender: Gender,
    /// The real age: memory's "never over 60" reads this.
    pub(super) age: u32,
    /// The ages a role may ask of the talent (`Talent::playing_ages`): a brief's range overlaps it.
    pub(super) plays: (u32, u32),
    pub(super) height_cm: u32,
    /// Day rate in rupees, `None` when not on file.
    pub(super) day_rate: Option<u32>,
    /// Days free as day numbers, first and last; open ends are `i32::MIN` / `i32::MAX`.
    pub(super) free: (i32, i32),
    pub(super) city: TermSet,
    pub(super) languages: TermSet,
    pub(super) skills: TermSet,
}

/// What a slot's row is made of: read from a `Talent`, or from its record in a snapshot
/// without decoding it.
pub(super) struct RowFields<'a, S> {
    pub(super) gender: Gender,
    pub(super) age: u32,
    pub(super) plays: (u32, u32),
    pub(super) height_cm: u32,
    pub(super) day_rate: Option<u32>,
    pub(super) free: (Option<Date>, Option<Date>),
    pub(super) theatre_background: bool,
    pub(super) city: &'a str,
    pub(super) languages: &'a [S],
    pub(super) skills: &'a [S],
}

impl<'a> RowFields<'a, String> {
    pub(super) fn of_talent(t: &'a Talent) -> Self {
        RowFields {
            gender: t.gender,
            age: t.age,
            plays: t.playing_ages(),
            height_cm: t.height_cm,
            day_rate: t.day_rate_inr,
            free: (t.available_from, t.available_to),
            theatre_background: t.has_theatre_background(),
            city: &t.city,
            languages: &t.languages,
            skills: &t.skills,
        }
    }
}

impl<'a> RowFields<'a, &'a str> {
    pub(super) fn of_record(record: &'a TalentRecord<'a>) -> Self {
        let ((_, _, gender, age, height_cm, city, languages, skills, _, credits, ..), _) = record;
        let ((.., day_rate, _, from, to, min), (max, ..)) = record;
        RowFields {
            gender: *gender,
            age: *age,
            plays: playing_ages(*age, *min, *max),
            height_cm: *height_cm,
            day_rate: *day_rate,
            free: (*from, *to),
            theatre_background: theatre_background(skills, credits.iter().map(|c| c.0)),
            city,
            languages,
            skills,
        }
    }
}

impl Row {
    /// A row as postcard writes it (the fields in order, `Gender` as its index).
    pub(super) fn read(w: &mut Wire) -> Result<Row, String> {
        let (live, overflow, theatre_background) = (w.bool()?, w.bool()?, w.bool()?);
        let at = w.at();
        let (gender, _) = *Gender::NAMED
            .get(w.u32()? as usize)
            .ok_or_else(|| format!("no such gender at byte {at}"))?;
        let (age, plays, height_cm) = (w.u32()?, (w.u32()?, w.u32()?), w.u32()?);
        let day_rate = if w.bool()? { Some(w.u32()?) } else { None };
        Ok(Row {
            live,
            overflow,
            theatre_background,
            gender,
            age,
            plays,
            height_cm,
            day_rate,
            free: (w.i32()?, w.i32()?),
            city: TermSet::read(w)?,
            languages: TermSet::read(w)?,
            skills: TermSet::read(w)?,
        })
    }
}

impl TermSet {
    /// A set as postcard writes it: its words in order.
    fn read(w: &mut Wire) -> Result<TermSet, String> {
        let mut set = TermSet::default();
        for word in &mut set.0 {
            *word = w.u64()?;
        }
        Ok(set)
    }
}
