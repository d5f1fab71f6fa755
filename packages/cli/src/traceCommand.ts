import { runTrace, type TraceResult } from 'lrkit';
import { readJsonFile } from './readJsonFile.js';

/**
 * `lrkit trace FILE`: a single spec prints its result (and fails with the message on stderr);
 * an array of specs prints an array where a failing spec becomes `{ "error": "..." }`.
 */
export function traceCommand(file: string, write: (text: string) => void): void {
  const input = readJsonFile(file);
  if (Array.isArray(input)) {
    const results: Array<TraceResult | { error: string }> = input.map((spec) => {
      try {
        return runTrace(spec);
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
    });
    write(JSON.stringify(results));
    return;
  }
  write(JSON.stringify(runTrace(input)));
}
