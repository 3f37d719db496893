// Formatting of the wall's numbers, clock and freshness. Pure, so tests can compare tiles to the API.
import type { StatsKpisBody } from '../../../../server/schemas/stats.schema';
import type { Lang } from '../../i18n/lang';

export const KPI_KEYS = [
  'grids',
  'households',
  'workers',
  'area-coverage',
  'household-coverage',
  'open-incidents',
  'overdue-incidents',
  'on-time-rate',
  'satisfaction',
  'blind-spots',
] as const;
export type KpiKey = (typeof KPI_KEYS)[number];

/** The overview field behind each tile (data-testid="kpi-<key>"). */
export const KPI_FIELD: Record<KpiKey, keyof StatsKpisBody> = {
  grids: 'grids',
  households: 'households',
  workers: 'workers',
  'area-coverage': 'areaCoverage',
  'household-coverage': 'householdCoverage',
  'open-incidents': 'openIncidents',
  'overdue-incidents': 'overdueIncidents',
  'on-time-rate': 'onTimeRate',
  satisfaction: 'satisfactionRate',
  'blind-spots': 'blindSpots',
};

export const RATE_KPIS: ReadonlySet<KpiKey> = new Set(['area-coverage', 'household-coverage', 'on-time-rate', 'satisfaction']);
export const NO_VALUE = '—';

/** A rate as a percentage with one decimal, floored so that 99.96 % never reads "100.0 %". */
export function formatRate(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return NO_VALUE;
  const tenths = Math.floor(value * 1000 + 1e-9) / 10;
  return `${tenths.toFixed(1)}%`;
}

export function formatInteger(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(value);
}

export function formatKpi(key: KpiKey, kpis: StatsKpisBody, lang: Lang): string {
  const value = kpis[KPI_FIELD[key]];
  if (RATE_KPIS.has(key)) return formatRate(value);
  return value === null ? NO_VALUE : formatInteger(value, lang);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Wall clock in China time (UTC+8) whatever the machine's zone: "2026-11-28 17:05:09". */
export function clockParts(now: Date): { date: string; time: string; weekday: number } {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  return {
    date: `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`,
    time: `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`,
    weekday: local.getUTCDay(),
  };
}

/** "HH:MM:SS" (UTC+8) of an instant, for "stale since …" and the ticker. */
export function timeOfDay(at: Date | string): string {
  return clockParts(typeof at === 'string' ? new Date(at) : at).time;
}

/** When an incident was reported: "HH:MM" today (UTC+8), "MM-DD HH:MM" before. */
export function tickerTime(reportedAt: string, now: Date): string {
  const at = clockParts(new Date(reportedAt));
  return at.date === clockParts(now).date ? at.time.slice(0, 5) : `${at.date.slice(5)} ${at.time.slice(0, 5)}`;
}
