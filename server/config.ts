import { DEFAULT_COVERAGE_SETTINGS, parseServiceDistances, type CoverageSettings } from './services/coverage/coverage-settings'
import { BASEMAP_IDS, INCIDENT_CATEGORIES, type BasemapId, type IncidentCategory } from './domain/vocabulary'
import { DEFAULT_DEADLINE_HOURS } from './domain/deadlines'

export { DEFAULT_DEADLINE_HOURS }
/** The one validated configuration object, built from the environment. */
export type SeedMode = 'demo' | 'none'
export type { BasemapId }

export interface Config {
  port: number
  host: string
  databaseUrl: string | undefined
  dataDir: string
  seed: SeedMode
  adminPassword: string | undefined
  tiandituKey: string | undefined
  basemapStyleUrl: string | undefined
  defaultBasemap: BasemapId
  dbPoolSize: number
  statementTimeoutMs: number
  /** Largest request body: POST /api/import/:kind, where whole county layers arrive. */
  bodyLimitBytes: number
  /** Largest request body of every other route (at most bodyLimitBytes). */
  apiBodyLimitBytes: number
  importMaxFeatures: number
  /** Time to receive a whole request (headers and body) before 408: a slow-client guard, not a cap on responses. */
  requestTimeoutMs: number
  /** Origins allowed to call the API from a browser (CORS); empty: same origin only. */
  corsOrigins: string[]
  /** Extra sources for the Content-Security-Policy's connect-src and img-src (hosts a custom style's tiles come from). */
  cspExtraSources: string[]
  sessionTtlHours: number
  coverage: CoverageSettings
  /** How old a cached coverage report may be (its patrol and deadline clocks move with time). */
  coverageCacheSeconds: number
  /** How old the wall's digested coverage figures (GET /api/stats/*) may get before they are recomputed in the background. */
  statsCacheSeconds: number
  /** Hours from dispatch to deadline per category; DEADLINE_HOURS_<CATEGORY> overrides one, e.g. DEADLINE_HOURS_TRAFFIC=8. */
  deadlineHours: Record<IncidentCategory, number>
  /** Residents' reports (POST /api/reports) allowed per client address per hour. */
  reportsPerHour: number
  /** Residents' "which grid am I in" lookups (GET /api/grid-lookup) allowed per client address per minute. */
  gridLookupsPerMinute: number
  /**
   * Which reverse proxies to believe about the client's address (X-Forwarded-For): false (none,
   * the default), a number of hops, or addresses/CIDRs. Per-address limits need it behind a proxy.
   */
  trustProxy: false | number | string[]
  /** Vector tiles (server/routes/tiles.route.ts): per-caller rate limit, render bound, overview tiles. */
  tiles: TileSettings
  clientDir: string
  logLevel: string
}

