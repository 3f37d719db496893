import { createHash } from 'node:crypto'
import { promisify } from 'node:util'
import { gzip } from 'node:zlib'
import type { Config } from '../../config'
import type { Database } from '../../db/database'
import { AppError } from '../../errors'
import { KEEP_ONE_IN, TILE_SOURCES, tilesRepository, type TileSource } from '../../repositories/tiles.repository'
import type { CoverageCache } from '../coverage/coverage-cache'
import { parseRegion, type IncidentFilterQuery } from '../incident-filter'
import { resolveIncidentFilter } from '../incidents/incident-queries.service'
import { assertKnownRegion } from '../known-region'
import { blindSpotRows } from './blind-spot-rows'
import { encodeTile, type EncodedFeature } from './mvt-encoder'
import { candidateBox, EXTENT, BUFFER, tileBounds, type TileAddress } from './tile-address'
import { defaultRenderConcurrency, RenderAbandonedError, RenderQueue } from './render-queue'
import { TileCache, type CachedTile } from './tile-cache'
import { toTileGeometry } from './tile-geometry'
import type { TileLayer } from '../../domain/vector-tiles'

const gzipAsync = promisify(gzip)

export { TILE_LAYERS, type TileLayer } from '../../domain/vector-tiles'

/**
 * The most features a tile of each layer holds. A tile whose box holds more is thinned: it keeps
 * the features whose id hashes to 0 modulo k, k the smallest power of two that brings it within
 * the cap, and every kept feature says `keep_one_in: k`. Zooming in halves k or better, and keeps
 * every feature the coarser tile showed.
 */
export const FEATURE_CAPS: Record<TileLayer, number> = { grids: 4_000, households: 8_000, incidents: 8_000, 'blind-spots': 4_000 }

/** ST_AsMVT in PostGIS, or the Node encoder (the embedded engine has no ST_AsMVT). */
export type TileEncoder = 'postgis' | 'node'

export type TileQuery = IncidentFilterQuery & { region?: string }

/** Incident filters: meaningless for the other layers, so naming one there is a mistake worth a 400. */
const INCIDENT_ONLY = ['from', 'to', 'category', 'status', 'source', 'priority', 'grid', 'bbox', 'polygon'] as const

const invalidFilter = (parameter: string, message: string) => new AppError(400, 'invalid_filter', `${parameter}: ${message}`, { parameter })

export class TileService {
  readonly cache: TileCache
  /** Renders wait here for a turn (server/services/tiles/render-queue.ts). */
  readonly renders: RenderQueue
  private readonly overviewMaxZoom: number

  constructor(
    private readonly db: Database,
    private readonly coverage: CoverageCache,
    { tiles, dbPoolSize }: Pick<Config, 'tiles' | 'dbPoolSize'>,
    readonly encoder: TileEncoder = db.engine === 'postgres' ? 'postgis' : 'node',
  ) {
    this.cache = new TileCache(db, { overviewLagMs: tiles.overviewLagSeconds * 1000 })
    this.renders = new RenderQueue(tiles.renderConcurrency ?? defaultRenderConcurrency(db.engine, dbPoolSize), tiles.renderQueue)
    this.overviewMaxZoom = tiles.overviewMaxZoom
  }

  /**
   * The tile, from the cache when no write could have changed it since it was rendered (overview
   * tiles: see TileCache), else checked and rendered in its turn. A cached tile's query was
   * checked when it was rendered: a hit costs no statement. `signal`: the client has gone.
   */
  async tile(layer: TileLayer, address: TileAddress, query: TileQuery, signal?: AbortSignal): Promise<CachedTile> {
    const key = `${layer}/${address.z}/${address.x}/${address.y}?${canonical(query)}`
    const draw = async () => {
      const source = await this.source(layer, address, query)
      const tile = await this.renders.run(async () => render(this.db, layer, address, await source(), this.encoder), signal)
      // Gzipped once here, off the event loop and outside the render's turn: a cache hit costs no compression.
      if (tile.bytes.length > 0) tile.gzipped = await gzipAsync(tile.bytes)
      return tile
    }
    for (;;) {
      try {
        return await this.cache.get(key, draw, address.z <= this.overviewMaxZoom)
      } catch (error) {
        // A render shared with a caller who has gone was given up: draw it for this one.
        if (error instanceof RenderAbandonedError && !signal?.aborted) continue
        throw error
      }
    }
  }

  /** The tile drawn afresh by the given encoder, past the cache: for comparing encoders and for benchmarks. */
  async renderUncached(layer: TileLayer, address: TileAddress, query: TileQuery, encoder: TileEncoder): Promise<CachedTile> {
    const source = await this.source(layer, address, query)
    return render(this.db, layer, address, await source(), encoder)
  }

  /** A 400 now for a query the layer's tiles would refuse (TileJSON checks its tiles' filters so). */
  async checkQuery(layer: TileLayer, query: TileQuery): Promise<void> {
    await this.source(layer, { z: 0, x: 0, y: 0 }, query)
  }

