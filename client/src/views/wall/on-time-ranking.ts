// The 按期结案率 ranking as a command centre reads it: the worst units first, so that the ones to
// act on are never cut off the bottom of the panel. Pure, unit-tested.
import type { StatsOverview } from '../../api/stats-client';
import { ON_TIME_TARGET, onTimeColor, type WallBar } from '../../charts/wall-chart-options';

export type OnTimeRow = StatsOverview['onTimeRanking'][number];

/** Lowest rate first; units with nothing due have no rate and go last; ties: more due first. */
export function worstFirst(rows: readonly OnTimeRow[]): OnTimeRow[] {
  const rank = (r: OnTimeRow) => (r.onTimeRate === null ? Number.POSITIVE_INFINITY : r.onTimeRate);
  return [...rows].sort((a, b) => rank(a) - rank(b) || b.due - a.due || a.code.localeCompare(b.code));
}

export interface RankingBars {
  bars: WallBar[];
  /** How many units the region has; more than `bars.length` when the best ones were left off. */
  total: number;
  /** How many of them are below the target. */
  below: number;
}

/** The `rows` worst units as bars, each coloured against the target (green only from the target up). */
export function onTimeRankingBars(ranking: readonly OnTimeRow[], rows: number, target = ON_TIME_TARGET): RankingBars {
  const sorted = worstFirst(ranking);
  return {
    bars: sorted.slice(0, rows).map((r) => ({ key: r.code, label: r.name, value: r.onTimeRate, color: onTimeColor(r.onTimeRate, target) })),
    total: sorted.length,
    below: sorted.filter((r) => r.onTimeRate !== null && r.onTimeRate < target).length,
  };
}
