import type { EmptyRegion, GapPiece, GeoJsonGeometry, HouseholdRef, OutsidePiece, OverlapPiece } from '../../repositories/coverage-area.repository'
import type { GridFacts, OverloadedWorker } from '../../repositories/coverage-grids.repository'
import type { ServiceGap } from '../../repositories/coverage-service.repository'
import type { BlindSpotKind, Explanation, Severity } from './blind-spot-kinds'
import type { CoverageSettings } from './coverage-settings'
import { explain } from './explanations'

export interface BlindSpotProperties {
  kind: BlindSpotKind
  severity: Severity
  explanation: Explanation
  areaM2?: number
  householdIds?: number[]
  householdExternalIds?: string[]
  gridId?: number
  gridCode?: string
  gridIds?: number[]
  gridCodes?: string[]
  communityCode?: string | null
  [extra: string]: unknown
}

export interface BlindSpot {
  type: 'Feature'
  geometry: GeoJsonGeometry | null
  properties: BlindSpotProperties
}

const DAY_MS = 86_400_000

const spot = (geometry: GeoJsonGeometry | null, properties: BlindSpotProperties): BlindSpot => ({ type: 'Feature', geometry, properties })

function multiPoint(households: HouseholdRef[]): GeoJsonGeometry {
  return { type: 'MultiPoint', coordinates: households.map((h) => [h.lng, h.lat]) }
}

function householdLists(households: HouseholdRef[]) {
  return { householdIds: households.map((h) => h.id), householdExternalIds: households.map((h) => h.externalId) }
}

/** Gaps, and the households standing in them (one household_outside spot per gap that has any). */
export function gapSpots(gaps: GapPiece[]): BlindSpot[] {
  return gaps.flatMap((gap) => {
    const spots = [
      spot(gap.geometry, {
        kind: 'gap',
        severity: gap.households.length > 0 ? 'high' : gap.areaM2 >= 100 ? 'medium' : 'low',
        explanation: explain.gap(gap.areaM2, gap.households.length, gap.communityCode),
        areaM2: gap.areaM2,
        communityCode: gap.communityCode,
        ...householdLists(gap.households),
      }),
    ]
    if (gap.households.length > 0) {
      spots.push(
        spot(multiPoint(gap.households), {
          kind: 'household_outside',
          severity: 'high',
          explanation: explain.householdOutside(gap.households.length),
          communityCode: gap.communityCode,
          ...householdLists(gap.households),
        }),
      )
    }
    return spots
  })
}

export function overlapSpots(overlaps: OverlapPiece[]): BlindSpot[] {
  return overlaps.flatMap((piece) => {
    const [a, b] = piece.gridCodes
    const common = { gridIds: piece.gridIds, gridCodes: piece.gridCodes, ...householdLists(piece.households) }
    const spots = [
      spot(piece.geometry, {
        kind: 'overlap',
        severity: piece.households.length > 0 ? 'high' : 'medium',
        explanation: explain.overlap(piece.areaM2, a, b, piece.households.length),
        areaM2: piece.areaM2,
        ...common,
      }),
    ]
    if (piece.households.length > 0) {
      spots.push(
        spot(multiPoint(piece.households), {
          kind: 'household_multi',
          severity: 'medium',
          explanation: explain.householdMulti(piece.households.length, a, b),
          ...common,
        }),
      )
    }
    return spots
  })
}

export function outsideCommunitySpots(pieces: OutsidePiece[]): BlindSpot[] {
  return pieces.map((piece) =>
    spot(piece.geometry, {
      kind: 'grid_outside_community',
      severity: 'medium',
      explanation: explain.outsideCommunity(piece.gridCode, piece.areaM2, piece.communityCode),
      areaM2: piece.areaM2,
      gridId: piece.gridId,
      gridCode: piece.gridCode,
      communityCode: piece.communityCode,
    }),
  )
}

export function emptyRegionSpots(regions: EmptyRegion[]): BlindSpot[] {
  return regions.map((region) =>
    spot(region.geometry, {
      kind: 'region_empty',
      severity: 'high',
      explanation: explain.emptyRegion(region.code, region.level),
      regionCode: region.code,
      regionLevel: region.level,
      communityCode: region.level === 'community' ? region.code : null,
    }),
  )
}

