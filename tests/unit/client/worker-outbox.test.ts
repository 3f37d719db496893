import { describe, expect, it } from 'vitest';
import {
  createOutbox,
  fetchSender,
  memoryOutboxStorage,
  newIdempotencyKey,
  retryDelay,
  verdictOf,
  type OutboxEntry,
  type SendResult,
  type Sender,
} from '../../../client/src/api/outbox';
import { workerWrites } from '../../../client/src/api/worker-client';

const ok: SendResult = { status: 201, code: null, message: 'Created', replayed: false };
const answer = (status: number, code: string | null = null, message = 'refused'): SendResult => ({ status, code, message, replayed: false });

/** A sender that answers from a script, one item per call (an Error is a lost connection), and records what it was asked. */
function scripted(script: (SendResult | Error)[]): Sender & { calls: { key: string; path: string }[] } {
  const calls: { key: string; path: string }[] = [];
  const send = (async (entry: OutboxEntry) => {
    calls.push({ key: entry.key, path: entry.request.path });
    const next = script.shift() ?? ok;
    if (next instanceof Error) throw next;
    return next;
  }) as Sender & { calls: typeof calls };
  send.calls = calls;
  return send;
}

function setup(script: (SendResult | Error)[] = [], userId = 7) {
  let clock = 1_700_000_000_000;
  let n = 0;
  const storage = memoryOutboxStorage();
  const send = scripted(script);
  const outbox = createOutbox({ storage, send, userId, now: () => clock, random: () => 0.5, newKey: () => `key-${++n}-xxxxxxxx` });
  return { storage, send, outbox, advance: (ms: number) => (clock += ms), now: () => clock };
}

describe('verdictOf', () => {
  it('classifies every kind of answer', () => {
    expect([200, 201, 204].map((s) => verdictOf(s, null))).toEqual(['done', 'done', 'done']);
    expect(verdictOf(401, 'unauthorized')).toBe('unauthorized');
    expect([408, 429].map((s) => verdictOf(s, null))).toEqual(['retry', 'retry']);
    expect(verdictOf(409, 'request_in_progress')).toBe('retry');
    expect(verdictOf(409, 'invalid_transition')).toBe('refused');
    expect([400, 403, 404, 413, 415, 422].map((s) => verdictOf(s, 'x'))).toEqual(Array(6).fill('refused'));
    expect([500, 502, 503, 504].map((s) => verdictOf(s, null))).toEqual(Array(4).fill('retry'));
  });
});

describe('retryDelay', () => {
  it('doubles from 2 s and stops at 5 min, jittered by ±20 %', () => {
    expect([1, 2, 3, 4].map((a) => retryDelay(a, () => 0.5))).toEqual([2000, 4000, 8000, 16000]);
    expect(retryDelay(30, () => 0.5)).toBe(300_000);
    expect(retryDelay(1, () => 0)).toBe(1600);
    expect(retryDelay(1, () => 1)).toBe(2400);
  });
});

