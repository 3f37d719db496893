import type { FastifyInstance } from 'fastify'
import { Type } from '@sinclair/typebox'
import { ErrorResponse } from '../schemas/common.schema'
import { TileParams, TileQuery } from '../schemas/tiles.schema'
import { parseTileAddress } from '../services/tiles/tile-address'
import type { TileLayer, TileQuery as TileFilters } from '../services/tiles/tiles.service'

const MVT = 'application/vnd.mapbox-vector-tile'

/**
 * Mapbox Vector Tiles of the big layers. Each tile carries an ETag of its bytes and must be
 * revalidated (readers only, so private): a write shows on the next look, and an unchanged tile
 * costs a 304. Thinned tiles say so in their features and in Wangge-Tile-Thinning.
 */
export async function tilesRoutes(app: FastifyInstance) {
  // Writes through this or another instance arrive at once; the change feed catches the rest.
  const unsubscribe = app.events.subscribe((event) => {
    if (event.type === 'grid.changed' || event.type === 'incident.created' || event.type === 'incident.updated') app.tiles.cache.clear()
  })
  app.addHook('onClose', async () => unsubscribe())

  app.get(
    '/tiles/:layer/:z/:x/:y.pbf',
    {
      schema: {
        tags: ['tiles'],
        summary: 'A Mapbox Vector Tile (grids, households, incidents, blind-spots); incident filters apply to incidents',
        params: TileParams,
        querystring: TileQuery,
        response: {
          204: Type.Null({ description: 'no feature in the tile' }),
          304: Type.Null({ description: 'unchanged since the ETag given in If-None-Match' }),
          400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const params = request.params as { layer: TileLayer; z: string; x: string; y: string }
      const { v: _version, token: _token, ...filters } = request.query as TileFilters & { v?: string; token?: string }
      const tile = await app.tiles.tile(params.layer, parseTileAddress(params.z, params.x, params.y), filters)
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
