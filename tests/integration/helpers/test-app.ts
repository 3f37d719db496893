import type { FastifyInstance } from 'fastify'
import { inject } from 'vitest'
import { buildApp } from '../../../server/app'
import { loadConfig, type Config } from '../../../server/config'
import { connectDatabase } from '../../../server/db/connect'
import type { Database } from '../../../server/db/database'
import { migrate } from '../../../server/db/migrate'
import type { Role } from '../../../server/repositories/users.repository'
import { usersRepository } from '../../../server/repositories/users.repository'
import { ensureFirstAdmin } from '../../../server/services/bootstrap'
import { hashPassword } from '../../../server/services/passwords'

export const ADMIN_PASSWORD = 'test-admin-password'
export const USER_PASSWORD = 'test-user-password'

export type Headers = Record<string, string>

export interface TestApp {
  app: FastifyInstance
  db: Database
  config: Config
  /** Logs in as the first admin and returns headers carrying the session. */
  adminHeaders(): Promise<Headers>
  /**
   * Headers of a logged-in user of `role` (made on first use, written straight to the database);
   * a supervisor is scoped to `regions`. `display` is a wall's display token, issued by the admin.
   */
  as(role: Role, options?: { regions?: string[]; workerId?: number }): Promise<Headers>
  /** Headers for reads: a logged-in analyst (reads need a login). */
  readerHeaders(): Promise<Headers>
  /** Headers of each kind of caller: anonymous, display, analyst, a supervisor of `supervised`, admin. */
  everyone(supervised: string): Promise<Record<'anonymous' | 'display' | 'analyst' | 'westSupervisor' | 'admin', Headers>>
  close(): Promise<void>
}

const TABLES = [
  'audit_log',
  'idempotency_keys',
  'import_journal',
  'service_gap_areas',
  'household_service_access',
  'patrol_visits',
  'incident_events',
  'incidents',
  'service_points',
  'households',
  'party_groups',
  'grid_assignments',
  'grid_workers',
  'grid_history',
  'grids',
  'sessions',
  'user_regions',
  'users',
  'regions',
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
  const login = async (username: string, password: string): Promise<Headers> => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })
    if (response.statusCode !== 200) throw new Error(`${username} login failed: ${response.body}`)
    return { authorization: `Bearer ${response.json().token}` }
  }
  const adminHeaders = () => login('admin', ADMIN_PASSWORD)
  // Tests empty the database between cases: a remembered login is reused only while it still works.
  const remembered = new Map<string, Headers>()
  let made = 0
  async function as(role: Role, { regions = [], workerId }: { regions?: string[]; workerId?: number } = {}): Promise<Headers> {
    const key = `${role}:${regions.join(',')}:${workerId ?? ''}`
    const known = remembered.get(key)
    if (known && (await app.inject({ url: '/api/auth/me', headers: known })).statusCode === 200) return known
    let headers: Headers
    if (role === 'admin') headers = await adminHeaders()
    else if (role === 'display') {
      const response = await app.inject({ method: 'POST', url: '/api/display-tokens', headers: await adminHeaders(), payload: { name: `wall ${++made}` } })
      if (response.statusCode !== 201) throw new Error(`display token failed: ${response.body}`)
      headers = { authorization: `Bearer ${response.json().token}` }
    } else {
      const username = `${role}-${++made}-${Date.now()}`
      const users = usersRepository(db)
      // A worker account belongs to a grid worker: the one named, or a new one with no grids.
      const boundTo =
        role !== 'worker'
          ? null
          : (workerId ??
            (
              await db.query<{ id: number }>(
                "INSERT INTO grid_workers (county_code, name, role) VALUES ('320924', '测试网格员', 'full_time') RETURNING id::int",
              )
            ).rows[0].id)
      const user = await users.create(username, await hashPassword(USER_PASSWORD), role, boundTo)
      if (regions.length) await users.assignRegions(user.id, regions)
      headers = await login(username, USER_PASSWORD)
    }
    remembered.set(key, headers)
    return headers
  }
  return {
    app,
    db,
    config,
    adminHeaders,
    as,
    readerHeaders: () => as('analyst'),
    everyone: async (supervised) => ({
      anonymous: {},
      display: await as('display'),
      analyst: await as('analyst'),
      westSupervisor: await as('supervisor', { regions: [supervised] }),
      admin: await adminHeaders(),
    }),
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
