// Domain actions for the command centre's console (/dispatch), by data-testid only. Each takes the
// Playwright page it drives, so a test that runs several pages at once (resident, worker,
// dispatcher) can hand in the dispatcher's.
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';

export const DISPATCHER = { username: 'dispatcher', password: 'wangge-demo' } as const;

type Action = 'accept' | 'reject' | 'dispatch' | 'verify' | 'close' | 'return' | 'escalate' | 'extend' | 'handover';

const detail = (id: number) => `[data-testid="dispatch-detail"][data-id="${id}"]`;

// ── given / when ─────────────────────────────────────────────────────────

/**
 * Opens /dispatch on `base` (with an optional query string), logging in through the form when the
 * page asks; waits until the queue has been loaded and the live stream is connected.
 */
export async function whenIOpenTheDispatchView(
  page: Page,
  base: string,
  user: { username: string; password: string } | null = DISPATCHER,
  query = '',
): Promise<void> {
  await page.goto(`${base.replace(/\/$/, '')}/dispatch${query}`, { waitUntil: 'load' });
  const form = page.getByTestId('login-form');
  await Promise.race([form.waitFor(), page.getByTestId('dispatch-page').waitFor()]);
  if (user && (await form.count())) {
    await page.getByTestId('login-username').fill(user.username);
    await page.getByTestId('login-password').fill(user.password);
    await page.getByTestId('login-submit').click();
  }
  await page.waitForSelector('[data-testid="dispatch-queue"][data-count]:not([data-loading])');
  await thenTheQueueIsLive(page);
}

/** Opens an incident of the queue (a click on its row) and waits for its detail. */
export async function whenIOpenIncident(page: Page, id: number): Promise<void> {
  if (await page.locator(detail(id)).count()) return;
  await page.getByTestId(`queue-row-${id}`).click();
  await page.waitForSelector(detail(id));
}

/** With the keyboard alone: moves the cursor to the row (j/k), opens it (Enter). */
export async function whenIOpenIncidentWithTheKeyboard(page: Page, id: number): Promise<void> {
  const ids = await page
    .locator('[data-testid="dispatch-queue-list"] [data-testid^="queue-row-"]')
    .evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-id'))));
  const target = ids.indexOf(id);
  assert.ok(target >= 0, `incident ${id} is in the queue`);
  const at = async () =>
    ids.indexOf(
      Number(
        await page
          .locator('[data-testid^="queue-row-"][data-cursor]')
          .getAttribute('data-id')
          .catch(() => null),
      ),
    );
  // From no cursor the first move lands on the first row.
  if ((await page.locator('[data-testid^="queue-row-"][data-cursor]').count()) === 0) await page.keyboard.press('j');
  for (let now = await at(); now !== target; now = await at()) await page.keyboard.press(now < target ? 'j' : 'k');
  await page.keyboard.press('Enter');
  await page.waitForSelector(detail(id));
}

async function press(page: Page, id: number, action: Action, viaKey: boolean): Promise<void> {
  await whenIOpenIncident(page, id);
  const button = page.getByTestId(`action-${action}`);
  await button.waitFor();
  if (viaKey) await page.keyboard.press((await button.getAttribute('aria-keyshortcuts'))!.toLowerCase());
  else await button.click();
}

async function afterwards(page: Page, id: number, status: string | null): Promise<void> {
  if (status) await page.waitForSelector(`${detail(id)}[data-status="${status}"]`);
  await page.waitForSelector('[data-testid="dispatch-message"][data-kind="ok"]');
}

async function confirmDialog(page: Page, action: Action, fill: (dialog: ReturnType<Page['getByTestId']>) => Promise<void> = async () => {}): Promise<void> {
  const dialog = page.getByTestId('action-dialog');
  await page.waitForSelector(`[data-testid="action-dialog"][data-action="${action}"]`);
  await fill(dialog);
  await dialog.getByTestId('dialog-confirm').click();
  await dialog.waitFor({ state: 'detached' });
}

/** 立案. */
export async function whenIAccept(page: Page, id: number, viaKey = false): Promise<void> {
  await press(page, id, 'accept', viaKey);
  await afterwards(page, id, 'accepted');
}

