import { buildApp } from './app'
import { ConfigError, loadConfig } from './config'
import { connectDatabase } from './db/connect'
import { afterMigrations, migrate } from './db/migrate'
import { backfillServiceAccess, ensureFirstAdmin, seedIfEmpty } from './services/bootstrap'

const SHUTDOWN_GRACE_MS = 30_000

/** Starts Wangge: database (embedded or DATABASE_URL), migrations, first admin, demo seed, HTTP. */
async function main(): Promise<void> {
  const config = loadConfig()
  const db = await connectDatabase(config)
  const app = await buildApp({ config, db })
  try {
    const applied = await migrate(db)
    if (applied.length) app.log.info({ applied }, 'migrations applied')
    await afterMigrations(db, applied)
    await ensureFirstAdmin(db, config, app.log)
    await seedIfEmpty(db, config, app.log)
    await backfillServiceAccess(db, app.log)
    await app.listen({ port: config.port, host: config.host })
    warmCaches(app)
  } catch (error) {
    app.log.error({ err: error }, 'startup failed')
    await app.close().catch(() => {})
    await db.close().catch(() => {})
    process.exit(1)
  }

  let closing = false
  const shutdown = async (signal: string) => {
    if (closing) return
    closing = true
    app.log.info({ signal }, 'shutting down: finishing in-flight requests')
    // Fastify stops accepting and lets in-flight requests finish. A keep-alive connection whose
    // request finishes after close() began would otherwise hold the process open until its
    // keep-alive timeout, so idle connections are closed as they appear; after the grace period
    // everything is cut.
    const sweep = setInterval(() => app.server.closeIdleConnections(), 100)
    const deadline = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS)
    await app.close()
    clearInterval(sweep)
    clearTimeout(deadline)
    await db.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
}

main().catch((error) => {
  if (error instanceof ConfigError) console.error(error.message)
  else console.error('Wangge failed to start:', error)
  process.exit(1)
})

/**
 * Computes every county's figures for the wall once in the background — their coverage reports with
 * them, which the coverage cache then keeps young: the first wall or report after a start need not
 * wait for a county's worth of parts.
 */
function warmCaches(app: Awaited<ReturnType<typeof buildApp>>): void {
  const warn = (error: unknown) => app.log.warn({ err: error }, 'coverage cache renewal failed')
  app.coverage.startRenewing({ log: warn })
  void (async () => {
    const { rows } = await app.db.query<{ code: string }>(`SELECT code FROM regions WHERE level = 'county' ORDER BY code`)
    await app.stats.warm(rows.map(({ code }) => code))
  })().catch(warn)
}
