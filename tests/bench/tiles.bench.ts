import type { FastifyInstance } from 'fastify'
import { loadavg } from 'node:os'
import pg from 'pg'
import type { Database, Queryable } from '../../server/db/database'
import { TILE_SOURCES, tilesRepository } from '../../server/repositories/tiles.repository'
import { parseIncidentFilter } from '../../server/services/incident-filter'
import { FEATURE_CAPS } from '../../server/services/tiles/tiles.service'
import { tileAt, tilePath, type TileXYZ } from '../support/vector-tile'
import { asBenchUser } from './bench-session'
import { ms, percentiles, timeEach, type Timing } from './measure'

/**
 * Our tile endpoint against the bare ST_AsMVT query for the same tile, one after the other on the
 * same tiles in the same run. Ours is timed end to end through app.inject (routing, the session
 * check, query checks, the cap and thinning, the ETag) with the tile cache emptied before each
 * request. Two baselines go straight to PostgreSQL on a connection of their own: the bare query as a
 * hand-written tile server would send it (ST_TileEnvelope in the statement), and our own statement
 * alone, which isolates what the endpoint adds around its SQL. Cache hits and 304s are timed apart.
 */

interface Case {
  layer: 'households' | 'incidents' | 'grids'
  z: number
  query?: string
  /** The bare query's filter on `i`, matching `query`. */
  bareWhere?: string
}

const CASES: Case[] = [
  { layer: 'grids', z: 13 },
  { layer: 'grids', z: 15 },
  { layer: 'households', z: 15 },
  { layer: 'households', z: 16 },
  { layer: 'households', z: 17 },
  { layer: 'incidents', z: 15 },
  { layer: 'incidents', z: 16 },
  {
    layer: 'incidents',
    z: 14,
    query: 'category=traffic,dispute&from=2026-08-30',
    bareWhere: `i.category IN ('traffic', 'dispute') AND i.reported_at >= '2026-08-30'`,
  },
]
/** Tiles per case: under the households at evenly spaced ids, so busy tiles are picked as often as they are busy. */
const TILES_PER_CASE = 6
const RUNS = 5

const BARE_ATTRIBUTES: Record<Case['layer'], string> = {
  grids: 'g.code, g.name, g.type, g.community_code',
  households: 'h.grid_id::int AS grid_id',
  incidents: `i.category, i.status, i.priority, i.source, i.grid_id::int AS grid_id, extract(epoch FROM i.reported_at)::float8 AS reported_at,
              coalesce(i.status NOT IN ('closed', 'rejected') AND i.deadline_at < now(), false) AS overdue`,
}
const ALIAS = { grids: 'g', households: 'h', incidents: 'i' } as const

function bareSql({ layer, bareWhere }: Case): string {
  const a = ALIAS[layer]
  const alive = layer === 'grids' ? 'AND g.deleted_at IS NULL' : ''
  return `SELECT ST_AsMVT(t, '${layer}', 4096, 'geom', 'id') FROM (
            SELECT ${a}.id, ${BARE_ATTRIBUTES[layer]},
                   ST_AsMVTGeom(ST_Transform(${a}.geom, 3857), ST_TileEnvelope($1, $2, $3), 4096, 256, true) AS geom
              FROM ${layer} ${a}
             WHERE ${a}.geom && ST_Transform(ST_TileEnvelope($1, $2, $3, margin => 256.0 / 4096), 4326) ${alive}
                   ${bareWhere ? `AND ${bareWhere}` : ''}) t`
}

/** Our statement for the tile, without the endpoint around it (a tile within the cap: one statement). */
function ourSql(bare: Queryable, { layer, query }: Case, tile: TileXYZ) {
  const source =
    layer === 'incidents' ? TILE_SOURCES.incidents(tile, parseIncidentFilter(Object.fromEntries(new URLSearchParams(query ?? '')))) : TILE_SOURCES[layer](tile)
  return tilesRepository(bare).mvt(layer, tile, source, 1, FEATURE_CAPS[layer] + 1)
}

async function tilesFor(db: Database, z: number): Promise<TileXYZ[]> {
  const { rows } = await db.query<{ lng: number; lat: number }>(
    `SELECT ST_X(geom) AS lng, ST_Y(geom) AS lat FROM households
      WHERE id IN (SELECT min(id) + (max(id) - min(id)) * k / ${TILES_PER_CASE + 1} FROM households, generate_series(1, ${TILES_PER_CASE}) k GROUP BY k)`,
  )
  return rows.map((row) => tileAt(row.lng, row.lat, z))
}

export async function benchTiles(app: FastifyInstance, db: Database, url: string): Promise<{ markdown: string }> {
  return asBenchUser(db, 'analyst', (headers) => benchTilesAs(app, db, url, headers))
}

