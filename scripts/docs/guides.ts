import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { renderFinderChart, renderGuideChart } from './charts.js';

/** Where a prepared page came from and where it went. */
export interface PreparedPage {
  source: string;
  target: string;
  charts: number;
}

/**
 * Copies the markdown of `docsDir` to `outDir`, replacing every ```lrkit-chart (and ```lrkit-finder-chart) fence by an image of the chart,
 * rendered to SVG next to the page (TypeDoc copies relatively linked images into the site). Other files are copied as they are.
 */
export async function prepareGuides(docsDir: string, outDir: string, root: string): Promise<PreparedPage[]> {
  rmSync(outDir, { recursive: true, force: true });
  const pages: PreparedPage[] = [];
  for (const file of (readdirSync(docsDir, { recursive: true }) as string[]).sort()) {
    const source = join(docsDir, file);
    const target = join(outDir, file);
    if (!statSync(source).isFile()) continue;
    mkdirSync(dirname(target), { recursive: true });
    // Images and other files a page links to travel with it (TypeDoc copies them into the site's media/).
    if (!file.endsWith('.md')) {
      copyFileSync(source, target);
      continue;
    }
    const text = readFileSync(source, 'utf8');
    const parts: string[] = [];
    let last = 0;
    let charts = 0;
    for (const m of text.matchAll(/^```(lrkit-chart|lrkit-finder-chart)[^\n]*\n([\s\S]*?)^```[ \t]*$/gm)) {
      const line = text.slice(0, m.index).split('\n').length;
      const where = `${relative(root, source)}:${line}`;
      const svg = m[1] === 'lrkit-chart' ? await renderGuideChart(m[2]!, where) : await renderFinderChart(m[2]!, where);
      const name = `${file.replace(/\.md$/, '').replace(/\W+/g, '-')}-${++charts}.svg`;
      mkdirSync(join(outDir, 'charts'), { recursive: true });
      writeFileSync(join(outDir, 'charts', name), svg);
      const title = (JSON.parse(m[2]!) as { title: string }).title;
      const rel = relative(dirname(target), join(outDir, 'charts', name)).split('\\').join('/');
      parts.push(text.slice(last, m.index), `![${title.replace(/[[\]]/g, '')}](${rel})`);
      last = m.index + m[0].length;
    }
    parts.push(text.slice(last));
    let page = parts.join('');
    // A page without front matter is titled by its first heading (else the navigation would show the file name).
    const heading = /^# (.+)$/m.exec(page);
    if (!page.startsWith('---\n') && heading) page = `---\ntitle: ${JSON.stringify(heading[1]!.replace(/`/g, ''))}\n---\n${page}`;
    writeFileSync(target, page);
    pages.push({ source, target, charts });
  }
  return pages;
}
