import type { Database } from '../../db/database'
import type { ServiceCategory } from '../../domain/vocabulary'
import { notFound } from '../../errors'
import {
  coverageAreaRepository,
  type EmptyRegion,
  type GapPiece,
  type OutsidePiece,
  type OverlapPiece,
  type RegionArea,
  type RegionFacts,
} from '../../repositories/coverage-area.repository'
import {
  coverageGridsRepository,
  type GridFacts,
  type HouseholdTotals,
  type OverloadedWorker,
  type WindowParams,
} from '../../repositories/coverage-grids.repository'
import { coverageServiceRepository, type ServiceGap } from '../../repositories/coverage-service.repository'
import { SEVERITY_RANK, type BlindSpotKind } from './blind-spot-kinds'
import {
  emptyRegionSpots,
  gapSpots,
  gridSpots,
  onTimeRate,
  outsideCommunitySpots,
  overlapSpots,
  overloadedWorkerSpots,
  serviceGapSpots,
  type BlindSpot,
} from './blind-spots'
import type { CoverageSettings } from './coverage-settings'
import { assertKnownRegion } from '../known-region'
import { rollUp, scoreGrids, type AreaScore, type GridScore } from './scores'

export interface CoverageSummary {
  regionCode: string
  regionName: string
  regionLevel: string
  asOf: string
  gridCount: number
  communityCount: number
  regionAreaM2: number
  coveredAreaM2: number
  gapAreaM2: number
  overlapAreaM2: number
  outsideCommunityAreaM2: number
  households: number
  population: number
  householdsOutside: number
  householdsMulti: number
  householdsUnvisited: number
  householdsInUnstaffedGrids: number
  gridsUnstaffed: number
  gridsNoPartyMember: number
  gridsOversized: number
  gridsUndersized: number
  gridsUnpatrolled: number
  gridsOverdue: number
  overdueIncidents: number
  onTimeRate: number | null
  service: Record<ServiceCategory, { distanceM: number; servicePoints: number; householdsLacking: number }>
  blindSpots: number
  blindSpotsByKind: Partial<Record<BlindSpotKind, number>>
  score: number
}

export interface CoverageReport {
  summary: CoverageSummary
  scores: { grids: GridScore[]; communities: AreaScore[]; streets: AreaScore[]; region: AreaScore }
  blindSpots: { type: 'FeatureCollection'; features: BlindSpot[] }
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)

/** Everything a report is made of, however it was gathered (one snapshot, or cached parts). */
export interface ReportIngredients {
  region: RegionFacts
  regions: RegionArea[]
  gaps: { pieces: GapPiece[]; uncoveredAreaM2: number }
  overlaps: { pieces: OverlapPiece[]; totalAreaM2: number }
  outside: OutsidePiece[]
  emptyRegions: EmptyRegion[]
  facts: GridFacts[]
  overloaded: OverloadedWorker[]
  totals: HouseholdTotals
  serviceGaps: ServiceGap[]
}

/**
 * The coverage report of one region (county, street or community): every blind spot with its
 * severity and explanation, the summary, and scores rolled up from grids to the region. All of
 * it is read in one REPEATABLE READ snapshot, so the numbers agree with each other.
 * (server/services/coverage/coverage-cache.ts serves the same report from cached parts.)
 */
export async function coverageReport(db: Database, code: string, settings: CoverageSettings, asOf = new Date()): Promise<CoverageReport> {
  await assertKnownRegion(db, code)
  // The map areas of service gaps are cached writes; the report itself reads one snapshot.
  await coverageServiceRepository(db).prepareAreas(code, settings.serviceDistanceM)
  return db.readSnapshot(REPORT_READERS, async (readers) => {
    // Independent queries, spread over the readers (all in one snapshot) to run side by side.
    const on = (i: number) => readers[i % readers.length]
    const window = reportWindow(settings, asOf)
    const min = settings.minAreaM2
    const [region, gaps, overlaps, outside, emptyRegions, regions, facts, overloaded, totals, serviceGaps] = await Promise.all([
      coverageAreaRepository(on(0)).regionFacts(code),
      coverageAreaRepository(on(1)).gaps(code, min),
      coverageAreaRepository(on(0)).overlaps(code, min),
      coverageAreaRepository(on(1)).gridsOutsideCommunity(code, min),
      coverageAreaRepository(on(1)).emptyRegions(code),
      coverageAreaRepository(on(1)).regionsUnder(code),
      coverageGridsRepository(on(1)).gridFacts(code, window),
      coverageGridsRepository(on(0)).overloadedWorkers(code, settings.maxGridsPerWorker),
      coverageGridsRepository(on(0)).householdTotals(code, window),
      coverageServiceRepository(on(1)).gaps(code, settings.serviceDistanceM, settings.serviceGapListMax),
    ])
    if (!region) throw notFound(`region ${code}`)
    return assembleReport({ region, gaps, overlaps, outside, emptyRegions, regions, facts, overloaded, totals, serviceGaps }, settings, asOf)
  })
}

/** Connections one report may use at once: the machines it runs on have few cores. */
export const REPORT_READERS = 2

export const reportWindow = (settings: CoverageSettings, asOf: Date): WindowParams => ({
  asOf,
  patrolDays: settings.patrolDays,
  onTimeWindowDays: settings.onTimeWindowDays,
})

