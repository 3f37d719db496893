// A real OGC API – Features client from Python: OWSLib (Debian's python3-owslib, run with
// /usr/bin/python3) against the real server process on the demo town. tests/faults/owslib_oapif.py
// reads the landing page (OWSLib asks for it as /ogc/), the API definition, conformance, every
// collection, their queryables, and every feature page by page, with and without a datetime; this
// file compares what it read with the database.
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../setup/start-server'
import { DEMO_ADMIN_PASSWORD as ADMIN_PASSWORD, demoDatabaseFromTemplate } from './cluster.global-setup'

const run = promisify(execFile)
const DATABASE = 'wangge_owslib_oapif'
const SCRIPT = fileURLToPath(new URL('./owslib_oapif.py', import.meta.url))

interface Read {
  ids: number
  distinct: number
  numberMatched: number
}
interface OwsLibRead {
  landing: string[]
  openapi: string
  conformance: string[]
  collections: string[]
  featureCollections: string[]
  queryables: Record<string, string[]>
  all: Record<string, Read>
  inInterval: Record<string, Read>
  fromStart: number
  trafficInInterval: number
}

describe('OWSLib on /ogc', () => {
  let server: RunningServer
  let db: pg.Client
  let read: OwsLibRead
  let start: string
  let end: string

  beforeAll(async () => {
    const cluster = await demoDatabaseFromTemplate(DATABASE)
    const databaseUrl = `postgres://postgres@127.0.0.1:${cluster.port}/${DATABASE}`
    server = await startServer({ DATABASE_URL: databaseUrl, SEED: 'demo', ADMIN_PASSWORD, CLIENT_DIR: '/nonexistent' }, 110_000)
    db = new pg.Client({ connectionString: databaseUrl })
    await db.connect()
    // A month in the middle of the demo's year of incidents.
    const {
      rows: [{ middle }],
    } = await db.query<{ middle: Date }>(`SELECT date_trunc('month', min(reported_at) + (max(reported_at) - min(reported_at)) / 2) AS middle FROM incidents`)
    start = middle.toISOString()
    end = new Date(Date.UTC(middle.getUTCFullYear(), middle.getUTCMonth() + 1, 1)).toISOString()
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    })
    const { token } = (await login.json()) as { token: string }
    const { stdout } = await run('/usr/bin/python3', [SCRIPT, `${server.baseUrl}/ogc`, token, `${start}/${end}`, `${start}/..`], {
      maxBuffer: 16 * 1024 * 1024,
      timeout: 240_000,
    })
    read = JSON.parse(stdout) as OwsLibRead
  }, 360_000)
  afterAll(async () => {
    await db?.end()
    await server?.stop()
  })

  const count = async (sql: string, params: unknown[] = []) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0].n
  const everything = () => ({
    regions: count('regions'),
    grids: count('grids WHERE deleted_at IS NULL'),
    'service-points': count('service_points'),
    households: count('households'),
    incidents: count('incidents'),
  })
  const settle = async (counts: Record<string, Promise<number>>): Promise<Record<string, number>> =>
    Object.fromEntries(await Promise.all(Object.entries(counts).map(async ([id, n]) => [id, await n] as const)))
  const asRead = (n: number): Read => ({ ids: n, distinct: n, numberMatched: n })

  it('reads the landing page, an OpenAPI 3.0 definition, conformance with Part 3, the five collections and their queryables', () => {
    expect({ ...read, all: undefined, inInterval: undefined, fromStart: undefined, trafficInInterval: undefined, openapi: read.openapi.slice(0, 4) }).toEqual({
      landing: ['self', 'service-desc', 'service-doc', 'conformance', 'data'],
      openapi: '3.0.',
      conformance: expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
      ]),
      collections: ['regions', 'grids', 'service-points', 'households', 'incidents'],
      featureCollections: ['regions', 'grids', 'service-points', 'households', 'incidents'],
      queryables: {
        regions: ['level', 'parentCode'],
        grids: ['type', 'communityCode'],
        'service-points': ['category'],
        households: ['gridId', 'gridCode'],
        incidents: ['category', 'status', 'source', 'priority', 'gridId', 'gridCode'],
      },
      all: undefined,
      inInterval: undefined,
      fromStart: undefined,
      trafficInInterval: undefined,
    })
  })

  it('reads every feature of every collection exactly once, as many as the database has', async () => {
    const expected = await settle(everything())
    expect(Object.values(expected).every((n) => n > 0)).toBe(true)
    expect(read.all).toEqual(Object.fromEntries(Object.entries(expected).map(([id, n]) => [id, asRead(n)])))
  })

  it('reads with a datetime: the incidents reported then, every feature of the collections without time', async () => {
    const expected = await settle({ ...everything(), incidents: count('incidents WHERE reported_at >= $1 AND reported_at <= $2', [start, end]) })
    expect(expected.incidents).toBeGreaterThan(0)
    expect(expected.incidents).toBeLessThan(await count('incidents'))
    expect(read.inInterval).toEqual(Object.fromEntries(Object.entries(expected).map(([id, n]) => [id, asRead(n)])))
  })

  it('reads incidents in a half-open interval and with a queryable, as the database counts them', async () => {
    expect([read.fromStart, read.trafficInInterval]).toEqual([
      await count('incidents WHERE reported_at >= $1', [start]),
      await count(`incidents WHERE reported_at >= $1 AND reported_at <= $2 AND category = 'traffic'`, [start, end]),
    ])
  })
})
