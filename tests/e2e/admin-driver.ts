// The admin view (/admin) in domain words: users, wall tokens, Open311 keys and the audit log, as
// an admin works them through the page. Same given/when/then style as driver.ts.
import assert from 'node:assert/strict';
import { currentBaseUrl, currentPage, currentWatch } from './driver';
import { whenIForgiveTheExpectedRefusal } from './report-driver';

export type AdminTab = 'users' | 'tokens' | 'clients' | 'audit';

/** A name no earlier run used (the e2e database lives across test files). */
export function aFreshName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}

export async function givenAScreenOf(width: number, height: number): Promise<void> {
  await currentPage().setViewportSize({ width, height });
}

export async function whenIOpenTheAdminTab(tab: AdminTab): Promise<void> {
  const page = currentPage();
  await page.getByTestId(`admin-tab-${tab}`).click();
  await page.locator(`[data-testid="admin-tab-${tab}"][aria-selected="true"]`).waitFor();
}

export async function whenIFollowTheAdminNavEntry(): Promise<void> {
  const page = currentPage();
  await page.getByTestId('nav-admin').click();
  await page.getByTestId('admin-page').waitFor();
}

/** How many admin entries the header's navigation shows (on a phone, inside its menu). */
export async function theAdminNavEntries(): Promise<number> {
  const page = currentPage();
  await page.getByTestId('app-header').waitFor();
  return page.getByTestId('nav-admin').count();
}

export async function thenTheAdminNavEntryIsShown(): Promise<void> {
  await currentPage().getByTestId('nav-admin').waitFor({ state: 'attached' });
}

export async function whenICreateAUser(user: { username: string; password: string; role: string; scope?: string }): Promise<void> {
  const page = currentPage();
  await page.getByTestId('user-username').fill(user.username);
  await page.getByTestId('user-password').fill(user.password);
  await page.getByTestId('user-role').selectOption(user.role);
  await page.getByTestId('user-scope').selectOption(user.scope ?? '');
  await page.getByTestId('user-submit').click();
  await page.locator('[data-testid="user-created"], [data-testid="user-refusal"]').first().waitFor();
}

/** The users' list has this user with this role, scope and state. */
export async function thenTheUserIsListed(username: string, expected: { role: string; scope?: string; disabled?: boolean }): Promise<void> {
  const row = currentPage().locator(`[data-testid="user-row"][data-username="${username}"]`);
  await row.waitFor();
  assert.equal(await row.getByTestId('user-row-role').inputValue(), expected.role, `${username}'s role`);
  if (expected.scope !== undefined) assert.equal(await row.getByTestId('user-row-scope').inputValue(), expected.scope, `${username}'s scope`);
  await currentPage()
    .locator(`[data-testid="user-row"][data-username="${username}"][data-disabled="${expected.disabled ?? false}"]`)
    .waitFor();
}

export async function whenIChangeTheRoleOf(username: string, role: string): Promise<void> {
  const row = currentPage().locator(`[data-testid="user-row"][data-username="${username}"]`);
  await row.getByTestId('user-row-role').selectOption(role);
  await currentPage().getByTestId('user-saved').waitFor();
}

export async function whenIToggleTheAccountOf(username: string): Promise<void> {
  const page = currentPage();
  const row = page.locator(`[data-testid="user-row"][data-username="${username}"]`);
  const was = await row.getAttribute('data-disabled');
  await row.getByTestId('user-row-toggle').click();
  await page.locator(`[data-testid="user-row"][data-username="${username}"][data-disabled="${was === 'true' ? 'false' : 'true'}"]`).waitFor();
}

/** The server refused a write the test provoked (`POST /api/users` 409): not a fault of the page. */
export function whenIForgiveTheRefusal(status: number, method: string, path: string): void {
  assert.equal(whenIForgiveTheExpectedRefusal(currentPage(), status, method, path, currentWatch()) > 0, true, `the ${status} of ${method} ${path} happened`);
}

/** The form shows the server's refusal in the page's language, marked on `field` when it names one. */
export async function thenTheFormRefuses(testid: string, text: RegExp, field?: string): Promise<void> {
  const note = currentPage().getByTestId(testid);
  await note.waitFor();
  assert.match(await note.innerText(), text);
  if (field) assert.equal(await note.getAttribute('data-field'), field);
}

