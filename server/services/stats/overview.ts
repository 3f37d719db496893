// Pure assembly of the wall's overview from the cached coverage digest and fresh incident figures.
import { INCIDENT_STATUSES } from '../../domain/vocabulary'
import type { IncidentFigures, OnTimeRow, RecentGroup } from '../../repositories/stats.repository'
import type { StatsOverviewBody } from '../../schemas/stats.schema'
import type { CoverageReport } from '../coverage/coverage.service'

/** Blind spots the wall draws as shapes; the grid kinds are shown on the grids themselves. */
export const MAP_BLIND_SPOT_KINDS = ['gap', 'overlap', 'household_outside', 'household_multi', 'grid_outside_community', 'region_empty'] as const

/** What the wall keeps of a coverage report: no household lists, only what it shows. */
export interface CoverageDigest {
  region: { code: string; name: string; level: string }
  gridCount: number
  households: number
  householdsOutside: number
  regionAreaM2: number
  coveredAreaM2: number
  blindSpots: number
  blindSpotsByKind: Record<string, number>
  service: StatsOverviewBody['service']
  grids: StatsOverviewBody['grids']
  mapBlindSpots: { type: 'Feature'; geometry: { type: string; coordinates: unknown }; properties: { kind: string; severity: string; areaM2?: number } }[]
}

export const rate = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null)

export function digestCoverage(report: CoverageReport): CoverageDigest {
  const s = report.summary
  const mapKinds: readonly string[] = MAP_BLIND_SPOT_KINDS
  return {
    region: { code: s.regionCode, name: s.regionName, level: s.regionLevel },
    gridCount: s.gridCount,
    households: s.households,
    householdsOutside: s.householdsOutside,
    regionAreaM2: s.regionAreaM2,
    coveredAreaM2: s.coveredAreaM2,
    blindSpots: s.blindSpots,
    blindSpotsByKind: { ...s.blindSpotsByKind } as Record<string, number>,
    service: Object.entries(s.service).map(([category, v]) => ({
      category,
      distanceM: v.distanceM,
      servicePoints: v.servicePoints,
      householdsLacking: v.householdsLacking,
      coverage: rate(s.households - v.householdsLacking, s.households),
    })),
    grids: report.scores.grids.map((g) => ({ id: g.id, score: g.score, kinds: g.kinds })),
    mapBlindSpots: report.blindSpots.features
      .filter((f) => f.geometry && mapKinds.includes(f.properties.kind))
      .map((f) => ({
        type: 'Feature' as const,
        geometry: f.geometry!,
        properties: { kind: f.properties.kind, severity: f.properties.severity, ...(f.properties.areaM2 !== undefined ? { areaM2: f.properties.areaM2 } : {}) },
      })),
  }
}

const DAY_MS = 86_400_000
const UTC8_MS = 8 * 3_600_000

/** The first instant of the day (UTC+8) `days - 1` days before `now`'s: the start of a `days`-day window ending today. */
export function windowStart(now: Date, days: number): Date {
  const localMidnight = Math.floor((now.getTime() + UTC8_MS) / DAY_MS) * DAY_MS - UTC8_MS
  return new Date(localMidnight - (days - 1) * DAY_MS)
}

/** `days` consecutive day keys (YYYY-MM-DD, UTC+8) from `from`. */
export function dayKeys(from: Date, days: number): string[] {
  return Array.from({ length: days }, (_, i) => new Date(from.getTime() + UTC8_MS + i * DAY_MS).toISOString().slice(0, 10))
}

function countBy(groups: RecentGroup[], key: 'category' | 'status' | 'day'): Map<string, number> {
  const counts = new Map<string, number>()
  for (const g of groups) counts.set(g[key], (counts.get(g[key]) ?? 0) + g.count)
  return counts
}

export interface OverviewParts {
  coverage: CoverageDigest
  coverageAsOf: Date
  asOf: Date
  windowFrom: Date
  windowDays: number
  workers: number
  figures: IncidentFigures
  recent: RecentGroup[]
  onTime: OnTimeRow[]
}

export function assembleOverview(p: OverviewParts): StatsOverviewBody {
  const c = p.coverage
  const byDay = countBy(p.recent, 'day')
  const byStatus = countBy(p.recent, 'status')
  const byCategory = [...countBy(p.recent, 'category')].map(([key, count]) => ({ key, count }))
  byCategory.sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
  const ranking = p.onTime.map((u) => ({ ...u, onTimeRate: rate(u.closedOnTime, u.due) }))
  // Best first; units with nothing due have no rate and go last.
  ranking.sort((a, b) => (b.onTimeRate ?? -1) - (a.onTimeRate ?? -1) || b.due - a.due || a.code.localeCompare(b.code))
  return {
    region: c.region,
    asOf: p.asOf.toISOString(),
    coverageAsOf: p.coverageAsOf.toISOString(),
    kpis: {
      grids: c.gridCount,
      households: c.households,
      workers: p.workers,
      areaCoverage: rate(c.coveredAreaM2, c.regionAreaM2),
      householdCoverage: rate(c.households - c.householdsOutside, c.households),
      openIncidents: p.figures.open,
      overdueIncidents: p.figures.overdue,
      onTimeRate: rate(p.figures.closedOnTime, p.figures.due),
      rated: p.figures.rated,
      satisfactionRate: rate(p.figures.satisfied, p.figures.rated),
      blindSpots: c.blindSpots,
    },
    perDay: dayKeys(p.windowFrom, p.windowDays).map((day) => ({ day, count: byDay.get(day) ?? 0 })),
    byCategory,
    // Lifecycle order, so the stages read as a pipeline.
    byStage: INCIDENT_STATUSES.filter((s) => byStatus.has(s)).map((key) => ({ key, count: byStatus.get(key)! })),
    onTimeRanking: ranking,
    service: c.service,
    grids: c.grids,
    blindSpotsByKind: c.blindSpotsByKind,
  }
}
