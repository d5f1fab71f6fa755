// Screenshot of a running TensorBoard (headless Chromium via playwright-core), for the docs:
//   tensorboard --logdir runs --port 6006 &   then   npx tsx scripts/tensorboard_screenshot.ts URL OUT.png [waitForText]
import { chromium } from 'playwright-core';

const [url, out, waitFor] = process.argv.slice(2);
if (url === undefined || out === undefined) throw new Error('usage: tsx scripts/tensorboard_screenshot.ts URL OUT.png [text to wait for]');
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1 });
  await page.goto(url, { waitUntil: 'networkidle' });
  if (waitFor !== undefined) await page.getByText(waitFor).first().waitFor({ timeout: 60_000 });
  await page.waitForTimeout(3000); // charts animate in
  await page.screenshot({ path: out, fullPage: false });
} finally {
  await browser.close();
}
