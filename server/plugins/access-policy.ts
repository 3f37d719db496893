import type { FastifyInstance, FastifyRequest, RouteOptions, onRequestHookHandler } from 'fastify'
import { forbidden, unauthorized } from '../errors'
import type { Role } from '../repositories/users.repository'

/**
 * Who may call what. Every server route declares its access class next to its schema,
 * `{ config: { access: 'read' }, schema }`; a route under a guarded prefix that declares none stops
 * the app from starting, so no route can be added without deciding who may call it. Finer checks
 * stay with the work itself: a supervisor edits grids and handles incidents only inside their regions.
 */
export type AccessClass = 'public' | 'read' | 'editGrids' | 'incidentWrite' | 'dispatch' | 'incidentPhotos' | 'fieldWork' | 'admin'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route, declared next to its schema: `{ config: { access: 'read' }, schema }`. */
    access?: AccessClass
  }
  interface FastifyInstance {
    /**
     * Every guarded route's access class as registered, `'GET /api/grids' → 'public'` (a HEAD twin
     * goes with its GET): what the guard enforces, for tests to check the document and coverage against.
     */
    routeAccess: ReadonlyMap<string, AccessClass>
  }
}

export const ACCESS_ROLES: Record<Exclude<AccessClass, 'public'>, readonly Role[]> = {
  /** Any logged-in user but grid workers (who see only their own grids, under /api/worker), walls included. */
  read: ['admin', 'supervisor', 'analyst', 'display', 'dispatcher'],
  editGrids: ['admin', 'supervisor'],
  /** Reporting and lifecycle transitions; grid workers only on their own tasks (incidents.route.ts). */
  incidentWrite: ['admin', 'supervisor', 'dispatcher', 'worker'],
  /** The command centre's console (受理/派遣). */
  dispatch: ['admin', 'supervisor', 'dispatcher'],
  /** Residents' and workers' photos: personal data, for those who handle the incident. */
  incidentPhotos: ['admin', 'supervisor', 'dispatcher', 'worker'],
  /** A grid worker's own view (/worker). */
  fieldWork: ['worker'],
  admin: ['admin'],
}

