// How the admin view writes times and audit changes: pure.
import type { Lang } from '../../i18n/lang';

/** An instant in the county's time (Asia/Shanghai), as the other views show times. */
export function formatInstant(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleString(lang, {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The columns an audit entry changed: for an update those whose value differs, for an insert or
 * delete every column of the row there is; for a rehome (a summary, not a row) none.
 */
export function changedFields(action: string, before: unknown, after: unknown): string[] {
  if (action === 'rehome') return [];
  const old = isRecord(before) ? before : {};
  const now = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(old), ...Object.keys(now)])];
  if (action !== 'update') return keys;
  return keys.filter((key) => JSON.stringify(old[key]) !== JSON.stringify(now[key]));
}
