import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { feature, rectangle } from '../fixtures/small-town'
import { editorTown, overlapAreaM2 } from './helpers/grid-edit-fixture'
import { createTestApp, emptyDatabase, type TestApp } from './helpers/test-app'

// On the embedded engine the pool has one connection, so these saves queue; on a real
// PostgreSQL (TEST_DATABASE_URL, DB_POOL_SIZE 20) they really race.
let t: TestApp
let headers: Record<string, string>
let north: number
let south: number

beforeAll(async () => {
  t = await createTestApp({ DB_POOL_SIZE: '20' })
})
beforeEach(async () => {
  await emptyDatabase(t)
  ;({ headers, north, south } = await editorTown(t))
})
afterAll(() => t.close())

const put = (id: number, geometry: object, version: number) =>
  t.app.inject({ method: 'PUT', url: `/api/grids/${id}`, headers, payload: feature(geometry, { version }) })

async function versionOf(id: number): Promise<number> {
  const { rows } = await t.db.query<{ version: number }>('SELECT version FROM grids WHERE id = $1', [id])
  return rows[0].version
}

describe('concurrent saves', () => {
  it('lets exactly one of 20 saves against the same version win; the rest get 409', async () => {
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => put(south, rectangle(120.0, 33.0, 120.01, 33.009 - i * 1e-4), 1)))
    const codes = answers.map((r) => (r.statusCode === 200 ? 'saved' : r.json().error.code)).sort()
    expect(codes).toEqual(['saved', ...Array(19).fill('stale_version')])
    const { rows } = await t.db.query('SELECT version FROM grids WHERE id = $1', [south])
    const history = await t.db.query('SELECT count(*)::int AS n FROM grid_history WHERE grid_id = $1', [south])
    expect([rows[0].version, history.rows[0].n]).toEqual([2, 2])
    expect(await overlapAreaM2(t)).toBe(0)
  })

  it('never lets two neighbours growing into the same gap at once both save', async () => {
    // Open a gap 33.008–33.012 between the two grids, then let both grow across all of it.
    expect((await put(north, rectangle(120.0, 33.012, 120.01, 33.02), 1)).statusCode).toBe(200)
    expect((await put(south, rectangle(120.0, 33.0, 120.01, 33.008), 1)).statusCode).toBe(200)
    const gapNorth = rectangle(120.0, 33.012, 120.01, 33.02)
    const gapSouth = rectangle(120.0, 33.0, 120.01, 33.008)
    for (let round = 0; round < 5; round++) {
      const [a, b] = await Promise.all([
        put(north, rectangle(120.0, 33.009, 120.01, 33.02), await versionOf(north)),
        put(south, rectangle(120.0, 33.0, 120.01, 33.011), await versionOf(south)),
      ])
      const outcome = [a, b].map((r) => (r.statusCode === 200 ? 'saved' : r.json().error.code)).sort()
      expect(outcome).toEqual(['overlaps_grid', 'saved'])
      expect(await overlapAreaM2(t)).toBe(0)
      // Back to the gap for the next round.
      expect((await put(north, gapNorth, await versionOf(north))).statusCode).toBe(200)
      expect((await put(south, gapSouth, await versionOf(south))).statusCode).toBe(200)
    }
  })
})
