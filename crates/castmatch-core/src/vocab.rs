//! The one vocabulary: canonical names of languages, cities and skills, their synonyms (other
//! spellings, old names, other scripts) and groupings, read by the roster import, the brief
//! parser, `Requirements` and memory alike; and `Vocabulary`, the same extended by a roster.
//!
//! The tables are data, `vocab.txt`, one term a line: `KIND NAME / GROUP: synonym|synonym|...`
//! (`skill kathak / classical dance: kathhak`). KIND is language, city or skill; GROUP is a
//! region for languages and cities and a family for skills. A test refuses a line that does not
//! read and a word listed for two terms of a kind. To teach CastMatch a word, add it there.

use std::collections::{BTreeSet, HashMap};
use std::sync::{LazyLock, OnceLock};

/// Broad region of India, used to group languages and cities in the feature vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Region {
    North,
    West,
    South,
    East,
    NorthEast,
    Central,
    Abroad,
}

impl Region {
    pub const ALL: [Region; 7] = [
        Region::North,
        Region::West,
        Region::South,
        Region::East,
        Region::NorthEast,
        Region::Central,
        Region::Abroad,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The region `vocab.txt` names ("north east").
    fn parse(name: &str) -> Option<Region> {
        const NAMES: [&str; 7] = [
            "north",
            "west",
            "south",
            "east",
            "north east",
            "central",
            "abroad",
        ];
        NAMES
            .iter()
            .position(|n| *n == name)
            .map(|i| Region::ALL[i])
    }
}

/// Families of skills: a Kathak dancer sits near an Odissi dancer because both are
/// `ClassicalDance`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SkillFamily {
    ClassicalDance,
    FolkDance,
    ModernDance,
    Vocal,
    Instrument,
    MartialArts,
    Sport,
    Riding,
    Stunts,
    Comedy,
    Voice,
    Stage,
    Fitness,
}

impl SkillFamily {
    pub const ALL: [SkillFamily; 13] = [
        SkillFamily::ClassicalDance,
        SkillFamily::FolkDance,
        SkillFamily::ModernDance,
        SkillFamily::Vocal,
        SkillFamily::Instrument,
        SkillFamily::MartialArts,
        SkillFamily::Sport,
        SkillFamily::Riding,
        SkillFamily::Stunts,
        SkillFamily::Comedy,
        SkillFamily::Voice,
        SkillFamily::Stage,
        SkillFamily::Fitness,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The family `vocab.txt` names ("classical dance").
    fn parse(name: &str) -> Option<SkillFamily> {
        const NAMES: [&str; 13] = [
            "classical dance",
            "folk dance",
            "modern dance",
            "vocal",
            "instrument",
            "martial arts",
            "sport",
            "riding",
            "stunts",
            "comedy",
            "voice",
            "stage",
            "fitness",
        ];
        NAMES
            .iter()
            .position(|n| *n == name)
            .map(|i| SkillFamily::ALL[i])
    }

    /// The performing arts (dance, song, music, comedy, voice, stage): what a performer shows
    /// on camera and an agency lists. Sports, fights and riding are practices a bio tells.
    pub fn is_performing(self) -> bool {
        !matches!(
            self,
            SkillFamily::MartialArts
                | SkillFamily::Sport
                | SkillFamily::Riding
                | SkillFamily::Stunts
                | SkillFamily::Fitness
        )
    }

    /// Dance families, for "drop the dance requirement".
    pub fn is_dance(self) -> bool {
        matches!(
            self,
            SkillFamily::ClassicalDance | SkillFamily::FolkDance | SkillFamily::ModernDance
        )
    }
}

/// A generic skill: "a dancer", "can dance", "martial artist" ask for any form of a group, and
/// a talent with any one of them meets it. Membership is a rule on the skill's name, so a
/// filter holds exactly: a built-in skill belongs by its family, a roster's own skill by its
/// words ("belly dancing" and "tap dance" are dance forms).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SkillGroup {
    Dance,
    ClassicalDance,
    FolkDance,
    MartialArts,
    Instrument,
    Sport,
}

impl SkillGroup {
    pub const ALL: [SkillGroup; 6] = [
        SkillGroup::Dance,
        SkillGroup::ClassicalDance,
        SkillGroup::FolkDance,
        SkillGroup::MartialArts,
        SkillGroup::Instrument,
        SkillGroup::Sport,
    ];

