import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkLinks } from '../../scripts/docs/linkCheck.js';

describe('checkLinks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lrkit-links-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a missing page and a missing #fragment, and does not fetch external links', async () => {
    writeFileSync(
      join(dir, 'index.html'),
      '<html><body><a href="a.html#here">ok</a> <a href="a.html#nowhere">bad fragment</a> <a href="missing.html">bad page</a> <a href="https://example.org/x">ext</a></body></html>',
    );
    writeFileSync(join(dir, 'a.html'), '<html><body><h2 id="here">here</h2></body></html>');
    const report = await checkLinks(dir);
    expect(report.broken.some((b) => b.includes('missing.html'))).toBe(true);
    expect(report.broken.some((b) => b.includes('#nowhere'))).toBe(true);
    expect(report.broken.some((b) => b.includes('#here'))).toBe(false);
    expect(report.external).toEqual(['https://example.org/x']);
  });
});
