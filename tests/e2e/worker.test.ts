import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, it } from 'vitest';
import { adminBearer, launchBrowser } from './driver';
import {
  aPlaceInMyGrids,
  aWorkerToken,
  givenAWorkerPhone,
  theTasksOf,
  theTasksShown,
  thenEveryButtonIsBigEnough,
  thenMyGridsAreShown,
  thenMyPositionIsShown,
  thenMyTasksInclude,
  thenNothingScrollsSideways,
  thenNothingWasRefused,
  thenTheOutboxHolds,
  thenTheReturnReasonIs,
  thenTheTaskIs,
  whenIAcknowledgeTask,
  whenIForgiveTheOfflineFailures,
  whenIGoOffline,
  whenIGoOnline,
  whenIHandleTask,
  whenIOpenTheOutbox,
  whenIOpenTheTab,
  whenIOpenTheWorkerViewAs,
  whenIReloadThePhone,
  whenIReportOnPatrol,
  whenIStartAPatrol,
  whenIStopThePatrol,
  whenIVisitAHousehold,
  whenIWalkTo,
  type WorkerPhone,
} from './worker-driver';

const docs = (name: string) => new URL(`../../docs/${name}`, import.meta.url).pathname;
const base = () => process.env.E2E_BASE_URL!.replace(/\/$/, '');

