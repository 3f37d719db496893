import fastifyMultipart from '@fastify/multipart'
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { TSchema } from '@sinclair/typebox'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import type { Database } from '../db/database'
import { AppError, notFound } from '../errors'
import { setAuditActor } from '../plugins/audit-actor'
import { open311Repository, type Open311Contact } from '../repositories/open311.repository'
import { ErrorResponse } from '../schemas/common.schema'
import {
  Discovery,
  NewRequestBody,
  NewRequestResponse,
  Open311ClientCreate,
  Open311ClientIdParams,
  Open311ClientIssued,
  Open311ClientList,
  Open311ClientRevoked,
  Open311Errors,
  RequestIdParams,
  RequestQuery,
  RequestsQuery,
  ServiceCodeParams,
  ServiceDefinition,
  ServiceRequests,
  Services,
  xmlResponse,
} from '../schemas/open311.schema'
import { PHOTO_MAX_BYTES } from '../services/photos/photo-processing'
import { submitCitizenReport } from '../services/reports/citizen-reports.service'
import { Open311Error, parseRequestsQuery, serviceDefinition, services } from '../services/incidents/open311'
import { locateNewRequest, parseNewRequest } from '../services/incidents/open311-new-request'
import { open311ViewOf, PUBLIC_SOURCES, serviceRequestIn, type Open311View } from '../services/incidents/open311-public'
import { formatOfUrl, open311Xml, XML_CONTENT_TYPE, type Open311Format } from '../services/incidents/open311-xml'

const PREFIX = '/open311/v2'
const CHANGESET = '2026-11-28T00:00:00Z'
const REQUESTS_LIMIT = 1000

/** Admins issue one api key per client app (a city app, a WeChat mini-program, a hotline system). */
export const open311ClientsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/api/open311/clients',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['open311'],
        summary: 'Issue an Open311 api_key for a client app (shown once)',
        body: Open311ClientCreate,
        response: { 201: Open311ClientIssued, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request, reply) => {
      const client = await open311Repository(app.db).issueClient(request.body.name, request.user!.id)
      return reply.status(201).send(client)
    },
  )
  app.get(
    '/api/open311/clients',
    { config: { access: 'admin' }, schema: { tags: ['open311'], summary: 'Open311 client apps (without their keys)', response: { 200: Open311ClientList } } },
    async () => ({ clients: await open311Repository(app.db).listClients() }),
  )
  app.delete(
    '/api/open311/clients/:id',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['open311'],
        summary: "Revoke a client app's api_key; its requests are refused at once",
        params: Open311ClientIdParams,
        response: { 204: Open311ClientRevoked, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { id } = request.params
      const clients = open311Repository(app.db)
      if (!(await clients.revokeClient(id)) && !(await clients.clientExists(id))) throw notFound(`Open311 client ${id}`)
      return reply.status(204).send()
    },
  )
}

