// A real vector-tile client: GDAL's MVT driver (ogrinfo, ogr2ogr from gdal-bin 3.6) reading a tile
// layer through its TileJSON (/tiles/:layer.json) from the real server process on the demo town.
// GDAL 3.6 opens a tileset at one zoom level as `MVT:<base>/tiles/<layer>/<z>` and reads the
// layer's fields and bounds from the METADATA_FILE open option, here our TileJSON; it fetches the
// tiles within the bounds with its own curl (Accept-Encoding: gzip), and a display token as header.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../setup/start-server'
import { DEMO_ADMIN_PASSWORD as ADMIN_PASSWORD, demoDatabaseFromTemplate } from './cluster.global-setup'
import { tileAt } from '../support/vector-tile'

const run = promisify(execFile)
const DATABASE = 'wangge_gdal_mvt'

describe("GDAL's MVT driver on /tiles, through TileJSON", () => {
  let server: RunningServer
  let displayToken: string

  async function post<T>(path: string, body: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await fetch(`${server.baseUrl}${path}`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    return (await response.json()) as T
  }

  beforeAll(async () => {
    const cluster = await demoDatabaseFromTemplate(DATABASE)
    server = await startServer(
      {
        DATABASE_URL: `postgres://postgres@127.0.0.1:${cluster.port}/${DATABASE}`,
        SEED: 'demo',
        ADMIN_PASSWORD,
        CLIENT_DIR: '/nonexistent',
      },
      110_000,
    )
    const { token: session } = await post<{ token: string }>('/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })
    ;({ token: displayToken } = await post<{ token: string }>('/api/display-tokens', { name: 'gdal mvt wall' }, { authorization: `Bearer ${session}` }))
  })
  afterAll(async () => {
    await server?.stop()
  })

  const gdal = (tool: 'ogrinfo' | 'ogr2ogr', args: string[]) =>
    run(tool, ['--config', 'GDAL_HTTP_HEADERS', `Authorization: Bearer ${displayToken}`, ...args], { maxBuffer: 256 * 1024 * 1024 })

  it('reads the grids layer with the fields TileJSON lists, and every grid of the town once by code', async () => {
    const tileJson = (await (await fetch(`${server.baseUrl}/tiles/grids.json`, { headers: { authorization: `Bearer ${displayToken}` } })).json()) as {
      bounds: [number, number, number, number]
      vector_layers: { id: string; fields: Record<string, string> }[]
    }
    const [west, south, east, north] = tileJson.bounds
    // The deepest zoom at which one tile holds the town: GDAL reads the tiles the bounds meet there.
    const z = [14, 13, 12, 11, 10, 9, 8, 7, 6].find((zoom) => JSON.stringify(tileAt(west, south, zoom)) === JSON.stringify(tileAt(east, north, zoom)))!
    const source = [`MVT:${server.baseUrl}/tiles/grids/${z}`, '-oo', `METADATA_FILE=${server.baseUrl}/tiles/grids.json`]

    const { stdout: info } = await gdal('ogrinfo', ['-ro', '-so', ...source, 'grids'])
    const fields = [...info.matchAll(/^(\w+): \w+ \(/gm)].map((match) => match[1])
    expect(fields.filter((field) => !['Geometry', 'mvt_id'].includes(field)).sort()).toEqual(Object.keys(tileJson.vector_layers[0].fields).sort())

    const { stdout } = await gdal('ogr2ogr', ['-f', 'GeoJSON', '/vsistdout/', ...source, 'grids'])
    const read = (JSON.parse(stdout) as { features: { properties: { code: string } }[] }).features.map((f) => f.properties.code)
    const grids = (await (await fetch(`${server.baseUrl}/api/grids`)).json()) as { features: { properties: { code: string } }[] }
    expect(grids.features.length).toBeGreaterThan(0)
    expect([...new Set(read)].sort()).toEqual(grids.features.map((f) => f.properties.code).sort())
  })

  it('is refused the TileJSON and the tiles without the display token', async () => {
    const source = [`MVT:${server.baseUrl}/tiles/grids/12`, '-oo', `METADATA_FILE=${server.baseUrl}/tiles/grids.json`]
    await expect(run('ogrinfo', ['-ro', '-so', ...source, 'grids'])).rejects.toThrow()
    expect((await fetch(`${server.baseUrl}/tiles/grids.json`)).status).toBe(401)
  })
})
