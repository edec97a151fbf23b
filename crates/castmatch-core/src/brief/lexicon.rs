//! The brief parser's dictionary: every phrase it knows and what each one means, looked up
//! longest match first. Its own words are data (`lexicon.txt`); languages, cities and skills
//! come from `vocab`.
//!
//! `lexicon.txt` holds one entry a line, `MEANING [+ MEANING ...]: phrase|phrase|...`. A meaning
//! is a name, with an argument in parentheses for some: `gender(female)`, `age(60-)`,
//! `skill(yoga)`, `field(cities)`, `any of(age)`. The rules, which a test enforces:
//! - a phrase appears on exactly one line and has every meaning of that line, so a phrase that
//!   means two things says so in one place (`gender(male) + age(60-): old man`);
//! - no phrase of the lexicon is also a vocabulary word (vocabulary words mean their term);
//! - every line reads; a skill or language argument is a canonical vocabulary name.
//!
//! So there is no precedence to settle between entries: the longest phrase wins, and a phrase
//! has one line. Marks (`modifier`, `type noun`, `role noun`, `swap into`, `conjunction`, `role
//! scope`) give a word a part in a sentence's structure and place nothing on their own; a
//! `stance` is what a stated preference asks ("prefer", "avoid", "never show me").

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use crate::roster::Gender;
use crate::vocab::{self, SkillGroup, TermKind, Vocabulary};

use super::morph::{stem, stem_key};
use super::statement::Stance;
use super::tokens::{Kind, Token};

/// A field of `Requirements` a refinement can name ("forget the city").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Field {
    Gender,
    Age,
    Height,
    Languages,
    Skills,
    Cities,
    Look,
}

