// The audit log's filter as the admin sets it, and the page of the server's answer it shows: pure.
import type { AuditAction, AuditEntry } from '../../api/admin-client';

export const AUDIT_PAGE_SIZE = 20;

export interface AuditFilter {
  /** Exact actor: a username, display:<name>, open311:<client>. Empty: anyone. */
  actor: string;
  action: AuditAction | '';
  /** As an <input type="datetime-local"> holds it, read as the county's time (Beijing); empty: no bound. */
  from: string;
  to: string;
}

export const NO_AUDIT_FILTER: AuditFilter = { actor: '', action: '', from: '', to: '' };

const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** The county's offset: Asia/Shanghai keeps +08:00 all year, so every view shows the same clock. */
export const COUNTY_OFFSET = '+08:00';

/** A datetime-local value (county time) as an instant; null for an empty or partial one (never sent half-typed). */
export function localToIso(value: string): string | null {
  if (!LOCAL_DATETIME.test(value)) return null;
  const date = new Date(`${value.length === 16 ? `${value}:00` : value}${COUNTY_OFFSET}`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/**
 * The query of one page, newest first. One entry more than a page is asked for: whether it comes
 * tells if there is a next page, without counting the whole log.
 */
export function auditQueryString(filter: AuditFilter, page: number): string {
  const params = new URLSearchParams();
  const actor = filter.actor.trim();
  if (actor) params.set('actor', actor);
  if (filter.action) params.set('action', filter.action);
  const from = localToIso(filter.from);
  if (from) params.set('from', from);
  const to = localToIso(filter.to);
  if (to) params.set('to', to);
  params.set('limit', String(AUDIT_PAGE_SIZE + 1));
  params.set('offset', String(page * AUDIT_PAGE_SIZE));
  return params.toString();
}

export function auditPage(entries: readonly AuditEntry[]): { rows: AuditEntry[]; hasMore: boolean } {
  return { rows: entries.slice(0, AUDIT_PAGE_SIZE), hasMore: entries.length > AUDIT_PAGE_SIZE };
}
