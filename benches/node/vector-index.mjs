// The bare index of crates/castmatch-index as a class, over the C-ABI module its example
// `vector_index` builds (pkg-web/build.sh writes it to benches/node/vector_index.wasm). Vectors
// are copied into wasm memory; ids come back as a fresh Uint32Array.
import { readFileSync } from "node:fs";

export const wasmPath = new URL("./vector_index.wasm", import.meta.url);

let wasm;

/** Instantiates the module once (synchronously: the benchmarks measure nothing before it). */
export function load() {
  if (!wasm) {
    const module = new WebAssembly.Module(readFileSync(wasmPath));
    wasm = new WebAssembly.Instance(module, {}).exports;
  }
  return wasm;
}

const f32 = (ptr, len) => new Float32Array(wasm.memory.buffer, ptr, len);
const u32 = (ptr, len) => new Uint32Array(wasm.memory.buffer, ptr, len);

function copyIn(array, alloc) {
  const ptr = alloc(array.length);
  (array instanceof Float32Array ? f32 : u32)(ptr, array.length).set(array);
  return ptr;
}

export class VectorIndex {
  #ptr;
  #dim;

  constructor(ptr, dim) {
    this.#ptr = ptr;
    this.#dim = dim;
  }

  /**
   * Builds from `data`, `rows x dim` row-major; ids are row numbers. `storage` is "f32" or
   * "int8" (int8 keeps the f32 rows inside wasm to rank the final candidates at full precision).
   */
  static build(data, dim, m, efConstruction, efSearch, seed, storage = "f32") {
    load();
    const ptr = copyIn(data, wasm.alloc_f32);
    const int8 = storage === "int8" ? 1 : 0;
    const index = wasm.build(ptr, data.length, dim, m, efConstruction, efSearch, seed, int8);
    wasm.free_f32(ptr, data.length);
    if (index === 0) throw new Error(`${data.length} values do not make rows of ${dim} components`);
    return new VectorIndex(index, dim);
  }

  /** Builds with `{m, ef_construction, ef_search, seed}` as the native report writes them. */
  static buildWithParams(data, dim, params, storage = "f32") {
    return VectorIndex.build(data, dim, params.m, params.ef_construction, params.ef_search, Number(params.seed), storage);
  }

  /** Restores an index from snapshot bytes (a Uint8Array); throws if they are refused. */
  static restore(bytes, dim) {
    load();
    const ptr = wasm.alloc_u8(bytes.length);
    new Uint8Array(wasm.memory.buffer, ptr, bytes.length).set(bytes);
    const index = wasm.restore(ptr, bytes.length);
    wasm.free_u8(ptr, bytes.length);
    if (index === 0) throw new Error("the snapshot was refused (damaged, truncated or another format)");
    return new VectorIndex(index, dim);
  }

  /** The index's snapshot, as a fresh Uint8Array. */
  snapshot() {
    const len = wasm.snapshot(this.#ptr);
    return new Uint8Array(wasm.memory.buffer, wasm.snapshot_bytes(this.#ptr), len).slice();
  }

  /** The f32 rows an int8 index (restored, say) ranks its final candidates with. */
  setFullVectors(data) {
    const ptr = copyIn(data, wasm.alloc_f32);
    const ok = wasm.set_full_vectors(this.#ptr, ptr, data.length);
    wasm.free_f32(ptr, data.length);
    if (!ok) throw new Error("one full-precision row per indexed point is needed");
  }

  /** The native benchmarks' seeded clustered vectors, `n * dim` floats. */
  static dataset(n, dim, seed) {
    load();
    const ptr = wasm.dataset(n, dim, seed);
    const rows = f32(ptr, n * dim).slice();
    wasm.free_f32(ptr, n * dim);
    return rows;
  }

  /** The native benchmarks' filter labels. */
  static labels(n, seed) {
    load();
    const ptr = wasm.labels(n, seed);
    const labels = u32(ptr, n).slice();
    wasm.free_u32(ptr, n);
    return labels;
  }

  setLabels(labels) {
    const ptr = copyIn(labels, wasm.alloc_u32);
    const ok = wasm.set_labels(this.#ptr, ptr, labels.length);
    wasm.free_u32(ptr, labels.length);
    if (!ok) throw new Error("one label per indexed row is needed");
  }

  setEfSearch(ef) {
    wasm.set_ef_search(this.#ptr, ef);
  }

  #ask(query, run) {
    f32(wasm.query_buffer(this.#ptr), this.#dim).set(query);
    const count = run();
    return u32(wasm.results(this.#ptr), count).slice();
  }

  /** The `k` nearest by a graph walk with candidate list `ef` (no planner). */
  search(query, k, ef) {
    return this.#ask(query, () => wasm.search(this.#ptr, k, ef));
  }

  /** The `k` nearest whose label is below `threshold`, planned as the product searches. */
  searchBelow(query, k, threshold) {
    return this.#ask(query, () => wasm.search_below(this.#ptr, k, threshold));
  }

  /** The exact `k` nearest whose label is below `threshold`. */
  exactBelow(query, k, threshold) {
    return this.#ask(query, () => wasm.exact_below(this.#ptr, k, threshold));
  }

  /** `"exact"`, `"graph"` or `"none"`: how the last search was answered. */
  lastPlan() {
    return ["none", "exact", "graph"][wasm.last_plan(this.#ptr)];
  }

  memoryBytes() {
    return wasm.memory_bytes(this.#ptr);
  }

  /** Bytes of the module's whole linear memory (what the index costs a page, all told). */
  static wasmMemoryBytes() {
    return wasm.memory.buffer.byteLength;
  }

  free() {
    wasm.free_index(this.#ptr);
    this.#ptr = 0;
  }
}
