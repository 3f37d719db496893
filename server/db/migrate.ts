import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Database } from './database'

const MIGRATIONS_DIR = fileURLToPath(new URL('../migrations/', import.meta.url))

export interface Migration {
  version: number
  name: string
  sql: string
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((file) => /^\d+_.+\.sql$/.test(file)).sort()
  return Promise.all(
    files.map(async (file) => ({
      version: Number(file.split('_')[0]),
      name: file,
      sql: await readFile(dir + file, 'utf8'),
    })),
  )
}

/** Applies the numbered SQL files not yet recorded in schema_migrations, each in its own transaction. */
export async function migrate(db: Database, migrations?: Migration[]): Promise<string[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY,
    name text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`)
  const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations')
  const applied = new Set(rows.map((row) => row.version))
  const pending = (migrations ?? (await loadMigrations())).filter((m) => !applied.has(m.version))
  for (const migration of pending) {
    await db.transaction(async (tx) => {
      await tx.query(migration.sql)
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name])
    })
  }
  return pending.map((m) => m.name)
}

/**
 * What a migration cannot do inside its transaction. 007 rewrites incidents (generated columns),
 * which leaves the visibility map empty: until a VACUUM the aggregate's index-only scans read the
 * table, and autovacuum may not come for a long time on a table that is rarely updated.
 */
export async function afterMigrations(db: Database, applied: string[]): Promise<void> {
  if (applied.some((name) => name.startsWith('007_'))) await db.query('VACUUM (ANALYZE) incidents')
}
