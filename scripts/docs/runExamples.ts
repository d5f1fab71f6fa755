import { pathToFileURL } from 'node:url';
import type { Example } from './examples.js';

/** Imports every runnable example (console output silenced); returns `origin: message` per failure. */
export async function runExamples(examples: Example[], files: Map<string, string>): Promise<string[]> {
  const failures: string[] = [];
  const log = console.log;
  console.log = () => {};
  try {
    for (const example of examples.filter((e) => e.run)) {
      try {
        await import(pathToFileURL(files.get(example.id)!).href);
      } catch (error) {
        failures.push(`${example.origin}: ${(error as Error).message}`);
      }
    }
  } finally {
    console.log = log;
  }
  return failures;
}
