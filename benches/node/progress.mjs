// Times the wasm Dashboard on a generated plan (10,000 tasks, 50,000 edges) under Node 20.
// Build pkg-web first (wasm-bindgen --target web), then: node benches/node/progress.mjs
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { initSync, Dashboard, generatePlan } from "../../pkg-web/dashboard.js";

const wasmPath = fileURLToPath(new URL("../../pkg-web/dashboard_bg.wasm", import.meta.url));
initSync({ module: readFileSync(wasmPath) });

const [tasks, edges, seed] = [10_000, 50_000, 42];
const now = "2025-09-05T01:45:00+05:30";

function time(label, runs, fn) {
  fn(); // warm-up
  const samples = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  console.log(`${label.padEnd(28)} median ${median.toFixed(2)} ms  min ${samples[0].toFixed(2)} ms  (${runs} runs)`);
  return median;
}

const text = generatePlan(tasks, edges, seed);
let dashboard = Dashboard.fromJson(text);
console.log(`plan: ${tasks} tasks, ${edges} edges, ${(text.length / 1e6).toFixed(1)} MB of JSON`);
time("fromJson (parse+validate)", 10, () => {
  dashboard.free();
  dashboard = Dashboard.fromJson(text);
});
const evaluate = time("evaluate -> JS object", 20, () => dashboard.evaluate(now));
const report = time("report (Markdown)", 20, () => dashboard.report(now));
const evaluation = dashboard.evaluate(now);
console.log(`evaluation: ${evaluation.schedule.tasks.length} tasks, ${evaluation.blocked.length} blocked, ${evaluation.alerts.length} alerts`);
console.log(`targets: evaluate <= 100 ms ${evaluate <= 100 ? "OK" : "MISSED"}; report <= 20 ms (native target) ${report <= 20 ? "OK" : "over"}`);
dashboard.free();