    /// The canonical name, as `Requirements::skill_groups` holds it.
    pub fn name(self) -> &'static str {
        match self {
            SkillGroup::Dance => "dance",
            SkillGroup::ClassicalDance => "classical dance",
            SkillGroup::FolkDance => "folk dance",
            SkillGroup::MartialArts => "martial arts",
            SkillGroup::Instrument => "instrument",
            SkillGroup::Sport => "sport",
        }
    }

    /// The group a name means ("Dance", "martial arts").
    pub fn parse(raw: &str) -> Option<SkillGroup> {
        let name = normalise(raw);
        SkillGroup::ALL.into_iter().find(|g| g.name() == name)
    }

    /// The group as a person reads it: "any dance form".
    pub fn describe(self) -> &'static str {
        match self {
            SkillGroup::Dance => "any dance form",
            SkillGroup::ClassicalDance => "any classical dance form",
            SkillGroup::FolkDance => "any folk dance form",
            SkillGroup::MartialArts => "any martial art",
            SkillGroup::Instrument => "any instrument",
            SkillGroup::Sport => "any sport",
        }
    }

    /// Whether a canonical skill is one of the group's forms.
    pub fn includes(self, skill: &str) -> bool {
        let family = self::skill(skill).map(|e| e.family);
        let by_family = match self {
            SkillGroup::Dance => family.is_some_and(SkillFamily::is_dance),
            SkillGroup::ClassicalDance => family == Some(SkillFamily::ClassicalDance),
            SkillGroup::FolkDance => family == Some(SkillFamily::FolkDance),
            SkillGroup::MartialArts => family == Some(SkillFamily::MartialArts),
            SkillGroup::Instrument => family == Some(SkillFamily::Instrument),
            SkillGroup::Sport => family == Some(SkillFamily::Sport),
        };
        let by_words = match self {
            SkillGroup::Dance => family.is_none() && skill.contains("danc"),
            SkillGroup::MartialArts => family.is_none() && skill.contains("martial"),
            _ => false,
        };
        by_family || by_words
    }
}

/// Which list of the vocabulary a term belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TermKind {
    Language,
    City,
    Skill,
}

impl TermKind {
    pub const ALL: [TermKind; 3] = [TermKind::Language, TermKind::City, TermKind::Skill];

    /// The kind as a noun: "language", "city", "skill".
    pub fn noun(self) -> &'static str {
        match self {
            TermKind::Language => "language",
            TermKind::City => "city",
            TermKind::Skill => "skill",
        }
    }
}

/// A canonical language or city: its name, its region, and the other words people write for
/// it (other spellings, old names, other scripts).
#[derive(Debug)]
pub struct PlaceEntry {
    pub name: &'static str,
    pub region: Region,
    pub synonyms: Vec<&'static str>,
}

/// A language: where it is spoken is its region.
pub type LanguageEntry = PlaceEntry;
/// A city.
pub type CityEntry = PlaceEntry;

/// A canonical skill: the form a casting sheet prints, its family, and synonyms.
#[derive(Debug)]
pub struct SkillEntry {
    pub name: &'static str,
    pub family: SkillFamily,
    pub synonyms: Vec<&'static str>,
}

/// What every entry has: a name and other words for it.
pub trait Named {
    fn name(&self) -> &'static str;
    fn synonyms(&self) -> &[&'static str];
    /// The name and every synonym.
    fn words(&self) -> impl Iterator<Item = &'static str> {
        std::iter::once(self.name()).chain(self.synonyms().iter().copied())
    }
}

macro_rules! named {
    ($($entry:ty),*) => {$(
        impl Named for $entry {
            fn name(&self) -> &'static str {
                self.name
            }
            fn synonyms(&self) -> &[&'static str] {
                &self.synonyms
            }
        }
    )*};
}
named!(PlaceEntry, SkillEntry);

/// One line of `vocab.txt`: its kind, name, group and synonyms; None for comments, blank lines
/// and lines that do not read (the test refuses those).
fn line(line: &'static str) -> Option<(TermKind, &'static str, &'static str, Vec<&'static str>)> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') {
        return None;
    }
    let (head, synonyms) = line.split_once(": ").unwrap_or((line, ""));
    let (kind, rest) = head.split_once(' ')?;
    let (name, group) = rest.split_once(" / ")?;
    let kind = TermKind::ALL.into_iter().find(|k| k.noun() == kind)?;
    let synonyms = synonyms.split('|').filter(|s| !s.is_empty()).collect();
    Some((kind, name, group, synonyms))
}

type Make<T> = fn(&'static str, &str, Vec<&'static str>) -> Option<T>;

