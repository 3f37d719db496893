import type { FastifyDynamicSwaggerOptions, SwaggerTransform } from '@fastify/swagger'
import type { FastifySchema } from 'fastify'
import { DISPLAY_TOKEN_PREFIX } from '../repositories/display-tokens.repository'
import { ErrorResponse } from '../schemas/common.schema'
import { ACCESS_ROLES, isGuarded, type AccessClass } from './access-policy'
import { SESSION_COOKIE } from './auth.plugin'

/**
 * The OpenAPI document (/docs/json) as outside tools read it, derived in this one place from what
 * the routes already declare, their access class included: security per operation, operationIds,
 * the error responses every route shares, and the few non-JSON bodies a route cannot say in
 * TypeBox. Only the document changes here: Fastify validates and serializes with the routes' own
 * schemas, so an error documented here is never stripped of fields by a serializer.
 * tests/integration/openapi.test.ts runs swagger-cli and redocly lint (redocly.yaml) on it.
 */

/** The ways in: a login (cookie from the browser, or its token as a bearer), a wall's display token, an Open311 client's api_key. */
export const SECURITY_SCHEMES = {
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The session cookie POST /api/auth/login sets (the browser client).',
  },
  session: {
    type: 'http',
    scheme: 'bearer',
    description: 'The session token POST /api/auth/login returns, as `Authorization: Bearer <token>` (scripts, GDAL, QGIS).',
  },
  displayToken: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: `${DISPLAY_TOKEN_PREFIX}…`,
    description: "A wall's display token (POST /api/display-tokens): read-only. `Authorization: Bearer <token>`; on /api/events also as ?token=.",
  },
  open311ApiKey: {
    type: 'apiKey',
    in: 'query',
    name: 'api_key',
    description: "An Open311 client app's key (POST /api/open311/clients): a query parameter on reads, a form field when posting a service request.",
  },
} as const

type Requirement = Partial<Record<keyof typeof SECURITY_SCHEMES, string[]>>

const LOGIN: Requirement[] = [{ sessionCookie: [] }, { session: [] }]

/** Who may call a route, as its access class says; Open311 routes also take the client's api_key (required where the body carries it). */
export function securityOf(access: AccessClass | undefined, schema: FastifySchema): Requirement[] {
  if (access === undefined) return []
  if (access !== 'public') return ACCESS_ROLES[access].includes('display') ? [...LOGIN, { displayToken: [] }] : LOGIN
  if (hasProperty(schema.body, 'api_key')) return [{ open311ApiKey: [] }]
  // Optional: anyone may read; a key (or a reader's login) shows more.
  if (hasProperty(schema.querystring, 'api_key')) return [{}, { open311ApiKey: [] }, ...LOGIN]
  return []
}

const hasProperty = (schema: unknown, name: string) =>
  typeof schema === 'object' && schema !== null && Object.hasOwn((schema as { properties?: object }).properties ?? {}, name)

/**
 * GET /api/incidents/:id/photos/:photoId → getApiIncidentsByIdPhotosByPhotoId: stable as long as the
 * route is, and unique as routes are (a trailing slash is "Slash", a wildcard "Any").
 */
export function operationIdOf(method: string, url: string): string {
  const words = url
    .split('/')
    .slice(1)
    .flatMap((segment, index, all) => {
      if (segment === '') return index === all.length - 1 ? ['slash'] : []
      if (segment === '*') return ['any']
      return segment
        .split(/[.\-_]/)
        .filter(Boolean)
        .map((part) => (part.startsWith(':') ? `by ${part.slice(1)}` : part))
    })
  const camel = words
    .flatMap((word) => word.split(' '))
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join('')
  return `${method.toLowerCase()}${camel}`
}

/**
 * Errors the app's hooks and Fastify itself answer, whatever the route (server/errors.ts maps them
 * to our codes), in the shape of the route's own errors: a route with an error handler of its own
 * (Open311's lists) declares at least one, else they are ErrorResponse.
 */
function sharedErrors(method: string, access: AccessClass | undefined, schema: FastifySchema, rateLimited: boolean): Record<string, unknown> {
  const responses = (schema.response ?? {}) as Record<string, object>
  const declared = responses['400'] ?? Object.entries(responses).find(([status]) => /^4/.test(status))?.[1] ?? ErrorResponse
  const error = (description: string) => ({ ...declared, description })
  const errors: Record<string, unknown> = {}
  if (schema.body || schema.querystring || schema.params || schema.headers)
    errors['400'] = error('invalid_request: the request does not match its schema (details lists each problem)')
  if (access !== undefined && access !== 'public') {
    errors['401'] = error('unauthorized: no login, or the session or display token has expired or been revoked')
    errors['403'] = error(`forbidden: this needs the role ${ACCESS_ROLES[access].join(' or ')}`)
  }
  if (['POST', 'PUT', 'PATCH'].includes(method)) {
    errors['413'] = error('payload_too_large: the body is over the limit')
    errors['415'] = error('unsupported_media_type: the body is not in a media type this route reads')
  }
  if (rateLimited) errors['429'] = error('Too many requests from this caller; Retry-After says when to try again')
  return errors
}

