// Screenshot of a running TensorBoard (headless Chromium via playwright-core), for the docs:
//   npm start -- --logdir runs && tensorboard --logdir runs --port 6006 &
//   npx tsx scripts/tensorboard_screenshot.ts 'http://localhost:6006/#scalars' docs/images/tensorboard-demo-runs.png OneCycleLR-finder train/
//   npx tsx scripts/tensorboard_screenshot.ts 'http://localhost:6006/#hparams' docs/images/tensorboard-hparams.png OneCycleLR-finder
// The optional fourth argument is typed into the scalars tag filter, and smoothing is set to 0 (raw curves).
import { chromium } from 'playwright-core';

const [url, out, waitFor, tagFilter] = process.argv.slice(2);
if (url === undefined || out === undefined) throw new Error('usage: tsx scripts/tensorboard_screenshot.ts URL OUT.png [text to wait for] [scalars tag filter]');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(url, { waitUntil: 'networkidle' });
  if (waitFor !== undefined) await page.getByText(waitFor).first().waitFor({ timeout: 60_000 });
  if (tagFilter !== undefined) {
    // TensorBoard's tag filter box, found by its label.
    await page.getByLabel('Filter tags (regular expressions supported)').fill(tagFilter);
    const smoothing = page.locator('input[type=number]').first();
    await smoothing.fill('0');
    await smoothing.press('Enter');
  }
  await page.waitForTimeout(3000); // charts animate in
  await page.screenshot({ path: out, fullPage: false });
} finally {
  await browser.close();
}
