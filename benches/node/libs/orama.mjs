// @orama/orama: a JavaScript search engine whose vector mode is a linear scan, with `where`
// filters. `similarity: -1` lifts its default 0.8 cut-off, so it returns the true top k.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const pkg = require.resolve("@orama/orama/package.json");
let orama;

export const info = {
  name: "@orama/orama",
  version: JSON.parse(readFileSync(pkg, "utf8")).version,
  filter: "native (`where: { label: { lt } }`)",
  wasm: [], // pure JavaScript
  build: "linear scan, similarity -1",
  sweep: [{}],
};

export async function load() {
  orama = await import("@orama/orama");
}

export async function build(ds) {
  const db = orama.create({ schema: { row: "number", label: "number", embedding: `vector[${ds.dim}]` } });
  const docs = [];
  for (let i = 0; i < ds.n; i++) {
    docs.push({ row: i, label: ds.labels[i], embedding: Array.from(ds.data.subarray(i * ds.dim, (i + 1) * ds.dim)) });
  }
  await orama.insertMultiple(db, docs, 10_000);
  return db;
}

function vectorQuery(query, k) {
  return { mode: "vector", vector: { value: Array.from(query), property: "embedding" }, similarity: -1, limit: k, includeVectors: false };
}

export function search(db, query, k) {
  return orama.search(db, vectorQuery(query, k)).hits.map((hit) => hit.document.row);
}

export function searchBelow(db, query, k, threshold) {
  const request = { ...vectorQuery(query, k), where: { label: { lt: threshold } } };
  return orama.search(db, request).hits.map((hit) => hit.document.row);
}

export function free() {}
