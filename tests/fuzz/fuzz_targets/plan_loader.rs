//! Fuzz target `plan_loader`: The delivery-plan loader; a loaded plan must also evaluate and report.
//! The logic lives in `tests/fuzz/harness.rs`, shared with `tests/fuzz_regressions.rs`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::plan_loader(data));
