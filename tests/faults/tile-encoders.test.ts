// The two tile encoders side by side on a real PostGIS: ST_AsMVT (what PostgreSQL serves) and the
// Node encoder (what the embedded engine, which lacks ST_AsMVT, serves), over the demo town. They
// must hold the same features with the same attributes, and the same shapes up to rounding.
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildApp } from '../../server/app'
import { loadConfig } from '../../server/config'
import { connectDatabase } from '../../server/db/connect'
import type { Database } from '../../server/db/database'
import { backfillServiceAccess } from '../../server/services/bootstrap'
import { TILE_LAYERS, type TileLayer } from '../../server/services/tiles/tiles.service'
import { decodeTile, tileAt, type DecodedFeature, type TileXYZ } from '../support/vector-tile'
import { demoDatabaseFromTemplate } from './cluster.global-setup'

const DATABASE = 'wangge_tile_encoders'
const SILENT = { info() {}, warn() {}, error() {} } as never

let db: Database
let app: FastifyInstance
let tiles: TileXYZ[]

beforeAll(async () => {
  const cluster = await demoDatabaseFromTemplate(DATABASE)
  const config = loadConfig({
    DATABASE_URL: `postgres://postgres@127.0.0.1:${cluster.port}/${DATABASE}`,
    SEED: 'demo',
    LOG_LEVEL: 'silent',
    CLIENT_DIR: '/nonexistent',
  })
  db = await connectDatabase(config)
  await backfillServiceAccess(db, SILENT)
  app = await buildApp({ config, db, logger: false })
  await app.ready()
  // Tiles under households at evenly spaced ids, at the zooms the wall and the analyst use, and
  // one tile holding most of the town.
  const { rows } = await db.query<{ lng: number; lat: number }>(
    `SELECT ST_X(geom) AS lng, ST_Y(geom) AS lat FROM households WHERE id % (SELECT count(*) / 4 FROM households) = 1 ORDER BY id LIMIT 4`,
  )
  tiles = [tileAt(rows[0].lng, rows[0].lat, 11), ...[13, 15, 17].flatMap((z) => rows.map((row) => tileAt(row.lng, row.lat, z)))]
}, 180_000)
afterAll(async () => {
  await app?.close()
  await db?.close()
})

const shoelace = (ring: { x: number; y: number }[]) =>
  ring.reduce((area, p, i) => {
    const q = ring[(i + 1) % ring.length]
    return area + p.x * q.y - q.x * p.y
  }, 0) / 2
const area = (feature: DecodedFeature) => Math.abs(feature.rings.reduce((total, ring) => total + shoelace(ring), 0))

async function both(layer: TileLayer, tile: TileXYZ, query = {}) {
  const decode = async (encoder: 'postgis' | 'node') => {
    const rendered = await app.tiles.renderUncached(layer, tile, query, encoder)
    return { rendered, features: (decodeTile(rendered.bytes, tile)[layer] ?? []).sort((a, b) => Number(a.id) - Number(b.id)) }
  }
  return { postgis: await decode('postgis'), node: await decode('node') }
}

describe('ST_AsMVT and the Node encoder', () => {
  it.each(TILE_LAYERS)(
    '%s: the same features, attributes and geometry types in every tile; positions within a tile unit, areas within 1 per cent',
    async (layer) => {
      let compared = 0
      for (const tile of tiles) {
        const { postgis, node } = await both(layer, tile)
        expect(
          node.features.map((f) => f.id),
          `${layer} ${tile.z}/${tile.x}/${tile.y}`,
        ).toEqual(postgis.features.map((f) => f.id))
        expect(node.features.map((f) => f.properties)).toEqual(postgis.features.map((f) => f.properties))
        // A concave shape leaving the buffered square and coming back is two polygons to PostGIS and one
        // ring with a zero-width seam along the buffer's edge (outside the drawn tile) to the Node clipper.
        const family = (f: DecodedFeature) => f.geometry.type.replace('Multi', '')
        expect(node.features.map(family)).toEqual(postgis.features.map(family))
        expect([node.rendered.features, node.rendered.candidates, node.rendered.keepOneIn]).toEqual([
          postgis.rendered.features,
          postgis.rendered.candidates,
          postgis.rendered.keepOneIn,
        ])
        for (const [index, ours] of node.features.entries()) {
          const theirs = postgis.features[index]
          if (ours.geometry.type.endsWith('Point')) {
            const flat = (f: DecodedFeature) => f.rings.flat().sort((a, b) => a.x - b.x || a.y - b.y)
            const [a, b] = [flat(ours), flat(theirs)]
            expect(a.length).toBe(b.length)
            for (const [k, p] of a.entries()) expect(Math.max(Math.abs(p.x - b[k].x), Math.abs(p.y - b[k].y))).toBeLessThanOrEqual(1)
          } else {
            expect(Math.abs(area(ours) - area(theirs))).toBeLessThanOrEqual(Math.max(4, area(theirs) * 0.01))
          }
        }
        compared += postgis.features.length
      }
      expect(compared).toBeGreaterThan(layer === 'grids' ? 50 : 20)
    },
  )

  it('thin the same tile the same way (a cap of 8,000 households over most of the town)', async () => {
    const { postgis, node } = await both('households', tiles[0])
    expect(postgis.rendered.keepOneIn).toBeGreaterThan(1)
    expect(node.features.map((f) => f.id)).toEqual(postgis.features.map((f) => f.id))
    expect(new Set(node.features.map((f) => f.properties.keep_one_in))).toEqual(new Set([postgis.rendered.keepOneIn]))
  })

  it('filter incidents the same way', async () => {
    const query = { category: 'traffic,dispute', from: '2026-08-30' }
    const { postgis, node } = await both('incidents', tiles[1], query)
    expect(postgis.features.length).toBeGreaterThan(0)
    expect(postgis.features.every((f) => ['traffic', 'dispute'].includes(String(f.properties.category)))).toBe(true)
    expect(node.features.map((f) => [f.id, f.properties])).toEqual(postgis.features.map((f) => [f.id, f.properties]))
  })
})
