import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../errors'
import { ogcRepository, type Row } from '../repositories/ogc.repository'
import { usersRepository } from '../repositories/users.repository'
import { ErrorResponse } from '../schemas/common.schema'
import {
  OgcCollection, OgcCollectionParams, OgcCollections, OgcConformance, OgcFeatureCollection, OgcFeatureParams, OgcFeatureResponse, OgcFixedFeatureParams,
  OgcFormatQuery, OgcItemsQuery, OgcLandingPage, type OgcFormat, type OgcItemsQueryString,
} from '../schemas/ogc.schema'
import { parseBbox } from '../services/bbox'
import { OGC_COLLECTIONS, findCollection, type OgcCollection as Collection } from '../services/ogc/collections'
import { CONFORMANCE_CLASSES, CRS84, GEOJSON, JSON_TYPE, OPENAPI_JSON, linkBuilder, type LinkTo } from '../services/ogc/links'
import { pageLinks } from '../services/ogc/paging'
import { incidentSeenBy, seesHousehold, withoutHouseholdDetails } from '../services/privacy'

const TAGS = ['ogc']
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse }

/**
 * OGC API – Features Part 1 (Core, GeoJSON, OpenAPI 3.0) over the same rows as our own API. The
 * collections that need a login (households, incidents) get routes of their own, so that the access
 * table (server/plugins/access-policy.ts) guards them; the parametric routes serve the public ones.
 */
