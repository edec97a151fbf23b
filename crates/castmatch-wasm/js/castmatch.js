// The package's main entry: the `castmatch` wasm module (generated into castmatch_wasm.js) with
// the `text` module and its sentence-embedding model, loaded together so that engines rank by
// meaning with no extra step. pkg-web/build.sh copies this file and fills in MODEL_FILE (the name
// carries the file's checksum, so a cached copy never goes stale).
import wasmInit, { initSync as wasmInitSync, useTextModel } from './castmatch_wasm.js';
import textInit, { initSync as textInitSync, loadModel, modelDim, readText } from './text.js';

export * from './castmatch_wasm.js';

/** The model file beside the package, relative to this module. */
export const MODEL_FILE = '__MODEL_FILE__';
const MODEL_CACHE = 'castmatch-models';

/**
 * Loads the wasm modules, then the model (`options.model`: bytes, a URL, or `false` for none; by
 * default `MODEL_FILE` beside this module, kept in the Cache API after the first visit). A model
 * that cannot be loaded leaves ranking structured only and is reported on the console, not
 * thrown: `modelChecksum()` is then `undefined`.
 */
export default async function init(options = {}) {
  const { model, ...rest } = isInitOptions(options) ? options : { module_or_path: options };
  const exports = await wasmInit(rest.module_or_path === undefined ? undefined : rest);
  if (model !== false) {
    try {
      await attachTextModel(useTextModel, model);
    } catch (error) {
      console.warn(`castmatch: ranking without meaning (${error instanceof Error ? error.message : error})`);
    }
  }
  return exports;
}

/**
 * Synchronous `init` for Node and workers that hold the bytes: `{module, model, text}` (`text`:
 * the text module's .wasm). Without them, Node reads the files beside this module; elsewhere
 * there is then no model.
 */
export function initSync(options) {
  const { model, text, ...rest } = options?.module !== undefined ? options : { module: options };
  const exports = wasmInitSync(rest);
  if (model !== false) {
    const bytes = model instanceof Uint8Array ? model : readSync(new URL(MODEL_FILE, import.meta.url));
    const textModule = text ?? readSync(new URL('text_bg.wasm', import.meta.url));
    if (bytes && textModule) {
      textInitSync({ module: textModule });
      connect(bytes);
    }
  }
  return exports;
}

/**
 * Loads the text module and the model (`model` as for `init`) and hands its reader to a module's
 * `useTextModel`: `init` does it for this module; the roster worker does it for `castmatch/roster`,
 * so that rosters are embedded where they are built. Throws when the model cannot be loaded.
 */
export async function attachTextModel(use, model) {
  const [bytes] = await Promise.all([model instanceof Uint8Array ? model : fetchModel(model), textInit()]);
  connect(bytes, use);
}

/** Loads the model into the text module and hands `use` (a module's `useTextModel`) its reader. */
function connect(bytes, use = useTextModel) {
  const checksum = Number.parseInt(loadModel(bytes), 16);
  use(checksum, modelDim(), readText);
}

function isInitOptions(options) {
  return options !== null && typeof options === 'object' && !(options instanceof URL) &&
    !(typeof Request !== 'undefined' && options instanceof Request) &&
    !(options instanceof WebAssembly.Module) && !(options instanceof ArrayBuffer) &&
    !ArrayBuffer.isView(options) && !(typeof Response !== 'undefined' && options instanceof Response);
}

async function fetchModel(where) {
  const url = new URL(where ?? MODEL_FILE, import.meta.url);
  if (url.protocol === 'file:') return readSync(url);
  if (typeof caches === 'undefined') return download(url);
  const cache = await caches.open(MODEL_CACHE);
  const cached = await cache.match(url);
  if (cached) return new Uint8Array(await cached.arrayBuffer());
  const bytes = await download(url);
  // Older models (other names) are dropped: one model is kept.
  for (const request of await cache.keys()) {
    if (request.url !== url.href) await cache.delete(request);
  }
  await cache.put(url, new Response(bytes, { headers: { 'content-type': 'application/octet-stream' } }));
  return bytes;
}

async function download(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** A file beside the package, read synchronously in Node (`undefined` elsewhere). */
function readSync(url) {
  const fs = globalThis.process?.getBuiltinModule?.('node:fs');
  if (!fs || url.protocol !== 'file:') return undefined;
  return new Uint8Array(fs.readFileSync(url));
}