/** 不予立案, with the reason the resident is given. */
export async function whenIReject(page: Page, id: number, reason: string): Promise<void> {
  await press(page, id, 'reject', false);
  await confirmDialog(page, 'reject', (d) => d.getByTestId('dialog-note').fill(reason));
  await afterwards(page, id, 'rejected');
}

/**
 * 派遣 to the named worker, or (null) to the first one suggested; returns the name of the worker
 * it went to. `viaKey`: D opens the dialog and Enter sends it, the suggested worker preselected.
 */
export async function whenIDispatchTo(page: Page, id: number, worker: string | null = null, viaKey = false): Promise<string> {
  await press(page, id, 'dispatch', viaKey);
  const dialog = page.getByTestId('action-dialog');
  await page.waitForSelector('[data-testid="action-dialog"][data-action="dispatch"] [data-testid="candidates"]');
  const candidate =
    worker === null ? dialog.locator('[data-testid^="candidate-"][data-suggested]') : dialog.locator(`[data-testid^="candidate-"][data-name="${worker}"]`);
  const name = (await candidate.first().getAttribute('data-name'))!;
  if (viaKey) {
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
  } else {
    await candidate.first().click();
    await dialog.getByTestId('dialog-confirm').click();
    await dialog.waitFor({ state: 'detached' });
  }
  await afterwards(page, id, 'dispatched');
  return name;
}

/** 核查 then 结案 (with an optional closing note the resident sees). */
export async function whenIVerifyAndClose(page: Page, id: number, note = ''): Promise<void> {
  await press(page, id, 'verify', false);
  await afterwards(page, id, 'verified');
  await press(page, id, 'close', false);
  await confirmDialog(page, 'close', (d) => d.getByTestId('dialog-note').fill(note));
  await afterwards(page, id, 'closed');
}

/** 退回 a handled (or verified) task to its worker, with the reason the worker sees. */
export async function whenIReturn(page: Page, id: number, reason: string): Promise<void> {
  await press(page, id, 'return', false);
  await confirmDialog(page, 'return', (d) => d.getByTestId('dialog-note').fill(reason));
  await afterwards(page, id, 'dispatched');
}

export async function whenIEscalate(page: Page, id: number, note = ''): Promise<void> {
  await press(page, id, 'escalate', false);
  await confirmDialog(page, 'escalate', (d) => d.getByTestId('dialog-note').fill(note));
  await afterwards(page, id, null);
}

export async function whenIExtend(page: Page, id: number, hours: number): Promise<void> {
  await press(page, id, 'extend', false);
  await confirmDialog(page, 'extend', (d) => d.getByTestId('dialog-hours').fill(String(hours)));
  await afterwards(page, id, null);
}

/** 移交调解 (disputes): to people, administrative or judicial mediation. */
export async function whenIHandOver(page: Page, id: number, to: 'people' | 'administrative' | 'judicial'): Promise<void> {
  await press(page, id, 'handover', false);
  await confirmDialog(page, 'handover', (d) => d.getByTestId(`dialog-mediation-${to}`).check());
  await afterwards(page, id, null);
}

/** Starts an action and sends its dialog as it is (nothing filled in): for what the dialog refuses. */
export async function whenISendTheDialogEmpty(page: Page, id: number, action: Action): Promise<string> {
  await press(page, id, action, false);
  const dialog = page.getByTestId('action-dialog');
  await dialog.getByTestId('dialog-confirm').click();
  return dialog.getByTestId('dialog-problem').innerText();
}

export async function whenIPressEscape(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
}

// ── then ─────────────────────────────────────────────────────────────────

export async function thenTheQueueIsLive(page: Page, timeoutMs = 10_000): Promise<void> {
  await page.waitForSelector('[data-testid="dispatch-live"][data-state="live"]', { timeout: timeoutMs });
}

/** The queue lists the incident within `withinMs` (from now); returns how long it took. */
export async function thenTheQueueShows(page: Page, id: number, withinMs: number, since = Date.now()): Promise<number> {
  await page.getByTestId(`queue-row-${id}`).waitFor({ timeout: Math.max(1, withinMs - (Date.now() - since)) });
  return Date.now() - since;
}

