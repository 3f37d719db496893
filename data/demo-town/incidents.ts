// A year of incidents ending at "now": summer peak, weekday rhythm, daytime hours.

import {
  COUNTY_CODE,
  DAY_MS,
  INCIDENT_CATEGORIES,
  INCIDENT_CATEGORY_WEIGHTS,
  INCIDENT_DAYS,
  INCIDENT_SOURCES,
  INCIDENT_SOURCE_WEIGHTS,
  PRIORITIES,
  TZ_OFFSET_MS,
  type IncidentCategory,
  type IncidentSource,
} from './config';
import { FINE_COLS, FINE_ROWS, type Lattice, toLngLat, toMetric } from './lattice';
import { simulateLifecycle } from './lifecycle';
import { INCIDENT_TEXTS, EW_ROAD_NAMES } from './names';
import { streamRng, type Rng } from './prng';
import { pad } from './regions';
import type { Household, Incident } from './types';

const HOUR_WEIGHTS = [0.2, 0.1, 0.1, 0.1, 0.15, 0.3, 0.8, 1.6, 2.6, 3, 3, 2.6, 1.8, 2, 2.6, 2.8, 2.6, 2.2, 1.6, 1.3, 1, 0.8, 0.5, 0.3];
const REPORTERS: Record<IncidentSource, string> = {
  patrol: '网格员',
  resident: '居民',
  hotline: '12345热线',
  video: '视频监控',
  higher_level: '上级交办',
};
const PRIORITY_WEIGHTS = [20, 60, 15, 5];
const EMERGENCY_PRIORITY_WEIGHTS = [0, 10, 40, 50];

export function incidentId(serial: number): string {
  return `INC-${COUNTY_CODE}-${pad(serial, 7)}`;
}

/** 1 in mid-July, about 0.3 lower in mid-January. */
function seasonOf(dayStart: number): number {
  const d = new Date(dayStart + TZ_OFFSET_MS);
  const doy = (d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / DAY_MS;
  return Math.cos((2 * Math.PI * (doy - 196)) / 365.25);
}

function dayWeight(dayStart: number): number {
  const weekday = new Date(dayStart + TZ_OFFSET_MS).getUTCDay();
  const week = weekday === 0 ? 0.78 : weekday === 6 ? 0.85 : 1.08;
  return (1 + 0.35 * seasonOf(dayStart)) * week;
}

function categoryWeights(season: number): number[] {
  return INCIDENT_CATEGORIES.map((c, k) => {
    const w = INCIDENT_CATEGORY_WEIGHTS[k]!;
    if (c === 'environment') return w * (1 + 0.3 * season);
    if (c === 'emergency') return w * (1 + 0.8 * season);
    return w;
  });
}

export type IncidentOptions = { perCopy: number; now: number };

export function generateIncidents(
  lattice: Lattice,
  copyIndex: number,
  households: Household[],
  firstSerial: number,
  opts: IncidentOptions,
): { incidents: Incident[]; nextSerial: number } {
  const rng = streamRng(lattice.seed, 'incidents', copyIndex);
  const { now } = opts;
  const starts: number[] = [];
  const weights: number[] = [];
  for (let d = INCIDENT_DAYS - 1; d >= 0; d--) {
    const start = now - (d + 1) * DAY_MS;
    starts.push(start);
    weights.push(dayWeight(start));
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const incidents: Incident[] = [];
  let serial = firstSerial;
  for (let k = 0; k < starts.length; k++) {
    const dayStart = starts[k]!;
    const expected = (opts.perCopy * weights[k]!) / total;
    const n = Math.floor(expected + rng.next());
    const times: number[] = [];
    for (let m = 0; m < n; m++) times.push(dayStart + rng.weighted(HOUR_WEIGHTS) * 3600_000 + rng.int(0, 3599) * 1000);
    times.sort((a, b) => a - b);
    const catWeights = categoryWeights(seasonOf(dayStart));
    for (const reportedAt of times) incidents.push(makeIncident(rng, lattice, copyIndex, households, serial++, reportedAt, catWeights, now));
  }
  return { incidents, nextSerial: serial };
}

function makeIncident(
  rng: Rng,
  lattice: Lattice,
  copyIndex: number,
  households: Household[],
  serial: number,
  reportedAt: number,
  catWeights: number[],
  now: number,
): Incident {
  const category = INCIDENT_CATEGORIES[rng.weighted(catWeights)] as IncidentCategory;
  const source = INCIDENT_SOURCES[rng.weighted(INCIDENT_SOURCE_WEIGHTS)]!;
  const priority = PRIORITIES[rng.weighted(category === 'emergency' ? EMERGENCY_PRIORITY_WEIGHTS : PRIORITY_WEIGHTS)]!;
  let lng: number;
  let lat: number;
  let where: string;
  if (rng.chance(0.75)) {
    const h = rng.pick(households);
    const m = toMetric([h.lng, h.lat]);
    // Households keep ≥ 8 m from their lattice cell's edges, so ±5 m stays in the same cell (and grid).
    [lng, lat] = toLngLat({ x: m.x + rng.range(-5, 5), y: m.y + rng.range(-5, 5) });
    where = h.address.replace(/\d+栋.*$|\d+号$/, '');
  } else {
    // On a road: along an inner east–west lattice line of this copy (never on the county edge).
    const { gi, gj } = lattice.copyFineOrigin(copyIndex);
    const i = gi + rng.int(1, FINE_COLS - 2);
    const jl = rng.int(1, FINE_ROWS - 1);
    const a = lattice.metric(i, gj + jl);
    const b = lattice.metric(i + 1, gj + jl);
    const t = rng.next();
    [lng, lat] = toLngLat({ x: a.x + t * (b.x - a.x) + rng.range(-4, 4), y: a.y + t * (b.y - a.y) + rng.range(-4, 4) });
    where = EW_ROAD_NAMES[jl]!;
  }
  const lc = simulateLifecycle(rng, category, priority, REPORTERS[source], reportedAt, now);
  const r = (v: number | null) => (v === null ? null : Math.round(v));
  return {
    externalId: incidentId(serial),
    category,
    source,
    priority,
    status: lc.status,
    description: `${rng.pick(INCIDENT_TEXTS[category]!)}（${where}）`,
    lng,
    lat,
    reportedAt,
    acceptedAt: r(lc.acceptedAt),
    rejectedAt: r(lc.rejectedAt),
    dispatchedAt: r(lc.dispatchedAt),
    deadlineAt: r(lc.deadlineAt),
    handledAt: r(lc.handledAt),
    verifiedAt: r(lc.verifiedAt),
    closedAt: r(lc.closedAt),
    updatedAt: Math.round(lc.updatedAt),
    events: lc.events.map((e) => ({ ...e, at: Math.round(e.at) })),
  };
}