/** Issues a wall token; returns the wall's address the page shows (and encodes in its QR code). */
export async function whenIIssueAWallToken(name: string, region: string): Promise<string> {
  const page = currentPage();
  await page.getByTestId('token-name').fill(name);
  await page.getByTestId('token-region').selectOption(region);
  await page.getByTestId('token-submit').click();
  await page.getByTestId('token-issued').waitFor();
  const url = await page.getByTestId('token-url').innerText();
  assert.equal(await page.getByTestId('wall-qr').getAttribute('data-text'), url, 'the QR code is of the address shown');
  assert.ok((await page.locator('[data-testid="wall-qr"] path').getAttribute('d'))?.length, 'the QR code has modules');
  return url;
}

/** A browser with nobody logged in (the wall's own) opens `url`; returns what it shows. */
export async function whenAnotherScreenOpens(url: string): Promise<'wall' | 'denied'> {
  const context = await currentPage()
    .context()
    .browser()!
    .newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
  try {
    const wall = await context.newPage();
    await wall.goto(url, { waitUntil: 'load' });
    const shown = await Promise.race([
      wall.waitForSelector('[data-testid="wall"][data-ready]').then(() => 'wall' as const),
      wall.waitForSelector('[data-testid="wall-denied"]').then(() => 'denied' as const),
    ]);
    if (shown === 'wall') {
      const region = new URL(url).searchParams.get('region');
      if (region) await wall.waitForSelector(`[data-testid="wall"][data-region="${region}"]`);
    }
    return shown;
  } finally {
    await context.close();
  }
}

/** Revokes the listed row named `name` (token or client) through its two-step button. */
export async function whenIRevoke(kind: 'token' | 'client', name: string): Promise<void> {
  const page = currentPage();
  const row = page.locator(`[data-testid="${kind}-row"][data-name="${name}"]`);
  await row.getByTestId(`${kind}-revoke`).click();
  await row.getByTestId(`${kind}-revoke-confirm`).click();
  await page.locator(`[data-testid="${kind}-row"][data-name="${name}"][data-revoked="true"]`).waitFor();
}

export async function thenTheListShows(kind: 'token' | 'client', name: string, revoked: boolean): Promise<void> {
  await currentPage().locator(`[data-testid="${kind}-row"][data-name="${name}"][data-revoked="${revoked}"]`).waitFor();
}

/** Issues an Open311 client key; returns the key the page shows once. */
export async function whenIIssueAnOpen311Key(name: string): Promise<string> {
  const page = currentPage();
  await page.getByTestId('client-name').fill(name);
  await page.getByTestId('client-submit').click();
  await page.getByTestId('client-issued').waitFor();
  return page.getByTestId('client-key').innerText();
}

/** Whether Open311 takes `apiKey` (a staff read of requests, as a client app makes it). */
export async function open311Accepts(apiKey: string): Promise<boolean> {
  const res = await fetch(`${currentBaseUrl()}/open311/v2/requests.json?api_key=${encodeURIComponent(apiKey)}`);
  await res.body?.cancel();
  return res.status === 200;
}

/** Does `action`, then waits for the audit log's answer to be on the page (the view asks anew). */
async function whenTheAuditLogAnswers(action: () => Promise<void>): Promise<void> {
  const page = currentPage();
  await Promise.all([page.waitForResponse((res) => new URL(res.url()).pathname === '/api/audit'), action()]);
  await page.locator('[data-testid="audit-table"]:not([data-loading])').waitFor();
}

export async function whenIFilterTheAuditLog(filter: { actor?: string; action?: string; from?: string; to?: string }): Promise<void> {
  const page = currentPage();
  await page.getByTestId('audit-actor').fill(filter.actor ?? '');
  await page.getByTestId('audit-action').selectOption(filter.action ?? '');
  await page.getByTestId('audit-from').fill(filter.from ?? '');
  await page.getByTestId('audit-to').fill(filter.to ?? '');
  await whenTheAuditLogAnswers(() => page.getByTestId('audit-apply').click());
}

/** The audit rows on the page: actor, action and table of each. */
export async function theAuditRows(): Promise<{ actor: string; action: string; table: string }[]> {
  return currentPage()
    .getByTestId('audit-row')
    .evaluateAll((rows) =>
      rows.map((r) => ({ actor: r.getAttribute('data-actor') ?? '', action: r.getAttribute('data-action') ?? '', table: r.getAttribute('data-table') ?? '' })),
    );
}

export async function thenTheAuditLogIsEmpty(): Promise<void> {
  await currentPage().getByTestId('audit-table-empty').waitFor();
}

export async function whenIGoToTheNextAuditPage(): Promise<void> {
  const page = currentPage();
  await whenTheAuditLogAnswers(() => page.getByTestId('audit-next').click());
}
