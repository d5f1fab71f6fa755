import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { coverageProblems, type ExportDoc } from '../../scripts/docs/coverage.js';
import { collectDocs } from '../../scripts/docs/collect.js';
import { repoRoot } from '../../scripts/docs/entryPoints.js';
import { assertValueComments, materialize, typeCheck, type Example } from '../../scripts/docs/examples.js';
import { runExamples } from '../../scripts/docs/runExamples.js';

// Every @example of the reference and every ts block of the guides is type-checked against the sources and
// run (value comments such as `s(5); // 0.05` are asserted), so the documentation cannot drift from the code.
describe('documentation', () => {
  let docs: ExportDoc[];
  let examples: Example[];
  let files: Map<string, string>;

  beforeAll(async () => {
    const collected = await collectDocs(repoRoot);
    docs = collected.docs;
    examples = collected.examples;
    files = materialize(examples, join(repoRoot, '.docs-build', 'examples'), collected.entries, collected.exportsOf);
  }, 120_000);

  it('documents every public export with a description and an example (docs:check)', () => {
    expect(docs.length).toBeGreaterThan(200);
    expect(coverageProblems(docs)).toEqual([]);
  });

  it('type-checks every example', () => {
    expect(examples.length).toBeGreaterThan(docs.length);
    expect(typeCheck(files, examples, join(repoRoot, 'tsconfig.json'))).toEqual([]);
  }, 120_000);

  it('runs every example without side effects and its value comments hold', async () => {
    expect(examples.filter((e) => e.run).length).toBeGreaterThan(examples.length / 2);
    expect(await runExamples(examples, files)).toEqual([]);
  }, 300_000);
});

describe('value comments', () => {
  it('turn `expr; // value` lines into assertions and leave other lines alone', () => {
    const { code, asserted } = assertValueComments(['s(5); // 0.05', 'const x = f(); // 3', 'xs; // => [1, 2]', 'g(); // the same numbers'].join('\n'));
    expect(asserted).toBe(2);
    expect(code.split('\n')).toEqual(['__expectValue(s(5), "0.05", 1);', 'const x = f(); // 3', '__expectValue(xs, "[1, 2]", 3);', 'g(); // the same numbers']);
  });
});
