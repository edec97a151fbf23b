//! The shared vocabulary: canonical names of languages, cities and skills, their synonyms and
//! groupings. One table each, so a roster file, a brief and the feature vectors always agree.
//!
//! To teach CastMatch a new word, add it to the table here: the brief parser, the roster import
//! and the feature layout all read these tables.

use std::collections::HashMap;
use std::sync::OnceLock;

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

    /// Dance families, for "drop the dance requirement".
    pub fn is_dance(self) -> bool {
        matches!(
            self,
            SkillFamily::ClassicalDance | SkillFamily::FolkDance | SkillFamily::ModernDance
        )
    }
}

/// A canonical language: name, region, and the other words people write for it.
pub struct LanguageEntry {
    pub name: &'static str,
    pub region: Region,
    pub synonyms: &'static [&'static str],
}

/// A canonical city: today's name, region, and old or alternative names.
pub struct CityEntry {
    pub name: &'static str,
    pub region: Region,
    pub synonyms: &'static [&'static str],
}

/// A canonical skill: the form a casting sheet prints, its family, and synonyms.
pub struct SkillEntry {
    pub name: &'static str,
    pub family: SkillFamily,
    pub synonyms: &'static [&'static str],
}

use Region::*;
use SkillFamily::*;

macro_rules! lang {
    ($name:literal, $region:expr $(, $syn:literal)*) => {
        LanguageEntry { name: $name, region: $region, synonyms: &[$($syn),*] }
    };
}
macro_rules! city {
    ($name:literal, $region:expr $(, $syn:literal)*) => {
        CityEntry { name: $name, region: $region, synonyms: &[$($syn),*] }
    };
}
macro_rules! skill {
    ($name:literal, $family:expr $(, $syn:literal)*) => {
        SkillEntry { name: $name, family: $family, synonyms: &[$($syn),*] }
    };
}

pub static LANGUAGES: &[LanguageEntry] = &[
    lang!("hindi", North, "hindustani"),
    lang!("english", Abroad, "angrezi"),
    lang!("marathi", West),
    lang!("gujarati", West),
    lang!("bengali", East, "bangla"),
    lang!("tamil", South),
    lang!("telugu", South),
    lang!("kannada", South),
    lang!("malayalam", South),
    lang!("punjabi", North),
    lang!("urdu", North),
    lang!("odia", East, "oriya"),
    lang!("assamese", NorthEast, "asamiya"),
    lang!("konkani", West),
    lang!("bhojpuri", East),
    lang!("haryanvi", North),
    lang!("rajasthani", North, "marwari"),
    lang!("sindhi", West),
    lang!("kashmiri", North),
    lang!("tulu", South),
    lang!("maithili", East),
    lang!("awadhi", North),
    lang!("dogri", North),
    lang!("nepali", NorthEast),
    lang!("manipuri", NorthEast, "meitei"),
    lang!("khasi", NorthEast),
    lang!("mizo", NorthEast),
    lang!("santali", East),
    lang!("chhattisgarhi", Central),
    lang!("bundeli", Central),
    lang!("garhwali", North),
    lang!("kumaoni", North),
    lang!("himachali", North, "pahari"),
    lang!("sanskrit", North),
    lang!("french", Abroad),
    lang!("spanish", Abroad),
    lang!("german", Abroad),
    lang!("arabic", Abroad),
    lang!("japanese", Abroad),
    lang!("korean", Abroad),
    lang!("mandarin", Abroad, "chinese"),
    lang!("russian", Abroad),
    lang!("portuguese", Abroad),
    lang!("italian", Abroad),
    lang!("persian", Abroad, "farsi"),
];

pub static CITIES: &[CityEntry] = &[
    city!("mumbai", West, "bombay", "navi mumbai", "thane"),
    city!("delhi", North, "new delhi", "dilli", "ncr"),
    city!("bengaluru", South, "bangalore", "bengalooru"),
    city!("kolkata", East, "calcutta"),
    city!("chennai", South, "madras"),
    city!("hyderabad", South, "secunderabad"),
    city!("pune", West, "poona"),
    city!("ahmedabad", West, "amdavad"),
    city!("surat", West),
    city!("vadodara", West, "baroda"),
    city!("rajkot", West),
    city!("jaipur", North),
    city!("jodhpur", North),
    city!("udaipur", North),
    city!("lucknow", North),
    city!("kanpur", North, "cawnpore"),
    city!("varanasi", North, "benares", "banaras", "kashi"),
    city!("prayagraj", North, "allahabad"),
    city!("agra", North),
    city!("noida", North),
    city!("rohtak", North),
    city!("gurugram", North, "gurgaon"),
    city!("chandigarh", North),
    city!("amritsar", North),
    city!("ludhiana", North),
    city!("jalandhar", North),
    city!("dehradun", North),
    city!("shimla", North),
    city!("srinagar", North),
    city!("jammu", North),
    city!("bhopal", Central),
    city!("indore", Central),
    city!("raipur", Central),
    city!("nagpur", West),
    city!("nashik", West),
    city!("aurangabad", West, "chhatrapati sambhajinagar"),
    city!("kolhapur", West),
    city!("goa", West, "panaji", "panjim", "margao"),
    city!("patna", East),
    city!("ranchi", East),
    city!("bhubaneswar", East),
    city!("cuttack", East),
    city!("guwahati", NorthEast, "gauhati"),
    city!("shillong", NorthEast),
    city!("imphal", NorthEast),
    city!("kochi", South, "cochin", "ernakulam"),
    city!("thiruvananthapuram", South, "trivandrum"),
    city!("kozhikode", South, "calicut"),
    city!("thrissur", South, "trichur"),
    city!("mangaluru", South, "mangalore"),
    city!("mysuru", South, "mysore"),
    city!("hubballi", South, "hubli"),
    city!("coimbatore", South, "kovai"),
    city!("madurai", South),
    city!("tiruchirappalli", South, "trichy"),
    city!("puducherry", South, "pondicherry", "pondy"),
    city!("visakhapatnam", South, "vizag"),
    city!("vijayawada", South),
    city!("warangal", South),
];

