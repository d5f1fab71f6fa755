// `npm run docs:check`: every public export of every entry point has a description and an @example, and every
// example (reference and guides) type-checks and runs with its value comments holding.
import { join } from 'node:path';
import { collectDocs } from './collect.js';
import { coverageProblems } from './coverage.js';
import { repoRoot } from './entryPoints.js';
import { assertValueComments, materialize, typeCheck } from './examples.js';
import { runExamples } from './runExamples.js';

const only = process.argv.includes('--coverage-only');
const { docs, entries, examples, exportsOf } = await collectDocs(repoRoot);
const problems = coverageProblems(docs);
for (const p of problems) console.error(`undocumented: ${p}`);
let typeErrors: string[] = [];
let failures: string[] = [];
if (!only) {
  const files = materialize(examples, join(repoRoot, '.docs-build', 'examples'), entries, exportsOf);
  typeErrors = typeCheck(files, examples, join(repoRoot, 'tsconfig.json'));
  for (const e of typeErrors) console.error(`type error: ${e}`);
  if (typeErrors.length === 0) {
    failures = await runExamples(examples, files);
    for (const f of failures) console.error(`run failed: ${f}`);
  }
}
const runnable = examples.filter((e) => e.run).length;
const asserted = examples.reduce((n, e) => n + assertValueComments(e.code).asserted, 0);
console.log(
  `docs:check: ${docs.length} public exports in ${entries.length} entry points; ${examples.length} examples (${runnable} run, ${asserted} value comments asserted)` +
    `; ${problems.length} undocumented, ${typeErrors.length} type errors, ${failures.length} failed runs`,
);
process.exit(problems.length + typeErrors.length + failures.length ? 1 : 0);
