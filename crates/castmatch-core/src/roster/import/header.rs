//! What a roster's columns mean: the fields a header may name, the ways agencies write them
//! ("Full name", "Height (ft)", "Languages spoken", "M/F"), and the plan for a whole header.
//!
//! A header is matched by words, not by spelling: it names a field when it contains one of the
//! field's phrases ("Which city are you based in?" holds "based"); the longest phrase wins.

/// A talent field a column may fill. `name()` is its column in `to_csv` and its JSON key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Field {
    Id,
    Name,
    FirstName,
    LastName,
    Gender,
    Age,
    DateOfBirth,
    PlayingAge,
    PlayingAgeMin,
    PlayingAgeMax,
    Height,
    City,
    Languages,
    Skills,
    Look,
    Experience,
    Credits,
    Bio,
    DayRate,
    Availability,
    AvailableFrom,
    AvailableTo,
    PhotoUrl,
    ShowreelUrl,
    Phone,
    Email,
    Agent,
    Instagram,
}

impl Field {
    pub(super) const COUNT: usize = Field::Instagram as usize + 1;

    /// The columns `to_csv` writes, in order: every field a `Talent` keeps.
    pub(super) const EXPORTED: [Field; 24] = [
        Field::Id,
        Field::Name,
        Field::Gender,
        Field::Age,
        Field::Height,
        Field::City,
        Field::Languages,
        Field::Skills,
        Field::Experience,
        Field::Credits,
        Field::Bio,
        Field::Look,
        Field::DayRate,
        Field::Availability,
        Field::AvailableFrom,
        Field::AvailableTo,
        Field::PlayingAgeMin,
        Field::PlayingAgeMax,
        Field::PhotoUrl,
        Field::ShowreelUrl,
        Field::Phone,
        Field::Email,
        Field::Agent,
        Field::Instagram,
    ];

    pub(super) fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Name => "name",
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::Gender => "gender",
            Field::Age => "age",
            Field::DateOfBirth => "date_of_birth",
            Field::PlayingAge => "playing_age",
            Field::PlayingAgeMin => "playing_age_min",
            Field::PlayingAgeMax => "playing_age_max",
            Field::Height => "height_cm",
            Field::City => "city",
            Field::Languages => "languages",
            Field::Skills => "skills",
            Field::Look => "look",
            Field::Experience => "experience_years",
            Field::Credits => "credits",
            Field::Bio => "bio",
            Field::DayRate => "day_rate_inr",
            Field::Availability => "availability",
            Field::AvailableFrom => "available_from",
            Field::AvailableTo => "available_to",
            Field::PhotoUrl => "photo_url",
            Field::ShowreelUrl => "showreel_url",
            Field::Phone => "phone",
            Field::Email => "email",
            Field::Agent => "agent",
            Field::Instagram => "instagram",
        }
    }

    /// Columns `to_csv` adds, empty, when an extra would otherwise read back as this field.
    pub(super) const PLACEHOLDERS: [Field; 2] = [Field::DateOfBirth, Field::PlayingAge];

    /// The field whose `name()` is exactly `name` (JSON keys).
    pub(super) fn from_name(name: &str) -> Option<Field> {
        SYNONYMS
            .iter()
            .map(|&(field, _)| field)
            .find(|f| f.name() == name)
    }

    /// Several columns of a list field add up ("Dance forms" and "Martial arts" are skills);
    /// of any other field the first column counts and the rest are kept as extras.
    pub(super) fn is_list(self) -> bool {
        matches!(
            self,
            Field::Languages | Field::Skills | Field::Look | Field::Credits
        )
    }
}

