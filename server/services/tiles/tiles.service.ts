import { createHash } from 'node:crypto'
import type { Database } from '../../db/database'
import { AppError } from '../../errors'
import { KEEP_ONE_IN, TILE_SOURCES, tilesRepository, type TileSource } from '../../repositories/tiles.repository'
import type { CoverageCache } from '../coverage/coverage-cache'
import { parseRegion, type IncidentFilterQuery } from '../incident-filter'
import { resolveIncidentFilter } from '../incidents/incident-queries.service'
import { assertKnownRegion } from '../known-region'
import { blindSpotRows } from './blind-spot-rows'
import { encodeTile } from './mvt-encoder'
import { candidateBox, EXTENT, BUFFER, tileBounds, type TileAddress } from './tile-address'
import { TileCache, type CachedTile } from './tile-cache'
import { toTileGeometry } from './tile-geometry'

export const TILE_LAYERS = ['grids', 'households', 'incidents', 'blind-spots'] as const
export type TileLayer = (typeof TILE_LAYERS)[number]

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

  constructor(
    private readonly db: Database,
    private readonly coverage: CoverageCache,
    readonly encoder: TileEncoder = db.engine === 'postgres' ? 'postgis' : 'node',
  ) {
    this.cache = new TileCache(db)
  }

  /** The tile, from the cache when no write could have changed it since it was rendered. */
  async tile(layer: TileLayer, address: TileAddress, query: TileQuery): Promise<CachedTile> {
    const source = await this.source(layer, address, query)
    const key = `${layer}/${address.z}/${address.x}/${address.y}?${canonical(query)}`
    return this.cache.get(key, async () => render(this.db, layer, address, await source(), this.encoder))
  }

  /** The tile drawn afresh by the given encoder, past the cache: for comparing encoders and for benchmarks. */
  async renderUncached(layer: TileLayer, address: TileAddress, query: TileQuery, encoder: TileEncoder): Promise<CachedTile> {
    const source = await this.source(layer, address, query)
    return render(this.db, layer, address, await source(), encoder)
  }

  /** Checks the query now (a bad filter is a 400 even for a cached tile); builds the rows' source when rendering. */
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
  db: Database, layer: TileLayer, address: TileAddress, source: TileSource, encoder: TileEncoder, cap = FEATURE_CAPS[layer],
): Promise<CachedTile> {
  const tiles = tilesRepository(db)
  const draw = encoder === 'postgis'
    ? async (keepOneIn: number, limit: number) => {
      const { tile, rows } = await tiles.mvt(layer, address, source, keepOneIn, limit)
      return { bytes: tile, rows }
    }
    : async (keepOneIn: number, limit: number) => {
      const rows = await tiles.rows(source, keepOneIn, limit)
      return { bytes: encodeRows(layer, address, rows), rows: rows.length }
    }
  // Most tiles are within the cap: one statement draws them and tells whether they were.
  const first = await draw(1, cap + 1)
  if (first.rows <= cap) return finish(first.bytes, first.rows, first.rows, 1)
  const counts = await tiles.keptCounts(source)
  const keepOneIn = keepOneInFor(counts, cap)
  const thinned = await draw(keepOneIn, cap)
  return finish(thinned.bytes, thinned.rows, counts[0], keepOneIn)
}

function encodeRows(layer: string, address: TileAddress, rows: Record<string, unknown>[]): Buffer {
  const bounds = tileBounds(address)
  const features = rows.flatMap(({ fid, geom, ...properties }) => {
    const geometry = toTileGeometry(JSON.parse(geom as string), bounds, EXTENT, BUFFER)
    return geometry ? [{ id: Number(fid), geometry, properties: properties as Record<string, string | number | boolean | null> }] : []
  })
  return Buffer.from(encodeTile([{ name: layer, features }], EXTENT))
}

function finish(bytes: Buffer, features: number, candidates: number, keepOneIn: number): CachedTile {
  const etag = `"${createHash('sha1').update(bytes).digest('base64url')}"`
  return { bytes, etag, features, candidates, keepOneIn }
}