/** Rate of incidents closed on time among those due, or null when too few were due to judge. */
export function onTimeRate(grid: Pick<GridFacts, 'due' | 'closedOnTime'>, minDue: number): number | null {
  return grid.due >= minDue ? grid.closedOnTime / grid.due : null
}

/** Staffing, party building, size norms, patrols and incident handling, grid by grid. */
export function gridSpots(grid: GridFacts, settings: CoverageSettings, asOf: Date): BlindSpot[] {
  const spots: BlindSpot[] = []
  const base = { gridId: grid.id, gridCode: grid.code, communityCode: grid.communityCode }
  const add = (kind: BlindSpotKind, severity: Severity, explanation: Explanation, extra: Record<string, unknown> = {}) =>
    spots.push(spot(grid.geometry, { kind, severity, explanation, ...base, ...extra }))

  if (grid.workers === 0) add('grid_unstaffed', 'high', explain.unstaffed(grid.code, grid.households), { households: grid.households })
  if (grid.partyMemberWorkers === 0 && grid.partyGroupMembers === 0) add('grid_no_party_member', 'medium', explain.noPartyMember(grid.code))

  if (grid.type === 'comprehensive') {
    if (grid.households === 0) add('grid_empty', 'low', explain.emptyGrid(grid.code))
    else if (grid.households > settings.householdsMax || grid.population > settings.populationMax) {
      add('grid_oversized', 'medium', explain.oversized(grid.code, grid.households, grid.population, settings.householdsMax, settings.populationMax), {
        households: grid.households,
        population: grid.population,
      })
    } else if (grid.households < settings.householdsMin) {
      add('grid_undersized', 'low', explain.undersized(grid.code, grid.households, settings.householdsMin), { households: grid.households })
    }
  }

  const daysSincePatrol = grid.lastPatrolAt ? Math.floor((asOf.getTime() - new Date(grid.lastPatrolAt).getTime()) / DAY_MS) : null
  if (daysSincePatrol === null || daysSincePatrol >= settings.patrolDays) {
    add('grid_unpatrolled', daysSincePatrol === null ? 'high' : 'medium', explain.unpatrolled(grid.code, daysSincePatrol, settings.patrolDays), {
      lastPatrolAt: grid.lastPatrolAt,
      daysSincePatrol,
    })
  }

  if (grid.overdueOpen > 0)
    add('grid_overdue', grid.overdueOpen >= 3 ? 'high' : 'medium', explain.overdue(grid.code, grid.overdueOpen), { overdue: grid.overdueOpen })
  const rate = onTimeRate(grid, settings.onTimeMinDue)
  if (rate !== null && rate < settings.onTimeThreshold) {
    add('grid_low_on_time_rate', 'medium', explain.lowOnTimeRate(grid.code, rate, grid.due, settings.onTimeThreshold), { onTimeRate: rate, due: grid.due })
  }
  return spots
}

export function overloadedWorkerSpots(workers: OverloadedWorker[], maxGrids: number): BlindSpot[] {
  return workers.map((worker) =>
    spot(worker.geometry, {
      kind: 'worker_overloaded',
      severity: 'medium',
      explanation: explain.overloadedWorker(worker.name, worker.gridIds.length, maxGrids),
      workerId: worker.id,
      workerName: worker.name,
      gridIds: worker.gridIds,
      gridCodes: worker.gridCodes,
    }),
  )
}

export function serviceGapSpots(gaps: ServiceGap[]): BlindSpot[] {
  return gaps
    .filter((gap) => gap.householdCount > 0)
    .map((gap) =>
      spot(gap.geometry, {
        kind: 'service_gap',
        severity: gap.servicePoints === 0 ? 'high' : 'medium',
        explanation: explain.serviceGap(gap.category, gap.distanceM, gap.householdCount),
        category: gap.category,
        distanceM: gap.distanceM,
        areaM2: gap.areaM2,
        householdCount: gap.householdCount,
        householdsListed: gap.households.length,
        ...householdLists(gap.households),
      }),
    )
}