pub static SKILLS: &[SkillEntry] = &[
    skill!("kathak", ClassicalDance),
    skill!(
        "bharatanatyam",
        ClassicalDance,
        "bharatnatyam",
        "bharata natyam"
    ),
    skill!("odissi", ClassicalDance),
    skill!("kuchipudi", ClassicalDance),
    skill!("mohiniyattam", ClassicalDance, "mohiniattam"),
    skill!("manipuri dance", ClassicalDance),
    skill!("kathakali", ClassicalDance),
    skill!(
        "bollywood dance",
        ModernDance,
        "bollywood dancing",
        "filmi dance"
    ),
    skill!("contemporary dance", ModernDance, "contemporary"),
    skill!(
        "hip hop",
        ModernDance,
        "hip-hop",
        "hiphop",
        "breakdance",
        "breaking"
    ),
    skill!("salsa", ModernDance),
    skill!("ballet", ModernDance),
    skill!("jazz dance", ModernDance),
    skill!("bhangra", FolkDance),
    skill!("garba", FolkDance, "dandiya"),
    skill!("lavani", FolkDance),
    skill!("ghoomar", FolkDance),
    skill!("bihu", FolkDance),
    skill!("chhau", FolkDance),
    skill!("giddha", FolkDance),
    skill!(
        "singing",
        Vocal,
        "sings",
        "singer",
        "vocals",
        "playback singing"
    ),
    skill!(
        "hindustani classical",
        Vocal,
        "hindustani vocals",
        "hindustani music"
    ),
    skill!(
        "carnatic classical",
        Vocal,
        "carnatic vocals",
        "carnatic music",
        "carnatic"
    ),
    skill!("rabindra sangeet", Vocal, "rabindrasangeet"),
    skill!("qawwali", Vocal),
    skill!("ghazal", Vocal, "ghazal singing"),
    skill!("rap", Vocal, "rapping", "rapper"),
    skill!("guitar", Instrument, "guitarist", "plays guitar"),
    skill!("tabla", Instrument),
    skill!("sitar", Instrument),
    skill!("flute", Instrument, "bansuri"),
    skill!("piano", Instrument, "keyboard", "pianist"),
    skill!("violin", Instrument, "violinist"),
    skill!("drums", Instrument, "drummer"),
    skill!("dhol", Instrument),
    skill!("harmonium", Instrument),
    skill!("veena", Instrument),
    skill!("mridangam", Instrument),
    skill!("kalaripayattu", MartialArts, "kalari", "kalaripayat"),
    skill!("karate", MartialArts),
    skill!("taekwondo", MartialArts),
    skill!("kung fu", MartialArts, "kungfu"),
    skill!("judo", MartialArts),
    skill!("mma", MartialArts, "mixed martial arts"),
    skill!("boxing", MartialArts, "boxer"),
    skill!("kickboxing", MartialArts, "kick boxing", "kickboxer"),
    skill!("gatka", MartialArts),
    skill!("silambam", MartialArts),
    skill!("wrestling", MartialArts, "wrestler", "kushti", "pehlwani"),
    skill!("fencing", MartialArts, "sword fighting", "swordplay"),
    skill!("archery", Sport),
    skill!("cricket", Sport, "cricketer"),
    skill!("football", Sport, "soccer", "footballer"),
    skill!("hockey", Sport),
    skill!("kabaddi", Sport),
    skill!("badminton", Sport),
    skill!("tennis", Sport),
    skill!("basketball", Sport),
    skill!("athletics", Sport, "running", "sprinting"),
    skill!("swimming", Sport, "swim", "swimmer", "can swim", "swims"),
    skill!("surfing", Sport, "surfer"),
    skill!(
        "skating",
        Sport,
        "skateboarding",
        "roller skating",
        "skate",
        "skates",
        "skater",
        "ice skating"
    ),
    skill!(
        "horse riding",
        Riding,
        "horseback riding",
        "horse-riding",
        "rides a horse",
        "ride a horse",
        "equestrian"
    ),
    skill!(
        "motorcycle riding",
        Riding,
        "motorbike riding",
        "rides a motorbike",
        "rides a bike",
        "bike riding",
        "biker"
    ),
    skill!(
        "car driving",
        Riding,
        "driving",
        "drives",
        "driver",
        "can drive"
    ),
    skill!("cycling", Riding, "cyclist"),
    skill!(
        "stunts",
        Stunts,
        "stunt work",
        "stuntman",
        "stunt",
        "action stunts"
    ),
    skill!("parkour", Stunts, "free running", "freerunning"),
    skill!("gymnastics", Fitness, "gymnast"),
    skill!("yoga", Fitness),
    skill!("bodybuilding", Fitness, "bodybuilder"),
    skill!("aerial silks", Fitness),
    skill!(
        "stand-up comedy",
        Comedy,
        "stand-up",
        "stand up comedy",
        "standup",
        "stand-up comedian",
        "standup comedian",
        "comedian"
    ),
    skill!("improv", Comedy, "improvisation"),
    skill!("mimicry", Comedy, "mimic"),
    skill!(
        "voice-over",
        Voice,
        "voice over",
        "voiceover",
        "dubbing",
        "voice acting"
    ),
    skill!("anchoring", Voice, "anchor", "hosting", "emcee"),
    skill!(
        "theatre",
        Stage,
        "theater",
        "stage acting",
        "theatre-trained",
        "theatre trained"
    ),
    skill!("nukkad natak", Stage, "street theatre"),
    skill!("puppetry", Stage),
    skill!("magic", Stage, "magician"),
    skill!("juggling", Stage),
    skill!("modelling", Stage, "modeling", "model"),
];

