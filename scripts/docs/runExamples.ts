import { pathToFileURL } from 'node:url';
import { setWarningSink } from '../../src/index.js';
import type { Example } from './examples.js';

/**
 * Imports every runnable example (console output silenced); returns `origin: message` per failure. An
 * example that makes lrkit warn (e.g. stepping a scheduler before its optimizer) fails too: documentation
 * must show the right way.
 */
export async function runExamples(examples: Example[], files: Map<string, string>): Promise<string[]> {
  const failures: string[] = [];
  const log = console.log;
  let warnings: string[] = [];
  const previousSink = setWarningSink((code, message) => void warnings.push(`[${code}] ${message}`));
  console.log = () => {};
  try {
    for (const example of examples.filter((e) => e.run)) {
      warnings = [];
      try {
        await import(pathToFileURL(files.get(example.id)!).href);
        if (warnings.length) failures.push(`${example.origin}: lrkit warned: ${warnings.join('; ')}`);
      } catch (error) {
        failures.push(`${example.origin}: ${(error as Error).message}`);
      }
    }
  } finally {
    console.log = log;
    setWarningSink(previousSink);
  }
  return failures;
}
