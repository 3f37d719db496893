import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import fastifyCookie from '@fastify/cookie'
import fastifyStatic from '@fastify/static'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import Fastify, { type FastifyInstance } from 'fastify'
import type { Config } from './config'
import type { Database } from './db/database'
import { registerErrorHandler, registerNotFoundHandler } from './errors'
import type { EventBus } from './events/event-bus'
import { createLiveEvents } from './events/pg-event-relay'
import { requestSerializer } from './log-redaction'
import { withAuditActor } from './plugins/audit-actor'
import { authPlugin } from './plugins/auth.plugin'
import { registerFiniteNumbers } from './plugins/finite-numbers'
import { hardeningPlugin, serverTimeouts } from './plugins/hardening.plugin'
import { idempotencyPlugin } from './plugins/idempotency.plugin'
import { openapiOptions } from './plugins/openapi'
import { auditRoutes } from './routes/audit.route'
import { authRoutes } from './routes/auth.route'
import { configRoutes } from './routes/config.route'
import { coverageRoutes } from './routes/coverage.route'
import { displayTokensRoutes } from './routes/display-tokens.route'
import { gridAttributesRoutes } from './routes/grid-attributes.route'
import { gridEditsRoutes } from './routes/grid-edits.route'
import { gridsRoutes } from './routes/grids.route'
import { gridLookupRoutes } from './routes/grid-lookup.route'
import { healthRoutes } from './routes/health.route'
import { householdsRoutes } from './routes/households.route'
import { importRoutes } from './routes/import.route'
import { eventsRoutes } from './routes/events.route'
import { incidentsAnalysisRoutes } from './routes/incidents-analysis.route'
import { incidentsRoutes } from './routes/incidents.route'
import { ogcRoutes } from './routes/ogc.route'
import { open311ClientsRoutes, open311Routes } from './routes/open311.route'
import { regionsRoutes } from './routes/regions.route'
import { reportsRoutes } from './routes/reports.route'
import { statsRoutes } from './routes/stats.route'
import { tilesRoutes } from './routes/tiles.route'
import { usersRoutes } from './routes/users.route'
import { workerRoutes } from './routes/worker.route'
import { CoverageCache } from './services/coverage/coverage-cache'
import { createStatsService, type StatsService } from './services/stats/stats.service'
import { TileService } from './services/tiles/tiles.service'

declare module 'fastify' {
  interface FastifyInstance {
    db: Database
    config: Config
    events: EventBus
    /** Coverage reports as of now, from cached parts (server/services/coverage/coverage-cache.ts). */
    coverage: CoverageCache
    /** Vector tiles, rendered and cached (server/services/tiles/tiles.service.ts). */
    tiles: TileService
    /** The wall's figures, their coverage part digested and cached (server/services/stats/stats.service.ts). */
    stats: StatsService
  }
}

export interface AppOptions {
  config: Config
  db: Database
  logger?: boolean
}

/** Builds the whole HTTP app around an open database. Never listens: server.ts and tests do that. */
export async function buildApp({ config, db, logger = true }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ? { level: config.logLevel, serializers: { req: requestSerializer } } : false,
    bodyLimit: config.apiBodyLimitBytes,
    // Behind the reverse proxy docs/security.md asks for, request.ip is the client's only if the proxy is trusted.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
    ...serverTimeouts(config),
    // Keep geometry-heavy query strings (bbox, polygons) and long ids from being cut.
    routerOptions: { maxParamLength: 500 },
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.decorate('db', withAuditActor(db))
  app.decorate('config', config)
  app.decorate('coverage', new CoverageCache(db, config.coverage, config.coverageCacheSeconds * 1000))
  app.addHook('onClose', async () => app.coverage.stopRenewing())
  app.decorate('tiles', new TileService(db, app.coverage, config))
  app.decorate('events', await createLiveEvents(app, db))
  app.decorate(
    'stats',
    createStatsService({
      db: app.db,
      coverage: config.coverage,
      coverageReport: (region) => app.coverage.report(region),
      coverageTtlMs: config.statsCacheSeconds * 1000,
      // Walls refetch when the coverage behind their tiles has been recomputed.
      onCoverageRefreshed: (region, computedAt) => app.events.publish({ type: 'stats.refreshed', payload: { region, computedAt: computedAt.toISOString() } }),
      onError: (region, error) => app.log.warn({ err: error, region }, 'coverage refresh for the wall failed'),
    }),
  )
  const unfollowGrids = app.events.subscribe((event) => {
    if (event.type === 'grid.changed') app.stats.gridsChanged()
  })
  app.addHook('preClose', async () => {
    unfollowGrids()
    app.stats.close()
  })
  registerErrorHandler(app)
  // Before any route: every request schema's numbers must be finite (plugins/finite-numbers.ts).
  registerFiniteNumbers(app)

  await app.register(hardeningPlugin)
  // The document's security, operationIds and shared errors are derived in plugins/openapi.ts.
  await app.register(fastifySwagger, openapiOptions('0.1.0'))
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' })
  await app.register(fastifyCookie)
  await app.register(authPlugin)
  await app.register(idempotencyPlugin)

  await app.register(healthRoutes)
  await app.register(configRoutes)
  await app.register(authRoutes)
  await app.register(regionsRoutes)
  await app.register(gridsRoutes)
  await app.register(gridLookupRoutes)
  await app.register(gridEditsRoutes)
  await app.register(gridAttributesRoutes)
  await app.register(householdsRoutes)
  await app.register(incidentsAnalysisRoutes)
  await app.register(incidentsRoutes)
  await app.register(reportsRoutes)
  await app.register(workerRoutes)
  await app.register(open311ClientsRoutes)
  await app.register(open311Routes)
  await app.register(ogcRoutes)
  await app.register(tilesRoutes)
  await app.register(eventsRoutes)
  await app.register(importRoutes)
  await app.register(coverageRoutes)
  await app.register(statsRoutes)
  await app.register(displayTokensRoutes)
  await app.register(usersRoutes)
  await app.register(auditRoutes)

  await registerClient(app, resolve(config.clientDir))
  return app
}

/** Believes the nearest `hops` proxies (proxy-addr counts hops from the socket, 0 first). */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops

const SERVER_PREFIXES = ['/api/', '/tiles/', '/ogc', '/open311/', '/docs']

/** Serves the built client, with the SPA's routes (/wall, /edit, ...) falling back to index.html. */
async function registerClient(app: FastifyInstance, clientDir: string): Promise<void> {
  if (!existsSync(resolve(clientDir, 'index.html'))) {
    app.log.warn({ clientDir }, 'client not built (npm run build); serving the API only')
    registerNotFoundHandler(app)
    return
  }
  await app.register(fastifyStatic, {
    root: clientDir,
    wildcard: true,
    index: 'index.html',
    // Source maps stay on the build machine (for reading stack traces), not on the public site.
    allowedPath: (path) => !path.endsWith('.map'),
    // Hashed asset names never change content; index.html must always be revalidated.
    setHeaders: (res, path) => {
      res.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
    },
  })
  registerNotFoundHandler(app, (request, reply) => {
    const path = request.url.split('?')[0]
    const isClientRoute = request.method === 'GET' && !SERVER_PREFIXES.some((prefix) => path.startsWith(prefix)) && !path.includes('.')
    if (isClientRoute) reply.header('cache-control', 'no-cache').sendFile('index.html')
    return isClientRoute
  })
}
