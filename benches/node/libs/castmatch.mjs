// CastMatch's own index (crates/castmatch-index) through the class `VectorIndex` of
// ../vector-index.mjs, over the C-ABI module the index crate's example builds (pkg-web/build.sh).
// Filters run inside wasm against labels set once, which is how the product filters its roster
// (a predicate over row ids, no JS call per node).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { VectorIndex, load as loadModule, wasmPath } from "../vector-index.mjs";

export const info = {
  name: "castmatch",
  // The workspace's version ([workspace.package] in the root Cargo.toml).
  version: readFileSync(new URL("../../../Cargo.toml", import.meta.url), "utf8").match(/^version = "([^"]+)"/m)[1],
  filter: "native (in-wasm predicate; planner picks exact scan or filtered graph walk)",
  wasm: [fileURLToPath(wasmPath)],
  build: "M=16, efConstruction=200",
  sweep: [16, 32, 64, 128, 256, 384, 512, 768, 1024].map((ef) => ({ ef })),
};

export async function load() {
  loadModule();
}

export function build(ds) {
  const index = VectorIndex.build(ds.data, ds.dim, 16, 200, 64, 42);
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
