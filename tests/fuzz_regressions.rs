//! Fuzz findings kept as native regression tests: every file in `tests/fuzz/regressions/<target>/`
//! goes through the same code as its fuzz target (`tests/fuzz/harness.rs`) and must not panic.
//!
//! `cargo test --test fuzz_regressions -- --ignored write_seed_corpus` (re)writes the fuzzers'
//! starting corpus in `tests/fuzz/corpus/`: valid rosters, plans and snapshots to mutate.

#[path = "fuzz/harness.rs"]
mod harness;

use std::fs;
use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz")
}

/// Runs every kept input of `target` through `check`; names the file if one panics.
fn replay(target: &str, check: fn(&[u8])) {
    let dir = fuzz_dir().join("regressions").join(target);
    let Ok(entries) = fs::read_dir(&dir) else {
        return; // no finding kept for this target
    };
    let mut files: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    files.sort();
    for file in files {
        let data = fs::read(&file).expect("regression input reads");
        let outcome = std::panic::catch_unwind(|| check(&data));
        assert!(outcome.is_ok(), "{} panics again", file.display());
    }
}

#[test]
fn roster_csv_regressions() {
    replay("roster_csv", harness::roster_csv);
}

#[test]
fn roster_json_regressions() {
    replay("roster_json", harness::roster_json);
}

#[test]
fn brief_parse_regressions() {
    replay("brief_parse", harness::brief_parse);
}

#[test]
fn memory_snapshot_regressions() {
    replay("memory_snapshot", harness::memory_snapshot);
}

#[test]
fn plan_loader_regressions() {
    replay("plan_loader", harness::plan_loader);
}

#[test]
fn index_snapshot_regressions() {
    replay("index_snapshot", harness::index_snapshot);
}

#[test]
fn catalog_snapshot_regressions() {
    replay("catalog_snapshot", harness::catalog_snapshot);
}

/// The seed corpus must itself pass: valid inputs are the fuzzers' starting points.
#[test]
fn seed_inputs_pass() {
    for (target, inputs) in seeds() {
        let check = checker(target);
        for (name, data) in inputs {
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "seed {target}/{name} panics");
        }
    }
}

#[test]
#[ignore = "writes files; run by hand before fuzzing"]
fn write_seed_corpus() {
    for (target, inputs) in seeds() {
        let dir = fuzz_dir().join("corpus").join(target);
        fs::create_dir_all(&dir).expect("corpus dir");
        for (name, data) in inputs {
            fs::write(dir.join(name), data).expect("seed writes");
        }
    }
}

fn checker(target: &str) -> fn(&[u8]) {
    match target {
        "roster_csv" => harness::roster_csv,
        "roster_json" => harness::roster_json,
        "brief_parse" => harness::brief_parse,
        "memory_snapshot" => harness::memory_snapshot,
        "plan_loader" => harness::plan_loader,
        "index_snapshot" => harness::index_snapshot,
        "catalog_snapshot" => harness::catalog_snapshot,
        other => panic!("unknown target {other}"),
    }
}

/// A spreadsheet export as agencies send one: BOM, title row, their own headers, no id column.
const AGENCY_EXPORT: &str = "\u{feff}Roster,Sep 2025,,,,,,,,\r\n\
    Full Name,Sex,DOB,Height,Location,Languages spoken,Special skills,Phone,Favourite colour,Day rate\r\n\
    Asha Rao,F,12/04/1995,5'6\",\"Andheri West, Mumbai\",\"Hindi, Marathi\",Theatre|Singing,+91 98200,Teal,40k\r\n\
    Ravi Iyer,Male,1981-07-14,178 cm,Chennai,Tamil; English,Kalaripayattu,,,1.5 lakh\r\n\
    ,,,,,,,,,\r\n";

/// Spreadsheet-like rosters built from the words and values agencies use, every cell a
/// plausible or a broken one: none may panic, and what loads must survive export (the
/// harness checks both).
mod agency_like {
    use proptest::prelude::*;

