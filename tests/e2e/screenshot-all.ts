// Usage: node --import tsx tests/e2e/screenshot-all.ts <base-url> [out-dir]
// Saves every page of the app at 1920×1080 and 390×844 as <out-dir>/<page>-<w>x<h>.png (default
// out-dir: docs/screenshots), logged in as each page's user: the admin (ADMIN_PASSWORD, or
// E2E_ADMIN_PASSWORD) for the gated views, a demo grid worker (worker1, DEMO_PASSWORD) for /worker.
// Run against a demo town: SEED=demo ADMIN_PASSWORD=… node --import tsx server/server.ts
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser, watchForProblems } from './driver';

const [baseArg, outDir = 'docs/screenshots'] = process.argv.slice(2);
if (!baseArg) {
  console.error('usage: screenshot-all.ts <base-url> [out-dir]');
  process.exit(2);
}
const base = baseArg.replace(/\/$/, '');
const adminPassword = process.env.ADMIN_PASSWORD ?? process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password';
const demoPassword = process.env.DEMO_PASSWORD ?? 'wangge-demo';

type Who = 'anonymous' | 'admin' | 'worker';
const PAGES: { name: string; path: string; who: Who }[] = [
  { name: 'home', path: '/', who: 'anonymous' },
  { name: 'wall', path: '/wall', who: 'admin' },
  { name: 'edit', path: '/edit', who: 'admin' },
  { name: 'analyze', path: '/analyze', who: 'admin' },
  { name: 'dispatch', path: '/dispatch', who: 'admin' },
  { name: 'worker', path: '/worker', who: 'worker' },
  { name: 'report', path: '/report', who: 'anonymous' },
  { name: 'admin', path: '/admin', who: 'admin' },
];
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 390, height: 844 },
];
// The maps say when they have drawn: wait for that, at most this long, then let SwiftShader settle.
const MAP_DRAWN = '[data-grid-count], [data-ready][data-grid-count]';

async function sessionToken(username: string, password: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`${username} could not log in (${res.status})`);
  return ((await res.json()) as { token: string }).token;
}

async function shoot(browser: Browser, tokens: Record<Who, string | null>, page: (typeof PAGES)[number], size: (typeof SIZES)[number]): Promise<void> {
  const context = await browser.newContext({ viewport: size, locale: 'zh-CN' });
  const token = tokens[page.who];
  if (token) await context.addCookies([{ name: 'wangge_session', value: token, url: base, httpOnly: true, sameSite: 'Strict' }]);
  const tab = await context.newPage();
  const watch = watchForProblems(tab);
  try {
    await tab.goto(base + page.path, { waitUntil: 'load' });
    if (await tab.getByTestId('not-found').count()) {
      console.log(`skipped ${page.path}: the app has no such page`);
      return;
    }
    await tab.waitForSelector(MAP_DRAWN, { timeout: 30_000 }).catch(() => {});
    await tab.waitForLoadState('networkidle', { timeout: 15_000 }).catch(() => {});
    await tab.waitForTimeout(3_000);
    const file = join(outDir, `${page.name}-${size.width}x${size.height}.png`);
    await tab.screenshot({ path: file, timeout: 120_000 });
    console.log(`saved ${file}`);
    for (const p of watch.problems) console.warn(`  ${page.path}: ${p}`);
  } finally {
    await context.close();
  }
}

await mkdir(outDir, { recursive: true });
const tokens: Record<Who, string | null> = {
  anonymous: null,
  admin: await sessionToken('admin', adminPassword),
  worker: await sessionToken('worker1', demoPassword),
};
const browser = await launchBrowser();
try {
  for (const page of PAGES) for (const size of SIZES) await shoot(browser, tokens, page, size);
} finally {
  await browser.close();
}
