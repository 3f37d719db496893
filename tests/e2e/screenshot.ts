// Usage: node --import tsx tests/e2e/screenshot.ts <url> <out.png> [width] [height]
// Waits for the map's grids when the page has a map, then saves a screenshot.
import { launchBrowser, watchForProblems } from './driver';

const [url, out, width = '1600', height = '900'] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: screenshot.ts <url> <out.png> [width] [height]');
  process.exit(2);
}

const browser = await launchBrowser();
try {
  const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
  const watch = watchForProblems(page);
  await page.goto(url, { waitUntil: 'load' });
  if (await page.getByTestId('map').count()) {
    await page.waitForSelector('[data-testid="map"][data-grid-count]', { timeout: 30_000 }).catch(() => console.warn('the map never reported data-grid-count'));
  }
  await page.waitForTimeout(3_000); // SwiftShader presents frames slowly; let the canvas settle
  await page.screenshot({ path: out });
  for (const p of watch.problems) console.warn(p);
  console.log(`saved ${out}`);
} finally {
  await browser.close();
}
