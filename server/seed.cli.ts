// npm run seed -- --scale 40
// Seeds the demo town into DATABASE_URL in one transaction, with a progress bar on stderr.

import pg from 'pg'
import type { Queryable } from './db/database'
import { seedDemoTown } from './services/demo-town/seed-demo-town'

function parseArgs(argv: string[]): { scale: number } {
  let scale = 1
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!
    const value = arg.startsWith('--scale=') ? arg.slice(8) : arg === '--scale' ? argv[++k] : undefined
    if (value !== undefined) {
      if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`--scale must be an integer ≥ 1, got "${value}"`)
      scale = Number(value)
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: npm run seed -- [--scale N]   (DATABASE_URL must point at a migrated database)\n')
      process.exit(0)
    } else {
      throw new Error(`unknown argument "${arg}"`)
    }
  }
  return { scale }
}

function progressBar() {
  let last = 0
  const width = 30
  return (done: number, total: number, label: string) => {
    const t = performance.now()
    if (t - last < 100 && done < total) return
    last = t
    const ratio = total > 0 ? Math.min(1, done / total) : 0
    const filled = Math.round(ratio * width)
    const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(ratio * 100).toFixed(1).padStart(5)}% ${label}`
    process.stderr.write(`\r${line.padEnd(72)}`)
  }
}

async function main() {
  const { scale } = parseArgs(process.argv.slice(2))
  const url = process.env.DATABASE_URL
  if (!url) {
    process.stderr.write('DATABASE_URL is not set: point it at a PostgreSQL + PostGIS database with the Wangge schema.\n')
    process.exit(2)
  }
  // One plain client rather than the app's pool: the transaction may take minutes at large scales.
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const tx: Queryable = {
    query: async (sql, params) => {
      const result = await client.query(sql, params)
      return { rows: result.rows, rowCount: result.rowCount ?? 0 }
    },
  }
  const started = performance.now()
  try {
    await client.query('BEGIN')
    await client.query('SET LOCAL statement_timeout = 0')
    const counts = await seedDemoTown(tx, { scale, onProgress: progressBar() })
    await client.query('COMMIT')
    process.stderr.write('\n')
    const seconds = ((performance.now() - started) / 1000).toFixed(1)
    process.stdout.write(`seeded demo town ×${scale} in ${seconds} s\n${JSON.stringify(counts, null, 2)}\n`)
  } catch (err) {
    process.stderr.write('\n')
    await client.query('ROLLBACK').catch(() => undefined)
    throw err
  } finally {
    await client.end()
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`seed failed: ${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
