// A prebuilt roster snapshot restored in wasm under Node through the npm package, then searched:
// what a page does on a first visit, without the browser (issue 15, BENCHMARKS.md "scale").
//
//   bash pkg-web/build.sh
//   castmatch roster build --n 100000 --out /tmp/100k.cmcat
//   node benches/node/restore.mjs /tmp/100k.cmcat      # one file a run: RSS is the process's
//
// Prints one JSON line: talents, bytes, restore ms (first and second), RSS after restore, search
// p50 / p99 (ms) over a fixed set of briefs (structured and by meaning, with the shipped model
// loaded), each run QUERIES times, and each brief's p50 (in `BRIEFS` order). The file is read
// and fed to an `EngineLoader` a few MB at a time, as a page feeds a download: neither JS nor
// wasm ever holds it whole.
import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";

const pkg = new URL("../../pkg-web/", import.meta.url);
const { initSync, EngineLoader } = await import(new URL("castmatch.js", pkg));
// With the shipped model beside the package (`initSync` reads it in Node), as the page loads it.
initSync({ module: readFileSync(new URL("castmatch_bg.wasm", pkg)) });

const QUERIES = Number(process.env.CASTMATCH_BENCH_QUERIES ?? 200);
const BRIEFS = [
  { gender: "female", age_min: 25, age_max: 32, languages: ["hindi"], cities: ["mumbai"] },
  { gender: "male", age_min: 45, description: "retired army officer, stern and upright" },
  { description: "stand-up comic with great timing" },
  { skills: ["singing"], age_max: 40 },
  { gender: "female", languages: ["marathi", "hindi"], age_min: 50 },
  {},
];

const file = process.argv[2];
if (!file) throw new Error("usage: node benches/node/restore.mjs FILE.cmcat");
const PIECE = 4 << 20;
const piece = Buffer.alloc(PIECE);
const fileBytes = statSync(file).size;
/** The engine from `file`, read a piece at a time. */
function restore() {
  const loader = new EngineLoader();
  const fd = openSync(file, "r");
  try {
    for (let read; (read = readSync(fd, piece, 0, PIECE, null)) > 0; ) loader.push(piece.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return loader.finish();
}
const rssBefore = process.memoryUsage().rss;
// Twice: the first restore runs in V8's baseline wasm code (tiering up as it goes), the second
// in optimised code, as a page's second roster would.
// `CASTMATCH_BENCH_WARM=0` restores once (a 1M catalog twice may not fit wasm32's 4 GiB).
const warm = process.env.CASTMATCH_BENCH_WARM !== "0";
let started = performance.now();
if (warm) restore().free();
const coldMs = warm ? performance.now() - started : undefined;
started = performance.now();
const engine = restore();
const restoreMs = performance.now() - started;
const rss = process.memoryUsage().rss;

const latencies = [];
const byBrief = BRIEFS.map(() => []);
for (let q = 0; q < QUERIES; q++) {
  const brief = BRIEFS[q % BRIEFS.length];
  const t = performance.now();
  const found = engine.search(brief, 10);
  latencies.push(performance.now() - t);
  byBrief[q % BRIEFS.length].push(performance.now() - t);
  if (q < BRIEFS.length && found.length === 0 && Object.keys(brief).length) console.error(`no match for ${JSON.stringify(brief)}`);
}
latencies.sort((a, b) => a - b);
const at = (p) => latencies[Math.max(1, Math.ceil(latencies.length * p)) - 1];
console.log(JSON.stringify({
  file,
  talents: engine.size,
  semantic: engine.semantic,
  bytes: fileBytes,
  restore_cold_ms: Math.round(coldMs),
  restore_ms: Math.round(restoreMs),
  rss_mb: Math.round(rss / 1e6),
  rss_before_restore_mb: Math.round(rssBefore / 1e6),
  search_p50_ms: Number(at(0.5).toFixed(2)),
  search_p99_ms: Number(at(0.99).toFixed(2)),
  // The first run of each brief reads its candidates' records from their compressed blocks.
  first_ms_per_brief: byBrief.map((l) => Number(l[0].toFixed(2))),
  p50_ms_per_brief: byBrief.map((l) => {
    l.sort((a, b) => a - b);
    return Number(l[Math.floor(l.length / 2)].toFixed(2));
  }),
  queries: QUERIES,
  node: process.version,
}));