fn entries<T>(kind: TermKind, make: Make<T>) -> Vec<T> {
    crate::words::vocab()
        .lines()
        .filter_map(line)
        .filter(|l| l.0 == kind)
        .filter_map(|(_, name, group, synonyms)| make(name, group, synonyms))
        .collect()
}

fn place(name: &'static str, group: &str, synonyms: Vec<&'static str>) -> Option<PlaceEntry> {
    let region = Region::parse(group)?;
    Some(PlaceEntry {
        name,
        region,
        synonyms,
    })
}

pub static LANGUAGES: LazyLock<Vec<LanguageEntry>> =
    LazyLock::new(|| entries(TermKind::Language, place));
pub static CITIES: LazyLock<Vec<CityEntry>> = LazyLock::new(|| entries(TermKind::City, place));
pub static SKILLS: LazyLock<Vec<SkillEntry>> = LazyLock::new(|| {
    entries(TermKind::Skill, |name, group, synonyms| {
        let family = SkillFamily::parse(group)?;
        Some(SkillEntry {
            name,
            family,
            synonyms,
        })
    })
});

fn index<T: Named>(entries: &'static [T]) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        for word in entry.words() {
            map.insert(normalise(word), i);
        }
    }
    map
}

fn language_index() -> &'static HashMap<String, usize> {
    static MAP: OnceLock<HashMap<String, usize>> = OnceLock::new();
    MAP.get_or_init(|| index(&LANGUAGES))
}

fn city_index() -> &'static HashMap<String, usize> {
    static MAP: OnceLock<HashMap<String, usize>> = OnceLock::new();
    MAP.get_or_init(|| index(&CITIES))
}

fn skill_index() -> &'static HashMap<String, usize> {
    static MAP: OnceLock<HashMap<String, usize>> = OnceLock::new();
    MAP.get_or_init(|| index(&SKILLS))
}

/// The entry `raw` names: looked up as given first (canonical values, already normalised, do
/// not allocate), then normalised.
fn find<T>(index: &HashMap<String, usize>, entries: &'static [T], raw: &str) -> Option<&'static T> {
    index
        .get(raw)
        .or_else(|| index.get(&normalise(raw)))
        .map(|&i| &entries[i])
}

/// One spelling for Devanagari words typed in different ways: nukta letters as their base
/// letter (ड़ and ड़ as ड, ज़ as ज), candrabindu as anusvara (माँ as मां), no joiners.
pub(crate) fn fold_devanagari(word: &str) -> String {
    word.chars()
        .filter_map(|c| match c {
            '\u{093C}' | '\u{200C}' | '\u{200D}' => None,
            '\u{0901}' => Some('\u{0902}'),
            '\u{0958}' => Some('\u{0915}'),
            '\u{0959}' => Some('\u{0916}'),
            '\u{095A}' => Some('\u{0917}'),
            '\u{095B}' => Some('\u{091C}'),
            '\u{095C}' => Some('\u{0921}'),
            '\u{095D}' => Some('\u{0922}'),
            '\u{095E}' => Some('\u{092B}'),
            '\u{095F}' => Some('\u{092F}'),
            c => Some(c),
        })
        .collect()
}

/// Lower case, trimmed, inner whitespace collapsed to one space; Devanagari in one spelling
/// (`fold_devanagari`).
///
/// Case folding is ASCII only, here and wherever text is compared (briefs, rosters, memory):
/// every canonical value is ASCII and Indian scripts have no case, while full Unicode folding
/// would put 24 KB of case tables into the `.wasm`. An accented capital stays as typed.
pub fn normalise(raw: &str) -> String {
    let text = raw
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase();
    if text.is_ascii() {
        text
    } else {
        fold_devanagari(&text)
    }
}

/// The language entry a name or synonym refers to.
pub fn language(raw: &str) -> Option<&'static LanguageEntry> {
    find(language_index(), &LANGUAGES, raw)
}

/// The city entry a name or old name refers to.
pub fn city(raw: &str) -> Option<&'static CityEntry> {
    find(city_index(), &CITIES, raw)
}

/// The skill entry a name or synonym refers to.
pub fn skill(raw: &str) -> Option<&'static SkillEntry> {
    find(skill_index(), &SKILLS, raw)
}

/// The canonical built-in name of a term of `kind` that `raw` names.
pub fn builtin(kind: TermKind, raw: &str) -> Option<&'static str> {
    match kind {
        TermKind::Language => language(raw).map(|e| e.name),
        TermKind::City => city(raw).map(|e| e.name),
        TermKind::Skill => skill(raw).map(|e| e.name),
    }
}

