// The dispatcher's queue as pure logic: which filters are on (kept in the URL, so a reload or a
// shared link shows the same queue), the query string the server gets, and the order rows are shown in.

import { INCIDENT_CATEGORIES, OPEN_STATUSES } from '../../../../server/domain/vocabulary';

export { OPEN_STATUSES };
export const QUEUE_STATUSES = [...OPEN_STATUSES, 'rejected', 'closed'] as const;
export const QUEUE_CATEGORIES = INCIDENT_CATEGORIES;
export const SORTS = ['newest', 'urgent'] as const;
export const QUEUE_LIMIT = 200;

export type QueueStatus = (typeof QUEUE_STATUSES)[number];
export type QueueSort = (typeof SORTS)[number];

export interface QueueFilter {
  /** Empty means every status. */
  statuses: QueueStatus[];
  categories: string[];
  region: string | null;
  overdue: boolean;
  sort: QueueSort;
}

export const DEFAULT_FILTER: QueueFilter = { statuses: [...OPEN_STATUSES], categories: [], region: null, overdue: false, sort: 'newest' };

/** What the queue needs of an incident to order and flag it. */
export interface QueueItem {
  id: number;
  status: string;
  priority: string;
  reportedAt: string;
  deadlineAt: string | null;
}

const isOpen = (status: string) => (OPEN_STATUSES as readonly string[]).includes(status);

/** Open, and past its deadline (the clock runs from dispatch, so only dispatched work can be overdue). */
export function isOverdue(item: Pick<QueueItem, 'status' | 'deadlineAt'>, now: number): boolean {
  return isOpen(item.status) && item.deadlineAt !== null && Date.parse(item.deadlineAt) < now;
}

const PRIORITY_RANK: Record<string, number> = { urgent: 0, high: 1, normal: 2, low: 3 };
const byNewest = (a: QueueItem, b: QueueItem) => Date.parse(b.reportedAt) - Date.parse(a.reportedAt) || b.id - a.id;

/**
 * `newest`: the latest report first, as the live queue reads. `urgent`: open work before finished
 * work, overdue first, then by priority, then the soonest deadline; ties newest first.
 */
export function sortQueue<T extends QueueItem>(items: readonly T[], sort: QueueSort, now: number): T[] {
  if (sort === 'newest') return [...items].sort(byNewest);
  const deadline = (i: QueueItem) => (i.deadlineAt === null ? Infinity : Date.parse(i.deadlineAt));
  return [...items].sort((a, b) => {
    const open = Number(isOpen(b.status)) - Number(isOpen(a.status));
    if (open) return open;
    const overdue = Number(isOverdue(b, now)) - Number(isOverdue(a, now));
    if (overdue) return overdue;
    const priority = (PRIORITY_RANK[a.priority] ?? 9) - (PRIORITY_RANK[b.priority] ?? 9);
    if (priority) return priority;
    const due = deadline(a) - deadline(b);
    if (due) return due;
    return byNewest(a, b);
  });
}

/** The query string of GET /api/incidents for the filter (without `?`). */
export function queueQuery(filter: QueueFilter, limit = QUEUE_LIMIT): string {
  const params = new URLSearchParams();
  if (filter.statuses.length) params.set('status', filter.statuses.join(','));
  if (filter.categories.length) params.set('category', filter.categories.join(','));
  if (filter.region) params.set('region', filter.region);
  if (filter.overdue) params.set('overdue', 'true');
  params.set('limit', String(limit));
  // Commas stay readable: the server splits on them either way.
  return params.toString().replace(/%2C/g, ',');
}

const pick = <T extends string>(raw: string | null, allowed: readonly T[]): T[] =>
  (raw ?? '')
    .split(',')
    .filter((v): v is T => (allowed as readonly string[]).includes(v))
    .filter((v, i, all) => all.indexOf(v) === i);

/**
 * The page's own parameter names. The app's header carries a view's query string to the others
 * (for `lang`), so these must not mean anything to them: /analyze reads `status` and `cat`.
 */
const P = { status: 'q-status', category: 'q-cat', region: 'region', overdue: 'q-overdue', sort: 'q-sort', open: 'open' } as const;

/**
 * The filter and the open incident from the page's query string. No status parameter means the
 * default (the open work); `all` means every status.
 */
export function parseDispatchUrl(search: string): { filter: QueueFilter; open: number | null } {
  const params = new URLSearchParams(search);
  const status = params.get(P.status);
  const region = params.get(P.region);
  const open = Number(params.get(P.open));
  const sort = params.get(P.sort);
  return {
    filter: {
      statuses: status === null ? [...OPEN_STATUSES] : status === 'all' ? [] : pick(status, QUEUE_STATUSES),
      categories: pick(params.get(P.category), QUEUE_CATEGORIES),
      region: region && /^\d{6,15}$/.test(region) ? region : null,
      overdue: params.get(P.overdue) === 'true',
      sort: (SORTS as readonly string[]).includes(sort ?? '') ? (sort as QueueSort) : 'newest',
    },
    open: Number.isInteger(open) && open > 0 ? open : null,
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((v) => b.includes(v));

/** The page's query string for a filter and open incident, keeping any other parameter (`lang`). */
export function dispatchSearch(search: string, filter: QueueFilter, open: number | null): string {
  const params = new URLSearchParams(search);
  for (const key of Object.values(P)) params.delete(key);
  if (!sameSet(filter.statuses, OPEN_STATUSES)) params.set(P.status, filter.statuses.length ? filter.statuses.join(',') : 'all');
  if (filter.categories.length) params.set(P.category, filter.categories.join(','));
  if (filter.region) params.set(P.region, filter.region);
  if (filter.overdue) params.set(P.overdue, 'true');
  if (filter.sort !== 'newest') params.set(P.sort, filter.sort);
  if (open !== null) params.set(P.open, String(open));
  const qs = params.toString().replace(/%2C/g, ',');
  return qs ? `?${qs}` : '';
}

/** Turns one value of a multi-choice filter on or off, keeping the canonical order. */
export function toggled<T extends string>(values: readonly T[], value: T, order: readonly T[]): T[] {
  const next = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  return order.filter((v) => next.includes(v));
}

/** The row the cursor lands on after moving by `delta` (clamped; from nothing, the first row). */
export function movedCursor(ids: readonly number[], cursor: number | null, delta: number): number | null {
  if (ids.length === 0) return null;
  const at = cursor === null ? -1 : ids.indexOf(cursor);
  if (at === -1) return ids[0];
  return ids[Math.max(0, Math.min(ids.length - 1, at + delta))];
}
