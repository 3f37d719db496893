// A real OGC API – Features client: GDAL's OAPIF driver (ogrinfo, ogr2ogr from gdal-bin) against the
// real server process on the demo town. It reads our landing page, conformance, collections and
// items as GDAL does, following our next links, and pushes its -where down as datetime and
// queryables (GDAL 3.6 reads the parameters it may send from the OpenAPI document at service-desc).
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../setup/start-server'
import { DEMO_ADMIN_PASSWORD as ADMIN_PASSWORD, demoDatabaseFromTemplate } from './cluster.global-setup'
import { tileAt, tilePath } from '../support/vector-tile'

const run = promisify(execFile)
const DATABASE = 'wangge_gdal_oapif'

describe("GDAL's OAPIF driver on /ogc", () => {
  let server: RunningServer
  let databaseUrl: string
  const source = () => `OAPIF:${server.baseUrl}/ogc`

  /** What our own API counts: /api/grids for grids, the regions tree; service points have no list of their own, so the table. */
  async function apiCounts(): Promise<Record<string, number>> {
    const grids = (await (await fetch(`${server.baseUrl}/api/grids`)).json()) as { features: unknown[] }
    const tree = (await (await fetch(`${server.baseUrl}/api/regions`)).json()) as { regions: { children?: unknown[] }[] }
    const countTree = (nodes: { children?: unknown[] }[]): number =>
      nodes.reduce((n, node) => n + 1 + countTree((node.children ?? []) as { children?: unknown[] }[]), 0)
    const db = new pg.Client({ connectionString: databaseUrl })
    await db.connect()
    const {
      rows: [points],
    } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM service_points').finally(() => db.end())
    return { grids: grids.features.length, regions: countTree(tree.regions), 'service-points': points.n }
  }

  beforeAll(async () => {
    const cluster = await demoDatabaseFromTemplate(DATABASE)
    databaseUrl = `postgres://postgres@127.0.0.1:${cluster.port}/${DATABASE}`
    server = await startServer(
      {
        DATABASE_URL: databaseUrl,
        SEED: 'demo',
        ADMIN_PASSWORD,
        CLIENT_DIR: '/nonexistent',
      },
      110_000,
    )
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
      (await (
        await fetch(`${server.baseUrl}${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) })
      ).json()) as { token: string }
    const { token: session } = await post('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })
    const { token } = await post('/api/display-tokens', { name: 'gdal wall' }, { authorization: `Bearer ${session}` })
    const { stdout } = await run('ogrinfo', ['-ro', '-so', '--config', 'GDAL_HTTP_HEADERS', `Authorization: Bearer ${token}`, source(), 'households'])
    const api = (await (await fetch(`${server.baseUrl}/api/households?limit=100000`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
      features: unknown[]
    }
    expect({
      count: Number(/^Feature Count: (\d+)$/m.exec(stdout)?.[1]),
      fields: [...stdout.matchAll(/^(\w+): \w+ \(/gm)].map((match) => match[1]),
    }).toEqual({ count: api.features.length, fields: ['id', 'externalId', 'gridId', 'gridCode'] })
  })

  /** An admin's bearer token, for the guarded collections. */
  async function adminToken(): Promise<string> {
    const response = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    })
    return ((await response.json()) as { token: string }).token
  }

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const db = new pg.Client({ connectionString: databaseUrl })
    await db.connect()
    try {
      return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`, params)).rows[0].n
    } finally {
      await db.end()
    }
  }

  /** ogrinfo's feature count for a layer under a -where, and the URLs GDAL fetched (CPL_DEBUG). */
  async function countWhere(layer: string, where: string, token: string) {
    const { stdout, stderr } = await run(
      'ogrinfo',
      [
        '-ro',
        '-so',
        '--debug',
        'on',
        '-oo',
        'PAGE_SIZE=1000',
        '--config',
        'GDAL_HTTP_HEADERS',
        `Authorization: Bearer ${token}`,
        source(),
        layer,
        '-where',
        where,
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    )
    const fetched = [...stderr.matchAll(/^HTTP: Fetch\((.*)\)$/gm)].map((match) => decodeURIComponent(match[1]))
    // The first items page GDAL reads is unfiltered: it learns the layer's fields from it.
    const [, ...filtered] = fetched.filter((url) => url.includes(`/collections/${layer}/items?`))
    return { count: Number(/^Feature Count: (\d+)$/m.exec(stdout)?.[1]), items: filtered }
  }

  it("reads the incidents' temporal extent (reportedAt) as GDAL's TEMPORAL_INTERVAL metadata", async () => {
    const { stdout } = await run('ogrinfo', [
      '-ro',
      '-so',
      '--config',
      'GDAL_HTTP_HEADERS',
      `Authorization: Bearer ${await adminToken()}`,
      source(),
      'incidents',
    ])
    const db = new pg.Client({ connectionString: databaseUrl })
    await db.connect()
    const {
      rows: [span],
    } = await db.query<{ first: Date; last: Date }>('SELECT min(reported_at) AS first, max(reported_at) AS last FROM incidents').finally(() => db.end())
    expect([/^ {2}TEMPORAL_INTERVAL_MIN=(.*)$/m.exec(stdout)?.[1], /^ {2}TEMPORAL_INTERVAL_MAX=(.*)$/m.exec(stdout)?.[1]]).toEqual([
      span.first.toISOString(),
      span.last.toISOString(),
    ])
  })

  it('pushes a -where on reportedAt down as datetime, with a queryable, and reads as many incidents as the database has then', async () => {
    const db = new pg.Client({ connectionString: databaseUrl })
    await db.connect()
    // A month in the middle of the demo's year of incidents, on whole seconds (the demo's times have milliseconds).
    const {
      rows: [{ middle }],
    } = await db
      .query<{ middle: Date }>(`SELECT date_trunc('month', min(reported_at) + (max(reported_at) - min(reported_at)) / 2) AS middle FROM incidents`)
      .finally(() => db.end())
    const start = middle.toISOString().replace('.000Z', 'Z')
    const end = new Date(Date.UTC(middle.getUTCFullYear(), middle.getUTCMonth() + 1, 1)).toISOString().replace('.000Z', 'Z')
    const token = await adminToken()
    const read = await countWhere('incidents', `reportedAt >= '${start}' AND reportedAt < '${end}' AND category = 'traffic'`, token)
    // GDAL sends the interval closed (datetime=start/end): the database counts the same.
    const expected = await count(`incidents WHERE reported_at >= $1 AND reported_at <= $2 AND category = 'traffic'`, [start, end])
    expect(expected).toBeGreaterThan(0)
    expect(read.count).toBe(expected)
    expect(read.items.at(-1)).toContain(`datetime=${start}/${end}`)
    expect(read.items.every((url) => url.includes('category=traffic') && url.includes('datetime='))).toBe(true)
  })

  it.each([
    ['regions', "level = 'community'", `regions WHERE level = 'community'`],
    ['grids', "type = 'comprehensive'", `grids WHERE deleted_at IS NULL AND type = 'comprehensive'`],
    ['service-points', "category = 'health'", `service_points WHERE category = 'health'`],
    ['households', "gridCode = '@'", `households h JOIN grids g ON g.id = h.grid_id WHERE g.code = '@'`],
  ])('pushes an equality -where on %s down as a queryable and reads as many as the database has', async (layer, where, sql) => {
    // The grid with the most households, for the households' filter.
    const db = new pg.Client({ connectionString: databaseUrl })
    await db.connect()
    const {
      rows: [{ code }],
    } = await db
      .query<{ code: string }>('SELECT g.code FROM households h JOIN grids g ON g.id = h.grid_id GROUP BY g.code ORDER BY count(*) DESC LIMIT 1')
      .finally(() => db.end())
    const read = await countWhere(layer, where.replace('@', code), await adminToken())
    const expected = await count(sql.replace('@', code))
    expect(expected).toBeGreaterThan(0)
    const [name, value] = where.replace('@', code).split(' = ')
    expect({ count: read.count, pushed: read.items.length > 0 && read.items.every((url) => url.includes(`${name}=${value.slice(1, -1)}`)) }).toEqual({
      count: expected,
      pushed: true,
    })
  })

  it("reads our vector tiles with GDAL's MVT driver: every grid in the one tile that holds the town, where it lies", async () => {
    const { token } = (await (
      await fetch(`${server.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
      })
    ).json()) as { token: string }
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
