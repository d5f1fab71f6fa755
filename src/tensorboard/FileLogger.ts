import { mkdirSync } from 'node:fs';
import { dirname, extname } from 'node:path';
import { OptionError } from '../errors.js';
import { integerAtLeast, knownKeys, numberInRange, oneOf, plainObject } from '../validate.js';
import { makeHistogram } from './histogram.js';
import type { AddHparamsOptions, HparamValue, TrainingLogger } from './logger.js';
import { RecordFile } from './recordFile.js';
import { checkHparams, checkStep, checkTag, checkText, checkValue, checkWallTime } from './tags.js';

export interface FileLoggerOptions {
  /** 'csv' or 'jsonl'; by default from the extension (.csv, else JSON lines). */
  format?: 'csv' | 'jsonl';
  /** Rows buffered before a write starts (default 10). */
  maxQueue?: number;
  /** Longest time a row waits in memory, in seconds (default 2). */
  flushSecs?: number;
  /** Clock for wall times that are not given, in seconds since the epoch. */
  clock?: () => number;
}

type Kind = 'scalar' | 'text' | 'histogram' | 'hparams';
const CSV_HEADER = 'wall_time,step,tag,kind,value\n';
const systemClock = (): number => (performance.timeOrigin + performance.now()) / 1000;

/**
 * The {@link TrainingLogger} interface for people who do not use TensorBoard: one row per logged value in a CSV
 * file (`wall_time,step,tag,kind,value`) or a JSON-lines file (`{"wall_time","step","tag","kind","value"}`).
 * Scalars keep full float64 precision; NaN and ±Infinity are written as `NaN`, `Infinity`, `-Infinity` (in JSON
 * lines as strings, since JSON has no such numbers). Text is the value itself; histograms and hparams are JSON
 * objects (in CSV, a quoted JSON cell). `addScalars` writes tags `<mainTag>/<key>`. The file is replaced if it
 * exists; buffering, flushing and exit behave as in {@link SummaryWriter}.
 *
 * @example
 * const log = new FileLogger('runs/onecycle.csv');
 * log.addScalar('train/lr', 0.01, 0);
 * await log.close();
 */
export class FileLogger implements TrainingLogger {
  readonly path: string;
  readonly format: 'csv' | 'jsonl';
  private readonly clock: () => number;
  private readonly file: RecordFile;

  constructor(path: string, options: FileLoggerOptions = {}) {
    if (typeof path !== 'string' || path.length === 0) throw new OptionError('FileLogger.path', path, 'a file path');
    const opts = plainObject('FileLogger.options', options);
    knownKeys('FileLogger', opts, ['format', 'maxQueue', 'flushSecs', 'clock']);
    this.format = opts.format === undefined ? (extname(path).toLowerCase() === '.csv' ? 'csv' : 'jsonl') : oneOf('FileLogger.format', opts.format, ['csv', 'jsonl'] as const);
    const maxQueue = opts.maxQueue === undefined ? 10 : integerAtLeast('FileLogger.maxQueue', opts.maxQueue, 1);
    const flushSecs = opts.flushSecs === undefined ? 2 : numberInRange('FileLogger.flushSecs', opts.flushSecs, { min: 0, minExclusive: true });
    if (opts.clock !== undefined && typeof opts.clock !== 'function') throw new OptionError('FileLogger.clock', opts.clock, 'a function returning seconds since the epoch');
    this.clock = (opts.clock as (() => number) | undefined) ?? systemClock;
    this.path = path;
    try {
      mkdirSync(dirname(path), { recursive: true });
      this.file = new RecordFile(path, Buffer.from(this.format === 'csv' ? CSV_HEADER : ''), maxQueue, flushSecs * 1000, 'w');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new OptionError('FileLogger.path', path, `a file that can be created and written (${code}: ${(error as Error).message})`);
    }
  }

  private row(method: string, tag: string, kind: Kind, value: unknown, step: unknown, wallTime: unknown): void {
    const s = step === undefined ? 0 : checkStep(`${method}.step`, step);
    const t = wallTime === undefined ? checkWallTime('FileLogger.clock', this.clock()) : checkWallTime(`${method}.wallTime`, wallTime);
    const line =
      this.format === 'csv'
        ? `${t},${s},${csvCell(tag)},${kind},${typeof value === 'number' ? String(value) : csvCell(typeof value === 'string' ? value : JSON.stringify(value, jsonNumber))}\n`
        : `${JSON.stringify({ wall_time: t, step: s, tag, kind, value }, jsonNumber)}\n`;
    this.file.append(Buffer.from(line));
  }

  addScalar(tag: string, value: number, step?: number, wallTime?: number): void {
    this.row('addScalar', checkTag('addScalar.tag', tag), 'scalar', checkValue('addScalar.value', value), step, wallTime);
  }

  addScalars(mainTag: string, values: Record<string, number>, step?: number, wallTime?: number): void {
    checkTag('addScalars.mainTag', mainTag);
    const entries = Object.entries(plainObject('addScalars.values', values));
    for (const [key, value] of entries) {
      checkTag(`addScalars.values[${JSON.stringify(key)}] key`, key);
      checkValue(`addScalars.values[${JSON.stringify(key)}]`, value);
    }
    const t = wallTime === undefined ? checkWallTime('FileLogger.clock', this.clock()) : checkWallTime('addScalars.wallTime', wallTime);
    for (const [key, value] of entries) this.row('addScalars', `${mainTag}/${key}`, 'scalar', value, step, t);
  }

  addHistogram(tag: string, values: ArrayLike<number>, step?: number, wallTime?: number): void {
    checkTag('addHistogram.tag', tag);
    this.row('addHistogram', tag, 'histogram', makeHistogram('addHistogram.values', values), step, wallTime);
  }

  addText(tag: string, text: string, step?: number, wallTime?: number): void {
    this.row('addText', checkTag('addText.tag', tag), 'text', checkText('addText.text', text), step, wallTime);
  }

  addHparams(hparams: Record<string, HparamValue>, metrics: Record<string, number>, options: AddHparamsOptions = {}): void {
    const { hparams: hp, metrics: ms, options: opts } = checkHparams(hparams, metrics, options);
    const t = opts.wallTime === undefined ? checkWallTime('FileLogger.clock', this.clock()) : checkWallTime('addHparams.wallTime', opts.wallTime);
    const trial = opts.trialId === undefined ? {} : { trialId: checkTag('addHparams.trialId', opts.trialId) };
    this.row('addHparams', 'hparams', 'hparams', { hparams: hp, metrics: ms, ...trial }, opts.step, t);
    for (const [key, value] of Object.entries(ms)) this.row('addHparams', key, 'scalar', value, opts.step, t);
  }

  flush(): Promise<void> {
    return this.file.flush();
  }

  close(): Promise<void> {
    return this.file.close();
  }
}

/** RFC 4180: quote a cell holding a comma, quote or line break; double the quotes inside. */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** JSON has no NaN or Infinity: write them as the strings JavaScript prints. */
function jsonNumber(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}
