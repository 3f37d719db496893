import type { FastifyBaseLogger } from 'fastify'
import type { Config } from '../config'
import type { Database } from '../db/database'
import { usersRepository, type Role } from '../repositories/users.repository'
import { hashPassword, randomPassword } from './passwords'
import { serviceAccessRepository } from '../repositories/service-access.repository'

/** Demo accounts: created only together with the demo town, never on a real database. */
export const DEMO_PASSWORD = 'wangge-demo'
export const DEMO_USERS: { username: string; role: Role; regions: string[] }[] = [
  { username: 'supervisor', role: 'supervisor', regions: ['320924001'] },
  { username: 'analyst', role: 'analyst', regions: [] },
  { username: 'wall', role: 'display', regions: [] },
  { username: 'dispatcher', role: 'dispatcher', regions: [] },
]
/**
 * Demo grid-worker accounts worker1…: one for each of the first grids of the second community of
 * 合德镇 (the supervisor's town). Not the first community: the editor's browser tests delete, split
 * and merge its grids, and a worker whose grid is gone has nothing to show.
 */
export const DEMO_WORKER_ACCOUNTS = 5
const DEMO_WORKER_COMMUNITY = '320924001002'

/** On an empty database: the first admin (ADMIN_PASSWORD or a random one printed once). */
export async function ensureFirstAdmin(db: Database, config: Config, log: FastifyBaseLogger): Promise<void> {
  const users = usersRepository(db)
  if ((await users.count()) > 0) return
  const password = config.adminPassword ?? randomPassword()
  await users.create('admin', await hashPassword(password), 'admin')
  if (config.adminPassword) log.info('created the first admin user "admin" from ADMIN_PASSWORD')
  else log.warn(`created the first admin user "admin" with the one-time password: ${password}  (set ADMIN_PASSWORD to choose it)`)
}

async function isEmpty(db: Database): Promise<boolean> {
  const { rows } = await db.query<{ n: number }>('SELECT (SELECT count(*) FROM regions) + (SELECT count(*) FROM grids) AS n')
  return Number(rows[0].n) === 0
}

/** SEED=demo (the default) fills an empty database with the demo town and its demo users. */
export async function seedIfEmpty(db: Database, config: Config, log: FastifyBaseLogger): Promise<boolean> {
  if (config.seed !== 'demo' || !(await isEmpty(db))) return false
  log.info('empty database: seeding the demo town (射阳县)…')
  const started = Date.now()
  // Loaded only when needed: the generator is big and a real deployment never runs it.
  const { seedDemoTown } = await import('./demo-town/seed-demo-town')
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const counts = await db.transaction(async (tx) => {
    // The demo's "now" is the moment it is seeded, so that a wall opened today shows the last 30 days full.
    const result = await seedDemoTown(tx, { scale: 1, now: new Date() })
    const users = usersRepository(tx)
    for (const demo of DEMO_USERS) {
      const user = await users.create(demo.username, passwordHash, demo.role)
      if (demo.regions.length) await users.assignRegions(user.id, demo.regions)
    }
    const workerIds = await users.firstWorkersOfGrids(DEMO_WORKER_COMMUNITY, DEMO_WORKER_ACCOUNTS)
    for (const [k, workerId] of workerIds.entries()) await users.create(`worker${k + 1}`, passwordHash, 'worker', workerId)
    return result
  })
  log.info({ counts, ms: Date.now() - started }, 'demo town seeded')
  return true
}

/**
 * Households without service access computed yet (a database from before that table, or rows
 * written behind the API's back) get it now, so service blind spots never miss anyone.
 */
export async function backfillServiceAccess(db: Database, log: FastifyBaseLogger): Promise<void> {
  const { rows } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM households h WHERE NOT EXISTS (SELECT 1 FROM household_service_access a WHERE a.household_id = h.id)',
  )
  if (rows[0].n === 0) return
  log.info({ households: rows[0].n }, 'computing service access for households without it')
  await serviceAccessRepository(db).refresh('NOT EXISTS (SELECT 1 FROM household_service_access a WHERE a.household_id = h.id)', [])
}
