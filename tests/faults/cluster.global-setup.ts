import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { createPoolDatabase } from '../../server/db/database'
import { afterMigrations, migrate } from '../../server/db/migrate'
import { inject } from 'vitest'
import { attachThrowawayPostgres, startThrowawayPostgres, type ThrowawayLocation } from '../support/throwaway-postgres'

declare module 'vitest' {
  export interface ProvidedContext {
    faultsCluster: ThrowawayLocation
  }
}

export const FAULTS_PORT = 55497
export const TEMPLATE = 'wangge_faults_template'

/** A fresh copy of the migrated template on the fault tests' cluster (dropped first if a run left one); returns the cluster's port. */
export async function databaseFromTemplate(name: string): Promise<{ port: number }> {
  const cluster = attachThrowawayPostgres(inject('faultsCluster'))
  const admin = new pg.Client({ connectionString: cluster.url })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`)
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`)
  } finally {
    await admin.end()
  }
  return { port: cluster.port }
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
    const db = createPoolDatabase({ connectionString: cluster.url.replace(/postgres$/, TEMPLATE), engine: 'postgres', maxConnections: 1, statementTimeoutMs: 120_000 })
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
