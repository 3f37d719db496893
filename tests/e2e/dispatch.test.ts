import assert from 'node:assert/strict';
import { afterAll, afterEach, beforeEach, describe, it } from 'vitest';
import {
  givenAnIncident,
  theActionsOffered,
  theAlertNote,
  theIncidentShown,
  theIncidentViaTheApi,
  thenTheQueueShows,
  thenTheQueueShowsReport,
  thenTheRowIsFlaggedNew,
  thenNothingReachesPastTheScreen,
  thenTheDetailIsOnScreen,
  thenTheRowShows,
  whenAResidentReports,
  whenIAccept,
  whenIDispatchTo,
  whenIOpenIncident,
  whenIOpenIncidentWithTheKeyboard,
  whenIOpenTheDispatchView,
  whenIPressEscape,
  whenIReturn,
  whenISendTheDialogEmpty,
  whenIVerifyAndClose,
} from './dispatch-driver';
import { closeTheBrowser, currentBaseUrl, currentPage, finishTheVisit, givenTheAppIsRunning, whenISaveAScreenshot } from './driver';
import { givenAScreenOf } from './shell-driver';

const unique = (what: string) => `${what}（测试 ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}）`;

describe('the command centre console (/dispatch)', () => {
  beforeEach(givenTheAppIsRunning);
  afterEach(finishTheVisit);
  afterAll(closeTheBrowser);

  it("shows a resident's report within 2 s, flagged new; the dispatcher accepts it and dispatches it to the first suggested worker", async () => {
    const page = currentPage();
    const base = currentBaseUrl();
    await whenIOpenTheDispatchView(page, base);
    const description = unique('小区门口垃圾堆积');
    const since = Date.now();
    await whenAResidentReports(base, description);
    const { id, ms } = await thenTheQueueShowsReport(page, description, 2000, since);
    assert.ok(ms <= 2000, `shown after ${ms} ms`);
    await thenTheRowIsFlaggedNew(page, id);

    await whenIAccept(page, id);
    await thenTheRowIsFlaggedNew(page, id, false);
    const worker = await whenIDispatchTo(page, id);
    await thenTheRowShows(page, id, 'dispatched', worker);
    assert.deepEqual(await theIncidentShown(page, id), { status: 'dispatched', assignee: worker, rowStatus: 'dispatched', rowAssignee: worker });

    const { properties } = await theIncidentViaTheApi(base, id);
    assert.equal(properties.status, 'dispatched');
    assert.equal(properties.assigneeName, worker);
    assert.deepEqual(
      properties.timeline.map((e) => e.event),
      ['report', 'accept', 'dispatch'],
    );
  });

  it('works from the keyboard alone: j/k and Enter open, A accepts, D and Enter dispatch to the suggested worker', async () => {
    const page = currentPage();
    const base = currentBaseUrl();
    await whenIOpenTheDispatchView(page, base);
    const id = await givenAnIncident(base, 'reported', unique('路口信号灯不亮'));
    await thenTheQueueShows(page, id, 2000);
    await whenIOpenIncidentWithTheKeyboard(page, id);
    assert.deepEqual(await theActionsOffered(page), ['accept', 'reject', 'escalate']);
    await whenIAccept(page, id, true);
    assert.deepEqual(await theActionsOffered(page), ['dispatch', 'escalate']);
    const worker = await whenIDispatchTo(page, id, null, true);
    await thenTheRowShows(page, id, 'dispatched', worker);
    assert.equal((await theIncidentViaTheApi(base, id)).properties.assigneeName, worker);
  });

  it('verifies and closes a handled task, and returns another with the reason the worker sees (which it asks for)', async () => {
    const page = currentPage();
    const base = currentBaseUrl();
    const done = await givenAnIncident(base, 'handled', unique('井盖缺失'));
    const redo = await givenAnIncident(base, 'handled', unique('路灯损坏'));
    await whenIOpenTheDispatchView(page, base);
    await whenIOpenIncident(page, done);
    assert.deepEqual(await theActionsOffered(page), ['verify', 'return', 'escalate']);
    await whenIVerifyAndClose(page, done, '已修复，群众满意');
    assert.deepEqual(await theActionsOffered(page), []);
    assert.equal((await theIncidentViaTheApi(base, done)).properties.status, 'closed');

    await whenIOpenIncident(page, redo);
    assert.equal(await whenISendTheDialogEmpty(page, redo, 'return'), '请填写原因');
    await whenIPressEscape(page);
    await whenIReturn(page, redo, '照片看不清，请重新拍摄');
    const { properties } = await theIncidentViaTheApi(base, redo);
    assert.equal(properties.status, 'dispatched');
    assert.deepEqual(properties.timeline.at(-1), { ...properties.timeline.at(-1), event: 'return', note: '照片看不清，请重新拍摄' });
  });

  it("notes that an emergency alerted the adjacent grids' workers", async () => {
    const page = currentPage();
    const base = currentBaseUrl();
    const id = await givenAnIncident(base, 'accepted', unique('燃气泄漏'), 'emergency');
    await whenIOpenTheDispatchView(page, base, undefined, `?open=${id}`);
    await whenIOpenIncident(page, id);
    assert.match((await theAlertNote(page)) ?? '', /^应急事件：已向相邻 \d+ 个网格的 \d+ 名网格员发出联动告警$/);
  });
  it('works on a phone (390×844): one column, nothing cut off sideways, an opened incident shown with its actions', async () => {
    const page = currentPage();
    const base = currentBaseUrl();
    const id = await givenAnIncident(base, 'accepted', unique('井盖缺失'));
    await givenAScreenOf(390, 844);
    await whenIOpenTheDispatchView(page, base);
    await thenNothingReachesPastTheScreen(page);
    // The queue is above, not on the left, and a phone has no keys to press.
    assert.equal((await page.getByTestId('dispatch-detail-empty').innerText()).trim(), '在队列中选择一件事件');
    await whenIOpenIncident(page, id);
    await thenTheDetailIsOnScreen(page, id);
    await thenNothingReachesPastTheScreen(page);
    await whenISaveAScreenshot(`${process.env.SHOTS_DIR ?? '/tmp'}/dispatch-phone-open.png`);
  });
});
