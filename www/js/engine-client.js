// The page's way to an Engine: restore the cached roster snapshot from IndexedDB when there is
// one, else download the prebuilt snapshot of the default roster (pkg-web/rosters/, written by
// pkg-web/build.sh), else build it in a Web Worker (progress reported, page responsive); the
// bytes are cached either way, the last few rosters used (`ROSTERS_KEPT`) side by side.
import init, { Engine, EngineLoader, modelChecksum } from '../../pkg-web/castmatch.js';
import * as store from './store.js';

export { Engine };

/**
 * Where a roster comes from: the synthetic one (`n`, `seed`) or a file's or a paste's `text`.
 * `key` names it in the cache; `label` names it to the director.
 * @typedef {{kind: 'synthetic' | 'csv' | 'json', key: string, label: string, n?: number,
 *   seed?: number, text?: string, lenient?: boolean}} Source
 */

/**
 * A loaded roster: its engine, how it was read, and what the load cost (a restore from the cache
 * has no build figures).
 * @typedef {{engine: Engine, fromCache: boolean, importErrors: string[], importNotices: string[],
 *   restoreMs: number, buildMs?: number, workerBuildMs?: number, longestFrameGapMs?: number,
 *   prebuilt?: boolean, downloadMs?: number}} Loaded
 */

const DEFAULT_SIZE = 100_000;
const DEFAULT_SEED = 42;
/** What pkg-web/build.sh prebuilt: `{rosters: [{key, file, bytes, model}]}`, files beside it. */
const PREBUILT = new URL('../../pkg-web/rosters/index.json', import.meta.url);

/** Loads the wasm module and its model once; every page calls this before touching the package. */
export const ready = init();
let moduleReady = false;
ready.then(() => { moduleReady = true; }, () => {});

/**
 * The synthetic roster the URL asks for: `?n=5000&seed=7`, else 100k talents, seed 42.
 * @param {{search: string}} [location]
 * @returns {Source}
 */
export function syntheticSource(location = window.location) {
  const params = new URLSearchParams(location.search);
  const n = Number.parseInt(params.get('n') ?? '', 10);
  const seed = Number.parseInt(params.get('seed') ?? '', 10);
  const size = Number.isFinite(n) && n > 0 ? n : DEFAULT_SIZE;
  const s = Number.isFinite(seed) ? seed : DEFAULT_SEED;
  return { kind: 'synthetic', n: size, seed: s, key: `synthetic:${size}:${s}`, label: `synthetic roster (seed ${s})` };
}

/**
 * A source for a file the director picked; the cache key changes when the file does.
 * @param {File} file
 * @param {boolean} lenient
 * @returns {Promise<Source>}
 */
export async function fileSource(file, lenient) {
  const text = await file.text();
  const kind = /\.json$/i.test(file.name) || text.trimStart().startsWith('[') ? 'json' : 'csv';
  return {
    kind,
    text,
    lenient,
    key: `file:${file.name}:${file.size}:${file.lastModified}:${lenient ? 'lenient' : 'strict'}`,
    label: file.name,
  };
}

/**
 * A source for rows pasted from a spreadsheet (tab-separated, header first).
 * @param {string} text
 * @param {boolean} lenient
 * @returns {Source}
 */
export function pasteSource(text, lenient) {
  const rows = text.split('\n').filter((line) => line.trim()).length - 1;
  return {
    kind: 'csv',
    text,
    lenient,
    key: `paste:${fingerprint(text)}:${text.length}:${lenient ? 'lenient' : 'strict'}`,
    label: `pasted rows (${rows.toLocaleString('en-US')})`,
  };
}

/** FNV-1a of the text: tells pasted rosters apart in the cache. */
function fingerprint(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16);
}

/**
 * The Engine for `source`, from the cache when possible, else from a prebuilt file, else built
 * in a worker. `onProgress(done, total)` reports the build, `onDownload(received, total)` the
 * prebuilt file's bytes; `onRestoring()` is called before the (synchronous) restore.
 * @param {Source} source
 * @param {(done: number, total: number) => void} [onProgress]
 * @param {() => void} [onRestoring]
 * @param {(received: number, total: number) => void} [onDownload]
 * @returns {Promise<Loaded>}
 */
