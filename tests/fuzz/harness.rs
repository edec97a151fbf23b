//! What each fuzz target does with one input, shared by the libFuzzer targets in
//! `tests/fuzz/fuzz_targets/` and the native regression tests in `tests/fuzz_regressions.rs`.
//!
//! Every function must return for any input; a panic (including a failed oracle assertion) is
//! a finding. Snapshot inputs pick a mode with their first byte: odd means "the rest is the
//! payload, wrap it in a valid header with the right checksum", so mutations get past the checksum
//! and reach the decoders; even means "the rest is the whole snapshot, as is".

#![allow(dead_code)] // each fuzz binary uses one function

use castmatch_core::catalog::{
    SNAPSHOT_MAGIC as CATALOG_MAGIC, SNAPSHOT_VERSION as CATALOG_VERSION,
};
use castmatch_core::checksum::checksum;
use castmatch_core::memory::{
    Session, SNAPSHOT_MAGIC as MEMORY_MAGIC, SNAPSHOT_VERSION as MEMORY_VERSION,
};
use castmatch_core::roster::{from_csv, from_json, to_csv, ImportMode};
use castmatch_core::Catalog;
use castmatch_core::Date;
use castmatch_index::{Hnsw, Search, FORMAT_VERSION as INDEX_VERSION, MAGIC as INDEX_MAGIC};
use castmatch_progress::{parse_time, Tracker};

/// The reference day of every fuzzed import: ages from dates of birth count to it.
fn today() -> Date {
    Date::from_ymd(2025, 9, 1).expect("a real date")
}

/// CSV roster import in both modes; an accepted roster must survive export and re-import
/// unchanged (extras, generated ids and all), and a strict refusal must name each problem.
pub fn roster_csv(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for mode in [ImportMode::Strict, ImportMode::Lenient] {
        let imported = match from_csv(text, mode, today()) {
            Ok(imported) => imported,
            Err(error) => {
                assert!(!error.to_string().is_empty(), "an error says what is wrong");
                continue;
            }
        };
        if mode == ImportMode::Strict {
            assert!(
                imported.errors.is_empty(),
                "strict import loaded a file with problems"
            );
        }
        if imported.talents.is_empty() {
            continue;
        }
        let again = from_csv(&to_csv(&imported.talents), ImportMode::Strict, today())
            .expect("our own export of an accepted roster re-imports");
        assert_eq!(
            again.talents, imported.talents,
            "CSV round trip changed the roster"
        );
    }
}

/// JSON roster import in both modes; an accepted roster serialised to JSON reads back the same.
pub fn roster_json(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for mode in [ImportMode::Strict, ImportMode::Lenient] {
        if let Ok(imported) = from_json(text, mode, today()) {
            let json = serde_json::to_string(&imported.talents).expect("talents serialise");
            let again = from_json(&json, ImportMode::Strict, today())
                .expect("our own JSON of an accepted roster re-imports");
            assert_eq!(
                again.talents, imported.talents,
                "JSON round trip changed the roster"
            );
        }
    }
}

/// The brief parser: any text, however odd, parses to some `Requirements`; re-parsing the
/// same text gives the same result (the parser is deterministic).
pub fn brief_parse(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let parsed = castmatch_core::brief::parse(&text);
    assert_eq!(
        parsed,
        castmatch_core::brief::parse(&text),
        "brief parsing is deterministic"
    );
}

/// The delivery-plan loader; a loaded plan must also evaluate and report.
pub fn plan_loader(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(tracker) = Tracker::from_json(text) {
        let now = parse_time("2025-09-05T01:45:00+05:30").expect("fixed time parses");
        let _ = tracker.evaluate(now);
        let _ = tracker.report(now);
    }
}

/// `magic | version u32 | payload length u64 | checksum u32 | payload`, the index and memory
/// snapshot header.
fn with_length_header(magic: &[u8], version: u32, payload: &[u8]) -> Vec<u8> {
    let mut bytes = magic.to_vec();
    bytes.extend_from_slice(&version.to_le_bytes());
    bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    bytes.extend_from_slice(&checksum(payload).to_le_bytes());
    bytes.extend_from_slice(payload);
    bytes
}