/// Every built-in word (names and synonyms) of `kind`, with the canonical name it means.
pub fn builtin_words(kind: TermKind) -> Box<dyn Iterator<Item = (&'static str, &'static str)>> {
    fn of<T: Named>(
        entries: &'static [T],
    ) -> Box<dyn Iterator<Item = (&'static str, &'static str)>> {
        Box::new(
            entries
                .iter()
                .flat_map(|e| e.words().map(move |w| (w, e.name()))),
        )
    }
    match kind {
        TermKind::Language => of(&LANGUAGES),
        TermKind::City => of(&CITIES),
        TermKind::Skill => of(&SKILLS),
    }
}

/// The canonical form of a roster's language value: known names map to their canonical name,
/// unknown ones are kept, normalised, so nothing a file says is lost.
pub fn canonical_language(raw: &str) -> String {
    language(raw).map_or_else(|| normalise(raw), |e| e.name.to_string())
}

/// The canonical form of a roster's city value (Bombay -> mumbai); unknown cities are kept.
pub fn canonical_city(raw: &str) -> String {
    city(raw).map_or_else(|| normalise(raw), |e| e.name.to_string())
}

/// The canonical form of a roster's skill value (kalari -> kalaripayattu); unknown are kept.
pub fn canonical_skill(raw: &str) -> String {
    skill(raw).map_or_else(|| normalise(raw), |e| e.name.to_string())
}

/// The vocabulary as a loaded roster extends it: the built-in tables, and the terms the roster
/// holds that they lack, in the roster's own spelling ("rock climbing", "muay thai"). A brief
/// and a requirement set understand both; a value in neither is unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    roster: [BTreeSet<String>; 3],
}

