import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { OptionError } from '../errors.js';
import { integerAtLeast, knownKeys, numberInRange, plainObject } from '../validate.js';
import { makeHistogram } from './histogram.js';
import type { AddHparamsOptions, HparamValue, TrainingLogger } from './logger.js';
import { RecordFile } from './recordFile.js';
import {
  NULL_TENSOR,
  encodeEvent,
  encodePluginMetadata,
  encodeSessionEndInfo,
  encodeSessionStartInfo,
  encodeStringTensor,
  encodeSummary,
  type SummaryValue,
} from './summaries.js';
import { checkHparams, checkRunName, checkStep, checkTag, checkText, checkValue, checkWallTime } from './tags.js';
import { frameRecord } from './tfrecord.js';

export interface SummaryWriterOptions {
  /** Records buffered before a write starts (PyTorch's `max_queue`, default 10). */
  maxQueue?: number;
  /** Longest time a record waits in memory, in seconds (PyTorch's `flush_secs`; default 2, so live views stay fresh). */
  flushSecs?: number;
  /** Appended to the event file name (PyTorch's `filename_suffix`). */
  filenameSuffix?: string;
  /** Clock for wall times that are not given, in seconds since the epoch (default: the system clock, microseconds). */
  clock?: () => number;
  /**
   * Who wrote the file, stored in the first event's `source_metadata.writer` (default 'lrkit'; PyTorch's files say
   * 'tensorboard.summary.writer.event_file_writer'). Every other byte is the same as PyTorch's.
   */
  sourceWriter?: string;
}

/** Per-process counter in event file names, as TensorBoard's writer keeps one. */
let fileCounter = 0;

const systemClock = (): number => (performance.timeOrigin + performance.now()) / 1000;
const TEXT_METADATA = encodePluginMetadata('text', new Uint8Array(0));
const HPARAMS_START_TAG = '_hparams_/session_start_info';
const HPARAMS_END_TAG = '_hparams_/session_end_info';

/**
 * Writes TensorBoard event files (`events.out.tfevents.<seconds>.<host>.<pid>.<n>`) from plain JavaScript: TFRecord
 * framing with masked CRC-32C around `Event` protocol buffers, byte-for-byte what PyTorch's
 * `torch.utils.tensorboard.SummaryWriter` writes for the same values. The API follows PyTorch's, in camelCase.
 *
 * Writes are buffered and asynchronous (see `maxQueue`, `flushSecs`); everything added is written by `flush()`,
 * `close()` or, at the latest, when the process exits (also on SIGINT, SIGTERM and SIGHUP). Scalars are stored as float32 (TensorBoard's
 * `simple_value`); NaN and ±Infinity are written as they are, as PyTorch does.
 *
 * @example
 * const writer = new SummaryWriter('runs/onecycle');
 * for (let step = 0; step < 100; step++) {
 *   writer.addScalar('lr', scheduler.getLastLr()[0], step);
 *   writer.addScalar('loss', loss, step);
 * }
 * writer.addHparams({ scheduler: 'OneCycleLR', maxLr: 0.1 }, { 'hparams/final_loss': loss });
 * await writer.close();
 */
export class SummaryWriter implements TrainingLogger {
  readonly logdir: string;
  /** Path of the event file this writer appends to. */
  readonly file: string;
  private readonly options: Required<Omit<SummaryWriterOptions, 'clock'>> & { clock: () => number };
  private readonly records: RecordFile;
  /** One writer per `addScalars` series, in `<logdir>/<mainTag>_<key>`, as PyTorch lays them out. */
  private readonly children = new Map<string, SummaryWriter>();

  constructor(logdir: string, options: SummaryWriterOptions = {}) {
    if (typeof logdir !== 'string' || logdir.length === 0) throw new OptionError('SummaryWriter.logdir', logdir, 'a directory path');
    const opts = plainObject('SummaryWriter.options', options);
    knownKeys('SummaryWriter', opts, ['maxQueue', 'flushSecs', 'filenameSuffix', 'clock', 'sourceWriter']);
    const clock = opts.clock ?? systemClock;
    if (typeof clock !== 'function') throw new OptionError('SummaryWriter.clock', clock, 'a function returning seconds since the epoch');
    const suffix = opts.filenameSuffix ?? '';
    if (typeof suffix !== 'string' || /[/\\\0]/.test(suffix)) throw new OptionError('SummaryWriter.filenameSuffix', suffix, 'a string without path separators');
    this.options = {
      maxQueue: opts.maxQueue === undefined ? 10 : integerAtLeast('SummaryWriter.maxQueue', opts.maxQueue, 1),
      flushSecs: opts.flushSecs === undefined ? 2 : numberInRange('SummaryWriter.flushSecs', opts.flushSecs, { min: 0, minExclusive: true }),
      filenameSuffix: suffix,
      clock: clock as () => number,
      sourceWriter: opts.sourceWriter === undefined ? 'lrkit' : checkText('SummaryWriter.sourceWriter', opts.sourceWriter),
    };
    this.logdir = logdir;
    const created = this.now('SummaryWriter.clock');
    const name = `events.out.tfevents.${String(Math.floor(created)).padStart(10, '0')}.${hostname()}.${process.pid}.${fileCounter++}${suffix}`;
    this.file = join(logdir, name);
    try {
      mkdirSync(logdir, { recursive: true });
      // The first record of every event file names the format version, stamped with the creation time.
      const header = frameRecord(encodeEvent({ wallTime: created, fileVersion: 'brain.Event:2', sourceWriter: this.options.sourceWriter }));
      this.records = new RecordFile(this.file, header, this.options.maxQueue, this.options.flushSecs * 1000);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'error';
      throw new OptionError('SummaryWriter.logdir', logdir, `a directory that can be created and written (${code}: ${(error as Error).message})`);
    }
  }