/// Each field's phrases, in the order ties are settled (an "Agency name" is the agent's).
/// Words are compared after `words()`: lower case, plural `s` dropped, punctuation as spaces.
const SYNONYMS: [(Field, &str); Field::COUNT] = [
    (Field::Agent, "agent|agency|agent name|agency name|represented by|representation|management|agent phone|agent contact|agent number"),
    (Field::Email, "email|e mail|mail|mail id|email address|email id"),
    (Field::Instagram, "instagram|insta|ig|instagram handle|instagram id"),
    (Field::PhotoUrl, "photo|photograph|headshot|head shot|picture|pic|image|photo url|photo link|profile photo|profile picture|display picture|dp"),
    (Field::ShowreelUrl, "showreel|show reel|reel|video|video link|demo reel|youtube|audition video|audition tape|self tape|showreel url"),
    (Field::Phone, "phone|mobile|contact|contact number|phone number|mobile number|cell|whatsapp|tel|telephone|mob"),
    (Field::FirstName, "first name|given name|forename"),
    (Field::LastName, "last name|surname|family name"),
    (Field::Name, "name|full name|talent name|artist name|actor name|stage name|performer name"),
    (Field::Gender, "gender|sex|m f|male female|gender m f"),
    (Field::DateOfBirth, "dob|d o b|date of birth|birth date|birthdate|birthday|born on"),
    (Field::PlayingAgeMin, "playing age min|playing age from|min playing age|minimum playing age|youngest playing age|playing age minimum|playing age low"),
    (Field::PlayingAgeMax, "playing age max|playing age to|max playing age|maximum playing age|oldest playing age|playing age maximum|playing age high"),
    (Field::PlayingAge, "playing age|age range|playable age|playing range|screen age|age you can play|playing age range"),
    (Field::Age, "age|current age|age in year"),
    (Field::Height, "height|ht|height cm"),
    (Field::City, "city|location|based in|base|based|current city|base city|base location|current location|residence|city of residence|located in|residing in"),
    (Field::Languages, "language|languages known|languages spoken|spoken language|mother tongue|native language|lang"),
    (Field::Skills, "skill|special skill|talent|skill set|skillset|ability|dance form|dance style|martial art|sport|instrument|accent|dialect"),
    (Field::Look, "look|look tag|looks|casting type|playing type|screen type|type cast"),
    (Field::Experience, "experience|year of experience|year experience|exp|yr exp|yrs exp|experience year|acting experience"),
    (Field::Credits, "credit|filmography|past work|previous work|work done|project|acting credit"),
    (Field::Bio, "bio|biography|about|about me|profile|description|summary|intro|introduction"),
    (Field::DayRate, "day rate|rate|fee|charge|remuneration|per day|daily rate|rate per day|rate card"),
    (Field::AvailableFrom, "available from|availability from|free from|available start|availability start|start date|from date"),
    (Field::AvailableTo, "available to|available till|available until|availability to|availability till|availability until|free till|free until|available end|availability end|end date|to date"),
    (Field::Availability, "availability|available|free date|available date"),
    (Field::Id, "id|talent id|artist id|talent code|artist code|ref|ref no|reference id|reference no|profile id|member id|roster id"),
];

/// Columns dropped with a notice: row numbers and form timestamps are not talent data.
const SKIPPED: &str =
    "s no|sr no|sl no|sno|srno|serial|serial no|serial number|row|row no|timestamp";

/// How a column's numbers are written, read from its header ("Height (ft)", "Rate (lakhs)").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Unit {
    #[default]
    AsWritten,
    Centimetres,
    Inches,
    Feet,
    Thousands,
    Lakhs,
}

/// What becomes of one column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Placement {
    Field(Field, Unit),
    /// Kept on each talent under the column's key.
    Extra,
    Skipped,
}