    const HEADERS: &[&str] = &[
        "id",
        "Talent ID",
        "Name",
        "Full name",
        "First name",
        "Last name",
        "Gender",
        "Sex",
        "M/F",
        "Age",
        "DOB",
        "Date of birth",
        "Height",
        "Height (ft)",
        "Height in inches",
        "City",
        "Location",
        "Based in",
        "Languages",
        "Language(s)",
        "Skills",
        "Special skills",
        "Dance forms",
        "Experience",
        "Credits",
        "Filmography",
        "Bio",
        "Day rate",
        "Rate (lakhs)",
        "Availability",
        "Available from",
        "Available till",
        "Playing age",
        "playing_age_min",
        "Photo",
        "Headshot",
        "Showreel",
        "Phone",
        "Mobile",
        "Email",
        "Agency",
        "Instagram",
        "Favourite colour",
        "Notes",
        "S.No",
        "",
        "#",
        "Phone",
    ];
    const CELLS: &[&str] = &[
        "",
        " ",
        "NA",
        "-",
        "Asha Rao",
        "आशा राव",
        "F",
        "male",
        "robot",
        "30",
        "30 yrs",
        "twenty",
        "25-32",
        "-1",
        "999999999999",
        "5'10\"",
        "5 ft 2",
        "5.10",
        "1.78 m",
        "178 cm",
        "6 ft 13",
        "12/04/1995",
        "1995-04-12",
        "31/02/2001",
        "3 Mar",
        "from 3 Mar 2026",
        "1 Mar - 30 Apr",
        "Mumbai",
        "Andheri West, Mumbai",
        "Hindi|Marathi",
        "\"Hindi, English\"",
        "Theatre / Kathak",
        "film:Dhoop (2019)",
        "Dhoop 2019",
        "movi:X (2019)",
        "₹40,000/-",
        "1.5 lakh",
        "30-40k",
        "https://x.in/a.jpg",
        "www.y.com/r",
        "javascript:alert(1)",
        "a.jpg",
        "+91 98200",
        "@x",
        "\"multi\nline\"",
        "\"quoted \"\"inner\"\"\"",
        "yes",
        "(fluent)",
    ];

    /// Delimited text; with `quote`, cells holding the delimiter, a quote or a line break are
    /// quoted as a spreadsheet saves them.
    fn file(delimiter: char, header: &[&str], rows: &[Vec<&str>], quote: bool) -> String {
        let cell = |c: &str| {
            if quote && c.contains([delimiter, '"', '\n']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c.to_string()
            }
        };
        let line = |cells: &[&str]| {
            let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
            cells.join(&delimiter.to_string())
        };
        let mut text = line(header);
        for row in rows {
            text.push('\n');
            text.push_str(&line(row));
        }
        text
    }

    /// Values a column of this header reads (or keeps as text) without a problem.
    fn good(header: &str) -> &'static [&'static str] {
        match header {
            "Name" | "Full name" | "First name" | "Last name" => &["Asha Rao", "आशा राव", "Ravi"],
            "Gender" | "Sex" | "M/F" => &["F", "male", "Female", "nonbinary"],
            "Age" => &["30", "30 yrs", "45"],
            "DOB" | "Date of birth" => &["12/04/1995", "1995-04-12", "3 Mar 1990"],
            "Height" => &["5'10\"", "178 cm", "163", "5 ft 2", "5.10", "5’ 6”"],
            "Height (ft)" => &["5.6", "6", "5'6\""],
            "Height in inches" => &["70", "66"],
            "City" | "Location" | "Based in" => &["Mumbai", "Andheri West, Mumbai", "pune"],
            "Languages" | "Language(s)" => &["Hindi|Marathi", "Hindi, English", "Tamil", ""],
            "Skills" | "Special skills" | "Dance forms" => {
                &["Theatre|Singing", "Kathak / Hip-hop", ""]
            }
            "Experience" => &["5", "3 yrs", "fresher", ""],
            "Credits" | "Filmography" => &[
                "film:Dhoop (2019)",
                "Dhoop 2019",
                "tv:A, B (2020); ott:C (2021)",
            ],
            "Day rate" => &["40k", "₹40,000/-", "Rs. 1,50,000", "negotiable"],
            "Rate (lakhs)" => &["1.5", "2"],
            "Availability" => &["from 3 Mar 2026", "weekends", "1 Mar - 30 Apr 2026"],
            "Available from" => &["3 Mar 2026", "01/03/2026"],
            "Available till" => &["30 Apr 2026", "2026-05-31"],
            "Playing age" => &["25-32", "28", "25 to 35 yrs"],
            "playing_age_min" => &["25", "20"],
            "Photo" | "Headshot" | "Showreel" => &["https://x.in/a.jpg", "www.y.com/r", "a.jpg"],
            "Phone" | "Mobile" => &["+91 98200 00000", "9820000000"],
            "Email" => &["a@x.in"],
            "Agency" => &["Kalakaar"],
            "Instagram" => &["@x"],
            _ => &["Teal", "1", "", "multi\nline, \"quoted\""],
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn agency_like_rosters_never_panic_and_round_trip(
            delimiter in prop::sample::select(vec![',', ';', '\t']),
            header in header(),
            rows in prop::collection::vec(prop::collection::vec(prop::sample::select(CELLS), 0..15), 0..6),
        ) {
            let text = file(delimiter, &header, &rows, false);
            super::harness::roster_csv(text.as_bytes());
        }

        /// Any header in agencies' words over well-formed values loads every row, strictly,
        /// whatever the delimiter; and round trips (the harness).
        #[test]
        fn well_formed_agency_rosters_load_every_row(
            delimiter in prop::sample::select(vec![',', ';', '\t']),
            (header, rows) in header().prop_flat_map(|header| {
                let row: Vec<_> = header.iter().map(|h| prop::sample::select(good(h))).collect();
                (Just(header), prop::collection::vec(row, 1..6))
            }),
        ) {
            let text = file(delimiter, &header, &rows, true);
            super::harness::roster_csv(text.as_bytes());
            let imported = castmatch_core::roster::from_csv(
                &text,
                castmatch_core::roster::ImportMode::Strict,
                castmatch_core::Date::from_ymd(2025, 9, 1).unwrap(),
            );
            let imported = imported.map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            prop_assert_eq!(imported.talents.len(), rows.len(), "{}", text);
        }
    }

    /// A header naming every required field in some agency's words, plus other columns (no id:
    /// the rows here repeat names, and ids are made from them).
    fn header() -> impl Strategy<Value = Vec<&'static str>> {
        let one = |options: &'static [&'static str]| prop::sample::select(options);
        let others: Vec<&str> = HEADERS
            .iter()
            .copied()
            .filter(|h| !matches!(*h, "id" | "Talent ID"))
            .collect();
        (
            one(&["Name", "Full name", "First name"]),
            one(&["Gender", "Sex", "M/F"]),
            one(&["Age", "DOB", "Date of birth"]),
            one(&["Height", "Height (ft)", "Height in inches"]),
            one(&["City", "Location", "Based in"]),
            prop::collection::vec(prop::sample::select(others), 0..9),
        )
            .prop_map(|(a, b, c, d, e, mut rest)| {
                rest.extend([a, b, c, d, e]);
                rest
            })
            .prop_shuffle()
    }
}

