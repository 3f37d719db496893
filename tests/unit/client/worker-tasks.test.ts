import { describe, expect, it } from 'vitest';
import { createOutbox, memoryOutboxStorage, type OutboxEntry } from '../../../client/src/api/outbox';
import { workerWrites, type TaskProperties, type WorkerTask } from '../../../client/src/api/worker-client';
import { openTaskCount, taskViews } from '../../../client/src/views/worker/task-view';
import { REFUSAL_CODES, refusalMessage } from '../../../client/src/views/worker/refusal';
import { zhCN } from '../../../client/src/i18n/zh-CN';
import { en } from '../../../client/src/i18n/en';

function task(id: number, props: Partial<TaskProperties> = {}): WorkerTask {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [120.1, 33.7] },
    properties: {
      id,
      category: 'environment',
      source: 'resident',
      priority: 'normal',
      status: 'dispatched',
      description: `任务 ${id}`,
      gridId: 1,
      gridCode: '320924001001001',
      reportedAt: '2026-12-04T00:00:00.000Z',
      dispatchedAt: '2026-12-04T01:00:00.000Z',
      deadlineAt: null,
      handledAt: null,
      acknowledgedAt: null,
      returnReason: null,
      ...props,
    },
  };
}

async function entries(make: (o: ReturnType<typeof createOutbox>) => Promise<unknown>): Promise<OutboxEntry[]> {
  let n = 0;
  const outbox = createOutbox({
    storage: memoryOutboxStorage(),
    userId: 1,
    send: async () => ({ status: 200, code: null, message: '', replayed: false }),
    newKey: () => `k-${++n}-aaaaaaaa`,
  });
  await make(outbox);
  return outbox.state().entries;
}

describe('taskViews', () => {
  it('puts the soonest deadline first, tasks without one last, and those sent for checking after every open one', () => {
    const views = taskViews(
      [
        task(1, { deadlineAt: '2026-12-05T00:00:00.000Z' }),
        task(2, { deadlineAt: null }),
        task(3, { deadlineAt: '2026-12-04T02:00:00.000Z', status: 'handled' }),
        task(4, { deadlineAt: '2026-12-04T03:00:00.000Z', acknowledgedAt: '2026-12-04T01:10:00.000Z' }),
        task(5, { deadlineAt: '2026-12-03T00:00:00.000Z' }),
      ],
      [],
    );
    expect(views.map((v) => [v.id, v.stage])).toEqual([
      [5, 'new'],
      [4, 'accepted'],
      [1, 'new'],
      [2, 'new'],
      [3, 'handled'],
    ]);
    expect(openTaskCount(views)).toBe(4);
  });

  it('shows a 签收 and a 处置 still waiting in the outbox as done, marked pending', async () => {
    const waiting = await entries(async (o) => {
      await o.enqueue(workerWrites.acknowledge(1));
      await o.enqueue(workerWrites.acknowledge(2));
      await o.enqueue(workerWrites.handle(2, '已清理'));
    });
    const views = taskViews([task(1), task(2), task(3)], waiting);
    expect(views.map((v) => ({ id: v.id, stage: v.stage, pending: v.pending }))).toEqual([
      { id: 1, stage: 'accepted', pending: true },
      { id: 3, stage: 'new', pending: false },
      { id: 2, stage: 'handled', pending: true },
    ]);
  });

  it('lets the server’s later state win over a waiting write that is behind it', async () => {
    const waiting = await entries((o) => o.enqueue(workerWrites.acknowledge(1)));
    const [view] = taskViews([task(1, { status: 'handled', acknowledgedAt: '2026-12-04T01:00:00.000Z' })], waiting);
    expect(view).toMatchObject({ stage: 'handled', pending: false });
  });

  it('shows the reason a returned task came back while it is to be handled again, not once handled', async () => {
    const returned = task(1, { acknowledgedAt: '2026-12-04T01:00:00.000Z', returnReason: '照片看不清，请补拍' });
    expect(taskViews([returned], [])[0]).toMatchObject({ stage: 'accepted', returnReason: '照片看不清，请补拍' });
    const waiting = await entries((o) => o.enqueue(workerWrites.handle(1, '已补拍')));
    expect(taskViews([returned], waiting)[0]).toMatchObject({ stage: 'handled', pending: true, returnReason: null });
  });

  it('shows a refused write on its task, which keeps its server stage', async () => {
    const refusal = { status: 409, code: 'invalid_transition', message: '任务已被收回' };
    const waiting = (await entries((o) => o.enqueue(workerWrites.handle(1, 'x')))).map((e) => ({ ...e, refused: refusal }));
    expect(taskViews([task(1)], waiting)[0]).toEqual(
      expect.objectContaining({ stage: 'new', pending: false, refused: { kind: 'handle', refusal, key: waiting[0].key } }),
    );
  });
});

describe('the writes', () => {
  it('reports a patrol finding at the phone’s position, named after its category when left undescribed', () => {
    expect(workerWrites.report({ category: 'traffic', categoryName: '交通秩序', description: '  ', at: [120.123456789, 33.7654321987] })).toEqual({
      kind: 'report',
      label: '交通秩序',
      request: {
        method: 'POST',
        path: '/api/incidents',
        body: { category: 'traffic', source: 'patrol', description: '交通秩序', location: { type: 'Point', coordinates: [120.1234568, 33.7654322] } },
      },
    });
  });

  it('handles a task with its note and photos; visits keep the time they were made', () => {
    expect(workerWrites.handle(9, ' 已清理 ', [{ data: 'AAAA' }]).request).toEqual({
      method: 'PATCH',
      path: '/api/incidents/9',
      body: { action: 'handle', note: '已清理', photos: [{ data: 'AAAA' }] },
    });
    expect(workerWrites.visit({ householdId: 3, note: '', visitedAt: '2026-12-04T08:00:00.000Z' }).request.body).toEqual({
      householdId: 3,
      visitedAt: '2026-12-04T08:00:00.000Z',
    });
  });
});

describe('refusalMessage', () => {
  it('names a known refusal by its code, and any other by its status', () => {
    expect(refusalMessage({ status: 403, code: 'out_of_scope', message: 'The location is outside your grids' })).toEqual({
      key: 'worker.refusal.out_of_scope',
      params: { status: 403 },
    });
    expect(refusalMessage({ status: 409, code: 'illegal_transition', message: 'x' }).key).toBe('worker.refusal.illegal_transition');
    expect(refusalMessage({ status: 418, code: 'teapot', message: 'x' })).toEqual({ key: 'worker.refusal.other', params: { status: 418 } });
    expect(refusalMessage({ status: 413, code: null, message: 'Payload Too Large' }).key).toBe('worker.refusal.other');
  });

  it('has a message for every code in both languages', () => {
    for (const code of REFUSAL_CODES) {
      expect(zhCN[`worker.refusal.${code}`]).toBeTruthy();
      expect(en[`worker.refusal.${code}`]).toBeTruthy();
    }
  });
});
