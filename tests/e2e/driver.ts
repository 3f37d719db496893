// The one way browser tests touch the app: domain actions in given/when/then form.
// Framework-agnostic (node:assert), so scripts like screenshot.ts can reuse the browser launch.
import assert from 'node:assert/strict';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export async function chromiumExecutablePath(): Promise<string> {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  const sparticuz = (await import('@sparticuz/chromium')).default;
  return sparticuz.executablePath();
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumExecutablePath(), args: CHROMIUM_ARGS, headless: true });
}

/** Everything that went wrong in the page: console errors, uncaught errors, failed requests. */
export interface PageProblems {
  problems: string[];
  /** Every URL the page asked for, to prove the offline base map stays offline. */
  requested: string[];
}

export function watchForProblems(page: Page): PageProblems {
  const watch: PageProblems = { problems: [], requested: [] };
  page.on('request', (req) => watch.requested.push(req.url()));
  page.on('console', (msg) => {
    if (msg.type() === 'error') watch.problems.push(`console error: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => watch.problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) =>
    watch.problems.push(`request failed: ${req.method()} ${req.url()} ${req.failure()?.errorText ?? ''}`),
  );
  page.on('response', (res) => {
    if (res.status() >= 400) watch.problems.push(`HTTP ${res.status()}: ${res.request().method()} ${res.url()}`);
  });
  return watch;
}

const DEFAULT_TIMEOUT_MS = 30_000;

interface Session {
  baseUrl: string;
  browser: Browser;
  page: Page;
  watch: PageProblems;
}

let browser: Browser | null = null;
let session: Session | null = null;

function current(): Session {
  assert.ok(session, 'call givenTheAppIsRunning() first');
  return session;
}

function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  assert.ok(url, 'E2E_BASE_URL is not set: the e2e global setup starts the server and sets it');
  return url.replace(/\/$/, '');
}

async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(baseUrl() + path);
  assert.equal(res.status, 200, `GET ${path}`);
  return (await res.json()) as T;
}

// ── given ────────────────────────────────────────────────────────────────────

/** The server answers its health check and a fresh page is open (one browser per test file). */
export async function givenTheAppIsRunning(): Promise<void> {
  const health = await getJson<{ status: string }>('/api/health');
  assert.equal(health.status, 'ok');
  browser ??= await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
  session = { baseUrl: baseUrl(), browser, page, watch: watchForProblems(page) };
}

// ── when ─────────────────────────────────────────────────────────────────────

/** Leaving a page mid-load aborts its requests; let it finish so those aborts are not counted. */
async function letThePageSettle(page: Page): Promise<void> {
  if (page.url() !== 'about:blank') await page.waitForLoadState('networkidle');
}

export async function whenIOpen(path: string): Promise<void> {
  const { page, baseUrl: base } = current();
  await letThePageSettle(page);
  await page.goto(base + path, { waitUntil: 'load' });
  await page.getByTestId('app-header').waitFor();
}

export async function whenISwitchTheLanguage(): Promise<void> {
  await current().page.getByTestId('lang-switch').click();
}

export async function whenIReload(): Promise<void> {
  await letThePageSettle(current().page);
  await current().page.reload({ waitUntil: 'load' });
  await current().page.getByTestId('app-header').waitFor();
}

export async function whenIChooseTheBasemap(id: string): Promise<void> {
  await current().page.getByTestId('basemap-picker').selectOption(id);
}

/** On /analyze: toggles filter chips, e.g. { category: ['traffic'], status: ['closed'] }. */
export async function whenIFilterIncidentsBy(filters: Record<string, string[]>): Promise<void> {
  const { page } = current();
  for (const [name, values] of Object.entries(filters)) {
    for (const value of values) await page.getByTestId(`filter-${name}`).locator(`[data-value="${value}"]`).click();
  }
}

export async function whenIGoBack(): Promise<void> {
  await current().page.goBack({ waitUntil: 'load' });
}

/** Clicks an export link on /analyze and returns the downloaded file's text. */
export async function whenIExportTheFilteredIncidents(format: 'csv' | 'geojson'): Promise<string> {
  const { page } = current();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId(`export-${format}`).click()]);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  return readFile(path, 'utf8');
}

// ── then ─────────────────────────────────────────────────────────────────────

/** How many incidents the API matches for a filter query string (the analyst's ground truth). */
export async function theIncidentsMatching(query: string): Promise<number> {
  return (await getJson<{ numberMatched: number }>(`/api/incidents?limit=1&${query}`)).numberMatched;
}

/** The /analyze view counts `expected` incidents and its map has drawn its layer. */
export async function thenTheAnalyzeViewCounts(expected: number): Promise<void> {
  const { page } = current();
  await page.waitForFunction((n) => document.querySelector('[data-testid="matched-count"]')?.getAttribute('data-count') === String(n), expected);
  await page.waitForSelector('[data-testid="analysis-map"][data-drawn]');
  assert.equal(await page.locator('[data-testid="analysis-map"] canvas.maplibregl-canvas').count(), 1, 'the map has its WebGL canvas');
  thenNothingWentWrong();
}

/** The filter chips that are on, by filter name. */
export async function thenTheChosenFiltersAre(expected: Record<string, string[]>): Promise<void> {
  const { page } = current();
  for (const [name, values] of Object.entries(expected)) {
    const on = await page.getByTestId(`filter-${name}`).locator('[aria-pressed="true"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
    assert.deepEqual(on, values, `filter ${name}`);
  }
}

/** The grids the home page shows: those of the first top-level region, as the app picks it. */
export async function theGridsOfTheFirstRegion(): Promise<number> {
  const { regions } = await getJson<{ regions: { code: string }[] }>('/api/regions');
  assert.ok(regions.length > 0, 'the server has no regions');
  const grids = await getJson<{ type: string; features: unknown[] }>(
    `/api/grids?region=${encodeURIComponent(regions[0].code)}`,
  );
  assert.equal(grids.type, 'FeatureCollection');
  return grids.features.length;
}

/** Waits until the map has drawn its grids and returns how many it says it drew. */
export async function thenTheMapShowsGrids(expected?: number): Promise<number> {
  const { page } = current();
  const map = page.getByTestId('map');
  await page.waitForSelector('[data-testid="map"][data-grid-count]');
  const drawn = Number(await map.getAttribute('data-grid-count'));
  const want = expected ?? (await theGridsOfTheFirstRegion());
  assert.ok(want > 0, 'the server returned no grids to draw');
  assert.equal(drawn, want);
  const canvas = page.locator('[data-testid="map"] canvas.maplibregl-canvas');
  assert.equal(await canvas.count(), 1, 'the map has its WebGL canvas');
  thenNothingWentWrong();
  return drawn;
}

export async function thenThePageIsIn(lang: 'zh-CN' | 'en'): Promise<void> {
  const { page } = current();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
  const brand = await page.getByTestId('brand').innerText();
  if (lang === 'zh-CN') assert.match(brand, /网格/);
  else assert.match(brand, /Wangge/);
  const header = await page.getByTestId('app-header').innerText();
  const han = /\p{Script=Han}/u;
  // In English the only Chinese left in the header is the switch offering 中文.
  if (lang === 'en') assert.ok(!han.test(header.replace('中文', '')), `header still has Chinese: ${header}`);
  else assert.ok(han.test(header), `header has no Chinese: ${header}`);
}

export async function thenTheViewTitleIs(text: string | RegExp): Promise<void> {
  const title = await current().page.getByTestId('view-title').innerText();
  if (typeof text === 'string') assert.equal(title, text);
  else assert.match(title, text);
}

export async function thenTheViewSaysComingSoon(): Promise<void> {
  assert.ok(await current().page.getByTestId('coming-soon').isVisible());
}

/** Nothing was fetched from anywhere but the app itself (data: and blob: URLs are local). */
export function thenNoRequestLeftTheApp(): void {
  const { watch, baseUrl: base } = current();
  const origin = new URL(base).origin;
  const outside = watch.requested.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== origin);
  assert.deepEqual(outside, [], 'the page fetched from outside the app');
}

export async function thenTheBasemapIs(id: string): Promise<void> {
  const { page } = current();
  assert.equal(await page.getByTestId('basemap-picker').inputValue(), id);
  assert.equal(await page.getByTestId('map').getAttribute('data-basemap'), id);
}

export function thenNothingWentWrong(): void {
  assert.deepEqual(current().watch.problems, [], 'the page reported errors');
}

// ── teardown ─────────────────────────────────────────────────────────────────

/** Fails on anything that went wrong, then closes the page (for afterEach). */
export async function finishTheVisit(): Promise<void> {
  if (!session) return;
  const { page, watch } = session;
  session = null;
  const problems = [...watch.problems];
  await page.context().close();
  assert.deepEqual(problems, [], 'the page reported errors');
}

export async function closeTheBrowser(): Promise<void> {
  await browser?.close();
  browser = null;
}

/** For scripts and debugging: the page of the current visit. */
export function currentPage(): Page {
  return current().page;
}