/// A named input file.
type Seed = (String, Vec<u8>);

/// Small valid inputs per target; snapshots in both modes (raw, and payload-with-fixed-CRC).
fn seeds() -> Vec<(&'static str, Vec<Seed>)> {
    use castmatch_core::catalog::Catalog;
    use castmatch_core::roster::{synthetic, to_csv};
    use castmatch_index::{Hnsw, HnswParams};

    let talents = synthetic(12, 7);
    let csv = to_csv(&talents).into_bytes();
    let json = serde_json::to_vec(&talents).expect("talents serialise");
    let plan = castmatch_progress::generate::plan(12, 16, 7);
    let plan = serde_json::to_vec(&plan).expect("plan serialises");

    let rows =
        ndarray::Array2::from_shape_fn((40, 8), |(i, j)| ((i * 7 + j * 3) % 11) as f32 + 1.0);
    let rows = &rows
        / &rows
            .map_axis(ndarray::Axis(1), |r| r.dot(&r).sqrt())
            .insert_axis(ndarray::Axis(1));
    let index = Hnsw::build(rows.view(), HnswParams::default().m(4), &mut |_, _| {}).to_bytes();
    let catalog = Catalog::build(synthetic(6, 3), HnswParams::default().m(4), &mut |_, _| {})
        .expect("catalog builds")
        .to_bytes();

    let mut session = castmatch_core::memory::Session::new();
    session.switch_director("Asha").expect("director");
    session.open_project("Monsoon").expect("project");
    session.open_role(1_700_000_000, "lead").expect("role");
    session.say(1_700_000_010, "female lead, 25-32, Marathi, Kathak, Mumbai");
    let _ = session.remember(1_700_000_020, "never cast smokers");
    let memory = session.snapshot();

    let raw = |bytes: &[u8]| [&[0u8][..], bytes].concat();
    let payload = |bytes: &[u8], at: usize| [&[1u8][..], &bytes[at..]].concat();
    vec![
        (
            "roster_csv",
            vec![
                ("synthetic.csv".into(), csv),
                ("header-only.csv".into(), b"id,name\n".to_vec()),
                (
                    "template.csv".into(),
                    include_bytes!("../www/data/roster-template.csv").to_vec(),
                ),
                (
                    "agency-export.csv".into(),
                    AGENCY_EXPORT.as_bytes().to_vec(),
                ),
                (
                    "pasted.tsv".into(),
                    AGENCY_EXPORT.replace(',', "\t").into_bytes(),
                ),
            ],
        ),
        (
            "roster_json",
            vec![
                ("synthetic.json".into(), json),
                ("empty.json".into(), b"[]".to_vec()),
            ],
        ),
        ("plan_loader", vec![("generated.json".into(), plan)]),
        (
            "brief_parse",
            vec![
                (
                    "lead.txt".into(),
                    b"female lead, 25-32, fluent Marathi and Hindi, trained in Kathak, Mumbai"
                        .to_vec(),
                ),
                (
                    "refine.txt".into(),
                    b"a bit older, drop the dance; no smokers please. Height 5'6\" to 5'10\""
                        .to_vec(),
                ),
            ],
        ),
        (
            "index_snapshot",
            vec![
                ("raw".into(), raw(&index)),
                ("payload".into(), payload(&index, 24)),
            ],
        ),
        (
            "memory_snapshot",
            vec![
                ("raw".into(), raw(&memory)),
                ("payload".into(), payload(&memory, 24)),
            ],
        ),
        (
            "catalog_snapshot",
            vec![
                ("raw".into(), raw(&catalog)),
                ("payload".into(), payload(&catalog, 16)),
            ],
        ),
    ]
}
