//! Fuzz target `index_snapshot`: Index snapshot restore; a restored index must re-serialise identically, search and mutate.
//! The logic lives in `tests/fuzz/harness.rs`, shared with `tests/fuzz_regressions.rs`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::index_snapshot(data));
