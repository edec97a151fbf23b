// Builds a roster off the main thread with the `castmatch/roster` module (imports, the synthetic
// roster, the index build and the profiles' embedding: 100k talents take seconds), then hands the
// page the snapshot bytes, transferred rather than copied. The page restores an Engine from them,
// so its own module carries neither the importers nor the generator. It also reads exported memory
// files (`readMemoryExport`) and writes them (`writeMemoryExport`), whose JSON the page's module
// does not carry either.
import init, { Roster, useTextModel, modelChecksum, readMemoryExport, writeMemoryExport } from '../../pkg-web/roster.js';
import { attachTextModel } from '../../pkg-web/castmatch.js';

// Without the model the roster is built by fields alone; the page's Engine embeds on restore.
const loaded = init();
const ready = loaded.then(() => attachTextModel(useTextModel).catch((error) => {
  console.warn(`castmatch roster: building without meaning (${error instanceof Error ? error.message : error})`);
}));

self.onmessage = async ({ data: job }) => {
  try {
    if (job.kind === 'memory') return await readMemory(job.text);
    if (job.kind === 'memory-export') return await writeMemory(job.bytes, job.director);
    await ready;
    const progress = (done, total) => self.postMessage({ type: 'progress', done, total });
    const started = performance.now();
    const roster = build(job, progress);
    const buildMs = performance.now() - started;
    const bytes = roster.snapshot();
    const result = {
      type: 'done',
      bytes,
      size: roster.size,
      importErrors: roster.importErrors,
      importNotices: roster.importNotices,
      model: modelChecksum(),
      buildMs,
    };
    roster.free();
    self.postMessage(result, { transfer: [bytes.buffer] });
  } catch (error) {
    self.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};

function build(job, progress) {
  switch (job.kind) {
    case 'synthetic':
      return Roster.synthetic(job.n, job.seed, progress);
    case 'csv':
      return Roster.fromCsv(job.text, job.lenient, progress);
    case 'json':
      return Roster.fromJson(job.text, job.lenient, progress);
    default:
      throw new Error(`unknown roster kind ${job.kind}`);
  }
}

/** One director's memory (`Engine.memorySnapshot()` bytes) as the JSON file to download. */
async function writeMemory(bytes, director) {
  await loaded;
  self.postMessage({ type: 'done', text: writeMemoryExport(bytes, director) });
}

/** An exported memory file as the bytes `Engine.importMemory` takes (no model needed). */
async function readMemory(text) {
  await loaded;
  const bytes = readMemoryExport(text);
  self.postMessage({ type: 'done', bytes }, { transfer: [bytes.buffer] });
}
