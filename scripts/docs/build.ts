// `npm run build:docs`: one static site under site/ (or --out DIR): the guides and the API reference
// (TypeDoc, one search index over both) at the root, the playground (Vite) under playground/.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { repoRoot } from './entryPoints.js';
import { prepareGuides } from './guides.js';
import { checkLinks } from './linkCheck.js';
import { createReferenceApp } from './typedocApp.js';

export interface SiteResult {
  out: string;
  pages: number;
  charts: number;
}

const PAGE_ORDER = [
  'guides/getting-started.md',
  'guides/choosing-a-scheduler.md',
  'guides/pitfalls.md',
  'guides/lr-range-test.md',
  'guides/pytorch-interop.md',
  'tensorboard.md',
  'trace-spec.md',
  'reference/state-format.md',
  'reference/scheduler-protocol.md',
];

/** Builds the whole site into `out`. */
export async function buildSite(out: string, root = repoRoot): Promise<SiteResult> {
  const pagesDir = join(root, '.docs-build', 'pages');
  const prepared = await prepareGuides(join(root, 'docs'), pagesDir, root);
  // Navigation order: the reading order of the landing page, then any other page (e.g. one added by another change).
  const rank = (t: string) => {
    const i = PAGE_ORDER.findIndex((p) => t.endsWith(`/${p}`));
    return i < 0 ? PAGE_ORDER.length : i;
  };
  const documents = prepared
    .map((p) => p.target)
    .filter((t) => t !== join(pagesDir, 'index.md'))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  rmSync(out, { recursive: true, force: true });
  const { app } = await createReferenceApp({ root, out, documents, readme: join(pagesDir, 'index.md'), extra: { customCss: join(root, 'docs', 'assets', 'site.css'), favicon: join(root, 'docs', 'assets', 'favicon.svg') } });
  const project = await app.convert();
  if (!project) throw new Error('build:docs: TypeDoc could not convert the project');
  await app.generateOutputs(project);
  if (app.logger.hasErrors() || app.logger.hasWarnings()) throw new Error('build:docs: TypeDoc reported problems (see above)');
  await build({
    configFile: join(root, 'web', 'vite.config.ts'),
    build: { outDir: join(out, 'playground'), emptyOutDir: true },
    logLevel: 'warn',
  });
  const playground = join(out, 'playground', 'index.html');
  if (!existsSync(playground)) throw new Error('build:docs: the playground was not built');
  // The site's icon for the playground page too (else browsers ask for a /favicon.ico that does not exist).
  const html = readFileSync(playground, 'utf8');
  if (!html.includes('rel="icon"')) writeFileSync(playground, html.replace('</head>', '  <link rel="icon" href="../assets/favicon.svg" />\n  </head>'));
  const pages = (readdirSync(out, { recursive: true }) as string[]).filter((f) => f.endsWith('.html')).length;
  return { out, pages, charts: prepared.reduce((n, p) => n + p.charts, 0) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--out');
  const out = resolve(i > 0 ? process.argv[i + 1]! : join(repoRoot, 'site'));
  const result = await buildSite(out);
  console.log(`build:docs: ${result.pages} HTML pages (${result.charts} charts) in ${result.out}`);
  const links = await checkLinks(out);
  for (const b of links.broken) console.error(`broken link: ${b}`);
  console.log(`build:docs: links: ${links.checked} checked, ${links.broken.length} broken, ${links.external.length} external (not fetched)`);
  if (links.broken.length) process.exit(1);
}
