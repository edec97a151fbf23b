#!/usr/bin/env bash
# Builds the npm package in pkg-web/ from crates/castmatch-wasm: wasm with SIMD (see
# .cargo/config.toml), wasm-bindgen for the web target (an ES module that loads in browsers and in
# Node 20), then wasm-opt. Also builds the bare index's C-ABI module for benches/node. Installs
# what a fresh machine lacks: the wasm target, wasm-bindgen-cli at the version in Cargo.lock, and
# binaryen from npm (Debian's wasm-opt is too old for externref).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
target="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown"

rustup target list --installed | grep -qx wasm32-unknown-unknown ||
  rustup target add wasm32-unknown-unknown

wanted=$(awk '/^name = "wasm-bindgen"$/ { getline; sub(/version = /, ""); gsub(/"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$wanted" ]; then
  echo "installing wasm-bindgen-cli $wanted (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "$wanted"
fi
[ -x tests/js/node_modules/.bin/wasm-opt ] || (cd tests/js && npm ci --no-audit --no-fund)

optimise() { # file profile
  # For size: functions that differ only in constants are merged first (generics instantiated
  # in more than one crate of the workspace), then -Oz, whole-program flow analysis (GUFA: a
  # value that can only be a constant becomes one), -Oz until nothing changes; the toolchain's
  # "producers" and "target_features" sections carry nothing the browser reads.
  case $2 in
    release) passes=(-O3 --converge) ;;
    *) passes=(--merge-similar-functions -Oz --gufa -Oz --converge) ;;
  esac
  passes+=(--strip-producers --strip-target-features)
  tests/js/node_modules/.bin/wasm-opt "${passes[@]}" --enable-simd --enable-bulk-memory \
    --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
    --enable-reference-types --enable-multivalue "$1" -o "$1"
  echo "$1: $(wc -c < "$1") bytes, $(gzip -9 -c "$1" | wc -c) gzipped"
}

# The chat module's word lists ship beside it as a JS snippet (crates/castmatch-wasm/js/words.js);
# wasm-bindgen copies it into pkg-web/snippets/, under a name a stale copy must not linger beside.
rm -rf pkg-web/snippets

# One module per concern: `castmatch` (the Engine, the package's main entry), `roster` (the chat
# page's worker: imports, generates, indexes and embeds rosters), `text` (the sentence-embedding
# model both read meaning with) and `dashboard`. Each names its cargo feature and profile (see
# Cargo.toml): the chat module is built for size, the others for speed.
for module in castmatch:casting:wasm-small roster:roster:release text:text:release dashboard:dashboard:release; do
  IFS=: read -r module feature profile <<< "$module"
  cargo build -p castmatch-wasm --lib --profile "$profile" --features "$feature" \
    --target wasm32-unknown-unknown
  wasm-bindgen --target web --out-dir pkg-web --out-name "$module" \
    "$target/$profile/castmatch_wasm.wasm"
  optimise "pkg-web/${module}_bg.wasm" "$profile"
