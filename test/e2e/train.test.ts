import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Drives Debian's Chromium (CI installs it); never downloads a browser.
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`train e2e skipped: ${CHROMIUM} not found (install Debian's chromium package to run it)`);

const webRoot = fileURLToPath(new URL('../../web/', import.meta.url));
const artifacts = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
// A build of its own (the playground e2e builds web/dist), served from a subpath: the site uses relative paths.
const outDir = `${artifacts}train-site`;
const SUBPATH = '/lrkit/playground/';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--headless'];

interface Download {
  url: string;
  transferred: number;
  decoded: number;
}

describe.skipIf(!hasChromium)('Train view in Chromium', () => {
  let server: PreviewServer;
  let browser: Browser;
  let page: Page;
  let url: string;
  const downloads: Download[] = [];
  const speeds: Record<string, unknown> = {};

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    await build({ configFile: `${webRoot}vite.config.ts`, logLevel: 'error', build: { outDir, emptyOutDir: true } });
    server = await preview({ configFile: `${webRoot}vite.config.ts`, base: SUBPATH, build: { outDir }, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
    url = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}${SUBPATH}train.html`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    page.on('pageerror', (error) => {
      throw error;
    });
    // Every download of the page and its worker, with the bytes that went over the wire.
    page.on('requestfinished', (request) => {
      void (async () => {
        const response = await request.response();
        if (!response) return;
        const sizes = await request.sizes();
        const body = await response.body().catch(() => Buffer.alloc(0));
        downloads.push({ url: request.url(), transferred: sizes.responseBodySize + sizes.responseHeadersSize, decoded: body.length });
      })();
    });
  }, 180_000);

  afterAll(async () => {
    writeFileSync(`${artifacts}train-measurements.json`, `${JSON.stringify({ speeds, downloads }, null, 2)}\n`);
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.httpServer.close(() => resolve()) : resolve()));
  });

  const state = (p: Page = page) => p.getAttribute('#status', 'data-state');
  const waitState = (states: string[], p: Page = page, timeout = 240_000) =>
    p.waitForFunction((s) => s.includes(document.querySelector('#status')?.getAttribute('data-state') ?? ''), states, { timeout });
  const lines = (selector: string, p: Page = page) => p.locator(`${selector} svg path[aria-roledescription="line mark"]`).count();
  // The live charts draw on canvas: the lines the chart was given, and the coloured (not grey) pixels it painted.
  const drawn = async (selector: string) => ({
    lines: Number(await page.getAttribute(selector, 'data-lines')),
    coloured: await page.$eval(`${selector} canvas`, (c) => {
      const canvas = c as HTMLCanvasElement;
      const px = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let n = 0;
      for (let i = 0; i < px.length; i += 4) if (Math.max(px[i]!, px[i + 1]!, px[i + 2]!) - Math.min(px[i]!, px[i + 1]!, px[i + 2]!) > 60) n++;
      return n;
    }),
  });
  const table = (p: Page = page) => p.$$eval('#results tbody tr', (rows) => rows.map((r) => ({ cells: Array.from(r.children).map((c) => c.textContent), exact: r.getAttribute('data-exact') })));

  async function smallBudget(p: Page): Promise<void> {
    await p.fill('#train-digits', '2000');
    await p.fill('#epochs', '1');
    await p.fill('#batch-size', '32');
  }

  /** Trains the picked schedules on the current backend; returns the page's steps/second. */
  async function trainOnce(p: Page): Promise<number> {
    await p.click('#train');
    await waitState(['done', 'error'], p);
    expect(await p.textContent('#status')).toMatch(/^Done/);
    return Number(await p.getAttribute('#speed', 'data-steps-per-second'));
  }

  it('loads from a subpath, shows the backend and stays under 2 MB besides tfjs and wasm', async () => {
    await page.goto(url);
    await waitState(['ready', 'error'], page, 120_000);
    expect(await state()).toBe('ready');
    const backend = await page.getAttribute('#backend-name', 'data-backend');
    expect(['webgl', 'wasm', 'cpu']).toContain(backend);
    speeds.autoBackend = backend;
    speeds.autoNote = await page.getAttribute('#backend-note', 'title');
    expect(await page.textContent('#status')).toBe('Ready: 6000 training and 1000 validation digits loaded.');
    await page.waitForTimeout(500); // let the last requestfinished handlers settle
    const counted = downloads.filter((d) => !/\/tfjs-[^/]*\.js$/.test(d.url) && !d.url.endsWith('.wasm'));
    const transferred = counted.reduce((s, d) => s + d.transferred, 0);
    speeds.pageBytes = { transferred, decoded: counted.reduce((s, d) => s + d.decoded, 0), files: counted.length };
    expect(counted.some((d) => d.url.endsWith('/mnist-digits.bin'))).toBe(true);
    expect(downloads.every((d) => d.url.includes(SUBPATH))).toBe(true);
    expect(transferred).toBeLessThan(2_000_000);
  });

  it("opens from the playground's link with the playground's cards, fitted to the run", async () => {
    await page.goto(url.replace(/train\.html$/, 'index.html'));
    await page.waitForFunction(() => Number(document.querySelector('#chart')?.getAttribute('data-renders')) > 0);
    await page.click('#train-link');
    await waitState(['ready', 'error'], page, 120_000);
    expect(page.url()).toContain('train.html#s=');
    expect(await page.locator('.train-card').count()).toBe(2);
    expect(await page.textContent('#run-length')).toMatch(/^This run: 188 optimizer steps per schedule/); // 6000 digits, batch 64, 2 epochs
    expect(await page.inputValue('.train-card[data-index="0"] [data-option="totalSteps"]')).toBe('188'); // was the playground's 100
    expect(await page.inputValue('.train-card[data-index="1"] [data-option="stepSize"]')).toBe('30');
  });

  it('trains two schedules live: curves appear, clicks stay fast, accuracy passes 80% after one epoch on 2000 digits', async () => {
    await smallBudget(page);
    expect(await page.locator('.pick:checked').count()).toBe(2); // OneCycleLR and StepLR, the playground's default cards
    expect(await page.inputValue('.train-card[data-index="0"] [data-option="totalSteps"]')).toBe('63'); // fitted to the run
    await page.click('#train');
    await page.waitForFunction(() => Number(document.querySelector('.charts')?.getAttribute('data-points')) > 0, null, { timeout: 120_000 });
    expect(await state()).toBe('training');
    expect((await drawn('#chart-lr')).lines).toBeGreaterThan(0);
    // A click while the worker trains: the handler measures how long the event waited for the main thread.
    await page.click('#ping');
    const latency = Number(await page.getAttribute('#latency', 'data-ms'));
    const stillTraining = await state();
    // Long tasks before the screenshot below (a full-page screenshot itself lays out and paints on the main thread).
    const longTasksBefore = Number(await page.getAttribute('#longtasks', 'data-count'));
    await page.screenshot({ path: `${artifacts}train-running.png`, fullPage: true });
    await waitState(['done', 'error']);
    expect(await page.textContent('#status')).toBe('Done: 2 schedules trained.');
    expect(stillTraining).toBe('training');
    expect(latency).toBeGreaterThanOrEqual(0);
    expect(latency).toBeLessThan(100);
    speeds.clickLatencyMs = latency;
    speeds.longTasks = { beforeScreenshot: longTasksBefore, count: Number(await page.getAttribute('#longtasks', 'data-count')), durations: JSON.parse((await page.getAttribute('#longtasks', 'data-durations')) ?? '[]') };
    const lr = await drawn('#chart-lr');
    expect(lr.lines).toBe(4); // lr + momentum, two schedules each
    expect((await drawn('#chart-loss')).lines).toBe(2);
    expect((await drawn('#chart-accuracy')).lines).toBe(2);
    for (const chart of ['#chart-lr', '#chart-loss', '#chart-accuracy']) expect((await drawn(chart)).coloured).toBeGreaterThan(300);
    const rows = await table();
    expect(rows.map((r) => r.cells[0])).toEqual(['1. OneCycleLR', '2. StepLR']);
    for (const row of rows) {
      expect(row.cells[1]).toBe('63');
      const [accuracy] = JSON.parse(row.exact ?? '[]') as number[];
      expect(accuracy).toBeGreaterThan(0.8);
    }
    speeds.accuracy = rows.map((r) => [r.cells[0], r.cells[2]]);
    speeds[`${await page.getAttribute('#backend-name', 'data-backend')}`] = Number(await page.getAttribute('#speed', 'data-steps-per-second'));
    await page.screenshot({ path: `${artifacts}train-done.png`, fullPage: true });
  });

  it('stops and resumes where it stopped', async () => {
    await page.fill('#epochs', '2');
    await page.click('#train');
    await page.waitForFunction(() => Number(document.querySelector('.charts')?.getAttribute('data-points')) > 0, null, { timeout: 120_000 });
    await page.click('#stop');
    await waitState(['stopped', 'done']);
    expect(await state()).toBe('stopped');
    const at = Number(/step (\d+)/.exec((await page.textContent('#status')) ?? '')?.[1]);
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(126);
    const points = Number(await page.getAttribute('.charts', 'data-points'));
    await page.waitForTimeout(500);
    expect(Number(await page.getAttribute('.charts', 'data-points'))).toBe(points); // nothing trains while stopped
    await page.click('#resume');
    await waitState(['done', 'error']);
    const rows = await table();
    expect(rows.map((r) => r.cells[1])).toEqual(['126', '126']);
    expect(Number(await page.getAttribute('.charts', 'data-points'))).toBe(2 * 126);
  });

  it('gives the same table after a reload with the same settings and seed', async () => {
    await page.fill('#epochs', '1');
    await trainOnce(page);
    const before = await table();
    await page.reload();
    await waitState(['ready', 'error'], page, 120_000);
    expect(await page.inputValue('#train-digits')).toBe('2000');
    await trainOnce(page);
    expect(await table()).toEqual(before);
  });

  it('runs the LR range test and fills maxLr of the OneCycleLR card with the default rule', async () => {
    await page.click('#range-test');
    await waitState(['ready', 'error']);
    expect(await page.textContent('#status')).toMatch(/^LR range test done/);
    const suggested = Number(await page.getAttribute('#finder-summary', 'data-suggested'));
    const rule = await page.getAttribute('#finder-summary', 'data-rule');
    expect(rule).toMatch(/^[a-zA-Z]+$/);
    expect(suggested).toBeGreaterThan(0);
    expect(await page.textContent('#finder-summary')).toContain(`${rule} (default rule)`);
    expect(await page.inputValue('.train-card[data-index="0"] [data-option="maxLr"]')).toBe(String(Number(suggested.toPrecision(3))));
    expect(await lines('#finder-chart')).toBeGreaterThan(0);
    expect(await page.locator('#finder-chart svg path[aria-roledescription="symbol mark"], #finder-chart svg path[aria-roledescription="point"]').count()).toBeGreaterThan(0);
    expect(page.url()).toContain(encodeURIComponent(String(Number(suggested.toPrecision(3)))));
    speeds.rangeTest = { rule, suggested };
    await page.screenshot({ path: `${artifacts}train-range-test.png`, fullPage: true });
  });

  it('measures training speed on the wasm and cpu backends, and webgl on SwiftShader', async () => {
    for (const backend of ['wasm', 'cpu']) {
      await page.selectOption('#backend', backend);
      await waitState(['ready', 'error'], page, 120_000);
      expect(await page.getAttribute('#backend-name', 'data-backend')).toBe(backend);
      speeds[backend] = await trainOnce(page);
    }
    const gl = await chromium.launch({ executablePath: CHROMIUM, args: [...ARGS.filter((a) => a !== '--disable-gpu'), '--use-angle=swiftshader', '--enable-unsafe-swiftshader'] });
    try {
      const other = await gl.newPage({ viewport: { width: 1280, height: 1000 } });
      await other.goto(url);
      await waitState(['ready', 'error'], other, 120_000);
      await smallBudget(other);
      await other.selectOption('#backend', 'webgl');
      await waitState(['ready', 'error'], other, 120_000);
      if ((await other.getAttribute('#backend-name', 'data-backend')) === 'webgl') {
        speeds.webgl = await trainOnce(other);
        await other.screenshot({ path: `${artifacts}train-webgl.png`, fullPage: true });
      } else {
        speeds.webgl = `unavailable: ${await other.textContent('#status')}`;
      }
    } finally {
      await gl.close();
    }
    console.log('Train view measurements:', JSON.stringify(speeds));
    expect(speeds.wasm).toBeGreaterThan(0);
    expect(speeds.cpu).toBeGreaterThan(0);
  });
});
