import { OptionError } from '../errors.js';
import { knownKeys, plainObject } from '../validate.js';
import type { AddHparamsOptions, HparamValue } from './logger.js';

// Control characters and lone surrogates: TensorBoard would show them garbled (or protobuf refuses them).
// eslint-disable-next-line no-control-regex
const BAD_CHARACTER = /[\u0000-\u001f\u007f]|\p{Cs}/u;

/**
 * A tag is a non-empty string without control characters or unpaired surrogates, not starting or ending with
 * '/' (TensorBoard groups tags by the part before the first '/', and an empty group or name shows as a blank).
 */
export function checkTag(option: string, tag: unknown): string {
  if (typeof tag !== 'string' || tag.length === 0) throw new OptionError(option, tag, 'a non-empty string tag');
  if (BAD_CHARACTER.test(tag)) throw new OptionError(option, tag, 'a tag without control characters or unpaired surrogates');
  if (tag.startsWith('/') || tag.endsWith('/')) throw new OptionError(option, tag, "a tag that does not start or end with '/'");
  return tag;
}

/** Text must be valid Unicode (an unpaired surrogate cannot be written as UTF-8). */
export function checkText(option: string, text: unknown): string {
  if (typeof text !== 'string') throw new OptionError(option, text, 'a string');
  if (/\p{Cs}/u.test(text)) throw new OptionError(option, text, 'text without unpaired surrogates');
  return text;
}

/** A run name used as a sub-directory (addScalars): a tag that is also a safe relative path. */
export function checkRunName(option: string, name: unknown): string {
  const tag = checkTag(option, name);
  if (tag.includes('\\') || tag.split('/').some((part) => part === '' || part === '.' || part === '..')) {
    throw new OptionError(option, name, "a name usable as a sub-directory (no '\\', no empty, '.' or '..' parts)");
  }
  return tag;
}

/** Global steps are integers (PyTorch casts with int()); negative steps are allowed, as there. */
export function checkStep(option: string, step: unknown): number {
  if (typeof step !== 'number' || !Number.isSafeInteger(step)) throw new OptionError(option, step, 'an integer step');
  return step;
}

/** Wall times are finite seconds since the Unix epoch. */
export function checkWallTime(option: string, wallTime: unknown): number {
  if (typeof wallTime !== 'number' || !Number.isFinite(wallTime) || wallTime < 0) {
    throw new OptionError(option, wallTime, 'a finite, non-negative wall time in seconds since the epoch');
  }
  return wallTime;
}

/**
 * A logged value: any number. NaN and ±Infinity are written as they are (TensorBoard and PyTorch keep them and
 * the charts show them); values beyond float32 become ±Infinity when stored as TensorBoard's float32.
 */
export function checkValue(option: string, value: unknown): number {
  if (typeof value !== 'number') throw new OptionError(option, value, 'a number (NaN and Infinity are logged as they are)');
  return value;
}

/** The validated arguments of `addHparams`, shared by every logger so they accept and refuse the same input. */
export interface CheckedHparams {
  hparams: Record<string, HparamValue>;
  metrics: Record<string, number>;
  options: AddHparamsOptions;
}

/** Hparam values are finite numbers, valid strings or booleans; metric names are tags and their values numbers. */
export function checkHparams(hparams: unknown, metrics: unknown, options: unknown): CheckedHparams {
  const hp = plainObject('addHparams.hparams', hparams);
  for (const [key, value] of Object.entries(hp)) {
    checkTag('addHparams.hparams key', key);
    const ok = typeof value === 'string' ? !/\p{Cs}/u.test(value) : typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
    if (!ok) throw new OptionError(`addHparams.hparams.${key}`, value, 'a finite number, a string or a boolean');
  }
  const ms = plainObject('addHparams.metrics', metrics);
  for (const [key, value] of Object.entries(ms)) {
    checkTag('addHparams.metrics key', key);
    checkValue(`addHparams.metrics.${key}`, value);
  }
  const opts = plainObject('addHparams.options', options);
  knownKeys('addHparams', opts, ['step', 'trialId', 'wallTime']);
  return { hparams: hp as Record<string, HparamValue>, metrics: ms as Record<string, number>, options: opts as AddHparamsOptions };
}
