import type { BlindSpot } from './blind-spots'
import type { BlindSpotKind } from './blind-spot-kinds'

/**
 * Coverage health on a 0–100 scale, for colouring grids, communities and streets. A grid starts
 * at 100 and loses points per finding; its service shortfall (the mean over the eight categories
 * of the share of its households lacking that service) costs up to 20. A community is the
 * household-weighted mean of its grids, scaled by the share of its area that grids cover;
 * streets and the region roll up the same way from communities.
 */
export const GRID_PENALTY: Partial<Record<BlindSpotKind, number>> = {
  grid_unstaffed: 30,
  overlap: 15,
  grid_unpatrolled: 15,
  grid_low_on_time_rate: 15,
  grid_no_party_member: 10,
  grid_oversized: 10,
  grid_undersized: 5,
  grid_empty: 10,
  grid_outside_community: 10,
}
const OVERDUE_PENALTY_EACH = 5
const OVERDUE_PENALTY_MAX = 20
const SERVICE_PENALTY_MAX = 20

export interface GridScoreInput {
  id: number
  code: string
  name: string
  communityCode: string
  households: number
}

export interface GridScore extends GridScoreInput {
  score: number
  kinds: BlindSpotKind[]
}

export interface AreaScore {
  code: string
  score: number
  households: number
  gapAreaM2: number
  areaM2: number
}

const clamp = (value: number) => Math.max(0, Math.min(100, Math.round(value * 10) / 10))

export function scoreGrids(grids: GridScoreInput[], spots: BlindSpot[], serviceShortfallByGrid: Map<number, number>): GridScore[] {
  const kindsByGrid = new Map<number, Set<BlindSpotKind>>()
  const overdueByGrid = new Map<number, number>()
  for (const { properties: p } of spots) {
    const ids = p.gridId !== undefined ? [p.gridId] : p.kind === 'overlap' ? (p.gridIds ?? []) : []
    for (const id of ids) {
      const kinds = kindsByGrid.get(id) ?? new Set()
      kinds.add(p.kind)
      kindsByGrid.set(id, kinds)
    }
    if (p.kind === 'grid_overdue' && p.gridId !== undefined) overdueByGrid.set(p.gridId, Number(p.overdue))
  }
  return grids.map((grid) => {
    const kinds = [...(kindsByGrid.get(grid.id) ?? [])].sort()
    let score = 100 - kinds.reduce((sum, kind) => sum + (GRID_PENALTY[kind] ?? 0), 0)
    score -= Math.min(OVERDUE_PENALTY_MAX, OVERDUE_PENALTY_EACH * (overdueByGrid.get(grid.id) ?? 0))
    const shortfall = serviceShortfallByGrid.get(grid.id) ?? 0
    score -= SERVICE_PENALTY_MAX * Math.min(1, shortfall)
    if (shortfall > 0 && !kinds.includes('service_gap')) kinds.push('service_gap')
    return { ...grid, score: clamp(score), kinds }
  })
}

/** Household-weighted mean (plain mean when nobody lives there), times the covered share. */
export function rollUp(code: string, children: { score: number; households: number }[], areaM2: number, gapAreaM2: number): AreaScore {
  const households = children.reduce((sum, child) => sum + child.households, 0)
  const mean =
    children.length === 0
      ? 0
      : households > 0
        ? children.reduce((sum, child) => sum + child.score * child.households, 0) / households
        : children.reduce((sum, child) => sum + child.score, 0) / children.length
  const covered = areaM2 > 0 ? Math.max(0, 1 - gapAreaM2 / areaM2) : 1
  return { code, score: clamp(mean * covered), households, gapAreaM2, areaM2 }
}