/// What a known phrase means to the parser.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Lexeme {
    Language(&'static str),
    City(&'static str),
    Skill(&'static str),
    /// A word that names the role's gender ("mother", "hero").
    Gender(Gender),
    /// A pronoun: a weak hint, used only when nothing names the gender.
    Pronoun(Gender),
    /// "F" / "M": a gender only when it stands alone or next to an age ("F, 25-30", "25M").
    GenderLetter(Gender),
    /// "any gender", "male or female".
    AnyGender,
    /// An age band named by a word ("teenager", "elderly"); max None = open.
    AgeBand(u32, Option<u32>),
    /// Look or type, kept as a note ("tall", "bearded"): the phrase itself.
    Look(&'static str),
    /// Who the role is (cop, doctor, sidekick): kept as a look or type with the words that
    /// describe it ("retired army major", "comic sidekick").
    RoleType,
    /// Mark: a word that sharpens a look ("*great* comic timing").
    Quality,
    /// Mark: who practises a skill; after one it is part of the skill ("MMA *fighter*").
    Practitioner,
    /// Mark: a possessive postposition; the word before it is the owner ("बेटे *की* माँ", the
    /// son's mother), unless a role noun follows ("माँ *का* रोल", the mother's role).
    Possessive,
    /// Known but not placeable as a requirement (a state, "martial arts"): reported back.
    Unplaced,
    /// A noun that turns a preceding language into a community ("Marwari family").
    Community,
    /// Marks what is near it as wanted, not required ("a plus", "ideally").
    Prefer,
    /// Marks what is near it as required ("must", "mandatory").
    Require,
    /// Negates what follows in its clause ("no", "not", "without").
    Negate,
    /// Negates what precedes it in its clause ("not required", "no bar").
    NegateBefore,
    /// Clears what follows ("drop", "forget", "remove").
    Clear,
    /// "swap X for Y", "replace X with Y": X goes, Y comes.
    Swap,
    /// Names a field, for clearing ("the city", "age range").
    Field(Field),
    /// A generic skill: "a dancer" wants any dance form; "drop the dance" clears them all.
    Generic(SkillGroup),
    /// "any age", "anywhere": clears that field.
    AnyOf(Field),
    /// Adds to the standing brief ("also", "add", "as well").
    Also,
    /// Replaces the standing value ("actually", "instead", "only").
    Instead,
    /// Starts a new role, at the start of a turn ("next", "new role").
    NextRole,
    /// Clears the whole brief ("start over").
    Reset,
    Older,
    Younger,
    /// "much", "a lot": a bigger age shift.
    Much,
    /// Words after which a gender or age describes someone else ("mother of a boy").
    Relational,
    Or,
    /// Ends a clause ("but", "however").
    Break,
    /// Role nouns and production context (cop, ad, web series): known, placing nothing.
    Context,
    /// Known words with no bearing on the requirements.
    Filler,
    /// Mark: a word a relational phrase reaches over ("mother of *a little* boy").
    Modifier,
    /// Mark: an article or possessive before a verb's object ("runs *a* dhaba").
    Determiner,
    /// Mark: what precedes it describes a look or type ("wrestler *type*", "Bengali *look*").
    TypeNoun,
    /// Mark: a role noun after which "of" introduces the role itself ("*role* of a mother").
    RoleNoun,
    /// Mark: in "swap X for Y", the word before what comes in.
    SwapInto,
    /// Mark: "and": splits a clause that mixes "must" and "a plus".
    Conjunction,
    /// Mark: "for" / "in" before the roles a statement covers ("for mother roles").
    RoleScope,
    /// What a stated preference asks: "prefer", "avoid", "never show me".
    Stance(Stance),
}

impl Lexeme {
    /// A mark: a part in a sentence's structure, placing nothing.
    pub fn is_mark(&self) -> bool {
        matches!(
            self,
            Lexeme::Modifier
                | Lexeme::Determiner
                | Lexeme::TypeNoun
                | Lexeme::RoleNoun
                | Lexeme::SwapInto
                | Lexeme::Conjunction
                | Lexeme::RoleScope
                | Lexeme::Quality
                | Lexeme::Practitioner
                | Lexeme::Possessive
        )
    }

    /// A set value the brief can hold: a language, city or skill.
    pub fn is_set_value(&self) -> bool {
        matches!(
            self,
            Lexeme::Language(_) | Lexeme::City(_) | Lexeme::Skill(_)
        )
    }
}

/// The meaning of a vocabulary term.
pub(crate) fn term(kind: TermKind, name: &'static str) -> Lexeme {
    match kind {
        TermKind::Language => Lexeme::Language(name),
        TermKind::City => Lexeme::City(name),
        TermKind::Skill => Lexeme::Skill(name),
    }
}

/// Longest phrase, in words, that the dictionary holds.
pub(crate) const MAX_PHRASE_WORDS: usize = 6;

/// Lower case, hyphens as spaces, single spaces: the key form of every phrase.
pub(crate) fn key(phrase: &str) -> String {
    vocab::normalise(&phrase.replace(['-', '\u{2013}'], " "))
}

/// One meaning as `lexicon.txt` writes it: `name` or `name(argument)`.
fn meaning(part: &str, phrase: &'static str) -> Option<Lexeme> {
    let (name, arg) = match part.split_once('(') {
        Some((name, rest)) => (name, rest.strip_suffix(')')?),
        None => (part, ""),
    };
    let gender = || Gender::parse(arg);
    let field = || {
        Some(match arg {
            "gender" => Field::Gender,
            "age" => Field::Age,
            "height" => Field::Height,
            "languages" => Field::Languages,
            "skills" => Field::Skills,
            "cities" => Field::Cities,
            "look" => Field::Look,
            _ => return None,
        })
    };
    Some(match name {
        "gender" => Lexeme::Gender(gender()?),
        "pronoun" => Lexeme::Pronoun(gender()?),
        "gender letter" => Lexeme::GenderLetter(gender()?),
        "age" => {
            let (min, max) = arg.split_once('-')?;
            let max = if max.is_empty() {
                None
            } else {
                Some(max.parse().ok()?)
            };
            Lexeme::AgeBand(min.parse().ok()?, max)
        }
        "language" => Lexeme::Language(vocab::language(arg)?.name),
        "skill" => Lexeme::Skill(vocab::skill(arg)?.name),
        "field" => Lexeme::Field(field()?),
        "any of" => Lexeme::AnyOf(field()?),
        "generic" => Lexeme::Generic(SkillGroup::parse(arg)?),
        "stance" => Lexeme::Stance(match arg {
            "prefer" => Stance::Prefer,
            "avoid" => Stance::Avoid,
            "never" => Stance::Never,
            _ => return None,
        }),
        _ if !arg.is_empty() => return None,
        "look" => Lexeme::Look(phrase),
        "any gender" => Lexeme::AnyGender,
        "unplaced" => Lexeme::Unplaced,
        "community" => Lexeme::Community,
        "prefer" => Lexeme::Prefer,
        "require" => Lexeme::Require,
        "negate" => Lexeme::Negate,
        "negate before" => Lexeme::NegateBefore,
        "clear" => Lexeme::Clear,
        "swap" => Lexeme::Swap,
        "also" => Lexeme::Also,
        "instead" => Lexeme::Instead,
        "next role" => Lexeme::NextRole,
        "reset" => Lexeme::Reset,
        "older" => Lexeme::Older,
        "younger" => Lexeme::Younger,
        "much" => Lexeme::Much,
        "relational" => Lexeme::Relational,
        "or" => Lexeme::Or,
        "break" => Lexeme::Break,
        "context" => Lexeme::Context,
        "role type" => Lexeme::RoleType,
        "quality" => Lexeme::Quality,
        "practitioner" => Lexeme::Practitioner,
        "possessive" => Lexeme::Possessive,
        "filler" => Lexeme::Filler,
        "modifier" => Lexeme::Modifier,
        "determiner" => Lexeme::Determiner,
        "type noun" => Lexeme::TypeNoun,
        "role noun" => Lexeme::RoleNoun,
        "swap into" => Lexeme::SwapInto,
        "conjunction" => Lexeme::Conjunction,
        "role scope" => Lexeme::RoleScope,
        _ => return None,
    })
}

/// One line of `lexicon.txt`: its phrases and their meanings; None for comments, blank lines
/// and lines that do not read (the test refuses those).
fn entry(line: &'static str) -> Option<(Vec<Lexeme>, impl Iterator<Item = &'static str>)> {
    let line = line.trim();
    if line.is_empty() || line.starts_with('#') || line.starts_with('@') {
        return None;
    }
    let (head, phrases) = line.split_once(": ")?;
    let phrases = phrases.split('|');
    let first = phrases.clone().next()?;
    // A look's meaning is its own phrase: parse it per phrase below.
    let lexemes = head
        .split(" + ")
        .map(|part| meaning(part, first))
        .collect::<Option<Vec<_>>>()?;
    Some((lexemes, phrases))
}

/// Phrases and their meanings. Every map of the lexicon has this one type, so the `.wasm`
/// carries one copy of its code.
type Phrases = HashMap<String, &'static [Lexeme]>;

fn dictionary() -> &'static Phrases {
    static MAP: OnceLock<Phrases> = OnceLock::new();
    MAP.get_or_init(|| {
        build()
            .into_iter()
            .map(|(k, v)| (k, &*Box::leak(v.into_boxed_slice())))
            .collect()
    })
}

fn build() -> HashMap<String, Vec<Lexeme>> {
    let mut map: HashMap<String, Vec<Lexeme>> = HashMap::new();
    for line in crate::words::lexicon().lines() {
        let Some((lexemes, phrases)) = entry(line) else {
            continue;
        };
        for phrase in phrases {
            let meanings = lexemes.iter().map(|l| match l {
                Lexeme::Look(_) => Lexeme::Look(phrase),
                other => *other,
            });
            map.entry(key(phrase)).or_default().extend(meanings);
        }
    }
    let mut add = |name: &'static str, lexeme: Lexeme| {
        let meanings = map.entry(key(name)).or_default();
        if !meanings.contains(&lexeme) {
            meanings.push(lexeme);
        }
    };
    for kind in TermKind::ALL {
        for (word, name) in vocab::builtin_words(kind) {
            add(word, term(kind, name));
        }
    }
    map
}

/// A phrase table of the age or height reader (`@name: phrase|phrase` in `lexicon.txt`): its
/// phrases joined by `|`, as `tokens::any_at` reads them; empty for a name with no table.
pub(crate) fn table(name: &str) -> &'static str {
    static TABLES: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        let mut tables: Vec<(&'static str, String)> = Vec::new();
        for line in crate::words::lexicon().lines() {
            let Some((name, phrases)) = line.strip_prefix('@').and_then(|l| l.split_once(": "))
            else {
                continue;
            };
            match tables.iter_mut().find(|(n, _)| *n == name) {
                Some((_, joined)) => {
                    joined.push('|');
                    joined.push_str(phrases);
                }
                None => tables.push((name, phrases.to_string())),
            }
        }
        tables.into_iter().map(|(n, p)| (n, &*p.leak())).collect()
    });
    tables
        .iter()
        .find(|(n, _)| *n == name)
        .map_or("", |(_, p)| p)
}

