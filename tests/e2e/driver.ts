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
  /** Every vector tile the server answered (the maps fetch them from their web worker). */
  tiles: TileAnswer[];
}

export interface TileAnswer {
  layer: string;
  status: number;
  query: Record<string, string>;
  /** The Authorization header the tile was asked for with (a wall's display token), or null. */
  authorization: string | null;
  url: string;
}

export function watchForProblems(page: Page): PageProblems {
  const watch: PageProblems = { problems: [], requested: [], tiles: [] };
  page.on('request', (req) => watch.requested.push(req.url()));
  page.on('response', (res) => {
    const url = new URL(res.url());
    const tile = /^\/tiles\/([\w-]+)\/\d+\/\d+\/\d+\.pbf$/.exec(url.pathname);
    if (!tile) return;
    const answer = (authorization: string | null) =>
      watch.tiles.push({ layer: tile[1], status: res.status(), query: Object.fromEntries(url.searchParams), authorization, url: res.url() });
    // allHeaders, not headers: only the full set is sure to hold Authorization.
    res
      .request()
      .allHeaders()
      .then(
        (h) => answer(h.authorization ?? null),
        () => answer(null),
      );
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') watch.problems.push(`console error: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (err) => watch.problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => {
    const reason = req.failure()?.errorText ?? '';
    // ERR_ABORTED is the page cancelling on purpose: a reload or navigation, or a view aborting
    // the fetch that a newer filter superseded. It is not a failure of the app.
    if (reason === 'net::ERR_ABORTED') return;
    watch.problems.push(`request failed: ${req.method()} ${req.url()} ${reason}`);
  });
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

const adminTokens = new Map<string, Promise<string>>();

/** A bearer token of the app's admin, logged in once per server (reads need a session). */
export function adminBearer(base = baseUrl(), password = process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password'): Promise<string> {
  let token = adminTokens.get(base);
  if (!token) {
    token = fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    }).then(async (res) => {
      assert.equal(res.status, 200, 'admin login');
      return ((await res.json()) as { token: string }).token;
    });
    token.catch(() => adminTokens.delete(base));
    adminTokens.set(base, token);
  }
  return token;
}

/** The API's answer as the admin sees it: the ground truth the pages are checked against. */
async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(baseUrl() + path, { headers: { authorization: `Bearer ${await adminBearer()}` } });
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

/** A wall screen of this size (1920×1080, 3840×2160) on the app, or on another server of ours. */
export async function givenAWallScreen(width: number, height: number, base = baseUrl()): Promise<void> {
  browser ??= await launchBrowser();
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(DEFAULT_TIMEOUT_MS);
  session = { baseUrl: base.replace(/\/$/, ''), browser, page, watch: watchForProblems(page) };
}

/** An admin session on the app under test (or another server of ours), as request headers. */
export async function givenAnAdmin(base = baseUrl(), password = process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password'): Promise<Record<string, string>> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  assert.equal(res.status, 200, 'admin login');
  return { authorization: `Bearer ${((await res.json()) as { token: string }).token}`, 'content-type': 'application/json' };
}

/** An admin issues a read-only display token for a wall. */
export async function givenADisplayToken(admin: Record<string, string>, name = '指挥中心主屏', base = baseUrl()): Promise<string> {
  const res = await fetch(`${base}/api/display-tokens`, { method: 'POST', headers: admin, body: JSON.stringify({ name }) });
  assert.equal(res.status, 201, 'display token issued');
  return ((await res.json()) as { token: string }).token;
}

// ── when ─────────────────────────────────────────────────────────────────────

/**
 * Leaving a page mid-load aborts its requests; give it a moment to finish first. Best effort: a
 * page that keeps a request open (a slow aggregate on a loaded CI machine) must not fail the test,
 * and aborted requests are not counted as failures anyway (see the request listener).
 */
async function letThePageSettle(page: Page): Promise<void> {
  if (page.url() !== 'about:blank') await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => {});
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

/** Opens the wall (no header, no login) and waits until its KPIs, charts and map are drawn; returns the ms it took. */
export async function whenIOpenTheWall(query: string): Promise<number> {
  const { page, baseUrl: base } = current();
  const started = Date.now();
  await page.goto(`${base}/wall${query}`, { waitUntil: 'load' });
  await page.waitForSelector('[data-testid="wall"][data-ready] [data-testid="wall-map"][data-grid-count]');
  await page.waitForFunction(() => [...document.querySelectorAll('.wall-chart')].every((el) => el.querySelector('canvas')));
  return Date.now() - started;
}

