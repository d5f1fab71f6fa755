import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OptionError, WriteError } from '../errors.js';
import { FileLogger } from './FileLogger.js';

const root = mkdtempSync(join(tmpdir(), 'lrkit-filelogger-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const clock = () => 1_700_000_000.5;

async function logAll(path: string): Promise<string> {
  const log = new FileLogger(path, { clock });
  log.addScalar('train/lr', 0.1, 0);
  log.addScalar('train/loss', NaN, 1, 1_700_000_001);
  log.addScalars('lr', { a: 1e-3, b: -Infinity }, 2);
  log.addText('notes', 'a, "quoted"\nline', 3);
  log.addHistogram('w', [1, 2], 4);
  log.addHparams({ scheduler: 'StepLR', lr: 0.1 }, { 'hparams/loss': 0.25 }, { step: 5 });
  await log.close();
  return readFileSync(path, 'utf8');
}

describe('FileLogger', () => {
  it('CSV: one row per value, RFC 4180 quoting, full float64 precision, NaN/Infinity spelled out', async () => {
    const text = await logAll(join(root, 'deep', 'run.csv'));
    const lines = text.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'wall_time,step,tag,kind,value',
      '1700000000.5,0,train/lr,scalar,0.1',
      '1700000001,1,train/loss,scalar,NaN',
      '1700000000.5,2,lr/a,scalar,0.001',
      '1700000000.5,2,lr/b,scalar,-Infinity',
    ]);
    expect(text).toContain('1700000000.5,3,notes,text,"a, ""quoted""\nline"\n');
    expect(text).toMatch(/1700000000\.5,4,w,histogram,"\{""min"":1,""max"":2,""num"":2,""sum"":3,""sumSquares"":5,/);
    expect(text).toContain('1700000000.5,5,hparams,hparams,"{""hparams"":{""scheduler"":""StepLR"",""lr"":0.1},""metrics"":{""hparams/loss"":0.25}}"\n');
    expect(text.endsWith('1700000000.5,5,hparams/loss,scalar,0.25\n')).toBe(true);
  });

  it('JSON lines: one object per value; non-finite numbers as strings', async () => {
    const rows = (await logAll(join(root, 'run.jsonl'))).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(rows[0]).toEqual({ wall_time: 1_700_000_000.5, step: 0, tag: 'train/lr', kind: 'scalar', value: 0.1 });
    expect(rows[1]?.value).toBe('NaN');
    expect(rows[3]).toMatchObject({ tag: 'lr/b', value: '-Infinity' });
    expect(rows[4]).toMatchObject({ kind: 'text', value: 'a, "quoted"\nline' });
    expect(rows[5]).toMatchObject({ kind: 'histogram', value: { num: 2, min: 1, max: 2, sum: 3 } });
    expect((rows[5]?.value as { bucket: number[] }).bucket.reduce((a, b) => a + b, 0)).toBe(2);
    expect(rows[6]).toMatchObject({ kind: 'hparams', value: { hparams: { scheduler: 'StepLR', lr: 0.1 }, metrics: { 'hparams/loss': 0.25 } } });
    expect(rows).toHaveLength(8);
  });

  it('replaces an existing file; bad paths, formats and values are typed errors', async () => {
    const path = join(root, 'old.csv');
    writeFileSync(path, 'old contents\n');
    const log = new FileLogger(path);
    await log.close();
    expect(readFileSync(path, 'utf8')).toBe('wall_time,step,tag,kind,value\n');
    expect(() => log.addScalar('a', 1, 0)).toThrow(WriteError);
    expect(() => new FileLogger(join(path, 'under-a-file.csv'))).toThrow(/FileLogger\.path: expected a file that can be created and written \(E(EXIST|NOTDIR)/);
    expect(() => new FileLogger(join(root, 'x.log'), { format: 'xml' as 'csv' })).toThrow(/FileLogger\.format/);
    const ok = new FileLogger(join(root, 'y.jsonl'));
    expect(() => ok.addScalar('', 1, 0)).toThrow(OptionError);
    expect(() => ok.addScalar('a', 1, 0.5)).toThrow(/addScalar\.step/);
    await ok.close();
  });
});
