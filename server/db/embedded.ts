import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface EmbeddedPostgis {
  connectionString: string
  stop(): Promise<void>
}

/**
 * Starts PGlite with PostGIS and exposes it to the same `pg` code that serves the real engine.
 * PGlite is single-connection: callers use a pool of one.
 *
 * PGlite has no roles or passwords: whoever connects is its superuser. So it listens on no TCP port
 * at all, only on a Unix socket inside a fresh directory that mkdtemp creates with mode 0700: other
 * users of the machine cannot reach it. Processes of the same user can, as they can read DATA_DIR's
 * files themselves; that is the same boundary as PostgreSQL's own peer authentication.
 */
export async function startEmbeddedPostgis(dataDir: string): Promise<EmbeddedPostgis> {
  await mkdir(dataDir, { recursive: true })
  const db = await PGlite.create({ dataDir, extensions: { postgis } })
  // In the temp directory rather than DATA_DIR: a socket path must stay under ~100 bytes.
  const socketDir = await mkdtemp(join(tmpdir(), 'wangge-pg-'))
  // A pool discarding a broken client reconnects before the old socket has closed; a little
  // headroom above one connection keeps that from being refused. Queries are still serialised.
  const server = new PGLiteSocketServer({ db, path: join(socketDir, '.s.PGSQL.5432'), maxConnections: 4 })
  await server.start()
  return {
    // libpq's convention, which `pg` follows: a host that is a directory means its socket .s.PGSQL.<port>.
    connectionString: `postgres://postgres@localhost/postgres?host=${encodeURIComponent(socketDir)}`,
    stop: async () => {
      await server.stop()
      await db.close()
      await rm(socketDir, { recursive: true, force: true })
    },
  }
}
