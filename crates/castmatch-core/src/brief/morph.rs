//! Word forms: a light stemmer for English plurals, verb forms and agent nouns, so that
//! "rides motorbikes", "juggles", "surfer", "kayaking" and "puppeteer" meet the vocabulary's
//! terms (motorcycle riding, juggling, surfing, kayaking, puppetry). It only ever compares a
//! phrase's stems with a term's stems, so a stem need not be a word.

/// Words a stem key leaves out: "rides a motorbike" and "rides motorbikes" are one key.
const ARTICLES: [&str; 3] = ["a", "an", "the"];

/// Endings taken off, longest first, when at least three letters remain.
const ENDINGS: [&str; 13] = [
    "ists", "ist", "isms", "ism", "ians", "ian", "ics", "eers", "eer", "ers", "er", "ings", "ing",
];

/// The stem of one lower-case word: "surfer", "surfing", "surfs" -> "surf"; "juggles",
/// "juggler" -> "juggl"; "swimmer" -> "swim"; "puppetry", "puppeteer" -> "puppet". Words that
/// are not plain ASCII letters (other scripts, numbers) are their own stem.
pub(crate) fn stem(word: &str) -> String {
    if !word.bytes().all(|b| b.is_ascii_lowercase()) || word.len() < 4 {
        return word.to_string();
    }
    let mut w = word;
    if let Some(rest) = ENDINGS
        .iter()
        .find_map(|e| w.strip_suffix(e).filter(|r| r.len() >= 3))
    {
        w = rest;
    } else if let Some(rest) = w.strip_suffix("ry").filter(|r| r.len() >= 4) {
        w = rest; // puppetry, archery
    } else if let Some(rest) = w.strip_suffix("es").filter(|r| sibilant(r)) {
        w = rest; // boxes, punches
    } else if let Some(rest) = w.strip_suffix('s').filter(|r| plural_of(r)) {
        w = rest; // rides, kayaks, skis (not "class", "tennis", "chorus")
    } else if let Some(rest) = w.strip_suffix("ed").filter(|r| r.len() >= 3) {
        w = rest;
    }
    let w = w.strip_suffix('e').filter(|r| r.len() >= 3).unwrap_or(w);
    undouble(w).to_string()
}

fn plural_of(rest: &str) -> bool {
    rest.len() >= 3 && !rest.ends_with(['s', 'u']) && !(rest.ends_with('i') && rest.len() > 3)
}

fn sibilant(rest: &str) -> bool {
    rest.len() >= 3
        && ["x", "ch", "sh", "ss", "z"]
            .iter()
            .any(|e| rest.ends_with(e))
}

/// "swimm" -> "swim", "runn" -> "run", "modell" -> "model"; "yoga" and "bhoo" keep theirs.
fn undouble(w: &str) -> &str {
    let b = w.as_bytes();
    let n = b.len();
    let doubled = n >= 4 && b[n - 1] == b[n - 2] && !b"aeiou".contains(&b[n - 1]);
    if doubled {
        &w[..n - 1]
    } else {
        w
    }
}

/// A phrase's stems without articles: "Rides a Motorbike" -> "rid motorbik".
pub(crate) fn stem_key(phrase: &str) -> String {
    phrase
        .split(' ')
        .filter(|w| !w.is_empty() && !ARTICLES.contains(w))
        .map(stem)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_a_word_share_a_stem() {
        for group in [
            &["surf", "surfs", "surfer", "surfers", "surfing"][..],
            &["juggle", "juggles", "juggler", "juggling"],
            &["box", "boxes", "boxer", "boxing"],
            &["swim", "swims", "swimmer", "swimming"],
            &["ski", "skis", "skier", "skiing"],
            &["kayak", "kayaks", "kayaking"],
            &["climb", "climbs", "climber", "climbing"],
            &["puppetry", "puppeteer", "puppet"],
            &["ventriloquism", "ventriloquist"],
            &["magic", "magician"],
            &["gymnast", "gymnastics"],
            &["guitar", "guitarist"],
            &["dance", "dances", "dancer", "dancing"],
            &["ride", "rides", "rider", "riding"],
            &["drum", "drums", "drummer"],
            &["archer", "archery"],
            &["model", "models", "modelling"],
            &["athlete", "athletics"],
        ] {
            let stems: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(
                stems.iter().all(|s| *s == stems[0]),
                "{group:?} -> {stems:?}"
            );
        }
    }

    #[test]
    fn different_words_keep_different_stems() {
        for (a, b) in [
            ("sing", "sign"),
            ("class", "clas"),
            ("tennis", "tenni"),
            ("judo", "jud"),
            ("yoga", "yog"),
        ] {
            assert_ne!(stem(a), stem(b), "{a} / {b}");
        }
        assert_eq!(stem("मराठी"), "मराठी");
        assert_eq!(stem("mma"), "mma");
    }

    #[test]
    fn keys_drop_articles() {
        assert_eq!(stem_key("rides a motorbike"), stem_key("rides motorbikes"));
        assert_eq!(stem_key("rock climbing"), stem_key("rock climber"));
        assert_eq!(stem_key("scuba diving"), stem_key("scuba dive"));
    }
}