/// How a phrase met the lexicon.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// As written, or as a listed synonym.
    Exact,
    /// Through its word forms: "rides motorbikes" for "rides a motorbike", "surfer" for
    /// "surfing".
    Derived,
    /// One word of a longer term, the only term with that word: "climbs" for "rock climbing".
    Partial,
    /// Spelt close to a term, this many edits away: "kathac" for "kathak".
    Spelling(u8),
}

impl Form {
    /// How sure the reading is, 0 to 1.
    pub fn confidence(self) -> f32 {
        match self {
            Form::Exact => 1.0,
            Form::Derived => 0.9,
            Form::Partial => 0.7,
            Form::Spelling(edits) => 0.85 - 0.1 * f32::from(edits),
        }
    }
}

/// A phrase found at a token: its meanings, where it ends and how it was found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Found {
    pub lexemes: &'static [Lexeme],
    pub end: usize,
    pub form: Form,
    /// The word ended in a possessive case ending ("मुलाची", the boy's).
    pub possessive: bool,
}

/// The stem keys of the built-in phrases that name a term or a generic skill, each with its meanings;
/// a key two different meanings share is left out (it would be a guess).
fn builtin_forms() -> &'static Phrases {
    static MAP: OnceLock<Phrases> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut forms = Phrases::new();
        for (phrase, lexemes) in dictionary() {
            if lexemes
                .iter()
                .any(|l| l.is_set_value() || matches!(l, Lexeme::Generic(_)))
            {
                add_form(&mut forms, stem_key(phrase), lexemes);
            }
        }
        forms
    })
}

