import type { Queryable } from '../../db/database'
import { gridEditsRepository, type EditableGrid } from '../../repositories/grid-edits.repository'
import type { EditResultBody, MergeBodyType, SplitBodyType } from '../../schemas/grid-edits.schema'
import { MAX_VERTICES } from '../import/geometry-checks'
import { assertMayEdit, findEditable, lockForEdit } from './edit-checks'
import { refuse } from './edit-reasons'
import { publishChange, type EditContext } from './grid-edit.service'
import { sizeNorm, type SizeNorm } from './size-norm'

export type SplitMergeOutcome = ({ dryRun: false } & EditResultBody) | ({ dryRun: true; sizeNorms: { code: string; sizeNorm: SizeNorm }[] } & EditResultBody)

/** Thrown to roll a dry run back after it has done everything, carrying what it saw. */
class DryRun extends Error {
  constructor(readonly outcome: SplitMergeOutcome) {
    super('dry run')
  }
}

/**
 * Runs `work` in one transaction. A dry run does the whole edit, reports the resulting grids and
 * their size norms, and rolls back: the preview is exactly what saving would do.
 */
async function run(ctx: EditContext, dryRun: boolean, work: (tx: Queryable) => Promise<EditResultBody>): Promise<SplitMergeOutcome> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const result = await work(tx)
      if (!dryRun) return { dryRun: false, ...result }
      const sizes = await gridEditsRepository(tx).sizes(result.grids.map((g) => g.properties.id))
      const sizeNorms = result.grids.map((g) => ({
        code: g.properties.code,
        sizeNorm: sizeNorm(sizes.get(g.properties.id) ?? { households: 0, population: 0 }, g.properties.type, ctx.settings),
      }))
      throw new DryRun({ dryRun: true, ...result, sizeNorms })
    })
  } catch (error) {
    if (error instanceof DryRun) return error.outcome
    throw error
  }
}

function isLineString(line: { type: string; coordinates: unknown }): boolean {
  const coords = line.coordinates
  return (
    line.type === 'LineString' &&
    Array.isArray(coords) &&
    coords.length >= 2 &&
    coords.length <= MAX_VERTICES &&
    coords.every((p) => Array.isArray(p) && p.length >= 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n)))
  )
}

function strip(outcome: SplitMergeOutcome): EditResultBody {
  return { grids: outcome.grids, deletedGridIds: outcome.deletedGridIds, householdsMoved: outcome.householdsMoved }
}

/**
 * POST /api/grids/:id/split: the largest part keeps the grid's id and code; every other part is a
 * new grid with the community's next code. Lineage goes both ways in grid_history.related_grid_ids.
 */
export async function splitGrid(ctx: EditContext, id: number, body: SplitBodyType, dryRun: boolean): Promise<SplitMergeOutcome> {
  const current = await findEditable(ctx.db, id)
  await assertMayEdit(ctx.db, ctx.user, current.communityCode)
  const line = JSON.stringify(body.line)
  if (
    !isLineString(body.line) ||
    !(await gridEditsRepository(ctx.db)
      .lineValidity(line)
      .catch(() => false))
  ) {
    throw refuse('invalid_line', 'The split line must be a valid GeoJSON LineString')
  }
  const outcome = await run(ctx, dryRun, async (tx) => {
    const repo = gridEditsRepository(tx)
    const grid = await lockForEdit(tx, id, body.version)
    const parts = await repo.splitParts(id, line)
    if (parts.length < 2) throw refuse('line_does_not_split', `The line does not cut grid ${grid.code} in two`, { code: grid.code })
    const codes = await repo.nextCodes(grid.communityCode, parts.length - 1)
    if (!codes) throw refuse('no_free_code', `Community ${grid.communityCode} has no grid codes left`)
    const newIds: number[] = []
    for (const [i, part] of parts.slice(1).entries()) {
      newIds.push(
        await repo.insert({
          code: codes[i],
          name: `${grid.name}-${i + 2}`,
          type: grid.type,
          communityCode: grid.communityCode,
          geojson: JSON.stringify(part),
          userId: ctx.user.id,
        }),
      )
    }
    await repo.update(id, { geojson: JSON.stringify(parts[0]), name: grid.name, type: grid.type, userId: ctx.user.id })
    const reason = body.reason ?? null
    await repo.recordHistory({ gridId: id, operation: 'split', geomBefore: grid.geometry, relatedGridIds: newIds, reason, userId: ctx.user.id })
    for (const newId of newIds)
      await repo.recordHistory({ gridId: newId, operation: 'split', geomBefore: null, relatedGridIds: [id], reason, userId: ctx.user.id })
    // Households move between the parts, all inside the old shape.
    const moved = await repo.rehome([{ before: null, after: grid.geometry }])
    return { grids: await repo.features([id, ...newIds]), deletedGridIds: [], householdsMoved: moved }
  })
  if (!outcome.dryRun) publishChange(ctx, 'split', strip(outcome), current.communityCode)
  return outcome
}

