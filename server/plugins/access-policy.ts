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

/** Routes under these prefixes must declare their access; the rest (the built client, /docs) are static and public. */
const GUARDED_PREFIXES = ['/api/', '/open311/', '/tiles/', '/ogc']

export const isGuarded = (url: string) => GUARDED_PREFIXES.some((prefix) => url.startsWith(prefix))

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
    const access = route.config?.access
    if (!access) {
      throw new Error(
        `${methods.join(',')} ${route.url} has no access class: declare it next to the route's schema, { config: { access: '…' } } (server/plugins/access-policy.ts)`,
      )
    }
    for (const method of methods) if (method !== 'HEAD') recorded.set(`${method} ${route.url}`, access)
    if (access === 'public') return
    const own = route.onRequest ? (Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest]) : []
    route.onRequest = [guard(access), ...own]
  })
}