/**
 * Successes some routes send that their schemas do not declare (bodies that are not JSON, empty
 * ones), for the document only; the routes' own declarations win. Keyed 'METHOD /url'.
 */
const UNDECLARED_RESPONSES: Record<string, Record<string, unknown>> = {
  'POST /api/auth/logout': {
    204: { type: 'null', description: 'Logged out: the session ends and its cookie is cleared' },
  },
  'GET /api/incidents/export': {
    200: {
      description: 'The filtered incidents as a download (Content-Disposition: attachment): CSV (UTF-8) for format=csv, else GeoJSON',
      content: {
        'text/csv': { schema: { type: 'string' } },
        'application/geo+json': { schema: { type: 'object', additionalProperties: true } },
      },
    },
  },
  'GET /api/incidents/:id/photos/:photoId': {
    200: { description: 'The photo, re-encoded as JPEG without metadata', content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } },
  },
}

const isSuccess = (status: string) => /^2/.test(status)

/** Per route: its operationId, security and the responses it shares with others, added to what it declares. */
export const transformRoute: SwaggerTransform = ({ schema: given, url, route }) => {
  const schema = given ?? {}
  if ((schema as { hide?: boolean }).hide || !isGuarded(url)) return { schema, url }
  const method = (Array.isArray(route.method) ? route.method : [route.method]).find((m) => m !== 'HEAD') ?? 'GET'
  const access = route.config?.access
  const declared = (schema.response ?? {}) as Record<string, unknown>
  const extra = UNDECLARED_RESPONSES[`${method} ${url}`] ?? {}
  const wanted = Object.keys(declared).some(isSuccess) ? Object.fromEntries(Object.entries(extra).filter(([status]) => !isSuccess(status))) : extra
  const rateLimited = Boolean((route.config as { rateLimit?: unknown } | undefined)?.rateLimit)
  return {
    url,
    schema: {
      ...schema,
      operationId: (schema as { operationId?: string }).operationId ?? operationIdOf(method, url),
      security: securityOf(access, schema),
      response: { ...sharedErrors(method, access, schema, rateLimited), ...wanted, ...declared },
    } as FastifySchema,
  }
}

const TAGS: Record<string, string> = {
  system: 'Health and client configuration',
  auth: 'Logging in and out',
  regions: 'The region tree (county, street, community)',
  grids: 'Grids and their editing',
  households: 'Households (personal data, masked by role)',
  incidents: 'Incidents: reporting, lifecycle, analysis',
  reports: "Residents' own reports (no login; the tracking code is the key)",
  worker: "A grid worker's own view",
  coverage: 'Service coverage and blind spots',
  stats: 'Dashboard statistics',
  tiles: 'Mapbox Vector Tiles and their TileJSON (docs/tiles.md)',
  display: 'Display tokens for walls',
  users: 'User accounts',
  audit: 'The audit log',
  import: 'Bulk imports',
  open311: 'GeoReport v2 (Open311)',
  ogc: 'OGC API – Features',
  events: 'Live events (server-sent)',
}

type Document = { tags?: { name: string; description?: string }[]; paths?: Record<string, Record<string, { tags?: string[]; operationId?: string }>> }

/** The whole document: every tag used, declared once; operationIds made unique should two routes ever collide. */
export const transformDocument: NonNullable<FastifyDynamicSwaggerOptions['transformObject']> = (documentObject) => {
  const document = ('openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject) as Document
  const used = new Set<string>()
  const ids = new Map<string, number>()
  for (const path of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(path)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue
      for (const tag of operation.tags ?? []) used.add(tag)
      if (operation.operationId) {
        const seen = ids.get(operation.operationId) ?? 0
        ids.set(operation.operationId, seen + 1)
        if (seen > 0) operation.operationId = `${operation.operationId}${seen + 1}`
      }
    }
  }
  const declared = new Map((document.tags ?? []).map((tag) => [tag.name, tag]))
  for (const tag of [...used].sort()) if (!declared.has(tag)) declared.set(tag, { name: tag, description: TAGS[tag] ?? tag })
  return { ...document, tags: [...declared.values()] } as ReturnType<typeof transformDocument>
}

/** @fastify/swagger's options: the document's head, and the two transforms above. */
export function openapiOptions(version: string): FastifyDynamicSwaggerOptions {
  return {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Wangge (网格) API',
        version,
        description: [
          'Grid governance: regions, grids, households, incidents, coverage; vector tiles, OGC API – Features and Open311 for outside tools.',
          'Errors are `{ "error": { "code", "message", "details?" } }` (Open311 routes: GeoReport v2 error lists).',
          "Reads need a login or a display token; see each operation's security.",
        ].join(' '),
        contact: { name: 'Wangge (网格) maintainers' },
        // A private project (package.json: private): no public licence to link to.
        license: { name: 'Proprietary' },
      },
      // Relative: the document is right whichever host, port or proxy prefix serves it.
      servers: [{ url: '/', description: 'This server' }],
      components: { securitySchemes: SECURITY_SCHEMES as never },
    },
    transform: transformRoute,
    transformObject: transformDocument,
  }
}
