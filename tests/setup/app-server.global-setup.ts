import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { startServer } from './start-server'

/**
 * Browser tests run against the real server process with the demo town: on a fresh embedded
 * PostGIS, or — when TEST_DATABASE_URL is set — in a database of its own on that server.
 */
export default async function setup() {
  const dataDir = await mkdtemp(join(tmpdir(), 'wangge-e2e-'))
  // Every browser test reports from one address: the per-address limit is tested in integration.
  const env: Record<string, string> = { DATA_DIR: dataDir, SEED: 'demo', ADMIN_PASSWORD: 'e2e-admin-password', REPORTS_PER_HOUR: '1000' }
  let dropDatabase = async () => {}
  if (process.env.TEST_DATABASE_URL) {
    // Named after the database it is made from, so that runs against different ones never collide.
    const name = `${new URL(process.env.TEST_DATABASE_URL).pathname.slice(1).replace(/\W/g, '_') || 'wangge'}_e2e`
    env.DATABASE_URL = await freshDatabase(process.env.TEST_DATABASE_URL, name)
    dropDatabase = async () => {
      await adminQuery(process.env.TEST_DATABASE_URL!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    }
  }
  // The embedded PostGIS unpacks its extension and seeds the demo town on first start: well under a
  // minute on an idle machine, several on a loaded 2-core one, so the wait is generous.
  const server = await startServer(env, 600_000)
  process.env.E2E_BASE_URL = server.baseUrl
  return async () => {
    await server.stop()
    await dropDatabase()
    await rm(dataDir, { recursive: true, force: true })
  }
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    await client.query(sql)
  } finally {
    await client.end()
  }
}

async function freshDatabase(url: string, name: string): Promise<string> {
  await adminQuery(url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await adminQuery(url, `CREATE DATABASE ${name}`)
  const target = new URL(url)
  target.pathname = `/${name}`
  return target.toString()
}
