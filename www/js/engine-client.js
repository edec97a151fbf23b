// The page's way to an Engine: restore the cached roster snapshot from IndexedDB when there is
// one, else build it in a Web Worker (progress reported, page responsive) and cache the bytes.
import init, { Engine, modelChecksum } from '../../pkg-web/castmatch.js';
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
 *   restoreMs: number, buildMs?: number, workerBuildMs?: number, longestFrameGapMs?: number}} Loaded
 */

const DEFAULT_SIZE = 100_000;
const DEFAULT_SEED = 42;

/** Loads the wasm module and its model once; every page calls this before touching the package. */
export const ready = init();

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
 * The Engine for `source`, from the cache when possible. `onProgress(done, total)` reports the
 * build; `onRestoring()` is called before the (synchronous) restore.
 * @param {Source} source
 * @param {(done: number, total: number) => void} [onProgress]
 * @param {() => void} [onRestoring]
 * @returns {Promise<Loaded>}
 */
export async function loadRoster(source, onProgress = () => {}, onRestoring = () => {}) {
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
      const { importErrors = [], importNotices = [] } = cached;
      return { engine, fromCache: true, importErrors, importNotices, restoreMs: performance.now() - started };
    } catch {
      // A damaged or older snapshot: rebuild rather than fail.
    }
  }
  const watch = watchFrames();
  const started = performance.now();
  const built = await buildInWorker(source, onProgress).finally(() => watch.stop());
  const buildMs = performance.now() - started;
  onRestoring();
  await nextFrame(); // let "loading the index" paint before the synchronous restore
  const restoreStarted = performance.now();
  const engine = Engine.restore(built.bytes);
  const restoreMs = performance.now() - restoreStarted;
  await forgetOtherRosters(key);
  const { importErrors, importNotices } = built;
  await store.set(`roster:${key}`, { bytes: built.bytes, importErrors, importNotices, label: source.label });
  return {
    engine, fromCache: false, importErrors, importNotices, buildMs, restoreMs,
    workerBuildMs: built.buildMs, longestFrameGapMs: watch.longestGap(),
  };
}

/** Keeps one cached roster: a 100k snapshot is tens of megabytes. */
async function forgetOtherRosters(keep) {
  const all = await store.keys().catch(() => []);
  await Promise.all(all.filter((k) => String(k).startsWith('roster:') && k !== `roster:${keep}`).map((k) => store.remove(k)));
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
    const { kind, n, seed, text, lenient } = source;
    worker.postMessage({ kind, n, seed, text, lenient });
  });
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