/// The plan for a header: one placement per column, and what a person should be told.
#[derive(Debug, Default)]
pub(super) struct Plan {
    pub(super) columns: Vec<Placement>,
    /// Each column's key among a talent's extras: the header as written, "Notes (2)" for a
    /// repeat, "column 7" without a header. A value a field cannot take ("headshot.jpg" for a
    /// photo) is kept under it too. Never one of `to_csv`'s own column names, so an export
    /// reads back with the same keys.
    pub(super) keys: Vec<String>,
    pub(super) notices: Vec<String>,
    /// Required fields no column names, each with the headers that would have.
    pub(super) missing: Vec<String>,
    /// How many columns name a field: picks the header row among a file's first lines.
    pub(super) recognised: usize,
    /// The keys of columns with no header ("column 7"): said only if they hold values.
    pub(super) unnamed: Vec<String>,
}

impl Plan {
    pub(super) fn has(&self, field: Field) -> bool {
        self.columns
            .iter()
            .any(|c| matches!(c, Placement::Field(f, _) if *f == field))
    }
}

/// Plans a header. A column with no header is kept as "column 7"; it is only mentioned if it
/// holds values (a spreadsheet's trailing empty columns are not news).
pub(super) fn plan(headers: &[&str]) -> Plan {
    let mut plan = Plan::default();
    let mut kept = Vec::new();
    let mut skipped = Vec::new();
    plan.keys = unique_keys(headers);
    for (i, &header) in headers.iter().enumerate() {
        let words = words(header);
        let placement = if header.trim().is_empty() {
            plan.unnamed.push(plan.keys[i].clone());
            Placement::Extra
        } else if words.is_empty() {
            Placement::Skipped // "#", "*": numbering marks
        } else if phrase_in(SKIPPED, &words).is_some_and(|n| n == words.len()) {
            skipped.push(header);
            Placement::Skipped
        } else {
            match best_field(&words) {
                Some(field) if field.is_list() || !plan.has(field) => {
                    plan.recognised += 1;
                    Placement::Field(field, unit_of(field, &words))
                }
                Some(field) => {
                    plan.notices.push(format!(
                        "column {header:?} is a second {} column: kept as an extra on each talent",
                        field.name()
                    ));
                    Placement::Extra
                }
                None => {
                    kept.push(header);
                    Placement::Extra
                }
            }
        };
        plan.columns.push(placement);
    }
    if plan.has(Field::Name) {
        // A full name wins; first and last names are kept as they were.
        for column in plan.columns.iter_mut() {
            if matches!(
                column,
                Placement::Field(Field::FirstName | Field::LastName, _)
            ) {
                *column = Placement::Extra;
            }
        }
    }
    let renamed: Vec<String> = headers
        .iter()
        .zip(&plan.columns)
        .filter_map(|(header, column)| match column {
            Placement::Field(field, _) if !is_plain_name(header, *field) => {
                Some(format!("{header:?} as {}", field.name()))
            }
            _ => None,
        })
        .collect();
    if !renamed.is_empty() {
        plan.notices
            .insert(0, format!("columns read: {}", renamed.join(", ")));
    }
    if !kept.is_empty() {
        let verb = if kept.len() == 1 { "is" } else { "are" };
        plan.notices.push(format!(
            "{} {verb} not a CastMatch field: kept as extras, shown on each card, never searched",
            quoted_list(&kept)
        ));
    }
    if !skipped.is_empty() {
        plan.notices.push(format!(
            "{} skipped: row numbers and timestamps are not talent data",
            quoted_list(&skipped)
        ));
    }
    plan.missing = missing_fields(&plan, &kept);
    plan
}

/// Whether the header is already the field's own name, so saying how it was read adds nothing.
fn is_plain_name(header: &str, field: Field) -> bool {
    let header = header.trim();
    header.eq_ignore_ascii_case(field.name()) || words(header) == words(field.name())
}

fn quoted_list(headers: &[&str]) -> String {
    let quoted: Vec<String> = headers.iter().map(|h| format!("{h:?}")).collect();
    let noun = if headers.len() == 1 {
        "column"
    } else {
        "columns"
    };
    format!("{noun} {}", quoted.join(", "))
}

