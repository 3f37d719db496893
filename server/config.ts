/** The one validated configuration object, built from the environment. */
export type SeedMode = 'demo' | 'none'
export type BasemapId = 'offline' | 'tianditu' | 'osm' | 'style'

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
  bodyLimitBytes: number
  importMaxFeatures: number
  sessionTtlHours: number
  coverageMinAreaM2: number
  clientDir: string
  logLevel: string
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

  const databaseUrl = nonEmpty(env.DATABASE_URL)
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://')
  }
  const basemapStyleUrl = nonEmpty(env.BASEMAP_STYLE_URL)
  if (basemapStyleUrl && !/^https?:\/\//.test(basemapStyleUrl)) {
    problems.push('BASEMAP_STYLE_URL must be an http(s) URL')
  }
  const tiandituKey = nonEmpty(env.TIANDITU_KEY)
  const adminPassword = nonEmpty(env.ADMIN_PASSWORD)
  if (adminPassword !== undefined && adminPassword.length < 8) {
    problems.push('ADMIN_PASSWORD must be at least 8 characters')
  }

  // Without an explicit choice, the richest base map that is configured wins.
  const preferredBasemap: BasemapId = basemapStyleUrl ? 'style' : tiandituKey ? 'tianditu' : 'offline'
  const defaultBasemap = oneOf<BasemapId>('BASEMAP', ['offline', 'tianditu', 'osm', 'style'], preferredBasemap)
  if (defaultBasemap === 'tianditu' && !tiandituKey) problems.push('BASEMAP=tianditu needs TIANDITU_KEY')
  if (defaultBasemap === 'style' && !basemapStyleUrl) problems.push('BASEMAP=style needs BASEMAP_STYLE_URL')

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
    bodyLimitBytes: integer('BODY_LIMIT_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    importMaxFeatures: integer('IMPORT_MAX_FEATURES', 200_000, 1, 10_000_000),
    sessionTtlHours: integer('SESSION_TTL_HOURS', 12, 1, 24 * 365),
    coverageMinAreaM2: number('COVERAGE_MIN_AREA_M2', 1, 0),
    clientDir: nonEmpty(env.CLIENT_DIR) ?? 'dist/client',
    logLevel: oneOf('LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
  }
  if (problems.length > 0) throw new ConfigError(problems)
  return config
}