  private now(option: string): number {
    return checkWallTime(option, this.options.clock());
  }

  private event(values: SummaryValue[], step: number, wallTime: number): void {
    this.records.append(frameRecord(encodeEvent({ wallTime, step, summary: encodeSummary(values) })));
  }

  private stamp(method: string, step: unknown, wallTime: unknown): { step: number; wallTime: number } {
    return {
      step: step === undefined ? 0 : checkStep(`${method}.step`, step),
      wallTime: wallTime === undefined ? this.now('SummaryWriter.clock') : checkWallTime(`${method}.wallTime`, wallTime),
    };
  }

  /** Logs one scalar (float32, TensorBoard's `simple_value`) at `step` (default 0). */
  addScalar(tag: string, value: number, step?: number, wallTime?: number): void {
    checkTag('addScalar.tag', tag);
    checkValue('addScalar.value', value);
    const at = this.stamp('addScalar', step, wallTime);
    this.event([{ tag, simpleValue: value }], at.step, at.wallTime);
  }

  /**
   * Logs several series into one chart, as PyTorch does: each key becomes its own run `<logdir>/<mainTag>_<key>`
   * (with '/' in mainTag replaced by '_') holding the tag `mainTag`.
   */
  addScalars(mainTag: string, values: Record<string, number>, step?: number, wallTime?: number): void {
    checkTag('addScalars.mainTag', mainTag);
    const entries = Object.entries(plainObject('addScalars.values', values));
    for (const [key, value] of entries) {
      checkRunName(`addScalars.values[${JSON.stringify(key)}] key`, key);
      checkValue(`addScalars.values[${JSON.stringify(key)}]`, value);
    }
    const at = this.stamp('addScalars', step, wallTime);
    for (const [key, value] of entries) {
      const dir = join(this.logdir, `${mainTag.replaceAll('/', '_')}_${key}`);
      let child = this.children.get(dir);
      if (child === undefined) {
        child = new SummaryWriter(dir, this.options);
        this.children.set(dir, child);
      }
      child.addScalar(mainTag, value as number, at.step, at.wallTime);
    }
  }

  /** Logs a histogram of `values` with TensorBoard's default buckets, as PyTorch's `add_histogram` does. */
  addHistogram(tag: string, values: ArrayLike<number>, step?: number, wallTime?: number): void {
    checkTag('addHistogram.tag', tag);
    const histogram = makeHistogram('addHistogram.values', values);
    const at = this.stamp('addHistogram', step, wallTime);
    this.event([{ tag, histogram }], at.step, at.wallTime);
  }

  /** Logs text (Markdown) for the Text tab, under `<tag>/text_summary` as PyTorch names it. */
  addText(tag: string, text: string, step?: number, wallTime?: number): void {
    checkTag('addText.tag', tag);
    checkText('addText.text', text);
    const at = this.stamp('addText', step, wallTime);
    this.event([{ tag: `${tag}/text_summary`, tensor: encodeStringTensor(text), metadata: TEXT_METADATA }], at.step, at.wallTime);
  }

  /**
   * Records this run's hyperparameters and final metrics for TensorBoard's HParams tab, which then compares the
   * runs under one `--logdir` in a table. Unlike PyTorch (which writes a separate sub-run), the hparams belong to
   * this run itself, so the tab lines them up with this run's scalars; each metric is also logged as a scalar.
   * Values are numbers, strings or booleans (flatten nested options first).
   *
   * @example
   * writer.addHparams({ scheduler: 'StepLR', lr: 0.1, gamma: 0.2 }, { 'hparams/val_loss': 0.31, 'hparams/val_accuracy': 0.91 });
   */
  addHparams(hparams: Record<string, HparamValue>, metrics: Record<string, number>, options: AddHparamsOptions = {}): void {
    const { hparams: hp, metrics: ms, options: opts } = checkHparams(hparams, metrics, options);
    const at = this.stamp('addHparams', opts.step, opts.wallTime);
    const trialId = opts.trialId === undefined ? groupNameOf(hp) : checkTag('addHparams.trialId', opts.trialId);
    const start = encodeSessionStartInfo(hp, trialId, at.wallTime);
    this.event([{ tag: HPARAMS_START_TAG, tensor: NULL_TENSOR, metadata: encodePluginMetadata('hparams', start) }], 0, at.wallTime);
    for (const [key, value] of Object.entries(ms)) this.event([{ tag: key, simpleValue: value }], at.step, at.wallTime);
    const end = encodeSessionEndInfo('success', at.wallTime);
    this.event([{ tag: HPARAMS_END_TAG, tensor: NULL_TENSOR, metadata: encodePluginMetadata('hparams', end) }], 0, at.wallTime);
  }

  /** Writes everything added so far (also to the `addScalars` runs); resolves once it is in the files. */
  async flush(): Promise<void> {
    await Promise.all([this.records.flush(), ...[...this.children.values()].map((c) => c.flush())]);
  }

  /** Flushes and closes the files; adding afterwards throws a WriteError. */
  async close(): Promise<void> {
    await Promise.all([this.records.close(), ...[...this.children.values()].map((c) => c.close())]);
  }
}

/** TensorBoard's default session group name: SHA-256 of the hparams as compact JSON with sorted keys. */
function groupNameOf(hparams: Record<string, HparamValue>): string {
  const sorted = Object.fromEntries(Object.keys(hparams).sort().map((k) => [k, hparams[k]]));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex');
}
