import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { EAST, WEST, collection, feature, point, rectangle } from '../fixtures/small-town'
import { editorTown } from './helpers/grid-edit-fixture'
import { createTestApp, emptyDatabase, type Headers, type TestApp } from './helpers/test-app'

let t: TestApp
let admin: Headers
let north: number
let south: number

beforeAll(async () => {
  t = await createTestApp()
})
beforeEach(async () => {
  await emptyDatabase(t)
  ;({ headers: admin, north, south } = await editorTown(t))
  // The town's own set-up is not what these tests look at.
  await t.db.query('TRUNCATE audit_log')
})
afterAll(() => t.close())

interface Row {
  actor: string
  action: string
  table_name: string
  row_key: string | null
  before: Record<string, unknown> | null
  after: Record<string, unknown> | null
}

async function auditRows(table?: string): Promise<Row[]> {
  const { rows } = await t.db.query<Row>(
    'SELECT actor, action, table_name, row_key, before, after FROM audit_log WHERE $1::text IS NULL OR table_name = $1 ORDER BY id',
    [table ?? null],
  )
  return rows
}

const southRenamed = (version: number) => feature(rectangle(120.0, 33.0, 120.01, 33.01), { version, name: '西社区新南网格', reason: '改名' })

describe('the audit log', () => {
  it('records a grid edit with who, the row before and after', async () => {
    expect((await t.app.inject({ method: 'PUT', url: `/api/grids/${south}`, headers: admin, payload: southRenamed(1) })).statusCode).toBe(200)
    const rows = await auditRows('grids')
    expect(rows.map((r) => [r.actor, r.action, r.row_key, r.before?.name, r.after?.name, r.before?.version, r.after?.version])).toEqual([
      ['admin', 'update', String(south), '西社区南网格', '西社区新南网格', 1, 2],
    ])
  })

  it('sums up the households and incidents a grid edit re-homes in one row per statement', async () => {
    const incident = { category: 'environment', source: 'patrol', description: '东边', location: point(120.015, 33.006) }
    expect((await t.app.inject({ method: 'POST', url: '/api/incidents', headers: admin, payload: incident })).statusCode).toBe(201)
    await t.db.query('TRUNCATE audit_log')
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/grids',
      headers: admin,
      payload: feature(rectangle(120.01, 33.0, 120.02, 33.01), { name: '东南', communityCode: EAST }),
    })
    expect(created.statusCode).toBe(201)
    const id = created.json().grids[0].id
    expect((await auditRows()).map((r) => [r.actor, r.action, r.table_name, r.row_key])).toEqual([
      ['admin', 'insert', 'grids', String(id)],
      ['admin', 'rehome', 'households', null],
      ['admin', 'rehome', 'incidents', null],
    ])
    const moved = { rows: 1, moves: [{ from: null, to: id, count: 1 }] }
    expect([(await auditRows('households'))[0].after, (await auditRows('incidents'))[0].after]).toEqual([moved, moved])
  })

  it('records every row of an import, with the importing admin', async () => {
    const households = collection(
      feature(point(120.003, 33.003), { externalId: 'x-1', address: '新村1号', population: 2 }),
      feature(point(120.004, 33.004), { externalId: 'x-2', address: '新村2号', population: 5 }),
    )
    expect((await t.app.inject({ method: 'POST', url: '/api/import/households', headers: admin, payload: households })).statusCode).toBe(201)
    const rows = await auditRows('households')
    expect(rows.map((r) => [r.actor, r.action, r.before, r.after?.external_id, r.after?.address, r.after?.grid_id])).toEqual([
      ['admin', 'insert', null, 'x-1', '新村1号', south],
      ['admin', 'insert', null, 'x-2', '新村2号', south],
    ])
  })

  it('records a user change with before and after, and never a password hash', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { username: 'li', password: 'long-enough-1', role: 'analyst' },
    })
    const id = created.json().user.id
    await t.app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: admin,
      payload: { password: 'another-one-2', role: 'supervisor', regionCodes: [WEST] },
    })
    const rows = await auditRows()
    expect(
      rows
        .filter((r) => r.table_name !== 'sessions')
        .map((r) => [r.actor, r.action, r.table_name, r.row_key, r.before?.role ?? null, r.after?.role ?? null, r.after?.password_hash ?? null]),
    ).toEqual([
      ['admin', 'insert', 'users', String(id), null, 'analyst', '***'],
      ['admin', 'update', 'users', String(id), 'analyst', 'supervisor', '***'],
      ['admin', 'insert', 'user_regions', `${id},${WEST}`, null, null, null],
    ])
    const {
      rows: [{ hashes }],
    } = await t.db.query<{ hashes: number }>("SELECT count(*)::int AS hashes FROM audit_log WHERE before::text LIKE '%scrypt%' OR after::text LIKE '%scrypt%'")
    expect(hashes).toBe(0)
  })

  it('leaves no row for a refused write: by role, by scope, or invalid', async () => {
    const analyst = await t.as('analyst')
    const eastSupervisor = await t.as('supervisor', { regions: [EAST] })
    await t.db.query('TRUNCATE audit_log')
    const statuses = [
      (await t.app.inject({ method: 'PUT', url: `/api/grids/${south}`, headers: analyst, payload: southRenamed(1) })).statusCode,
      (await t.app.inject({ method: 'PUT', url: `/api/grids/${south}`, headers: eastSupervisor, payload: southRenamed(1) })).statusCode,
      (await t.app.inject({ method: 'DELETE', url: `/api/grids/${north}?version=7`, headers: admin })).statusCode,
      (
        await t.app.inject({
          method: 'POST',
          url: '/api/import/households',
          headers: admin,
          payload: collection(feature(point(120.003, 33.003), { externalId: 'bad' })),
        })
      ).statusCode,
    ]
    expect(statuses).toEqual([403, 403, 409, 422])
    expect(await auditRows()).toEqual([])
  })

  it('names the database user for writes outside the API, and a bulk load can switch itself off', async () => {
    await t.db.query("UPDATE households SET population = population + 1 WHERE external_id = 'w-n1'")
    await t.db.transaction(async (tx) => {
      await tx.query("SELECT set_config('wangge.audit', 'off', true)")
      await tx.query("UPDATE households SET population = population + 1 WHERE external_id = 'w-s1'")
    })
    const {
      rows: [{ user }],
    } = await t.db.query<{ user: string }>('SELECT current_user AS user')
    expect((await auditRows()).map((r) => [r.actor, r.action, r.after?.external_id, r.before?.population, r.after?.population])).toEqual([
      [user, 'update', 'w-n1', 4, 5],
    ])
  })

  it('compares every column but the bookkeeping ones before logging an update (a column added later needs audit_attach again)', async () => {
    const { rows } = await t.db.query<{ table: string; missing: string[] }>(
      `SELECT c.relname AS table,
              coalesce(array_agg(a.attname::text ORDER BY a.attnum) FILTER (WHERE position(format('old.%I ', a.attname) IN pg_get_triggerdef(tg.oid)) = 0), '{}') AS missing
         FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        WHERE tg.tgname LIKE 'audit\\_%\\_update' AND a.attname NOT IN ('grid_id', 'last_used_at')
        GROUP BY c.relname ORDER BY c.relname`,
    )
    expect(rows).toEqual([
      { table: 'display_tokens', missing: [] },
      { table: 'households', missing: [] },
      { table: 'incidents', missing: [] },
    ])
  })

  it('is read by admins through GET /api/audit, filtered by table, actor and time', async () => {
    const before = new Date().toISOString()
    await t.app.inject({ method: 'PUT', url: `/api/grids/${south}`, headers: admin, payload: southRenamed(1) })
    await t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { username: 'li', password: 'long-enough-1', role: 'analyst' } })
    const get = async (query: string) => (await t.app.inject({ method: 'GET', url: `/api/audit${query}`, headers: admin })).json()
    const grids = await get(`?table=grids&actor=admin&from=${encodeURIComponent(before)}`)
    expect(grids.entries).toEqual([
      {
        id: expect.any(Number),
        at: expect.any(String),
        actor: 'admin',
        action: 'update',
        table: 'grids',
        rowKey: String(south),
        before: expect.objectContaining({ name: '西社区南网格' }),
        after: expect.objectContaining({ name: '西社区新南网格' }),
      },
    ])
    expect((await get('?limit=1')).entries.map((e: { table: string }) => e.table)).toEqual(['users'])
    expect((await get(`?to=${encodeURIComponent(before)}`)).entries).toEqual([])
    expect((await get('?actor=nobody')).entries).toEqual([])
  })
})
