import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import { AppError } from '../errors'
import { ErrorResponse } from '../schemas/common.schema'
import {
  ImportBodyByMediaType,
  ImportParams,
  ImportQuery,
  ImportResponse,
  type ImportBodyType,
  type ImportParamsType,
  type ImportQueryType,
} from '../schemas/import.schema'
import { importFeatures, recoverInterruptedImports } from '../services/import/import.service'
import { readGeoJson, readUpload, UPLOAD_MEDIA_TYPES, type ReadImport } from '../services/import/files/read-upload'

/** A zipped upload may unzip to this many times the body limit (Shapefiles compress 3–5×); beyond, 413 before inflating. */
const UNZIP_RATIO = 10

export const importRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // GeoJSON's own media type (RFC 7946), as GDAL and QGIS send it; parsed exactly like JSON.
  app.addContentTypeParser('application/geo+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'))
  // GeoPackage, zipped Shapefile, KML, KMZ: the file's bytes, within the route's body limit. They wait
  // beside the request, read only in the handler (after authorisation); the body proper becomes a
  // short marker, so that the schema (a binary string) and the app's text checks see text, not megabytes.
  const uploads = new WeakMap<FastifyRequest, Buffer>()
  app.addContentTypeParser(Object.keys(UPLOAD_MEDIA_TYPES), { parseAs: 'buffer' }, (request, body: Buffer, done) => {
    uploads.set(request, body)
    done(null, `(${body.length} bytes)`)
  })
  const takeUpload = (request: FastifyRequest): Buffer => {
    const file = uploads.get(request)
    if (!file) throw new Error('an upload marker without its bytes')
    uploads.delete(request)
    return file
  }
  // An import cut off by a crash may have committed some chunks: they go before anyone reads them.
  app.addHook('onReady', async () => {
    const undone = await recoverInterruptedImports(app.db)
    if (undone > 0) app.log.warn({ chunks: undone }, 'undid the chunks of imports cut off by a crash')
  })

  // The request's types are named here, from the same schemas: a body by media type
  // (ImportBodyByMediaType) is no single TypeBox schema the type provider could read. A file's body
  // is only the parser's marker, a string.
  app.post<{ Params: ImportParamsType; Querystring: ImportQueryType; Body: ImportBodyType | string }>(
    '/api/import/:kind',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['import'],
        summary:
          'Import a GeoJSON FeatureCollection, GeoPackage, zipped Shapefile, KML or KMZ, all or nothing (422 lists every bad feature by index); grid coverage findings are imported as warnings, or refused with strict=true',
        params: ImportParams,
        querystring: ImportQuery,
        body: ImportBodyByMediaType,
        response: {
          201: ImportResponse,
          400: ErrorResponse,
          401: ErrorResponse,
          403: ErrorResponse,
          413: ErrorResponse,
          415: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const { kind } = request.params
      const { crs, strict, layer } = request.query
      const max = app.config.importMaxFeatures
      let read: ReadImport
      if (typeof request.body === 'string') {
        const format = UPLOAD_MEDIA_TYPES[request.mediaType ?? '']
        read = await readUpload(format, takeUpload(request), kind, { layer, maxFeatures: max, maxUnzippedBytes: UNZIP_RATIO * app.config.bodyLimitBytes })
      } else read = readGeoJson(request.body)
      const { features, source } = read
      if (features.length === 0) throw new AppError(400, 'no_features', 'The file holds no features; nothing was written')
      if (features.length > max) throw new AppError(413, 'too_many_features', `at most ${max} features per import, got ${features.length}`)
      const user = request.user!
      const result = await importFeatures(app.db, kind, features, crs, {
        userId: user.id,
        username: user.username,
        minAreaM2: app.config.coverage.minAreaM2,
        strict,
      })
      // Anything but incidents changes coverage: the wall recomputes it.
      if (kind !== 'incidents') app.events.publish({ type: 'grid.changed', payload: { operation: 'import', kind, count: result.inserted, by: user.username } })
      return reply.status(201).send(source ? { ...result, source } : result)
    },
  )
}
