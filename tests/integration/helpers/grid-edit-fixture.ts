import { expect } from 'vitest'
import { usersRepository } from '../../../server/repositories/users.repository'
import { hashPassword } from '../../../server/services/passwords'
import { EAST, WEST, collection, feature, point } from '../../fixtures/small-town'
import { importSmallTown } from './small-town-import'
import type { TestApp } from './test-app'

/**
 * The small town for the editor: WEST has grids 001 (north half) and 002 (south half); EAST has
 * none. Households: w-s1, w-s2 in WEST's south, w-n1 in its north, e-s1 and e-n1 in EAST.
 */
export async function editorTown(t: TestApp) {
  const { headers, post } = await importSmallTown(t)
  const households = collection(
    feature(point(120.005, 33.005), { externalId: 'w-s1', address: '西南1号', population: 3 }),
    feature(point(120.002, 33.002), { externalId: 'w-s2', address: '西南2号', population: 2 }),
    feature(point(120.005, 33.015), { externalId: 'w-n1', address: '西北1号', population: 4 }),
    feature(point(120.015, 33.005), { externalId: 'e-s1', address: '东南1号', population: 1 }),
    feature(point(120.015, 33.015), { externalId: 'e-n1', address: '东北1号', population: 5 }),
  )
  expect((await post('households', households)).statusCode).toBe(201)
  const ids = await gridIds(t)
  return { headers, north: ids[`${WEST}001`], south: ids[`${WEST}002`] }
}

export async function gridIds(t: TestApp): Promise<Record<string, number>> {
  const { rows } = await t.db.query<{ id: number; code: string }>('SELECT id::int, code FROM grids')
  return Object.fromEntries(rows.map((r) => [r.code, r.id]))
}

/** A user of `role` scoped to `regions`, logged in: returns bearer headers. */
export async function userHeaders(t: TestApp, username: string, role: 'supervisor' | 'analyst', regions: string[] = []): Promise<Record<string, string>> {
  const users = usersRepository(t.db)
  const user = await users.create(username, await hashPassword('pass-word-1'), role)
  if (regions.length) await users.assignRegions(user.id, regions)
  const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'pass-word-1' } })
  return { authorization: `Bearer ${response.json().token}` }
}

/** The state an edit may change: grids, their history and every household's home grid. */
export async function editState(t: TestApp) {
  const grids = await t.db.query(`SELECT id::int, code, name, version, deleted_at IS NOT NULL AS deleted, ST_AsText(geom) AS wkt FROM grids ORDER BY id`)
  const history = await t.db.query('SELECT count(*)::int AS n FROM grid_history')
  const homes = await t.db.query(`SELECT h.external_id, g.code FROM households h LEFT JOIN grids g ON g.id = h.grid_id ORDER BY h.external_id`)
  return { grids: grids.rows, history: history.rows[0], homes: homes.rows }
}

export async function homes(t: TestApp): Promise<Record<string, string | null>> {
  const { rows } = await t.db.query<{ external_id: string; code: string | null }>(
    'SELECT h.external_id, g.code FROM households h LEFT JOIN grids g ON g.id = h.grid_id ORDER BY h.external_id',
  )
  return Object.fromEntries(rows.map((r) => [r.external_id, r.code]))
}

/** Total area (m²) where two active grids overlap, measured by PostGIS. */
export async function overlapAreaM2(t: TestApp): Promise<number> {
  const { rows } = await t.db.query<{ area: number }>(
    `SELECT COALESCE(sum(ST_Area(ST_Intersection(a.geom, b.geom, 1e-9)::geography)), 0) AS area
       FROM grids a JOIN grids b ON a.id < b.id AND a.geom && b.geom
      WHERE a.deleted_at IS NULL AND b.deleted_at IS NULL`,
  )
  return rows[0].area
}

export { EAST, WEST }
