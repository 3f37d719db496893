import type { Queryable } from '../../db/database'
import { editScopeOf, scopeCovers } from '../../domain/edit-scope'
import type { GeoJsonGeometry } from '../../repositories/coverage-area.repository'
import { gridEditsRepository, type BatchImpact, type EditableGrid, type GridImpact } from '../../repositories/grid-edits.repository'
import type { User } from '../../repositories/users.repository'
import { checkPolygons } from '../import/geometry-checks'
import { ProblemList } from '../import/reasons'
import type { CoverageSettings } from '../coverage/coverage-settings'
import { refuse, type EditProblem, type EditReasonCode } from './edit-reasons'
import { sizeNorm } from './size-norm'

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

/** The regions a user may edit grids in (server/domain/edit-scope: the same rule the editor marks grids by). */
export async function editScope(db: Queryable, user: User): Promise<string[]> {
  return editScopeOf(user.role, user.role === 'supervisor' ? await gridEditsRepository(db).userRegions(user.id) : [])
}

/** Admins edit everywhere; a supervisor only inside the regions assigned to them. */
export async function assertMayEdit(db: Queryable, user: User, communityCode: string): Promise<void> {
  if (scopeCovers(await editScope(db, user), communityCode)) return
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
  /** The grid this candidate replaces; null for a new grid. */
  replacedId: number | null
  avoidOverlaps: boolean
}

export interface Evaluation {
  geometry: GeoJsonGeometry | null
  problems: EditProblem[]
  impact: GridImpact | null
}

/** Candidates judged together: each one's verdict, and what they do together (null when one is not even a polygon). */
export interface BatchEvaluation {
  grids: Evaluation[]
  impact: Omit<BatchImpact, 'grids'> | null
}

const round = (m2: number) => Math.round(m2 * 10) / 10

/**
 * A valid polygon, before any overlay can see it; then as it would be stored (at the precision
 * GET serves), so the checks judge exactly what the save writes; clipped first with avoidOverlaps.
 */
async function shapeOf(db: Queryable, candidate: Candidate, clipAway: number[]): Promise<Evaluation> {
  const repo = gridEditsRepository(db)
  const submitted = candidate.geometry
  const validity = await repo.validity(JSON.stringify(submitted))
  if (!validity.valid) {
    return {
      geometry: submitted,
      impact: null,
      problems: [{ code: 'invalid_polygon', message: `Not a valid polygon: ${validity.reason}`, details: { reason: validity.reason } }],
    }
  }
  const geometry = validity.empty ? null : await repo.stored(JSON.stringify(submitted))
  if (!geometry) return { geometry: submitted, impact: null, problems: [{ code: 'empty_geometry', message: 'The polygon has no area' }] }
  if (!candidate.avoidOverlaps) return { geometry, impact: null, problems: [] }
  const clipped = await repo.clipped(JSON.stringify(geometry), candidate.communityCode, clipAway)
  if (!clipped) return { geometry: null, impact: null, problems: [{ code: 'empty_geometry', message: 'Nothing is left once neighbouring grids are cut away' }] }
  return { geometry: clipped, impact: null, problems: [] }
}

/** The invariants a saved grid keeps, given its impact in the final state. */
function problemsOf(candidate: Candidate, impact: GridImpact, minAreaM2: number): EditProblem[] {
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
  return problems
}

/**
 * The invariants of saved grids, checked in order: each a valid polygon (before any overlay can
 * see it), inside its community, no overlap above the minimum area with any active grid — all
 * judged on the final state, so grids edited together are never held to each other's old shapes.
 */
export async function evaluateAll(db: Queryable, candidates: Candidate[], minAreaM2: number): Promise<BatchEvaluation> {
  const edited = candidates.flatMap((c) => (c.replacedId === null ? [] : [c.replacedId]))
  const grids: Evaluation[] = []
  for (const candidate of candidates) grids.push(await shapeOf(db, candidate, edited))
  if (grids.some((g) => g.problems.length > 0)) return { grids, impact: null }
  const shaped = candidates.map((c, i) => ({
    geojson: JSON.stringify(grids[i].geometry),
    code: c.code,
    communityCode: c.communityCode,
    replacedId: c.replacedId,
  }))
  const { grids: impacts, ...impact } = await gridEditsRepository(db).impacts(shaped, minAreaM2, HOUSEHOLD_LIST_MAX)
  return {
    grids: candidates.map((c, i) => ({ geometry: grids[i].geometry, impact: impacts[i], problems: problemsOf(c, impacts[i], minAreaM2) })),
    impact,
  }
}

/** One candidate on its own: its verdict with everything it does. */
export async function evaluate(
  db: Queryable,
  candidate: Candidate,
  minAreaM2: number,
): Promise<Evaluation & { impact: (GridImpact & BatchEvaluation['impact']) | null }> {
  const {
    grids: [grid],
    impact,
  } = await evaluateAll(db, [candidate], minAreaM2)
  return { ...grid, impact: grid.impact && impact ? { ...grid.impact, ...impact } : null }
}

/**
 * Evaluates and refuses on the first broken invariant; returns the geometries to save.
 * `label` adds to a refusal's details which candidate it is about (a multi-grid save).
 */
export async function enforceAll(db: Queryable, candidates: Candidate[], minAreaM2: number, label?: (index: number) => object): Promise<GeoJsonGeometry[]> {
  const { grids } = await evaluateAll(db, candidates, minAreaM2)
  for (const [i, { problems }] of grids.entries()) {
    const [first] = problems
    if (!first) continue
    const details = label ? { ...(first.details as object | undefined), ...label(i) } : first.details
    throw refuse(first.code, first.message, details)
  }
  return grids.map((g) => g.geometry!)
}

export async function enforce(db: Queryable, candidate: Candidate, minAreaM2: number): Promise<GeoJsonGeometry> {
  return (await enforceAll(db, [candidate], minAreaM2))[0]
}

/** The figures of one grid in a check; area outside the community under the minimum is not reported. */
export function gridFacts(impact: GridImpact | null, type: 'comprehensive' | 'dedicated', settings: CoverageSettings) {
  return {
    vertices: impact?.vertices ?? 0,
    areaM2: impact?.areaM2 ?? 0,
    outsideCommunityM2: impact && impact.outsideCommunityM2 >= settings.minAreaM2 ? impact.outsideCommunityM2 : 0,
    overlapAreaM2: impact?.overlaps.reduce((sum, o) => sum + o.areaM2, 0) ?? 0,
    sizeNorm: sizeNorm({ households: impact?.households ?? 0, population: impact?.population ?? 0 }, type, settings),
  }
}
