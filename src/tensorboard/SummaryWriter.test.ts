import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OptionError, WriteError } from '../errors.js';
import { readEventDir } from '../../test/helpers/decodeEvents.js';
import { SummaryWriter } from './SummaryWriter.js';
import { readRecords } from './tfrecord.js';

const root = mkdtempSync(join(tmpdir(), 'lrkit-tb-writer-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(root, `run${n++}`);
const clock = () => 1_700_000_000.5;

describe('SummaryWriter', () => {
  it('names the file events.out.tfevents.<seconds>.<host>.<pid>.<n> and starts it with brain.Event:2', async () => {
    const dir = fresh();
    const w = new SummaryWriter(dir, { clock, filenameSuffix: '.v2' });
    expect(w.file).toMatch(new RegExp(`events\\.out\\.tfevents\\.1700000000\\.${hostname().replace(/\./g, '\\.')}\\.${process.pid}\\.\\d+\\.v2$`));
    await w.close();
    expect(readEventDir(dir)).toEqual([{ wallTime: 1_700_000_000.5, step: 0, fileVersion: 'brain.Event:2', values: [] }]);
  });

  it('writes scalars with their step and wall time; the clock stamps the ones without', async () => {
    const dir = fresh();
    const w = new SummaryWriter(dir, { clock });
    w.addScalar('train/lr', 0.1, 3, 1_700_000_001.25);
    w.addScalar('train/loss', 2.5, 4);
    w.addScalar('nan', NaN, 5);
    await w.close();
    const events = readEventDir(dir).slice(1);
    expect(events.map((e) => [e.step, e.wallTime, e.values[0]?.tag])).toEqual([
      [3, 1_700_000_001.25, 'train/lr'],
      [4, 1_700_000_000.5, 'train/loss'],
      [5, 1_700_000_000.5, 'nan'],
    ]);
    expect(events[0]?.values[0]?.simpleValue).toBe(Math.fround(0.1));
    expect(events[2]?.values[0]?.simpleValue).toBeNaN();
  });

  it('buffers: nothing beyond the header before maxQueue records or flush(); the file is readable while written', async () => {
    const dir = fresh();
    const w = new SummaryWriter(dir, { clock, maxQueue: 3, flushSecs: 3600 });
    w.addScalar('a', 1, 0);
    w.addScalar('a', 2, 1);
    expect(readEventDir(dir)).toHaveLength(1);
    w.addScalar('a', 3, 2); // third record: a write starts
    await w.flush();
    expect(readEventDir(dir)).toHaveLength(4);
    w.addScalar('a', 4, 3);
    await w.flush();
    expect(readEventDir(dir).map((e) => e.values[0]?.simpleValue)).toEqual([undefined, 1, 2, 3, 4]);
    await w.close();
  });

  it('flushes by itself after flushSecs', async () => {
    const dir = fresh();
    const w = new SummaryWriter(dir, { clock, flushSecs: 0.05 });
    w.addScalar('a', 1, 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(readEventDir(dir)).toHaveLength(2);
    await w.close();
  });

  it('addScalars writes one run per key, <logdir>/<mainTag with _>_<key>, each with the tag mainTag', async () => {
    const dir = fresh();
    const w = new SummaryWriter(dir, { clock });
    w.addScalars('lr/groups', { backbone: 0.01, head: 0.1 }, 7);
    await w.close();
    expect(readdirSync(dir).sort()).toEqual([expect.stringMatching(/^events/), 'lr_groups_backbone', 'lr_groups_head'].sort());
    const head = readEventDir(join(dir, 'lr_groups_head'));
    expect(head[1]?.values).toEqual([{ tag: 'lr/groups', simpleValue: Math.fround(0.1), kind: 'scalar' }]);
    expect(head[1]?.step).toBe(7);
  });

  it('text, histogram and hparams records', async () => {
    const dir = fresh();
    const w = new SummaryWriter(dir, { clock });
    w.addText('notes', 'hello', 1);
    w.addHistogram('weights', [0.1, -0.2, 0.3], 2);
    w.addHparams({ lr: 0.1, scheduler: 'StepLR', nesterov: true }, { 'hparams/loss': 0.5 }, { step: 9 });
    await w.close();
    const tags = readEventDir(dir).flatMap((e) => e.values.map((v) => `${v.tag}:${v.kind}`));
    expect(tags).toEqual(['notes/text_summary:tensor', 'weights:histogram', '_hparams_/session_start_info:tensor', 'hparams/loss:scalar', '_hparams_/session_end_info:tensor']);
  });

  it('hparams: the default group name is the SHA-256 of the sorted hparams, as TensorBoard derives it', async () => {
    const dir = fresh();
    const w = new SummaryWriter(dir, { clock });
    w.addHparams({ b: 'x', a: 1 }, {});
    await w.close();
    const file = readFileSync(join(dir, readdirSync(dir)[0] as string));
    const { createHash } = await import('node:crypto');
    expect(file.includes(Buffer.from(createHash('sha256').update('{"a":1,"b":"x"}').digest('hex')))).toBe(true);
  });

  it('nothing added before close() is lost, with many records and small queues', async () => {
    const dir = fresh();
    const w = new SummaryWriter(dir, { clock, maxQueue: 7 });
    for (let i = 0; i < 1000; i++) w.addScalar('x', i, i);
    await w.close();
    const values = readEventDir(dir).slice(1).map((e) => e.values[0]?.simpleValue);
    expect(values).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('the exit handler writes what is still buffered when the process exits without close()', () => {
    const dir = fresh();
    const script = `
      import { SummaryWriter } from ${JSON.stringify(new URL('./SummaryWriter.ts', import.meta.url).pathname)};
      const w = new SummaryWriter(${JSON.stringify(dir)}, { flushSecs: 3600, maxQueue: 64 });
      for (let i = 0; i < 100; i++) w.addScalar('x', i, i);
      void w.flush(); // a batch handed to flush() but not yet written when exit() runs
      for (let i = 100; i < 150; i++) w.addScalar('x', i, i);
      process.exit(0);`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(readEventDir(dir).slice(1).map((e) => e.step)).toEqual(Array.from({ length: 150 }, (_, i) => i));
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('%s (Ctrl-C, kill) writes what is buffered, then ends the process by that signal', (signal) => {
    const dir = fresh();
    const script = `
      import { SummaryWriter } from ${JSON.stringify(new URL('./SummaryWriter.ts', import.meta.url).pathname)};
      const w = new SummaryWriter(${JSON.stringify(dir)}, { flushSecs: 3600, maxQueue: 1000 });
      for (let i = 0; i < 40; i++) w.addScalar('x', i, i);
      process.kill(process.pid, '${signal}');
      setTimeout(() => console.log('still alive'), 2000);`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.signal).toBe(signal);
    expect(result.stdout).toBe('');
    expect(readEventDir(dir).slice(1).map((e) => e.step)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it("with the program's own signal listener, the records are written and the program decides", () => {
    const dir = fresh();
    const script = `
      import { SummaryWriter } from ${JSON.stringify(new URL('./SummaryWriter.ts', import.meta.url).pathname)};
      const w = new SummaryWriter(${JSON.stringify(dir)}, { flushSecs: 3600, maxQueue: 1000 });
      process.on('SIGTERM', () => { console.log('own handler'); setTimeout(() => process.exit(3), 50); });
      for (let i = 0; i < 5; i++) w.addScalar('x', i, i);
      process.kill(process.pid, 'SIGTERM');
      setTimeout(() => {}, 2000);`;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(result.status).toBe(3);
    expect(result.stdout).toBe('own handler\n');
    expect(readEventDir(dir)).toHaveLength(6);
  });

  it('a crash in the middle of a write leaves every earlier record readable', async () => {
    const dir = fresh();
    const w = new SummaryWriter(dir, { clock });
    for (let i = 0; i < 10; i++) w.addScalar('x', i, i);
    await w.close();
    const bytes = readFileSync(w.file);
    const torn = readRecords(bytes.subarray(0, bytes.length - 5));
    expect(torn.records).toHaveLength(10);
    expect(torn.stop).toBe('truncated');
  });

  it('bad tags, values, steps and wall times are OptionErrors naming the parameter', () => {
    const w = new SummaryWriter(fresh(), { clock });
    expect(() => w.addScalar('', 1, 0)).toThrow(/addScalar\.tag: expected a non-empty string tag, got ""/);
    expect(() => w.addScalar('a\nb', 1, 0)).toThrow(/control characters/);
    expect(() => w.addScalar('a\uD800', 1, 0)).toThrow(/unpaired surrogates/);
    expect(() => w.addScalar('/a', 1, 0)).toThrow(/start or end with '\/'/);
    expect(() => w.addScalar(5 as unknown as string, 1, 0)).toThrow(OptionError);
    expect(() => w.addScalar('a', '1' as unknown as number, 0)).toThrow(/addScalar\.value: expected a number/);
    expect(() => w.addScalar('a', 1, 1.5)).toThrow(/addScalar\.step: expected an integer step, got 1\.5/);
    expect(() => w.addScalar('a', 1, 0, NaN)).toThrow(/addScalar\.wallTime/);
    expect(() => w.addScalars('g', { '../escape': 1 }, 0)).toThrow(/sub-directory/);
    expect(() => w.addHparams({ nested: { a: 1 } as unknown as number }, {})).toThrow(/addHparams\.hparams\.nested: expected a finite number, a string or a boolean/);
    expect(() => w.addHparams({ lr: Infinity }, {})).toThrow(OptionError);
    expect(() => w.addHparams({}, {}, { stepp: 1 } as never)).toThrow(/addHparams\.stepp: expected no such option/);
    expect(() => new SummaryWriter(fresh(), { maxQueue: 0 })).toThrow(/SummaryWriter\.maxQueue/);
    expect(() => new SummaryWriter(fresh(), { clock: () => NaN })).toThrow(/SummaryWriter\.clock/);
  });

  it('an unwritable logdir is an OptionError naming it and the system error', () => {
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    expect(() => new SummaryWriter(join(file, 'run'))).toThrow(OptionError);
    expect(() => new SummaryWriter(join(file, 'run'))).toThrow(/SummaryWriter\.logdir: expected a directory that can be created and written \(ENOTDIR/);
    expect(() => new SummaryWriter('')).toThrow(/SummaryWriter\.logdir/);
  });

  it('adding after close() is a WriteError; close() twice is fine', async () => {
    const w = new SummaryWriter(fresh(), { clock });
    await w.close();
    await w.close();
    expect(() => w.addScalar('a', 1, 0)).toThrow(WriteError);
    expect(() => w.addScalar('a', 1, 0)).toThrow(/the writer is closed/);
  });
});