describe('the outbox', () => {
  it('stores a write with its idempotency key before anything is sent', async () => {
    const { outbox, storage, send } = setup();
    await outbox.load();
    const entry = await outbox.enqueue(workerWrites.acknowledge(12, '市容环境'));
    expect(send.calls).toEqual([]);
    expect([...storage.entries.values()]).toEqual([
      {
        key: 'key-1-xxxxxxxx',
        seq: entry.seq,
        userId: 7,
        kind: 'acknowledge',
        taskId: 12,
        label: '市容环境',
        request: { method: 'PATCH', path: '/api/incidents/12', body: { action: 'acknowledge' } },
        createdAt: '2023-11-14T22:13:20.000Z',
        attempts: 0,
        nextAttemptAt: null,
        lastError: null,
        refused: null,
      },
    ]);
  });

  it('sends in the order the writes were made, and removes each once accepted', async () => {
    const { outbox, storage, send } = setup();
    await outbox.load();
    await outbox.enqueue(workerWrites.acknowledge(1));
    await outbox.enqueue(workerWrites.handle(1, '已清理'));
    await outbox.enqueue(workerWrites.visit({ householdId: 5, note: '', visitedAt: '2026-12-04T08:00:00.000Z' }));
    const report = await outbox.flush();
    expect(send.calls.map((c) => c.key)).toEqual(['key-1-xxxxxxxx', 'key-2-xxxxxxxx', 'key-3-xxxxxxxx']);
    expect(report).toEqual({ sent: 3, refused: 0, blocked: false, unauthorized: false });
    expect(storage.entries.size).toBe(0);
    expect(outbox.state().entries).toEqual([]);
  });

  it('sends an entry again with the same key after a lost answer, and removes it exactly once', async () => {
    const { outbox, storage, send, advance } = setup([new Error('Failed to fetch'), { ...ok, replayed: true }]);
    await outbox.load();
    await outbox.enqueue(workerWrites.acknowledge(1));
    expect(await outbox.flush()).toEqual({ sent: 0, refused: 0, blocked: true, unauthorized: false });
    expect(storage.entries.size).toBe(1);
    advance(2000);
    expect(await outbox.flush()).toEqual({ sent: 1, refused: 0, blocked: false, unauthorized: false });
    expect(await outbox.flush()).toEqual({ sent: 0, refused: 0, blocked: false, unauthorized: false });
    expect(send.calls.map((c) => c.key)).toEqual(['key-1-xxxxxxxx', 'key-1-xxxxxxxx']);
    expect(storage.entries.size).toBe(0);
  });

  it('keeps later writes waiting behind one that will be retried, so the order holds', async () => {
    const { outbox, send } = setup([answer(503, null, 'Service Unavailable')]);
    await outbox.load();
    await outbox.enqueue(workerWrites.acknowledge(1));
    await outbox.enqueue(workerWrites.handle(1, '已处理'));
    await outbox.flush();
    await outbox.flush();
    expect(send.calls.map((c) => c.key)).toEqual(['key-1-xxxxxxxx']);
    const [first, second] = outbox.state().entries;
    expect(first).toMatchObject({ attempts: 1, nextAttemptAt: 1_700_000_002_000, lastError: '503 Service Unavailable', refused: null });
    expect(second).toMatchObject({ attempts: 0, nextAttemptAt: null });
  });

  it('waits out the backoff unless forced (the network came back)', async () => {
    const { outbox, send, advance } = setup([new Error('offline'), new Error('offline')]);
    await outbox.load();
    await outbox.enqueue(workerWrites.acknowledge(1));
    await outbox.flush();
    advance(1000);
    expect((await outbox.flush()).blocked).toBe(true);
    expect(send.calls.length).toBe(1);
    expect(outbox.nextAttemptAt()).toBe(1_700_000_002_000);
    await outbox.flush({ force: true });
    expect(send.calls.length).toBe(2);
    // The second failure doubles the wait, counted from then.
    expect(outbox.nextAttemptAt()).toBe(1_700_000_001_000 + 4000);
  });

  it('keeps a final refusal visible with its reason, goes on with the next write, and never sends it again', async () => {
    const { outbox, send, storage } = setup([answer(403, 'out_of_scope', '位置不在您的网格内')]);
    await outbox.load();
    const refused = await outbox.enqueue(workerWrites.report({ category: 'environment', categoryName: '市容环境', description: '', at: [120.1, 33.7] }));
    await outbox.enqueue(workerWrites.acknowledge(3));
    expect(await outbox.flush()).toEqual({ sent: 1, refused: 1, blocked: false, unauthorized: false });
    expect(outbox.state().entries).toEqual([{ ...refused, attempts: 1, refused: { status: 403, code: 'out_of_scope', message: '位置不在您的网格内' } }]);
    await outbox.flush({ force: true });
    expect(send.calls.length).toBe(2);
    await outbox.dismiss(refused.key);
    expect(outbox.state().entries).toEqual([]);
    expect(storage.entries.size).toBe(0);
  });

  it('retries 408, 429 and 409 request_in_progress rather than giving up', async () => {
    const { outbox, advance } = setup([answer(429, 'too_many'), answer(409, 'request_in_progress'), answer(408), ok]);
    await outbox.load();
    await outbox.enqueue(workerWrites.acknowledge(1));
    for (let i = 0; i < 3; i++) {
      await outbox.flush({ force: true });
      expect(outbox.state().entries[0]).toMatchObject({ attempts: i + 1, refused: null });
      advance(1000);
    }
    expect((await outbox.flush({ force: true })).sent).toBe(1);
  });

  it('keeps everything after a 401 for the next login, without counting it as a try', async () => {
    const { outbox } = setup([answer(401, 'unauthorized')]);
    await outbox.load();
    await outbox.enqueue(workerWrites.acknowledge(1));
    expect(await outbox.flush()).toEqual({ sent: 0, refused: 0, blocked: true, unauthorized: true });
    expect(outbox.state().entries[0]).toMatchObject({ attempts: 0, refused: null, nextAttemptAt: null });
  });

  it('sends only its own user’s writes from a shared phone', async () => {
    const storage = memoryOutboxStorage();
    const send = scripted([]);
    const mine = createOutbox({ storage, send, userId: 1, newKey: () => 'mine-00000001' });
    const theirs = createOutbox({ storage, send, userId: 2, newKey: () => 'theirs-0000001' });
    await theirs.enqueue(workerWrites.acknowledge(9));
    await mine.load();
    expect(mine.state().entries).toEqual([]);
    await mine.flush();
    expect(send.calls).toEqual([]);
    expect(storage.entries.size).toBe(1);
  });

  it('joins a flush already running instead of sending twice', async () => {
    const { outbox, send } = setup();
    await outbox.load();
    await outbox.enqueue(workerWrites.acknowledge(1));
    const [a, b] = await Promise.all([outbox.flush(), outbox.flush({ force: true })]);
    expect(a).toBe(b);
    expect(send.calls.length).toBe(1);
  });

  it('does not lose a write made while a flush is reading the stored list', async () => {
    const storage = memoryOutboxStorage();
    // A slow read: it sees the list as it was when asked, and answers later.
    const all = storage.all;
    storage.all = async () => {
      const snapshot = await all();
      await new Promise((r) => setTimeout(r, 20));
      return snapshot;
    };
    const send = scripted([]);
    const outbox = createOutbox({ storage, send, userId: 7 });
    const flushing = outbox.flush();
    await outbox.enqueue(workerWrites.acknowledge(1));
    await flushing;
    expect(outbox.state().entries.length + send.calls.length).toBe(1);
    await outbox.flush();
    expect(send.calls.map((c) => c.path)).toEqual(['/api/incidents/1']);
    expect(outbox.state().entries).toEqual([]);
  });

  it('picks up what was stored before a reload, in the same order', async () => {
    const { outbox, storage } = setup();
    await outbox.enqueue(workerWrites.acknowledge(1));
    await outbox.enqueue(workerWrites.acknowledge(2));
    const send = scripted([]);
    const reloaded = createOutbox({ storage, send, userId: 7 });
    expect((await reloaded.load()).entries.map((e) => e.taskId)).toEqual([1, 2]);
    await reloaded.flush();
    expect(send.calls.map((c) => c.path)).toEqual(['/api/incidents/1', '/api/incidents/2']);
  });
});