async function benchTilesAs(app: FastifyInstance, db: Database, url: string, headers: Record<string, string>): Promise<{ markdown: string }> {
  const bare = new pg.Client({ connectionString: url })
  await bare.connect()
  await bare.query('SET jit = off')
  const loadBefore = loadavg()
  const rows: string[] = []
  const allOurs: number[] = []
  const allBare: number[] = []
  const allOwn: number[] = []
  let hits: Timing | null = null
  let revalidations: Timing | null = null
  try {
    for (const testCase of CASES) {
      const tiles = await tilesFor(db, testCase.z)
      const ours: number[] = []
      const plain: number[] = []
      const own: number[] = []
      const features: number[] = []
      let thinned = 0
      for (const tile of tiles) {
        const path = `${tilePath(testCase.layer, tile)}${testCase.query ? `?${testCase.query}` : ''}`
        const sql = bareSql(testCase)
        // One of each first, untimed: the pages both read are then equally warm.
        await bare.query(sql, [tile.z, tile.x, tile.y])
        await app.inject({ url: path, headers })
        for (let run = 0; run < RUNS; run++) {
          app.tiles.cache.clear()
          let started = performance.now()
          const response = await app.inject({ url: path, headers })
          ours.push(performance.now() - started)
          if (response.statusCode !== 200 && response.statusCode !== 204) throw new Error(`${path}: ${response.statusCode} ${response.body}`)
          started = performance.now()
          await bare.query(sql, [tile.z, tile.x, tile.y])
          plain.push(performance.now() - started)
          started = performance.now()
          await ourSql(bare, testCase, tile)
          own.push(performance.now() - started)
          if (run === 0) {
            features.push(Number(String(response.headers['wangge-tile-features'] ?? '0').split(' ')[0]))
            if (response.headers['wangge-tile-thinning']) thinned++
          }
        }
      }
      allOurs.push(...ours)
      allBare.push(...plain)
      allOwn.push(...own)
      const [o, b, w] = [percentiles(ours), percentiles(plain), percentiles(own)]
      rows.push(
        `| ${testCase.layer}${testCase.query ? ` (${testCase.query})` : ''} | ${testCase.z} | ${tiles.length} | ${Math.round(median(features)).toLocaleString('en-US')} | ${thinned} | ` +
          `${ms(o.median)} / ${ms(o.p95)} | ${ms(b.median)} / ${ms(b.p95)} | ${overhead(o.median, b.median)} | ${ms(w.median)} / ${ms(w.p95)} | ${overhead(o.median, w.median)} |`,
      )
    }
    // Warm: the same tile again and again (a wall's neighbours panning over the same county), and revalidation.
    const [tile] = await tilesFor(db, 15)
    const path = tilePath('households', tile)
    const first = await app.inject({ url: path, headers })
    hits = await timeEach('cache hit', 50, async () => {
      const started = performance.now()
      await app.inject({ url: path, headers })
      return performance.now() - started
    })
    revalidations = await timeEach('304', 50, async () => {
      const started = performance.now()
      const response = await app.inject({ url: path, headers: { ...headers, 'if-none-match': String(first.headers.etag) } })
      if (response.statusCode !== 304) throw new Error(`expected 304, got ${response.statusCode}`)
      return performance.now() - started
    })
  } finally {
    await bare.end()
  }
  const [o, b, w] = [percentiles(allOurs), percentiles(allBare), percentiles(allOwn)]
  const markdown = [
    '## Vector tiles: our endpoint vs the bare ST_AsMVT query',
    '',
    `Each tile ${RUNS} times, alternating: ours through app.inject with an analyst's session and the tile cache emptied first; the bare query on its own connection. ` +
      'Tiles are those holding households at evenly spaced ids (busy places are picked as often as they are busy). ' +
      'The bare query has no feature cap: where ours thinned a tile (column "thinned"), it encoded fewer features than the bare one.',
    '',
    '| layer | z | tiles | features (median) | thinned | ours median / p95 ms | bare ST_AsMVT median / p95 ms | ours vs bare | our SQL alone median / p95 ms | ours vs our SQL alone |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...rows,
    `| **all** | | | | | ${ms(o.median)} / ${ms(o.p95)} | ${ms(b.median)} / ${ms(b.p95)} | ${overhead(o.median, b.median)} (sums ${overhead(sum(allOurs), sum(allBare))}) | ` +
      `${ms(w.median)} / ${ms(w.p95)} | ${overhead(o.median, w.median)} (sums ${overhead(sum(allOurs), sum(allOwn))}) |`,
    '',
    `Cached: the same households tile again, median ${ms(hits!.medianMs)} ms (p95 ${ms(hits!.p95Ms)}); a 304 for its ETag, median ${ms(revalidations!.medianMs)} ms (p95 ${ms(revalidations!.p95Ms)}). ` +
      `Load average ${loadBefore.map((l) => l.toFixed(2)).join(' / ')} before, ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' / ')} after. Goal: overhead ≤ 20 %.`,
    '',
  ].join('\n')
  return { markdown }
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)
const median = (values: number[]) => percentiles(values).median
const overhead = (ours: number, bare: number) => `${ours >= bare ? '+' : '−'}${Math.abs((ours / bare - 1) * 100).toFixed(0)} %`
