import { describe, expect, it } from 'vitest';
import { frameRecord, readRecords } from './tfrecord.js';

describe('TFRecord framing', () => {
  const a = frameRecord(Buffer.from('first record'));
  const b = frameRecord(Buffer.alloc(300, 7));

  it('frames length, masked CRCs and data, and reads them back', () => {
    expect(a.length).toBe(12 + 16);
    expect(a.readBigUInt64LE(0)).toBe(12n);
    const scan = readRecords(Buffer.concat([a, b]));
    expect(scan.stop).toBeNull();
    expect(scan.records.map((r) => r.length)).toEqual([12, 300]);
    expect(scan.records[0]?.toString()).toBe('first record');
  });

  it('a cut anywhere inside the last record keeps every earlier record', () => {
    const whole = Buffer.concat([a, b]);
    for (let cut = a.length + 1; cut < whole.length; cut++) {
      const scan = readRecords(whole.subarray(0, cut));
      expect(scan.records).toHaveLength(1);
      expect(scan.end).toBe(a.length);
      expect(scan.stop).toBe('truncated');
    }
  });

  it('a flipped bit stops reading at that record', () => {
    const whole = Buffer.concat([a, b]);
    for (const at of [a.length + 3, a.length + 9, a.length + 40, whole.length - 1]) {
      const bad = Buffer.from(whole);
      bad[at] = (bad[at] as number) ^ 1;
      const scan = readRecords(bad);
      expect(scan.records).toHaveLength(1);
      expect(scan.stop).toBe('bad-crc');
    }
  });
});
