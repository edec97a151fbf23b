//! Fuzz target `roster_csv`: CSV roster import in both modes; an accepted roster must survive export and re-import.
//! The logic lives in `tests/fuzz/harness.rs`, shared with `tests/fuzz_regressions.rs`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::roster_csv(data));
