import type { Database, Queryable } from '../../db/database'
import { AppError } from '../../errors'
import type { GeoJsonGeometry } from '../../repositories/coverage-area.repository'
import type { EventBus } from '../../events/event-bus'
import type { GridEditOperation } from '../../domain/live-events'
import { gridEditsRepository } from '../../repositories/grid-edits.repository'
import type { User } from '../../repositories/users.repository'
import type { EditResultBody, GridEditFeatureBody, HistoryResponseBody, ValidationReportBody } from '../../schemas/grid-edits.schema'
import type { CoverageSettings } from '../coverage/coverage-settings'
import { assertMayEdit, checkedGeometry, enforce, evaluate, findEditable, gridFacts, lockForEdit, staleVersion } from './edit-checks'
import { refuse, type EditProblem } from './edit-reasons'
import { sizeNorm } from './size-norm'

export interface EditContext {
  db: Database
  user: User
  events: EventBus
  settings: CoverageSettings
}

export interface EditOptions {
  avoidOverlaps?: boolean
}

/** After the commit: the wall and other editors refresh the grids that changed. */
export function publishChange(ctx: EditContext, operation: GridEditOperation, result: EditResultBody, communityCode: string): EditResultBody {
  ctx.events.publish({
    type: 'grid.changed',
    payload: {
      operation,
      communityCode,
      by: ctx.user.username,
      gridIds: result.grids.map((g) => g.properties.id),
      codes: result.grids.map((g) => g.properties.code),
      deletedGridIds: result.deletedGridIds,
      householdsMoved: result.householdsMoved,
    },
  })
  return result
}

async function resultOf(tx: Queryable, ids: number[], deletedGridIds: number[], householdsMoved: number): Promise<EditResultBody> {
  return { grids: await gridEditsRepository(tx).features(ids), deletedGridIds, householdsMoved }
}

/** The named community, or the one the polygon lies in (checked valid first: no overlay sees an invalid one). */
async function communityOf(db: Queryable, code: string | undefined, geometry: GeoJsonGeometry): Promise<string> {
  const repo = gridEditsRepository(db)
  if (!code) {
    const geojson = JSON.stringify(geometry)
    const validity = await repo.validity(geojson)
    if (!validity.valid) throw refuse('invalid_polygon', `Not a valid polygon: ${validity.reason}`, { reason: validity.reason })
    const found = validity.empty ? undefined : await repo.communityAt(geojson)
    if (!found) throw refuse('unknown_community', 'The polygon lies in no community; name one in properties.communityCode')
    return found
  }
  if ((await repo.communityLevel(code)) !== 'community') throw refuse('unknown_community', `${code} is not a community`, { communityCode: code })
  return code
}

/** POST /api/grids/validate: what saving would do, changing nothing. */
export async function validateEdit(ctx: EditContext, feature: GridEditFeatureBody, options: EditOptions): Promise<ValidationReportBody> {
  const geometry = checkedGeometry(feature.geometry)
  const props = feature.properties
  const problems: EditProblem[] = []
  let communityCode: string
  let code: string
  let type = props.type ?? 'comprehensive'
  let replacedId: number | null = null
  if (props.id !== undefined) {
    const grid = await findEditable(ctx.db, props.id)
    await assertMayEdit(ctx.db, ctx.user, grid.communityCode)
    const stale = props.version === undefined ? null : staleVersion(grid, props.version)
    if (stale) problems.push(stale)
    communityCode = grid.communityCode
    code = grid.code
    type = props.type ?? grid.type
    replacedId = grid.id
  } else {
    try {
      communityCode = await communityOf(ctx.db, props.communityCode, geometry)
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'invalid_polygon') throw error
      return invalidReport(error, type, ctx.settings)
    }
    await assertMayEdit(ctx.db, ctx.user, communityCode)
    code = (await gridEditsRepository(ctx.db).nextCodes(communityCode, 1))?.[0] ?? `${communityCode}999`
  }
  const evaluation = await evaluate(
    ctx.db,
    { geometry, communityCode, code, replacedId, avoidOverlaps: options.avoidOverlaps ?? false },
    ctx.settings.minAreaM2,
  )
  problems.push(...evaluation.problems)
  const impact = evaluation.impact
  return {
    valid: problems.length === 0,
    problems,
    code,
    geometry: evaluation.geometry,
    ...gridFacts(impact, type, ctx.settings),
    overlaps: impact?.overlaps ?? [],
    gapAreaM2: impact?.gapAreaM2 ?? 0,
    gap: impact?.gap ?? null,
    householdsMoved: { count: impact?.movedCount ?? 0, list: impact?.moved ?? [] },
    householdsOutside: { count: impact?.outsideCount ?? 0, list: impact?.outside ?? [] },
  }
}

