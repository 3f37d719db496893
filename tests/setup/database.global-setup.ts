import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startEmbeddedPostgis } from '../../server/db/embedded'

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string
  }
}

/**
 * Integration tests run against TEST_DATABASE_URL (a real PostGIS) when it is set, otherwise
 * against a fresh embedded PostGIS started here once for the whole run.
 */
export default async function setup(project: TestProject) {
  const external = process.env.TEST_DATABASE_URL
  if (external) {
    project.provide('databaseUrl', external)
    return
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'wangge-it-'))
  const embedded = await startEmbeddedPostgis(dataDir)
  project.provide('databaseUrl', embedded.connectionString)
  return async () => {
    await embedded.stop()
    await rm(dataDir, { recursive: true, force: true })
  }
}
