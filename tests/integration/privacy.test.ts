import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WEST, feature, point } from '../fixtures/small-town'
import { importAs } from './helpers/coverage-fixture'
import { gridIds } from './helpers/grid-edit-fixture'
import { importSmallTown } from './helpers/small-town-import'
import { createTestApp, type Headers, type TestApp } from './helpers/test-app'

let t: TestApp
const who: Record<string, Headers> = {}

beforeAll(async () => {
  // One grid per worker at most: the worker below, on both west grids, is overloaded.
  t = await createTestApp({ WORKER_MAX_GRIDS: '1' })
  await importSmallTown(t)
  await importAs(
    t,
    'households',
    feature(point(120.005, 33.005), { externalId: 'w-1', address: '西社区幸福路1号', population: 3 }),
    feature(point(120.015, 33.005), { externalId: 'e-1', address: '东社区和平路2号', population: 1 }),
  )
  const ids = await gridIds(t)
  const { rows } = await t.db.query<{ id: number }>(
    "INSERT INTO grid_workers (county_code, name, phone, role) VALUES ('320924', '张三丰', '13812345678', 'full_time') RETURNING id::int",
  )
  await t.db.query("INSERT INTO grid_assignments (worker_id, grid_id, county_code) SELECT $1, unnest($2::bigint[]), '320924'", [
    rows[0].id,
    [ids[`${WEST}001`], ids[`${WEST}002`]],
  ])
  Object.assign(who, await t.everyone(WEST))
})
afterAll(() => t.close())

async function households(headers: Headers) {
  const response = await t.app.inject({ method: 'GET', url: '/api/households?region=320924', headers })
  if (response.statusCode !== 200) return response.statusCode
  return response.json().features.map((f: { properties: Record<string, unknown> }) => f.properties)
}

const full = (externalId: string, address: string, population: number, gridCode: string | null) => ({
  id: expect.any(Number),
  externalId,
  address,
  population,
  elderlyAlone: false,
  disabled: false,
  lowIncome: false,
  keyCare: false,
  gridId: gridCode ? expect.any(Number) : null,
  gridCode,
})
const bare = (externalId: string, gridCode: string | null) => ({ id: expect.any(Number), externalId, gridId: gridCode ? expect.any(Number) : null, gridCode })

describe('household details', () => {
  it('go in full to an admin', async () => {
    expect(await households(who.admin)).toEqual([full('w-1', '西社区幸福路1号', 3, `${WEST}002`), full('e-1', '东社区和平路2号', 1, null)])
  })

  it('go to a supervisor only for households in their regions', async () => {
    expect(await households(who.westSupervisor)).toEqual([full('w-1', '西社区幸福路1号', 3, `${WEST}002`), bare('e-1', null)])
  })

  it('are withheld from analysts and walls, which get the point and the ids; the public gets nothing', async () => {
    expect([await households(who.analyst), await households(who.display), await households(who.anonymous)]).toEqual([
      [bare('w-1', `${WEST}002`), bare('e-1', null)],
      [bare('w-1', `${WEST}002`), bare('e-1', null)],
      401,
    ])
  })
})

describe("grid workers' names", () => {
  async function overloaded(headers: Headers) {
    const response = await t.app.inject({ method: 'GET', url: `/api/coverage?region=${WEST}`, headers })
    if (response.statusCode !== 200) return response.statusCode
    const spot = response.json().blindSpots.features.find((f: { properties: { kind: string } }) => f.properties.kind === 'worker_overloaded')
    return { name: spot.properties.workerName, explanation: spot.properties.explanation }
  }
  const said = (name: string) => ({
    name,
    explanation: { 'zh-CN': `网格员 ${name} 同时负责 2 个网格（上限 1）`, en: `grid worker ${name} covers 2 grids (limit 1)` },
  })

  it('show in full to admins and supervisors, masked to analysts and walls', async () => {
    const seen = []
    for (const role of ['admin', 'westSupervisor', 'analyst', 'display', 'anonymous']) seen.push(await overloaded(who[role]))
    expect(seen).toEqual([said('张三丰'), said('张三丰'), said('张**'), said('张**'), 401])
  })

  it('are masked in the answer only: the cached report an admin reads next is whole', async () => {
    expect(await overloaded(who.analyst)).toEqual(said('张**'))
    expect(await overloaded(who.admin)).toEqual(said('张三丰'))
  })
})
