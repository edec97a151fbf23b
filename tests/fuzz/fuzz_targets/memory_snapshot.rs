//! Fuzz target `memory_snapshot`: memory snapshot restore; damage must be an error, never a panic.
//! The logic lives in `tests/fuzz/harness.rs`, shared with `tests/fuzz_regressions.rs`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::memory_snapshot(data));
