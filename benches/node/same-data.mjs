// Our index in wasm under Node on exactly the data of the native benchmark, to compare p50s.
//
//   cargo bench --bench recall                               # writes target/bench/recall.json
//   bash pkg-web/build.sh && node benches/node/same-data.mjs [target/bench/recall.json]
//
// Reads the native report (sizes, seed, query count, index parameters, p50 per selectivity),
// regenerates the same vectors and labels inside wasm (`VectorIndex.dataset` runs the same
// Rust code as the native bench), builds with the same parameters, runs the same planner
// searches, and writes target/bench/recall-wasm.json plus a Markdown table with the ratios.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import os from "node:os";

const root = new URL("../../", import.meta.url);
const targetDir = process.env.CARGO_TARGET_DIR ?? fileURLToPath(new URL("target", root));
const reportPath = process.argv[2] ?? `${targetDir}/bench/recall.json`;
const native = JSON.parse(readFileSync(reportPath, "utf8"));

const { VectorIndex } = await import("./vector-index.mjs");

const { dim, k, seed, queries: queryCount, params } = native;
const nearestRank = (sorted, p) => sorted[Math.max(1, Math.ceil(sorted.length * p)) - 1];

// As the native harness does: the exact answers first, then the timed searches back to back,
// so the exact scans (which stream every row through the cache) do not sit between them.
function measure(index, all, n, selectivity) {
  const threshold = Math.round(selectivity * n);
  const query = (q) => all.subarray((n + q) * dim, (n + q + 1) * dim);
  const truths = [];
  for (let q = 0; q < queryCount; q++) truths.push(index.exactBelow(query(q), k, threshold));
  const latencies = [];
  const answers = [];
  for (let q = 0; q < queryCount; q++) {
    const started = performance.now();
    answers.push(index.searchBelow(query(q), k, threshold));
    latencies.push(performance.now() - started);
  }
  let found = 0;
  let wanted = 0;
  answers.forEach((ids, q) => {
    found += ids.filter((id) => truths[q].includes(id)).length;
    wanted += truths[q].length;
  });
  latencies.sort((a, b) => a - b);
  return {
    p50_ms: nearestRank(latencies, 0.5),
    p99_ms: nearestRank(latencies, 0.99),
    recall_at_10: wanted ? found / wanted : 1,
    plan: index.lastPlan(),
  };
}

const rows = [];
const builds = [];
for (const n of [...new Set(native.builds.map((b) => b.n))]) {
  console.error(`n = ${n}: generating the native bench's data in wasm`);
  const all = VectorIndex.dataset(n + queryCount, dim, seed);
  const started = performance.now();
  const index = VectorIndex.buildWithParams(all.subarray(0, n * dim), dim, params);
  const seconds = (performance.now() - started) / 1000;
  const nativeBuild = native.builds.find((b) => b.n === n && b.system === "castmatch");
  builds.push({ n, seconds, native_seconds: nativeBuild?.seconds, memory_bytes: index.memoryBytes() });
  index.setLabels(VectorIndex.labels(n, seed));
  for (const nativeRow of native.rows.filter((r) => r.n === n && r.system === "castmatch")) {
    console.error(`n = ${n}: selectivity ${nativeRow.selectivity}`);
    measure(index, all, n, nativeRow.selectivity); // warm-up pass: JIT and caches
    const wasm = measure(index, all, n, nativeRow.selectivity);
    rows.push({
      n,
      selectivity: nativeRow.selectivity,
      ...wasm,
      native_p50_ms: nativeRow.p50_ms,
      native_recall_at_10: nativeRow.recall_at_10,
      ratio_p50: wasm.p50_ms / nativeRow.p50_ms,
    });
  }
  index.free();
}

const report = {
  machine: `${os.cpus()[0]?.model ?? "unknown"}, ${os.cpus().length} cores`,
  node: process.version,
  load_average_at_start: os.loadavg().map((x) => x.toFixed(2)).join(" "),
  native_report: reportPath,
  native_load_average_at_start: native.load_average_at_start,
  dim, k, seed, queries: queryCount, params, builds, rows,
};
const outPath = `${targetDir}/bench/recall-wasm.json`;
writeFileSync(outPath, JSON.stringify(report, null, 2));
console.error(`wrote ${outPath}`);

console.log(`Node ${process.version}, load ${report.load_average_at_start}; native report load ${native.load_average_at_start}.`);
console.log("\n| n | build wasm (s) | build native (s) |\n| --- | --- | --- |");
for (const b of builds) console.log(`| ${b.n} | ${b.seconds.toFixed(1)} | ${b.native_seconds?.toFixed(1) ?? "-"} |`);
console.log("\n| n | selectivity | wasm p50 (ms) | native p50 (ms) | wasm / native | wasm p99 (ms) | wasm recall@10 | native recall@10 |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const r of rows) {
  console.log(`| ${r.n} | ${r.selectivity * 100}% | ${r.p50_ms.toFixed(3)} | ${r.native_p50_ms.toFixed(3)} | ${r.ratio_p50.toFixed(2)}x | ${r.p99_ms.toFixed(3)} | ${r.recall_at_10.toFixed(3)} | ${r.native_recall_at_10.toFixed(3)} |`);
}
