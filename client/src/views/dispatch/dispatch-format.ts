// Small pure helpers the dispatch view formats with: server errors to messages, the emergency
// alert of a timeline, durations, and the candidates grouped by their relation to the incident.

/** Error codes the view explains in words (`dispatch.error.<code>`); others show the server's message. */
export const KNOWN_ERRORS = [
  'illegal_transition',
  'unknown_worker',
  'note_required',
  'assignee_required',
  'invalid_request',
  'out_of_scope',
  'not_found',
  'forbidden',
  'unauthorized',
  'request_in_progress',
  'network',
] as const;
export type KnownError = (typeof KNOWN_ERRORS)[number];

export interface ErrorLike {
  code?: string | null;
  message?: string;
  details?: unknown;
  status?: number;
}

export interface ErrorMessage {
  code: KnownError | null;
  /** For illegal_transition: what the server says is allowed now. */
  allowed: string[];
  /** The server's own message, for codes the view does not know. */
  message: string;
}

export function describeError(error: unknown): ErrorMessage {
  const e = (error ?? {}) as ErrorLike;
  // fetch rejects with a TypeError when the server cannot be reached at all.
  if (error instanceof TypeError) return { code: 'network', allowed: [], message: error.message };
  const code = typeof e.code === 'string' && (KNOWN_ERRORS as readonly string[]).includes(e.code) ? (e.code as KnownError) : null;
  const details = e.details as { allowed?: unknown } | null | undefined;
  const allowed = Array.isArray(details?.allowed) ? details.allowed.filter((a): a is string => typeof a === 'string') : [];
  return { code, allowed, message: typeof e.message === 'string' ? e.message : String(error) };
}

export interface TimelineLike {
  event: string;
  details?: Record<string, unknown> | null;
}

/** The emergency alert the server sent to the linked grids' workers when the incident came in. */
export function alertSummary(timeline: readonly TimelineLike[]): { grids: string[]; workers: number } | null {
  const alert = [...timeline].reverse().find((e) => e.event === 'alert');
  if (!alert) return null;
  const d = alert.details ?? {};
  const grids = Array.isArray(d.gridCodes) ? d.gridCodes.filter((c): c is string => typeof c === 'string') : [];
  const workers = Array.isArray(d.workerIds) ? d.workerIds.length : 0;
  return { grids, workers };
}

/** Whole hours and minutes of a span, for "2小时5分" (minutes rounded down, at least 0). */
export function hoursMinutes(ms: number): { h: number; m: number } {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  return { h: Math.floor(minutes / 60), m: minutes % 60 };
}

export type Due =
  | { kind: 'none' }
  | { kind: 'left' | 'overdue'; unit: 'hm'; h: number; m: number }
  | { kind: 'left' | 'overdue'; unit: 'dh'; d: number; h: number };

/**
 * Time left until the deadline, or how long past it; only open work has a running clock. Under two
 * days in hours and minutes, beyond that in days and hours.
 */
export function dueState(deadlineAt: string | null, status: string, now: number): Due {
  if (!deadlineAt || !['dispatched', 'handled', 'verified', 'accepted', 'reported'].includes(status)) return { kind: 'none' };
  const ms = Date.parse(deadlineAt) - now;
  const kind = ms < 0 ? 'overdue' : 'left';
  const { h, m } = hoursMinutes(ms);
  return h < 48 ? { kind, unit: 'hm', h, m } : { kind, unit: 'dh', d: Math.floor(h / 24), h: h % 24 };
}

export type Age = { unit: 'now' } | { unit: 'min' | 'hour' | 'day'; n: number };

/** How long ago, coarsely: under a minute "now", then minutes, hours, days. */
export function ageOf(at: string, now: number): Age {
  const minutes = Math.floor((now - Date.parse(at)) / 60_000);
  if (minutes < 1) return { unit: 'now' };
  if (minutes < 60) return { unit: 'min', n: minutes };
  if (minutes < 48 * 60) return { unit: 'hour', n: Math.floor(minutes / 60) };
  return { unit: 'day', n: Math.floor(minutes / 1440) };
}

export const RELATIONS = ['own', 'adjacent', 'community'] as const;
export type Relation = (typeof RELATIONS)[number];

/**
 * Candidates grouped by relation in the server's order (own grid, adjacent, community), each group
 * keeping the server's order inside it; unknown relations last.
 */
export function groupByRelation<T extends { relation: string }>(candidates: readonly T[]): { relation: string; items: T[] }[] {
  const order = (r: string) => {
    const i = (RELATIONS as readonly string[]).indexOf(r);
    return i === -1 ? RELATIONS.length : i;
  };
  const groups = new Map<string, T[]>();
  for (const c of candidates) groups.set(c.relation, [...(groups.get(c.relation) ?? []), c]);
  return [...groups.entries()].sort(([a], [b]) => order(a) - order(b)).map(([relation, items]) => ({ relation, items }));
}
