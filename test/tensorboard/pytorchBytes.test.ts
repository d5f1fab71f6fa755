// lrkit's event files equal, byte for byte, the files PyTorch's torch.utils.tensorboard.SummaryWriter wrote for the
// same scalars, addScalars series and text with the same wall times (fixtures from scripts/gen_tensorboard_fixtures.py).
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecords } from '../../src/tensorboard/index.js';
import { PYTORCH_SOURCE_WRITER, loadCases, writeCases } from '../helpers/tensorboardCases.js';

const FIXTURES = new URL('../fixtures/tensorboard/pytorch/', import.meta.url);
const RUNS = ['scalars', 'text', 'scalar_groups/lr_groups_backbone', 'scalar_groups/lr_groups_head'];
const work = mkdtempSync(join(tmpdir(), 'lrkit-tb-bytes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function eventFile(dir: string): Buffer {
  const names = readdirSync(dir).filter((n) => n.startsWith('events.out.tfevents.'));
  expect(names).toHaveLength(1);
  return readFileSync(join(dir, names[0] as string));
}

describe('event files equal PyTorch SummaryWriter output', async () => {
  const cases = loadCases();
  await writeCases(cases, join(work, 'as-pytorch'), { sourceWriter: PYTORCH_SOURCE_WRITER });
  await writeCases(cases, join(work, 'default'));

  it.each(RUNS)('%s: byte for byte', (run) => {
    const theirs = readFileSync(new URL(`${run}/events.out.tfevents`, FIXTURES));
    const ours = eventFile(join(work, 'as-pytorch', run));
    expect(ours.length).toBe(theirs.length);
    expect(ours.equals(theirs)).toBe(true);
  });

  it.each(RUNS)('%s: with the default writer name only the header record differs', (run) => {
    const theirs = readRecords(readFileSync(new URL(`${run}/events.out.tfevents`, FIXTURES)));
    const ours = readRecords(eventFile(join(work, 'default', run)));
    expect(ours.stop).toBeNull();
    expect(ours.records.length).toBe(theirs.records.length);
    expect(ours.records.slice(1).map((r) => r.toString('hex'))).toEqual(theirs.records.slice(1).map((r) => r.toString('hex')));
    expect(ours.records[0]?.includes(Buffer.from('lrkit'))).toBe(true);
  });

  it('covers NaN, ±Infinity, -0, float32 overflow, 2^40 and negative steps and a zero wall time', () => {
    const values = cases.scalars.map((s) => s.value);
    expect(values).toEqual(expect.arrayContaining(['nan', 'inf', '-inf', 1e39, -0]));
    expect(cases.scalars.map((s) => s.step)).toEqual(expect.arrayContaining([2 ** 40, -3]));
    expect(cases.scalars.some((s) => s.wallTime === 0)).toBe(true);
  });
});
