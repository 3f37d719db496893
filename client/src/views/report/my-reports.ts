// "我的上报": the reports made from this browser, kept in localStorage so that a resident finds
// their tracking codes again without an account. Only what the list shows is kept: no description,
// no phone, no position.
import { normalizeTrackingCode } from '../../../../server/domain/tracking-code';

export const MY_REPORTS_KEY = 'wangge.myReports';
/** Older entries fall off the end: the list is a convenience, not an archive. */
export const MY_REPORTS_MAX = 30;

export interface MyReport {
  code: string;
  category: string;
  /** ISO 8601, as the server answered. */
  reportedAt: string;
  /** The status last seen on the status page (or `reported` right after reporting). */
  status: string;
}

/** The subset of the Web Storage API used here, so tests can pass a map. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

function isEntry(value: unknown): value is MyReport {
  const v = value as Partial<MyReport> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.code === 'string' &&
    normalizeTrackingCode(v.code) === v.code &&
    typeof v.category === 'string' &&
    typeof v.reportedAt === 'string' &&
    typeof v.status === 'string'
  );
}

/** The stored list, newest first; whatever is not a well-formed entry is dropped, never thrown on. */
export function parseMyReports(raw: string | null): MyReport[] {
  if (!raw) return [];
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const seen = new Set<string>();
  const list: MyReport[] = [];
  for (const item of data) {
    if (!isEntry(item) || seen.has(item.code)) continue;
    seen.add(item.code);
    list.push({ code: item.code, category: item.category, reportedAt: item.reportedAt, status: item.status });
  }
  return list.slice(0, MY_REPORTS_MAX);
}

/** The list with `report` first (replacing an older entry with the same code), capped. */
export function withReport(list: MyReport[], report: MyReport): MyReport[] {
  return [report, ...list.filter((r) => r.code !== report.code)].slice(0, MY_REPORTS_MAX);
}

/** The list with the status last seen for `code`; unchanged (the same array) when it is not listed. */
export function withStatus(list: MyReport[], code: string, status: string): MyReport[] {
  if (!list.some((r) => r.code === code && r.status !== status)) return list;
  return list.map((r) => (r.code === code ? { ...r, status } : r));
}

function browserStore(): KeyValueStore | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null; // storage can be disabled (private mode, kiosk policies)
  }
}

export function loadMyReports(store: KeyValueStore | null = browserStore()): MyReport[] {
  try {
    return parseMyReports(store?.getItem(MY_REPORTS_KEY) ?? null);
  } catch {
    return [];
  }
}

/** Saves the list; false when the browser would not keep it (the page then says so). */
export function saveMyReports(list: MyReport[], store: KeyValueStore | null = browserStore()): boolean {
  if (!store) return false;
  try {
    store.setItem(MY_REPORTS_KEY, JSON.stringify(list));
    return true;
  } catch {
    return false; // quota or a disabled storage
  }
}
