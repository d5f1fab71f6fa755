// `npm run docs:check`: every public export of every entry point has a description and an @example.
import { coverageProblems, exportDocs } from './coverage.js';
import { repoRoot } from './entryPoints.js';
import { createReferenceApp } from './typedocApp.js';

const { app } = await createReferenceApp({ root: repoRoot });
const project = await app.convert();
if (!project) {
  console.error('docs:check: TypeDoc could not convert the project (see the errors above)');
  process.exit(1);
}
const docs = exportDocs(project);
const problems = coverageProblems(docs);
for (const p of problems) console.error(p);
const examples = docs.reduce((n, d) => n + d.examples.length, 0);
console.log(`docs:check: ${docs.length} public exports, ${examples} examples, ${problems.length} problems`);
process.exit(problems.length ? 1 : 0);
