import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { readEventDir } from '../../../test/helpers/decodeEvents.js';
import { findCommand, type FindCommandOutput } from './findCommand.js';

const sink = () => {
  const chunks: string[] = [];
  const stream = new Writable({ write: (chunk, _enc, done) => (chunks.push(String(chunk)), done()) });
  // cli-progress draws only on terminals (a redirected stderr gets no bar): pretend to be one.
  Object.assign(stream, { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { stream, text: () => chunks.join('') };
};

describe('lrkit find', () => {
  it('runs on MNIST with a model from a JSON file (flags override it), prints JSON and writes an SVG', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lrkit-find-'));
    const modelFile = path.join(dir, 'model.json');
    writeFileSync(modelFile, JSON.stringify({ hidden: [16], optimizer: 'sgd', seed: 3 }));
    const svg = path.join(dir, 'plot.svg');
    const out: string[] = [];
    const progress = sink();
    const tensorsBefore = tf.memory().numTensors;
    await findCommand({ model: modelFile, optimizer: 'adam', train: '512', numIter: '30', batchSize: '32', svg, json: true }, (t) => out.push(t), progress.stream);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    const parsed = JSON.parse(out[0] as string) as FindCommandOutput;
    expect(parsed.model).toEqual({ hidden: [16], activation: 'relu', optimizer: 'adam', momentum: 0.9, seed: 3 });
    expect(parsed.dataset).toEqual({ name: 'mnist', train: 512, seed: 3 });
    expect(parsed.result.lrs.length).toBeGreaterThan(5);
    expect(parsed.result.suggestions.filter((s) => s.chosen).map((s) => s.name)).toEqual(['centredMinimum']);
    expect(parsed.result.suggestedLr).toBe(parsed.result.suggestions.find((s) => s.name === 'centredMinimum')?.lr);
    expect(readFileSync(svg, 'utf8')).toContain('MLP 16 (adam)');
    expect(progress.text()).toMatch(/lr finder \[/);
  });

  it('prints a readable report with the chosen rule marked; --logdir writes a TensorBoard run', async () => {
    const out: string[] = [];
    const logdir = mkdtempSync(path.join(tmpdir(), 'lrkit-find-tb-'));
    await findCommand({ hidden: '8', train: '256', numIter: '20', batchSize: '32', suggest: 'minimum', progress: false, logdir }, (t) => out.push(t));
    const text = out.join('\n');
    const [run] = readdirSync(logdir);
    expect(run).toMatch(/^lr-finder-sgd-\d{8}-\d{6}$/);
    expect(text).toContain(`tensorboard run: ${path.join(logdir, run as string)}`);
    const events = readEventDir(path.join(logdir, run as string));
    const lrs = events.filter((e) => e.values[0]?.tag === 'lr_finder/lr');
    expect(lrs.length).toBeGreaterThan(5);
    expect(lrs.map((e) => e.step)).toEqual(lrs.map((_, i) => i));
    expect(events.some((e) => e.values[0]?.tag === 'lr_finder/suggestions/text_summary')).toBe(true);
    expect(text).toMatch(/LR range test on 256 MNIST digits, MLP 784-8-10 \(relu, sgd\)/);
    expect(text).toMatch(/\* minimum/);
    expect(text).toMatch(/suggested lr: .* \(minimum\)/);
  });

  it('rejects bad flags with the flag name', async () => {
    await expect(findCommand({ numIter: 'many' }, () => {})).rejects.toThrow(/find --num-iter: expected a number, got "many"/);
    await expect(findCommand({ optimizer: 'lion' }, () => {})).rejects.toThrow(/model.optimizer: expected one of "sgd"/);
    await expect(findCommand({ suggest: 'best' }, () => {})).rejects.toThrow(/find --suggest/);
    await expect(findCommand({ train: '20000', progress: false }, () => {})).rejects.toThrow(/loadMnist.train: expected train \+ test <= 10000 \(/);
  });
});
