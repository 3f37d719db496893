// npm run bench — builds the scaled demo town on a real PostGIS and measures; writes docs/benchmarks.md.
// BENCH_DATABASE_URL: use that (empty or already seeded) database; otherwise a throwaway cluster
// is started with Debian's PostgreSQL 15. BENCH_SCALE: demo-town copies (default 40: 3,200 grids,
// 1,028,000 households, 1,600,000 incidents; the issue asks for ≥ 1,000,000 households and incidents).
import { cpus, loadavg, totalmem, type } from 'node:os'
import { writeFile } from 'node:fs/promises'
import pg from 'pg'
import { buildApp } from '../../server/app'
import { loadConfig } from '../../server/config'
import { connectDatabase } from '../../server/db/connect'
import { afterMigrations, migrate } from '../../server/db/migrate'
import { backfillServiceAccess } from '../../server/services/bootstrap'
import { seedDemoTown } from '../../server/services/demo-town/seed-demo-town'
import { benchAggregate } from './aggregate.bench'
import { benchCoverage } from './coverage.bench'
import { benchDeckPlayback } from './deck-playback.bench'
import { benchEdit } from './edit.bench'
import { benchEditDrag } from './edit-drag.bench'
import { benchLoad } from './load.bench'
import { benchTiles } from './tiles.bench'
import { benchTileLoad } from './tile-load.bench'
import { BENCH_SETTINGS, startThrowawayPostgres } from '../support/throwaway-postgres'
import { DEMO_TOWN_ADMIN_PASSWORD, benchWall, ensureClientBuilt, startDemoTownServer } from './wall.bench'

const scale = Number(process.env.BENCH_SCALE ?? 40)
// BENCH_WALL_EVENTS: live events in the wall's memory run (default 5,000, hours of a busy county).
const wallEvents = Number(process.env.BENCH_WALL_EVENTS ?? 5000)
// BENCH_LOAD_SECONDS: how long the 100 walls' load lasts (default 60).
const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 60)
// BENCH_TILE_LOAD_SECONDS: how long each configuration of the tile load runs (default 40, as in issue 14); BENCH_TILE_LOAD_DATA_DIR: an
// embedded data directory seeded by an earlier tile-load run, to skip seeding the demo town again.
const tileLoadSeconds = Number(process.env.BENCH_TILE_LOAD_SECONDS ?? 40)
// BENCH_ONLY=coverage,aggregate,edit,tiles,wall,drag,load,tile-load,deck runs just those parts and prints them instead of rewriting docs/benchmarks.md.
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null
const wanted = (part: string) => !only || only.has(part)
// The tile load runs on the embedded engine: PostgreSQL is started only for the parts that use it.
const needsPostgres = ['coverage', 'aggregate', 'edit', 'tiles', 'wall', 'drag', 'load'].some(wanted)
const throwaway = process.env.BENCH_DATABASE_URL || !needsPostgres ? null : startThrowawayPostgres({ settings: BENCH_SETTINGS })
const url = process.env.BENCH_DATABASE_URL ?? throwaway?.url ?? ''

// The wall and the editor drag are measured in a browser on the unscaled demo town (the wall's goal
// is stated for it), in a database of its own beside the bench's (wangge_bench_wall), served with
// the built client by a listening app.
const BIG_PARTS = ['coverage', 'aggregate', 'edit', 'tiles']

/** Load average next to every figure: the machine may be shared. */
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')