/** GeoReport v2 itself, in JSON and XML (the spec's two formats), with the spec's error shape instead of ours. */
export const open311Routes: FastifyPluginAsyncTypebox = async (app) => {
  // Reads answer by who asks (open311-public.ts); a full answer must not sit in a shared cache.
  const viewOf = async (request: FastifyRequest, reply: FastifyReply, apiKey: string | undefined): Promise<Open311View> => {
    const view = await open311ViewOf(app.db, request.user, apiKey)
    if (view === 'full') reply.header('cache-control', 'private, no-store')
    return view
  }
  const sourcesFor = (view: Open311View) => (view === 'public' ? PUBLIC_SOURCES : undefined)

  // Only here (@fastify/multipart is scoped to this plugin): a POST's `media` photo, one file of at
  // most the residents' photo limit; fields arrive as the form's own values, files as Buffers.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 50, fieldSize: 64 * 1024, parts: 51 },
  })
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))))
  })
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error instanceof Open311Error || error instanceof AppError ? error.statusCode : error.validation ? 400 : (error.statusCode ?? 500)
    if (status >= 500) {
      request.log.error({ err: error, url: request.url }, 'open311 request failed')
      return answer(reply, formatOfUrl(request.url), 'errors', [{ code: 500, description: 'Internal server error' }], 500)
    }
    return answer(reply, formatOfUrl(request.url), 'errors', [{ code: status, description: error.message }], status)
  })

  // Anything else under /open311/ (an unknown path, a format we do not speak, a method a path does
  // not take) is the spec's 404, not the app's own error shape or the web client's index page.
  app.route({
    method: UNKNOWN_ROUTE_METHODS,
    url: '/open311/*',
    config: { access: 'public' },
    schema: { hide: true },
    handler: async (request) => {
      const path = request.url.split('?')[0]
      throw new Open311Error(404, `${request.method} ${path}: no such GeoReport v2 endpoint (${PREFIX}/discovery.json lists them; formats .json and .xml)`)
    },
  })

  for (const format of FORMATS) {
    app.get(
      `${PREFIX}/discovery.${format}`,
      {
        config: { access: 'public' },
        schema: {
          tags: ['open311'],
          summary: `GeoReport v2 service discovery (${format.toUpperCase()})`,
          response: responses(format, [200, Discovery, '<discovery>'], []),
        },
      },
      async (request, reply) =>
        answer(reply, format, 'discovery', {
          changeset: CHANGESET,
          contact: '网格化服务管理中心',
          key_service: 'api_key is issued per client app by an administrator (POST /api/open311/clients)',
          endpoints: [
            {
              specification: 'http://wiki.open311.org/GeoReport_v2',
              url: `${request.protocol}://${request.host}${PREFIX}`,
              changeset: CHANGESET,
              type: 'production',
              formats: ['text/xml', 'application/json'],
            },
          ],
        }),
    )

    app.get(
      `${PREFIX}/services.${format}`,
      {
        config: { access: 'public' },
        schema: {
          tags: ['open311'],
          summary: `Service list: our incident categories (${format.toUpperCase()})`,
          response: responses(format, [200, Services, '<services><service>…'], []),
        },
      },
      async (_request, reply) => answer(reply, format, 'services', services()),
    )

    app.get(
      `${PREFIX}/services/:code.${format}`,
      {
        config: { access: 'public' },
        schema: {
          tags: ['open311'],
          summary: `A service definition: the attributes a service asks for (ours: none) (${format.toUpperCase()})`,
          params: ServiceCodeParams,
          response: responses(format, [200, ServiceDefinition, '<service_definition>'], [400, 404]),
        },
      },
      async (request, reply) => answer(reply, format, 'service_definition', serviceDefinition(request.params.code)),
    )

    app.get(
      `${PREFIX}/requests.${format}`,
      {
        config: { access: 'public' },
        schema: {
          tags: ['open311'],
          summary: `Service requests, newest first, at most 1000: residents' own, coarsened, or with an api_key or a reader's login every incident (${format.toUpperCase()})`,
          querystring: RequestsQuery,
          response: responses(format, [200, ServiceRequests, '<service_requests><request>…'], [400, 403]),
        },
      },
      async (request, reply) => {
        const filter = parseRequestsQuery(request.query, new Date())
        const view = await viewOf(request, reply, request.query.api_key)
        const rows = await open311Repository(app.db).requests({ ...filter, sources: sourcesFor(view) }, REQUESTS_LIMIT)
        return answer(reply, format, 'service_requests', rows.map(serviceRequestIn(view)))
      },
    )

    app.get(
      `${PREFIX}/requests/:id.${format}`,
      {
        config: { access: 'public' },
        schema: {
          tags: ['open311'],
          summary: `One service request (404 for an internal one without an api_key or a reader's login) (${format.toUpperCase()})`,
          params: RequestIdParams,
          querystring: RequestQuery,
          response: responses(format, [200, ServiceRequests, '<service_requests><request>…'], [400, 403, 404]),
        },
      },
      async (request, reply) => {
        const { id } = request.params
        if (!/^[0-9]{1,12}$/.test(id)) throw new Open311Error(400, `service_request_id: "${id}" is not a request id`)
        const view = await viewOf(request, reply, request.query.api_key)
        // An internal incident is not found for the public, exactly like an id that does not exist.
        const rows = await open311Repository(app.db).requests({ ids: [Number(id)], from: new Date(0), sources: sourcesFor(view) }, 1)
        if (!rows.length) throw new Open311Error(404, `service_request_id ${id} not found`)
        return answer(reply, format, 'service_requests', rows.map(serviceRequestIn(view)))
      },
    )

    app.post(
      `${PREFIX}/requests.${format}`,
      {
        config: { access: 'public' },
        schema: {
          tags: ['open311'],
          summary: `A resident reports a problem: becomes an incident with source resident (${format.toUpperCase()})`,
          consumes: ['application/x-www-form-urlencoded', 'multipart/form-data', 'application/json'],
          body: NewRequestBody,
          response: responses(format, [201, NewRequestResponse, '<service_requests><request>…'], [400, 403, 413, 415, 422]),
        },
      },
      async (request, reply) => {
        const { body } = request
        if (!body.api_key) throw new Open311Error(400, 'api_key: required')
        const client = await open311Repository(app.db).clientByKey(body.api_key)
        if (!client) throw new Open311Error(403, 'api_key: unknown or revoked')
        setAuditActor(`open311:${client.name}`)
        const parsed = parseNewRequest(body)
        const { lng, lat } = await locateNewRequest(app.db, parsed)
        // The same path as /report: one way a resident's words become an incident; the client's
        // details about the resident are written in its transaction (withContact).
        const { detail } = await submitCitizenReport(
          { db: withContact(app.db, parsed.contact), events: app.events, deadlineHours: app.config.deadlineHours },
          { category: parsed.category, description: parsed.description, phone: parsed.phone, lng, lat, photos: parsed.photos },
          `open311:${client.name}`,
        ).catch((error: unknown) => {
          // Outside every region is the resident's input, not a server fault: the spec's 400.
          if (error instanceof AppError && error.code === 'outside_regions') throw new Open311Error(400, `lat/long: ${error.message}`)
          // The photo checks name the JSON field photos[i]; here the file came as `media`.
          if (error instanceof AppError) throw new Open311Error(error.statusCode, error.message.replace(/^photos\[\d+\]/, 'media'))
          throw error
        })
        return answer(reply, format, 'service_requests', [{ service_request_id: String(detail.id), service_notice: null, account_id: null }], 201)
      },
    )
  }
}

