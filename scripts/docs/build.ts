// `npm run build:docs`: one static site under site/ (or --out DIR): the guides and the API reference
// (TypeDoc, one search index over both) at the root, the playground (Vite) under playground/.
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { repoRoot } from './entryPoints.js';
import { prepareGuides } from './guides.js';
import { createReferenceApp } from './typedocApp.js';

export interface SiteResult {
  out: string;
  pages: number;
  charts: number;
}

/** Builds the whole site into `out`. */
export async function buildSite(out: string, root = repoRoot): Promise<SiteResult> {
  const pagesDir = join(root, '.docs-build', 'pages');
  const prepared = await prepareGuides(join(root, 'docs'), pagesDir, root);
  const documents = prepared.map((p) => p.target).filter((t) => !t.endsWith(`${pagesDir}/index.md`));
  rmSync(out, { recursive: true, force: true });
  const { app } = await createReferenceApp({ root, out, documents, readme: join(pagesDir, 'index.md'), extra: { customCss: join(root, 'docs', 'assets', 'site.css') } });
  const project = await app.convert();
  if (!project) throw new Error('build:docs: TypeDoc could not convert the project');
  await app.generateOutputs(project);
  if (app.logger.hasErrors() || app.logger.hasWarnings()) throw new Error('build:docs: TypeDoc reported problems (see above)');
  await build({
    configFile: join(root, 'web', 'vite.config.ts'),
    build: { outDir: join(out, 'playground'), emptyOutDir: true },
    logLevel: 'warn',
  });
  if (!existsSync(join(out, 'playground', 'index.html'))) throw new Error('build:docs: the playground was not built');
  const pages = (readdirSync(out, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).length;
  return { out, pages, charts: prepared.reduce((n, p) => n + p.charts, 0) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--out');
  const out = resolve(i > 0 ? process.argv[i + 1]! : join(repoRoot, 'site'));
  const result = await buildSite(out);
  console.log(`build:docs: ${result.pages} HTML pages (${result.charts} charts) in ${result.out}`);
}
