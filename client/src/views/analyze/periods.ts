// Periods of whole days on /analyze: the playback slider's range and the KPI comparison with the
// period of the same length just before. Days are YYYY-MM-DD in the county's time (UTC+8), as the
// filters have them; a period's `to` is exclusive, like the filter's.
import { addDays } from './analyze-state';

export interface Period {
  from: string;
  /** The day after the last one. */
  to: string;
}

/** The first and last day with data (both included). */
export interface DayRange {
  first: string;
  last: string;
}

const DAY_MS = 86_400_000;
/** UTC+8: the demo town's (and the API's day boundaries') offset. */
const OFFSET_MS = 8 * 3_600_000;

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The period of the same length that ends where `period` begins. */
export function earlierPeriod(period: Period): Period {
  return { from: addDays(period.from, -daysBetween(period.from, period.to)), to: period.from };
}

/** The county's day (UTC+8) of an instant given in seconds since 1970. */
export function dayOfSeconds(seconds: number): string {
  return new Date(seconds * 1000 + OFFSET_MS).toISOString().slice(0, 10);
}

/** The first and last day of `count` instants (seconds since 1970); null for none. */
export function dayRangeOf(times: ArrayLike<number>, count = times.length): DayRange | null {
  if (!count) return null;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < count; i++) {
    if (times[i] < min) min = times[i];
    if (times[i] > max) max = times[i];
  }
  return { first: dayOfSeconds(min), last: dayOfSeconds(max) };
}

/**
 * The days the KPIs cover: the playback window when they follow it, else the filter's from/to with
 * a missing side taken from the data's own first/last day. Null when that is unknown or empty.
 */
export function kpiPeriod(
  filter: { from: string | null; to: string | null; playAt: string | null; windowDays: number },
  followsPlayback: boolean,
  data: DayRange | null,
): Period | null {
  if (followsPlayback && filter.playAt) return { from: filter.playAt, to: addDays(filter.playAt, filter.windowDays) };
  const from = filter.from ?? data?.first ?? null;
  const to = filter.to ?? (data ? addDays(data.last, 1) : null);
  return from && to && daysBetween(from, to) > 0 ? { from, to } : null;
}

/**
 * The playback window's possible first days, as the slider's positions 0…last: from `first` to
 * the day that still fits the whole window before `last` (`first` itself when the range is shorter).
 */
export function playbackStarts(
  first: string,
  last: string,
  windowDays: number,
): { last: number; dayAt: (i: number) => string; indexOf: (day: string) => number } {
  const lastIndex = Math.max(0, daysBetween(first, last) - windowDays + 1);
  return {
    last: lastIndex,
    dayAt: (i) => addDays(first, Math.min(lastIndex, Math.max(0, Math.round(i)))),
    indexOf: (day) => Math.min(lastIndex, Math.max(0, daysBetween(first, day))),
  };
}

/** A KPI's change against the earlier period; null when either side has no value. */
export function kpiChange(current: number | null | undefined, earlier: number | null | undefined): number | null {
  return current === null || current === undefined || earlier === null || earlier === undefined ? null : current - earlier;
}
