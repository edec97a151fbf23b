// hnswlib-wasm: hnswlib (C++) through Emscripten. It filters through a JS callback that the
// C++ search calls for every candidate label, the only filter its API offers.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const dir = require.resolve("hnswlib-wasm/package.json").replace(/package\.json$/, "");
let lib;

export const info = {
  name: "hnswlib-wasm",
  version: JSON.parse(readFileSync(`${dir}package.json`, "utf8")).version,
  filter: "callback (JS function called per candidate label)",
  // The .wasm is embedded as base64 in the Emscripten glue; wasmBytes() decodes it.
  wasm: [],
  build: "M=16, efConstruction=200, space ip",
  sweep: [16, 32, 64, 128, 256, 384, 512, 768, 1024].map((ef) => ({ ef })),
};

function glue() {
  return `${dir}dist/${readdirSync(`${dir}dist`).find((f) => /^hnswlib-.*\.js$/.test(f))}`;
}

/** The embedded wasm module's bytes, for the size column. */
export function wasmBytes() {
  const source = readFileSync(glue(), "latin1");
  const base64 = source.match(/data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)/)[1];
  return [Buffer.from(base64, "base64")];
}

export async function load() {
  // The Emscripten build targets the web only and refuses to start without a `window`;
  // its wasm is inlined, so nothing else from the browser is needed.
  globalThis.window ??= globalThis;
  const factory = (await import(glue())).default;
  lib = await factory();
}

export function build(ds) {
  const index = new lib.HierarchicalNSW("ip", ds.dim, "");
  index.initIndex(ds.n, 16, 200, 42);
  const rows = [];
  for (let i = 0; i < ds.n; i++) rows.push(ds.data.subarray(i * ds.dim, (i + 1) * ds.dim));
  index.addPoints(rows, Array.from({ length: ds.n }, (_, i) => i), false);
  return { index, labels: ds.labels };
}

export function search(h, query, k, setting) {
  h.index.setEfSearch(setting.ef);
  return h.index.searchKnn(query, k, undefined).neighbors;
}

export function searchBelow(h, query, k, threshold, setting) {
  h.index.setEfSearch(setting.ef);
  return h.index.searchKnn(query, k, (label) => h.labels[label] < threshold).neighbors;
}

export function free(h) {
  h.index.delete?.();
}