/** POST /api/grids: a new grid with the community's next free code. */
export async function createGrid(ctx: EditContext, feature: GridEditFeatureBody, options: EditOptions): Promise<EditResultBody> {
  const geometry = checkedGeometry(feature.geometry)
  const props = feature.properties
  const communityCode = await communityOf(ctx.db, props.communityCode, geometry)
  await assertMayEdit(ctx.db, ctx.user, communityCode)
  const result = await ctx.db.transaction(async (tx) => {
    const repo = gridEditsRepository(tx)
    await repo.lockCommunity(communityCode)
    const code = (await repo.nextCodes(communityCode, 1))?.[0]
    if (!code) throw refuse('no_free_code', `Community ${communityCode} has used all 999 grid codes`)
    const saved = await enforce(tx, { geometry, communityCode, code, replacedId: null, avoidOverlaps: options.avoidOverlaps ?? false }, ctx.settings.minAreaM2)
    const id = await repo.insert({
      code,
      name: props.name ?? `网格${code.slice(-3)}`,
      type: props.type ?? 'comprehensive',
      communityCode,
      geojson: JSON.stringify(saved),
      userId: ctx.user.id,
    })
    await repo.recordHistory({ gridId: id, operation: 'create', geomBefore: null, relatedGridIds: [], reason: props.reason ?? null, userId: ctx.user.id })
    const moved = await repo.rehome([{ before: null, after: saved }])
    return resultOf(tx, [id], [], moved)
  })
  return publishChange(ctx, 'create', result, communityCode)
}

/** DELETE /api/grids/:id?version=: the row and its code stay (codes are never reused). */
export async function deleteGrid(ctx: EditContext, id: number, version: number, reason: string | undefined): Promise<EditResultBody> {
  const current = await findEditable(ctx.db, id)
  await assertMayEdit(ctx.db, ctx.user, current.communityCode)
  const result = await ctx.db.transaction(async (tx) => {
    const repo = gridEditsRepository(tx)
    const grid = await lockForEdit(tx, id, version)
    await repo.softDelete(id, ctx.user.id)
    await repo.recordHistory({ gridId: id, operation: 'delete', geomBefore: grid.geometry, relatedGridIds: [], reason: reason ?? null, userId: ctx.user.id })
    const moved = await repo.rehome([{ before: grid.geometry, after: null }])
    return resultOf(tx, [], [id], moved)
  })
  return publishChange(ctx, 'delete', result, current.communityCode)
}

function invalidReport(error: AppError, type: 'comprehensive' | 'dedicated', settings: CoverageSettings): ValidationReportBody {
  return {
    valid: false,
    problems: [{ code: error.code, message: error.message, details: error.details }],
    code: null,
    geometry: null,
    vertices: 0,
    areaM2: 0,
    outsideCommunityM2: 0,
    overlapAreaM2: 0,
    overlaps: [],
    gapAreaM2: 0,
    gap: null,
    householdsMoved: { count: 0, list: [] },
    householdsOutside: { count: 0, list: [] },
    sizeNorm: sizeNorm({ households: 0, population: 0 }, type, settings),
  }
}

/** POST /api/grids/:id/revert: back to the geometry of any earlier version; a deleted grid comes back. */
export async function revertGrid(ctx: EditContext, id: number, body: { toVersion: number; version: number; reason?: string }): Promise<EditResultBody> {
  const current = await findEditable(ctx.db, id, { allowDeleted: true })
  await assertMayEdit(ctx.db, ctx.user, current.communityCode)
  const result = await ctx.db.transaction(async (tx) => {
    const repo = gridEditsRepository(tx)
    const grid = await lockForEdit(tx, id, body.version, { allowDeleted: true })
    const target = await repo.historicGeometry(id, body.toVersion)
    if (!target) throw refuse('version_not_found', `Grid ${grid.code} has no geometry at version ${body.toVersion}`, { toVersion: body.toVersion })
    const saved = await enforce(
      tx,
      { geometry: target, communityCode: grid.communityCode, code: grid.code, replacedId: id, avoidOverlaps: false },
      ctx.settings.minAreaM2,
    )
    await repo.update(id, { geojson: JSON.stringify(saved), name: grid.name, type: grid.type, userId: ctx.user.id })
    const reason = body.reason ?? `revert to version ${body.toVersion}`
    await repo.recordHistory({
      gridId: id,
      operation: 'revert',
      geomBefore: grid.deletedAt ? null : grid.geometry,
      relatedGridIds: [],
      reason,
      userId: ctx.user.id,
    })
    const moved = await repo.rehome([{ before: grid.deletedAt ? null : grid.geometry, after: saved }])
    return resultOf(tx, [id], [], moved)
  })
  return publishChange(ctx, 'revert', result, current.communityCode)
}

export async function gridHistory(db: Queryable, id: number): Promise<HistoryResponseBody> {
  const grid = await findEditable(db, id, { allowDeleted: true })
  const entries = (await gridEditsRepository(db).history(id)) as HistoryResponseBody['entries']
  return { gridId: grid.id, code: grid.code, version: grid.version, deleted: grid.deletedAt !== null, entries }
}
