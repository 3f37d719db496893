import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { notFound } from '../errors'
import { ogcRepository, type Row } from '../repositories/ogc.repository'
import { usersRepository } from '../repositories/users.repository'
import { ErrorResponse } from '../schemas/common.schema'
import {
  OgcApiDefinition,
  OgcCollection,
  OgcCollectionParams,
  OgcCollections,
  OgcConformance,
  OgcFeatureCollection,
  OgcFeatureParams,
  OgcFeatureResponse,
  OgcFixedFeatureParams,
  OgcFormatQuery,
  OgcItemsQuery,
  OgcLandingPage,
  OgcQueryables,
  ogcItemsQuery,
  type OgcItemsQueryString,
} from '../schemas/ogc.schema'
import { ogcApiDefinition } from '../services/ogc/api-definition'
import { parseOgcBbox } from '../services/ogc/bbox'
import { OGC_COLLECTIONS, findCollection, type OgcCollection as Collection } from '../services/ogc/collections'
import { parseDatetime } from '../services/ogc/datetime'
import {
  CONFORMANCE_CLASSES,
  CRS84,
  GEOJSON,
  GREGORIAN,
  JSON_TYPE,
  OPENAPI_JSON,
  QUERYABLES_REL,
  SCHEMA_JSON,
  linkBuilder,
  type LinkTo,
} from '../services/ogc/links'
import { pageLinks } from '../services/ogc/paging'
import { QUERYABLES, TEMPORAL_PROPERTY, equalityFilters, queryablesSchema } from '../services/ogc/queryables'
import { incidentSeenBy, seesHousehold, withoutHouseholdDetails } from '../services/privacy'

const TAGS = ['ogc']
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse }

/**
 * OGC API – Features Part 1 (Core, GeoJSON, OpenAPI 3.0) and Part 3's queryables as query
 * parameters, over the same rows as our own API. Each collection's items have a route of their own,
 * declaring exactly the parameters that collection takes (unknown ones are a 400, as Part 1 asks);
 * households and incidents are for readers, as their collections declare (services/ogc/collections.ts).
 */
