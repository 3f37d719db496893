import type { FastifyInstance } from 'fastify'
import type { Database } from '../../server/db/database'
import { benchSession } from './bench-session'
import { ms, time, type Timing } from './measure'

const RUNS = 40
const GOAL_P95_MS = 150

/**
 * The grid editor's round trips (HTTP, JSON and auth included) on grids picked across the county:
 * a dry run (POST /api/grids/validate) and a save (PUT /api/grids/:id: lock, checks, write,
 * history, re-homing), and the same two for a grid and a neighbour changed together (a shared edge
 * moved: the multi-grid body of PUT /api/grids). Leaves the database as it found it: every save is
 * undone and the rows the benchmark added (a temporary admin, its session, history rows) are removed.
 */
export async function benchEdit(app: FastifyInstance, db: Database): Promise<{ timings: Timing[]; markdown: string }> {
  // Its user is removed below, after the history rows that name it.
  const { userId: adminId, headers } = await benchSession(db, 'admin')
  const {
    rows: [{ maxHistory }],
  } = await db.query<{ maxHistory: number }>('SELECT COALESCE(max(id), 0)::bigint AS "maxHistory" FROM grid_history')
  // Every 40th comprehensive grid: different sizes, communities and neighbourhoods.
  const { rows: grids } = await db
    .query<{ id: number; version: number; original: unknown; shrunk: unknown; households: number; neighbour: number }>(
      `SELECT g.id::int, g.version, ST_AsGeoJSON(g.geom, 9)::json AS original,
            ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Buffer(g.geom, -2e-6, 'join=mitre'), 3)), 9)::json AS shrunk,
            (SELECT count(*)::int FROM households h WHERE h.grid_id = g.id) AS households,
            -- A neighbour sharing an edge, itself overlapping nothing (the demo town plants an overlap).
            (SELECT n.id::int FROM grids n
              WHERE n.deleted_at IS NULL AND n.id <> g.id AND n.geom && g.geom AND ST_Touches(n.geom, g.geom)
                AND NOT EXISTS (SELECT 1 FROM grids o WHERE o.deleted_at IS NULL AND o.id <> n.id AND o.geom && n.geom AND ST_Relate(o.geom, n.geom, 'T********'))
              ORDER BY n.code LIMIT 1) AS neighbour
       FROM grids g WHERE g.deleted_at IS NULL AND g.type = 'comprehensive'
      ORDER BY g.code LIMIT $1`,
      [RUNS * 40],
    )
    .then((r) => ({ rows: r.rows.filter((g, i) => i % 40 === 0 && g.neighbour !== null) }))
  const touched = [...new Set(grids.flatMap((g) => [g.id, g.neighbour]))]
  const { rows: before } = await db.query('SELECT id, version, updated_at, updated_by, geom FROM grids WHERE id = ANY($1::bigint[])', [touched])
  // Every grid a save may touch, as it is now: versions move on with each save.
  const { rows: shapes } = await db.query<{ id: number; version: number; original: unknown; shrunk: unknown }>(
    `SELECT id::int, version, ST_AsGeoJSON(geom, 9)::json AS original,
            ST_AsGeoJSON(ST_Multi(ST_CollectionExtract(ST_Buffer(geom, -2e-6, 'join=mitre'), 3)), 9)::json AS shrunk
       FROM grids WHERE id = ANY($1::bigint[])`,
    [touched],
  )
  const shape = new Map(shapes.map((g) => [g.id, g]))

  const feature = (geometry: unknown, properties: Record<string, unknown>) => ({ type: 'Feature', geometry, properties })
  let i = 0
  const next = () => grids[i++ % grids.length]
  const timings: Timing[] = []
  try {
    timings.push(
      await time(`validate (dry run) of a reshaped grid, POST /api/grids/validate`, RUNS, async () => {
        const g = shape.get(next().id)!
        const response = await app.inject({ method: 'POST', url: '/api/grids/validate', headers, payload: feature(g.shrunk, { id: g.id, version: g.version }) })
        if (response.statusCode !== 200) throw new Error(response.body)
      }),
    )
    timings.push(await timeSaves())
    timings.push(
      await time(`validate (dry run) of a grid and a neighbour reshaped together, POST /api/grids/validate`, RUNS, async () => {
        const response = await app.inject({ method: 'POST', url: '/api/grids/validate', headers, payload: pair(next(), 'shrunk') })
        if (response.statusCode !== 200) throw new Error(response.body)
      }),
    )
    timings.push(await timePairSaves())
  } finally {
    // Restore exactly: geometry (households were re-homed back by the last save), version, audit columns.
    await db.transaction(async (tx) => {
      for (const row of before) {
        await tx.query('UPDATE grids SET geom = $2, version = $3, updated_at = $4, updated_by = $5 WHERE id = $1', [
          row.id,
          row.geom,
          row.version,
          row.updated_at,
          row.updated_by,
        ])
      }
      await tx.query('DELETE FROM grid_history WHERE id > $1', [maxHistory])
      await tx.query('DELETE FROM users WHERE id = $1', [adminId])
    })
  }

  /** The multi-grid body for a sampled grid and its neighbour, each in shape `which`. */
  function pair(g: { id: number; neighbour: number }, which: 'shrunk' | 'original', reason?: string) {
    const grids = [g.id, g.neighbour].map((id) => shape.get(id)!).map((s) => ({ id: s.id, version: s.version, geometry: s[which] }))
    return reason ? { grids, reason } : { grids }
  }

  /** Times `save` for each sampled grid; putting it back (`undo`) is the next, untimed, save. */
  async function timeEach(
    name: string,
    save: (g: (typeof grids)[number]) => Promise<unknown>,
    undo: (g: (typeof grids)[number]) => Promise<unknown>,
  ): Promise<Timing> {
    const samples: number[] = []
    i = 0
    for (let n = 0; n < RUNS; n++) {
      const g = next()
      const started = performance.now()
      await save(g)
      samples.push(performance.now() - started)
      await undo(g)
    }
    samples.sort((a, b) => a - b)
    const pick = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)]
    return { name, runs: RUNS, medianMs: pick(0.5), p95Ms: pick(0.95) }
  }

  /** A save that must succeed; every grid it wrote is one version on. */
  async function put(url: string, payload: object, ids: number[]): Promise<void> {
    const response = await app.inject({ method: 'PUT', url, headers, payload })
    if (response.statusCode !== 200) throw new Error(response.body)
    for (const id of ids) shape.get(id)!.version += 1
  }

  function timeSaves(): Promise<Timing> {
    const one = (g: { id: number }, which: 'shrunk' | 'original') => {
      const s = shape.get(g.id)!
      return put(`/api/grids/${g.id}`, feature(s[which], { version: s.version, reason: 'benchmark' }), [g.id])
    }
    return timeEach(
      'save a reshaped grid, PUT /api/grids/:id (lock, checks, write, history, re-homing)',
      (g) => one(g, 'shrunk'),
      (g) => one(g, 'original'),
    )
  }

  function timePairSaves(): Promise<Timing> {
    const both = (g: { id: number; neighbour: number }, which: 'shrunk' | 'original') => put('/api/grids', pair(g, which, 'benchmark'), [g.id, g.neighbour])
    return timeEach(
      'save a grid and a neighbour together, PUT /api/grids (one transaction, both checked on the final state)',
      (g) => both(g, 'shrunk'),
      (g) => both(g, 'original'),
    )
  }

  const households = grids.reduce((sum, g) => sum + g.households, 0) / grids.length
  const rows = timings.map((t) => `| ${t.name} | ${t.runs} | ${ms(t.medianMs)} | ${ms(t.p95Ms)} | ${t.p95Ms <= GOAL_P95_MS ? 'yes' : '**no**'} |`)
  const markdown = [
    '## Grid editor round trips',
    '',
    `${grids.length} grids across the county (every 40th comprehensive grid, ${households.toFixed(0)} households each on average),`,
    'each shrunk by ~0.2 m: every edit moves households and creates a gap the check reports. HTTP through `app.inject`,',
    `auth and JSON included. Goal: p95 ≤ ${GOAL_P95_MS} ms.`,
    '',
    '| round trip | runs | median ms | p95 ms | meets goal |',
    '|---|---:|---:|---:|---|',
    ...rows,
    '',
  ].join('\n')
  return { timings, markdown }
}
