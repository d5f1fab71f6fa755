import { join } from 'node:path';
import { exportDocs, type ExportDoc } from './coverage.js';
import type { EntryPoint } from './entryPoints.js';
import { guideExamples, referenceExamples, type Example } from './examples.js';
import { createReferenceApp } from './typedocApp.js';

/** Converts the reference once and gathers what the checks need: exports, their docs, every example. */
export async function collectDocs(root: string): Promise<{ docs: ExportDoc[]; entries: EntryPoint[]; examples: Example[]; exportsOf: Map<string, string[]> }> {
  const { app, entries } = await createReferenceApp({ root });
  const project = await app.convert();
  if (!project) throw new Error('TypeDoc could not convert the project (see the messages above)');
  const docs = exportDocs(project);
  const exportsOf = new Map<string, string[]>();
  for (const d of docs) exportsOf.set(d.entry, [...(exportsOf.get(d.entry) ?? []), d.name]);
  const examples = [...referenceExamples(docs), ...guideExamples(join(root, 'docs'), root)];
  return { docs, entries, examples, exportsOf };
}