/// Records a form; a form two different meanings share is ambiguous (an empty meaning). "dance"
/// and "dancer" (a dance, and its practitioner) are one word form, and the entry without marks
/// stands for both.
fn add_form(forms: &mut Phrases, form: String, lexemes: &'static [Lexeme]) {
    let placing = |l: &[Lexeme]| {
        l.iter()
            .filter(|x| !x.is_mark())
            .copied()
            .collect::<Vec<_>>()
    };
    let slot = forms.entry(form).or_insert(lexemes);
    if placing(slot) != placing(lexemes) {
        *slot = &[];
    } else if slot.len() > lexemes.len() {
        *slot = lexemes;
    }
}

/// The meaning of a roster's term, made once per term and kept for the life of the program
/// (interned: a term's string and meaning are shared by every roster that holds it).
fn roster_meaning(kind: TermKind, name: &str) -> &'static [Lexeme] {
    static INTERNED: Mutex<Vec<&'static [Lexeme]>> = Mutex::new(Vec::new());
    let mut interned = INTERNED.lock().unwrap_or_else(|e| e.into_inner());
    let meaning = term(kind, "");
    let same = |l: &&'static [Lexeme]| match (l[0], meaning) {
        (Lexeme::Language(n), Lexeme::Language(_))
        | (Lexeme::City(n), Lexeme::City(_))
        | (Lexeme::Skill(n), Lexeme::Skill(_)) => n == name,
        _ => false,
    };
    if let Some(found) = interned.iter().find(|l| same(l)) {
        return found;
    }
    let name: &'static str = Box::leak(name.into());
    let found: &'static [Lexeme] = Box::leak(Box::new([term(kind, name)]));
    interned.push(found);
    found
}

/// The phrases a reading understands: the built-in dictionary and a roster's own terms.
///
/// Precedence, longest phrase first: a built-in phrase as written, then a roster term as
/// written, then either through word forms. A roster term also beats a built-in phrase of the
/// same length that places nothing (a filler, a context word or a known-but-unplaced word: a
/// roster whose skills include "music" makes "music" a skill).
pub(crate) struct Lexicon {
    roster: Phrases,
    roster_forms: Phrases,
    /// Stems of single words of the roster's terms, for partial matches.
    roster_parts: Phrases,
    /// The roster's one-word terms, for spelling matches.
    roster_words: Vec<(&'static str, &'static [Lexeme])>,
}

