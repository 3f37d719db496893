import type { Queryable } from '../../db/database'
import { gridAttributesRepository } from '../../repositories/grid-attributes.repository'
import { gridEditsRepository } from '../../repositories/grid-edits.repository'
import type { GridAttributesBodyType, GridAttributesResultBody, GridStaffBody } from '../../schemas/grid-attributes.schema'
import { assertMayEdit, findEditable, lockForEdit } from './edit-checks'
import { refuse } from './edit-reasons'
import { publishChange, type EditContext } from './grid-edit.service'

async function staffOf(db: Queryable, gridId: number, version: number): Promise<GridStaffBody> {
  const repo = gridAttributesRepository(db)
  return {
    gridId,
    version,
    workers: await repo.workersOf(gridId),
    candidates: await repo.candidatesFor(gridId),
    partyMembers: await repo.partyMembersOf(gridId),
  }
}

/** GET /api/grids/:id/staff: who works the grid, and who could. */
export async function gridStaff(db: Queryable, id: number): Promise<GridStaffBody> {
  const grid = await findEditable(db, id)
  return staffOf(db, grid.id, grid.version)
}

/**
 * PUT /api/grids/:id/attributes: name, type, workers and party members in one transaction, from the
 * version the editor started from. A new name or type is a new version with a history entry;
 * staff changes leave the version alone (the audit log keeps them, as every write).
 */
export async function updateAttributes(ctx: EditContext, id: number, body: GridAttributesBodyType): Promise<GridAttributesResultBody> {
  const name = body.name?.trim()
  if (name === '') throw refuse('invalid_name', 'A grid name cannot be blank')
  await assertMayEdit(ctx.db, ctx.user, (await findEditable(ctx.db, id)).communityCode)
  const result = await ctx.db.transaction(async (tx) => {
    const grid = await lockForEdit(tx, id, body.version)
    const repo = gridAttributesRepository(tx)
    const county = grid.code.slice(0, 6)
    if (body.workerIds) {
      const unknown = await repo.unknownWorkers(county, body.workerIds)
      if (unknown.length) throw refuse('unknown_worker', `No grid worker ${unknown.join(', ')} in county ${county}`, { ids: unknown })
      await repo.setWorkers(grid.id, county, body.workerIds)
    }
    const next = { name: name ?? grid.name, type: body.type ?? grid.type }
    if (next.name !== grid.name || next.type !== grid.type) {
      await repo.rename(grid.id, { ...next, userId: ctx.user.id })
      await gridEditsRepository(tx).recordHistory({
        gridId: grid.id,
        operation: 'update',
        geomBefore: grid.geometry,
        relatedGridIds: [],
        reason: body.reason ?? null,
        userId: ctx.user.id,
      })
    }
    if (body.partyMembers !== undefined) await repo.setPartyMembers(grid.id, county, next.name, body.partyMembers)
    const [feature] = await gridEditsRepository(tx).features([grid.id])
    return { grid: feature, staff: await staffOf(tx, grid.id, feature.properties.version), communityCode: grid.communityCode }
  })
  const { communityCode, ...answer } = result
  publishChange(ctx, 'update', { grids: [answer.grid], deletedGridIds: [], householdsMoved: 0 }, communityCode)
  return answer
}