/**
 * A resident's report (POST /api/reports answers with a tracking code, not the id) appears in the
 * queue within `withinMs`, found by its description; returns its id and how long it took.
 */
export async function thenTheQueueShowsReport(page: Page, description: string, withinMs: number, since = Date.now()): Promise<{ id: number; ms: number }> {
  const row = page
    .locator('[data-testid="dispatch-queue-list"] [data-testid^="queue-row-"]')
    .filter({ has: page.locator('[data-testid^="queue-desc-"]', { hasText: description }) });
  await row.first().waitFor({ timeout: Math.max(1, withinMs - (Date.now() - since)) });
  return { id: Number(await row.first().getAttribute('data-id')), ms: Date.now() - since };
}

/** The row is flagged as new (highlighted until opened). */
export async function thenTheRowIsFlaggedNew(page: Page, id: number, flagged = true): Promise<void> {
  const row = page.getByTestId(`queue-row-${id}`);
  assert.equal(await row.getAttribute('data-new'), flagged ? 'true' : null, `row ${id} ${flagged ? 'is' : 'is not'} flagged new`);
}

export async function thenTheQueueDoesNotShow(page: Page, id: number, timeoutMs = 5_000): Promise<void> {
  await page.getByTestId(`queue-row-${id}`).waitFor({ state: 'detached', timeout: timeoutMs });
}

/** The open incident's status and assignee as the detail shows them, and its row in the queue. */
export async function theIncidentShown(
  page: Page,
  id: number,
): Promise<{ status: string; assignee: string; rowStatus: string | null; rowAssignee: string | null }> {
  const d = page.locator(detail(id));
  await d.waitFor();
  const row = page.getByTestId(`queue-row-${id}`);
  const inQueue = (await row.count()) > 0;
  return {
    status: (await d.getAttribute('data-status'))!,
    assignee: (await d.getByTestId('detail-assignee').getAttribute('data-assignee')) ?? '',
    rowStatus: inQueue ? await row.getAttribute('data-status') : null,
    rowAssignee: inQueue ? await row.getAttribute('data-assignee') : null,
  };
}

/** Waits until the queue row shows the status (and assignee) — the list follows the live stream. */
export async function thenTheRowShows(page: Page, id: number, status: string, assignee?: string, timeoutMs = 5_000): Promise<void> {
  const sel = `[data-testid="queue-row-${id}"][data-status="${status}"]${assignee === undefined ? '' : `[data-assignee="${assignee}"]`}`;
  await page.waitForSelector(sel, { timeout: timeoutMs });
}

/**
 * Nothing of the console reaches past the screen's right edge (a phone): every visible element's
 * box ends inside the window, so no row, chip or button is cut off sideways.
 */
