// Logging in and out, display tokens and their revocation: domain actions beyond driver.ts, on the
// same browser session. Same given/when/then style.
import assert from 'node:assert/strict';
import { adminBearer, currentBaseUrl, currentPage } from './driver';

export const ADMIN_PASSWORD = process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password';
const SESSION_COOKIE = 'wangge_session';

/** The browser holds an admin's session cookie, as if logged in earlier (no form, no page yet). */
export async function givenIAmLoggedInAsAdmin(): Promise<void> {
  const base = currentBaseUrl();
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  assert.equal(res.status, 200, 'admin login');
  const { token } = (await res.json()) as { token: string };
  await currentPage()
    .context()
    .addCookies([{ name: SESSION_COOKIE, value: token, url: base, httpOnly: true, sameSite: 'Strict' }]);
}

/** An admin issues a display token; its id is what revokes it. */
export async function givenADisplayTokenToRevoke(name = '待吊销的大屏'): Promise<{ id: number; token: string }> {
  const res = await fetch(`${currentBaseUrl()}/api/display-tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await adminBearer(currentBaseUrl())}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  assert.equal(res.status, 201, 'display token issued');
  const { id, token } = (await res.json()) as { id: number; token: string };
  return { id, token };
}

export async function whenTheDisplayTokenIsRevoked(id: number): Promise<void> {
  const res = await fetch(`${currentBaseUrl()}/api/display-tokens/${id}`, {
    method: 'DELETE',
    headers: { authorization: `Bearer ${await adminBearer(currentBaseUrl())}` },
  });
  assert.equal(res.status, 204, 'display token revoked');
}

/** Opens a path and waits for the page to load, whatever it then shows. */
export async function whenIGoTo(path: string): Promise<void> {
  const page = currentPage();
  if (page.url() !== 'about:blank') await page.waitForLoadState('networkidle');
  await page.goto(currentBaseUrl() + path, { waitUntil: 'load' });
}

/** Logs in through the login form on the page. */
export async function whenILogInAs(username: string, password: string): Promise<void> {
  const page = currentPage();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-form').waitFor({ state: 'detached' });
}

export async function whenILogOut(): Promise<void> {
  await currentPage().getByTestId('logout').click();
}

/** The browser's session ends on the server (expired, or logged out on another tab): the cookie stays, stale. */
export async function whenMySessionEndsOnTheServer(): Promise<void> {
  const cookie = (await currentPage().context().cookies()).find((c) => c.name === SESSION_COOKIE);
  assert.ok(cookie, 'the browser has a session cookie');
  const res = await fetch(`${currentBaseUrl()}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${cookie.value}` } });
  assert.equal(res.status, 204, 'session ended');
}

/** The login form is what the page shows (and the view it guards is not); `expired` when it says the session ended. */
export async function thenTheLoginFormIsShown(expired = false, timeoutMs = 10_000): Promise<void> {
  const page = currentPage();
  await page.getByTestId('login-form').waitFor({ timeout: timeoutMs });
  assert.equal(
    await page.getByTestId('login-expired').count(),
    expired ? 1 : 0,
    expired ? 'the form says the session expired' : 'the form says nothing expired',
  );
  for (const view of ['view-analyze', 'edit-page', 'wall']) assert.equal(await page.getByTestId(view).count(), 0, `${view} is not shown`);
}

/** The header names the logged-in user, or (null) shows no session at all. */
export async function thenTheHeaderShowsUser(text: string | null): Promise<void> {
  const page = currentPage();
  if (text === null) {
    await page.getByTestId('session-menu').waitFor({ state: 'detached' });
    return;
  }
  assert.equal(await page.getByTestId('session-user').innerText(), text);
}

/** The wall shows that its token is no good, and none of its data. */
export async function thenTheWallSaysItsTokenIsRevoked(timeoutMs = 10_000): Promise<void> {
  const page = currentPage();
  await page.getByTestId('wall-denied').waitFor({ timeout: timeoutMs });
  assert.match(await page.getByTestId('wall-denied').innerText(), /令牌无效或已被吊销/);
  assert.equal(await page.getByTestId('wall').count(), 0, 'no wall data left on screen');
}

/** The page's address, path and query, as the user sees it. */
export function theAddress(): string {
  const url = new URL(currentPage().url());
  return url.pathname + url.search;
}

/** An admin creates a user of `role` (a fresh name each time); returns username and password. */
export async function givenAUser(role: 'analyst' | 'supervisor' | 'display'): Promise<{ username: string; password: string }> {
  const username = `${role}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const password = `${role}-e2e-password`;
  const res = await fetch(`${currentBaseUrl()}/api/users`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await adminBearer(currentBaseUrl())}`, 'content-type': 'application/json' },
    body: JSON.stringify({ username, password, role }),
  });
  assert.equal(res.status, 201, `${role} created`);
  return { username, password };
}

/** The page says this account may not open it, naming its role and the roles it needs. */
export async function thenIAmToldThisAccountMayNot(expected: RegExp): Promise<void> {
  const page = currentPage();
  await page.getByTestId('access-forbidden').waitFor();
  assert.match(await page.getByTestId('access-forbidden').innerText(), expected);
  for (const view of ['view-analyze', 'edit-page', 'wall']) assert.equal(await page.getByTestId(view).count(), 0, `${view} is not shown`);
}

export async function whenISwitchAccount(): Promise<void> {
  await currentPage().getByTestId('switch-account').click();
}

/** Saves what the page shows now (no map to wait for), once fonts are in. */
export async function whenISaveAScreenshotOfThePage(path: string): Promise<void> {
  const page = currentPage();
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.screenshot({ path });
}

/** How many login forms the page shows. */
export async function theLoginForms(): Promise<number> {
  return currentPage().getByTestId('login-form').count();
}
