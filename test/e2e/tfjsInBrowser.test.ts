import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// lrkit/tfjs in a real browser: a page bundling the BUILT package (dist/, through its exports map, as an app
// would; `npm test` builds first) with @tensorflow/tfjs trains under a scheduler in Debian's Chromium.
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`tfjs browser e2e skipped: ${CHROMIUM} not found (install Debian's chromium package to run it)`);

const built = existsSync(fileURLToPath(new URL('../../dist/tfjs/index.js', import.meta.url)));

interface PageResult {
  error?: string;
  backend: string;
  custom: { applied: number[]; scheduled: number[] };
  fit: { seen: number[]; losses: number[] };
}

describe.skipIf(!hasChromium)('lrkit/tfjs bundled for the browser, in Chromium', () => {
  let browser: Browser;
  let result: PageResult;

  beforeAll(async () => {
    if (!built) throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    const bundle = await build({
      entryPoints: [fileURLToPath(new URL('./tfjsPage/train.js', import.meta.url))],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      write: false,
      logLevel: 'silent',
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--headless'],
    });
    const page = await browser.newPage();
    const errors: Error[] = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.setContent('<!doctype html><title>lrkit/tfjs</title>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    result = (await page.evaluate(() => (window as unknown as { lrkitResult: Promise<PageResult> }).lrkitResult)) as PageResult;
    if (errors.length > 0) throw errors[0];
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('runs tfjs on its CPU backend in the page', () => {
    expect(result.error).toBeUndefined();
    expect(result.backend).toBe('cpu');
  });

  it('custom loop: every update used the scheduled lr (StepLR halving each step)', () => {
    const expected = [0.1, 0.05, 0.025, 0.0125];
    result.custom.applied.forEach((lr, i) => expect(lr).toBeCloseTo(expected[i]!, 6));
    expect(result.custom.scheduled).toEqual([0.00625]);
  });

  it('model.fit with schedulerCallback: the optimizer saw the lr of every batch', () => {
    expect(result.fit.seen).toEqual([0.01, 0.01, 0.001, 0.001, 0.0001, 0.0001].map((lr) => expect.closeTo(lr, 12)));
    expect(result.fit.losses.every(Number.isFinite)).toBe(true);
  });
});