export async function thenNothingReachesPastTheScreen(page: Page): Promise<void> {
  const past = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="dispatch-page"] *')]
      .filter((el) => el.checkVisibility() && el.getBoundingClientRect().width > 0)
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className} (${Math.round(el.getBoundingClientRect().right)} px)`),
  );
  assert.deepEqual(past.slice(0, 5), [], `elements past the ${await page.evaluate(() => window.innerWidth)} px screen`);
}

/** The open incident's detail and its actions are scrolled into the window (not left below the queue). */
export async function thenTheDetailIsOnScreen(page: Page, id: number): Promise<void> {
  await page.waitForFunction(
    (sel) => {
      const box = document.querySelector(sel)?.getBoundingClientRect();
      return box !== undefined && box.top >= -1 && box.top < window.innerHeight / 2;
    },
    detail(id),
    { timeout: 5_000 },
  );
  assert.ok(await page.getByTestId('action-bar').isVisible(), 'the actions are shown');
}

/** The actions the open incident offers, in button order. */
export async function theActionsOffered(page: Page): Promise<string[]> {
  await page.getByTestId('dispatch-detail').waitFor();
  return page
    .locator('[data-testid="action-bar"] [data-testid^="action-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('action-'.length)));
}

/** The message the page shows after an action (ok or error); returns its text. */
export async function thenTheMessageSays(page: Page, kind: 'ok' | 'error', text: RegExp): Promise<string> {
  const message = page.locator(`[data-testid="dispatch-message"][data-kind="${kind}"]`);
  await message.waitFor();
  const said = await message.innerText();
  assert.match(said, text);
  return said;
}

/** The emergency alert note of the open incident (adjacent grids' workers alerted). */
export async function theAlertNote(page: Page): Promise<string | null> {
  const note = page.getByTestId('detail-alert');
  return (await note.count()) ? note.innerText() : null;
}

// ── the API side (as admin, or as a resident) ─────────────────────────────

/** A point inside the demo town (人民社区, 合德镇). */
export const IN_TOWN: [number, number] = [120.2203871, 33.7642007];

async function adminHeaders(base: string): Promise<Record<string, string>> {
  const { adminBearer } = await import('./driver');
  return { authorization: `Bearer ${await adminBearer(base)}`, 'content-type': 'application/json' };
}

/** A resident reports through the public form's API; returns the tracking code. */
export async function whenAResidentReports(base: string, description: string, category = 'environment', at = IN_TOWN): Promise<string> {
  const res = await fetch(`${base}/api/reports`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ category, description, location: { type: 'Point', coordinates: at } }),
  });
  assert.equal(res.status, 201, 'report accepted');
  return ((await res.json()) as { trackingCode: string }).trackingCode;
}

export type Stage = 'reported' | 'accepted' | 'dispatched' | 'handled';

/**
 * An incident reported by the admin and moved through the lifecycle to `stage` over the API
 * (dispatched to its first candidate); returns its id.
 */
export async function givenAnIncident(base: string, stage: Stage, description: string, category = 'traffic', at = IN_TOWN): Promise<number> {
  const headers = await adminHeaders(base);
  const res = await fetch(`${base}/api/incidents`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ category, source: 'patrol', description, location: { type: 'Point', coordinates: at } }),
  });
  assert.equal(res.status, 201, 'incident reported');
  const id = ((await res.json()) as { id: number }).id;
  const steps: Stage[] = ['accepted', 'dispatched', 'handled'];
  for (const step of steps.slice(0, steps.indexOf(stage as never) + 1)) {
    let body: Record<string, unknown> = { action: step === 'accepted' ? 'accept' : step === 'dispatched' ? 'dispatch' : 'handle' };
    if (step === 'dispatched') {
      const c = await fetch(`${base}/api/incidents/${id}/candidates`, { headers });
      assert.equal(c.status, 200, 'candidates');
      const [first] = ((await c.json()) as { candidates: { workerId: number }[] }).candidates;
      assert.ok(first, 'the incident has a candidate worker');
      body = { ...body, assigneeId: first.workerId };
    }
    if (step === 'handled') body = { ...body, note: '已处置（测试）' };
    const patched = await fetch(`${base}/api/incidents/${id}`, { method: 'PATCH', headers, body: JSON.stringify(body) });
    assert.equal(patched.status, 200, `${body.action} ${id}`);
  }
  return id;
}

export interface IncidentFromApi {
  properties: { id: number; status: string; assigneeId: number | null; assigneeName: string | null; timeline: { event: string; note: string | null }[] };
}

/** The incident as the API tells the admin (the ground truth the page is checked against). */
export async function theIncidentViaTheApi(base: string, id: number): Promise<IncidentFromApi> {
  const res = await fetch(`${base}/api/incidents/${id}`, { headers: await adminHeaders(base) });
  assert.equal(res.status, 200, `GET incident ${id}`);
  return (await res.json()) as IncidentFromApi;
}

/** The photos of the open incident, by stage ('report', 'handle'), as thumbnails that loaded. */
export async function thePhotosShown(page: Page): Promise<string[]> {
  await page.getByTestId('dispatch-detail').waitFor();
  const strip = page.getByTestId('detail-photos');
  if ((await strip.count()) === 0) return [];
  await page.waitForFunction(() =>
    [...document.querySelectorAll('[data-testid="detail-photos"] img')].every(
      (i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0,
    ),
  );
  return strip.locator('[data-testid^="detail-photo-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-stage') ?? ''));
}
