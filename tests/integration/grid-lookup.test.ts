// The resident's "which grid am I in, and who is my grid worker" (GET /api/grid-lookup): public,
// answered by the home-grid rule, with only what the public may see of the grid workers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WEST } from '../fixtures/small-town'
import { importSmallTown } from './helpers/small-town-import'
import { createTestApp, type TestApp } from './helpers/test-app'

let t: TestApp
let southCode: string

const LOOKUPS_PER_MINUTE = 5
const IN_THE_SOUTH = { lng: 120.005, lat: 33.005 }
const IN_THE_EAST = { lng: 120.015, lat: 33.005 } // the east community has no grids

beforeAll(async () => {
  t = await createTestApp({ GRID_LOOKUPS_PER_MINUTE: String(LOOKUPS_PER_MINUTE) })
  await importSmallTown(t)
  const { rows: grids } = await t.db.query<{ id: number; code: string; name: string }>('SELECT id::int, code, name FROM grids ORDER BY code')
  const south = grids.find((g) => g.name === '西社区南网格')!
  const north = grids.find((g) => g.name === '西社区北网格')!
  southCode = south.code
  const { rows: workers } = await t.db.query<{ id: number }>(
    `INSERT INTO grid_workers (county_code, name, phone, public_phone, role) VALUES
       ('320924', '王小明', '13812345678', NULL, 'full_time'), ('320924', '欧阳娜娜', '13987654321', '0515-82340001', 'grid_leader'),
       ('320924', '李四', '13700000000', NULL, 'part_time')
     RETURNING id::int`,
  )
  await t.db.query(`INSERT INTO grid_assignments (worker_id, grid_id, county_code) VALUES ($1, $3, '320924'), ($2, $3, '320924'), ($4, $5, '320924')`, [
    workers[0].id,
    workers[1].id,
    south.id,
    workers[2].id,
    north.id,
  ])
})
afterAll(() => t.close())

// Each lookup comes from its own address unless told otherwise, so that the limit is tested alone.
let nextAddress = 1
const lookup = (query: string, remoteAddress = `10.0.0.${nextAddress++}`) => t.app.inject({ url: `/api/grid-lookup?${query}`, remoteAddress })
const at = ({ lng, lat }: { lng: number; lat: number }) => `lng=${lng}&lat=${lat}`

describe('GET /api/grid-lookup', () => {
  it('answers the grid a point lies in, its community and its grid workers, leaders first, without a login', async () => {
    const response = await lookup(at(IN_THE_SOUTH))
    expect(response.statusCode).toBe(200)
    expect(response.json()).toEqual({
      grid: { code: southCode, name: '西社区南网格', type: 'comprehensive', community: { code: WEST, name: '西社区' } },
      workers: [
        { name: '欧***', role: 'grid_leader', phone: '0515-82340001' },
        { name: '王**', role: 'full_time', phone: null },
      ],
    })
  })

  it('gives the public only the numbers the grid workers publish, never their own phones or full names', async () => {
    const response = await lookup(at(IN_THE_SOUTH))
    expect(response.json().workers.map((w: { phone: string | null }) => w.phone)).toEqual(['0515-82340001', null])
    const body = response.body
    for (const secret of ['13812345678', '5678', '13987654321', '王小明', '欧阳娜娜']) expect(body).not.toContain(secret)
  })

  it('keeps a published number to the form a phone can dial', async () => {
    const worker = (await t.db.query<{ id: number }>('SELECT id::int FROM grid_workers LIMIT 1')).rows[0]
    await expect(t.db.query(`UPDATE grid_workers SET public_phone = '=HYPERLINK("x")' WHERE id = $1`, [worker.id])).rejects.toThrow(/public_phone/)
  })

  it('says so for a point outside every grid', async () => {
    const response = await lookup(at(IN_THE_EAST))
    expect([response.statusCode, response.json()]).toEqual([200, { grid: null, workers: [] }])
  })

  it('refuses a missing, non-numeric or out-of-range coordinate, naming it', async () => {
    const answers = await Promise.all(['lat=33', 'lng=abc&lat=33', 'lng=120&lat=95', 'lng=200&lat=33'].map((q) => lookup(q)))
    expect(answers.map((r) => [r.statusCode, r.json().error.code])).toEqual(Array(4).fill([400, 'invalid_request']))
    expect(answers.map((r) => r.json().error.message)).toEqual([
      expect.stringContaining('lng'),
      expect.stringContaining('lng'),
      expect.stringContaining('lat'),
      expect.stringContaining('lng'),
    ])
  })

  it('limits each address, saying when to try again', async () => {
    const address = '10.9.9.9'
    const statuses = []
    for (let n = 0; n <= LOOKUPS_PER_MINUTE; n++) statuses.push((await lookup(at(IN_THE_SOUTH), address)).statusCode)
    expect(statuses).toEqual([...Array(LOOKUPS_PER_MINUTE).fill(200), 429])
    const refused = await lookup(at(IN_THE_SOUTH), address)
    expect([refused.json().error.code, Number(refused.headers['retry-after']) > 0]).toEqual(['too_many_lookups', true])
    expect((await lookup(at(IN_THE_SOUTH), '10.9.9.10')).statusCode).toBe(200)
  })
})