/** Reports an incident through the API as `admin`; returns its id. */
export async function whenAnIncidentIsReported(admin: Record<string, string>, at: [number, number], description: string): Promise<number> {
  const res = await fetch(`${current().baseUrl}/api/incidents`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify({ category: 'safety_hazard', source: 'patrol', priority: 'high', description, location: { type: 'Point', coordinates: at } }),
  });
  assert.equal(res.status, 201, 'incident reported');
  return ((await res.json()) as { id: number }).id;
}

export async function whenISaveAScreenshot(path: string): Promise<void> {
  // The density layers follow the grids, and SwiftShader presents frames slowly: let them land.
  await current().page.waitForTimeout(6000);
  // A 4K frame through SwiftShader on a busy machine can take well over the default 30 s.
  await current().page.screenshot({ path, timeout: 120_000 });
}

/**
 * While the server was down on purpose, the browser logged refused connections and failed
 * requests; those are the outage, not faults. Forgets them and returns how many there were.
 */
export function whenIForgiveTheOutage(): number {
  const { watch } = current();
  // A map logs its failed tile reads as MapLibre's AJAXError (status 0 for no answer, 5xx for a
  // server shutting down or starting); a server shutting down answers what is in flight with 503.
  const outage =
    /ERR_CONNECTION_REFUSED|ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE|ERR_INCOMPLETE_CHUNKED_ENCODING|ERR_ABORTED|Failed to load resource|Failed to fetch|AJAXError: .*\((0|5\d\d)\): |^HTTP 503: /;
  const kept = watch.problems.filter((p) => !outage.test(p));
  const forgiven = watch.problems.length - kept.length;
  watch.problems.splice(0, watch.problems.length, ...kept);
  return forgiven;
}

/**
 * Refusals the test expects (a revoked token, a session ended on the server): forgets the 401
 * answers to GETs of the app's paths matching `path` (API reads, tiles) and the console lines the
 * browser logs for them — nothing else. Returns how many there were.
 */
export function whenIForgiveTheExpected401s(path: RegExp = /^\/api\//): number {
  return forgiveRefusals(401, path);
}

/** The same for 400 answers the test provokes on purpose (a region code no region has). */
export function whenIForgiveTheExpected400s(path: RegExp): number {
  return forgiveRefusals(400, path);
}

/** The same for 503 answers a test fakes on purpose (the server down for some reads). */
export function whenIForgiveTheExpected503s(path: RegExp): number {
  return forgiveRefusals(503, path);
}

/**
 * A refusal the test provoked on purpose (a save the server refuses): forgets the `status` answers
 * to `method` requests of the app's paths matching `path`, and the console lines the browser logs
 * for them. Returns how many there were.
 */
export function whenIForgiveTheRefusals(status: number, method: string, path: RegExp): number {
  return forgiveRefusals(status, path, method);
}

function forgiveRefusals(status: number, path: RegExp, method = 'GET'): number {
  const { watch, baseUrl: base } = current();
  const apiPath = (url: string) => (url.startsWith(base) ? url.slice(base.length) : null);
  const expected = (p: string) => {
    const response = new RegExp(`^HTTP ${status}: ${method} (\\S+)$`).exec(p);
    if (response) return path.test(apiPath(response[1]) ?? '');
    const console = new RegExp(`^console error: Failed to load resource: the server responded with a status of ${status} \\([^)]*\\) \\((\\S+)\\)$`).exec(p);
    return Boolean(console && path.test(apiPath(console[1]) ?? ''));
  };
  const kept = watch.problems.filter((p) => !expected(p));
  const forgiven = watch.problems.length - kept.length;
  watch.problems.splice(0, watch.problems.length, ...kept);
  return forgiven;
}

/** The base URL of the current visit's server. */
export function currentBaseUrl(): string {
  return current().baseUrl;
}

// ── then ─────────────────────────────────────────────────────────────────────

