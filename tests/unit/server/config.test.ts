import { describe, expect, it } from 'vitest'
import { ConfigError, DEFAULT_DEADLINE_HOURS, loadConfig } from '../../../server/config'
import { DEFAULT_COVERAGE_SETTINGS } from '../../../server/services/coverage/coverage-settings'

describe('loadConfig', () => {
  it('has working defaults for a zero-setup start', () => {
    expect(loadConfig({})).toEqual({
      port: 3000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      dataDir: '.data',
      seed: 'demo',
      adminPassword: undefined,
      tiandituKey: undefined,
      basemapStyleUrl: undefined,
      defaultBasemap: 'offline',
      dbPoolSize: 10,
      statementTimeoutMs: 30_000,
      bodyLimitBytes: 20 * 1024 * 1024,
      apiBodyLimitBytes: 2 * 1024 * 1024,
      importMaxFeatures: 200_000,
      requestTimeoutMs: 30_000,
      reportsPerHour: 10,
      gridLookupsPerMinute: 30,
      trustProxy: false,
      corsOrigins: [],
      cspExtraSources: [],
      sessionTtlHours: 12,
      coverage: DEFAULT_COVERAGE_SETTINGS,
      coverageCacheSeconds: 300,
      statsCacheSeconds: 300,
      deadlineHours: DEFAULT_DEADLINE_HOURS,
      clientDir: 'dist/client',
      logLevel: 'info',
      tiles: { rateLimit: 1200, rateWindowSeconds: 10, renderConcurrency: null, renderQueue: 100, overviewMaxZoom: 10, overviewLagSeconds: 60 },
    })
  })

  it("keeps the wall's figures as long as STATS_CACHE_SECONDS says", () => {
    expect([loadConfig({}).statsCacheSeconds, loadConfig({ STATS_CACHE_SECONDS: '60' }).statsCacheSeconds]).toEqual([300, 60])
    expect(() => loadConfig({ STATS_CACHE_SECONDS: '-1' })).toThrow('STATS_CACHE_SECONDS')
  })

  it('trusts no proxy by default, and a number of hops or the proxies named when told', () => {
    expect([loadConfig({}).trustProxy, loadConfig({ TRUST_PROXY: '1' }).trustProxy, loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy]).toEqual([
      false,
      1,
      ['10.0.0.0/8', '127.0.0.1'],
    ])
    expect(() => loadConfig({ TRUST_PROXY: 'everyone' })).toThrow('TRUST_PROXY must be a number of hops (1 to 10) or proxy addresses/CIDRs')
  })

  it('prefers a configured style URL, then Tianditu, as the default base map', () => {
    expect(loadConfig({ TIANDITU_KEY: 'k' }).defaultBasemap).toBe('tianditu')
    expect(loadConfig({ TIANDITU_KEY: 'k', BASEMAP_STYLE_URL: 'https://example.org/style.json' }).defaultBasemap).toBe('style')
    expect(loadConfig({ TIANDITU_KEY: 'k', BASEMAP: 'osm' }).defaultBasemap).toBe('osm')
  })

  it('reads coverage thresholds and service distances', () => {
    const config = loadConfig({ GRID_HOUSEHOLDS_MAX: '450', SERVICE_DISTANCES: 'convenience=250, elderly_care=500', PATROL_DAYS: '14' })
    expect(config.coverage).toEqual({
      ...DEFAULT_COVERAGE_SETTINGS,
      householdsMax: 450,
      patrolDays: 14,
      serviceDistanceM: { ...DEFAULT_COVERAGE_SETTINGS.serviceDistanceM, convenience: 250, elderly_care: 500 },
    })
    expect(() => loadConfig({ SERVICE_DISTANCES: 'parks=300' })).toThrow('SERVICE_DISTANCES: unknown category "parks"')
  })

  it('reads the CORS origins, extra CSP sources, request timeout and body limits, refusing wildcards and paths', () => {
    const config = loadConfig({
      CORS_ORIGINS: 'https://portal.example.gov.cn, http://10.0.0.5:8080/',
      CSP_EXTRA_SOURCES: 'https://*.tiles.example.com',
      REQUEST_TIMEOUT_MS: '5000',
    })
    expect([config.corsOrigins, config.cspExtraSources, config.requestTimeoutMs]).toEqual([
      ['https://portal.example.gov.cn', 'http://10.0.0.5:8080'],
      ['https://*.tiles.example.com'],
      5000,
    ])
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow('CORS_ORIGINS: "*" is not an origin like https://portal.example.gov.cn')
    expect(() => loadConfig({ CORS_ORIGINS: 'https://a.example/path' })).toThrow('CORS_ORIGINS: "https://a.example/path"')
    expect(() => loadConfig({ CSP_EXTRA_SOURCES: "'unsafe-eval'" })).toThrow('CSP_EXTRA_SOURCES')
    expect([loadConfig({ BODY_LIMIT_BYTES: '2048' }).apiBodyLimitBytes, loadConfig({ API_BODY_LIMIT_BYTES: '4096' }).apiBodyLimitBytes]).toEqual([2048, 4096])
    expect(() => loadConfig({ REQUEST_TIMEOUT_MS: '10' })).toThrow('REQUEST_TIMEOUT_MS must be an integer from 100 to 3600000, got "10"')
  })

  it('reports every problem at once', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', SEED: 'maybe', DATABASE_URL: 'mysql://x', BASEMAP: 'tianditu', ADMIN_PASSWORD: 'short' })
    expect(attempt).toThrow(ConfigError)
    try {
      attempt()
    } catch (error) {
      expect((error as ConfigError).problems).toEqual([
        'DATABASE_URL must start with postgres:// or postgresql://',
        'ADMIN_PASSWORD must be at least 8 characters',
        'BASEMAP=tianditu needs TIANDITU_KEY',
        'PORT must be an integer from 0 to 65535, got "eighty"',
        'SEED must be one of demo, none, got "maybe"',
      ])
    }
  })
})
