import { knownKeys, plainObject } from '../validate.js';
import { checkOptimizer } from './LRScheduler.js';
import type { Optimizer } from '../optim/Optimizer.js';

/** Common constructor preamble: the options object is an object with only known keys; returns the group count. */
export function readOptions(scope: string, optimizer: Optimizer, options: unknown, allowed: readonly string[]): { opts: Record<string, unknown>; groups: number } {
  const groups = checkOptimizer(scope, optimizer).paramGroups.length;
  const opts = plainObject(`${scope}.options`, options ?? {});
  knownKeys(scope, opts, allowed);
  return { opts, groups };
}

/** `value ?? fallback` for options that PyTorch gives defaults. */
export function orDefault<T>(value: unknown, fallback: T): unknown {
  return value === undefined ? fallback : value;
}