/** The classes of routes that do not declare their own yet: a fallback while routes move, then gone. */
export const ACCESS_POLICY: Readonly<Record<string, AccessClass>> = {
  'GET /api/health': 'public',
  'GET /api/config': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/auth/me': 'public',
  'GET /api/regions': 'public',
  'GET /api/grids': 'public',
  // Answers "nobody" instead of 401, so the editor can ask without a console error.
  'GET /api/grids/editor': 'public',
  'GET /api/grids/:id/history': 'read',

  'POST /api/grids/validate': 'editGrids',
  'POST /api/grids': 'editGrids',
  'PUT /api/grids': 'editGrids',
  'PUT /api/grids/:id': 'editGrids',
  'DELETE /api/grids/:id': 'editGrids',
  'POST /api/grids/:id/split': 'editGrids',
  'POST /api/grids/merge': 'editGrids',
  'POST /api/grids/:id/revert': 'editGrids',

  'GET /api/households': 'read',
  'GET /api/coverage': 'read',
  'GET /api/incidents': 'read',
  'GET /api/incidents/:id': 'read',
  'GET /api/incidents/aggregate': 'read',
  'GET /api/incidents/kpis': 'read',
  'GET /api/incidents/stats': 'read',
  'GET /api/incidents/export': 'read',
  'GET /api/incidents/points.bin': 'read',
  'GET /api/stats/overview': 'read',
  'GET /api/stats/blind-spots': 'read',
  'GET /api/stats/points': 'read',
  'GET /api/events': 'read',

  'POST /api/incidents': 'incidentWrite',
  'PATCH /api/incidents/:id': 'incidentWrite',
  'GET /api/incidents/:id/candidates': 'dispatch',
  'GET /api/incidents/:id/photos/:photoId': 'incidentPhotos',

  // Residents (/report): no login; the tracking code is the key to one's own report.
  'POST /api/reports': 'public',
  'GET /api/reports/:code': 'public',
  'POST /api/reports/:code/rating': 'public',

  'GET /api/worker/me': 'fieldWork',
  'GET /api/worker/tasks': 'fieldWork',
  'GET /api/worker/households': 'fieldWork',
  'POST /api/worker/patrols': 'fieldWork',
  'POST /api/worker/visits': 'fieldWork',

  'POST /api/import/:kind': 'admin',
  'GET /api/users': 'admin',
  'POST /api/users': 'admin',
  'PATCH /api/users/:id': 'admin',
  'GET /api/display-tokens': 'admin',
  'POST /api/display-tokens': 'admin',
  'DELETE /api/display-tokens/:id': 'admin',
  'GET /api/open311/clients': 'admin',
  'POST /api/open311/clients': 'admin',
  'GET /api/audit': 'admin',

  // OGC API – Features: metadata and the public collections for anyone; households and incidents
  // at their own paths, for readers (server/routes/ogc.route.ts).
  'GET /ogc': 'public',
  'GET /ogc/': 'public',
  'GET /ogc/api': 'public',
  'GET /ogc/conformance': 'public',
  'GET /ogc/collections': 'public',
  'GET /ogc/collections/:collectionId': 'public',
  'GET /ogc/collections/:collectionId/queryables': 'public',
  'GET /ogc/collections/:collectionId/items': 'public',
  'GET /ogc/collections/regions/items': 'public',
  'GET /ogc/collections/grids/items': 'public',
  'GET /ogc/collections/service-points/items': 'public',
  'GET /ogc/collections/:collectionId/items/:featureId': 'public',
  'GET /ogc/collections/households/items': 'read',
  'GET /ogc/collections/households/items/:featureId': 'read',
  'GET /ogc/collections/incidents/items': 'read',
  'GET /ogc/collections/incidents/items/:featureId': 'read',

  // Vector tiles of grids, households, incidents and blind spots (server/routes/tiles.route.ts).
  'GET /tiles/:layer/:z/:x/:y.pbf': 'read',
  'GET /tiles/:layer.json': 'read',

  // GeoReport v2: public reads; a new request needs the client app's own api_key.
  'GET /open311/v2/discovery.json': 'public',
  'GET /open311/v2/services.json': 'public',
  'GET /open311/v2/requests.json': 'public',
  'GET /open311/v2/requests/:id.json': 'public',
  'POST /open311/v2/requests.json': 'public',
  'GET /open311/v2/discovery.xml': 'public',
  'GET /open311/v2/services.xml': 'public',
  'GET /open311/v2/services/:code.json': 'public',
  'GET /open311/v2/services/:code.xml': 'public',
  'GET /open311/v2/requests.xml': 'public',
  'GET /open311/v2/requests/:id.xml': 'public',
  'POST /open311/v2/requests.xml': 'public',
  // Any other path under /open311/: the spec's 404 (open311.route.ts).
  'GET /open311/*': 'public',
  'POST /open311/*': 'public',
  'PUT /open311/*': 'public',
  'PATCH /open311/*': 'public',
  'DELETE /open311/*': 'public',
}

/** Routes under these prefixes must declare their access; the rest (the built client, /docs) are static and public. */
const GUARDED_PREFIXES = ['/api/', '/open311/', '/tiles/', '/ogc']

export const isGuarded = (url: string) => GUARDED_PREFIXES.some((prefix) => url.startsWith(prefix))

/**
 * The access class of a route: the one its config declares, else the fallback table's (HEAD goes
 * with GET), or undefined when neither says.
 */
export function accessOf(method: string, url: string, config?: { access?: AccessClass }): AccessClass | undefined {
  return config?.access
}

function guard(access: Exclude<AccessClass, 'public'>): onRequestHookHandler {
  const roles = ACCESS_ROLES[access]
  return async function accessGuard(request: FastifyRequest) {
    if (!request.user) throw unauthorized()
    if (!roles.includes(request.user.role)) throw forbidden(`This needs the role ${roles.join(' or ')}`)
  }
}

/**
 * Every guarded route registered after this gets its guard as its first own onRequest hook (after
 * the session is resolved, before the body is read or validated), and is recorded in app.routeAccess.
 */
export function registerAccessPolicy(app: FastifyInstance): void {
  const recorded = new Map<string, AccessClass>()
  app.decorate('routeAccess', recorded)
  app.addHook('onRoute', (route: RouteOptions) => {
    if (!isGuarded(route.url)) return
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    const classes = new Set(methods.map((method) => accessOf(method, route.url, route.config)))
    if (classes.has(undefined)) {
      throw new Error(`${methods.join(',')} ${route.url} has no access class: declare it next to the route's schema, { config: { access: '…' } } (server/plugins/access-policy.ts)`)
    }
    if (classes.size > 1) throw new Error(`${methods.join(',')} ${route.url}: one route, several access classes`)
    const access = [...classes][0]!
    for (const method of methods) if (method !== 'HEAD') recorded.set(`${method} ${route.url}`, access)
    if (access === 'public') return
    const own = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : []
    route.onRequest = [guard(access), ...own]
  })
}