/// Index snapshot restore; a restored index must re-serialise stably, search and mutate.
pub fn index_snapshot(data: &[u8]) {
    let bytes = match data.split_first() {
        Some((mode, payload)) if mode % 2 == 1 => {
            with_length_header(&INDEX_MAGIC, INDEX_VERSION, payload)
        }
        _ => data.get(1..).unwrap_or_default().to_vec(),
    };
    let Ok(mut index) = Hnsw::from_bytes(&bytes) else {
        return;
    };
    // Not `to_bytes() == bytes`: the reader clamps out-of-range parameters (an
    // efConstruction of 0 loads as M), so the first re-serialisation may differ. The clamped
    // index must be a fixed point.
    let once = index.to_bytes();
    let again = Hnsw::from_bytes(&once).expect("a re-serialised index restores");
    assert_eq!(
        again.to_bytes(),
        once,
        "re-serialising a restored index is stable"
    );
    // Bound the work: a valid snapshot may legitimately describe a large index.
    if index.dim() == 0 || index.dim() > 64 || index.vectors().nrows() > 2_000 {
        return;
    }
    let mut query = vec![0.0f32; index.dim()];
    query[0] = 1.0;
    let mut scratch = Search::default();
    let _ = index.search(&query, 5, &mut scratch);
    let _ = index.search_filtered(&query, 5, &|id| id % 3 == 0, &mut scratch);
    let _ = index.exact(&query, 5, &|_| true);
    if let Ok(id) = index.insert(&query) {
        let _ = index.search(&query, 5, &mut scratch);
        let _ = index.delete(id);
        let _ = index.search(&query, 5, &mut scratch);
    }
}

/// Where the embedded index snapshot keeps its checksum and its payload.
const INDEX_CHECKSUM_AT: usize = 20;
const INDEX_PAYLOAD_AT: usize = 24;

/// Catalog snapshot restore (roster plus index): `magic | version | checksum | payload`, payload =
/// `roster length u64 | roster (postcard) | index snapshot`; the checksum covers the length and
/// the roster, the index has its own. In payload mode both checksums are recomputed. A restored
/// catalog must re-serialise and restore.
pub fn catalog_snapshot(data: &[u8]) {
    let bytes = match data.split_first() {
        Some((mode, payload)) if mode % 2 == 1 => {
            let mut payload = payload.to_vec();
            fix_embedded_index_checksum(&mut payload);
            let mut bytes = CATALOG_MAGIC.to_vec();
            bytes.extend_from_slice(&CATALOG_VERSION.to_le_bytes());
            let roster_part = payload.get(..index_start(&payload).unwrap_or(0));
            bytes.extend_from_slice(&checksum(roster_part.unwrap_or(&payload)).to_le_bytes());
            bytes.extend_from_slice(&payload);
            bytes
        }
        _ => data.get(1..).unwrap_or_default().to_vec(),
    };
    if let Ok(catalog) = Catalog::from_bytes(&bytes) {
        let restored =
            Catalog::from_bytes(&catalog.to_bytes()).expect("a re-serialised catalog restores");
        assert_eq!(restored.len(), catalog.len());
    }
}

/// Where the embedded index snapshot starts: after the roster length and the roster.
fn index_start(payload: &[u8]) -> Option<usize> {
    let len = payload.get(..8)?.try_into().ok()?;
    usize::try_from(u64::from_le_bytes(len))
        .ok()?
        .checked_add(8)
}

fn fix_embedded_index_checksum(payload: &mut [u8]) {
    let Some(start) = index_start(payload) else {
        return;
    };
    if let Some(index) = payload.get_mut(start..) {
        if index.len() >= INDEX_PAYLOAD_AT && index.starts_with(&INDEX_MAGIC) {
            let sum = checksum(&index[INDEX_PAYLOAD_AT..]);
            index[INDEX_CHECKSUM_AT..INDEX_PAYLOAD_AT].copy_from_slice(&sum.to_le_bytes());
        }
    }
}

/// Memory snapshot restore (`Session::from_snapshot`); a restored session must snapshot to
/// the same bytes and restore again.
pub fn memory_snapshot(data: &[u8]) {
    let bytes = match data.split_first() {
        Some((mode, payload)) if mode % 2 == 1 => {
            with_length_header(MEMORY_MAGIC, MEMORY_VERSION, payload)
        }
        _ => data.get(1..).unwrap_or_default().to_vec(),
    };
    if let Ok(session) = Session::from_snapshot(&bytes) {
        let again = session.snapshot();
        Session::from_snapshot(&again).expect("a re-snapshot restores");
        let _ = session.view();
    }
}
