// The admin view (/admin, issue 17 item 11): what was API-only — users, wall tokens with their
// address and QR code, Open311 client keys, the audit log — as an admin does it in the browser.
import assert from 'node:assert/strict';
import { afterAll, afterEach, beforeEach, describe, it } from 'vitest';
import {
  aFreshName,
  givenAScreenOf,
  open311Accepts,
  theAdminNavEntries,
  theAuditRows,
  thenTheAuditLogIsEmpty,
  thenTheFormRefuses,
  thenTheListShows,
  thenTheUserIsListed,
  whenAnotherScreenOpens,
  whenIChangeTheRoleOf,
  whenICreateAUser,
  whenIFilterTheAuditLog,
  whenIFollowTheAdminNavEntry,
  whenIForgiveTheRefusal,
  whenIIssueAnOpen311Key,
  whenIIssueAWallToken,
  whenIOpenTheAdminTab,
  whenIRevoke,
  whenIToggleTheAccountOf,
} from './admin-driver';
import { givenIAmLoggedInAsAdmin, thenIAmToldThisAccountMayNot, whenILogInAs, whenISaveAScreenshotOfThePage } from './auth-driver';
import { closeTheBrowser, finishTheVisit, givenTheAppIsRunning, whenIOpen } from './driver';
import { DEMO_PASSWORD } from './worker-driver';

const docs = (name: string) => new URL(`../../docs/${name}`, import.meta.url).pathname;
const SUPERVISED = '320924001';

describe('the admin view (/admin)', () => {
  beforeEach(givenTheAppIsRunning);
  afterEach(finishTheVisit);
  afterAll(closeTheBrowser);

  it('lets an admin create a user, refusing a taken name and a weak password in Chinese, then change the role and disable the account', async () => {
    await givenIAmLoggedInAsAdmin();
    await whenIOpen('/');
    await whenIFollowTheAdminNavEntry();
    const username = aFreshName('li');
    await whenICreateAUser({ username, password: 'short', role: 'supervisor', scope: SUPERVISED });
    await thenTheFormRefuses('user-refusal', /密码至少需要 10 个字符/, 'password');
    whenIForgiveTheRefusal(400, 'POST', '/api/users');
    await whenICreateAUser({ username, password: 'long-enough-1', role: 'supervisor', scope: SUPERVISED });
    await thenTheUserIsListed(username, { role: 'supervisor', scope: SUPERVISED });
    await whenICreateAUser({ username, password: 'long-enough-2', role: 'analyst' });
    await thenTheFormRefuses('user-refusal', /该用户名已被使用/, 'username');
    whenIForgiveTheRefusal(409, 'POST', '/api/users');
    await whenIChangeTheRoleOf(username, 'analyst');
    await thenTheUserIsListed(username, { role: 'analyst' });
    await whenIToggleTheAccountOf(username);
    await thenTheUserIsListed(username, { role: 'analyst', disabled: true });
    await givenAScreenOf(1920, 1080);
    await whenISaveAScreenshotOfThePage(docs('screenshot-admin-users.png'));
  });

  it('issues a wall token whose address and QR code open the wall, and revoking it shuts that wall out', async () => {
    await givenIAmLoggedInAsAdmin();
    await whenIOpen('/admin');
    await whenIOpenTheAdminTab('tokens');
    const name = aFreshName('合德镇大屏');
    const url = await whenIIssueAWallToken(name, SUPERVISED);
    assert.match(url, new RegExp(`/wall\\?token=wgd_[A-Za-z0-9_-]+&region=${SUPERVISED}$`));
    await thenTheListShows('token', name, false);
    await givenAScreenOf(1920, 1080);
    await whenISaveAScreenshotOfThePage(docs('screenshot-admin-1920.png'));
    await givenAScreenOf(390, 844);
    await whenISaveAScreenshotOfThePage(docs('screenshot-admin-390.png'));
    await givenAScreenOf(1600, 900);
    assert.equal(await whenAnotherScreenOpens(url), 'wall');
    await whenIRevoke('token', name);
    assert.equal(await whenAnotherScreenOpens(url), 'denied');
  });

  it('issues an Open311 client key shown once, which Open311 takes until it is revoked', async () => {
    await givenIAmLoggedInAsAdmin();
    await whenIOpen('/admin');
    await whenIOpenTheAdminTab('clients');
    const name = aFreshName('市民App');
    const key = await whenIIssueAnOpen311Key(name);
    assert.equal(await open311Accepts(key), true);
    await whenIRevoke('client', name);
    assert.equal(await open311Accepts(key), false);
  });

  it('filters the audit log by actor, action and time range', async () => {
    await givenIAmLoggedInAsAdmin();
    await whenIOpen('/admin');
    await whenICreateAUser({ username: aFreshName('wang'), password: 'long-enough-1', role: 'analyst' });
    await whenIOpenTheAdminTab('audit');
    await whenIFilterTheAuditLog({ actor: 'admin', action: 'insert' });
    const rows = await theAuditRows();
    assert.ok(rows.length > 0, 'the admin inserted rows');
    assert.deepEqual([...new Set(rows.map((r) => `${r.actor} ${r.action}`))], ['admin insert']);
    assert.ok(
      rows.some((r) => r.table === 'users'),
      'the user just created is there',
    );
    await whenIFilterTheAuditLog({ actor: 'admin', action: 'insert', from: '2099-01-01T00:00' });
    await thenTheAuditLogIsEmpty();
    await whenIFilterTheAuditLog({ actor: 'nobody-at-all' });
    await thenTheAuditLogIsEmpty();
    await givenAScreenOf(390, 844);
    await whenIFilterTheAuditLog({ actor: 'admin' });
    await whenISaveAScreenshotOfThePage(docs('screenshot-admin-audit-390.png'));
  });

  it('shows a supervisor no admin entry, and the forbidden notice on /admin', async () => {
    await whenIOpen('/admin');
    await whenILogInAs('supervisor', DEMO_PASSWORD);
    await thenIAmToldThisAccountMayNot(/管理员/);
    assert.equal(await theAdminNavEntries(), 0);
  });
});
