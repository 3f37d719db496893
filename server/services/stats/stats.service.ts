import type { Database } from '../../db/database'
import { statsRepository } from '../../repositories/stats.repository'
import type { StatsOverviewBody } from '../../schemas/stats.schema'
import type { CoverageReport } from '../coverage/coverage.service'
import type { CoverageSettings } from '../coverage/coverage-settings'
import { compactPoints, type CompactPoints } from './compact-points'
import { assembleOverview, digestCoverage, windowStart, type CoverageDigest } from './overview'
import { createRefreshingCache, type RefreshingCache } from './refreshing-cache'

export const STATS_WINDOW_DAYS = 30

export interface StatsServiceOptions {
  db: Database
  coverage: CoverageSettings
  /** The coverage report as of now: the app's shared coverage cache (app.coverage.report). */
  coverageReport: (region: string) => Promise<CoverageReport>
  /** How old a cached coverage report may get before it is recomputed in the background. */
  coverageTtlMs: number
  onCoverageRefreshed?: (region: string, computedAt: Date) => void
  onError?: (region: string, error: unknown) => void
}

export interface StatsService {
  overview(region: string, now?: Date): Promise<StatsOverviewBody>
  blindSpots(region: string): Promise<{ type: 'FeatureCollection'; features: CoverageDigest['mapBlindSpots'] }>
  points(region: string, layer: 'households' | 'incidents', now?: Date): Promise<CompactPoints>
  /** Grids changed: every cached coverage report is recomputed in the background. */
  gridsChanged(): void
  /** Computes the coverage of these regions ahead of the first wall (in the background). */
  warm(regions: string[]): Promise<void>
  close(): void
}

/**
 * The wall's figures. Coverage (grids, households, area and household coverage, blind spots,
 * scores) comes from the coverage engine — the same report as GET /api/coverage, from the app's
 * coverage cache (which recomputes only the communities a write touched) — digested and kept here
 * so that a poll costs no report assembly; incident figures are read fresh on every call, so a new incident shows
 * at once. 按期结案率 and overdue incidents use the coverage engine's definitions.
 */
export function createStatsService(options: StatsServiceOptions): StatsService {
  const { db } = options
  const cache: RefreshingCache<CoverageDigest> = createRefreshingCache({
    compute: async (region) => digestCoverage(await options.coverageReport(region)),
    ttlMs: options.coverageTtlMs,
    maxEntries: 64,
    onRefreshed: (region, entry) => options.onCoverageRefreshed?.(region, new Date(entry.computedAt)),
    onError: options.onError,
  })
  // Households move only through imports, which announce grid.changed: their points are kept with
  // the same freshness as the coverage figures (and the households KPI) instead of being read per wall.
  const households: RefreshingCache<CompactPoints> = createRefreshingCache({
    compute: async (region) => compactPoints(await statsRepository(db).points(region, 'households', new Date())),
    ttlMs: options.coverageTtlMs,
    maxEntries: 64,
    onError: options.onError,
  })
  const windowDays = options.coverage.onTimeWindowDays

  return {
    async overview(region, now = new Date()) {
      const coverage = await cache.get(region)
      const repo = statsRepository(db)
      const windowFrom = windowStart(now, STATS_WINDOW_DAYS)
      // Side by side on a pool; the embedded engine's single connection queues them anyway.
      const [workers, figures, recent, onTime] = await Promise.all([
        repo.workers(region),
        repo.incidentFigures(region, now, windowDays),
        repo.recentGroups(region, windowFrom, now),
        repo.onTimeByUnit(region, coverage.value.region.level, now, windowDays),
      ])
      return assembleOverview({
        coverage: coverage.value,
        coverageAsOf: new Date(coverage.computedAt),
        asOf: now,
        windowFrom,
        windowDays: STATS_WINDOW_DAYS,
        workers,
        figures,
        recent,
        onTime,
      })
    },
    async blindSpots(region) {
      return { type: 'FeatureCollection', features: (await cache.get(region)).value.mapBlindSpots }
    },
    async points(region, layer, now = new Date()) {
      if (layer === 'households') return (await households.get(region)).value
      return compactPoints(await statsRepository(db).points(region, layer, windowStart(now, STATS_WINDOW_DAYS)))
    },
    gridsChanged: () => {
      cache.invalidateAll()
      households.invalidateAll()
    },
    async warm(regions) {
      for (const region of regions) await cache.get(region).catch((error) => options.onError?.(region, error))
    },
    close: () => {
      cache.close()
      households.close()
    },
  }
}
