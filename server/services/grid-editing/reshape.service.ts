import { AppError } from '../../errors'
import type { GeoJsonGeometry } from '../../repositories/coverage-area.repository'
import { gridEditsRepository, type EditableGrid } from '../../repositories/grid-edits.repository'
import type { BatchValidationReportBody, EditResultBody, GridBatchBody, GridEditFeatureBody } from '../../schemas/grid-edits.schema'
import { assertMayEdit, checkedGeometry, enforceAll, evaluateAll, findEditable, gridFacts, lockForEdit, staleVersion, type Candidate } from './edit-checks'
import { refuse, type EditProblem } from './edit-reasons'
import { publishChange, type EditContext, type EditOptions } from './grid-edit.service'

type GridType = 'comprehensive' | 'dedicated'

/** A new shape for an existing grid, and the version the edit started from. */
export interface Reshape {
  id: number
  version?: number
  geometry: unknown
  name?: string
  type?: GridType
  communityCode?: string
}

/** In a multi-grid edit a refusal says which grid it is about: details.grid = {id, code}. */
async function forGrid<T>(grid: { id: number; code?: string } | null, work: () => T | Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (!grid || !(error instanceof AppError)) throw error
    throw new AppError(error.statusCode, error.code, error.message, { ...(error.details as object | undefined), grid })
  }
}

/**
 * Everything that can be refused before a transaction: structure of every geometry, each grid
 * named once, each existing and active, in the editor's scope, in its community. Returns the
 * grids as they are now and the checked geometries, in the order given.
 */
async function admit(ctx: EditContext, reshapes: Reshape[], batch: boolean): Promise<{ geometries: GeoJsonGeometry[]; grids: EditableGrid[] }> {
  const tag = (r: Reshape) => (batch ? { id: r.id } : null)
  const geometries: GeoJsonGeometry[] = []
  for (const r of reshapes) geometries.push(await forGrid(tag(r), () => checkedGeometry(r.geometry)))
  const repeated = [...new Set(reshapes.map((r) => r.id).filter((id, i, ids) => ids.indexOf(id) !== i))]
  if (repeated.length) throw refuse('duplicate_grid', `Grid ${repeated.join(', ')} appears more than once; each grid gets one new shape`, { ids: repeated })
  const grids: EditableGrid[] = []
  for (const r of reshapes) {
    if (r.version === undefined) throw refuse('version_required', 'properties.version (the version this edit started from) is required')
    const grid = await forGrid(tag(r), () => findEditable(ctx.db, r.id))
    await forGrid(tag(r), () => assertMayEdit(ctx.db, ctx.user, grid.communityCode))
    if (r.communityCode && r.communityCode !== grid.communityCode) {
      throw refuse('community_mismatch', `Grid ${grid.code} belongs to ${grid.communityCode}; a grid never changes community`)
    }
    grids.push(grid)
  }
  return { geometries, grids }
}

/**
 * One or several grids get new shapes in one transaction: every community concerned is locked
 * (in code order), every grid row locked at the version its edit started from (in id order, so
 * two multi-grid saves cannot deadlock), the invariants checked on the final state of all of them
 * together, then each is written with its history and the households re-homed. All or nothing.
 */
