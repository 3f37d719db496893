import fastifyCors from '@fastify/cors'
import fastifyHelmet from '@fastify/helmet'
import type { ServerOptions } from 'node:http'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Config } from '../config'
import { AppError } from '../errors'

const OSM_TILES = 'https://tile.openstreetmap.org'
const TIANDITU_TILES = 'https://*.tianditu.gov.cn'
const IMPORT_ROUTE = '/api/import/'
const HSTS = 'max-age=31536000; includeSubDomains'

/** Where the client's base maps fetch from: OSM is always offered, the rest when configured. */
export function basemapSources(config: Config): string[] {
  const sources = [OSM_TILES]
  if (config.tiandituKey) sources.push(TIANDITU_TILES)
  if (config.basemapStyleUrl) sources.push(new URL(config.basemapStyleUrl).origin)
  return [...new Set([...sources, ...config.cspExtraSources])]
}

/**
 * The CSP the built client works under: scripts only from us (Vite emits no inline script);
 * MapLibre's worker from our assets or a blob: URL; inline styles (ECharts and MapLibre set them);
 * tiles, styles and images from the base-map hosts, also as blob:/data: images once decoded.
 */
export function contentSecurityPolicy(config: Config): Record<string, string[]> {
  const basemaps = basemapSources(config)
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...basemaps],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", 'blob:', 'data:', ...basemaps],
    'worker-src': ["'self'", 'blob:'],
    'child-src': ["'self'", 'blob:'],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'self'"],
    'manifest-src': ["'self'"],
  }
}

/**
 * Fastify's server options for slow clients. requestTimeout bounds receiving a request (headers and
 * body) only: Node stops the clock once the request is in, so long responses (the SSE stream, a
 * slow report) are never cut by it; the database's statement timeout bounds handler time. No idle
 * socket timeout (connectionTimeout 0): it would close a quiet event stream between heartbeats.
 */
export function serverTimeouts(config: Config): { requestTimeout: number; connectionTimeout: number; http: ServerOptions } {
  const requestTimeout = config.requestTimeoutMs
  return {
    requestTimeout,
    connectionTimeout: 0,
    // Node checks expired requests every connectionsCheckingInterval (30 s by default): keep it below the limit.
    http: {
      requestTimeout,
      headersTimeout: Math.min(requestTimeout, 60_000),
      connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(requestTimeout / 4))),
    },
  }
}

/** Whether a parsed body, query or params holds a NUL anywhere (key or value): PostgreSQL text cannot store one. */
export function holdsNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\u0000')
  if (value === null || typeof value !== 'object' || depth > 64) return false
  if (Array.isArray(value)) return value.some((item) => holdsNul(item, depth + 1))
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || holdsNul(item, depth + 1))
}

/** Security headers, a closed-by-default CORS policy, the import API's larger body limit, no NULs in text. */
export const hardeningPlugin = fp(async (app: FastifyInstance) => {
  const config = app.config
  // Before any route is declared: whole-layer imports may be large, nothing else needs to be.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith(IMPORT_ROUTE) && route.bodyLimit === undefined) route.bodyLimit = config.bodyLimitBytes
  })
  // The API speaks JSON (and Open311 also forms): a text/plain body is a 415, not a string that schemas then puzzle over.
  app.removeContentTypeParser('text/plain')
  app.addHook('preValidation', async (request) => {
    if (holdsNul(request.query) || holdsNul(request.params) || holdsNul(request.body)) {
      throw new AppError(400, 'invalid_text', 'Text may not contain the NUL character (\\u0000)')
    }
  })
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config) },
    // Tiles and the API may be read by GIS clients on other origins (with CORS when configured).
    crossOriginResourcePolicy: { policy: config.corsOrigins.length ? 'cross-origin' : 'same-origin' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Browsers ignore HSTS received over plain HTTP, and saying it there would only mislead.
    strictTransportSecurity: false,
  })
  // Over HTTPS — which the app only sees as a trusted proxy's X-Forwarded-Proto (TRUST_PROXY) —
  // a browser is told to keep to HTTPS. The proxy may say so itself as well; the header is the same.
  app.addHook('onSend', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS)
  })
  await app.register(fastifyCors, {
    // false: no Access-Control-* headers at all, so browsers keep other origins out.
    origin: config.corsOrigins.length ? config.corsOrigins : false,
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    maxAge: 600,
  })
})
