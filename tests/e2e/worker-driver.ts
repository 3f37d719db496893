// Domain actions for the grid worker's phone view (/worker), given/when/then, selecting only by
// data-testid. Every action takes the Playwright Page it acts on, so a test can drive several
// phones (and a dispatcher's desktop) at once; the page's context must have been made with
// geolocation granted (see givenAWorkerPhone), and going offline is context.setOffline.
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { watchForProblems, type PageProblems } from './driver';

export const DEMO_PASSWORD = 'wangge-demo';
export const PHONE = { width: 390, height: 844 } as const;
const TIMEOUT_MS = 30_000;

export interface WorkerPhone {
  context: BrowserContext;
  page: Page;
  watch: PageProblems;
}

// ── given ────────────────────────────────────────────────────────────────────

/** A 390×844 phone, Chinese, that shares its position (`at`, [lng, lat]) with the page. */
export async function givenAWorkerPhone(browser: Browser, at: [number, number]): Promise<WorkerPhone> {
  const context = await browser.newContext({
    viewport: PHONE,
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    geolocation: { longitude: at[0], latitude: at[1], accuracy: 8 },
    permissions: ['geolocation'],
  });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  return { context, page, watch: watchForProblems(page) };
}

/** A worker's bearer token, for reading what the worker's API says (the test's ground truth). */
export async function aWorkerToken(base: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  assert.equal(res.status, 200, `${username} logs in`);
  return ((await res.json()) as { token: string }).token;
}

async function asWorker<T>(base: string, token: string, path: string): Promise<T> {
  const res = await fetch(base + path, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200, `GET ${path}`);
  return (await res.json()) as T;
}

/** A place surely inside the worker's grids: the position of one of their households. */
export async function aPlaceInMyGrids(base: string, token: string): Promise<[number, number]> {
  const { households } = await asWorker<{ households: { lng: number; lat: number }[] }>(base, token, '/api/worker/households');
  assert.ok(households.length > 0, 'the worker has households');
  const h = households[Math.floor(households.length / 2)];
  return [h.lng, h.lat];
}

/** The ids of the worker's tasks, as their API lists them. */
export async function theTasksOf(base: string, token: string): Promise<{ id: number; status: string; acknowledgedAt: string | null }[]> {
  const { tasks } = await asWorker<{ tasks: { properties: { id: number; status: string; acknowledgedAt: string | null } }[] }>(
    base,
    token,
    '/api/worker/tasks',
  );
  return tasks.map((t) => ({ id: t.properties.id, status: t.properties.status, acknowledgedAt: t.properties.acknowledgedAt }));
}

// ── when ─────────────────────────────────────────────────────────────────────

/** Opens /worker and logs in through the form; waits until the page shows the worker's grids. */
export async function whenIOpenTheWorkerViewAs(page: Page, base: string, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto(`${base.replace(/\/$/, '')}/worker`, { waitUntil: 'load' });
  await page.getByTestId('login-form').waitFor();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('worker-page').waitFor();
}

export async function whenIOpenTheTab(page: Page, tab: 'tasks' | 'report' | 'patrol' | 'visit'): Promise<void> {
  await page.getByTestId(`worker-tab-${tab}`).click();
  await page.getByTestId(`worker-tab-${tab}-panel`).waitFor();
}

/** 签收. */
export async function whenIAcknowledgeTask(page: Page, id: number): Promise<void> {
  await whenIOpenTheTab(page, 'tasks');
  await page.getByTestId(`task-ack-${id}`).click();
  await page.locator(`[data-testid="task-${id}"][data-stage="accepted"]`).waitFor();
}

