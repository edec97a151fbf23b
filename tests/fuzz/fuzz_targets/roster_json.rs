//! Fuzz target `roster_json`: JSON roster import in both modes.
//! The logic lives in `tests/fuzz/harness.rs`, shared with `tests/fuzz_regressions.rs`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::roster_json(data));
