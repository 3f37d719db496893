// A real OGC API – Features client: GDAL's OAPIF driver (ogrinfo, ogr2ogr from gdal-bin) against the
// real server process on the demo town. It reads our landing page, conformance, collections and
// items as GDAL does, following our next links.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest'
import { startServer, type RunningServer } from '../setup/start-server'
import { attachThrowawayPostgres } from '../support/throwaway-postgres'
import { TEMPLATE } from './cluster.global-setup'

const run = promisify(execFile)
const DATABASE = 'wangge_gdal_oapif'
const ADMIN_PASSWORD = 'gdal-admin-password'

describe("GDAL's OAPIF driver on /ogc", () => {
  let server: RunningServer
  let databaseUrl: string
  const source = () => `OAPIF:${server.baseUrl}/ogc`

  /** What our own API counts: /api/grids for grids, the regions tree; service points have no list of their own, so the table. */
  async function apiCounts(): Promise<Record<string, number>> {
    const grids = (await (await fetch(`${server.baseUrl}/api/grids`)).json()) as { features: unknown[] }
    const tree = (await (await fetch(`${server.baseUrl}/api/regions`)).json()) as { regions: { children?: unknown[] }[] }
    const countTree = (nodes: { children?: unknown[] }[]): number => nodes.reduce((n, node) => n + 1 + countTree((node.children ?? []) as { children?: unknown[] }[]), 0)
    const db = new pg.Client({ connectionString: databaseUrl })
    await db.connect()
    const { rows: [points] } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM service_points').finally(() => db.end())
    return { grids: grids.features.length, regions: countTree(tree.regions), 'service-points': points.n }
  }

  beforeAll(async () => {
    const cluster = attachThrowawayPostgres(inject('faultsCluster'))
    const admin = new pg.Client({ connectionString: cluster.url })
    await admin.connect()
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE}`)
    await admin.query(`CREATE DATABASE ${DATABASE} TEMPLATE ${TEMPLATE}`)
    await admin.end()
    databaseUrl = `postgres://postgres@127.0.0.1:${cluster.port}/${DATABASE}`
    server = await startServer({
      DATABASE_URL: databaseUrl,
      SEED: 'demo',
      ADMIN_PASSWORD,
      CLIENT_DIR: '/nonexistent',
    }, 110_000)
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('lists the five collections from the landing page', async () => {
    const { stdout } = await run('ogrinfo', ['-ro', '-so', source()])
    expect([...stdout.matchAll(/^\d+: (\S+)/gm)].map((match) => match[1])).toEqual(['regions', 'grids', 'service-points', 'households', 'incidents'])
  })

  it.each(['grids', 'regions', 'service-points'])('reports the same feature count for %s as our own API', async (layer) => {
    const { stdout } = await run('ogrinfo', ['-ro', '-so', source(), layer])
    const reported = Number(/^Feature Count: (\d+)$/m.exec(stdout)?.[1])
    const counts = await apiCounts()
    expect(counts[layer]).toBeGreaterThan(0)
    expect({ layer, reported }).toEqual({ layer, reported: counts[layer] })
  })

  it('reads every grid exactly once when paging through small pages', async () => {
    const { stdout } = await run('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', source(), 'grids', '-oo', 'PAGE_SIZE=7'], { maxBuffer: 256 * 1024 * 1024 })
    const read = (JSON.parse(stdout) as { features: { properties: { id: number } }[] }).features.map((f) => f.properties.id)
    const grids = (await (await fetch(`${server.baseUrl}/api/grids`)).json()) as { features: { id: number }[] }
    expect([...read].sort((a, b) => a - b)).toEqual(grids.features.map((f) => f.id).sort((a, b) => a - b))
  })

  it("reads households with a wall's display token as a Bearer header, masked, as many as /api/households has", async () => {
    const post = async (path: string, body: unknown, headers: Record<string, string> = {}) =>
      (await (await fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as { token: string }
    const { token: session } = await post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })
    const { token } = await post('/api/display-tokens', { name: 'gdal wall' }, { authorization: `Bearer ${session}` })
    const { stdout } = await run('ogrinfo', ['-ro', '-so', '--config', 'GDAL_HTTP_HEADERS', `Authorization: Bearer ${token}`, source(), 'households'])
    const api = (await (await fetch(`${server.baseUrl}/api/households?limit=100000`, { headers: { authorization: `Bearer ${token}` } })).json()) as { features: unknown[] }
    expect({
      count: Number(/^Feature Count: (\d+)$/m.exec(stdout)?.[1]),
      fields: [...stdout.matchAll(/^(\w+): \w+ \(/gm)].map((match) => match[1]),
    }).toEqual({ count: api.features.length, fields: ['id', 'externalId', 'gridId', 'gridCode'] })
  })
})