export async function loadRoster(source, onProgress = () => {}, onRestoring = () => {}, onDownload = () => {}) {
  // A first visit downloads the prebuilt file while the modules and the model load, not after:
  // which model is loaded is checked before the file is restored. A roster cached under any
  // model is not downloaded early (a reload restores from the cache).
  const cachedAtAll = (await store.keys().catch(() => [])).map(String).some((k) => k.startsWith(`roster:${source.key}:model-`));
  const fetching = cachedAtAll ? undefined : fetchPrebuilt(source, onDownload);
  await ready;
  // The snapshot holds profiles embedded with one model: another model means another build.
  const key = `${source.key}:model-${modelChecksum() ?? 'none'}`;
  const cached = await store.get(`roster:${key}`).catch(() => undefined);
  if (cached?.bytes) {
    onRestoring();
    await nextFrame();
    try {
      const started = performance.now();
      const engine = Engine.restore(cached.bytes);
      keepRecentRosters(key).catch(() => {}); // this one is now the most recent
      const { importErrors = [], importNotices = [] } = cached;
      return { engine, fromCache: true, importErrors, importNotices, restoreMs: performance.now() - started };
    } catch {
      // A damaged or older snapshot: rebuild rather than fail.
    }
  }
  const prebuilt = await restorePrebuilt(source, key, fetching ?? fetchPrebuilt(source, onDownload), onRestoring);
  if (prebuilt) return prebuilt;
  const watch = watchFrames();
  const started = performance.now();
  const built = await buildInWorker(source, onProgress).finally(() => watch.stop());
  const buildMs = performance.now() - started;
  onRestoring();
  await nextFrame(); // let "loading the index" paint before the synchronous restore
  const restoreStarted = performance.now();
  const engine = Engine.restore(built.bytes);
  const restoreMs = performance.now() - restoreStarted;
  await keepRecentRosters(key);
  const { importErrors, importNotices } = built;
  await store.set(`roster:${key}`, { bytes: built.bytes, importErrors, importNotices, label: source.label });
  return {
    engine, fromCache: false, importErrors, importNotices, buildMs, restoreMs,
    workerBuildMs: built.buildMs, longestFrameGapMs: watch.longestGap(),
  };
}

/**
 * The prebuilt snapshot of `source` when pkg-web/build.sh made one: its bytes, the model
 * checksum its profiles were embedded with, the download's time and its restore, fed the pieces
 * as they arrived; `undefined` when there is no file for it or the download fails (the caller
 * builds instead).
 * @param {Source} source
 * @param {(received: number, total: number) => void} onDownload
 * @returns {Promise<{bytes: Uint8Array, model: number, downloadMs: number, restoring: ReturnType<typeof streamedRestore>} | undefined>}
 */
async function fetchPrebuilt(source, onDownload) {
  if (source.kind !== 'synthetic') return undefined;
  const restoring = streamedRestore();
  try {
    const manifest = await fetch(PREBUILT, { cache: 'no-cache' });
    if (!manifest.ok) return undefined;
    /** @type {{rosters?: {key: string, file: string, bytes: number, model: number}[]}} */
    const prebuilt = await manifest.json();
    const entry = prebuilt.rosters?.find((r) => r.key === source.key);
    if (!entry) return undefined;
    const started = performance.now();
    const bytes = await download(new URL(entry.file, PREBUILT), entry.bytes, onDownload, restoring.feed);
    return { bytes, model: entry.model, downloadMs: performance.now() - started, restoring };
  } catch (error) {
    restoring.discard();
    console.warn(`castmatch: building the roster instead of the prebuilt file (${error instanceof Error ? error.message : error})`);
    return undefined;
  }
}

/**
 * An `EngineLoader` fed a download's pieces as they arrive, once the module is ready (pieces
 * that came before are fed then): most of the restore is done when the last byte is in.
 */
function streamedRestore() {
  /** @type {EngineLoader | undefined} */
  let loader;
  let fed = 0;
  /** @type {unknown} */
  let failed;
  return {
    /** @param {Uint8Array} bytes the download so far @param {number} received */
    feed(bytes, received) {
      if (!moduleReady || failed !== undefined || received === fed) return;
      try {
        loader ??= new EngineLoader();
        loader.push(bytes.subarray(fed, received));
        fed = received;
      } catch (error) {
        failed = error; // an error is final: `finish` throws it
        loader?.free();
        loader = undefined;
      }
    },
    /** The engine from all of `bytes`; throws what the restore refused. @param {Uint8Array} bytes */
    finish(bytes) {
      this.feed(bytes, bytes.length);
      if (failed !== undefined || !loader) throw failed ?? new Error('the module never loaded');
      const done = loader;
      loader = undefined;
      return done.finish();
    },
    discard() {
      loader?.free();
      loader = undefined;
    },
  };
}

/**
 * The Engine from the prebuilt snapshot `fetching` brings, when its profiles were embedded with
 * the model this page has; `undefined` otherwise (no file, another model, a failed, damaged or
 * refused file), and the caller builds instead. Profiles embedded with another model would be
 * embedded again on the page's thread: the worker builds them instead, keeping the page live.
 * @param {Source} source
 * @param {string} key
 * @param {ReturnType<typeof fetchPrebuilt>} fetching
 * @param {() => void} onRestoring
 * @returns {Promise<Loaded | undefined>}
 */
