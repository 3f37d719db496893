// The grid worker's outbox: every write (report, acknowledge, handle, patrol, visit) is stored on
// the device first and sent from here, in the order it was made, when the network allows. Each
// carries the Idempotency-Key made with it, so a write that reached the server but whose answer was
// lost is sent again safely (the server replays its stored answer). Pure apart from the injected
// storage, sender and clock: unit-tested without a browser.
import { apiErrorOf, send as sendRequest, type FetchLike } from './request';

export type OutboxKind = 'report' | 'acknowledge' | 'handle' | 'patrol' | 'visit';

export interface OutboxRequest {
  method: 'POST' | 'PATCH';
  path: string;
  body: unknown;
}

/** Why the server refused a write for good (a 4xx that sending again would not change). */
export interface OutboxRefusal {
  status: number;
  code: string | null;
  message: string;
}

export interface OutboxEntry {
  /** The Idempotency-Key, made when the write was made; also the entry's storage key. */
  key: string;
  /** Order of making: entries are sent by ascending seq. */
  seq: number;
  /** Whose write it is: a shared phone sends each user's writes only under that user's session. */
  userId: number;
  kind: OutboxKind;
  request: OutboxRequest;
  /** The incident an acknowledge or handle is about (shown on the task list before it is sent). */
  taskId: number | null;
  /** A few words for the waiting list (a category, an address). */
  label: string;
  createdAt: string;
  attempts: number;
  /** Not before this (ms since epoch) unless forced: the backoff after a failed try. */
  nextAttemptAt: number | null;
  /** The last failure that will be retried (network, 5xx), for the waiting list. */
  lastError: string | null;
  refused: OutboxRefusal | null;
}

/** What the outbox needs from a place to keep entries (IndexedDB in the browser, a Map in tests). */
export interface OutboxStorage {
  all(): Promise<OutboxEntry[]>;
  put(entry: OutboxEntry): Promise<void>;
  remove(key: string): Promise<void>;
}

export interface SendResult {
  status: number;
  code: string | null;
  message: string;
  /** The server answered a repeat of a key it had already carried out (Idempotent-Replayed: true). */
  replayed: boolean;
}

/** Sends one entry; throws when the request never got an answer (offline, connection reset). */
export type Sender = (entry: OutboxEntry) => Promise<SendResult>;

export type Verdict = 'done' | 'retry' | 'refused' | 'unauthorized';

/**
 * What an answer means for the entry. 2xx (a replay included): done. 401: the session is gone;
 * keep the entry for after the next login. 408, 429 and 409 request_in_progress: ask again later.
 * Any other 4xx is final: sending the same request again gets the same refusal. 5xx (and anything
 * unexpected): the server's trouble, try again.
 */
export function verdictOf(status: number, code: string | null): Verdict {
  if (status >= 200 && status < 300) return 'done';
  if (status === 401) return 'unauthorized';
  if (status === 408 || status === 429) return 'retry';
  if (status === 409 && code === 'request_in_progress') return 'retry';
  if (status >= 400 && status < 500) return 'refused';
  return 'retry';
}

export const RETRY_BASE_MS = 2000;
export const RETRY_MAX_MS = 5 * 60_000;

