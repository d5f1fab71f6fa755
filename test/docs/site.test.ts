import { existsSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import sirv from 'sirv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, type SiteResult } from '../../scripts/docs/build.js';
import { repoRoot } from '../../scripts/docs/entryPoints.js';
import { checkLinks, type LinkReport } from '../../scripts/docs/linkCheck.js';

// Builds the documentation site (guides, reference, playground), checks every link offline, then walks it in
// Debian's Chromium as a reader would: guide -> reference -> playground, with no console error and no failed request.
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
const artifacts = join(repoRoot, 'test-artifacts');

describe('documentation site', () => {
  let site: SiteResult;
  let links: LinkReport;

  beforeAll(async () => {
    site = await buildSite(join(repoRoot, '.docs-build', 'site'));
    links = await checkLinks(site.out);
  }, 300_000);

  it('holds the guides, the reference, the playground and the charts', () => {
    expect(site.pages).toBeGreaterThan(200);
    expect(site.charts).toBeGreaterThanOrEqual(5);
    for (const page of ['index.html', 'playground/index.html', 'modules/lrkit.html', 'modules/lrkit_tfjs.html', 'modules/lrkit_plot.html']) {
      expect(existsSync(join(site.out, page)), page).toBe(true);
    }
  });

  it('has no broken link, asset or #fragment', () => {
    expect(links.checked).toBeGreaterThan(site.pages);
    expect(links.broken).toEqual([]);
  });

  describe.skipIf(!hasChromium)('in Chromium', () => {
    let server: Server;
    let browser: Browser;
    let page: Page;
    let base: string;
    const problems: string[] = [];

    beforeAll(async () => {
      mkdirSync(artifacts, { recursive: true });
      const serve = sirv(site.out, { dev: true });
      server = createServer((req, res) =>
        serve(req, res, () => {
          res.statusCode = 404;
          res.end('not found');
        }),
      );
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--headless'],
      });
      page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
      });
      page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
      });
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    });

    it('follows a guide to the reference and on to the playground', async () => {
      await page.goto(`${base}index.html`);
      await page.click('a[href="documents/Getting_started.html"] >> nth=0');
      await page.waitForURL(/Getting_started\.html$/);
      expect(await page.textContent('h1')).toContain('Getting started');
      await page.screenshot({ path: join(artifacts, 'docs-guide.png'), fullPage: false });

      await page.click('.col-content a[href$="functions/lrkit.createOptimizer.html"] >> nth=0');
      await page.waitForURL(/functions\/lrkit\.createOptimizer\.html$/);
      expect(await page.textContent('.col-content')).toContain('Example');
      await page.screenshot({ path: join(artifacts, 'docs-reference.png'), fullPage: false });

      await page.click('#tsd-toolbar-links a:has-text("Playground")');
      await page.waitForURL(/playground\/index\.html$/);
      await page.waitForFunction(() => Number(document.querySelector('#chart')?.getAttribute('data-renders')) > 0);
      expect(await page.locator('#chart svg').count()).toBe(1);
      await page.screenshot({ path: join(artifacts, 'docs-playground.png'), fullPage: false });
      expect(problems).toEqual([]);
    });

    it('shows every chart of the guides (rendered at build time)', async () => {
      for (const guide of ['Choosing_a_scheduler', 'Pitfalls', 'The_LR_range_test']) {
        await page.goto(`${base}documents/${guide}.html`);
        const images = page.locator('.col-content img');
        expect(await images.count(), guide).toBeGreaterThan(0);
        for (const image of await images.all()) {
          await image.scrollIntoViewIfNeeded();
          expect(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 300), guide).toBe(true);
        }
      }
      expect(problems).toEqual([]);
    });

    it('finds guides and API symbols in one search', async () => {
      await page.goto(`${base}modules/lrkit.html`);
      await page.click('#tsd-search-trigger');
      await page.fill('#tsd-search-input', 'OneCycleLR');
      await page.waitForSelector('#tsd-search-results li');
      const apiHits = await page.locator('#tsd-search-results li').allTextContents();
      expect(apiHits.some((t) => t.includes('OneCycleLR'))).toBe(true);
      await page.fill('#tsd-search-input', 'Pitfalls');
      await page.waitForFunction(() => Array.from(document.querySelectorAll('#tsd-search-results li')).some((li) => li.textContent?.toLowerCase().includes("pitfalls")));
      expect(problems).toEqual([]);
    });
  });
});