done
for words in pkg-web/snippets/*/js/words.js; do
  echo "$words: $(wc -c < "$words") bytes, $(gzip -9 -c "$words" | wc -c) gzipped (the chat module's word lists)"
done

# The main entry wraps the generated bindings (castmatch_wasm.js, which still loads
# castmatch_bg.wasm) so that init() also loads the text module and its model. The model is served
# beside the package under a name that carries its checksum (models/MANIFEST), so pages may cache
# it for good.
mv pkg-web/castmatch.js pkg-web/castmatch_wasm.js
mv pkg-web/castmatch.d.ts pkg-web/castmatch_wasm.d.ts
read -r model_name _ model_sum _ < <(grep -v '^#' models/MANIFEST)
served="castmatch-static-v1-d128-$model_sum.cmse"
rm -rf pkg-web/models && mkdir -p pkg-web/models
cp "models/$model_name" "pkg-web/models/$served"
sed "s|__MODEL_FILE__|models/$served|" crates/castmatch-wasm/js/castmatch.js > pkg-web/castmatch.js
cp crates/castmatch-wasm/js/castmatch.d.ts pkg-web/castmatch.d.ts
# Precompressed for `castmatch serve` (brotli at a quick level with a wide window: a 108 MB
# roster -> 32 MB in 3 s; gzip for the rest): too big to compress on the fly for each visitor
# (the model, 7.4 MB, took the server half a second of a first visit's two cores).
precompress_large() { # file
  node -e '
const fs = require("fs"), zlib = require("zlib");
const file = process.argv[1], bytes = fs.readFileSync(file);
fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(bytes, { params: {
  [zlib.constants.BROTLI_PARAM_QUALITY]: 4, [zlib.constants.BROTLI_PARAM_LGWIN]: 24,
  [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 6 }));
' "$1"
}
precompress_large "pkg-web/models/$served"
echo "pkg-web/models/$served: $(wc -c < "pkg-web/models/$served") bytes, $(wc -c < "pkg-web/models/$served.br") brotli"

# The chat page's default roster (100k synthetic talents, seed 42) prebuilt natively by
# `castmatch roster build`, so a first visit downloads and restores it (seconds) instead of building
# it in a worker. Built here, not by `castmatch serve` at start: the pages are static files any
# server can host, and serve stays a quick start. Named by its checksum so browsers may keep it for
# good; rosters/index.json tells the page which file holds which roster and the model checksum its
# profiles were embedded with. Rebuilt only when the castmatch binary is newer than the manifest.
cargo build --release --bin castmatch
castmatch="${CARGO_TARGET_DIR:-target}/release/castmatch"
if [ ! pkg-web/rosters/index.json -nt "$castmatch" ]; then
  rm -rf pkg-web/rosters && mkdir -p pkg-web/rosters
  building=pkg-web/rosters/building.cmcat
  summary=$("$castmatch" roster build --n 100000 --seed 42 --out "$building")
  roster="synthetic-100000-42-$(sha256sum "$building" | cut -c1-16).cmcat"
  mv "$building" "pkg-web/rosters/$roster"
  node -e '
const [summary, file] = process.argv.slice(1);
const { bytes, model_checksum: model } = JSON.parse(summary);
const rosters = [{ key: "synthetic:100000:42", file, bytes, model }];
require("fs").writeFileSync("pkg-web/rosters/index.json", `${JSON.stringify({ rosters }, null, 2)}\n`);
' "$summary" "$roster"
  precompress_large "pkg-web/rosters/$roster"
fi
for roster in pkg-web/rosters/*.cmcat; do
  echo "$roster: $(wc -c < "$roster") bytes, $(wc -c < "$roster.br") brotli (prebuilt roster snapshot)"
done

# The bare index for benches/node: the index crate's example, no JS glue.
cargo build -p castmatch-index --example vector_index --profile wasm-small \
  --target wasm32-unknown-unknown
cp "$target/wasm-small/examples/vector_index.wasm" benches/node/vector_index.wasm
optimise benches/node/vector_index.wasm wasm-small

# Precompressed copies that `castmatch serve` sends to browsers that accept them (brotli at its
# best, else gzip -9): the wasm modules and their JS glue are the bulk of a page load. The
# server ignores a copy older than its file and compresses that file on the fly instead.
node -e '
const fs = require("fs"), zlib = require("zlib");
for (const file of process.argv.slice(1)) {
  const bytes = fs.readFileSync(file);
  const br = zlib.brotliCompressSync(bytes, { params: {
    [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  fs.writeFileSync(`${file}.br`, br);
  fs.writeFileSync(`${file}.gz`, zlib.gzipSync(bytes, { level: 9 }));
  console.log(`${file}: ${bytes.length} bytes, ${br.length} brotli`);
}' pkg-web/*.wasm pkg-web/castmatch.js pkg-web/dashboard.js pkg-web/snippets/*/js/*.js
