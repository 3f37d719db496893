// The whole loop in browsers, as the people who do the work see it: a resident reports on a phone,
// the command centre takes it on its console, a grid worker handles it on a phone (also offline),
// the command centre verifies and closes it, the resident rates the handling — and the wall's
// figures move at each step.
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { whenIAccept, whenIDispatchTo, whenIOpenTheDispatchView, whenIVerifyAndClose, thenTheQueueShowsReport } from './dispatch-driver';
import { adminBearer, givenADisplayToken, givenAnAdmin, launchBrowser, watchForProblems, type PageProblems } from './driver';
import {
  givenAResidentsPhone,
  finishThePhoneVisit,
  closeThePhones,
  whenIFillInTheReport,
  whenIOpenTheReportPage,
  whenISendTheReport,
  whenIRateTheHandling,
  thenMyReportShowsStatus,
} from './report-driver';
import {
  aPlaceInMyGrids,
  aWorkerToken,
  givenAWorkerPhone,
  thenMyTasksInclude,
  thenTheOutboxHolds,
  thenTheTaskIs,
  whenIAcknowledgeTask,
  whenIForgiveTheOfflineFailures,
  whenIGoOffline,
  whenIGoOnline,
  whenIHandleTask,
  whenIOpenTheWorkerViewAs,
  whenIReloadThePhone,
  whenIReportOnPatrol,
  type WorkerPhone,
} from './worker-driver';

const base = () => process.env.E2E_BASE_URL!.replace(/\/$/, '');
const COUNTY = '320924';

let browser: Browser;
let dir: string;
let photoPath: string;

beforeAll(async () => {
  browser = await launchBrowser();
  dir = await mkdtemp(join(tmpdir(), 'wangge-loop-'));
  photoPath = join(dir, 'handled.jpg');
  await sharp({ create: { width: 1200, height: 900, channels: 3, background: '#4a7' } })
    .jpeg()
    .toFile(photoPath);
});
afterAll(async () => {
  await browser?.close();
  await closeThePhones();
  await rm(dir, { recursive: true, force: true });
});

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(base() + path, {
    ...init,
    headers: { authorization: `Bearer ${await adminBearer()}`, 'content-type': 'application/json', ...init.headers },
  });
  assert.ok(res.ok, `${init.method ?? 'GET'} ${path}: ${res.status} ${await res.clone().text()}`);
  return (await res.json()) as T;
}

interface WallFigures {
  open: number;
  stages: Record<string, number>;
  rated: number;
  satisfaction: number | null;
}

/** What the wall is showing for the county, from the API the wall reads. */
async function wallFigures(): Promise<WallFigures> {
  const overview = await api<{ kpis: { openIncidents: number; rated: number; satisfactionRate: number | null }; byStage: { key: string; count: number }[] }>(
    `/api/stats/overview?region=${COUNTY}`,
  );
  return {
    open: overview.kpis.openIncidents,
    stages: Object.fromEntries(overview.byStage.map((s) => [s.key, s.count])),
    rated: overview.kpis.rated,
    satisfaction: overview.kpis.satisfactionRate,
  };
}

/** The wall's own tile shows `value` (the wall refreshes on the live event of each step). */
async function thenTheWallTileReads(wall: Page, key: string, value: number | null): Promise<void> {
  await wall.waitForFunction(([k, v]) => document.querySelector(`[data-testid="kpi-${k}"]`)?.getAttribute('data-value') === v, [key, String(value)] as const, {
    timeout: 10_000,
  });
}

async function desktop(width: number, height: number): Promise<{ page: Page; watch: PageProblems }> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  return { page, watch: watchForProblems(page) };
}

const eventsOf = async (id: number) =>
  (
    await api<{ properties: { timeline: { event: string }[]; status: string; assigneeName: string | null; photos: { stage: string }[] } }>(
      `/api/incidents/${id}`,
    )
  ).properties;

