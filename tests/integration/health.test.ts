import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './helpers/test-app'

describe('GET /api/health', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  it('reports ok with the engine and the PostGIS version', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' })
    expect(response.statusCode).toBe(200)
    const { rows } = await t.db.query<{ v: string }>('SELECT postgis_lib_version() AS v')
    const expectedEngine = process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'
    expect(response.json()).toEqual({ status: 'ok', db: { engine: expectedEngine, postgis: rows[0].v } })
    expect(rows[0].v).toMatch(/^3\.\d+\.\d+/)
  })

  it('records every applied migration', async () => {
    const { rows } = await t.db.query<{ version: number; name: string }>('SELECT version, name FROM schema_migrations ORDER BY version')
    expect(rows[0]).toEqual({ version: 1, name: '001_schema.sql' })
  })

  it('answers 503 with a clear code when the database is gone', async () => {
    const broken = await createTestApp()
    await broken.db.close()
    const response = await broken.app.inject({ method: 'GET', url: '/api/health' })
    expect(response.statusCode).toBe(503)
    expect(response.json()).toEqual({ error: { code: 'database_unavailable', message: 'The database is unreachable' } })
    await broken.app.close()
  })
})
