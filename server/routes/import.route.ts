import type { FastifyInstance } from 'fastify'
import { AppError } from '../errors'
import { ErrorResponse } from '../schemas/common.schema'
import { ImportBody, ImportParams, ImportQuery, ImportResponse, type ImportBodyType, type ImportParamsType, type ImportQueryType } from '../schemas/import.schema'
import { importFeatures, recoverInterruptedImports } from '../services/import/import.service'

export async function importRoutes(app: FastifyInstance) {
  // GeoJSON's own media type (RFC 7946), as GDAL and QGIS send it; parsed exactly like JSON.
  app.addContentTypeParser('application/geo+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'))
  // An import cut off by a crash may have committed some chunks: they go before anyone reads them.
  app.addHook('onReady', async () => {
    const undone = await recoverInterruptedImports(app.db)
    if (undone > 0) app.log.warn({ chunks: undone }, 'undid the chunks of imports cut off by a crash')
  })

  app.post(
    '/api/import/:kind',
    {
      schema: {
        tags: ['import'],
        summary: 'Import a GeoJSON FeatureCollection, all or nothing (422 lists every bad feature by index); grid coverage findings are imported as warnings, or refused with strict=true',
        params: ImportParams,
        querystring: ImportQuery,
        body: ImportBody,
        response: { 201: ImportResponse, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 413: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { kind } = request.params as ImportParamsType
      const { crs, strict } = request.query as ImportQueryType
      const { features } = request.body as ImportBodyType
      if (features.length > app.config.importMaxFeatures) {
        throw new AppError(413, 'too_many_features', `at most ${app.config.importMaxFeatures} features per import, got ${features.length}`)
      }
      const user = request.user!
      const result = await importFeatures(app.db, kind, features, crs, {
        userId: user.id, username: user.username, minAreaM2: app.config.coverage.minAreaM2, strict,
      })
      // Anything but incidents changes coverage: the wall recomputes it.
      if (kind !== 'incidents') app.events.publish({ type: 'grid.changed', payload: { operation: 'import', kind, count: result.inserted, by: user.username } })
      return reply.status(201).send(result)
    },
  )
}