/** Delay before try `attempts + 1`: 2 s, 4 s, 8 s … capped at 5 min, with ±20 % jitter. */
export function retryDelay(attempts: number, random: () => number = Math.random): number {
  const base = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

export interface OutboxInput {
  kind: OutboxKind;
  request: OutboxRequest;
  taskId?: number | null;
  label?: string;
}

export interface FlushReport {
  sent: number;
  refused: number;
  /** Stopped at an entry that will be retried (or whose backoff is not over): later ones wait for it. */
  blocked: boolean;
  unauthorized: boolean;
}

export interface OutboxState {
  /** This user's entries, in sending order: waiting ones and refused ones. */
  entries: OutboxEntry[];
  /** The key being sent right now, or null. */
  sending: string | null;
}

export interface OutboxOptions {
  storage: OutboxStorage;
  send: Sender;
  userId: number;
  now?: () => number;
  random?: () => number;
  newKey?: () => string;
  /** Called with each entry the server accepted (to refresh what depends on it). */
  onSent?: (entry: OutboxEntry, result: SendResult) => void;
}

export interface Outbox {
  /** Reads the stored entries (call once before use, and to pick up other tabs' writes). */
  load(): Promise<OutboxState>;
  state(): OutboxState;
  /** Stores a write; it is sent by the next flush. Resolves once it is safely stored. */
  enqueue(input: OutboxInput): Promise<OutboxEntry>;
  /**
   * Sends waiting entries in order until one fails in a way worth retrying. `force` ignores the
   * backoff (the network just came back, or the user asked). A flush already running is joined.
   */
  flush(options?: { force?: boolean }): Promise<FlushReport>;
  /** Forgets a refused entry once its user has seen why. Waiting entries cannot be dismissed. */
  dismiss(key: string): Promise<void>;
  /** When the first waiting entry may be tried again (ms since epoch), or null when none waits on a backoff. */
  nextAttemptAt(): number | null;
  subscribe(listener: (state: OutboxState) => void): () => void;
}

/**
 * A random UUID v4. crypto.randomUUID exists only in secure contexts (HTTPS, localhost); a phone
 * on a plain-HTTP intranet address still has getRandomValues.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function byOrder(a: OutboxEntry, b: OutboxEntry): number {
  return a.seq - b.seq || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { storage, send, userId } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const newKey = options.newKey ?? newIdempotencyKey;
  let entries: OutboxEntry[] = [];
  let sending: string | null = null;
  let running: Promise<FlushReport> | null = null;
  let lastSeq = 0;
  const listeners = new Set<(state: OutboxState) => void>();

  // load() replaces the list wholesale: an enqueue finishing while it reads must wait its turn.
  let turn: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const result = turn.then(fn, fn);
    turn = result.catch(() => {});
    return result;
  };

  const snapshot = (): OutboxState => ({ entries, sending });
  const emit = () => {
    const state = snapshot();
    for (const listener of [...listeners]) listener(state);
  };
  const replace = (entry: OutboxEntry) => {
    entries = entries.map((e) => (e.key === entry.key ? entry : e));
  };
  const drop = (key: string) => {
    entries = entries.filter((e) => e.key !== key);
  };

  function load(): Promise<OutboxState> {
    return serial(loadNow);
  }

  async function loadNow(): Promise<OutboxState> {
    const all = await storage.all();
    lastSeq = Math.max(lastSeq, ...all.map((e) => e.seq));
    entries = all.filter((e) => e.userId === userId).sort(byOrder);
    emit();
    return snapshot();
  }

  function enqueue(input: OutboxInput): Promise<OutboxEntry> {
    return serial(() => enqueueNow(input));
  }

  async function enqueueNow(input: OutboxInput): Promise<OutboxEntry> {
    const at = now();
    // Milliseconds × 1000 keeps the order across reloads and tabs; +1 keeps it within one.
    lastSeq = Math.max(lastSeq + 1, at * 1000);
    const entry: OutboxEntry = {
      key: newKey(),
      seq: lastSeq,
      userId,
      kind: input.kind,
      request: input.request,
      taskId: input.taskId ?? null,
      label: input.label ?? '',
      createdAt: new Date(at).toISOString(),
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      refused: null,
    };
    await storage.put(entry);
    entries = [...entries, entry].sort(byOrder);
    emit();
    return entry;
  }

  async function sendWaiting(force: boolean): Promise<FlushReport> {
    const report: FlushReport = { sent: 0, refused: 0, blocked: false, unauthorized: false };
    // Another tab may have sent or added entries since: the stored list is the truth.
    await load();
    for (;;) {
      const entry = entries.find((e) => e.refused === null);
      if (!entry) return report;
      if (!force && entry.nextAttemptAt !== null && entry.nextAttemptAt > now()) {
        report.blocked = true;
        return report;
      }
      sending = entry.key;
      emit();
      let result: SendResult | null = null;
      let failure: string | null = null;
      try {
        result = await send(entry);
      } catch (e) {
        failure = e instanceof Error ? e.message : String(e);
      }
      sending = null;
      const verdict = result ? verdictOf(result.status, result.code) : 'retry';
      if (verdict === 'done' && result) {
        // Removed only now: a crash before this line sends it again, with the same key.
        await storage.remove(entry.key);
        drop(entry.key);
        report.sent += 1;
        emit();
        options.onSent?.(entry, result);
        continue;
      }
      if (verdict === 'refused' && result) {
        const refused: OutboxEntry = {
          ...entry,
          attempts: entry.attempts + 1,
          nextAttemptAt: null,
          refused: { status: result.status, code: result.code, message: result.message },
        };
        await storage.put(refused);
        replace(refused);
        report.refused += 1;
        emit();
        continue;
      }
      if (verdict === 'unauthorized') {
        report.unauthorized = true;
        report.blocked = true;
        emit();
        return report;
      }
      const attempts = entry.attempts + 1;
      const retried: OutboxEntry = {
        ...entry,
        attempts,
        nextAttemptAt: now() + retryDelay(attempts, random),
        lastError: failure ?? (result ? `${result.status} ${result.message}`.trim() : null),
      };
      await storage.put(retried);
      replace(retried);
      report.blocked = true;
      emit();
      return report;
    }
  }

  function flush(flushOptions: { force?: boolean } = {}): Promise<FlushReport> {
    if (running) return running;
    running = sendWaiting(flushOptions.force ?? false).finally(() => {
      running = null;
      sending = null;
    });
    return running;
  }

  async function dismiss(key: string): Promise<void> {
    const entry = entries.find((e) => e.key === key);
    if (!entry || entry.refused === null) return;
    await storage.remove(key);
    drop(key);
    emit();
  }

  function nextAttemptAt(): number | null {
    const first = entries.find((e) => e.refused === null);
    return first?.nextAttemptAt ?? null;
  }

  return {
    load,
    state: snapshot,
    enqueue,
    flush,
    dismiss,
    nextAttemptAt,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}

/** Keeps entries in memory only: for tests, and where the device offers no IndexedDB. */
export function memoryOutboxStorage(initial: OutboxEntry[] = []): OutboxStorage & { entries: Map<string, OutboxEntry> } {
  const entries = new Map(initial.map((e) => [e.key, structuredClone(e)]));
  return {
    entries,
    all: async () => [...entries.values()].map((e) => structuredClone(e)),
    put: async (entry) => {
      entries.set(entry.key, structuredClone(entry));
    },
    remove: async (key) => {
      entries.delete(key);
    },
  };
}

export type { FetchLike };

/**
 * Sends an entry: JSON body, its Idempotency-Key, the session cookie. A refusal is an answer here
 * (the outbox decides what it means), read from the same error envelope as every other call; the
 * session hears of a 401 once per flush (use-outbox), not once per entry.
 */
export function fetchSender(fetchImpl?: FetchLike, baseUrl = ''): Sender {
  return async (entry) => {
    const res = await sendRequest(entry.request.path, {
      method: entry.request.method,
      json: entry.request.body,
      idempotencyKey: entry.key,
      baseUrl,
      fetch: fetchImpl,
    });
    let code: string | null = null;
    let message = `${res.status} ${res.statusText}`.trim();
    if (!res.ok) ({ code, message } = await apiErrorOf(baseUrl + entry.request.path, res));
    else await res.body?.cancel().catch(() => {});
    return { status: res.status, code, message, replayed: res.headers.get('idempotent-replayed') === 'true' };
  };
}
