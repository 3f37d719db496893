import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { createPoolDatabase } from '../../server/db/database'
import { afterMigrations, migrate } from '../../server/db/migrate'
import { loadConfig } from '../../server/config'
import { ensureFirstAdmin, seedIfEmpty } from '../../server/services/bootstrap'
import { inject } from 'vitest'
import { attachThrowawayPostgres, startThrowawayPostgres, type ThrowawayLocation } from '../support/throwaway-postgres'

declare module 'vitest' {
  export interface ProvidedContext {
    faultsCluster: ThrowawayLocation
  }
}

export const FAULTS_PORT = 55497
export const TEMPLATE = 'wangge_faults_template'
/** The migrated template with the demo town in it, for the files that read the demo through outside clients. */
const DEMO_TEMPLATE = 'wangge_faults_demo_template'
const SILENT = { info() {}, warn() {}, error() {} } as never
/** The admin of the demo copies (the server makes its first admin only in a database without users). */
export const DEMO_ADMIN_PASSWORD = 'faults-demo-admin-password'

/** A fresh copy of the migrated template on the fault tests' cluster (dropped first if a run left one); returns the cluster's port. */
export async function databaseFromTemplate(name: string, template = TEMPLATE): Promise<{ port: number }> {
  const cluster = attachThrowawayPostgres(inject('faultsCluster'))
  const admin = new pg.Client({ connectionString: cluster.url })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`)
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`)
  } finally {
    await admin.end()
  }
  return { port: cluster.port }
}

/**
 * A fresh copy of the demo town, its demo users and an admin whose password is DEMO_ADMIN_PASSWORD.
 * Seeding takes most of a minute on this cluster, so the first file that asks seeds a second
 * template and the others copy it; files run one at a time, and the template is renamed
 * into place only once complete, so a file cut off mid-seed leaves nothing half-made behind.
 */
export async function demoDatabaseFromTemplate(name: string): Promise<{ port: number }> {
  const cluster = attachThrowawayPostgres(inject('faultsCluster'))
  const admin = new pg.Client({ connectionString: cluster.url })
  await admin.connect()
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DEMO_TEMPLATE])
    if (!rowCount) {
      const building = `${DEMO_TEMPLATE}_building`
      await admin.query(`DROP DATABASE IF EXISTS ${building}`)
      await admin.query(`CREATE DATABASE ${building} TEMPLATE ${TEMPLATE}`)
      const databaseUrl = cluster.url.replace(/postgres$/, building)
      const db = createPoolDatabase({ connectionString: databaseUrl, engine: 'postgres', maxConnections: 1, statementTimeoutMs: 300_000 })
      try {
        const config = loadConfig({
          DATABASE_URL: databaseUrl,
          SEED: 'demo',
          ADMIN_PASSWORD: DEMO_ADMIN_PASSWORD,
          LOG_LEVEL: 'silent',
          CLIENT_DIR: '/nonexistent',
        })
        await ensureFirstAdmin(db, config, SILENT)
        await seedIfEmpty(db, config, SILENT)
      } finally {
        await db.close()
      }
      await admin.query(`ALTER DATABASE ${building} RENAME TO ${DEMO_TEMPLATE}`)
    }
  } finally {
    await admin.end()
  }
  return databaseFromTemplate(name, DEMO_TEMPLATE)
}

/**
 * One throwaway cluster for the fault tests (they stop and start it, one file at a time), with a
 * migrated template database each file copies: migrating takes seconds a file need not spend.
 */
export default async function setup(project: TestProject) {
  const cluster = startThrowawayPostgres({ port: FAULTS_PORT })
  try {
    const admin = new pg.Client({ connectionString: cluster.url })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${TEMPLATE}`)
    await admin.end()
    const db = createPoolDatabase({
      connectionString: cluster.url.replace(/postgres$/, TEMPLATE),
      engine: 'postgres',
      maxConnections: 1,
      statementTimeoutMs: 120_000,
    })
    try {
      await afterMigrations(db, await migrate(db))
    } finally {
      await db.close()
    }
  } catch (error) {
    cluster.stop()
    throw error
  }
  project.provide('faultsCluster', cluster.location)
  return () => cluster.stop()
}
