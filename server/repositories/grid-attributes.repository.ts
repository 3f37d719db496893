// A grid's attributes beside its geometry: name and type (on the grid row) and who works it — its
// grid workers (grid_assignments) and its party group's members (party_groups). Every write is
// audited by migration 009's triggers.
import type { Queryable } from '../db/database'
import type { GridStaffBody } from '../schemas/grid-attributes.schema'

type StaffWorker = GridStaffBody['workers'][number]

const WORKER = `w.id::int, w.name, w.role, w.is_party_member AS "isPartyMember"`

export function gridAttributesRepository(db: Queryable) {
  return {
    async workersOf(gridId: number): Promise<StaffWorker[]> {
      const { rows } = await db.query<StaffWorker>(
        `SELECT ${WORKER} FROM grid_assignments a JOIN grid_workers w ON w.id = a.worker_id WHERE a.grid_id = $1 ORDER BY w.role = 'grid_leader' DESC, w.id`,
        [gridId],
      )
      return rows
    },

    /** Workers of the grid's community (assigned to any of its grids) and the county's unassigned ones. */
    async candidatesFor(gridId: number): Promise<StaffWorker[]> {
      const { rows } = await db.query<StaffWorker>(
        `WITH grid AS (SELECT community_code, county_code FROM grids WHERE id = $1)
         SELECT ${WORKER} FROM grid_workers w, grid
          WHERE w.county_code = grid.county_code
            AND (EXISTS (SELECT 1 FROM grid_assignments a JOIN grids g ON g.id = a.grid_id
                          WHERE a.worker_id = w.id AND g.community_code = grid.community_code AND g.deleted_at IS NULL)
                 OR NOT EXISTS (SELECT 1 FROM grid_assignments a WHERE a.worker_id = w.id))
          ORDER BY w.id`,
        [gridId],
      )
      return rows
    },

    async partyMembersOf(gridId: number): Promise<number> {
      const { rows } = await db.query<{ n: number }>('SELECT COALESCE(sum(member_count), 0)::int AS n FROM party_groups WHERE grid_id = $1', [gridId])
      return rows[0].n
    },

    /** Of `ids`, those that are no grid worker of the county. */
    async unknownWorkers(countyCode: string, ids: number[]): Promise<number[]> {
      const { rows } = await db.query<{ id: number }>(
        `SELECT u.id::int FROM unnest($2::bigint[]) AS u(id)
          WHERE NOT EXISTS (SELECT 1 FROM grid_workers w WHERE w.id = u.id AND w.county_code = $1) ORDER BY u.id`,
        [countyCode, ids],
      )
      return rows.map((r) => r.id)
    },

    /** The grid's workers become exactly `workerIds` (others keep their other grids). */
    async setWorkers(gridId: number, countyCode: string, workerIds: number[]): Promise<void> {
      await db.query('DELETE FROM grid_assignments WHERE grid_id = $1 AND NOT (worker_id = ANY($2::bigint[]))', [gridId, workerIds])
      await db.query(
        `INSERT INTO grid_assignments (worker_id, grid_id, county_code) SELECT u.id, $1, $3 FROM unnest($2::bigint[]) AS u(id)
         ON CONFLICT (worker_id, grid_id) DO NOTHING`,
        [gridId, workerIds, countyCode],
      )
    },

    /** The grid's party group gets `members` (one group per grid, named after the grid when new; 0 removes it). */
    async setPartyMembers(gridId: number, countyCode: string, gridName: string, members: number): Promise<void> {
      const { rows } = await db.query<{ id: number }>('SELECT id::int FROM party_groups WHERE grid_id = $1 ORDER BY id', [gridId])
      const [first, ...others] = rows.map((r) => r.id)
      if (others.length) await db.query('DELETE FROM party_groups WHERE id = ANY($1::bigint[])', [others])
      if (members === 0) {
        if (first !== undefined) await db.query('DELETE FROM party_groups WHERE id = $1', [first])
      } else if (first !== undefined) {
        await db.query('UPDATE party_groups SET member_count = $2 WHERE id = $1 AND member_count <> $2', [first, members])
      } else {
        await db.query('INSERT INTO party_groups (grid_id, county_code, name, member_count) VALUES ($1, $2, $3, $4)', [
          gridId,
          countyCode,
          `${gridName}党小组`,
          members,
        ])
      }
    },

    /** A new name and type: a new version of the grid, its geometry untouched. The caller holds the row lock. */
    async rename(gridId: number, change: { name: string; type: string; userId: number }): Promise<void> {
      await db.query('UPDATE grids SET name = $2, type = $3, version = version + 1, updated_at = now(), updated_by = $4 WHERE id = $1', [
        gridId,
        change.name,
        change.type,
        change.userId,
      ])
    },
  }
}
