// Builds a roster off the main thread with the `castmatch/roster` module (imports, the synthetic
// roster, the index build: 100k talents take seconds), then hands the page the snapshot bytes,
// transferred rather than copied. The page restores an Engine from them, so its own module
// carries neither the importers nor the generator.
import init, { Roster } from '../../pkg-web/roster.js';

const ready = init();

self.onmessage = async ({ data: job }) => {
  try {
    await ready;
    const progress = (done, total) => self.postMessage({ type: 'progress', done, total });
    const roster = build(job, progress);
    const bytes = roster.snapshot();
    const result = {
      type: 'done',
      bytes,
      size: roster.size,
      importErrors: roster.importErrors,
      importNotices: roster.importNotices,
    };
    roster.free();
    self.postMessage(result, [bytes.buffer]);
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
