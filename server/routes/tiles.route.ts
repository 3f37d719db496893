import type { FastifyInstance } from 'fastify'
import { Type } from '@sinclair/typebox'
import { ErrorResponse } from '../schemas/common.schema'
import { TileParams, TileQuery } from '../schemas/tiles.schema'
import { TilesBusyError } from '../services/tiles/render-queue'
import { parseTileAddress } from '../services/tiles/tile-address'
import { registerTileRateLimit, tileRateLimit } from '../services/tiles/tile-rate-limit'
import type { TileLayer, TileQuery as TileFilters } from '../services/tiles/tiles.service'

const MVT = 'application/vnd.mapbox-vector-tile'

/**
 * Mapbox Vector Tiles of the big layers. Each tile carries an ETag of its bytes and must be
 * revalidated (readers only, so private): a write shows on the next look (on overview tiles, an
 * incident within TILE_OVERVIEW_LAG_SECONDS), and an unchanged tile costs a 304. Thinned tiles say
 * so in their features and in Wangge-Tile-Thinning. One caller may ask for TILE_RATE_LIMIT tiles
 * per window (429 beyond), and renders take turns (503 when too many wait): one wall or script
 * cannot starve /api/health and the other reads.
 */
export async function tilesRoutes(app: FastifyInstance) {
  await registerTileRateLimit(app)
  // Writes through this or another instance arrive at once; the change feed catches the rest.
  // Grid edits and imports change every layer; incidents leave overview tiles to their lag.
  const unsubscribe = app.events.subscribe((event) => {
    if (event.type === 'grid.changed') app.tiles.cache.clear()
    else if (event.type === 'incident.created' || event.type === 'incident.updated') app.tiles.cache.invalidate()
  })
  app.addHook('onClose', async () => unsubscribe())

  app.get(
    '/tiles/:layer/:z/:x/:y.pbf',
    {
      config: { rateLimit: tileRateLimit(app.config.tiles) },
      schema: {
        tags: ['tiles'],
        summary: 'A Mapbox Vector Tile (grids, households, incidents, blind-spots); incident filters apply to incidents',
        params: TileParams,
        querystring: TileQuery,
        response: {
          204: Type.Null({ description: 'no feature in the tile' }),
          304: Type.Null({ description: 'unchanged since the ETag given in If-None-Match' }),
          400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse, 503: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const params = request.params as { layer: TileLayer; z: string; x: string; y: string }
      const { v: _version, token: _token, ...filters } = request.query as TileFilters & { v?: string; token?: string }
      // A client that gives up (a map panned on) must not keep its place in the render queue.
      const gone = new AbortController()
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) gone.abort()
      })
      let tile
      try {
        tile = await app.tiles.tile(params.layer, parseTileAddress(params.z, params.x, params.y), filters, gone.signal)
      } catch (error) {
        if (error instanceof TilesBusyError) reply.header('retry-after', String(error.retryAfterSeconds))
        throw error
      }
      reply
        .header('etag', tile.etag)
        .header('cache-control', 'private, no-cache')
        .header('wangge-tile-features', `${tile.features} of ${tile.candidates}`)
      if (tile.keepOneIn > 1) reply.header('wangge-tile-thinning', `one in ${tile.keepOneIn}: features whose hashint8(id) is 0 modulo ${tile.keepOneIn}`)
      if (request.headers['if-none-match'] === tile.etag) return reply.code(304).send()
      if (tile.bytes.length === 0) return reply.code(204).send()
      return reply.type(MVT).send(tile.bytes)
    },
  )
}