describe('fetchSender', () => {
  it('sends the JSON body with the entry’s Idempotency-Key and reads a replay as success', async () => {
    const seen: { url: string; init: RequestInit }[] = [];
    const send = fetchSender(async (url, init) => {
      seen.push({ url, init: init! });
      return new Response('{"id":5}', { status: 201, headers: { 'content-type': 'application/json', 'idempotent-replayed': 'true' } });
    }, 'http://x');
    const { outbox } = setup();
    const entry = await outbox.enqueue(workerWrites.acknowledge(4));
    expect(await send(entry)).toEqual({ status: 201, code: null, message: '201', replayed: true });
    expect(seen[0].url).toBe('http://x/api/incidents/4');
    expect(seen[0].init.method).toBe('PATCH');
    expect(new Headers(seen[0].init.headers).get('idempotency-key')).toBe(entry.key);
    expect(JSON.parse(seen[0].init.body as string)).toEqual({ action: 'acknowledge' });
  });

  it('reads the error code and message of a refusal', async () => {
    const send = fetchSender(async () => new Response(JSON.stringify({ error: { code: 'not_your_task', message: '不是您的任务' } }), { status: 403 }));
    const { outbox } = setup();
    expect(await send(await outbox.enqueue(workerWrites.acknowledge(4)))).toEqual({
      status: 403,
      code: 'not_your_task',
      message: '不是您的任务',
      replayed: false,
    });
  });
});

describe('newIdempotencyKey', () => {
  it('is a UUID v4 the server accepts, also where crypto.randomUUID is missing (plain HTTP)', () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(newIdempotencyKey()).toMatch(uuid);
    const randomUUID = crypto.randomUUID;
    try {
      Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true });
      const keys = new Set(Array.from({ length: 100 }, newIdempotencyKey));
      expect(keys.size).toBe(100);
      for (const key of keys) expect(key).toMatch(uuid);
    } finally {
      Object.defineProperty(crypto, 'randomUUID', { value: randomUUID, configurable: true });
    }
  });
});
