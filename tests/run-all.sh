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
# The broker's shared limits are tested against a real Redis (tests/server_redis.rs starts it).
if ! command -v redis-server >/dev/null; then
  apt-get update -qq && apt-get install -y -qq redis-server >/dev/null
fi

step "format and lints"
cargo fmt --check
# The pages against the package's generated declarations (tests/js/tsconfig.pages.json).
tests/js/node_modules/.bin/tsc -p tests/js/tsconfig.pages.json
cargo clippy --workspace --all-targets -- -D warnings
# The crates the browser runs, as wasm32 builds them: each module's features, and the core.
for features in casting roster text dashboard casting,roster,text,dashboard; do
  cargo clippy -p castmatch-wasm --lib --features "$features" \
    --target wasm32-unknown-unknown -- -D warnings
done
cargo clippy -p castmatch-index -p castmatch-text -p castmatch-core -p castmatch-progress --lib --examples \
  --target wasm32-unknown-unknown -- -D warnings

step "native tests"
cargo test --workspace
# The index is a crate anyone can depend on: it packages (a dry run, nothing is published).
cargo package -p castmatch-index --allow-dirty --quiet

# The binding's suites in wasm itself (crates/castmatch-wasm/tests).
wasm_suites=(-p castmatch-wasm --features casting,roster,dashboard,text --test wasm --test wasm_memory --test index_wasm)

step "wasm tests under Node"
cargo test --target wasm32-unknown-unknown "${wasm_suites[@]}"

step "wasm tests in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --target wasm32-unknown-unknown "${wasm_suites[@]}"

step "JS tests: the package in Node, the pages in Chromium against castmatch serve"
# The official SDK the broker is tested with (tests/js/sdk.test.mjs).
[ -d tests/js/node_modules/@anthropic-ai/sdk ] || (cd tests/js && npm ci --no-audit --no-fund)
cargo build --release --bin castmatch
(cd tests/js && node --test --test-concurrency=1 ./*.test.mjs)
