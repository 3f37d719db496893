// A real OGC API – Features client: GDAL's OAPIF driver (ogrinfo, ogr2ogr from gdal-bin) against the
// real server process on the demo town. It reads our landing page, conformance, collections and
// items as GDAL does, following our next links.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../setup/start-server'
import { databaseFromTemplate } from './cluster.global-setup'
import { tileAt, tilePath } from '../support/vector-tile'

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
    const cluster = await databaseFromTemplate(DATABASE)
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

  it("reads our vector tiles with GDAL's MVT driver: every grid in the one tile that holds the town, where it lies", async () => {
    const { token } = (await (await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    })).json()) as { token: string }
    const grids = (await (await fetch(`${server.baseUrl}/api/grids`)).json()) as { features: { geometry: { coordinates: number[][][][] } }[] }
    const positions = grids.features.flatMap((f) => f.geometry.coordinates.flat(2))
    const [minLng, maxLng] = [Math.min(...positions.map((p) => p[0])), Math.max(...positions.map((p) => p[0]))]
    const [minLat, maxLat] = [Math.min(...positions.map((p) => p[1])), Math.max(...positions.map((p) => p[1]))]
    // The deepest zoom at which one tile holds every grid.
    const z = [14, 13, 12, 11, 10, 9, 8, 7, 6].find((zoom) => JSON.stringify(tileAt(minLng, minLat, zoom)) === JSON.stringify(tileAt(maxLng, maxLat, zoom)))!
    const tile = tileAt(minLng, minLat, z)
    const url = `/vsicurl/${server.baseUrl}${tilePath('grids', tile)}`
    const { stdout } = await run('ogrinfo', ['-ro', '-so', '--config', 'GDAL_HTTP_HEADERS', `Authorization: Bearer ${token}`, url, 'grids'])
    const extent = /^Extent: \(([-\d.]+), ([-\d.]+)\) - \(([-\d.]+), ([-\d.]+)\)$/m.exec(stdout)!.slice(1).map(Number)
    const toLngLat = (x: number, y: number) => [(x / 6378137) * (180 / Math.PI), Math.atan(Math.sinh(y / 6378137)) * (180 / Math.PI)]
    const [[west, south], [east, north]] = [toLngLat(extent[0], extent[1]), toLngLat(extent[2], extent[3])]
    // One tile unit at zoom z, in degrees of longitude: the snapping GDAL reads back.
    const unit = 360 / 2 ** z / 4096
    expect({
      count: Number(/^Feature Count: (\d+)$/m.exec(stdout)?.[1]),
      fields: [...stdout.matchAll(/^(\w+): \w+ \(/gm)].map((match) => match[1]).sort(),
      extent: [west - minLng, south - minLat, east - maxLng, north - maxLat].every((d) => Math.abs(d) <= 2 * unit),
    }).toEqual({ count: grids.features.length, fields: ['code', 'community_code', 'mvt_id', 'name', 'type'], extent: true })
  })
})