describe('the loop closes: 上报 → 立案 → 派遣 → 处置 → 核查 → 结案 → 评价', () => {
  it('runs from a resident’s phone through the console and a worker’s phone (online and offline) and back, the wall moving at each step', async () => {
    const workerToken = await aWorkerToken(base(), 'worker1');
    const me = (await (await fetch(`${base()}/api/worker/me`, { headers: { authorization: `Bearer ${workerToken}` } })).json()) as {
      worker: { id: number; name: string };
    };
    const place = await aPlaceInMyGrids(base(), workerToken);
    const description = `楼道堆放杂物堵塞消防通道 ${Date.now()}`;

    // The command centre's wall and console are open before anything happens.
    const token = await givenADisplayToken(await givenAnAdmin(), '闭环测试大屏');
    const wall = await desktop(1920, 1080);
    await wall.page.goto(`${base()}/wall?token=${token}`, { waitUntil: 'load' });
    await wall.page.waitForSelector('[data-testid="kpi-open-incidents"][data-value]');
    // The wall's first load computes the county's coverage; on the embedded engine's one connection
    // that would queue the report behind it, so the clock starts once the wall has settled.
    await wall.page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {});
    const console_ = await desktop(1600, 900);
    await whenIOpenTheDispatchView(console_.page, base());
    let figures = await wallFigures();
    const moved = async (step: string, expectChange: (before: WallFigures, after: WallFigures) => void) => {
      const after = await wallFigures();
      expectChange(figures, after);
      await thenTheWallTileReads(wall.page, 'open-incidents', after.open);
      figures = after;
      return step;
    };
    const stage = (f: WallFigures, key: string) => f.stages[key] ?? 0;

    // 上报: a resident on a phone, standing in worker1's grid.
    const resident = await givenAResidentsPhone({ position: place });
    await whenIOpenTheReportPage(resident);
    await whenIFillInTheReport(resident, { category: 'safety_hazard', description, phone: '13900001234' });
    const since = Date.now();
    // Watched from the moment the phone sends it: it must reach the console within 2 s of submission.
    const submitted = resident.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/reports')).then(() => Date.now());
    const [sent, { id, ms }] = await Promise.all([whenISendTheReport(resident), thenTheQueueShowsReport(console_.page, description, 15_000, since)]);
    assert.ok('code' in sent, `the report was sent: ${JSON.stringify(sent)}`);
    const code = sent.code;
    expect(since + ms - (await submitted), 'from submission to the console (ms)').toBeLessThanOrEqual(2_000);
    await moved('report', (b, a) => expect([a.open - b.open, stage(a, 'reported') - stage(b, 'reported')]).toEqual([1, 1]));

    // 立案 and 派遣 to worker1 on the console.
    await whenIAccept(console_.page, id);
    await moved('accept', (b, a) => expect([stage(a, 'reported') - stage(b, 'reported'), stage(a, 'accepted') - stage(b, 'accepted')]).toEqual([-1, 1]));
    expect(await whenIDispatchTo(console_.page, id, me.worker.name)).toBe(me.worker.name);
    await moved('dispatch', (b, a) => expect([stage(a, 'accepted') - stage(b, 'accepted'), stage(a, 'dispatched') - stage(b, 'dispatched')]).toEqual([-1, 1]));

    // 签收 and 处置 with a photo on worker1's phone.
    const worker: WorkerPhone = await givenAWorkerPhone(browser, place);
    await whenIOpenTheWorkerViewAs(worker.page, base(), 'worker1');
    await thenMyTasksInclude(worker.page, id);
    await whenIAcknowledgeTask(worker.page, id);
    await whenIHandleTask(worker.page, id, '已清理楼道杂物，消防通道畅通', photoPath);
    await thenTheTaskIs(worker.page, id, 'handled', false);
    await moved('handle', (b, a) => expect([stage(a, 'dispatched') - stage(b, 'dispatched'), stage(a, 'handled') - stage(b, 'handled')]).toEqual([-1, 1]));
    const handled = await eventsOf(id);
    expect([handled.status, handled.assigneeName, handled.photos.map((p) => p.stage)]).toEqual(['handled', me.worker.name, ['handle']]);

    // Offline: a patrol finding and a second task, made without network, each reach the server once.
    const second = await api<{ id: number }>('/api/incidents', {
      method: 'POST',
      body: JSON.stringify({ category: 'facility', source: 'hotline', description: `路灯不亮 ${Date.now()}`, location: { type: 'Point', coordinates: place } }),
    });
    await api(`/api/incidents/${second.id}`, { method: 'PATCH', body: JSON.stringify({ action: 'accept' }) });
    await api(`/api/incidents/${second.id}`, { method: 'PATCH', body: JSON.stringify({ action: 'dispatch', assigneeId: me.worker.id }) });
    await worker.page.reload({ waitUntil: 'load' });
    await thenMyTasksInclude(worker.page, second.id);
    const finding = `巡查发现井盖破损 ${Date.now()}`;
    await whenIGoOffline(worker.page);
    await whenIReportOnPatrol(worker.page, 'facility', finding);
    await whenIAcknowledgeTask(worker.page, second.id);
    await whenIHandleTask(worker.page, second.id, '已更换灯泡');
    await thenTheTaskIs(worker.page, second.id, 'handled', true);
    await thenTheOutboxHolds(worker.page, 3);
    // Reopened in the dead zone: the page comes from the phone, with every write still waiting.
    await whenIReloadThePhone(worker.page);
    await thenTheOutboxHolds(worker.page, 3);
    await whenIGoOnline(worker.page);
    await thenTheOutboxHolds(worker.page, 0);
    const secondEvents = (await eventsOf(second.id)).timeline.map((e) => e.event);
    expect([secondEvents.filter((e) => e === 'acknowledge').length, secondEvents.filter((e) => e === 'handle').length]).toEqual([1, 1]);
    const findings = await api<{ features: { properties: { description: string; source: string } }[] }>(
      `/api/incidents?source=patrol&from=${encodeURIComponent(new Date(since - 60_000).toISOString())}&limit=1000`,
    );
    expect(findings.features.filter((f) => f.properties.description === finding).length).toBe(1);
    whenIForgiveTheOfflineFailures(worker.watch);
    figures = await wallFigures();

    // 核查 and 结案 on the console.
    await whenIVerifyAndClose(console_.page, id, '杂物已清理，感谢您的反映');
    await moved('close', (b, a) =>
      expect([a.open - b.open, stage(a, 'handled') - stage(b, 'handled'), stage(a, 'closed') - stage(b, 'closed')]).toEqual([-1, -1, 1]),
    );

    // The resident sees 已结案 and rates the handling; 满意率 moves on the wall.
    await thenMyReportShowsStatus(resident, code, '已结案');
    await whenIRateTheHandling(resident, code, 'satisfied', '处理很及时');
    const rated = await wallFigures();
    expect(rated.rated - figures.rated).toBe(1);
    await thenTheWallTileReads(wall.page, 'satisfaction', rated.satisfaction);

    expect((await eventsOf(id)).timeline.map((e) => e.event)).toEqual(['report', 'accept', 'dispatch', 'acknowledge', 'handle', 'verify', 'close', 'rate']);
    await finishThePhoneVisit(resident);
    expect([...worker.watch.problems, ...console_.watch.problems, ...wall.watch.problems]).toEqual([]);
  }, 240_000);
});
