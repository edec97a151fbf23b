// edgevec: a Rust wasm HNSW with metadata filters (`label < t` as a filter expression,
// planned inside wasm). Its search `ef` is fixed when the index is configured, so each `ef`
// in the sweep is its own build.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const dir = require.resolve("edgevec/package.json").replace(/package\.json$/, "");
let edgevec;

export const info = {
  name: "edgevec",
  version: JSON.parse(readFileSync(`${dir}package.json`, "utf8")).version,
  filter: "native (filter expression, strategy auto)",
  wasm: [`${dir}edgevec_bg.wasm`],
  // ef is a build-time setting here; M / efConstruction match ours (16 / 200).
  // One build only: a 100k build takes many minutes on a shared machine (see BENCHMARKS).
  sweep: [{ ef: 512 }],
  efAtBuild: true,
};

export async function load() {
  edgevec = await import("edgevec/edgevec.js");
  edgevec.initSync({ module: readFileSync(`${dir}edgevec_bg.wasm`) });
}

export function build(ds, setting) {
  const config = new edgevec.EdgeVecConfig(ds.dim);
  // L2 on unit vectors orders exactly like cosine. (edgevec 0.9.0's "dot" and "cosine"
  // metrics returned the farthest rows in our checks, so they are not used.)
  config.metric = "l2";
  config.m = 16;
  config.m0 = 32;
  config.ef_construction = 200;
  config.ef_search = setting.ef;
  const index = new edgevec.EdgeVec(config);
  // One flat batch (the library's fastest insert), then the label as integer metadata, which
  // the filter expression reads. edgevec ids start at 1: id = row + 1.
  const ids = index.insertBatchFlat(ds.data, ds.n);
  for (let row = 0; row < ds.n; row++) {
    index.setMetadata(ids[row], "label", edgevec.JsMetadataValue.fromInteger(ds.labels[row]));
  }
  return index;
}

export function search(index, query, k) {
  return index.search(query, k).map((hit) => hit.id - 1);
}

export function searchBelow(index, query, k, threshold) {
  return index.searchWithFilter(query, `label < ${threshold}`, k).map((hit) => hit.id - 1);
}

export function free(index) {
  index.free();
}