export const ogcRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const repository = ogcRepository(app.db)

  const landingSchema = {
    tags: TAGS,
    summary: 'OGC API – Features landing page',
    querystring: OgcFormatQuery,
    response: { 200: OgcLandingPage, 400: ErrorResponse },
  }
  const landingPage = async (request: FastifyRequest) => {
    const linkTo = linkBuilder(request)
    return {
      title: 'Wangge (网格) OGC API – Features',
      description: 'Regions, grids, service points, households and incidents as OGC API – Features collections (CRS84, GeoJSON)',
      links: [
        linkTo('/ogc', 'self', JSON_TYPE, 'this document'),
        linkTo('/ogc/api', 'service-desc', OPENAPI_JSON, 'the API definition'),
        linkTo('/docs', 'service-doc', 'text/html', 'the API documentation'),
        linkTo('/ogc/conformance', 'conformance', JSON_TYPE, 'conformance classes implemented'),
        linkTo('/ogc/collections', 'data', JSON_TYPE, 'the feature collections'),
      ],
    }
  }
  app.get('/ogc', { config: { access: 'public' }, schema: landingSchema }, landingPage)
  // OWSLib asks for the landing page with a trailing slash; the same document, not in the API definition twice.
  app.get('/ogc/', { config: { access: 'public' }, schema: { ...landingSchema, hide: true } }, landingPage)

  app.get(
    '/ogc/api',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'The OpenAPI 3.0 definition of this OGC API',
        querystring: OgcFormatQuery,
        response: { 200: OgcApiDefinition, 400: ErrorResponse },
      },
    },
    async (request, reply) => {
      // With its charset given, Fastify leaves the type as written; otherwise it would quote "3.0", which GDAL refuses.
      reply.type(`${OPENAPI_JSON};charset=utf-8`)
      return ogcApiDefinition(app.swagger() as unknown as Parameters<typeof ogcApiDefinition>[0], linkBuilder(request)('/ogc', 'self', OPENAPI_JSON).href)
    },
  )

  app.get(
    '/ogc/conformance',
    {
      config: { access: 'public' },
      schema: { tags: TAGS, summary: 'Conformance classes', querystring: OgcFormatQuery, response: { 200: OgcConformance, 400: ErrorResponse } },
    },
    async () => ({
      conformsTo: CONFORMANCE_CLASSES,
    }),
  )

  app.get(
    '/ogc/collections',
    {
      config: { access: 'public' },
      schema: { tags: TAGS, summary: 'The feature collections', querystring: OgcFormatQuery, response: { 200: OgcCollections, 400: ErrorResponse } },
    },
    async (request) => {
      const linkTo = linkBuilder(request)
      const collections = []
      // One at a time: the embedded engine has a single connection.
      for (const collection of OGC_COLLECTIONS) collections.push(await describe(linkTo, collection))
      return { links: [linkTo('/ogc/collections', 'self', JSON_TYPE, 'this document')], collections }
    },
  )

  app.get(
    '/ogc/collections/:collectionId',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'One feature collection',
        params: OgcCollectionParams,
        querystring: OgcFormatQuery,
        response: { 200: OgcCollection, ...errors },
      },
    },
    async (request) => describe(linkBuilder(request), collectionOf(request.params.collectionId)),
  )

  app.get(
    '/ogc/collections/:collectionId/queryables',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'The properties items may be filtered on (Part 3), as JSON Schema',
        params: OgcCollectionParams,
        querystring: OgcFormatQuery,
        response: { 200: OgcQueryables, 400: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const collection = collectionOf(request.params.collectionId)
      reply.type(SCHEMA_JSON)
      return queryablesSchema(collection.id, collection.title, linkBuilder(request)(`/ogc/collections/${collection.id}/queryables`, 'self', SCHEMA_JSON).href)
    },
  )

  async function describe(linkTo: LinkTo, collection: Collection) {
    const path = `/ogc/collections/${collection.id}`
    const bbox = await repository.extent(collection.id)
    const times = await repository.timeExtent(collection.id)
    const temporalProperty = TEMPORAL_PROPERTY[collection.id]
    const spatial = bbox ? { spatial: { bbox: [bbox], crs: CRS84 } } : {}
    const temporal = times ? { temporal: { interval: [times.map((time) => time.toISOString())], trs: GREGORIAN } } : {}
    return {
      id: collection.id,
      title: collection.title,
      description: temporalProperty
        ? `${collection.description}. datetime selects on ${temporalProperty}, the extent's temporal interval spans it`
        : `${collection.description}. No temporal property: datetime matches every feature`,
      itemType: 'feature' as const,
      crs: [CRS84],
      ...(bbox || times ? { extent: { ...spatial, ...temporal } } : {}),
      links: [
        linkTo(path, 'self', JSON_TYPE, collection.title),
        linkTo(`${path}/items`, 'items', GEOJSON, `${collection.title} as GeoJSON`),
        linkTo(`${path}/items`, 'items', JSON_TYPE, `${collection.title} as plain JSON`, { f: 'json' }),
        linkTo(`${path}/queryables`, QUERYABLES_REL, SCHEMA_JSON, `What ${collection.title.toLowerCase()} may be filtered on`),
      ],
    }
  }

  const itemSchema = { tags: TAGS, summary: 'One feature', querystring: OgcFormatQuery, response: { 200: OgcFeatureResponse, ...errors } }

  /** `query`: the Part 1 parameters and the collection's queryables, as its own items schema checked them. */
  async function items(request: FastifyRequest, reply: FastifyReply, collection: Collection, query: OgcItemsQueryString & Record<string, unknown>) {
    // Checked on every collection, so a malformed datetime is a 400 even where it selects nothing.
    const time = parseDatetime(query.datetime)
    const equals = equalityFilters(collection.id, query)
    const { rows, numberMatched } = await repository.page(collection.id, {
      bbox: parseOgcBbox(query.bbox),
      time,
      equals,
      limit: query.limit,
      offset: query.offset,
    })
    const features = await asSeen(request, collection, rows)
    const filters = { bbox: query.bbox, datetime: query.datetime, ...equals }
    const links = pageLinks(
      linkBuilder(request),
      `/ogc/collections/${collection.id}/items`,
      { filters, limit: query.limit, offset: query.offset, f: query.f },
      numberMatched,
    )
    reply.type(query.f === 'json' ? JSON_TYPE : GEOJSON)
    return { type: 'FeatureCollection' as const, features, links, numberMatched, numberReturned: features.length, timeStamp: new Date().toISOString() }
  }

  async function item(request: FastifyRequest, reply: FastifyReply, collection: Collection, featureId: string, format: 'json' | undefined) {
    const row = await repository.one(collection.id, featureId)
    if (!row) throw notFound(`Feature ${featureId} of ${collection.id}`)
    const [feature] = await asSeen(request, collection, [row])
    const linkTo = linkBuilder(request)
    const path = `/ogc/collections/${collection.id}`
    const self = `${path}/items/${encodeURIComponent(featureId)}`
    const asJson = format === 'json'
    reply.type(asJson ? JSON_TYPE : GEOJSON)
    // Part 1 /req/core/f-links: self, the same feature in every other format (alternate), its collection.
    const geoJson = linkTo(self, asJson ? 'alternate' : 'self', GEOJSON, asJson ? 'this feature as GeoJSON' : 'this feature')
    const json = linkTo(self, asJson ? 'self' : 'alternate', JSON_TYPE, asJson ? 'this feature' : 'this feature as plain JSON', { f: 'json' })
    return { ...feature, links: [...(asJson ? [json, geoJson] : [geoJson, json]), linkTo(path, 'collection', JSON_TYPE, collection.title)] }
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

  // Each collection's items at its own path, with its own parameters and its collection's access;
  // the guarded ones' features too. The parametric routes answer the public features and, for any
  // other collection, 404.
  for (const collection of OGC_COLLECTIONS) {
    const itemsSchema = {
      tags: TAGS,
      summary: `${collection.title}: features by bbox, datetime and ${QUERYABLES[collection.id].map((q) => q.name).join(', ')}, in pages`,
      querystring: ogcItemsQuery(QUERYABLES[collection.id]),
      response: { 200: OgcFeatureCollection, ...errors },
    }
    const config = { access: collection.access }
    app.get(`/ogc/collections/${collection.id}/items`, { config, schema: itemsSchema }, (request, reply) => items(request, reply, collection, request.query))
    if (collection.access === 'public') continue
    app.get(`/ogc/collections/${collection.id}/items/:featureId`, { config, schema: { ...itemSchema, params: OgcFixedFeatureParams } }, (request, reply) =>
      item(request, reply, collection, request.params.featureId, request.query.f),
    )
  }
  app.get(
    '/ogc/collections/:collectionId/items',
    {
      config: { access: 'public' },
      schema: {
        tags: TAGS,
        summary: 'Features of a collection not listed: 404',
        params: OgcCollectionParams,
        querystring: OgcItemsQuery,
        response: { 200: OgcFeatureCollection, ...errors },
      },
    },
    async (request) => {
      const collection = collectionOf(request.params.collectionId)
      // Unreachable for a listed collection: its own items route wins over this one.
      throw new Error(`${collection.id} items reached the parametric route`)
    },
  )
  app.get(
    '/ogc/collections/:collectionId/items/:featureId',
    { config: { access: 'public' }, schema: { ...itemSchema, params: OgcFeatureParams } },
    (request, reply) => item(request, reply, publicCollectionOf(request.params.collectionId), request.params.featureId, request.query.f),
  )
}

function collectionOf(collectionId: string): Collection {
  const collection = findCollection(collectionId)
  if (!collection) throw notFound(`Collection ${collectionId}`)
  return collection
}

function publicCollectionOf(collectionId: string): Collection {
  const collection = collectionOf(collectionId)
  // Unreachable while the guarded collections have static routes, which win over this one.
  if (collection.access !== 'public') throw new Error(`${collection.id} items reached the public route`)
  return collection
}