/**
 * POST /api/grids/merge: grids of one community that share edges become the lowest-coded one;
 * the others are deleted (their codes retired), each history naming the others.
 */
export async function mergeGrids(ctx: EditContext, body: MergeBodyType, dryRun: boolean): Promise<SplitMergeOutcome> {
  const ids = body.ids
  if (body.versions && body.versions.length !== ids.length) throw refuse('version_required', 'versions must give one version per id')
  const unlocked: EditableGrid[] = []
  for (const id of ids) unlocked.push(await findEditable(ctx.db, id))
  const communities = [...new Set(unlocked.map((g) => g.communityCode))]
  if (communities.length > 1)
    throw refuse('different_communities', `Only grids of one community merge; these belong to ${communities.join(', ')}`, { communityCodes: communities })
  const communityCode = communities[0]
  await assertMayEdit(ctx.db, ctx.user, communityCode)
  const outcome = await run(ctx, dryRun, async (tx) => {
    const repo = gridEditsRepository(tx)
    // Row locks in id order, so two merges of overlapping sets cannot deadlock.
    const order = ids.map((id, i) => ({ id, version: body.versions?.[i] })).sort((a, b) => a.id - b.id)
    const grids: EditableGrid[] = []
    for (const { id, version } of order) grids.push(await lockForEdit(tx, id, version))
    const merged = await repo.mergedGeometry(ids)
    if (!merged.connected) {
      throw refuse('grids_not_adjacent', `Grids ${grids.map((g) => g.code).join(', ')} do not form one connected area`, { codes: grids.map((g) => g.code) })
    }
    grids.sort((a, b) => a.code.localeCompare(b.code))
    const [survivor, ...retired] = grids
    const retiredIds = retired.map((g) => g.id)
    const reason = body.reason ?? null
    for (const grid of retired) {
      await repo.softDelete(grid.id, ctx.user.id)
      await repo.recordHistory({ gridId: grid.id, operation: 'merge', geomBefore: grid.geometry, relatedGridIds: [survivor.id], reason, userId: ctx.user.id })
    }
    await repo.update(survivor.id, { geojson: JSON.stringify(merged.geometry), name: body.name ?? survivor.name, type: survivor.type, userId: ctx.user.id })
    await repo.recordHistory({
      gridId: survivor.id,
      operation: 'merge',
      geomBefore: survivor.geometry,
      relatedGridIds: retiredIds,
      reason,
      userId: ctx.user.id,
    })
    const moved = await repo.rehome([{ before: null, after: merged.geometry }])
    return { grids: await repo.features([survivor.id]), deletedGridIds: retiredIds.sort((a, b) => a - b), householdsMoved: moved }
  })
  if (!outcome.dryRun) publishChange(ctx, 'merge', strip(outcome), communityCode)
  return outcome
}
