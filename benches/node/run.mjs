// CastMatch's index against the browser vector-search libraries, in one run on the same data.
//
//   cd benches/node && npm install && node --expose-gc run.mjs [--n 100000] [--queries 1000]
//       [--libs bruteforce,castmatch,hnswlib,voy,orama,edgevec] [--cap-seconds 240] [--update]
//
// --update keeps the other libraries' rows of an earlier out/results.json and replaces only
// those run now (for re-measuring one library; the table then mixes two runs, so say so).
//
// Needs pkg-web/ built first (bash pkg-web/build.sh). Generates the dataset, computes the
// exact answers once (cached in out/), runs each library in its own child process, writes
// out/results.json and prints Markdown tables.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import os from "node:os";
import { bruteForce, makeDataset, SELECTIVITIES, threshold } from "./data.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const out = `${here}out`;

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
}
const n = Number(option("n", 100_000));
const queries = Number(option("queries", 1000));
const libs = option("libs", "bruteforce,castmatch,hnswlib,voy,orama,edgevec").split(",");
const capSeconds = Number(option("cap-seconds", 240));
const dataset = { n, dim: 64, queries, seed: 42 };
const k = 10;

if (libs.includes("castmatch") && !existsSync(`${here}vector_index.wasm`)) {
  console.error("benches/node/vector_index.wasm is not built: run `pkg-web/build.sh` at the repository root first");
  process.exit(1);
}
mkdirSync(out, { recursive: true });

// Exact answers, unfiltered and at every selectivity, by brute force over the same data.
const truthPath = `${out}/truth-${n}-${queries}-${dataset.seed}.json`;
if (!existsSync(truthPath)) {
  console.error(`ground truth: ${queries} queries x ${n} rows, exact`);
  const ds = makeDataset(dataset);
  const query = (q) => ds.queries.subarray(q * ds.dim, (q + 1) * ds.dim);
  const all = [];
  const filtered = Object.fromEntries(SELECTIVITIES.map((s) => [String(s), []]));
  for (let q = 0; q < queries; q++) {
    all.push(bruteForce(ds.data, ds.dim, query(q), k));
    for (const s of SELECTIVITIES) {
      const limit = threshold(n, s);
      filtered[String(s)].push(bruteForce(ds.data, ds.dim, query(q), k, (i) => ds.labels[i] < limit));
    }
  }
  writeFileSync(truthPath, JSON.stringify({ all, filtered }));
}
// One config file per run shape, so two runs of different sizes never read each other's.
const configPath = `${out}/config-${n}-${queries}.json`;
writeFileSync(configPath, JSON.stringify({ dataset, k, truthPath, capSeconds }));

/** Raw and gzip -9 size of each library's .wasm. */
async function wasmSize(name) {
  const lib = await import(`./libs/${name}.mjs`);
  const buffers = lib.wasmBytes ? lib.wasmBytes() : lib.info.wasm.map((path) => readFileSync(path));
  if (buffers.length === 0) return null;
  const raw = buffers.reduce((sum, b) => sum + b.length, 0);
  const gzip = buffers.reduce((sum, b) => sum + gzipSync(b, { level: 9 }).length, 0);
  return { raw, gzip };
}

const earlier = process.argv.includes("--update") && existsSync(`${out}/results.json`)
  ? JSON.parse(readFileSync(`${out}/results.json`, "utf8")).results
  : [];
const results = [];
for (const name of libs) {
  console.error(`\n== ${name}`);
  const child = spawnSync(process.execPath, ["--expose-gc", `${here}child.mjs`, name, configPath], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 64 * 2 ** 20,
  });
  const line = child.stdout.trim().split("\n").pop();
  if (child.status !== 0 || !line) {
    results.push({ library: name, error: `exit ${child.status}` });
    continue;
  }
  results.push({ ...JSON.parse(line), wasm: await wasmSize(name) });
  save(); // after every library, so a long run's finished part is never lost
}
save();
console.log(markdown(report()));


function report() {
  return {
    date: new Date().toISOString(),
    command: `node --expose-gc run.mjs --n ${n} --queries ${queries}`,
    node: process.version,
    cpus: os.cpus().length,
    loadAverage: os.loadavg(),
    dataset: { ...dataset, k, centres: 128, distance: "cosine (unit vectors)" },
    results: [...earlier.filter((r) => !results.some((x) => x.library === r.library)), ...results],
    runs: earlier.length ? "merged: libraries re-run with --update replaced their earlier rows" : "one run",
  };
}

function save() {
  writeFileSync(`${out}/results.json`, `${JSON.stringify(report(), null, 2)}\n`);
}

function markdown({ results }) {
  const f = (x, digits = 3) => (x === undefined || x === null ? "-" : x.toFixed(digits));
  const ms = (x) => (x === undefined ? "-" : x < 1 ? x.toFixed(3) : x.toFixed(2));
  const setting = (s) => (s && Object.keys(s).length ? Object.entries(s).map(([key, v]) => `${key}=${v}`).join(" ") : "-");
  const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
  const lines = [
    "| library | build (s) | best-recall setting | recall@10 | p50 (ms) | p99 (ms) | fastest setting with recall >= 0.98 | p50 there (ms) | RSS after build (MiB) | .wasm raw / gzip |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of results) {
    if (r.error) {
      lines.push(`| ${r.library} | failed (${r.error}) |||||||||`);
      continue;
    }
    const wasm = r.wasm ? `${kib(r.wasm.raw)} / ${kib(r.wasm.gzip)}` : "no wasm (JS)";
    const fast = r.fastest98 ? `${setting(r.fastest98.setting)} (recall ${f(r.fastest98.recall)})` : "none";
    lines.push(
      `| ${r.library} ${r.version} | ${f(r.buildMs / 1000, 1)} | ${setting(r.best.setting)} | ${f(r.best.recall)} | ${ms(r.best.p50)} | ${ms(r.best.p99)} | ${fast} | ${r.fastest98 ? ms(r.fastest98.p50) : "-"} | ${f(r.rssAfterBuildMiB, 0)} | ${wasm} |`,
    );
  }
  lines.push("", "Filtered (`label < s*n`), k = 10:", "");
  lines.push(`| library | filter | setting | ${SELECTIVITIES.map((s) => `${s * 100}%: recall / p50 / p99 ms`).join(" | ")} |`);
  lines.push(`|---|---|---|${SELECTIVITIES.map(() => "---").join("|")}|`);
  for (const r of results) {
    if (r.error) continue;
    const groups = new Map();
    for (const row of r.filtered) {
      const key = setting(row.setting);
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(row);
    }
    for (const [key, rows] of groups) {
      const cells = SELECTIVITIES.map((s) => {
        const row = rows.find((x) => x.selectivity === s);
        if (!row) return "-";
        const partial = row.queries < queries ? ` (${row.queries} q)` : "";
        return `${f(row.recall)} / ${ms(row.p50)} / ${ms(row.p99)}${partial}`;
      });
      lines.push(`| ${r.library} | ${r.filter} | ${key} | ${cells.join(" | ")} |`);
    }
  }
  return lines.join("\n");
}
