import { Type, type Static } from '@sinclair/typebox'
import { Feature, Id, MAX_INT4, Version } from './common.schema'
import { GridProperties } from './grids.schema'

const GridType = Type.Union([Type.Literal('comprehensive'), Type.Literal('dedicated')])

/** A grid worker (网格员) as the editor lists them: no phone, which the editor never needs. */
export const StaffWorker = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  role: Type.String({ description: 'full_time, part_time or grid_leader' }),
  isPartyMember: Type.Boolean(),
})

/** Who works a grid: its workers, the workers it could be given, and its party group (党小组). */
export const GridStaff = Type.Object({
  gridId: Type.Integer(),
  version: Type.Integer(),
  workers: Type.Array(StaffWorker, { description: 'Assigned to this grid' }),
  candidates: Type.Array(StaffWorker, {
    description: "Workers of the grid's community (assigned to any of its grids) and the county's unassigned workers, the assigned ones included",
  }),
  partyMembers: Type.Integer({ description: "Members of the grid's party group (0: none)" }),
})

/** PUT /api/grids/:id/attributes: what the editor's attribute form saves; omitted fields stay as they are. */
export const GridAttributesBody = Type.Object(
  {
    version: Version({ description: 'The version this edit started from (stale → 409)' }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    type: Type.Optional(GridType),
    workerIds: Type.Optional(Type.Array(Id(), { maxItems: 50, uniqueItems: true, description: 'Every worker the grid has after the save' })),
    partyMembers: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_INT4, description: "Members of the grid's party group" })),
    reason: Type.Optional(Type.String({ maxLength: 500, description: "Why (kept in the grid's history when the name or type changes)" })),
  },
  { additionalProperties: false },
)

export const GridAttributesResult = Type.Object({ grid: Feature(GridProperties), staff: GridStaff })

export type GridStaffBody = Static<typeof GridStaff>
export type GridAttributesBodyType = Static<typeof GridAttributesBody>
export type GridAttributesResultBody = Static<typeof GridAttributesResult>