export interface TileSettings {
  /** Tile requests one caller (a display token, a user, or else a client address) may make per window: then 429. */
  rateLimit: number
  rateWindowSeconds: number
  /** Tiles drawn at once; null: 1 on the embedded engine, the pool size − 1 on PostgreSQL (a connection stays free for other reads). */
  renderConcurrency: number | null
  /** Tile renders that may wait for a turn; the next gets 503 with Retry-After. */
  renderQueue: number
  /** Overview tiles (this zoom and coarser) are served from the cache for overviewLagSeconds whatever incidents are written. */
  overviewMaxZoom: number
  /** 0: overview tiles follow every write at once, like the rest. */
  overviewLagSeconds: number
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`)
    this.name = 'ConfigError'
  }
}

type Env = Record<string, string | undefined>

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim()
  return trimmed ? trimmed : undefined
}

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = []

  function integer(name: string, fallback: number, min: number, max: number): number {
    const raw = nonEmpty(env[name])
    if (raw === undefined) return fallback
    const value = Number(raw)
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be an integer from ${min} to ${max}, got "${raw}"`)
      return fallback
    }
    return value
  }

  function number(name: string, fallback: number, min: number): number {
    const raw = nonEmpty(env[name])
    if (raw === undefined) return fallback
    const value = Number(raw)
    if (!Number.isFinite(value) || value < min) {
      problems.push(`${name} must be a number ≥ ${min}, got "${raw}"`)
      return fallback
    }
    return value
  }

  function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
    const raw = nonEmpty(env[name])
    if (raw === undefined) return fallback
    if (!(allowed as readonly string[]).includes(raw)) {
      problems.push(`${name} must be one of ${allowed.join(', ')}, got "${raw}"`)
      return fallback
    }
    return raw as T
  }

  function trustProxy(): false | number | string[] {
    const raw = nonEmpty(env.TRUST_PROXY)
    if (raw === undefined || raw === 'false') return false
    if (/^[0-9]+$/.test(raw)) return integer('TRUST_PROXY', 0, 1, 10)
    const entries = raw
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean)
    const bad = entries.filter((v) => !/^([0-9]{1,3}(\.[0-9]{1,3}){3}|[0-9a-fA-F:]*:[0-9a-fA-F:.]*)(\/[0-9]{1,3})?$/.test(v))
    if (bad.length) problems.push(`TRUST_PROXY must be a number of hops (1 to 10) or proxy addresses/CIDRs, e.g. 10.0.0.0/8,127.0.0.1; not ${bad.join(', ')}`)
    return bad.length ? false : entries
  }

  function coverageSettings(): CoverageSettings {
    const d = DEFAULT_COVERAGE_SETTINGS
    const { distances, problems: distanceProblems } = parseServiceDistances(env.SERVICE_DISTANCES)
    problems.push(...distanceProblems)
    const settings: CoverageSettings = {
      minAreaM2: number('COVERAGE_MIN_AREA_M2', d.minAreaM2, 0),
      householdsMin: integer('GRID_HOUSEHOLDS_MIN', d.householdsMin, 0, 100_000),
      householdsMax: integer('GRID_HOUSEHOLDS_MAX', d.householdsMax, 1, 100_000),
      populationMax: integer('GRID_POPULATION_MAX', d.populationMax, 1, 1_000_000),
      maxGridsPerWorker: integer('WORKER_MAX_GRIDS', d.maxGridsPerWorker, 1, 1000),
      serviceDistanceM: distances,
      patrolDays: integer('PATROL_DAYS', d.patrolDays, 1, 3650),
      onTimeWindowDays: integer('ON_TIME_WINDOW_DAYS', d.onTimeWindowDays, 1, 3650),
      onTimeMinDue: integer('ON_TIME_MIN_DUE', d.onTimeMinDue, 1, 100_000),
      onTimeThreshold: number('ON_TIME_THRESHOLD', d.onTimeThreshold, 0),
      serviceGapListMax: integer('SERVICE_GAP_LIST_MAX', d.serviceGapListMax, 0, 10_000_000),
    }
    if (settings.householdsMin > settings.householdsMax) problems.push('GRID_HOUSEHOLDS_MIN must not exceed GRID_HOUSEHOLDS_MAX')
    if (settings.onTimeThreshold > 1) problems.push('ON_TIME_THRESHOLD must be a rate from 0 to 1')
    return settings
  }

  const databaseUrl = nonEmpty(env.DATABASE_URL)
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://')
  }
  const basemapStyleUrl = nonEmpty(env.BASEMAP_STYLE_URL)
  if (basemapStyleUrl && !/^https?:\/\//.test(basemapStyleUrl)) {
    problems.push('BASEMAP_STYLE_URL must be an http(s) URL')
  }
  function list(name: string, pattern: RegExp, what: string): string[] {
    const items = (env[name] ?? '')
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)
    for (const item of items) if (!pattern.test(item)) problems.push(`${name}: "${item}" is not ${what}`)
    return items.filter((item) => pattern.test(item)).map((item) => item.replace(/\/$/, ''))
  }

  const tiandituKey = nonEmpty(env.TIANDITU_KEY)
  const adminPassword = nonEmpty(env.ADMIN_PASSWORD)
  if (adminPassword !== undefined && adminPassword.length < 8) {
    problems.push('ADMIN_PASSWORD must be at least 8 characters')
  }

  // Without an explicit choice, the richest base map that is configured wins.
  const preferredBasemap: BasemapId = basemapStyleUrl ? 'style' : tiandituKey ? 'tianditu' : 'offline'
  const defaultBasemap = oneOf<BasemapId>('BASEMAP', BASEMAP_IDS, preferredBasemap)
  if (defaultBasemap === 'tianditu' && !tiandituKey) problems.push('BASEMAP=tianditu needs TIANDITU_KEY')
  if (defaultBasemap === 'style' && !basemapStyleUrl) problems.push('BASEMAP=style needs BASEMAP_STYLE_URL')

  const bodyLimitBytes = integer('BODY_LIMIT_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024)
  const config: Config = {
    port: integer('PORT', 3000, 0, 65535),
    host: nonEmpty(env.HOST) ?? '127.0.0.1',
    databaseUrl,
    dataDir: nonEmpty(env.DATA_DIR) ?? '.data',
    seed: oneOf<SeedMode>('SEED', ['demo', 'none'], 'demo'),
    adminPassword,
    tiandituKey,
    basemapStyleUrl,
    defaultBasemap,
    dbPoolSize: integer('DB_POOL_SIZE', 10, 1, 200),
    statementTimeoutMs: integer('STATEMENT_TIMEOUT_MS', 30_000, 100, 3_600_000),
    bodyLimitBytes,
    apiBodyLimitBytes: Math.min(bodyLimitBytes, integer('API_BODY_LIMIT_BYTES', 2 * 1024 * 1024, 1024, 1024 * 1024 * 1024)),
    importMaxFeatures: integer('IMPORT_MAX_FEATURES', 200_000, 1, 10_000_000),
    requestTimeoutMs: integer('REQUEST_TIMEOUT_MS', 30_000, 100, 3_600_000),
    corsOrigins: list('CORS_ORIGINS', /^https?:\/\/[^/\s*,]+\/?$/, 'an origin like https://portal.example.gov.cn'),
    cspExtraSources: list('CSP_EXTRA_SOURCES', /^https?:\/\/(\*\.)?[^/\s*,;']+\/?$/, 'a source like https://tiles.example.com or https://*.example.com'),
    sessionTtlHours: integer('SESSION_TTL_HOURS', 12, 1, 24 * 365),
    coverage: coverageSettings(),
    coverageCacheSeconds: integer('COVERAGE_CACHE_SECONDS', 300, 0, 86_400),
    statsCacheSeconds: integer('STATS_CACHE_SECONDS', 300, 0, 86_400),
    deadlineHours: Object.fromEntries(
      INCIDENT_CATEGORIES.map((c) => [c, integer(`DEADLINE_HOURS_${c.toUpperCase()}`, DEFAULT_DEADLINE_HOURS[c], 1, 24 * 365)]),
    ) as Record<IncidentCategory, number>,
    reportsPerHour: integer('REPORTS_PER_HOUR', 10, 1, 1_000_000),
    gridLookupsPerMinute: integer('GRID_LOOKUPS_PER_MINUTE', 30, 1, 1_000_000),
    trustProxy: trustProxy(),
    tiles: {
      rateLimit: integer('TILE_RATE_LIMIT', 1200, 1, 10_000_000),
      rateWindowSeconds: integer('TILE_RATE_WINDOW_SECONDS', 10, 1, 3600),
      renderConcurrency: nonEmpty(env.TILE_RENDER_CONCURRENCY) === undefined ? null : integer('TILE_RENDER_CONCURRENCY', 1, 1, 200),
      renderQueue: integer('TILE_RENDER_QUEUE', 100, 0, 100_000),
      overviewMaxZoom: integer('TILE_OVERVIEW_MAX_ZOOM', 10, 0, 22),
      overviewLagSeconds: integer('TILE_OVERVIEW_LAG_SECONDS', 60, 0, 3600),
    },
    clientDir: nonEmpty(env.CLIENT_DIR) ?? 'dist/client',
    logLevel: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return config
}
