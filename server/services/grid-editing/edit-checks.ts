import type { Queryable } from '../../db/database'
import type { GeoJsonGeometry } from '../../repositories/coverage-area.repository'
import { gridEditsRepository, type EditableGrid, type ImpactRow } from '../../repositories/grid-edits.repository'
import type { User } from '../../repositories/users.repository'
import { checkPolygons } from '../import/geometry-checks'
import { ProblemList } from '../import/reasons'
import { refuse, type EditProblem, type EditReasonCode } from './edit-reasons'

/** Households listed by id in a dry run; counts are always exact. */
export const HOUSEHOLD_LIST_MAX = 1000

/** Structure first (numbers, closed rings, vertex count); topology is PostGIS's ST_IsValid later. */
export function checkedGeometry(geometry: unknown): GeoJsonGeometry {
  const problems = new ProblemList()
  const checked = checkPolygons(geometry, { index: 0, crs: 'wgs84', problems })
  const first = problems.toArray()[0]?.reasons[0]
  if (!checked || first) throw refuse((first?.code ?? 'malformed_coordinates') as EditReasonCode, first?.message ?? 'not a polygon')
  return checked
}

/** Admins edit everywhere; a supervisor only inside the regions assigned to them. */
export async function assertMayEdit(db: Queryable, user: User, communityCode: string): Promise<void> {
  if (user.role === 'admin') return
  if (user.role === 'supervisor' && (await gridEditsRepository(db).userMayEdit(user.id, communityCode))) return
  throw refuse('out_of_scope', `You may not edit grids of region ${communityCode}`, { communityCode })
}

export async function findEditable(db: Queryable, id: number, { allowDeleted = false, forUpdate = false } = {}): Promise<EditableGrid> {
  const grid = await gridEditsRepository(db).find(id, { forUpdate })
  if (!grid) throw refuse('grid_not_found', `Grid ${id} does not exist`, { id })
  if (grid.deletedAt && !allowDeleted) throw refuse('grid_deleted', `Grid ${grid.code} was deleted`, { id, code: grid.code })
  return grid
}

export function staleVersion(grid: EditableGrid, version: number): EditProblem | null {
  if (grid.version === version) return null
  return {
    code: 'stale_version',
    message: `Grid ${grid.code} is at version ${grid.version}, changed by ${grid.updatedBy ?? 'an import'}; this edit started from version ${version}`,
    details: { id: grid.id, code: grid.code, currentVersion: grid.version, changedBy: grid.updatedBy, changedAt: new Date(grid.updatedAt).toISOString() },
  }
}

/**
 * Locks the grid's community (serialising edits there), then re-reads the grid under a row lock:
 * what the checks see is what the save writes over.
 */
export async function lockForEdit(tx: Queryable, id: number, version: number | undefined, { allowDeleted = false } = {}): Promise<EditableGrid> {
  const unlocked = await findEditable(tx, id, { allowDeleted })
  await gridEditsRepository(tx).lockCommunity(unlocked.communityCode)
  const grid = await findEditable(tx, id, { allowDeleted, forUpdate: true })
  const stale = version === undefined ? null : staleVersion(grid, version)
  if (stale) throw refuse(stale.code, stale.message, stale.details)
  return grid
}

export interface Candidate {
  geometry: GeoJsonGeometry
  communityCode: string
  code: string
  replacedIds: number[]
  avoidOverlaps: boolean
}

export interface Evaluation {
  geometry: GeoJsonGeometry | null
  problems: EditProblem[]
  impact: ImpactRow | null
}

const round = (m2: number) => Math.round(m2 * 10) / 10

/**
 * The invariants of a saved grid, checked in order: a valid polygon (before any overlay can see
 * it), inside its community, no overlap above the minimum area with any active grid.
 */
export async function evaluate(db: Queryable, candidate: Candidate, minAreaM2: number): Promise<Evaluation> {
  const repo = gridEditsRepository(db)
  let geometry: GeoJsonGeometry | null = candidate.geometry
  const validity = await repo.validity(JSON.stringify(geometry))
  if (!validity.valid) {
    return { geometry, impact: null, problems: [{ code: 'invalid_polygon', message: `Not a valid polygon: ${validity.reason}`, details: { reason: validity.reason } }] }
  }
  if (validity.empty) return { geometry, impact: null, problems: [{ code: 'empty_geometry', message: 'The polygon has no area' }] }
  if (candidate.avoidOverlaps) {
    geometry = await repo.clipped(JSON.stringify(geometry), candidate.communityCode, candidate.replacedIds)
    if (!geometry) return { geometry, impact: null, problems: [{ code: 'empty_geometry', message: 'Nothing is left once neighbouring grids are cut away' }] }
  }
  const impact = await repo.impact(JSON.stringify(geometry), candidate.communityCode, candidate.code, candidate.replacedIds, minAreaM2, HOUSEHOLD_LIST_MAX)
  const problems: EditProblem[] = []
  if (impact.outsideCommunityM2 >= minAreaM2) {
    problems.push({
      code: 'outside_community',
      message: `${round(impact.outsideCommunityM2)} m² lie outside community ${candidate.communityCode}`,
      details: { communityCode: candidate.communityCode, areaM2: round(impact.outsideCommunityM2) },
    })
  }
  if (impact.overlaps.length > 0) {
    problems.push({
      code: 'overlaps_grid',
      message: `Overlaps ${impact.overlaps.map((o) => `${o.gridCode} by ${round(o.areaM2)} m²`).join(', ')}`,
      details: { overlaps: impact.overlaps.map((o) => ({ gridId: o.gridId, gridCode: o.gridCode, areaM2: round(o.areaM2) })) },
    })
  }
  return { geometry, impact, problems }
}

/** Evaluates and refuses on the first broken invariant; returns the geometry to save. */
export async function enforce(db: Queryable, candidate: Candidate, minAreaM2: number): Promise<GeoJsonGeometry> {
  const { geometry, problems } = await evaluate(db, candidate, minAreaM2)
  if (problems.length > 0) throw refuse(problems[0].code, problems[0].message, problems[0].details)
  return geometry!
}