/// Keys for `Plan::keys`: "Notes", "Notes (2)"; "column 7" for a blank header; the names
/// `to_csv` writes its own columns under are taken, so a column headed "credits" keeps its
/// text as "credits (2)".
fn unique_keys(headers: &[&str]) -> Vec<String> {
    let mut taken: Vec<String> = Field::EXPORTED
        .iter()
        .chain(&Field::PLACEHOLDERS)
        .map(|f| f.name().to_string())
        .collect();
    let mut keys = Vec::with_capacity(headers.len());
    for (i, header) in headers.iter().enumerate() {
        let base = match header.trim() {
            "" => format!("column {}", i + 1),
            named => named.to_string(),
        };
        let mut key = base.clone();
        let mut n = 1;
        while taken.contains(&key) {
            n += 1;
            key = format!("{base} ({n})");
        }
        taken.push(key.clone());
        keys.push(key);
    }
    keys
}

/// The required fields no column names, as "height (a column such as \"Height\" ...)".
fn missing_fields(plan: &Plan, unplaced: &[&str]) -> Vec<String> {
    let required: [(&[Field], &str); 5] = [
        (
            &[Field::Name, Field::FirstName, Field::LastName],
            "name (\"Name\", \"Full name\")",
        ),
        (&[Field::Gender], "gender (\"Gender\", \"Sex\", \"M/F\")"),
        (&[Field::Age, Field::DateOfBirth], "age (\"Age\", \"DOB\")"),
        (
            &[Field::Height],
            "height_cm (\"Height\", \"Height (cm)\", \"Height (ft)\")",
        ),
        (
            &[Field::City],
            "city (\"City\", \"Location\", \"Based in\")",
        ),
    ];
    let mut missing: Vec<String> = required
        .iter()
        .filter(|(fields, _)| !fields.iter().any(|&f| plan.has(f)))
        .map(|(_, label)| label.to_string())
        .collect();
    if !missing.is_empty() && !unplaced.is_empty() {
        missing.push(format!("(not recognised: {})", quoted_list(unplaced)));
    }
    missing
}

/// The field a header names, if any.
pub(super) fn field_of(header: &str) -> Option<Field> {
    best_field(&words(header))
}

/// The field a header names: the one with the longest phrase found in it, ties in table order.
fn best_field(words: &[String]) -> Option<Field> {
    let mut best: Option<(usize, Field)> = None;
    for (field, phrases) in SYNONYMS {
        if let Some(length) = phrase_in(phrases, words) {
            if best.is_none_or(|(longest, _)| length > longest) {
                best = Some((length, field));
            }
        }
    }
    best.map(|(_, field)| field)
}

/// The length in words of the longest of `phrases` (`|`-separated) found in `words`.
fn phrase_in(phrases: &str, words: &[String]) -> Option<usize> {
    phrases
        .split('|')
        .map(self::words)
        .filter(|phrase| {
            !phrase.is_empty()
                && words
                    .windows(phrase.len())
                    .any(|window| window == phrase.as_slice())
        })
        .map(|phrase| phrase.len())
        .max()
}

/// A header's words: lower case, split at anything but letters and digits, "(s)" and a plural
/// `s` dropped ("Language(s)", "Languages" -> "language"; "Cities" -> "city").
pub(super) fn words(text: &str) -> Vec<String> {
    text.to_ascii_lowercase()
        .replace("(s)", "")
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(singular)
        .collect()
}

fn singular(word: &str) -> String {
    if word.len() <= 3 || word.ends_with("ss") {
        word.to_string()
    } else if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else {
        word.strip_suffix('s').unwrap_or(word).to_string()
    }
}