/** Blind spots, summary and scores from the ingredients. */
export function assembleReport(ingredients: ReportIngredients, settings: CoverageSettings, asOf: Date): CoverageReport {
  const {
    region,
    regions,
    gaps: { pieces: gaps, uncoveredAreaM2 },
    overlaps,
    outside,
    emptyRegions,
    facts,
    overloaded,
    totals,
    serviceGaps,
  } = ingredients
  const features = [
    ...gapSpots(gaps),
    ...overlapSpots(overlaps.pieces),
    ...outsideCommunitySpots(outside),
    ...emptyRegionSpots(emptyRegions),
    ...facts.flatMap((grid) => gridSpots(grid, settings, asOf)),
    ...overloadedWorkerSpots(overloaded, settings.maxGridsPerWorker),
    ...serviceGapSpots(serviceGaps),
  ].sort((a, b) => SEVERITY_RANK[a.properties.severity] - SEVERITY_RANK[b.properties.severity])

  const byKind: Partial<Record<BlindSpotKind, number>> = {}
  for (const feature of features) byKind[feature.properties.kind] = (byKind[feature.properties.kind] ?? 0) + 1
  const count = (kind: BlindSpotKind) => byKind[kind] ?? 0

  // A grid's service shortfall: the mean over categories of the share of its households lacking one.
  const lackingShareByGrid = new Map<number, number>()
  const households = new Map(facts.map((grid) => [grid.id, grid.households]))
  for (const gap of serviceGaps) {
    for (const [gridId, lacking] of Object.entries(gap.byGrid)) {
      const total = households.get(Number(gridId))
      if (!total) continue
      lackingShareByGrid.set(Number(gridId), (lackingShareByGrid.get(Number(gridId)) ?? 0) + Math.min(1, lacking / total) / serviceGaps.length)
    }
  }
  const gridScores = scoreGrids(facts, features, lackingShareByGrid)
  const scores = rollUpScores(region.code, regions, gridScores, gaps)

  const gapAreaM2 = sum(gaps.map((gap) => gap.areaM2))
  const multi = new Set(overlaps.pieces.flatMap((piece) => piece.households.map((h) => h.id)))
  const due = sum(facts.map((grid) => grid.due))
  const summary: CoverageSummary = {
    regionCode: region.code,
    regionName: region.name,
    regionLevel: region.level,
    asOf: asOf.toISOString(),
    gridCount: region.gridCount,
    communityCount: region.communityCount,
    regionAreaM2: region.areaM2,
    coveredAreaM2: Math.max(0, region.areaM2 - uncoveredAreaM2),
    gapAreaM2,
    overlapAreaM2: overlaps.totalAreaM2,
    outsideCommunityAreaM2: sum(outside.map((piece) => piece.areaM2)),
    households: totals.households,
    population: totals.population,
    householdsOutside: sum(gaps.map((gap) => gap.households.length)),
    householdsMulti: multi.size,
    householdsUnvisited: totals.unvisited,
    householdsInUnstaffedGrids: sum(facts.filter((grid) => grid.workers === 0).map((grid) => grid.households)),
    gridsUnstaffed: count('grid_unstaffed'),
    gridsNoPartyMember: count('grid_no_party_member'),
    gridsOversized: count('grid_oversized'),
    gridsUndersized: count('grid_undersized'),
    gridsUnpatrolled: count('grid_unpatrolled'),
    gridsOverdue: count('grid_overdue'),
    overdueIncidents: sum(facts.map((grid) => grid.overdueOpen)),
    onTimeRate: onTimeRate({ due, closedOnTime: sum(facts.map((grid) => grid.closedOnTime)) }, 1),
    service: Object.fromEntries(
      serviceGaps.map((gap) => [gap.category, { distanceM: gap.distanceM, servicePoints: gap.servicePoints, householdsLacking: gap.householdCount }]),
    ) as CoverageSummary['service'],
    blindSpots: features.length,
    blindSpotsByKind: byKind,
    score: scores.region.score,
  }
  return { summary, scores, blindSpots: { type: 'FeatureCollection', features } }
}

/** Grids → communities → streets → the region, each weighted by households and covered area. */
function rollUpScores(code: string, regions: RegionArea[], grids: GridScore[], gaps: { communityCode: string | null; areaM2: number }[]) {
  const gapByCommunity = new Map<string | null, number>()
  for (const gap of gaps) gapByCommunity.set(gap.communityCode, (gapByCommunity.get(gap.communityCode) ?? 0) + gap.areaM2)
  const communities = regions
    .filter((r) => r.level === 'community')
    .map((c) =>
      rollUp(
        c.code,
        grids.filter((g) => g.communityCode === c.code),
        c.areaM2,
        gapByCommunity.get(c.code) ?? 0,
      ),
    )
  const streets = regions
    .filter((r) => r.level === 'street')
    .map((s) =>
      rollUp(
        s.code,
        communities.filter((c) => c.code.startsWith(s.code)),
        s.areaM2,
        0,
      ),
    )
  const self = regions.find((r) => r.code === code)
  const children = self?.level === 'county' ? streets : self?.level === 'street' ? communities : grids
  const region =
    self?.level === 'community' ? communities.find((c) => c.code === code)! : rollUp(code, children, self?.areaM2 ?? 0, gapByCommunity.get(null) ?? 0)
  return { grids, communities, streets, region }
}
