#!/usr/bin/env bash
# Every test CastMatch has, from a fresh machine: builds pkg-web (installing the wasm tools),
# installs Chromium, then formatting and lints, native tests, the wasm suites under Node and in
# headless Chromium, and the JS tests (the npm package in Node, the pages in a real browser).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

step() { printf '\n==> %s\n' "$*"; }

step "tools and the npm package"
pkg-web/build.sh
if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null
fi

step "format and lints"
cargo fmt --check
cargo clippy --all-targets -- -D warnings
for features in casting dashboard vector-index casting,dashboard,vector-index; do
  cargo clippy --lib --no-default-features --features "$features" \
    --target wasm32-unknown-unknown -- -D warnings
done

step "native tests"
cargo test

# The wasm suites (the other test files use native-only crates such as proptest).
wasm_suites=(--features casting,dashboard --test wasm --test wasm_memory --test index_wasm)

step "wasm tests under Node"
cargo test --no-default-features --target wasm32-unknown-unknown "${wasm_suites[@]}"

step "wasm tests in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --no-default-features --target wasm32-unknown-unknown "${wasm_suites[@]}"

step "JS tests: the package in Node, the pages in Chromium against castmatch serve"
cargo build --release --bin castmatch
(cd tests/js && node --test --test-concurrency=1 ./*.test.mjs)
