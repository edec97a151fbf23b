//! Fuzz target `catalog_snapshot`: catalog snapshot restore (roster plus index), damage must be an error.
//! The logic lives in `tests/fuzz/harness.rs`, shared with `tests/fuzz_regressions.rs`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::catalog_snapshot(data));
