import { readFileSync, statSync } from 'node:fs';
import { LrkitError } from 'lrkit';

/** Largest spec file the CLI reads (specs are small; this stops accidental multi-GB inputs). */
export const MAX_SPEC_BYTES = 64 * 1024 * 1024;

/** A file problem the CLI reports in one line. */
export class InputError extends LrkitError {
  override name = 'InputError';
}

/** Reads and parses a JSON file ('-' reads stdin), with one-line errors that name the file. */
export function readJsonFile(file: string): unknown {
  let text: string;
  try {
    if (file !== '-') {
      const size = statSync(file).size;
      if (size > MAX_SPEC_BYTES) throw new InputError(`${file}: file is ${size} bytes; the limit is ${MAX_SPEC_BYTES}`);
    }
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(`${file}: cannot read (${code ?? (error as Error).message})`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputError(`${file}: invalid JSON (${(error as Error).message})`);
  }
}