impl Lexicon {
    /// The built-in dictionary and the terms `vocabulary` adds.
    pub fn new(vocabulary: &Vocabulary) -> Lexicon {
        let mut lexicon = Lexicon {
            roster: Phrases::new(),
            roster_forms: Phrases::new(),
            roster_parts: Phrases::new(),
            roster_words: Vec::new(),
        };
        for kind in TermKind::ALL {
            for name in vocabulary.roster_terms(kind) {
                let meaning = roster_meaning(kind, name);
                let name = key(name);
                lexicon.roster_forms.insert(stem_key(&name), meaning);
                if name.contains(' ') {
                    add_parts(&mut lexicon.roster_parts, &name, meaning);
                } else if let Lexeme::Language(n) | Lexeme::City(n) | Lexeme::Skill(n) = meaning[0]
                {
                    lexicon.roster_words.push((n, meaning));
                }
                lexicon.roster.insert(name, meaning);
            }
        }
        lexicon
    }

    /// The longest known phrase starting at token `i`. Hyphens between words are skipped, so
    /// "stand-up" and "stand up" are one phrase.
    pub fn longest_match(&self, tokens: &[Token], i: usize) -> Option<Found> {
        let dict = dictionary();
        let mut phrase = String::new();
        let mut stems = String::new();
        let mut best: Option<Found> = None;
        let mut j = i;
        for words in 0..MAX_PHRASE_WORDS {
            let Some(t) = tokens.get(j).filter(|t| t.kind == Kind::Word) else {
                break;
            };
            if words > 0 {
                phrase.push(' ');
            }
            phrase.push_str(&t.text);
            // An article inside a phrase is no part of its stem key, and never ends one.
            let article = words > 0 && matches!(t.text.as_str(), "a" | "an" | "the");
            if !article {
                if !stems.is_empty() {
                    stems.push(' ');
                }
                stems.push_str(&stem(&t.text));
            }
            j += 1;
            let found = |lexemes, form| Found {
                lexemes,
                end: j,
                form,
                possessive: false,
            };
            let builtin = dict.get(&phrase).map(|l| found(l, Form::Exact));
            let roster = self.roster.get(&phrase).map(|l| found(l, Form::Exact));
            let exact = match (builtin, roster) {
                (Some(b), Some(r)) if places_nothing(b.lexemes) => Some(r),
                (Some(b), _) => Some(b),
                (None, r) => r,
            };
            let derived = || {
                if article {
                    return None;
                }
                let forms = builtin_forms().get(&stems).copied();
                forms
                    .or_else(|| self.roster_forms.get(&stems).copied())
                    .filter(|l| !l.is_empty())
                    .map(|l| found(l, Form::Derived))
            };
            if let Some(f) = exact.or_else(derived) {
                best = Some(f);
            }
            if tokens.get(j).is_some_and(|d| d.is_punct('-')) {
                j += 1;
            }
        }
        best
    }

    /// A guess for a word the lexicon does not hold: a case ending on a known word ("पुण्यात"),
    /// the only roster term with that word among its words ("climbs": rock climbing), else a
    /// term spelt within an edit or two ("Kathac").
    pub fn guess(&self, tokens: &[Token], i: usize) -> Option<Found> {
        let word = tokens.get(i).filter(|t| t.kind == Kind::Word)?;
        let found = |lexemes, form| Found {
            lexemes,
            end: i + 1,
            form,
            possessive: false,
        };
        if let Some((lexemes, suffix)) = self.inflected(&word.text) {
            let possessive = POSSESSIVE_SUFFIXES.contains(&suffix);
            return Some(Found {
                possessive,
                ..found(lexemes, Form::Derived)
            });
        }
        let letters = word.text.bytes().all(|b| b.is_ascii_lowercase());
        if !letters || word.text.len() < 4 {
            return None;
        }
        // Only a roster's own terms: a built-in term's word alone is too loose ("sangeet", the
        // wedding party, is not "rabindra sangeet").
        let part = self.roster_parts.get(&stem(&word.text)).copied();
        let part = part.filter(|l| !l.is_empty());
        if let Some(lexemes) = part {
            return Some(found(lexemes, Form::Partial));
        }
        let most = match word.text.len() {
            0..5 => return None,
            5..8 => 1,
            _ => 2,
        };
        let roster = self.roster_words.iter().copied();
        builtin_words()
            .iter()
            .copied()
            .chain(roster)
            .filter(|(w, _)| w.len().abs_diff(word.text.len()) <= most)
            .map(|(w, l)| (strsim::osa_distance(w, &word.text), l))
            .filter(|(d, _)| *d <= most)
            .min_by_key(|(d, _)| *d)
            .map(|(d, l)| found(l, Form::Spelling(d as u8)))
    }
}