export async function ogcRoutes(app: FastifyInstance) {
  const repository = ogcRepository(app.db)

  app.get('/ogc', { schema: { tags: TAGS, summary: 'OGC API – Features landing page', querystring: OgcFormatQuery, response: { 200: OgcLandingPage, 400: ErrorResponse } } }, async (request) => {
    const linkTo = linkBuilder(request)
    return {
      title: 'Wangge (网格) OGC API – Features',
      description: 'Regions, grids, service points, households and incidents as OGC API – Features collections (CRS84, GeoJSON)',
      links: [
        linkTo('/ogc', 'self', JSON_TYPE, 'this document'),
        linkTo('/docs/json', 'service-desc', OPENAPI_JSON, 'the API definition'),
        linkTo('/docs', 'service-doc', 'text/html', 'the API documentation'),
        linkTo('/ogc/conformance', 'conformance', JSON_TYPE, 'conformance classes implemented'),
        linkTo('/ogc/collections', 'data', JSON_TYPE, 'the feature collections'),
      ],
    }
  })

  app.get('/ogc/conformance', { schema: { tags: TAGS, summary: 'Conformance classes', querystring: OgcFormatQuery, response: { 200: OgcConformance, 400: ErrorResponse } } }, async () => ({
    conformsTo: CONFORMANCE_CLASSES,
  }))

  app.get('/ogc/collections', { schema: { tags: TAGS, summary: 'The feature collections', querystring: OgcFormatQuery, response: { 200: OgcCollections, 400: ErrorResponse } } }, async (request) => {
    const linkTo = linkBuilder(request)
    const collections = []
    // One at a time: the embedded engine has a single connection.
    for (const collection of OGC_COLLECTIONS) collections.push(await describe(linkTo, collection))
    return { links: [linkTo('/ogc/collections', 'self', JSON_TYPE, 'this document')], collections }
  })

  app.get(
    '/ogc/collections/:collectionId',
    { schema: { tags: TAGS, summary: 'One feature collection', params: OgcCollectionParams, querystring: OgcFormatQuery, response: { 200: OgcCollection, ...errors } } },
    async (request) => describe(linkBuilder(request), collectionOf(request)),
  )

  async function describe(linkTo: LinkTo, collection: Collection) {
    const path = `/ogc/collections/${collection.id}`
    const bbox = await repository.extent(collection.id)
    return {
      id: collection.id,
      title: collection.title,
      description: collection.description,
      itemType: 'feature' as const,
      crs: [CRS84],
      ...(bbox ? { extent: { spatial: { bbox: [bbox], crs: CRS84 } } } : {}),
      links: [
        linkTo(path, 'self', JSON_TYPE, collection.title),
        linkTo(`${path}/items`, 'items', GEOJSON, `${collection.title} as GeoJSON`),
      ],
    }
  }

  const itemsSchema = { tags: TAGS, summary: 'Features of a collection, by bbox, in pages', querystring: OgcItemsQuery, response: { 200: OgcFeatureCollection, ...errors } }
  const itemSchema = { tags: TAGS, summary: 'One feature', querystring: OgcFormatQuery, response: { 200: OgcFeatureResponse, ...errors } }

  async function items(request: FastifyRequest, reply: FastifyReply, collection: Collection) {
    const query = request.query as OgcItemsQueryString
    const { rows, numberMatched } = await repository.page(collection.id, { bbox: parseBbox(query.bbox), limit: query.limit, offset: query.offset })
    const features = await asSeen(request, collection, rows)
    const links = pageLinks(linkBuilder(request), `/ogc/collections/${collection.id}/items`, query, numberMatched)
    reply.type(query.f === 'json' ? JSON_TYPE : GEOJSON)
    return { type: 'FeatureCollection' as const, features, links, numberMatched, numberReturned: features.length, timeStamp: new Date().toISOString() }
  }

  async function item(request: FastifyRequest, reply: FastifyReply, collection: Collection) {
    const { featureId } = request.params as { featureId: string }
    const row = await repository.one(collection.id, featureId)
    if (!row) throw notFound(`Feature ${featureId} of ${collection.id}`)
    const [feature] = await asSeen(request, collection, [row])
    const linkTo = linkBuilder(request)
    const path = `/ogc/collections/${collection.id}`
    reply.type((request.query as OgcFormat).f === 'json' ? JSON_TYPE : GEOJSON)
    return {
      ...feature,
      links: [linkTo(`${path}/items/${encodeURIComponent(featureId)}`, 'self', GEOJSON, 'this feature'), linkTo(path, 'collection', JSON_TYPE, collection.title)],
    }
  }

  /** Rows as features; households masked exactly as GET /api/households masks them. */
  async function asSeen(request: FastifyRequest, collection: Collection, rows: Row[]) {
    const features = rows.map(({ geometry, ...properties }) => ({ type: 'Feature' as const, id: properties.id, geometry, properties }))
    if (collection.id === 'incidents') return features.map((feature) => incidentSeenBy(request.user, feature))
    if (collection.id !== 'households') return features
    const user = request.user
    const regions = user?.role === 'supervisor' ? await usersRepository(app.db).regionsOf(user.id) : []
    return features.map((feature) => {
      const household = feature.properties as Parameters<typeof withoutHouseholdDetails>[0] & { countyCode: string }
      const { countyCode, ...full } = household
      return { ...feature, properties: seesHousehold(user, regions, household) ? full : withoutHouseholdDetails(household) }
    })
  }

  // The public collections by parameter; the others at their own paths, under the access table's guard.
  for (const collection of OGC_COLLECTIONS.filter((c) => c.access !== 'public')) {
    app.get(`/ogc/collections/${collection.id}/items`, { schema: itemsSchema }, (request, reply) => items(request, reply, collection))
    app.get(`/ogc/collections/${collection.id}/items/:featureId`, { schema: { ...itemSchema, params: OgcFixedFeatureParams } }, (request, reply) => item(request, reply, collection))
  }
  app.get('/ogc/collections/:collectionId/items', { schema: { ...itemsSchema, params: OgcCollectionParams } }, (request, reply) => items(request, reply, publicCollectionOf(request)))
  app.get('/ogc/collections/:collectionId/items/:featureId', { schema: { ...itemSchema, params: OgcFeatureParams } }, (request, reply) => item(request, reply, publicCollectionOf(request)))
}

function collectionOf(request: FastifyRequest): Collection {
  const { collectionId } = request.params as { collectionId: string }
  const collection = findCollection(collectionId)
  if (!collection) throw notFound(`Collection ${collectionId}`)
  return collection
}

function publicCollectionOf(request: FastifyRequest): Collection {
  const collection = collectionOf(request)
  // Unreachable while the guarded collections have static routes, which win over this one.
  if (collection.access !== 'public') throw new Error(`${collection.id} items reached the public route`)
  return collection
}