const FORMATS: readonly Open311Format[] = ['json', 'xml']
const UNKNOWN_ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

/** The same answer in the format the URL asked for. */
function answer(reply: FastifyReply, format: Open311Format, root: string, value: unknown, status = 200) {
  reply.status(status)
  return format === 'xml' ? reply.type(XML_CONTENT_TYPE).send(open311Xml(root, value)) : reply.send(value)
}

/** Response schemas: JSON ones typed, XML ones described (the document element named). */
function responses(format: Open311Format, [status, schema, root]: [number, TSchema, string], errors: number[]): Record<number, unknown> {
  const errorXml = xmlResponse('GeoReport v2 errors: <errors><error><code/><description/></error></errors>')
  return {
    [status]: format === 'json' ? schema : xmlResponse(`GeoReport v2 XML: ${root}`),
    ...Object.fromEntries(errors.map((code) => [code, format === 'json' ? Open311Errors : errorXml])),
  }
}

/**
 * The database a POST's report is written through: its transaction also stores the client's
 * details about the resident (name, e-mail, address, media_url) on the report's row, so both
 * commit together or neither does.
 */
function withContact(db: Database, contact: Open311Contact): Database {
  return {
    engine: db.engine,
    connectionString: db.connectionString,
    query: (sql, params) => db.query(sql, params),
    readSnapshot: (readers, work) => db.readSnapshot(readers, work),
    ping: () => db.ping(),
    close: () => db.close(),
    transaction: (work) =>
      db.transaction(async (tx) => {
        const result = await work(tx)
        await open311Repository(tx).saveContactOfLastReport(contact)
        return result
      }),
  }
}
