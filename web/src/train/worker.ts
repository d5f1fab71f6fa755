// The training worker: tfjs runs here, so the page stays responsive while models train.
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { findLrTfjs } from '../../../src/finder/tfjs/findLrTfjs.js';
import { buildMlp } from '../../../src/finder/tfjs/mlp.js';
import { loadDigits, type DigitSet } from './digits.js';
import type { BackendChoice } from './plan.js';
import type { FromWorker, Speed, ToWorker } from './protocol.js';
import { digitTensors, TrainingSession, type RunProgress } from './trainer.js';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker): void;
}
const scope = self as unknown as WorkerScope;
const post = (message: FromWorker) => scope.postMessage(message);

/** How often the page gets new points (ms): often enough to look live, rarely enough to stay cheap. */
const REPORT_EVERY_MS = 200;

let digits: DigitSet | null = null;
let session: TrainingSession | null = null;
/** The page's id of the current training. */
let sessionId = 0;
let running = false;
let stopRequested = false;
let trainedMs = 0;
let updates = 0;

/** The WebGL renderer's name, or null when the worker gets no WebGL context. */
function webglRenderer(): string | null {
  if (typeof OffscreenCanvas === 'undefined') return null;
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2') ?? new OffscreenCanvas(1, 1).getContext('webgl');
  if (!gl) return null;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
}

/** Software GL (SwiftShader, llvmpipe) runs tfjs slower than wasm: 'auto' skips it. */
const SOFTWARE_GL = /swiftshader|llvmpipe|softpipe|software/i;

/**
 * webgl when the browser gives it on a GPU, wasm next, cpu last; a forced choice is tried alone (so a
 * software WebGL can still be measured by picking webgl).
 */
async function pickBackend(choice: BackendChoice, wasmPath: string): Promise<{ backend: string; tried: Array<{ backend: string; error: string }> }> {
  // The wasm binaries are static files next to the page (copied there at build time), not inlined.
  setWasmPaths(wasmPath);
  const order = choice === 'auto' ? ['webgl', 'wasm', 'cpu'] : [choice];
  const tried: Array<{ backend: string; error: string }> = [];
  for (const name of order) {
    if (name === 'webgl' && choice === 'auto') {
      const renderer = webglRenderer();
      if (renderer === null || SOFTWARE_GL.test(renderer)) {
        tried.push({ backend: 'webgl', error: renderer === null ? 'no WebGL context in a worker' : `software renderer (${renderer}), slower than wasm` });
        continue;
      }
    }
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        // A backend may register and still fail on first use (e.g. webgl without a GPU); try a tiny op.
        tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(1)).dataSync());
        return { backend: tf.getBackend(), tried };
      }
      tried.push({ backend: name, error: 'not available in this browser' });
    } catch (error) {
      tried.push({ backend: name, error: (error as Error).message });
    }
  }
  throw new Error(`no tfjs backend could start: ${tried.map((t) => `${t.backend}: ${t.error}`).join('; ')}`);
}

function speed(): Speed {
  const seconds = trainedMs / 1000;
  return { updates, seconds, stepsPerSecond: seconds > 0 ? updates / seconds : 0 };
}

function merge(into: RunProgress, more: RunProgress): void {
  more.steps.forEach((points, i) => into.steps[i]?.push(...points));
  more.evals.forEach((points, i) => into.evals[i]?.push(...points));
}

async function train(): Promise<void> {
  const s = session;
  const id = sessionId;
  if (!s || running) return;
  running = true;
  stopRequested = false;
  const live = () => s.summaries().filter((r) => r.error === null).length;
  try {
    while (!s.done && !stopRequested) {
      const pending: RunProgress = { steps: s.summaries().map(() => []), evals: s.summaries().map(() => []) };
      const sliceStart = performance.now();
      while (!s.done && !stopRequested && performance.now() - sliceStart < REPORT_EVERY_MS) {
        const runs = live();
        const t0 = performance.now();
        merge(pending, await s.advance(1));
        trainedMs += performance.now() - t0;
        updates += runs;
      }
      post({ type: 'progress', id, progress: pending, step: s.stepsDone, total: s.total, perEpoch: s.perEpoch, summaries: s.summaries(), speed: speed() });
      // Let queued messages (stop) in between slices; a stop takes effect within one slice.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    post(s.done ? { type: 'done', id, summaries: s.summaries(), speed: speed() } : { type: 'stopped', id, step: s.stepsDone, total: s.total });
  } finally {
    running = false;
  }
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'init': {
      const { backend, tried } = await pickBackend(message.backend, message.wasmPath);
      digits = await loadDigits(message.digitsUrl);
      post({ type: 'ready', backend, tried, trainDigits: digits.train.count, validationDigits: digits.validation.count });
      return;
    }
    case 'start': {
      if (!digits) throw new Error('the digits are not loaded yet');
      stopRequested = true;
      while (running) await new Promise((resolve) => setTimeout(resolve, 5));
      session?.dispose();
      session = new TrainingSession(digits, message.config, message.runs);
      sessionId = message.id;
      trainedMs = 0;
      updates = 0;
      await train();
      return;
    }
    case 'stop':
      stopRequested = true;
      return;
    case 'resume':
      await train();
      return;
    case 'rangeTest': {
      if (!digits) throw new Error('the digits are not loaded yet');
      const { config, numIter } = message;
      const model = buildMlp({ hidden: config.hidden, optimizer: config.optimizer, momentum: config.momentum, seed: config.seed }, { inputs: digits.rows * digits.cols, classes: 10, lr: config.lr });
      const data = digitTensors(digits.train.pixels, digits.train.labels, config.trainDigits);
      try {
        const result = await findLrTfjs(model, data, {
          batchSize: config.batchSize,
          seed: config.seed,
          numIter,
          onIteration: (r) => {
            if (r.iteration % 5 === 0) post({ type: 'rangeProgress', iteration: r.iteration, numIter });
          },
        });
        post({ type: 'rangeResult', result });
      } finally {
        tf.dispose([data.xs, data.ys]);
        model.optimizer.dispose();
        model.dispose();
      }
      return;
    }
  }
}

scope.onmessage = (event) => {
  handle(event.data).catch((error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }));
};
