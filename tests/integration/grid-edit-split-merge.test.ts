import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { feature, rectangle } from '../fixtures/small-town'
import { EAST, WEST, editState, editorTown, gridIds, homes, overlapAreaM2 } from './helpers/grid-edit-fixture'
import { createTestApp, emptyDatabase, type TestApp } from './helpers/test-app'

let t: TestApp
let headers: Record<string, string>
let north: number
let south: number

beforeAll(async () => {
  t = await createTestApp()
})
beforeEach(async () => {
  await emptyDatabase(t)
  ;({ headers, north, south } = await editorTown(t))
})
afterAll(() => t.close())

const post = (url: string, payload: object) => t.app.inject({ method: 'POST', url, headers, payload })
const line = (...coordinates: [number, number][]) => ({ type: 'LineString', coordinates })
// Cuts the south grid (120.0–120.01) at 120.004: the east part is larger and keeps the code.
const cut = line([120.004, 32.999], [120.004, 33.011])

const history = async (id: number) =>
  (await t.app.inject({ method: 'GET', url: `/api/grids/${id}/history`, headers }))
    .json()
    .entries.map((e: Record<string, unknown>) => [e.version, e.operation, e.relatedGridIds])

describe('POST /api/grids/:id/split', () => {
  it('keeps the code on the larger part, gives the other the next code, re-homes and records lineage', async () => {
    const response = await post(`/api/grids/${south}/split`, { line: cut, version: 1, reason: '道路分隔' })
    expect(response.statusCode).toBe(201)
    const ids = await gridIds(t)
    const added = ids[`${WEST}003`]
    expect(response.json().grids.map((g: { properties: object }) => g.properties)).toEqual([
      { id: south, code: `${WEST}002`, name: '西社区南网格', type: 'comprehensive', communityCode: WEST, householdCount: 1, version: 2 },
      { id: added, code: `${WEST}003`, name: '西社区南网格-2', type: 'comprehensive', communityCode: WEST, householdCount: 1, version: 1 },
    ])
    expect(response.json().householdsMoved).toBe(1)
    expect(await homes(t)).toMatchObject({ 'w-s1': `${WEST}002`, 'w-s2': `${WEST}003` })
    expect(await history(south)).toEqual([
      [1, 'import', []],
      [2, 'split', [added]],
    ])
    expect(await history(added)).toEqual([[1, 'split', [south]]])
    expect(await overlapAreaM2(t)).toBeLessThan(1)
  })

  it('previews a split with ?dryRun=true and changes nothing', async () => {
    const before = await editState(t)
    const response = await post(`/api/grids/${south}/split?dryRun=true`, { line: cut })
    expect(response.statusCode).toBe(200)
    const body = response.json()
    expect([
      body.dryRun,
      body.householdsMoved,
      body.sizeNorms.map((s: { code: string; sizeNorm: { households: number; status: string } }) => [s.code, s.sizeNorm.households, s.sizeNorm.status]),
    ]).toEqual([
      true,
      1,
      [
        [`${WEST}002`, 1, 'undersized'],
        [`${WEST}003`, 1, 'undersized'],
      ],
    ])
    expect(await editState(t)).toEqual(before)
  })

  it.each([
    ['a line that ends inside the grid', line([120.004, 32.999], [120.004, 33.005]), 'line_does_not_split'],
    ['a line that misses the grid', line([120.015, 32.999], [120.015, 33.011]), 'line_does_not_split'],
    ['a point instead of a line', { type: 'Point', coordinates: [120.004, 33.0] }, 'invalid_line'],
    ['a line of one position', line([120.004, 33.0]), 'invalid_line'],
  ])('refuses %s with 422 and changes nothing', async (_, blade, code) => {
    const before = await editState(t)
    const response = await post(`/api/grids/${south}/split`, { line: blade })
    expect([response.statusCode, response.json().error.code]).toEqual([422, code])
    expect(await editState(t)).toEqual(before)
  })

  it('refuses a stale version and an unknown grid', async () => {
    const answers = [await post(`/api/grids/${south}/split`, { line: cut, version: 5 }), await post('/api/grids/424242/split', { line: cut })]
    expect(answers.map((r) => [r.statusCode, r.json().error.code])).toEqual([
      [409, 'stale_version'],
      [404, 'grid_not_found'],
    ])
  })
})

describe('POST /api/grids/merge', () => {
  it('merges adjacent grids into the lowest code, retires the other and records lineage', async () => {
    const response = await post('/api/grids/merge', { ids: [south, north], versions: [1, 1], reason: '合并' })
    expect(response.statusCode).toBe(201)
    const body = response.json()
    expect([body.deletedGridIds, body.householdsMoved, body.grids.map((g: { properties: object }) => g.properties)]).toEqual([
      [south],
      2,
      [{ id: north, code: `${WEST}001`, name: '西社区北网格', type: 'comprehensive', communityCode: WEST, householdCount: 3, version: 2 }],
    ])
    const { rows } = await t.db.query('SELECT ST_Equals(geom, ST_MakeEnvelope(120.0, 33.0, 120.01, 33.02, 4326)) AS whole FROM grids WHERE id = $1', [north])
    expect(rows).toEqual([{ whole: true }])
    expect(await history(north)).toEqual([
      [1, 'import', []],
      [2, 'merge', [south]],
    ])
    expect(await history(south)).toEqual([
      [1, 'import', []],
      [2, 'merge', [north]],
    ])
    expect(Object.values(await homes(t)).filter((code) => code === `${WEST}001`)).toHaveLength(3)
  })

  it('refuses grids that do not touch, grids of two communities, a deleted grid and an unknown one', async () => {
    await t.app.inject({ method: 'DELETE', url: `/api/grids/${north}?version=1`, headers })
    const a = (await post('/api/grids', feature(rectangle(120.0, 33.015, 120.003, 33.02), { communityCode: WEST }))).json().grids[0].id
    const b = (await post('/api/grids', feature(rectangle(120.006, 33.015, 120.01, 33.02), { communityCode: WEST }))).json().grids[0].id
    const east = (await post('/api/grids', feature(rectangle(120.01, 33.0, 120.02, 33.01), { communityCode: EAST }))).json().grids[0].id
    const before = await editState(t)
    const answers = [
      await post('/api/grids/merge', { ids: [a, b] }),
      await post('/api/grids/merge', { ids: [south, east] }),
      await post('/api/grids/merge', { ids: [south, north] }),
      await post('/api/grids/merge', { ids: [south, 999999] }),
      await post('/api/grids/merge', { ids: [south] }),
    ]
    expect(answers.map((r) => [r.statusCode, r.json().error.code])).toEqual([
      [422, 'grids_not_adjacent'],
      [422, 'different_communities'],
      [410, 'grid_deleted'],
      [404, 'grid_not_found'],
      [400, 'invalid_request'],
    ])
    expect(await editState(t)).toEqual(before)
  })
})
