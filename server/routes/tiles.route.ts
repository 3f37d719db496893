import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { ErrorResponse } from '../schemas/common.schema'
import { TileEmpty, TileJsonParams, TileJsonQuery, TileJsonResponse, TileNotModified, TileOk, TileParams, TileQuery } from '../schemas/tiles.schema'
import { acceptsGzip, noneMatchHits } from '../services/tiles/conditional'
import type { CachedTile } from '../services/tiles/tile-cache'
import { TilesBusyError } from '../services/tiles/render-queue'
import { parseTileAddress } from '../services/tiles/tile-address'
import { registerTileRateLimit, tileRateLimit } from '../services/tiles/tile-rate-limit'
import { layerBounds, tileJson } from '../services/tiles/tilejson'
import { incidentFilterErrors } from '../services/incident-filter'

const MVT = 'application/vnd.mapbox-vector-tile'

/**
 * Mapbox Vector Tiles of the big layers. Each tile carries an ETag of its bytes and must be
 * revalidated (readers only, so private): a write shows on the next look (on overview tiles, an
 * incident within TILE_OVERVIEW_LAG_SECONDS), and an unchanged tile costs a 304 (If-None-Match by
 * weak comparison). Clients that accept gzip get the bytes gzipped once when drawn. Every tile says
 * how many features it holds (Wangge-Tile-Features); thinned tiles say so in their features and in
 * Wangge-Tile-Thinning. One caller may ask for TILE_RATE_LIMIT tiles per window (429 beyond), and
 * renders take turns (503 when too many wait): one wall or script cannot starve /api/health and the
 * other reads. /tiles/:layer.json is each layer's TileJSON, for MapLibre and GDAL (docs/tiles.md).
 */
export const tilesRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await registerTileRateLimit(app)
  // Writes through this or another instance arrive at once; the change feed catches the rest.
  // Grid edits and imports change every layer; incidents leave overview tiles to their lag.
  const unsubscribe = app.events.subscribe((event) => {
    if (event.type === 'grid.changed') app.tiles.cache.clear()
    else if (event.type === 'incident.created' || event.type === 'incident.updated') app.tiles.cache.invalidate()
  })
  app.addHook('onClose', async () => unsubscribe())

  app.get(
    '/tiles/:layer.json',
    {
      config: { access: 'read' },
      errorHandler: incidentFilterErrors,
      schema: {
        tags: ['tiles'],
        summary: "TileJSON 3.0.0 of a tile layer: its tile URL template (with this request's filters), zooms, the data's bounds and fields",
        params: TileJsonParams,
        querystring: TileJsonQuery,
        response: { 200: TileJsonResponse, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { layer } = request.params
      const query = request.query
      await app.tiles.checkQuery(layer, query)
      const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''))
      // request.protocol and request.host follow X-Forwarded-* only from a trusted proxy (TRUST_PROXY).
      const template = `${request.protocol}://${request.host}/tiles/${layer}/{z}/{x}/{y}.pbf${search.size ? `?${search}` : ''}`
      reply.header('cache-control', 'private, no-cache')
      return tileJson(layer, template, await layerBounds(app.db, layer))
    },
  )

  app.get(
    '/tiles/:layer/:z/:x/:y.pbf',
    {
      config: { access: 'read', rateLimit: tileRateLimit(app.config.tiles) },
      errorHandler: incidentFilterErrors,
      schema: {
        tags: ['tiles'],
        summary: 'A Mapbox Vector Tile (grids, households, incidents, blind-spots); incident filters apply to incidents',
        params: TileParams,
        querystring: TileQuery,
        response: {
          200: TileOk,
          204: TileEmpty,
          304: TileNotModified,
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          429: ErrorResponse,
          503: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const { params } = request
      const { v: _version, token: _token, ...filters } = request.query
      // A client that gives up (a map panned on) must not keep its place in the render queue.
      const gone = new AbortController()
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) gone.abort()
      })
      let tile: CachedTile
      try {
        tile = await app.tiles.tile(params.layer, parseTileAddress(params.z, params.x, params.y), filters, gone.signal)
      } catch (error) {
        if (error instanceof TilesBusyError) reply.header('retry-after', String(error.retryAfterSeconds))
        throw error
      }
      const gzipped = tile.gzipped && acceptsGzip(request.headers['accept-encoding']) ? tile.gzipped : undefined
      const etag = gzipped ? gzipEtag(tile.etag) : tile.etag
      reply
        .header('etag', etag)
        .header('cache-control', 'private, no-cache')
        .header('vary', 'Accept-Encoding')
        .header('wangge-tile-features', String(tile.features))
      if (tile.keepOneIn > 1) {
        reply.header(
          'wangge-tile-thinning',
          `one in ${tile.keepOneIn} of ${tile.candidates} candidates: features whose hashint8(id) is 0 modulo ${tile.keepOneIn}`,
        )
      }
      // Weak comparison: either encoding's tag names the same features.
      if (noneMatchHits(request.headers['if-none-match'], [tile.etag, gzipEtag(tile.etag)])) return reply.code(304).send()
      if (tile.bytes.length === 0) return reply.code(204).send()
      if (gzipped) reply.header('content-encoding', 'gzip')
      return reply.type(MVT).send(gzipped ?? tile.bytes)
    },
  )
}

/** The gzipped bytes' own entity tag: a strong tag names one exact sequence of bytes. */
const gzipEtag = (etag: string) => `${etag.slice(0, -1)}-gzip"`