/** The page's own scripts name no source map, and none is served beside them. */
export async function thenTheScriptsShipNoSourceMaps(): Promise<void> {
  const base = currentBaseUrl();
  const html = await (await fetch(`${base}/`)).text();
  const scripts = [...html.matchAll(/src="(\/assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  assert.ok(scripts.length > 0, 'index.html names no script');
  for (const script of scripts) {
    assert.ok(!(await (await fetch(base + script)).text()).includes('sourceMappingURL'), `${script} names its source map`);
    assert.equal((await fetch(`${base}${script}.map`)).status, 404, `${script}.map is served`);
  }
}

/** GET any JSON of the app under test (the source of truth the wall must agree with). */
export async function theApi<T>(path: string): Promise<T> {
  return getJson<T>(path);
}

/** Every KPI tile shows the API's value, formatted by `format`. */
export async function thenTheKpiTilesShow(expected: Record<string, number | null>, format: (key: string) => string): Promise<void> {
  const { page } = current();
  for (const [key, value] of Object.entries(expected)) {
    const tile = page.getByTestId(`kpi-${key}`);
    assert.equal(await tile.getAttribute('data-value'), String(value), `kpi-${key} value`);
    assert.equal(await tile.locator('.wall-kpi__value').innerText(), format(key), `kpi-${key} text`);
  }
}

/** Waits until the wall's ticker lists the incident; returns the ms from `since`. */
export async function thenTheWallListsIncident(id: number, since: number, timeoutMs: number): Promise<number> {
  await current().page.getByTestId(`ticker-${id}`).waitFor({ timeout: timeoutMs });
  return Date.now() - since;
}

export async function thenTheKpiReads(key: string, value: string, timeoutMs = 5000): Promise<void> {
  await current().page.waitForFunction(
    ([k, v]) => document.querySelector(`[data-testid="kpi-${k}"]`)?.getAttribute('data-value') === v,
    [key, value] as const,
    { timeout: timeoutMs },
  );
}

/** The freshness badge reaches `state` (live, stale, connecting) within `timeoutMs`; returns its text. */
export async function thenTheFreshnessIs(state: 'live' | 'stale' | 'connecting', timeoutMs: number): Promise<string> {
  const badge = current().page.getByTestId('freshness');
  await current().page.waitForSelector(`[data-testid="freshness"][data-state="${state}"]`, { timeout: timeoutMs });
  return badge.innerText();
}

export async function thenTheWallShowsRegion(code: string, timeoutMs: number): Promise<void> {
  await current().page.waitForSelector(`[data-testid="wall"][data-region="${code}"][data-ready]`, { timeout: timeoutMs });
}

/** Computed font size of an element, in CSS px (type must scale with the screen). */
export async function theFontSizeOf(testid: string): Promise<number> {
  return current()
    .page.getByTestId(testid)
    .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
}

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
  // The view restores its state from the URL after it renders: wait for the chips to settle.
  for (const [name, values] of Object.entries(expected)) {
    const chipsOn = () =>
      page
        .getByTestId(`filter-${name}`)
        .locator('[aria-pressed="true"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-value')));
    const deadline = Date.now() + 10_000;
    let on = await chipsOn();
    while (JSON.stringify(on) !== JSON.stringify(values) && Date.now() < deadline) {
      await page.waitForTimeout(100);
      on = await chipsOn();
    }
    assert.deepEqual(on, values, `filter ${name}`);
  }
}

/** The grids the home page shows: those of the first top-level region, as the app picks it. */
export async function theGridsOfTheFirstRegion(): Promise<number> {
  const { regions } = await getJson<{ regions: { code: string }[] }>('/api/regions');
  assert.ok(regions.length > 0, 'the server has no regions');
  const grids = await getJson<{ type: string; features: unknown[] }>(`/api/grids?region=${encodeURIComponent(regions[0].code)}`);
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

/**
 * Waits until the server has answered a `layer` tile with 200 (features in it) whose query is
 * exactly `query`, and returns that answer: proof that the map asks for tiles, with what.
 */
export async function thenATileWasServed(layer: string, query: Record<string, string>, timeoutMs = 30_000): Promise<TileAnswer> {
  const { watch } = current();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const served = watch.tiles.find((t) => t.layer === layer && t.status === 200 && JSON.stringify(sorted(t.query)) === JSON.stringify(sorted(query)));
    if (served) return served;
    if (Date.now() > deadline) {
      assert.fail(
        `no ${layer} tile with ${JSON.stringify(query)} answered 200; answered: ${JSON.stringify(watch.tiles.map((t) => [t.layer, t.status, t.query]))}`,
      );
    }
    await current().page.waitForTimeout(100);
  }
}

