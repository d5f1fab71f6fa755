import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Drives Debian's Chromium (CI installs it); never downloads a browser.
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`playground e2e skipped: ${CHROMIUM} not found (install Debian's chromium package to run it)`);

const webRoot = fileURLToPath(new URL('../../web/', import.meta.url));
const artifacts = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));

describe.skipIf(!hasChromium)('playground in Chromium', () => {
  let server: PreviewServer;
  let browser: Browser;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    await build({ configFile: `${webRoot}vite.config.ts`, logLevel: 'error' });
    server = await preview({ configFile: `${webRoot}vite.config.ts`, preview: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
    base = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--headless'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => {
      throw error;
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => (server ? server.httpServer.close(() => resolve()) : resolve()));
  });

  const renders = async () => Number(await page.getAttribute('#chart', 'data-renders'));
  const waitRender = async (after: number) => page.waitForFunction((n) => Number(document.querySelector('#chart')?.getAttribute('data-renders')) > n, after);
  // The drawn lines: the `d` of every line mark, so a change in any curve shows.
  const lines = async () => page.$$eval('#chart svg path[aria-roledescription="line mark"]', (ps) => ps.map((p) => p.getAttribute('d') ?? ''));
  // Vertical positions only: the restored page may lay out a different chart width.
  const ys = (ds: string[]) => ds.map((d) => [...d.matchAll(/[ML][^,]+,([^ML]+)/g)].map((m) => m[1]));
  const field = (card: number, option: string) => page.locator(`.card[data-index="${card}"] [data-option="${option}"]`);

  it('loads and draws the lr and momentum curves of the default schedulers', async () => {
    await page.goto(base);
    await waitRender(0);
    expect(await page.locator('.card').count()).toBe(2);
    expect((await lines()).length).toBe(4); // lr + momentum panels, two schedulers each
    expect(await page.textContent('#chart svg')).toContain('momentum / beta1');
    await page.screenshot({ path: `${artifacts}playground-loaded.png`, fullPage: true });
  });

  it('redraws when an option changes, and hover shows exact values', async () => {
    const before = await lines();
    const n = await renders();
    await field(1, 'stepSize').fill('10');
    await waitRender(n);
    const after = await lines();
    expect(after).not.toEqual(before);
    expect(after[0]).toBe(before[0]); // the OneCycleLR curve did not change
    const box = (await page.locator('#chart svg').boundingBox())!;
    await page.mouse.move(box.x + 300, box.y + 150);
    await page.waitForSelector('#tooltip:not([hidden])');
    expect(await page.textContent('#tooltip')).toMatch(/step: \d+/);
    await page.screenshot({ path: `${artifacts}playground-changed.png`, fullPage: true });
  });

  it('shows the library error for an invalid value and marks the field', async () => {
    const n = await renders();
    await field(1, 'gamma').fill('-2');
    await waitRender(n);
    expect(await page.textContent('.card[data-index="1"] .error')).toBe('scheduler.gamma: expected a number in (0, inf), got -2');
    expect(await field(1, 'gamma').getAttribute('class')).toContain('invalid');
    expect((await lines()).length).toBe(2); // only OneCycleLR is drawn
    await page.screenshot({ path: `${artifacts}playground-error.png`, fullPage: true });
    const m = await renders();
    await field(1, 'gamma').fill('0.5');
    await waitRender(m);
    expect(await page.textContent('.card[data-index="1"] .error')).toBe('');
  });

  it('restores the same state from a shared URL', async () => {
    await page.check('#log');
    const n = await renders();
    await page.selectOption('#add-type', 'CosineAnnealingWarmRestarts');
    await page.click('#add');
    await waitRender(n);
    await page.waitForFunction(() => location.hash.includes('CosineAnnealingWarmRestarts'));
    const url = page.url();
    const expected = await lines();
    const other = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await other.goto(url);
    await other.waitForFunction(() => Number(document.querySelector('#chart')?.getAttribute('data-renders')) > 0);
    expect(await other.locator('.card').count()).toBe(3);
    expect(await other.inputValue('.card[data-index="1"] [data-option="stepSize"]')).toBe('10');
    expect(await other.isChecked('#log')).toBe(true);
    const restored = await other.$$eval('#chart svg path[aria-roledescription="line mark"]', (ps) => ps.map((p) => p.getAttribute('d') ?? ''));
    expect(restored).toHaveLength(6);
    expect(ys(restored)).toEqual(ys(expected));
    await other.screenshot({ path: `${artifacts}playground-shared.png`, fullPage: true });
    await other.close();
  });

  it('exports the spec and PyTorch code of a scheduler', async () => {
    await page.click('.card[data-index="1"] [data-export="spec"]');
    const spec = JSON.parse(await page.inputValue('#export')) as { scheduler: { type: string; stepSize: number } };
    expect(spec.scheduler).toMatchObject({ type: 'StepLR', stepSize: 10, gamma: 0.5 });
    await page.click('.card[data-index="1"] [data-export="pytorch"]');
    const py = await page.inputValue('#export');
    expect(py).toContain('scheduler = lr_scheduler.StepLR(optimizer, step_size=10, gamma=0.5)');
    expect(py).toContain('print(i, lrs())');
  });

  it('picks a recipe, edits it through its form, and shows its validation errors', async () => {
    const n = await renders();
    await page.selectOption('.card[data-index="2"] select.type', 'hf.warmupStableDecay');
    await waitRender(n);
    expect(await page.textContent('.card[data-index="2"] .summary')).toContain('Hugging Face');
    expect(await page.locator('.card[data-index="2"] select[data-option="decayType"] option').allTextContents()).toEqual(expect.arrayContaining(['cosine', 'linear', '1-sqrt']));
    const before = await lines();
    const m = await renders();
    await page.selectOption('.card[data-index="2"] [data-option="decayType"]', '1-sqrt');
    await waitRender(m);
    expect(await lines()).not.toEqual(before);
    const k = await renders();
    await field(2, 'numWarmupSteps').fill('2.5');
    await waitRender(k);
    expect(await page.textContent('.card[data-index="2"] .error')).toBe('scheduler.numWarmupSteps: expected a non-negative integer, got 2.5');
    expect(await field(2, 'numWarmupSteps').getAttribute('class')).toContain('invalid');
    await page.screenshot({ path: `${artifacts}playground-recipe.png`, fullPage: true });
    const j = await renders();
    await field(2, 'numWarmupSteps').fill('10');
    await waitRender(j);
    expect(await page.textContent('.card[data-index="2"] .error')).toBe('');
    await page.click('.card[data-index="2"] [data-export="ts"]');
    expect(await page.inputValue('#export')).toContain('hf.warmupStableDecay(');
  });

  it('protocol: draws a WarmupLR over a ReduceLROnPlateau (the README example), fed by the metric field', async () => {
    const n = await renders();
    await page.selectOption('.card[data-index="2"] select.type', 'WarmupLR');
    await waitRender(n);
    expect(await page.isHidden('.card[data-index="2"] [data-option="metric"]')).toBe(true); // over CosineAnnealingLR: no metric
    const before = await lines();
    const m = await renders();
    await field(2, 'scheduler').fill('{"type": "ReduceLROnPlateau", "patience": 2, "factor": 0.5}');
    await waitRender(m);
    expect(await page.textContent('.card[data-index="2"] .error')).toBe('');
    expect(await page.isVisible('.card[data-index="2"] [data-option="metric"]')).toBe(true);
    const drawn = await lines();
    expect(drawn).toHaveLength(before.length);
    expect(drawn).not.toEqual(before);
    const k = await renders();
    await field(2, 'metric').fill('1');
    await waitRender(k);
    expect(await lines()).not.toEqual(drawn); // a flat metric makes the plateau reduce the lr
    await page.screenshot({ path: `${artifacts}playground-warmup-plateau.png`, fullPage: true });
  });
});
