// What the /analyze map's colours mean, worked out from what each layer draws: the value range of
// the hexagons (deck's own colour domain), of the grids' incidents per 100 households, of the heat's
// incidents per cell, and the statuses of the points with how many of each. Pure, for the legend
// (AnalysisLegend.tsx) and the hover (analysis-hover.ts).
import type { LoadedIncidents } from '../views/analyze/incident-window';

export type Range = [number, number];

/** The smallest and largest of `values` (non-finite ones left out), or null when there are none. */
export function valueRange(values: Iterable<number>): Range | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/** Where `value` sits on a colour ramp spanning `range`, 0..1 (0 when the range is one value). */
export function rampPosition(value: number, [lo, hi]: Range): number {
  if (hi <= lo) return 0;
  return Math.min(1, Math.max(0, (value - lo) / (hi - lo)));
}

/** A server bin's value on the map (the fallback over the cap): its count, or the share of it overdue. */
export const binValue = (b: { properties: { count: number; overdue: number } }, metric: 'count' | 'overdue'): number =>
  metric === 'count' ? b.properties.count : b.properties.count > 0 ? b.properties.overdue / b.properties.count : 0;

type Features = { features: { properties: Record<string, unknown> | null }[] } | null | undefined;
const numbers = (fc: Features, value: (p: Record<string, unknown>) => number): number[] =>
  (fc?.features ?? []).map((f) => (f.properties ? value(f.properties) : NaN));

/** What a legend's ramp spans for a layer, from what the layer draws now. */
export function legendRange(
  layer: 'heat' | 'hex' | 'points' | 'choropleth',
  metric: 'count' | 'overdue',
  drawn: {
    /** deck's hexagons: the colour domain it reports (their smallest and largest value). */
    hexDomain: Range | null;
    /** deck's heat: the kept incidents per cell. */
    heat: HeatCells | null;
    /** MapLibre's sources: the server's bins (with count, overdue), heat bins (count), grids (per100). */
    bins?: Features;
    heatBins?: Features;
    grids?: Features;
  },
  onGpu: boolean,
): Range | null {
  if (layer === 'choropleth') return valueRange(numbers(drawn.grids, (p) => Number(p.per100)));
  if (layer === 'hex') {
    if (onGpu) return drawn.hexDomain;
    return valueRange(numbers(drawn.bins, (p) => binValue({ properties: { count: Number(p.count), overdue: Number(p.overdue) } }, metric)));
  }
  if (layer === 'heat') return onGpu ? valueRange(drawn.heat?.counts.values() ?? []) : valueRange(numbers(drawn.heatBins, (p) => Number(p.count)));
  return null;
}

/** Heat cells are squares of this side: the server's heat bins are the same size. */
export const HEAT_CELL_M = 120;
const M_PER_DEG_LAT = 110_574;

/** Incidents counted per square cell of `HEAT_CELL_M` around a fixed origin; `at` finds a place's count. */
export interface HeatCells {
  counts: Map<string, number>;
  /** The count of the cell a place falls in (0 when empty). */
  at(lng: number, lat: number): number;
}

/**
 * Counts the incidents `keep` keeps per cell. Cells are measured on a plane tangent at `origin`
 * (metres east and north): at town scale the distortion is far below a cell.
 */
export function heatCells(lngLat: ArrayLike<number>, count: number, keep: (i: number) => boolean, origin: [number, number], cellM = HEAT_CELL_M): HeatCells {
  const mPerDegLng = M_PER_DEG_LAT * Math.cos((origin[1] * Math.PI) / 180);
  const key = (lng: number, lat: number) =>
    `${Math.floor(((lng - origin[0]) * mPerDegLng) / cellM)},${Math.floor(((lat - origin[1]) * M_PER_DEG_LAT) / cellM)}`;
  const counts = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    if (!keep(i)) continue;
    const k = key(lngLat[2 * i], lngLat[2 * i + 1]);
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return { counts, at: (lng, lat) => counts.get(key(lng, lat)) ?? 0 };
}

/** Whether the GPU filter keeps incident `i`: inside the minute window and of a chosen category. */
export function keptBy(incidents: LoadedIncidents, [lo, hi]: [number, number], categories: readonly number[]): (i: number) => boolean {
  const keep = new Uint8Array(256);
  for (const c of categories) keep[c] = 1;
  return (i) => {
    const m = incidents.minutes[i];
    return m >= lo && m <= hi && keep[incidents.categories[i]] === 1;
  };
}

/** How many kept incidents there are of each status code, the codes in order. */
export function statusCounts(incidents: LoadedIncidents, kept: (i: number) => boolean): Map<number, number> {
  const counts = new Map<number, number>();
  for (let i = 0; i < incidents.count; i++) if (kept(i)) counts.set(incidents.statuses[i], (counts.get(incidents.statuses[i]) ?? 0) + 1);
  return new Map([...counts].sort(([a], [b]) => a - b));
}

/** Incidents per 100 households, to one decimal as shown (0 for a grid with no households). */
export const per100Households = (count: number, households: number): number => (households > 0 ? Math.round((count / households) * 1000) / 10 : 0);

/** A legend's numbers as people read them: whole counts, rates to one decimal, shares in percent. */
export type LegendUnit = 'count' | 'per100' | 'share';

export function formatLegendValue(value: number, unit: LegendUnit, lang: string): string {
  if (unit === 'share') return `${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(value * 100)}%`;
  return new Intl.NumberFormat(lang, { maximumFractionDigits: unit === 'per100' ? 1 : 0 }).format(value);
}
