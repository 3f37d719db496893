// Domain actions for the residents' view (/report, /report/:code), in given/when/then form. Every
// action takes the Playwright Page it acts on, so a test that made its own phone page (the worker's
// or the dispatcher's tests, reporting as a resident) can drive it too. Pages are touched only
// through data-testid.
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { adminBearer, launchBrowser, watchForProblems, type PageProblems } from './driver';

export type LngLat = [number, number];
export type Rating = 'satisfied' | 'basically_satisfied' | 'dissatisfied';

const TIMEOUT_MS = 30_000;

function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  assert.ok(url, 'E2E_BASE_URL is not set: the e2e global setup starts the server and sets it');
  return url.replace(/\/$/, '');
}

/** The base URL of the server a page is on (its own origin once it has opened anything). */
function baseOf(page: Page): string {
  const url = page.url();
  return url.startsWith('http') ? new URL(url).origin : baseUrl();
}

// ── phones ───────────────────────────────────────────────────────────────────

let browser: Browser | null = null;
const watches = new WeakMap<Page, PageProblems>();

/**
 * A resident's phone (390×844, touch, Chinese) on a browser of this module's own. Everything that
 * goes wrong in it is recorded; `finishThePhoneVisit` fails on it.
 */
export async function givenAResidentsPhone(
  options: { width?: number; height?: number; locale?: string; position?: LngLat; accuracyM?: number } = {},
): Promise<Page> {
  browser ??= await launchBrowser();
  const { width = 390, height = 844, locale = 'zh-CN', position, accuracyM = 12 } = options;
  const phone = width < 600;
  const context = await browser.newContext({
    viewport: { width, height },
    locale,
    hasTouch: phone,
    isMobile: phone,
    deviceScaleFactor: phone ? 2 : 1,
    // The phone's GPS fix (WGS-84), given to the page once it asks.
    ...(position ? { geolocation: { longitude: position[0], latitude: position[1], accuracy: accuracyM }, permissions: ['geolocation'] } : {}),
  });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  watches.set(page, watchForProblems(page));
  return page;
}

/** The problems recorded on a page made here, or on any page whose watch the caller passes in. */
function watchOf(page: Page): PageProblems {
  const watch = watches.get(page);
  assert.ok(watch, 'this page was not made by givenAResidentsPhone(); pass its watch to the function that needs it');
  return watch;
}

/** Fails on anything that went wrong in the page, then closes it. */
export async function finishThePhoneVisit(page: Page): Promise<void> {
  const problems = [...(watches.get(page)?.problems ?? [])];
  await page.context().close();
  assert.deepEqual(problems, [], 'the page reported errors');
}

export async function closeThePhones(): Promise<void> {
  await browser?.close();
  browser = null;
}

// ── given ────────────────────────────────────────────────────────────────────

/** A place inside one of the demo town's grids (the grid's label point), and that grid's name. */
export async function givenAPlaceInsideAGrid(index = 0, base = baseUrl()): Promise<{ at: LngLat; gridName: string }> {
  const res = await fetch(`${base}/api/grids`);
  assert.equal(res.status, 200, 'GET /api/grids');
  const { features } = (await res.json()) as {
    features: { geometry: { type: string; coordinates: number[][][] | number[][][][] }; properties: { name: string; code: string } }[];
  };
  const sorted = [...features].sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  const grid = sorted[index % sorted.length];
  const { labelPoint } = await import('../../client/src/map/grid-geometry');
  return { at: labelPoint(grid.geometry as never) as LngLat, gridName: grid.properties.name };
}

