// CastMatch's own index (src/index/) through the class `VectorIndex` (src/wasm/vector_index.rs),
// the index-only module pkg-web/build.sh builds beside the package. Filters run inside wasm against labels set once, which is
// how the product filters its roster (a predicate over row ids, no JS call per node).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const wasmPath = fileURLToPath(new URL("../../../pkg-web/vector_index_bg.wasm", import.meta.url));
let castmatch;

export const info = {
  name: "castmatch",
  version: JSON.parse(readFileSync(new URL("../../../pkg-web/package.json", import.meta.url))).version,
  filter: "native (in-wasm predicate; planner picks exact scan or filtered graph walk)",
  wasm: [wasmPath],
  build: "M=16, efConstruction=200",
  sweep: [16, 32, 64, 128, 256, 384, 512, 768, 1024].map((ef) => ({ ef })),
};

export async function load() {
  castmatch = await import("../../../pkg-web/vector_index.js");
  castmatch.initSync({ module: readFileSync(wasmPath) });
}

export function build(ds) {
  const index = castmatch.VectorIndex.build(ds.data, ds.dim, 16, 200, 64, 42);
  index.setLabels(ds.labels);
  return index;
}

export function search(index, query, k, setting) {
  return index.search(query, k, setting.ef);
}

export function searchBelow(index, query, k, threshold, setting) {
  index.setEfSearch(setting.ef);
  return index.searchBelow(query, k, threshold);
}

export function free(index) {
  index.free();
}
