// voy-search: a k-d tree in Rust wasm. No tuning parameters and no filter: filtered queries
// are answered by over-fetching and dropping rows that fail (post-filter), reported as such.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const dir = require.resolve("voy-search/package.json").replace(/package\.json$/, "");
let voy;

export const info = {
  name: "voy-search",
  version: JSON.parse(readFileSync(`${dir}package.json`, "utf8")).version,
  filter: "none: post-filter of an over-fetch (k / s, at most 1,000 rows)",
  wasm: [`${dir}voy_search_bg.wasm`],
  build: "k-d tree (no parameters)",
  sweep: [{}],
};

export async function load() {
  // Built for bundlers (`import * as wasm from "./x.wasm"`), so instantiate by hand.
  const bindings = await import(`${dir}voy_search_bg.js`);
  const { instance } = await WebAssembly.instantiate(readFileSync(`${dir}voy_search_bg.wasm`), {
    "./voy_search_bg.js": bindings,
  });
  bindings.__wbg_set_wasm(instance.exports);
  voy = bindings;
}

export function build(ds) {
  // Its only input format: one object per row with the vector as a plain array.
  const embeddings = [];
  for (let i = 0; i < ds.n; i++) {
    embeddings.push({ id: String(i), title: "", url: "", embeddings: Array.from(ds.data.subarray(i * ds.dim, (i + 1) * ds.dim)) });
  }
  return { index: new voy.Voy({ embeddings }), labels: ds.labels, n: ds.n };
}

export function search(h, query, k) {
  return h.index.search(query, k).neighbors.map((hit) => Number(hit.id));
}

export function searchBelow(h, query, k, threshold) {
  const fetch = Math.min(1000, Math.ceil(k / (threshold / h.n)));
  return h.index
    .search(query, fetch)
    .neighbors.map((hit) => Number(hit.id))
    .filter((id) => h.labels[id] < threshold)
    .slice(0, k);
}

export function free(h) {
  h.index.free();
}
