// The grid a point lies in (by the one home-grid rule) and who works it, for the public lookup.
import type { Queryable } from '../db/database'
import { homeGridOf } from './home-grid'

export interface LookedUpGrid {
  id: number
  code: string
  name: string
  type: 'comprehensive' | 'dedicated'
  communityCode: string
  communityName: string
}

export interface GridWorkerOfGrid {
  name: string
  role: 'full_time' | 'part_time' | 'grid_leader'
  /** The number the worker publishes to residents (公示电话); never their own `phone`. */
  publicPhone: string | null
}

export function gridLookupRepository(db: Queryable) {
  return {
    async gridAt(lng: number, lat: number): Promise<LookedUpGrid | null> {
      const { rows } = await db.query<LookedUpGrid>(
        `SELECT g.id::int, g.code, g.name, g.type, g.community_code AS "communityCode", coalesce(c.name, g.community_code) AS "communityName"
           FROM grids g LEFT JOIN regions c ON c.code = g.community_code
          WHERE g.id = ${homeGridOf('ST_SetSRID(ST_MakePoint($1, $2), 4326)')}`,
        [lng, lat],
      )
      return rows[0] ?? null
    },

    /** Grid leaders first, then by name: the order a notice board lists them in. */
    async workersOf(gridId: number): Promise<GridWorkerOfGrid[]> {
      const { rows } = await db.query<GridWorkerOfGrid>(
        `SELECT w.name, w.role, w.public_phone AS "publicPhone"
           FROM grid_assignments a JOIN grid_workers w ON w.id = a.worker_id
          WHERE a.grid_id = $1
          ORDER BY w.role = 'grid_leader' DESC, w.name, w.id`,
        [gridId],
      )
      return rows
    },
  }
}