const sorted = (o: Record<string, string>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));

/** The features a map (by its data-testid) has drawn in `layer`, as MapLibre's queryRenderedFeatures gives them. */
export async function theRenderedFeatures(mapTestId: string, layer: string): Promise<{ id: number; properties: Record<string, unknown> }[]> {
  return current()
    .page.locator(`[data-testid="${mapTestId}"] .maplibregl-map`)
    .evaluate((el, id) => {
      const map = (
        el as HTMLElement & {
          maplibreMap?: { queryRenderedFeatures(o: { layers: string[] }): { id?: number | string; properties: Record<string, unknown> }[] };
        }
      ).maplibreMap;
      if (!map) throw new Error('the map is not on its container');
      return map.queryRenderedFeatures({ layers: [id] }).map((f) => ({ id: Number(f.id), properties: f.properties }));
    }, layer);
}

/** The page never asked for a URL whose path and query match `pattern`. */
export function thenNothingWasRequestedLike(pattern: RegExp): void {
  const { watch, baseUrl: base } = current();
  const asked = watch.requested.filter((u) => u.startsWith(base) && pattern.test(u.slice(base.length)));
  assert.deepEqual(asked, [], `the page asked for ${pattern}`);
}

/** The page asked for a URL whose path and query match `pattern` (at least once). */
export function thenItWasRequested(pattern: RegExp): void {
  const { watch, baseUrl: base } = current();
  const asked = watch.requested.filter((u) => u.startsWith(base) && pattern.test(u.slice(base.length)));
  assert.ok(asked.length > 0, `the page never asked for ${pattern}`);
}

/** The page asked for a URL whose path and query match `pattern` exactly once (however many parts of it show the answer). */
export function thenItWasRequestedOnce(pattern: RegExp): void {
  const { watch, baseUrl: base } = current();
  const asked = watch.requested.filter((u) => u.startsWith(base) && pattern.test(u.slice(base.length)));
  assert.equal(asked.length, 1, `the page asked for ${pattern} ${asked.length} times: ${asked.join(' ')}`);
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

// ── the grid editor (/edit) ─────────────────────────────────────────────────

export type LngLat = [number, number];
export interface GridInfo {
  id: number;
  code: string;
  communityCode: string;
  version: number;
  bbox: [number, number, number, number];
}

function bboxOf(geometry: { type: string; coordinates: unknown }): [number, number, number, number] {
  const points = (JSON.stringify(geometry.coordinates).match(/-?\d+(\.\d+)?,-?\d+(\.\d+)?/g) ?? []).map((p) => p.split(',').map(Number));
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** The active grids of a region, as the API has them. */
export async function theGridsOf(region: string): Promise<GridInfo[]> {
  const grids = await getJson<{ features: { geometry: { type: string; coordinates: unknown }; properties: Omit<GridInfo, 'bbox'> }[] }>(
    `/api/grids?region=${region}`,
  );
  return grids.features.map((f) => ({ ...f.properties, bbox: bboxOf(f.geometry) }));
}

/** A community with grids, whose grid `index` (by code) is then deleted through the API as admin, leaving a hole to draw in. */
export async function givenAGridWasRemoved(community: string, index = 0): Promise<GridInfo> {
  const grid = (await theGridsOf(community))[index];
  const res = await fetch(`${baseUrl()}/api/grids/${grid.id}?version=${grid.version}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${await adminBearer()}` },
  });
  assert.equal(res.status, 200, 'delete the grid');
  return grid;
}

/** The first community of the demo town that has at least `min` grids. */
export async function aCommunityWithGrids(min = 4): Promise<string> {
  const { regions } = await getJson<{ regions: { code: string; level: string; children: unknown[] }[] }>('/api/regions');
  const communities: string[] = [];
  const walk = (rs: { code: string; level: string; children: unknown[] }[]) =>
    rs.forEach((r) => (r.level === 'community' ? communities.push(r.code) : walk(r.children as never)));
  walk(regions);
  for (const code of communities) if ((await theGridsOf(code)).length >= min) return code;
  throw new Error('no community with grids');
}

/** Opens /edit for a region and logs in through the editor's form. */
export async function whenIOpenTheEditorAs(username: string, password: string, region: string): Promise<void> {
  await whenIOpen(`/edit?region=${region}`);
  const { page } = current();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForSelector('[data-testid="edit-map"][data-ready][data-grid-count][data-bounds]');
}