async function asAdmin(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(base() + path, {
    method,
    headers: { authorization: `Bearer ${await adminBearer()}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: await res.json().catch(() => null) };
}

/** An incident in the worker's grid, accepted and dispatched to them by the command centre. */
async function aTaskDispatchedTo(workerToken: string, at: [number, number], description: string): Promise<number> {
  const me = (await (await fetch(`${base()}/api/worker/me`, { headers: { authorization: `Bearer ${workerToken}` } })).json()) as { worker: { id: number } };
  const created = await asAdmin('POST', '/api/incidents', {
    category: 'environment',
    source: 'hotline',
    description,
    location: { type: 'Point', coordinates: at },
  });
  assert.equal(created.status, 201, 'incident reported');
  const id = created.json.id as number;
  assert.equal((await asAdmin('PATCH', `/api/incidents/${id}`, { action: 'accept' })).status, 200, 'accepted');
  assert.equal((await asAdmin('PATCH', `/api/incidents/${id}`, { action: 'dispatch', assigneeId: me.worker.id })).status, 200, 'dispatched');
  return id;
}

describe('the grid worker’s phone (/worker)', () => {
  let browser: Browser;
  let phone: WorkerPhone | null = null;
  let dir: string;
  let photo: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    dir = await mkdtemp(join(tmpdir(), 'wangge-worker-'));
    photo = join(dir, 'cleaned.jpg');
    await sharp({ create: { width: 2000, height: 1500, channels: 3, background: { r: 60, g: 140, b: 90 } } })
      .jpeg()
      .toFile(photo);
  });
  afterEach(async () => {
    if (!phone) return;
    const { context, watch } = phone;
    phone = null;
    const problems = [...watch.problems];
    await context.close();
    assert.deepEqual(problems, [], 'the page reported errors');
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows my grids and tasks; a finding reported offline waits on the phone and reaches the server exactly once', async () => {
    const started = new Date(Date.now() - 1000).toISOString();
    const token = await aWorkerToken(base(), 'worker1');
    const at = await aPlaceInMyGrids(base(), token);
    phone = await givenAWorkerPhone(browser, at);
    const { page, watch } = phone;

    await whenIOpenTheWorkerViewAs(page, base(), 'worker1');
    await thenMyGridsAreShown(page);
    await thenMyPositionIsShown(page);
    const tasks = await theTasksOf(base(), token);
    assert.ok(tasks.length > 0, 'the demo worker has tasks');
    for (const task of tasks) await thenMyTasksInclude(page, task.id);
    assert.deepEqual(
      (await theTasksShown(page)).sort((a, b) => a - b),
      tasks.map((t) => t.id).sort((a, b) => a - b),
      'the tasks shown are the API’s',
    );
    await thenNothingScrollsSideways(page);
    await thenEveryButtonIsBigEnough(page);

    const marker = `巡查发现：井盖缺失 ${Date.now()}`;
    await whenIGoOffline(page);
    await whenIReportOnPatrol(page, 'facility', marker);
    assert.equal(await thenTheOutboxHolds(page, 1), '待发送 1');
    const waiting = await whenIOpenTheOutbox(page);
    assert.deepEqual(waiting, [{ kind: 'report', state: 'waiting', status: '等待网络' }]);
    await page.getByTestId('outbox-close').click();
    await whenIOpenTheTab(page, 'tasks');
    await page.waitForTimeout(1500); // SwiftShader presents the map's frames slowly
    await page.screenshot({ path: docs('screenshot-worker-phone.png') });

    await whenIGoOnline(page);
    await thenTheOutboxHolds(page, 0);
    await thenNothingWasRefused(page);
    whenIForgiveTheOfflineFailures(watch);

    const { status, json } = await asAdmin('GET', `/api/incidents?source=patrol&category=facility&from=${encodeURIComponent(started)}&limit=1000`);
    assert.equal(status, 200);
    const mine = (json.features as { properties: { description: string; source: string } }[]).filter((f) => f.properties.description === marker);
    assert.equal(mine.length, 1, 'the server holds the finding exactly once');

    // A reload must not send it again.
    await whenIReloadThePhone(page);
    await thenMyGridsAreShown(page);
    await thenTheOutboxHolds(page, 0);
    const again = await asAdmin('GET', `/api/incidents?source=patrol&category=facility&from=${encodeURIComponent(started)}&limit=1000`);
    assert.equal((again.json.features as { properties: { description: string } }[]).filter((f) => f.properties.description === marker).length, 1);
  });

  it('accepts and handles a task offline, shows it as handled at once, sends both in order, and shows why it was returned', async () => {
    const token = await aWorkerToken(base(), 'worker2');
    const at = await aPlaceInMyGrids(base(), token);
    const id = await aTaskDispatchedTo(token, at, '路边垃圾堆积，需清运');
    phone = await givenAWorkerPhone(browser, at);
    const { page, watch } = phone;

    await whenIOpenTheWorkerViewAs(page, base(), 'worker2');
    await thenTheTaskIs(page, id, 'new', false);
    await whenIGoOffline(page);
    await whenIAcknowledgeTask(page, id);
    assert.equal(await thenTheTaskIs(page, id, 'accepted', true), '已签收（待发送）');
    await whenIHandleTask(page, id, '已清运，现场已恢复整洁', photo);
    assert.equal(await thenTheTaskIs(page, id, 'handled', true), '已处置（待发送）');
    await thenTheOutboxHolds(page, 2);

    await whenIGoOnline(page);
    await thenTheOutboxHolds(page, 0);
    await thenNothingWasRefused(page);
    assert.equal(await thenTheTaskIs(page, id, 'handled', false), '已处置，待核查');
    whenIForgiveTheOfflineFailures(watch);

    const detail = await asAdmin('GET', `/api/incidents/${id}`);
    assert.equal(detail.json.properties.status, 'handled');
    assert.ok(detail.json.properties.acknowledgedAt, 'acknowledged');
    const events = (detail.json.properties.timeline as { event: string; note: string | null }[]).map((e) => e.event);
    assert.deepEqual(
      events.filter((e) => e === 'acknowledge' || e === 'handle'),
      ['acknowledge', 'handle'],
      'each write carried out once, in order',
    );
    assert.deepEqual(
      (detail.json.properties.photos as { stage: string }[]).map((p) => p.stage),
      ['handle'],
      'the photo went with the handling',
    );

    assert.equal((await asAdmin('PATCH', `/api/incidents/${id}`, { action: 'return', note: '照片未拍到清运后的路面，请补拍' })).status, 200);
    await whenIReloadThePhone(page);
    await thenTheTaskIs(page, id, 'accepted', false);
    await thenTheReturnReasonIs(page, id, '照片未拍到清运后的路面，请补拍');
  });

  it('records a patrol track that survives a reload, and a household visit, through the outbox', async () => {
    const token = await aWorkerToken(base(), 'worker3');
    const at = await aPlaceInMyGrids(base(), token);
    phone = await givenAWorkerPhone(browser, at);
    const { page } = phone;

    await whenIOpenTheWorkerViewAs(page, base(), 'worker3');
    await thenMyGridsAreShown(page);
    await whenIStartAPatrol(page);
    await page.waitForSelector('[data-testid="patrol-points"]:text-is("1")');
    await whenIWalkTo(page, [at[0], at[1] + 0.0004]);
    await page.waitForSelector('[data-testid="patrol-points"]:text-is("2")');
    await whenIReloadThePhone(page);
    await whenIOpenTheTab(page, 'patrol');
    await page.waitForSelector('[data-testid="patrol-points"]:text-is("2")');
    await whenIWalkTo(page, [at[0] + 0.0004, at[1] + 0.0004]);
    await page.waitForSelector('[data-testid="patrol-points"]:text-is("3")');
    assert.match(await whenIStopThePatrol(page), /^巡查已结束：\d+ 米，3 个轨迹点/);
    await thenTheOutboxHolds(page, 0);

    const address = await whenIVisitAHousehold(page, '', '独居老人，血压偏高，已提醒按时服药');
    assert.ok(address.length > 0);
    await thenTheOutboxHolds(page, 0);
    await thenNothingWasRefused(page);
  });
});
