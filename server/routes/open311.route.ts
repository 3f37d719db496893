import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { AppError } from '../errors'
import { setAuditActor } from '../plugins/audit-actor'
import { open311Repository } from '../repositories/open311.repository'
import { ErrorResponse } from '../schemas/common.schema'
import {
  Discovery, NewRequestBody, NewRequestResponse, Open311ClientCreate, Open311ClientIssued, Open311ClientList, Open311Errors, RequestIdParams,
  RequestQuery, RequestsQuery, ServiceRequests, Services, type NewRequestBodyType, type RequestsQueryString,
} from '../schemas/open311.schema'
import { submitCitizenReport } from '../services/reports/citizen-reports.service'
import { Open311Error, parseNewRequest, parseRequestsQuery, services } from '../services/incidents/open311'
import { open311ViewOf, PUBLIC_SOURCES, serviceRequestIn, type Open311View } from '../services/incidents/open311-public'

const PREFIX = '/open311/v2'
const CHANGESET = '2026-11-28T00:00:00Z'
const REQUESTS_LIMIT = 1000

/** Admins issue one api key per client app (a city app, a WeChat mini-program, a hotline system). */
export async function open311ClientsRoutes(app: FastifyInstance) {
  app.post(
    '/api/open311/clients',
    {
      schema: { tags: ['open311'], summary: 'Issue an Open311 api_key for a client app (shown once)', body: Open311ClientCreate, response: { 201: Open311ClientIssued, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse } },
    },
    async (request, reply) => {
      const client = await open311Repository(app.db).issueClient((request.body as { name: string }).name, request.user!.id)
      return reply.status(201).send(client)
    },
  )
  app.get(
    '/api/open311/clients',
    { schema: { tags: ['open311'], summary: 'Open311 client apps (without their keys)', response: { 200: Open311ClientList } } },
    async () => ({ clients: await open311Repository(app.db).listClients() }),
  )
}

/** GeoReport v2 itself, with the spec's error shape instead of ours. */
export async function open311Routes(app: FastifyInstance) {
  // Reads answer by who asks (open311-public.ts); a full answer must not sit in a shared cache.
  const viewOf = async (request: FastifyRequest, reply: FastifyReply): Promise<Open311View> => {
    const view = await open311ViewOf(app.db, request.user, (request.query as { api_key?: string }).api_key)
    if (view === 'full') reply.header('cache-control', 'private, no-store')
    return view
  }
  const sourcesFor = (view: Open311View) => (view === 'public' ? PUBLIC_SOURCES : undefined)

  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)))
  })
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error instanceof Open311Error || error instanceof AppError ? error.statusCode : error.validation ? 400 : (error.statusCode ?? 500)
    if (status >= 500) {
      request.log.error({ err: error, url: request.url }, 'open311 request failed')
      return reply.status(500).send([{ code: 500, description: 'Internal server error' }])
    }
    return reply.status(status).send([{ code: status, description: error.message }])
  })

  app.get(
    `${PREFIX}/discovery.json`,
    { schema: { tags: ['open311'], summary: 'GeoReport v2 service discovery', response: { 200: Discovery } } },
    async (request) => ({
      changeset: CHANGESET,
      contact: '网格化服务管理中心',
      key_service: 'api_key is issued per client app by an administrator (POST /api/open311/clients)',
      endpoints: [{
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${request.protocol}://${request.host}${PREFIX}`,
        changeset: CHANGESET,
        type: 'production',
        formats: ['application/json'],
      }],
    }),
  )

  app.get(
    `${PREFIX}/services.json`,
    { schema: { tags: ['open311'], summary: 'Service list: our incident categories', response: { 200: Services } } },
    async () => services(),
  )

  app.get(
    `${PREFIX}/requests.json`,
    { schema: { tags: ['open311'], summary: "Service requests, newest first, at most 1000: residents' own, coarsened, or with an api_key or a reader's login every incident", querystring: RequestsQuery, response: { 200: ServiceRequests, 400: Open311Errors, 403: Open311Errors } } },
    async (request, reply) => {
      const filter = parseRequestsQuery(request.query as RequestsQueryString, new Date())
      const view = await viewOf(request, reply)
      return (await open311Repository(app.db).requests({ ...filter, sources: sourcesFor(view) }, REQUESTS_LIMIT)).map(serviceRequestIn(view))
    },
  )

  app.get(
    `${PREFIX}/requests/:id.json`,
    { schema: { tags: ['open311'], summary: 'One service request (404 for an internal one without an api_key or a reader\'s login)', params: RequestIdParams, querystring: RequestQuery, response: { 200: ServiceRequests, 400: Open311Errors, 403: Open311Errors, 404: Open311Errors } } },
    async (request, reply) => {
      const { id } = request.params as { id: string }
      if (!/^[0-9]{1,12}$/.test(id)) throw new Open311Error(400, `service_request_id: "${id}" is not a request id`)
      const view = await viewOf(request, reply)
      // An internal incident is not found for the public, exactly like an id that does not exist.
      const rows = await open311Repository(app.db).requests({ ids: [Number(id)], from: new Date(0), sources: sourcesFor(view) }, 1)
      if (!rows.length) throw new Open311Error(404, `service_request_id ${id} not found`)
      return rows.map(serviceRequestIn(view))
    },
  )

  app.post(
    `${PREFIX}/requests.json`,
    {
      schema: {
        tags: ['open311'], summary: 'A resident reports a problem: becomes an incident with source resident',
        body: NewRequestBody, response: { 201: NewRequestResponse, 400: Open311Errors, 403: Open311Errors },
      },
    },
    async (request, reply) => {
      const body = request.body as NewRequestBodyType
      if (!body.api_key) throw new Open311Error(400, 'api_key: required')
      const client = await open311Repository(app.db).clientByKey(body.api_key)
      if (!client) throw new Open311Error(403, 'api_key: unknown or revoked')
      setAuditActor(`open311:${client.name}`)
      const report = parseNewRequest(body)
      // The same path as /report: one way a resident's words become an incident.
      const { detail } = await submitCitizenReport(
        { db: app.db, events: app.events, deadlineHours: app.config.deadlineHours },
        report,
        `open311:${client.name}`,
      ).catch((error: unknown) => {
        // Outside every region is the resident's input, not a server fault: the spec's 400.
        if (error instanceof AppError && error.code === 'outside_regions') throw new Open311Error(400, `lat/long: ${error.message}`)
        if (error instanceof AppError) throw new Open311Error(error.statusCode, error.message)
        throw error
      })
      return reply.status(201).send([{ service_request_id: String(detail.id), service_notice: null, account_id: null }])
    },
  )
}
