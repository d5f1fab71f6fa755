import { basename, extname } from 'node:path';
import { LrkitError } from 'lrkit';
import type { CurveSource } from 'lrkit/plot';
import { fromTraceSpec } from 'lrkit/plot';
import { InputError, readJsonFile } from './readJsonFile.js';

/** One trace spec named on the command line, with where it came from (for error messages and legends). */
export interface LoadedSpec {
  /** Legend label. */
  name: string;
  /** Prefix of error messages: `file.json`, `file.json[2]` or `<inline>`. */
  where: string;
  spec: unknown;
}

/**
 * Reads the SPEC arguments of `plot`/`compare`/`code`: a JSON file, `-` for stdin, or inline JSON
 * (an argument starting with `{` or `[`). A file holding an array contributes one spec per element.
 * Labels are the file names (plus `[i]`), made unique.
 */
export function loadSpecs(args: readonly string[]): LoadedSpec[] {
  const out: LoadedSpec[] = [];
  args.forEach((arg, argIndex) => {
    const trimmed = arg.trimStart();
    const inline = trimmed.startsWith('{') || trimmed.startsWith('[');
    let value: unknown;
    if (inline) {
      try {
        value = JSON.parse(arg) as unknown;
      } catch (error) {
        throw new InputError(`argument ${argIndex + 1}: invalid inline JSON (${(error as Error).message})`);
      }
    } else {
      value = readJsonFile(arg);
    }
    const where = inline ? `<inline ${argIndex + 1}>` : arg;
    const base = inline ? null : arg === '-' ? 'stdin' : basename(arg, extname(arg));
    const typeOf = (spec: unknown) => {
      const type = (spec as { scheduler?: { type?: unknown } } | null)?.scheduler?.type;
      return typeof type === 'string' ? type : 'spec';
    };
    if (Array.isArray(value)) {
      if (value.length === 0) throw new InputError(`${where}: expected a spec or a non-empty array of specs, got []`);
      value.forEach((spec, i) => out.push({ name: base === null ? typeOf(spec) : `${base}[${i}]`, where: `${where}[${i}]`, spec }));
    } else {
      out.push({ name: base ?? typeOf(value), where, spec: value });
    }
  });
  const seen = new Map<string, number>();
  for (const s of out) {
    const n = (seen.get(s.name) ?? 0) + 1;
    seen.set(s.name, n);
    if (n > 1) s.name = `${s.name} (${n})`;
  }
  return out;
}

/** Prefixes an lrkit error with the spec's origin: `runs.json[1]: scheduler.gamma: expected ...`. */
export function withOrigin<T>(where: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof LrkitError) {
      const wrapped = new LrkitError(`${where}: ${error.message}`);
      wrapped.name = error.name;
      throw wrapped;
    }
    throw error;
  }
}

/** Curve sources for loaded specs; `steps` overrides every spec's steps. */
export function sourcesOf(specs: readonly LoadedSpec[], steps?: number): CurveSource[] {
  return specs.map((s) => withOrigin(s.where, () => fromTraceSpec(s.spec, { name: s.name, steps })));
}