/** 处置 with a note and, optionally, a photo file from disk; it goes to 核查. */
export async function whenIHandleTask(page: Page, id: number, note: string, photoPath?: string): Promise<void> {
  await whenIOpenTheTab(page, 'tasks');
  await page.getByTestId(`task-handle-${id}`).click();
  const form = page.getByTestId(`handle-form-${id}`);
  await form.getByTestId('handle-note').fill(note);
  if (photoPath) {
    await form.getByTestId('handle-photos-input').setInputFiles(photoPath);
    await form.locator('[data-testid="handle-photos"][data-count="1"]').waitFor();
  }
  await form.getByTestId('handle-submit').click();
  await page.locator(`[data-testid="task-${id}"][data-stage="handled"]`).waitFor();
}

/** Reports a problem found on patrol, in the three taps a worker makes (tab, category, 上报), at the phone's position. */
export async function whenIReportOnPatrol(page: Page, category: string, description?: string): Promise<void> {
  await whenIOpenTheTab(page, 'report');
  await page.getByTestId(`report-category-${category}`).click();
  if (description !== undefined) await page.getByTestId('report-description').fill(description);
  await page.locator('[data-testid="report-position"][data-state="ok"]').waitFor();
  await page.getByTestId('report-submit').click();
  await page.getByTestId('report-done').waitFor();
}

export async function whenIStartAPatrol(page: Page): Promise<void> {
  await whenIOpenTheTab(page, 'patrol');
  await page.getByTestId('patrol-start').click();
  await page.locator('[data-testid="patrol-panel"][data-recording="true"]').waitFor();
}

/** Moves the phone (the page's watchPosition follows). */
export async function whenIWalkTo(page: Page, at: [number, number]): Promise<void> {
  await page.context().setGeolocation({ longitude: at[0], latitude: at[1], accuracy: 8 });
}

/** Ends the patrol; returns what the page says about it. */
export async function whenIStopThePatrol(page: Page): Promise<string> {
  await whenIOpenTheTab(page, 'patrol');
  await page.getByTestId('patrol-stop').click();
  await page.locator('[data-testid="patrol-panel"][data-recording="false"]').waitFor();
  return page.getByTestId('patrol-message').innerText();
}

/** Logs a visit (走访) to the first household whose address matches `query`; returns its address. */
export async function whenIVisitAHousehold(page: Page, query: string, note: string): Promise<string> {
  await whenIOpenTheTab(page, 'visit');
  await page.getByTestId('household-search').fill(query);
  await page.locator('[data-testid="household-list"] [data-testid^="household-"]').first().click();
  const address = await page.getByTestId('visit-household').innerText();
  await page.getByTestId('visit-note').fill(note);
  await page.getByTestId('visit-submit').click();
  await page.getByTestId('visit-done').waitFor();
  return address;
}

export async function whenIGoOffline(page: Page): Promise<void> {
  await page.context().setOffline(true);
  await page.locator('[data-testid="worker-page"][data-online="false"]').waitFor();
}

export async function whenIGoOnline(page: Page): Promise<void> {
  await page.context().setOffline(false);
  await page.locator('[data-testid="worker-page"][data-online="true"]').waitFor();
}

export async function whenIReloadThePhone(page: Page): Promise<void> {
  await page.reload({ waitUntil: 'load' });
  await page.getByTestId('worker-page').waitFor();
}

/** Opens the waiting list (待发送) and returns each entry's kind and status text. */
export async function whenIOpenTheOutbox(page: Page): Promise<{ kind: string; state: string; status: string }[]> {
  await page.getByTestId('outbox-badge').click();
  await page.getByTestId('outbox-panel').waitFor();
  const entries = page.getByTestId('outbox-entry');
  const out: { kind: string; state: string; status: string }[] = [];
  for (let i = 0; i < (await entries.count()); i++) {
    const entry = entries.nth(i);
    out.push({
      kind: (await entry.getAttribute('data-kind')) ?? '',
      state: (await entry.getAttribute('data-state')) ?? '',
      status: await entry.getByTestId('outbox-entry-status').innerText(),
    });
  }
  return out;
}

export async function whenICloseTheOutbox(page: Page): Promise<void> {
  await page.getByTestId('outbox-close').click();
}