  /** Checks the query before the render waits for its turn (a bad filter is a 400 at once); builds the rows' source in its turn. */
  private async source(layer: TileLayer, address: TileAddress, query: TileQuery): Promise<() => Promise<TileSource>> {
    if (layer === 'incidents') {
      const filter = await resolveIncidentFilter(this.db, query)
      return async () => TILE_SOURCES.incidents(address, filter)
    }
    const misplaced = INCIDENT_ONLY.find((parameter) => query[parameter] !== undefined && query[parameter] !== '')
    if (misplaced) throw invalidFilter(misplaced, `filters the incidents layer only, not ${layer}`)
    const region = parseRegion(query.region || undefined)
    await assertKnownRegion(this.db, region)
    if (layer === 'grids') return async () => TILE_SOURCES.grids(address, region)
    if (layer === 'households') return async () => TILE_SOURCES.households(address, region)
    return async () => {
      const codes = region ? [region] : await tilesRepository(this.db).regionsMeeting(address)
      const reports = []
      // One at a time: the embedded engine has a single connection.
      for (const code of codes) reports.push(await this.coverage.report(code))
      return TILE_SOURCES['blind-spots'](blindSpotRows(reports, candidateBox(address)))
    }
  }
}

/** The query's parameters in a fixed order: one cache entry per distinct filter. */
function canonical(query: TileQuery): string {
  return Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== '')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
    .join('&')
}

/** The smallest k whose kept rows fit the cap (the largest k when none does; the row limit then cuts). */
export function keepOneInFor(keptCounts: number[], cap: number): number {
  const index = keptCounts.findIndex((count) => count <= cap)
  return KEEP_ONE_IN[index === -1 ? KEEP_ONE_IN.length - 1 : index]
}

/** Renders a tile without the cache: the bench and the tests call this directly (the tests with caps of their own). */
export async function render(
  db: Database,
  layer: TileLayer,
  address: TileAddress,
  source: TileSource,
  encoder: TileEncoder,
  cap = FEATURE_CAPS[layer],
): Promise<CachedTile> {
  const tiles = tilesRepository(db)
  if (encoder === 'node') return renderInNode(tiles, layer, address, source, cap)
  const draw = (keepOneIn: number, limit: number) => tiles.mvt(layer, address, source, keepOneIn, limit)
  // Most tiles are within the cap: one statement draws them and tells whether they were.
  const first = await draw(1, cap + 1)
  if (first.rows <= cap) return finish(first.tile, first.rows, first.rows, 1)
  const counts = await tiles.keptCounts(source)
  const keepOneIn = keepOneInFor(counts, cap)
  const thinned = await draw(keepOneIn, cap)
  return finish(thinned.tile, thinned.rows, counts[0], keepOneIn)
}

/**
 * The embedded engine runs each statement in this process, holding its event loop: a tile is
 * counted first (one scan, no geometry read), so that a tile over the cap never draws and encodes
 * the rows thinning then throws away; and the loop turns before each statement, so that a request
 * which arrived meanwhile (a health check) queues for the connection first. The same rows as ST_AsMVT's.
 */
async function renderInNode(
  tiles: ReturnType<typeof tilesRepository>,
  layer: TileLayer,
  address: TileAddress,
  source: TileSource,
  cap: number,
): Promise<CachedTile> {
  await nextTurn()
  const counts = await tiles.keptCounts(source)
  const keepOneIn = counts[0] <= cap ? 1 : keepOneInFor(counts, cap)
  await nextTurn()
  const rows = await tiles.rows(source, keepOneIn, cap)
  return finish(await encodeRows(layer, address, rows), rows.length, counts[0], keepOneIn)
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve))

/** Rows converted between turns of the event loop: thousands of features would otherwise hold it for the whole tile. */
const ROWS_PER_TURN = 1000

async function encodeRows(layer: string, address: TileAddress, rows: Record<string, unknown>[]): Promise<Buffer> {
  const bounds = tileBounds(address)
  const features: EncodedFeature[] = []
  for (let start = 0; start < rows.length; start += ROWS_PER_TURN) {
    await nextTurn()
    for (const { fid, geom, x3857, y3857, ...properties } of rows.slice(start, start + ROWS_PER_TURN)) {
      const shape = geom === undefined ? { type: 'Point' as const, coordinates: [Number(x3857), Number(y3857)] } : JSON.parse(geom as string)
      const geometry = toTileGeometry(shape, bounds, EXTENT, BUFFER)
      if (geometry) features.push({ id: Number(fid), geometry, properties: properties as Record<string, string | number | boolean | null> })
    }
  }
  await nextTurn()
  return Buffer.from(encodeTile([{ name: layer, features }], EXTENT))
}

function finish(bytes: Buffer, features: number, candidates: number, keepOneIn: number): CachedTile {
  const etag = `"${createHash('sha1').update(bytes).digest('base64url')}"`
  return { bytes, etag, features, candidates, keepOneIn }
}
