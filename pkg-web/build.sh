#!/usr/bin/env bash
# Builds the npm package in pkg-web/ from the crate: release wasm (SIMD, see .cargo/config.toml),
# wasm-bindgen for the web target (an ES module that loads in browsers and in Node 20), then
# wasm-opt. Installs what a fresh machine lacks: the wasm target, wasm-bindgen-cli at the
# version in Cargo.lock, and binaryen from npm (Debian's wasm-opt is too old for externref).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

rustup target list --installed | grep -qx wasm32-unknown-unknown ||
  rustup target add wasm32-unknown-unknown

wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; sub(/version = /, ""); gsub(/"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wanted" ]; then
  echo "installing wasm-bindgen-cli $wanted (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$wanted"
fi
[ -x tests/js/node_modules/.bin/wasm-opt ] || (cd tests/js && npm ci --no-audit --no-fund)

# One module per page: `castmatch` (the Engine, the package's main entry) and `dashboard`;
# `vector_index` (the bare index) serves benches/node and stays out of package.json's files.
# Each names its cargo feature and profile (see Cargo.toml): the chat module and the index are
# built for size, the dashboard for speed.
for module in castmatch:casting:wasm-small dashboard:dashboard:release vector_index:vector-index:wasm-small; do
  IFS=: read -r module feature profile <<< "$module"
  cargo build --lib --profile "$profile" --no-default-features --features "$feature" \
    --target wasm32-unknown-unknown
  wasm="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$profile/castmatch.wasm"
  wasm-bindgen --target web --out-dir pkg-web --out-name "$module" "$wasm"
  out="pkg-web/${module}_bg.wasm"
  case $profile in release) passes=(-O3) ;; *) passes=(-Oz --converge) ;; esac
  tests/js/node_modules/.bin/wasm-opt "${passes[@]}" --enable-simd --enable-bulk-memory \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue "$out" -o "$out"
  echo "$out: $(wc -c < "$out") bytes, $(gzip -9 -c "$out" | wc -c) gzipped"
done
