import { mkdir } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import { postgis } from '@electric-sql/pglite-postgis'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface EmbeddedPostgis {
  connectionString: string
  stop(): Promise<void>
}

/**
 * Starts PGlite with PostGIS and exposes it on a loopback port, so the same `pg` code serves the
 * embedded and the real engine. PGlite is single-connection: callers use a pool of one.
 */
export async function startEmbeddedPostgis(dataDir: string): Promise<EmbeddedPostgis> {
  await mkdir(dataDir, { recursive: true })
  const db = await PGlite.create({ dataDir, extensions: { postgis } })
  // A pool discarding a broken client reconnects before the old socket has closed; a little
  // headroom above one connection keeps that from being refused. Queries are still serialised.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 4 })
  await server.start()
  const address = (server as unknown as { server: { address(): { port: number } } }).server.address()
  return {
    connectionString: `postgres://postgres@127.0.0.1:${address.port}/postgres`,
    stop: async () => {
      await server.stop()
      await db.close()
    },
  }
}