async function benchBigTown(): Promise<{ header: string[]; parts: string[] }> {
  const config = loadConfig({ DATABASE_URL: url, SEED: 'none', LOG_LEVEL: 'silent', STATEMENT_TIMEOUT_MS: '600000', CLIENT_DIR: '/nonexistent' })
  const db = await connectDatabase(config)
  await afterMigrations(db, await migrate(db))
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM grids')
  if (rows[0].n === 0) {
    console.error(`seeding the demo town ×${scale}…`)
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    await client.query('BEGIN')
    await client.query('SET LOCAL statement_timeout = 0')
    await seedDemoTown({ query: async (sql, params) => ({ rows: (await client.query(sql, params)).rows, rowCount: 0 }) }, { scale })
    await client.query('COMMIT')
    await client.query('VACUUM ANALYZE')
    await client.end()
  }
  await backfillServiceAccess(db, { info: console.error } as never)
  const {
    rows: [counts],
  } = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM grids) AS grids, (SELECT count(*)::int FROM households) AS households,
            (SELECT count(*)::int FROM incidents) AS incidents, (SELECT count(*)::int FROM service_points) AS service_points,
            (SELECT postgis_lib_version()) AS postgis, (SELECT current_setting('server_version')) AS postgres`,
  )
  const app = await buildApp({ config, db, logger: false })
  await app.ready()

  const skipped = { markdown: '' }
  const coverage = wanted('coverage') ? await benchCoverage(app, db) : skipped
  const aggregate = wanted('aggregate') ? await benchAggregate(app, db) : skipped
  const edit = wanted('edit') ? await benchEdit(app, db) : skipped
  const tiles = wanted('tiles') ? await benchTiles(app, db, url) : skipped
  await app.close()
  await db.close()
  return {
    header: [
      `Database: PostgreSQL ${counts.postgres} + PostGIS ${counts.postgis} (${throwaway ? 'a throwaway local cluster' : 'BENCH_DATABASE_URL'}), demo town ×${scale}:`,
      `${counts.grids.toLocaleString('en-US')} grids, ${counts.households.toLocaleString('en-US')} households, ${counts.incidents.toLocaleString('en-US')} incidents, ${counts.service_points.toLocaleString('en-US')} service points.`,
    ],
    parts: [coverage.markdown, aggregate.markdown, edit.markdown, tiles.markdown],
  }
}

async function benchInBrowser(): Promise<string> {
  ensureClientBuilt()
  const server = await startDemoTownServer(url)
  try {
    const parts: string[] = []
    if (wanted('wall')) {
      console.error(`wall bench against ${server.baseUrl} (${server.description}); load average ${load()}`)
      parts.push((await benchWall({ baseUrl: server.baseUrl, publish: (event) => server.app.events.publish(event), events: wallEvents })).markdown.trimEnd())
    }
    if (wanted('drag')) {
      console.error(`editor drag bench against ${server.baseUrl}; load average ${load()}`)
      const drag = await benchEditDrag({ baseUrl: server.baseUrl, adminPassword: DEMO_TOWN_ADMIN_PASSWORD })
      parts.push(`${drag.markdown.trimEnd()}\n\nLoad average after the drags: ${load()}.`)
    }
    return [...parts, '', `Server: the app listening on localhost with ${server.description}.`, ''].join('\n\n')
  } finally {
    await server.close()
  }
}

/** 100 walls' streams and reads at once against the unscaled demo town's listening app. */
async function benchManyWalls(): Promise<string> {
  const server = await startDemoTownServer(url)
  try {
    console.error(`load bench against ${server.baseUrl} (${server.description}); load average ${load()}`)
    const result = await benchLoad({
      baseUrl: server.baseUrl,
      adminPassword: DEMO_TOWN_ADMIN_PASSWORD,
      publish: (event) => server.app.events.publish(event),
      durationS: loadSeconds,
    })
    return `${result.markdown.trimEnd()}\n\nServer: the app listening on localhost with ${server.description}.\n`
  } finally {
    await server.close()
  }
}

try {
  const big = BIG_PARTS.some(wanted) ? await benchBigTown() : { header: [], parts: [] }
  const browser = wanted('wall') || wanted('drag') ? await benchInBrowser() : ''
  const manyWalls = wanted('load') ? await benchManyWalls() : ''
  const tileLoad = wanted('tile-load') ? (await benchTileLoad({ durationS: tileLoadSeconds, dataDir: process.env.BENCH_TILE_LOAD_DATA_DIR })).markdown : ''
  // Synthetic incidents in the browser: no database.
  const deck = wanted('deck') ? (await benchDeckPlayback()).markdown : ''

  const machine = `${type()} · ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'} · ${(totalmem() / 2 ** 30).toFixed(0)} GiB · Node ${process.version}`
  const markdown = [
    '# Benchmarks',
    '',
    `Run by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}. Machine: ${machine}.`,
    ...big.header,
    'Every ratio compares two things measured in the same run on the same data.',
    '',
    ...big.parts,
    browser,
    manyWalls,
    tileLoad,
    deck,
  ].join('\n')
  if (!only) await writeFile(new URL('../../docs/benchmarks.md', import.meta.url), markdown)
  console.log(markdown)
} finally {
  throwaway?.stop()
}