async function restorePrebuilt(source, key, fetching, onRestoring) {
  const fetched = await fetching;
  if (!fetched) return undefined;
  const { bytes, downloadMs, restoring } = fetched;
  if (fetched.model !== modelChecksum()) {
    restoring.discard();
    return undefined;
  }
  try {
    onRestoring();
    await nextFrame();
    const restoreStarted = performance.now();
    const engine = restoring.finish(bytes);
    const restoreMs = performance.now() - restoreStarted;
    // Cached in the background: writing 100 MB to IndexedDB takes seconds the director need not wait.
    keepRecentRosters(key)
      .then(() => store.set(`roster:${key}`, { bytes, importErrors: [], importNotices: [], label: source.label }))
      .catch(() => {});
    return { engine, fromCache: false, prebuilt: true, importErrors: [], importNotices: [], downloadMs, restoreMs };
  } catch (error) {
    console.warn(`castmatch: building the roster instead of the prebuilt file (${error instanceof Error ? error.message : error})`);
    return undefined;
  }
}

/**
 * The bytes at `url`, reporting `onDownload(received, total)` and `onPiece(bytes, received)` as
 * they arrive. `total` is the file's own size from the manifest: a compressed response's
 * Content-Length counts other bytes.
 * @param {URL} url
 * @param {number} total
 * @param {(received: number, total: number) => void} onDownload
 * @param {(bytes: Uint8Array, received: number) => void} [onPiece]
 */
async function download(url, total, onDownload, onPiece = () => {}) {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`${url.pathname}: HTTP ${response.status}`);
  const bytes = new Uint8Array(total);
  let received = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (received + value.length > total) throw new Error(`${url.pathname} is longer than the ${total} bytes announced`);
    bytes.set(value, received);
    received += value.length;
    onDownload(received, total);
    onPiece(bytes, received);
  }
  if (received !== total) throw new Error(`${url.pathname} ended at byte ${received} of ${total}`);
  return bytes;
}

/** How many rosters stay cached: going back to one of the last few restores in milliseconds, not a rebuild; more would fill the disk (a 100k snapshot is tens of megabytes). */
export const ROSTERS_KEPT = 3;
/** The cached rosters' keys, most recently used first. */
const RECENT = 'rosters:recent';

/** Makes `key` the most recently used roster and forgets the cached ones beyond `ROSTERS_KEPT`. */
async function keepRecentRosters(key) {
  const recent = (await store.get(RECENT).catch(() => undefined)) ?? [];
  const kept = [key, ...recent.filter((k) => k !== key)].slice(0, ROSTERS_KEPT);
  await store.set(RECENT, kept);
  const all = await store.keys().catch(() => []);
  const stale = all.map(String).filter((k) => k.startsWith('roster:') && k !== 'roster:current' && !kept.includes(k.slice('roster:'.length)));
  await Promise.all(stale.map((k) => store.remove(k)));
}

function buildInWorker(source, onProgress) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./roster-worker.js', import.meta.url), { type: 'module' });
    worker.onmessage = ({ data }) => {
      if (data.type === 'progress') return onProgress(data.done, data.total);
      worker.terminate();
      if (data.type === 'done') resolve(data);
      else reject(new Error(data.message));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the roster worker failed to start'));
    };
    const { kind, n, seed, text, lenient, bytes, director } = source;
    worker.postMessage({ kind, n, seed, text, lenient, bytes, director });
  });
}

/**
 * One director's memory as the JSON file to download, written in a worker, where the roster
 * module holds the JSON writer.
 * @param {Uint8Array} bytes `Engine.memorySnapshot()`
 * @param {string} director
 * @returns {Promise<string>}
 */
export async function writeMemoryExport(bytes, director) {
  const written = await buildInWorker({ kind: 'memory-export', bytes, director }, () => {});
  return written.text;
}

/**
 * Reads a memory file in a worker, where the roster module holds the JSON reader:
 * the bytes `Engine.importMemory` takes. A bad file rejects, naming what is wrong.
 * @param {string} text
 * @returns {Promise<Uint8Array>}
 */
export async function readMemoryExport(text) {
  const read = await buildInWorker({ kind: 'memory', text }, () => {});
  return read.bytes;
}

/** Measures the longest gap between animation frames: the proof that the page kept responding. */
function watchFrames() {
  let last = performance.now();
  let longest = 0;
  let running = true;
  const tick = (now) => {
    longest = Math.max(longest, now - last);
    last = now;
    if (running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return { stop: () => (running = false), longestGap: () => Math.round(longest) };
}

function nextFrame() {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
