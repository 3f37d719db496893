import pg from 'pg'
import type { Config } from '../config'
import { createPoolDatabase, type Database, type Engine } from './database'
import { startEmbeddedPostgis } from './embedded'

/** DATABASE_URL set → that server; unset → the embedded PostGIS under DATA_DIR. */
export async function connectDatabase(config: Config): Promise<Database> {
  if (!config.databaseUrl) {
    const embedded = await startEmbeddedPostgis(config.dataDir)
    return createPoolDatabase(
      { connectionString: embedded.connectionString, engine: 'pglite', maxConnections: 1, statementTimeoutMs: config.statementTimeoutMs },
      embedded.stop,
    )
  }
  // A URL may point at an embedded engine started elsewhere (tests do this); it needs a pool of one.
  const engine = await detectEngine(config.databaseUrl)
  return createPoolDatabase({
    connectionString: config.databaseUrl,
    engine,
    maxConnections: engine === 'pglite' ? 1 : config.dbPoolSize,
    statementTimeoutMs: config.statementTimeoutMs,
  })
}

async function detectEngine(connectionString: string): Promise<Engine> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 })
  await client.connect()
  try {
    const { rows } = await client.query<{ version: string }>('SELECT version() AS version')
    return rows[0].version.includes('PGlite') ? 'pglite' : 'postgres'
  } finally {
    await client.end()
  }
}