async function reshapeGrids(ctx: EditContext, reshapes: Reshape[], reason: string | undefined, options: EditOptions, batch: boolean): Promise<EditResultBody> {
  const { geometries, grids: current } = await admit(ctx, reshapes, batch)
  const ids = reshapes.map((r) => r.id)
  const result = await ctx.db.transaction(async (tx) => {
    const repo = gridEditsRepository(tx)
    for (const code of [...new Set(current.map((g) => g.communityCode))].sort()) await repo.lockCommunity(code)
    const grids: EditableGrid[] = []
    for (const i of ids.map((_, i) => i).sort((a, b) => ids[a] - ids[b])) {
      grids[i] = await forGrid(batch ? { id: ids[i], code: current[i].code } : null, () => lockForEdit(tx, ids[i], reshapes[i].version))
    }
    const saved = await enforceAll(
      tx,
      candidatesOf(grids, geometries, options),
      ctx.settings.minAreaM2,
      batch ? (i) => ({ grid: { id: grids[i].id, code: grids[i].code } }) : undefined,
    )
    for (const [i, grid] of grids.entries()) {
      await repo.update(grid.id, {
        geojson: JSON.stringify(saved[i]),
        name: reshapes[i].name ?? grid.name,
        type: reshapes[i].type ?? grid.type,
        userId: ctx.user.id,
      })
      // A grid moved together with others names them: the shared edge is one change.
      const related = ids.filter((id) => id !== grid.id)
      await repo.recordHistory({
        gridId: grid.id,
        operation: 'update',
        geomBefore: grid.geometry,
        relatedGridIds: related,
        reason: reason ?? null,
        userId: ctx.user.id,
      })
    }
    const moved = await repo.rehome(grids.map((g, i) => ({ before: g.geometry, after: saved[i] })))
    return { grids: await repo.features(ids), deletedGridIds: [], householdsMoved: moved }
  })
  return publishChange(ctx, 'update', result, current[0].communityCode)
}

function candidatesOf(grids: EditableGrid[], geometries: GeoJsonGeometry[], options: EditOptions): Candidate[] {
  return grids.map((g, i) => ({
    geometry: geometries[i],
    communityCode: g.communityCode,
    code: g.code,
    replacedId: g.id,
    avoidOverlaps: options.avoidOverlaps ?? false,
  }))
}

/** PUT /api/grids/:id: a new geometry (and name/type) for the version the editor started from. */
export async function updateGrid(ctx: EditContext, id: number, feature: GridEditFeatureBody, options: EditOptions): Promise<EditResultBody> {
  const { reason, ...props } = feature.properties
  return reshapeGrids(ctx, [{ ...props, id, geometry: feature.geometry }], reason, options, false)
}

/** PUT /api/grids: several grids reshaped together (a shared edge moved for both neighbours). */
export async function updateGrids(ctx: EditContext, body: GridBatchBody, options: EditOptions): Promise<EditResultBody> {
  return reshapeGrids(ctx, body.grids, body.reason, options, true)
}

/** POST /api/grids/validate with the body of PUT /api/grids: what that save would do, changing nothing. */
export async function validateGrids(ctx: EditContext, body: GridBatchBody, options: EditOptions): Promise<BatchValidationReportBody> {
  const { geometries, grids } = await admit(ctx, body.grids, true)
  const stale = grids.flatMap((g, i) => {
    const problem = staleVersion(g, body.grids[i].version)
    return problem ? [{ ...problem, gridId: g.id }] : []
  })
  const evaluation = await evaluateAll(ctx.db, candidatesOf(grids, geometries, options), ctx.settings.minAreaM2)
  const reports = grids.map((g, i) => {
    const { geometry, impact, problems } = evaluation.grids[i]
    const mine: (EditProblem & { gridId: number })[] = [...stale.filter((p) => p.gridId === g.id), ...problems.map((p) => ({ ...p, gridId: g.id }))]
    return {
      id: g.id,
      code: g.code,
      valid: mine.length === 0,
      problems: mine,
      geometry,
      ...gridFacts(impact, body.grids[i].type ?? g.type, ctx.settings),
      overlaps: (impact?.overlaps ?? []).map((o) => ({ ...o, editedGridId: g.id })),
    }
  })
  const impact = evaluation.impact
  const problems = reports.flatMap((r) => r.problems)
  return {
    valid: problems.length === 0,
    problems,
    grids: reports.map(({ overlaps: _, ...report }) => report),
    overlapAreaM2: reports.reduce((sum, r) => sum + r.overlapAreaM2, 0),
    overlaps: reports.flatMap((r) => r.overlaps),
    gapAreaM2: impact?.gapAreaM2 ?? 0,
    gap: impact?.gap ?? null,
    householdsMoved: { count: impact?.movedCount ?? 0, list: impact?.moved ?? [] },
    householdsOutside: { count: impact?.outsideCount ?? 0, list: impact?.outside ?? [] },
  }
}
