// Who works the grids: grid workers (网格员), the grids each is assigned to, and each grid's party
// group (党小组). Written in bulk by the demo town; read by field work, coverage and dispatch.
import type { Queryable } from '../db/database'

export interface NewGridWorker {
  name: string
  phone: string
  /** The number published to residents (公示电话), or null. */
  publicPhone: string | null
  role: string
  isPartyMember: boolean
}
export interface NewAssignment {
  workerId: number
  gridId: number
  assignedAt: Date
}
export interface NewPartyGroup {
  gridId: number
  name: string
  memberCount: number
}

export function gridStaffRepository(db: Queryable) {
  return {
    /** The new workers' ids, in the order given. */
    async insertWorkers(countyCode: string, workers: NewGridWorker[]): Promise<number[]> {
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO grid_workers (county_code, name, phone, public_phone, role, is_party_member)
         SELECT $1, name, phone, public_phone, role, party
           FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::bool[]) WITH ORDINALITY AS u(name, phone, public_phone, role, party, i)
          ORDER BY i
         RETURNING id::int`,
        [
          countyCode,
          workers.map((w) => w.name),
          workers.map((w) => w.phone),
          workers.map((w) => w.publicPhone),
          workers.map((w) => w.role),
          workers.map((w) => w.isPartyMember),
        ],
      )
      return rows.map((row) => row.id)
    },

    async insertAssignments(countyCode: string, assignments: NewAssignment[]): Promise<number> {
      const { rowCount } = await db.query(
        `INSERT INTO grid_assignments (worker_id, grid_id, county_code, assigned_at)
         SELECT worker_id, grid_id, $1, assigned_at
           FROM unnest($2::bigint[], $3::bigint[], $4::timestamptz[]) WITH ORDINALITY AS u(worker_id, grid_id, assigned_at, i)
          ORDER BY i`,
        [countyCode, assignments.map((a) => a.workerId), assignments.map((a) => a.gridId), assignments.map((a) => a.assignedAt)],
      )
      return rowCount
    },

    async insertPartyGroups(countyCode: string, groups: NewPartyGroup[]): Promise<number> {
      const { rowCount } = await db.query(
        `INSERT INTO party_groups (grid_id, county_code, name, member_count)
         SELECT grid_id, $1, name, members
           FROM unnest($2::bigint[], $3::text[], $4::int[]) WITH ORDINALITY AS u(grid_id, name, members, i)
          ORDER BY i`,
        [countyCode, groups.map((g) => g.gridId), groups.map((g) => g.name), groups.map((g) => g.memberCount)],
      )
      return rowCount
    },
  }
}
