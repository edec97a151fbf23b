// Builds a roster's index off the main thread (100k talents take seconds), then hands the page
// the snapshot bytes, transferred rather than copied. The page restores an Engine from them.
import init, { Engine } from '../../pkg-web/castmatch.js';

const ready = init();

self.onmessage = async ({ data: job }) => {
  try {
    await ready;
    const progress = (done, total) => self.postMessage({ type: 'progress', done, total });
    const engine = build(job, progress);
    const bytes = engine.snapshot();
    const result = { type: 'done', bytes, size: engine.size, importErrors: engine.importErrors ?? [] };
    engine.free();
    self.postMessage(result, [bytes.buffer]);
  } catch (error) {
    self.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};

function build(job, progress) {
  switch (job.kind) {
    case 'synthetic':
      return Engine.synthetic(job.n, job.seed, progress);
    case 'csv':
      return Engine.fromCsv(job.text, job.lenient, progress);
    case 'json':
      return Engine.fromJson(job.text, job.lenient, progress);
    default:
      throw new Error(`unknown roster kind ${job.kind}`);
  }
}
