// Reads that go past the plain list: the polygon check, server-side bins, KPIs and breakdowns.
import type { Database, Queryable } from '../../db/database'
import { AppError } from '../../errors'
import { incidentsRepository } from '../../repositories/incidents.repository'
import { incidentsStatsRepository, type CellKind, type IncidentKpiCounts } from '../../repositories/incidents-stats.repository'
import type { Bbox } from '../../schemas/common.schema'
import { assertKnownRegion } from '../known-region'
import { parseIncidentFilter, type IncidentFilter, type IncidentFilterQuery } from '../incident-filter'
import { binRing, estimatedBins, MAX_BINS, mercatorSize, ringBbox } from './bins'

type IncidentsStats = ReturnType<typeof incidentsStatsRepository>

/**
 * Parses the filter, refuses a region or grid that does not exist (an empty answer would look like
 * a quiet place), and asks PostGIS whether a drawn polygon is valid before any query uses it.
 */
export async function resolveIncidentFilter(db: Queryable, query: IncidentFilterQuery): Promise<IncidentFilter> {
  const filter = parseIncidentFilter(query)
  await assertKnownRegion(db, filter.region)
  if (filter.grid && !(await incidentsRepository(db).gridExists(filter.grid))) {
    throw new AppError(400, 'invalid_filter', `grid: no grid "${query.grid}"`, { parameter: 'grid' })
  }
  if (filter.polygon) {
    const problem = await incidentsRepository(db).polygonProblem(filter.polygon)
    if (problem) throw new AppError(400, 'invalid_filter', `polygon: not a valid polygon (${problem})`, { parameter: 'polygon', reason: problem })
  }
  return filter
}

/** The smallest area the filter names (bbox, polygon, grid, region), else everything there is. */
async function areaOf(stats: IncidentsStats, filter: IncidentFilter): Promise<Bbox | null> {
  const named = [filter.bbox, filter.polygon && ringBbox(filter.polygon)].filter((b): b is Bbox => Boolean(b))
  if (named.length) return named.sort((a, b) => (a[2] - a[0]) * (a[3] - a[1]) - (b[2] - b[0]) * (b[3] - b[1]))[0]
  return stats.extentOf(filter)
}

export async function aggregateIncidents(db: Database, filter: IncidentFilter, cell: CellKind, sizeM: number) {
  const { rows, size } = await db.transaction(async (tx) => {
    const stats = incidentsStatsRepository(tx)
    await stats.tuneForBins(filter)
    const area = await areaOf(stats, filter)
    if (area) {
      const estimate = estimatedBins(cell, sizeM, area)
      if (estimate > MAX_BINS) {
        throw new AppError(
          400,
          'bin_too_small',
          `sizeM: ${sizeM} m cells would make about ${estimate} bins over this area (at most ${MAX_BINS}); use a larger size or a smaller area`,
          {
            parameter: 'sizeM',
            estimatedBins: estimate,
            maxBins: MAX_BINS,
          },
        )
      }
    }
    const latitude = area ? (area[1] + area[3]) / 2 : 0
    const size = mercatorSize(sizeM, latitude)
    return { rows: await stats.bins(filter, cell, size), size }
  })
  const features = rows.map(({ q, r, count, overdue }) => ({
    type: 'Feature' as const,
    id: `${q}:${r}`,
    geometry: { type: 'Polygon' as const, coordinates: [binRing(cell, q, r, size)] },
    properties: { key: `${q}:${r}`, count, overdue },
  }))
  return {
    type: 'FeatureCollection' as const,
    features,
    cell,
    sizeM,
    total: rows.reduce((sum, row) => sum + row.count, 0),
  }
}

export function kpiRates(k: IncidentKpiCounts) {
  const rate = (n: number | null, d: number | null) => (d ? Math.round(((n ?? 0) / d) * 10_000) / 10_000 : null)
  return {
    ...k,
    closeRate: rate(k.closed, k.due),
    onTimeCloseRate: rate(k.closedOnTime, k.due),
    reworkRate: rate(k.reworked, k.dispatched),
    extensionRate: rate(k.extended, k.dispatched),
    satisfactionRate: rate(k.satisfied, k.rated),
  }
}