/// Case endings and postpositions written onto a word in Marathi and in romanised Marathi,
/// Tamil and Telugu ("पुण्यात" in Pune, "आईची" mother's, "mumbait", "chennaila",
/// "hyderabadlo"), longest first.
const SUFFIXES: &[&str] = &[
    "मधील",
    "मध्ये",
    "च्या",
    "ातील",
    "तील",
    "ाची",
    "ाचा",
    "ाचे",
    "साठी",
    "हून",
    "ची",
    "चा",
    "चे",
    "ला",
    "ने",
    "ात",
    "त",
    "madhye",
    "madhla",
    "madhli",
    "madhe",
    "chya",
    "tla",
    "tli",
    "tle",
    "chi",
    "cha",
    "che",
    "ukku",
    "kku",
    "ku",
    "la",
    "lo",
    "il",
    "le",
    "t",
];

/// The endings of `SUFFIXES` that make the word an owner.
const POSSESSIVE_SUFFIXES: &[&str] = &[
    "च्या",
    "ाची",
    "ाचा",
    "ाचे",
    "ची",
    "चा",
    "चे",
    "chya",
    "chi",
    "cha",
    "che",
];

impl Lexicon {
    /// A word with a case ending whose stem names a term, a gender or a generic skill, and the
    /// ending.
    fn inflected(&self, word: &str) -> Option<(&'static [Lexeme], &'static str)> {
        let placing = |l: &&'static [Lexeme]| {
            l.iter()
                .any(|x| x.is_set_value() || matches!(x, Lexeme::Gender(_) | Lexeme::Generic(_)))
        };
        SUFFIXES.iter().find_map(|suffix| {
            let stem = word.strip_suffix(suffix)?;
            // Devanagari letters carry a vowel: "आई" is a whole word in two characters.
            let shortest = if stem.is_ascii() { 3 } else { 2 };
            if stem.chars().count() < shortest {
                return None;
            }
            let builtin = dictionary().get(stem).copied();
            let meaning = builtin.or_else(|| self.roster.get(stem).copied());
            meaning.filter(placing).map(|l| (l, *suffix))
        })
    }
}

/// Records each word of a multi-word term under its stem; a stem two terms share is ambiguous.
fn add_parts(parts: &mut Phrases, name: &str, meaning: &'static [Lexeme]) {
    for word in name.split(' ').filter(|w| w.len() >= 4) {
        add_form(parts, stem(word), meaning);
    }
}

/// The built-in one-word terms, for spelling matches.
fn builtin_words() -> &'static Vec<(&'static str, &'static [Lexeme])> {
    static WORDS: OnceLock<Vec<(&'static str, &'static [Lexeme])>> = OnceLock::new();
    WORDS.get_or_init(|| {
        dictionary()
            .iter()
            .filter(|(p, l)| !p.contains(' ') && p.len() >= 5 && l.iter().any(Lexeme::is_set_value))
            .map(|(p, l)| (p.as_str(), *l))
            .collect()
    })
}

/// Meanings that place nothing and play no part in a sentence's structure.
fn places_nothing(lexemes: &[Lexeme]) -> bool {
    lexemes
        .iter()
        .all(|l| matches!(l, Lexeme::Filler | Lexeme::Context | Lexeme::Unplaced))
}

