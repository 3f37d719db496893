// What the GPU filters the loaded incidents by, worked out once per load and per frame on the
// main thread: times as whole minutes since the earliest incident (exact in a Float32 for 31
// years, where seconds since 1970 would be rounded to 2 minutes), the playback window as an
// inclusive minute range, and how many incidents the filter keeps (the count the page shows).
import type { IncidentPoints } from '../../../../server/domain/points-layout';
import { CATEGORY_CODES } from '../../../../server/domain/points-layout';
import { addDays } from './analyze-state';

export interface LoadedIncidents extends IncidentPoints {
  /** The earliest minute (seconds since 1970 / 60, floored); minutes[i] counts from it. */
  originMinute: number;
  minutes: Float32Array;
}

export function withMinutes(points: IncidentPoints): LoadedIncidents {
  let min = Infinity;
  for (let i = 0; i < points.count; i++) if (points.times[i] < min) min = points.times[i];
  const originMinute = points.count ? Math.floor(min / 60) : 0;
  const minutes = new Float32Array(points.count);
  for (let i = 0; i < points.count; i++) minutes[i] = Math.floor(points.times[i] / 60) - originMinute;
  return { ...points, originMinute, minutes };
}

/** Local midnight (UTC+8) of a YYYY-MM-DD day, in seconds since 1970: the API's day boundary. */
export const dayStartSeconds = (day: string) => Date.parse(`${day}T00:00:00+08:00`) / 1000;

/**
 * The minutes kept, inclusive: [start, end − 1 minute] of the half-open window [start, end) of
 * whole-minute instants. Everything when no window is set.
 */
export function minuteRange(originMinute: number, playAt: string | null, windowDays: number): [number, number] {
  if (!playAt) return [-1, 2 ** 24];
  const start = dayStartSeconds(playAt) / 60 - originMinute;
  const end = dayStartSeconds(addDays(playAt, windowDays)) / 60 - originMinute;
  return [start, end - 1];
}

/** The category codes the GPU keeps: the chosen ones, or all when none is chosen. */
export function categoryCodes(categories: readonly string[]): number[] {
  const chosen = categories.length ? categories : CATEGORY_CODES;
  return CATEGORY_CODES.flatMap((c, code) => (chosen.includes(c) ? [code] : []));
}

/** How many incidents the filter keeps (what the GPU draws), counted exactly on the CPU. */
export function countKept(incidents: LoadedIncidents, [lo, hi]: [number, number], codes: readonly number[]): number {
  const keep = new Uint8Array(256);
  for (const c of codes) keep[c] = 1;
  let n = 0;
  for (let i = 0; i < incidents.count; i++) {
    const m = incidents.minutes[i];
    if (m >= lo && m <= hi && keep[incidents.categories[i]]) n++;
  }
  return n;
}

/** 1 for each incident the filter keeps, else 0: the heatmap's weights (it has no GPU filter). */
export function keptWeights(
  incidents: LoadedIncidents,
  [lo, hi]: [number, number],
  codes: readonly number[],
  into = new Float32Array(incidents.count),
): Float32Array {
  const keep = new Uint8Array(256);
  for (const c of codes) keep[c] = 1;
  for (let i = 0; i < incidents.count; i++) {
    const m = incidents.minutes[i];
    into[i] = m >= lo && m <= hi && keep[incidents.categories[i]] ? 1 : 0;
  }
  return into;
}
