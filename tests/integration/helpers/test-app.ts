import type { FastifyInstance } from 'fastify'
import { inject } from 'vitest'
import { buildApp } from '../../../server/app'
import { loadConfig, type Config } from '../../../server/config'
import { connectDatabase } from '../../../server/db/connect'
import type { Database } from '../../../server/db/database'
import { migrate } from '../../../server/db/migrate'
import { ensureFirstAdmin } from '../../../server/services/bootstrap'

export const ADMIN_PASSWORD = 'test-admin-password'

export interface TestApp {
  app: FastifyInstance
  db: Database
  config: Config
  /** Logs in as the first admin and returns headers carrying the session. */
  adminHeaders(): Promise<Record<string, string>>
  close(): Promise<void>
}

const TABLES = [
  'service_gap_areas', 'household_service_access',
  'patrol_visits', 'incident_events', 'incidents', 'service_points', 'households', 'party_groups', 'grid_assignments',
  'grid_workers', 'grid_history', 'grids', 'sessions', 'user_regions', 'users', 'regions',
]

/** Empties every table, so each test file starts from a known, empty database. */
export async function resetDatabase(db: Database): Promise<void> {
  await db.query(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY CASCADE`)
}

/** Back to an empty database with only the first admin (ADMIN_PASSWORD). */
export async function emptyDatabase(t: TestApp): Promise<void> {
  await resetDatabase(t.db)
  await ensureFirstAdmin(t.db, t.config, SILENT_LOG)
}

const SILENT_LOG = { info() {}, warn() {}, error() {} } as never

export async function createTestApp(env: Record<string, string> = {}, { reset = true } = {}): Promise<TestApp> {
  const config = loadConfig({ DATABASE_URL: inject('databaseUrl'), SEED: 'none', ADMIN_PASSWORD, LOG_LEVEL: 'silent', CLIENT_DIR: '/nonexistent', ...env })
  const db = await connectDatabase(config)
  await migrate(db)
  if (reset) await resetDatabase(db)
  await ensureFirstAdmin(db, config, SILENT_LOG)
  const app = await buildApp({ config, db, logger: false })
  await app.ready()
  return {
    app,
    db,
    config,
    async adminHeaders() {
      const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } })
      if (response.statusCode !== 200) throw new Error(`admin login failed: ${response.body}`)
      return { authorization: `Bearer ${response.json().token}` }
    },
    async close() {
      await app.close()
      await db.close()
    },
  }
}

/** Row counts of the tables an import writes, to prove a refused import wrote nothing. */
export async function tableCounts(db: Database): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of ['regions', 'grids', 'grid_history', 'households', 'service_points', 'incidents', 'incident_events']) {
    const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)
    counts[table] = rows[0].n
  }
  return counts
}
