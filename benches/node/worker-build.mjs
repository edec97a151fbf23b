// What the chat page's worker does with a roster the director loads, timed in Node (V8, the
// engine Chromium runs): the synthetic roster built by the `castmatch/roster` module, its
// structured index and then its profiles embedded with the shipped model, and the snapshot the
// page restores. `node benches/node/worker-build.mjs [N]` after `pkg-web/build.sh`.
import { readFileSync } from 'node:fs';

const pkg = new URL('../../pkg-web/', import.meta.url);
const { initSync, Roster, useTextModel } = await import(new URL('roster.js', pkg));
const { initSync: initChat, attachTextModel, MODEL_FILE } = await import(new URL('castmatch.js', pkg));
initSync({ module: readFileSync(new URL('roster_bg.wasm', pkg)) });
initChat({ module: readFileSync(new URL('castmatch_bg.wasm', pkg)) });
await attachTextModel(useTextModel, readFileSync(new URL(MODEL_FILE, pkg)));

const n = Number(process.argv[2] ?? 100_000);
const started = performance.now();
let indexed = null;
const roster = Roster.synthetic(n, 42, (done, total) => {
  // The first half of the progress is the structured index, the second the profiles.
  if (indexed === null && done >= total / 2) indexed = performance.now();
});
const built = performance.now();
const bytes = roster.snapshot();
const written = performance.now();
const s = (a, b) => ((b - a) / 1000).toFixed(1);
console.log(JSON.stringify({
  talents: roster.size,
  build_s: Number(s(started, built)),
  index_s: Number(s(started, indexed ?? built)),
  embed_s: Number(s(indexed ?? built, built)),
  snapshot_s: Number(s(built, written)),
  snapshot_bytes: bytes.length,
}));