/// The unit a header names for a field's numbers: "Height (ft)", "Rate (in lakhs)".
fn unit_of(field: Field, words: &[String]) -> Unit {
    let has = |options: &[&str]| words.iter().any(|w| options.contains(&w.as_str()));
    match field {
        Field::Height if has(&["cm", "cms", "centimetre", "centimeter"]) => Unit::Centimetres,
        Field::Height if has(&["ft", "feet", "foot"]) => Unit::Feet,
        Field::Height if has(&["in", "inch", "inche"]) => Unit::Inches,
        Field::DayRate if has(&["lakh", "lac"]) => Unit::Lakhs,
        Field::DayRate if has(&["k", "thousand", "000"]) => Unit::Thousands,
        _ => Unit::AsWritten,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(header: &str) -> Option<Field> {
        best_field(&words(header))
    }

    #[test]
    fn agency_headers_name_their_fields() {
        let cases = [
            ("Full Name", Field::Name),
            ("Talent name", Field::Name),
            ("Agency name", Field::Agent),
            ("M/F", Field::Gender),
            ("D.O.B", Field::DateOfBirth),
            ("Height (ft)", Field::Height),
            ("Which city are you based in?", Field::City),
            ("Language(s)", Field::Languages),
            ("Languages spoken", Field::Languages),
            ("Special Skills", Field::Skills),
            ("Martial arts", Field::Skills),
            ("Years of experience", Field::Experience),
            ("Playing age", Field::PlayingAge),
            ("Playing age (min)", Field::PlayingAgeMin),
            ("Age", Field::Age),
            ("Contact Number", Field::Phone),
            ("E-mail", Field::Email),
            ("Instagram handle", Field::Instagram),
            ("Upload your headshot", Field::PhotoUrl),
            ("Showreel link", Field::ShowreelUrl),
            ("Day rate (INR)", Field::DayRate),
            ("Available from", Field::AvailableFrom),
            ("Available till", Field::AvailableTo),
            ("Talent ID", Field::Id),
        ];
        for (header, field) in cases {
            assert_eq!(field_of(header), Some(field), "{header}");
        }
        for header in ["Favourite colour", "Pin code", "Agency?"] {
            let expected = (header == "Agency?").then_some(Field::Agent);
            assert_eq!(field_of(header), expected, "{header}");
        }
    }

    #[test]
    fn a_plan_keeps_extras_skips_numbering_and_says_so() {
        let plan = plan(&[
            "S.No",
            "Full name",
            "Notes",
            "Phone",
            "Mobile",
            "Notes",
            "",
            "#",
            "credits",
        ]);
        assert_eq!(plan.columns[0], Placement::Skipped);
        assert_eq!(
            plan.columns[1],
            Placement::Field(Field::Name, Unit::AsWritten)
        );
        assert_eq!(plan.columns[2], Placement::Extra);
        assert_eq!(plan.columns[4], Placement::Extra);
        assert_eq!(plan.columns[6], Placement::Extra);
        assert_eq!(plan.columns[7], Placement::Skipped);
        assert_eq!(
            plan.keys[2..7],
            ["Notes", "Phone", "Mobile", "Notes (2)", "column 7"]
        );
        // `to_csv` writes its own "credits": this column's kept text must read back apart.
        assert_eq!(plan.keys[8], "credits (2)");
        let notices = plan.notices.join("\n");
        assert!(notices.contains(r#""Full name" as name"#), "{notices}");
        assert!(
            notices.contains(r#""Mobile" is a second phone column"#),
            "{notices}"
        );
        assert!(notices.contains(r#""S.No" skipped"#), "{notices}");
        assert!(plan.missing[0].starts_with("gender"), "{:?}", plan.missing);
    }

    #[test]
    fn units_come_from_the_header() {
        let unit = |h: &str| unit_of(best_field(&words(h)).unwrap(), &words(h));
        assert_eq!(unit("Height (ft)"), Unit::Feet);
        assert_eq!(unit("Height in inches"), Unit::Inches);
        assert_eq!(unit("Height in cm"), Unit::Centimetres);
        assert_eq!(unit("Rate (lakhs)"), Unit::Lakhs);
        assert_eq!(unit("Fee in k"), Unit::Thousands);
        assert_eq!(unit("Height"), Unit::AsWritten);
    }
}
