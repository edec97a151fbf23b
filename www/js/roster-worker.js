// Builds a roster's index and embeds its profiles off the main thread (100k talents take
// seconds), then hands the page the snapshot bytes, transferred rather than copied. The page
// restores an Engine from them. The synthetic demo roster comes from its own small module.
import init, { Engine, modelChecksum } from '../../pkg-web/castmatch.js';

const ready = init();

self.onmessage = async ({ data: job }) => {
  try {
    await ready;
    const progress = (done, total) => self.postMessage({ type: 'progress', done, total });
    const started = performance.now();
    const engine = await build(job, progress);
    const buildMs = performance.now() - started;
    const bytes = engine.snapshot();
    const result = {
      type: 'done', bytes, size: engine.size, importErrors: engine.importErrors ?? [],
      semantic: engine.semantic, model: modelChecksum(), buildMs,
    };
    engine.free();
    self.postMessage(result, [bytes.buffer]);
  } catch (error) {
    self.postMessage({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};

async function build(job, progress) {
  switch (job.kind) {
    case 'synthetic': {
      const { default: initSynthetic, syntheticRoster } = await import('../../pkg-web/synthetic.js');
      await initSynthetic();
      return Engine.fromCsv(syntheticRoster(job.n, job.seed), false, progress);
    }
    case 'csv':
      return Engine.fromCsv(job.text, job.lenient, progress);
    case 'json':
      return Engine.fromJson(job.text, job.lenient, progress);
    default:
      throw new Error(`unknown roster kind ${job.kind}`);
  }
}
