// The floor: a plain JavaScript scan over the Float32Array (data.mjs's bruteForce), with the
// filter checked per row before the dot product.
import { bruteForce } from "../data.mjs";

export const info = {
  name: "js-bruteforce",
  version: "-",
  filter: "native (label check per row)",
  wasm: [],
  build: "none",
  sweep: [{}],
};

export async function load() {}

export function build(ds) {
  return ds;
}

export function search(ds, query, k) {
  return bruteForce(ds.data, ds.dim, query, k);
}

export function searchBelow(ds, query, k, threshold) {
  return bruteForce(ds.data, ds.dim, query, k, (i) => ds.labels[i] < threshold);
}

export function free() {}