fn index<T>(
    entries: &'static [T],
    names: impl Fn(&'static T) -> Vec<&'static str>,
) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, entry) in entries.iter().enumerate() {
        for name in names(entry) {
            map.insert(name.to_string(), i);
        }
    }
    map
}

fn language_index() -> &'static HashMap<String, usize> {
    static MAP: OnceLock<HashMap<String, usize>> = OnceLock::new();
    MAP.get_or_init(|| {
        index(LANGUAGES, |e| {
            std::iter::once(e.name)
                .chain(e.synonyms.iter().copied())
                .collect()
        })
    })
}

fn city_index() -> &'static HashMap<String, usize> {
    static MAP: OnceLock<HashMap<String, usize>> = OnceLock::new();
    MAP.get_or_init(|| {
        index(CITIES, |e| {
            std::iter::once(e.name)
                .chain(e.synonyms.iter().copied())
                .collect()
        })
    })
}

fn skill_index() -> &'static HashMap<String, usize> {
    static MAP: OnceLock<HashMap<String, usize>> = OnceLock::new();
    MAP.get_or_init(|| {
        index(SKILLS, |e| {
            std::iter::once(e.name)
                .chain(e.synonyms.iter().copied())
                .collect()
        })
    })
}

/// Lower case, trimmed, inner whitespace collapsed to one space.
///
/// Case folding is ASCII only, here and wherever text is compared (briefs, rosters, memory):
/// every canonical value is ASCII and Indian scripts have no case, while full Unicode folding
/// would put 24 KB of case tables into the `.wasm`. An accented capital stays as typed.
pub fn normalise(raw: &str) -> String {
    raw.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_lowercase()
}

/// The language entry a name or synonym refers to.
pub fn language(raw: &str) -> Option<&'static LanguageEntry> {
    language_index()
        .get(&normalise(raw))
        .map(|&i| &LANGUAGES[i])
}

/// The city entry a name or old name refers to.
pub fn city(raw: &str) -> Option<&'static CityEntry> {
    city_index().get(&normalise(raw)).map(|&i| &CITIES[i])
}

/// The skill entry a name or synonym refers to.
pub fn skill(raw: &str) -> Option<&'static SkillEntry> {
    skill_index().get(&normalise(raw)).map(|&i| &SKILLS[i])
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
    fn every_synonym_is_unique_across_entries() {
        // A synonym listed under two entries would make the tables ambiguous.
        let mut seen = std::collections::HashSet::new();
        for e in SKILLS {
            for n in std::iter::once(&e.name).chain(e.synonyms) {
                assert!(seen.insert(*n), "skill word {n:?} listed twice");
            }
        }
        let mut seen = std::collections::HashSet::new();
        for e in CITIES {
            for n in std::iter::once(&e.name).chain(e.synonyms) {
                assert!(seen.insert(*n), "city word {n:?} listed twice");
            }
        }
    }
}