/** Screen position of a point on the editor's map (Web Mercator, from the bounds it reports). */
export async function pixelOf([lng, lat]: LngLat): Promise<{ x: number; y: number }> {
  const { page } = current();
  const map = page.getByTestId('edit-map');
  const [w, s, e, n] = (await map.getAttribute('data-bounds'))!.split(',').map(Number);
  const box = (await map.boundingBox())!;
  const merc = (d: number) => Math.log(Math.tan(Math.PI / 4 + (d * Math.PI) / 360));
  return { x: box.x + ((lng - w) / (e - w)) * box.width, y: box.y + ((merc(n) - merc(lat)) / (merc(n) - merc(s))) * box.height };
}

async function clickAt(point: LngLat, shift = false): Promise<void> {
  const { page } = current();
  const { x, y } = await pixelOf(point);
  if (shift) await page.keyboard.down('Shift');
  await page.mouse.click(x, y);
  if (shift) await page.keyboard.up('Shift');
  await page.waitForTimeout(150);
}

/** Draws a polygon with the draw tool, closing it on its first corner. */
export async function whenIDrawAGrid(corners: LngLat[]): Promise<void> {
  const { page } = current();
  await page.getByTestId('tool-draw').click();
  for (const corner of corners) await clickAt(corner);
  await clickAt(corners[0]);
}

export async function whenISelectTheGridsAt(...points: LngLat[]): Promise<void> {
  const { page } = current();
  const selected = () =>
    page
      .waitForFunction(
        () =>
          ['tool-reshape', 'tool-merge'].some((id) => {
            const button = document.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`);
            return button !== null && !button.disabled;
          }),
        null,
        { timeout: 5_000 },
      )
      .then(
        () => true,
        () => false,
      );
  // On a busy machine the map can take a first click before its drawing layer listens: the
  // selection then never happens, and the user would simply click again.
  for (let attempt = 0; attempt < 2; attempt++) {
    await page.getByTestId('tool-select').click();
    for (const [i, point] of points.entries()) await clickAt(point, i > 0);
    if (await selected()) return;
  }
}

/** With one grid selected: draws a split line through `points` and finishes it with Enter. */
export async function whenISplitAlong(points: LngLat[]): Promise<void> {
  const { page } = current();
  await page.getByTestId('tool-split').click();
  for (const point of points) await clickAt(point);
  await page.keyboard.press('Enter');
}

export async function whenIMergeTheSelection(): Promise<void> {
  await current().page.getByTestId('tool-merge').click();
}

export async function whenIUndo(): Promise<void> {
  await current().page.getByTestId('tool-undo').click();
}

export async function whenIRedo(): Promise<void> {
  await current().page.getByTestId('tool-redo').click();
}

/** Saves the pending edit with a reason; returns the saved message. */
export async function whenISaveTheEdit(reason: string): Promise<string> {
  const { page } = current();
  await page.getByTestId('edit-reason').fill(reason);
  await page.getByTestId('edit-save').click();
  return page.getByTestId('edit-message').innerText();
}

/** The server's check of the pending edit has come back with `status` (valid, invalid). */
export async function thenTheCheckSays(status: 'valid' | 'invalid'): Promise<Record<string, string>> {
  const { page } = current();
  await page.waitForSelector(`[data-testid="check-status"][data-status="${status}"]`);
  const facts: Record<string, string> = {};
  for (const id of ['check-overlap', 'check-gap', 'check-moved', 'check-outside', 'check-norm', 'check-parts', 'check-problems']) {
    const el = page.getByTestId(id);
    if (await el.count()) facts[id] = (await el.innerText()).trim();
  }
  return facts;
}

/** The selected grid's history lists `versions` entries. */
export async function thenTheHistoryLists(versions: number): Promise<void> {
  await current().page.waitForFunction((n) => document.querySelectorAll('[data-testid="history-entry"]').length === n, versions);
}

export async function thenNothingIsPending(): Promise<void> {
  await current().page.getByTestId('edit-none').waitFor();
}

export async function thenTheEditorShowsGrids(expected: number): Promise<void> {
  await current().page.waitForSelector(`[data-testid="edit-map"][data-grid-count="${expected}"]`);
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

/** What the current visit's page reported, for a driver that forgives a refusal it provoked on purpose. */
export function currentWatch(): PageProblems {
  return current().watch;
}