impl Vocabulary {
    /// The built-in vocabulary alone.
    pub fn builtin() -> &'static Vocabulary {
        static BUILTIN: Vocabulary = Vocabulary {
            roster: [BTreeSet::new(), BTreeSet::new(), BTreeSet::new()],
        };
        &BUILTIN
    }

    /// Learns a roster's value (already canonical, as the import writes it); a built-in term
    /// needs no learning.
    pub fn learn(&mut self, kind: TermKind, value: &str) {
        let terms = &mut self.roster[kind as usize];
        if !value.is_empty() && !terms.contains(value) && builtin(kind, value).is_none() {
            terms.insert(value.to_string());
        }
    }

    /// The terms of `kind` the roster adds to the built-in ones.
    pub fn roster_terms(&self, kind: TermKind) -> impl Iterator<Item = &str> {
        self.roster[kind as usize].iter().map(String::as_str)
    }

    /// The canonical name `raw` means: a built-in name or synonym ("Bombay" -> "mumbai"), or a
    /// roster term in any case or spacing ("Rock  Climbing" -> "rock climbing").
    pub fn canonical(&self, kind: TermKind, raw: &str) -> Option<String> {
        if let Some(name) = builtin(kind, raw) {
            return Some(name.to_string());
        }
        let name = normalise(raw);
        self.roster[kind as usize].contains(&name).then_some(name)
    }

    /// Up to `n` known names of `kind` nearest to `raw` in spelling, nearest first.
    pub fn nearest<'a>(&'a self, kind: TermKind, raw: &str, n: usize) -> Vec<String> {
        let raw = normalise(raw);
        // The best `n` so far, nearest first: a short list, kept by insertion.
        let mut best: Vec<(usize, &str)> = Vec::with_capacity(n + 1);
        let mut consider = |word: &str, name: &'a str| {
            let d = strsim::osa_distance(&raw, word);
            if let Some(i) = best.iter().position(|b| b.1 == name) {
                if d >= best[i].0 {
                    return;
                }
                best.remove(i);
            }
            let at = best
                .iter()
                .position(|b| (d, name) < *b)
                .unwrap_or(best.len());
            if at < n {
                best.insert(at, (d, name));
                best.truncate(n);
            }
        };
        for (word, name) in builtin_words(kind) {
            consider(word, name);
        }
        for term in self.roster_terms(kind) {
            consider(term, term);
        }
        best.into_iter().map(|(_, name)| name.to_string()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_city_names_map_to_todays() {
        assert_eq!(canonical_city(" Bombay "), "mumbai");
        assert_eq!(canonical_city("BANGALORE"), "bengaluru");
        assert_eq!(canonical_city("Cochin"), "kochi");
        assert_eq!(canonical_city("Gurgaon"), "gurugram");
        assert_eq!(canonical_city("New  Delhi"), "delhi");
    }

    #[test]
    fn unknown_values_are_kept_normalised() {
        assert_eq!(canonical_city("  Timbuktu "), "timbuktu");
        assert_eq!(canonical_skill("Underwater  Welding"), "underwater welding");
    }

    #[test]
    fn skill_synonyms_and_families() {
        assert_eq!(canonical_skill("Kalari"), "kalaripayattu");
        assert_eq!(canonical_skill("horseback riding"), "horse riding");
        assert_eq!(
            skill("kathak").unwrap().family,
            skill("odissi").unwrap().family
        );
        assert_ne!(
            skill("kathak").unwrap().family,
            skill("boxing").unwrap().family
        );
    }

    #[test]
    fn every_line_reads_and_every_word_names_one_term() {
        // A word listed for two terms would make the tables ambiguous, whatever their kinds.
        let mut terms_of: HashMap<String, Vec<String>> = HashMap::new();
        for (n, text) in crate::words::vocab().lines().enumerate() {
            if text.trim().is_empty() || text.starts_with('#') {
                continue;
            }
            let (kind, name, group, synonyms) =
                line(text).unwrap_or_else(|| panic!("vocab.txt line {}: {text}", n + 1));
            let grouped = match kind {
                TermKind::Skill => SkillFamily::parse(group).is_some(),
                _ => Region::parse(group).is_some(),
            };
            assert!(grouped, "vocab.txt line {}: unknown group {group:?}", n + 1);
            for word in std::iter::once(name).chain(synonyms) {
                let lower = !word.bytes().any(|b| b.is_ascii_uppercase());
                assert!(lower && word.trim() == word, "line {}: {word:?}", n + 1);
                terms_of
                    .entry(normalise(word))
                    .or_default()
                    .push(format!("{} {name}", kind.noun()));
            }
        }
        let mut repeated: Vec<_> = terms_of.iter().filter(|(_, t)| t.len() > 1).collect();
        repeated.sort();
        assert!(repeated.is_empty(), "words listed twice: {repeated:?}");
    }

    #[test]
    fn a_roster_extends_the_vocabulary() {
        let mut v = Vocabulary::default();
        v.learn(TermKind::Skill, "rock climbing");
        v.learn(TermKind::Skill, "kathak");
        v.learn(TermKind::City, "sangli");
        assert_eq!(
            v.roster_terms(TermKind::Skill).collect::<Vec<_>>(),
            ["rock climbing"]
        );
        assert_eq!(
            v.canonical(TermKind::Skill, "Rock  Climbing").as_deref(),
            Some("rock climbing")
        );
        assert_eq!(
            v.canonical(TermKind::City, "Bombay").as_deref(),
            Some("mumbai")
        );
        assert_eq!(v.canonical(TermKind::City, "Atlantis"), None);
        assert_eq!(
            Vocabulary::builtin().canonical(TermKind::Skill, "rock climbing"),
            None
        );
        assert_eq!(v.nearest(TermKind::City, "Sangly", 1), ["sangli"]);
        assert_eq!(v.nearest(TermKind::Skill, "kathac", 2)[0], "kathak");
        assert_eq!(v.nearest(TermKind::City, "Bombai", 1), ["mumbai"]);
    }

    #[test]
    fn a_group_holds_its_forms_by_family_or_by_name() {
        assert!(SkillGroup::Dance.includes("kathak") && SkillGroup::Dance.includes("hip hop"));
        assert!(
            SkillGroup::Dance.includes("belly dancing") && SkillGroup::Dance.includes("tap dance")
        );
        assert!(!SkillGroup::Dance.includes("boxing") && !SkillGroup::Dance.includes("singing"));
        assert!(SkillGroup::ClassicalDance.includes("odissi"));
        assert!(!SkillGroup::ClassicalDance.includes("bhangra"));
        assert_eq!(
            SkillGroup::parse(" Martial  Arts"),
            Some(SkillGroup::MartialArts)
        );
    }

    #[test]
    fn spellings_from_every_source_agree() {
        for (kind, raw, name) in [
            (TermKind::Language, "Odiya", "odia"),
            (TermKind::Language, "Malayali", "malayalam"),
            (TermKind::Skill, "Bharathanatyam", "bharatanatyam"),
            (TermKind::Skill, "Kalarippayattu", "kalaripayattu"),
        ] {
            assert_eq!(builtin(kind, raw), Some(name), "{raw}");
        }
    }
}