/**
 * Forgets the failed requests that being offline on purpose causes (the browser refuses them with
 * ERR_INTERNET_DISCONNECTED, and may log that) — nothing else. Returns how many there were.
 */
export function whenIForgiveTheOfflineFailures(watch: PageProblems): number {
  const offline = /ERR_INTERNET_DISCONNECTED/;
  const kept = watch.problems.filter((p) => !offline.test(p));
  const forgiven = watch.problems.length - kept.length;
  watch.problems.splice(0, watch.problems.length, ...kept);
  return forgiven;
}

// ── then ─────────────────────────────────────────────────────────────────────

/** The map has drawn `n` grids (or at least one when n is omitted). */
export async function thenMyGridsAreShown(page: Page, n?: number): Promise<number> {
  await page.waitForSelector('[data-testid="worker-map"][data-grid-count]', { timeout: TIMEOUT_MS });
  const count = Number(await page.getByTestId('worker-map').getAttribute('data-grid-count'));
  if (n === undefined) assert.ok(count > 0, 'the map shows my grids');
  else assert.equal(count, n, 'grids on the map');
  return count;
}

/** The map shows where the phone is. */
export async function thenMyPositionIsShown(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="worker-map"][data-position]', { timeout: TIMEOUT_MS });
}

export async function thenMyTasksInclude(page: Page, id: number): Promise<void> {
  await page.getByTestId(`task-${id}`).waitFor();
}

/** The ids of the task cards in the order shown. */
export async function theTasksShown(page: Page): Promise<number[]> {
  await page.locator('[data-testid="task-list"], [data-testid="tasks-empty"]').first().waitFor();
  const ids = await page
    .locator('[data-testid="task-list"] > li')
    .evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-testid')!.slice('task-'.length))));
  return ids;
}

/** The task's stage (new, accepted, handled, verified) and whether it is only so on the phone (pending). */
export async function thenTheTaskIs(page: Page, id: number, stage: string, pending: boolean): Promise<string> {
  const selector = `[data-testid="task-${id}"][data-stage="${stage}"]${pending ? '[data-pending]' : ':not([data-pending])'}`;
  await page.waitForSelector(selector, { timeout: TIMEOUT_MS });
  return page.getByTestId(`task-stage-${id}`).innerText();
}

export async function thenTheReturnReasonIs(page: Page, id: number, reason: string): Promise<void> {
  const text = await page.getByTestId(`task-return-reason-${id}`).innerText();
  assert.ok(text.includes(reason), `the return reason is shown (${text})`);
}

/** The waiting badge counts `n` writes still to send ("待发送 N"); returns its text. */
export async function thenTheOutboxHolds(page: Page, n: number, timeoutMs = TIMEOUT_MS): Promise<string> {
  await page.waitForSelector(`[data-testid="outbox-badge"][data-count="${n}"]`, { timeout: timeoutMs });
  return page.getByTestId('outbox-badge').innerText();
}

/** Nothing is refused in the outbox. */
export async function thenNothingWasRefused(page: Page): Promise<void> {
  assert.equal(await page.getByTestId('outbox-badge').getAttribute('data-refused'), '0', 'no write was refused');
}

/** The page has no horizontal scroll at phone width. */
export async function thenNothingScrollsSideways(page: Page): Promise<void> {
  const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  assert.ok(scroll <= client, `no horizontal scroll (${scroll} > ${client})`);
}

/** Every visible button and chip the worker taps is at least 44 px high. */
export async function thenEveryButtonIsBigEnough(page: Page): Promise<void> {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="worker-page"] button, [data-testid="worker-page"] label[for]')]
      .filter((el) => el.offsetParent !== null)
      .map((el) => ({ text: el.innerText.trim() || el.getAttribute('aria-label') || el.className, h: el.getBoundingClientRect().height }))
      .filter((b) => b.h < 44),
  );
  assert.deepEqual(small, [], 'touch targets under 44 px');
}