/// Whether a skill is vocal (singing styles).
pub(crate) fn is_vocal(skill: &str) -> bool {
    vocab::skill(skill).is_some_and(|e| e.family == vocab::SkillFamily::Vocal)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brief::tokens::tokenise;
    use std::collections::HashMap;

    fn first(text: &str) -> Option<Vec<Lexeme>> {
        let tokens = tokenise(text);
        let lexicon = Lexicon::new(Vocabulary::builtin());
        lexicon
            .longest_match(&tokens, 0)
            .map(|f| f.lexemes.to_vec())
    }

    #[test]
    fn every_line_reads_and_every_phrase_has_one_line() {
        let mut lines_of: HashMap<String, Vec<usize>> = HashMap::new();
        for (n, line) in crate::words::lexicon().lines().enumerate() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with('@') {
                continue;
            }
            let (_, phrases) = entry(line).unwrap_or_else(|| panic!("line {}: {line}", n + 1));
            for phrase in phrases {
                let lower = !phrase.bytes().any(|b| b.is_ascii_uppercase() || b == b'-');
                assert!(lower, "line {}: {phrase:?} is not lower case", n + 1);
                lines_of.entry(key(phrase)).or_default().push(n + 1);
            }
        }
        let repeated: Vec<_> = lines_of.iter().filter(|(_, l)| l.len() > 1).collect();
        assert!(repeated.is_empty(), "phrases listed twice: {repeated:?}");
        let vocabulary: Vec<&str> = TermKind::ALL
            .into_iter()
            .flat_map(|kind| vocab::builtin_words(kind).map(|(word, _)| word))
            .collect();
        let both: Vec<_> = vocabulary
            .iter()
            .filter_map(|w| lines_of.get(&key(w)).map(|l| (w, l)))
            .collect();
        assert!(
            both.is_empty(),
            "vocabulary words also in lexicon.txt: {both:?}"
        );
    }

    #[test]
    fn every_table_the_age_and_height_readers_use_is_there() {
        let names = [
            "age at least",
            "age below",
            "age up to",
            "age around",
            "age stated",
            "age units",
            "age range and",
            "age range",
            "age and over",
            "age and under",
            "age and below",
            "age or so",
            "height at least",
            "height at most",
            "height between",
            "height around",
            "height stated",
            "height and over",
            "height and under",
            "height cm",
            "height feet",
        ];
        for name in names {
            assert!(table(name).split('|').count() > 1, "@{name} is missing");
        }
        assert_eq!(table("no such table"), "");
    }

    #[test]
    fn a_line_that_does_not_read_is_refused() {
        for bad in [
            "gender(robot): x",
            "skill(underwater welding): x",
            "age(ten-): x",
            "colour: x",
            "negate(x): x",
            "gender female: x",
        ] {
            assert!(entry(bad).is_none(), "{bad}");
        }
        assert!(entry("# a comment").is_none());
        let (lexemes, _) = entry("gender(male) + age(60-): old man").unwrap();
        assert_eq!(
            lexemes,
            [Lexeme::Gender(Gender::Male), Lexeme::AgeBand(60, None)]
        );
    }

    #[test]
    fn longest_match_wins_and_hyphens_are_spaces() {
        assert_eq!(
            first("hindustani classical vocals"),
            Some(vec![Lexeme::Skill("hindustani classical")])
        );
        assert_eq!(
            first("stand-up comedian"),
            Some(vec![Lexeme::Skill("stand-up comedy")])
        );
        assert_eq!(
            first("Hinglish"),
            Some(vec![Lexeme::Language("english"), Lexeme::Language("hindi")])
        );
        assert_eq!(first("Bombay"), Some(vec![Lexeme::City("mumbai")]));
        assert_eq!(first("tall"), Some(vec![Lexeme::Look("tall")]));
    }

    #[test]
    fn word_forms_and_roster_terms_are_found() {
        let tokens = tokenise("rides motorbikes");
        let lexicon = Lexicon::new(Vocabulary::builtin());
        let found = lexicon.longest_match(&tokens, 0).unwrap();
        assert_eq!(
            (found.lexemes, found.end, found.form),
            (&[Lexeme::Skill("motorcycle riding")][..], 2, Form::Derived)
        );
        let tokens = tokenise("मुलाची");
        let found = lexicon.guess(&tokens, 0).unwrap();
        assert!(found.possessive && found.lexemes.contains(&Lexeme::Gender(Gender::Male)));
        let mut v = Vocabulary::default();
        v.learn(TermKind::Skill, "rock climbing");
        v.learn(TermKind::Skill, "music");
        let lexicon = Lexicon::new(&v);
        for (text, end, form) in [
            ("rock climbing", 2, Form::Exact),
            ("Rock-Climbers", 3, Form::Derived),
            ("music", 1, Form::Exact),
        ] {
            let tokens = tokenise(text);
            let found = lexicon.longest_match(&tokens, 0).unwrap();
            assert!(found.lexemes[0].is_set_value(), "{text}");
            assert_eq!((found.end, found.form), (end, form), "{text}");
        }
    }

    #[test]
    fn vocabulary_beats_filler() {
        assert_eq!(first("mother"), Some(vec![Lexeme::Gender(Gender::Female)]));
        assert_eq!(first("stage"), Some(vec![Lexeme::Skill("theatre")]));
    }
}