/** A report made straight through the API (as a resident's phone would send it); returns its code. */
export async function givenAReportWasMade(body: { category: string; description: string; at: LngLat }, base = baseUrl()): Promise<string> {
  const res = await fetch(`${base}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ category: body.category, description: body.description, location: { type: 'Point', coordinates: body.at } }),
  });
  assert.equal(res.status, 201, `POST /api/reports: ${await res.clone().text()}`);
  return ((await res.json()) as { trackingCode: string }).trackingCode;
}

async function asAdmin<T>(method: string, path: string, body?: unknown, base = baseUrl()): Promise<{ status: number; body: T }> {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${await adminBearer(base)}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** The incident a resident's report became, found by its description (the newest such), as the admin sees it. */
export async function theIncidentOfTheReport(description: string, base = baseUrl()): Promise<{ id: number; properties: Record<string, unknown> }> {
  const list = await asAdmin<{ features: { id?: number; properties: { id: number; description: string; reportedAt: string } }[] }>(
    'GET',
    `/api/incidents?source=resident&from=${encodeURIComponent(new Date(Date.now() - 6 * 3_600_000).toISOString())}&limit=1000`,
    undefined,
    base,
  );
  assert.equal(list.status, 200, 'GET /api/incidents?source=resident');
  const found = list.body.features
    .filter((f) => f.properties.description === description)
    .sort((a, b) => b.properties.reportedAt.localeCompare(a.properties.reportedAt))[0];
  assert.ok(found, `an incident with the description "${description}"`);
  const detail = await asAdmin<{ properties: Record<string, unknown> }>('GET', `/api/incidents/${found.properties.id}`, undefined, base);
  assert.equal(detail.status, 200, `GET /api/incidents/${found.properties.id}`);
  return { id: found.properties.id, properties: detail.body.properties };
}

/** The command centre takes the report through 立案 → 派遣 → 处置 → 核查 → 结案 (as admin). */
export async function givenTheReportWasClosed(description: string, closingWords = '已修复，感谢您的反映', base = baseUrl()): Promise<void> {
  const { id } = await theIncidentOfTheReport(description, base);
  const step = async (body: Record<string, unknown>) => {
    const res = await asAdmin<unknown>('PATCH', `/api/incidents/${id}`, body, base);
    assert.equal(res.status, 200, `PATCH /api/incidents/${id} ${JSON.stringify(body)}: ${JSON.stringify(res.body)}`);
  };
  await step({ action: 'accept' });
  const candidates = await asAdmin<{ candidates: { workerId: number }[] }>('GET', `/api/incidents/${id}/candidates`, undefined, base);
  assert.equal(candidates.status, 200, `GET /api/incidents/${id}/candidates`);
  assert.ok(candidates.body.candidates.length > 0, 'a grid worker to dispatch to');
  await step({ action: 'dispatch', assigneeId: candidates.body.candidates[0].workerId });
  await step({ action: 'handle', note: '已到现场处理' });
  await step({ action: 'verify' });
  await step({ action: 'close', note: closingWords });
}

// ── when ─────────────────────────────────────────────────────────────────────

export async function whenIOpenTheReportPage(page: Page, base = baseOf(page)): Promise<void> {
  await page.goto(`${base}/report`, { waitUntil: 'load' });
  await page.getByTestId('report-form').waitFor();
}

/** Screen position of a place on the report map (Web Mercator, from the bounds the map reports). */
async function pixelOnTheMap(page: Page, [lng, lat]: LngLat): Promise<{ x: number; y: number }> {
  const map = page.getByTestId('report-map');
  await map.scrollIntoViewIfNeeded();
  const [w, s, e, n] = (await map.getAttribute('data-bounds'))!.split(',').map(Number);
  const box = (await map.boundingBox())!;
  const merc = (d: number) => Math.log(Math.tan(Math.PI / 4 + (d * Math.PI) / 360));
  const x = box.x + ((lng - w) / (e - w)) * box.width;
  const y = box.y + ((merc(n) - merc(lat)) / (merc(n) - merc(s))) * box.height;
  assert.ok(x > box.x && x < box.x + box.width && y > box.y && y < box.y + box.height, `[${lng}, ${lat}] is on the visible map`);
  return { x, y };
}

/** Presses 使用我的位置 and waits until the device's position is the chosen place. */
export async function whenIUseMyPosition(page: Page): Promise<void> {
  await page.getByTestId('report-locate').click();
  await page.waitForSelector('[data-testid="report-location-chosen"][data-lng]');
}

/** The chosen place as the page holds it, and what it says about it. */
export async function theChosenPlace(page: Page): Promise<{ at: LngLat; marker: string | null; text: string }> {
  const chosen = page.getByTestId('report-location-chosen');
  return {
    at: [Number(await chosen.getAttribute('data-lng')), Number(await chosen.getAttribute('data-lat'))],
    marker: await page.getByTestId('report-map').getAttribute('data-marker'),
    text: (await chosen.innerText()).trim(),
  };
}

/** Taps the map where `at` is; the marker then stands there. */
export async function whenITapTheMapAt(page: Page, at: LngLat): Promise<void> {
  await page.waitForSelector('[data-testid="report-map"][data-ready][data-grid-count][data-bounds]');
  const { x, y } = await pixelOnTheMap(page, at);
  const touch = await page.evaluate(() => navigator.maxTouchPoints > 0);
  if (touch) await page.touchscreen.tap(x, y);
  else await page.mouse.click(x, y);
  await page.waitForSelector('[data-testid="report-location-chosen"][data-lng]');
}

export interface ReportInput {
  /** One of the eight categories (`facility`, `traffic`, …). */
  category: string;
  description: string;
  /** Where to tap on the map; without it, the device's position is used. */
  tapAt?: LngLat;
  /** Image files to attach (each is scaled down by the page). */
  photoPaths?: string[];
  photoPath?: string;
  phone?: string;
  /** The honeypot: only a program fills it. */
  website?: string;
}

/** Fills the form as a resident would (nothing is sent). */
export async function whenIFillInTheReport(page: Page, input: ReportInput): Promise<void> {
  await page.getByTestId(`report-category-${input.category}`).check({ force: true });
  await page.getByTestId('report-description').fill(input.description);
  if (input.tapAt) await whenITapTheMapAt(page, input.tapAt);
  else await whenIUseMyPosition(page);
  const photos = [...(input.photoPaths ?? []), ...(input.photoPath ? [input.photoPath] : [])];
  for (const path of photos) {
    const before = Number(await page.getByTestId('report-photos').getAttribute('data-count'));
    await page.getByTestId('report-photo-input').setInputFiles(path);
    await page.waitForSelector(`[data-testid="report-photos"][data-count="${before + 1}"]`);
  }
  if (input.phone !== undefined) await page.getByTestId('report-phone').fill(input.phone);
  if (input.website !== undefined) await page.getByTestId('report-website').fill(input.website, { force: true });
}

export type SendOutcome = { code: string } | { refusal: string; key: string } | { problems: Record<string, string> };

/** Presses 提交上报 and waits for what comes of it: a tracking code, a refusal, or marked fields. */
export async function whenISendTheReport(page: Page): Promise<SendOutcome> {
  await page.getByTestId('report-submit').click();
  const done = page.getByTestId('report-tracking-code');
  const refusal = page.getByTestId('report-refusal');
  const fix = page.getByTestId('report-fix-below');
  await done.or(refusal).or(fix).first().waitFor();
  if (await done.count()) return { code: (await done.innerText()).trim() };
  if (await refusal.count())
    return { refusal: (await refusal.getByTestId('report-refusal-message').innerText()).trim(), key: (await refusal.getAttribute('data-key')) ?? '' };
  const problems: Record<string, string> = {};
  for (const field of ['category', 'description', 'location', 'photos', 'phone']) {
    const el = page.getByTestId(`report-problem-${field}`);
    if (await el.count()) problems[field] = (await el.innerText()).trim();
  }
  return { problems };
}

/** Reports a problem from the page's form; returns the tracking code it shows. */
export async function whenIReportAProblem(page: Page, input: ReportInput): Promise<string> {
  if (!(await page.getByTestId('report-form').count())) await whenIOpenTheReportPage(page);
  await whenIFillInTheReport(page, input);
  const outcome = await whenISendTheReport(page);
  assert.ok('code' in outcome, `the report was sent: ${JSON.stringify(outcome)}`);
  return outcome.code;
}

export async function whenIOpenMyReport(page: Page, code: string, base = baseOf(page)): Promise<void> {
  await page.goto(`${base}/report/${code}`, { waitUntil: 'load' });
  await page.getByTestId('report-status').or(page.getByTestId('report-status-refusal')).or(page.getByTestId('report-status-badcode')).first().waitFor();
}

/** On the status page of `code` (opened when not there yet): picks a rating, writes words, sends. */
export async function whenIRateTheHandling(page: Page, code: string, rating: Rating, words = ''): Promise<void> {
  if (!(await page.getByTestId('report-status-code').count()) || !(await page.getByTestId('report-status-code').innerText()).includes(code)) {
    await whenIOpenMyReport(page, code);
  }
  await page.getByTestId(`report-rating-${rating}`).check({ force: true });
  if (words) await page.getByTestId('report-rating-comment').fill(words);
  await page.getByTestId('report-rating-submit').click();
  await page.waitForSelector(`[data-testid="report-rating-given"][data-rating="${rating}"]`);
}

/**
 * The page was refused on purpose (a test of the refusal): forgets the one answer with `status` to
 * `method path` and the console line the browser logs for it, nothing else. Returns how many.
 */
export function whenIForgiveTheExpectedRefusal(page: Page, status: number, method: string, path: string, watch = watchOf(page)): number {
  const base = baseOf(page);
  const expected = (p: string) =>
    p === `HTTP ${status}: ${method} ${base}${path}` ||
    (p.startsWith(`console error: Failed to load resource: the server responded with a status of ${status} `) && p.endsWith(`(${base}${path})`));
  const kept = watch.problems.filter((p) => !expected(p));
  const forgiven = watch.problems.length - kept.length;
  watch.problems.splice(0, watch.problems.length, ...kept);
  return forgiven;
}

// ── then ─────────────────────────────────────────────────────────────────────

/** The status page of `code` (opened when needed) shows `statusLabel` (已上报, 已结案, …). */
export async function thenMyReportShowsStatus(page: Page, code: string, statusLabel: string): Promise<void> {
  if (!(await page.getByTestId('report-status-code').count()) || !(await page.getByTestId('report-status-code').innerText()).includes(code)) {
    await whenIOpenMyReport(page, code);
  }
  assert.equal((await page.getByTestId('report-status').innerText()).trim(), statusLabel);
}

/** The timeline's events, newest first (`report`, `accept`, …). */
export async function theTimelineEvents(page: Page): Promise<string[]> {
  const entries = page.getByTestId('report-timeline-entry');
  return Promise.all((await entries.all()).map(async (e) => (await e.getAttribute('data-event')) ?? ''));
}

/** The tracking codes listed under 我的上报 on /report, newest first. */
export async function theCodesUnderMyReports(page: Page): Promise<string[]> {
  const links = page.getByTestId('my-reports').locator('[data-testid^="my-report-"]');
  return Promise.all((await links.all()).map(async (l) => ((await l.getAttribute('data-testid')) ?? '').replace(/^my-report-/, '')));
}

/** What the honeypot field is to people: unseen, unreachable by Tab, hidden from screen readers. */
export async function theHoneypotField(page: Page): Promise<{ ariaHidden: string | null; tabIndex: number; autocomplete: string | null; onScreen: boolean }> {
  const input = page.getByTestId('report-website');
  const box = await input.boundingBox();
  return {
    ariaHidden: await input.evaluate((el) => el.closest('[aria-hidden]')?.getAttribute('aria-hidden') ?? null),
    tabIndex: await input.evaluate((el) => (el as HTMLInputElement).tabIndex),
    autocomplete: await input.getAttribute('autocomplete'),
    onScreen: box !== null && box.x + box.width > 0 && box.y + box.height > 0 && box.width > 1 && box.height > 1,
  };
}

/** The page is no wider than the screen: nothing to scroll sideways. */
export async function thenNothingScrollsSideways(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(scroll <= client, `the page is ${scroll} px wide on a ${client} px screen`);
}

/** Every control a resident touches is at least `min` px high and wide (big touch targets). */
export async function theSmallTouchTargets(page: Page, min = 44): Promise<string[]> {
  return page.evaluate((m) => {
    const small: string[] = [];
    const targets = document.querySelectorAll<HTMLElement>(
      'button, a[href], .report-category, .report-rating, .report-photo-add, input.report-input, textarea',
    );
    for (const el of targets) {
      if (el.closest('.report-honeypot') || el.closest('.maplibregl-ctrl-attrib')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.height < m || r.width < m)
        small.push(`${el.tagName.toLowerCase()}[data-testid=${el.dataset.testid ?? ''}] ${el.className} ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return small;
  }, min);
}

export async function whenISaveAPhoneScreenshot(page: Page, path: string, fullPage = false): Promise<void> {
  await page.waitForTimeout(1_500); // SwiftShader presents frames slowly
  await page.screenshot({ path, fullPage, timeout: 60_000 });
}
