import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateTown } from '../../data/demo-town/town'
import { homeGridOf } from '../../server/repositories/home-grid'
import { seedDemoTown, type SeedCounts } from '../../server/services/demo-town/seed-demo-town'
import { createTestApp, type TestApp } from './helpers/test-app'

// The demo town goes in through the repositories, as an import does: what the generator made,
// every household and incident in the grid the one home-grid rule gives it, no audit rows.
const OPTIONS = { scale: 1, incidentsPerCopy: 2_000 }
let t: TestApp
let counts: SeedCounts

beforeAll(async () => {
  t = await createTestApp()
  counts = await t.db.transaction((tx) => seedDemoTown(tx, OPTIONS))
}, 300_000)
afterAll(() => t.close())

const count = async (sql: string): Promise<number> => Number((await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`)).rows[0].n)

describe('the demo town seeder', () => {
  it('writes what the generator made, and counts what it wrote', async () => {
    const town = generateTown(OPTIONS)
    const copy = town.copies[0]!
    const generated = {
      regions: 1 + copy.streets.length + copy.communities.length,
      grids: copy.grids.length,
      grid_workers: copy.workers.length,
      grid_assignments: copy.workers.reduce((n, w) => n + w.gridCodes.length, 0),
      party_groups: copy.partyGroups.length,
      households: copy.households.length,
      service_points: copy.servicePoints.length,
      incidents: copy.incidents.length,
      incident_events: copy.incidents.reduce((n, i) => n + i.events.length, 0),
      patrol_visits: copy.patrols.length,
    }
    expect(counts).toEqual({ ...generated, grid_history: generated.grids })
    for (const table of Object.keys(counts)) expect(await count(table), table).toBe(counts[table as keyof SeedCounts])
    const stored = (await t.db.query<{ external_id: string }>('SELECT external_id FROM households ORDER BY id')).rows.map((r) => r.external_id)
    expect(stored).toEqual(copy.households.map((h) => h.externalId))
  })

  it('gives every household and incident the grid of the home-grid rule', async () => {
    for (const table of ['households', 'incidents']) {
      expect(await count(`${table} t WHERE t.grid_id IS DISTINCT FROM ${homeGridOf('t.geom')}`), table).toBe(0)
      expect(await count(`${table} WHERE grid_id IS NOT NULL`), table).toBeGreaterThan(0)
    }
  })

  it('keeps the generated timelines and field work', async () => {
    const town = generateTown(OPTIONS)
    const first = town.copies[0]!.incidents[0]!
    const { rows } = await t.db.query<{ reportedAt: Date; updatedAt: Date; events: number }>(
      `SELECT reported_at AS "reportedAt", updated_at AS "updatedAt", (SELECT count(*)::int FROM incident_events e WHERE e.incident_id = i.id) AS events
         FROM incidents i WHERE external_id = $1`,
      [first.externalId],
    )
    expect(rows[0]).toEqual({ reportedAt: new Date(first.reportedAt), updatedAt: new Date(first.updatedAt), events: first.events.length })
    expect(await count(`grid_history WHERE reason = '演示数据导入' AND operation = 'import'`)).toBe(counts.grids)
    expect(await count('incidents WHERE dispatched_at IS NOT NULL AND assignee_id IS NULL AND grid_id IN (SELECT grid_id FROM grid_assignments)')).toBe(0)
    expect(await count('household_service_access')).toBe(counts.households)
    expect(await count(`audit_log WHERE table_name <> 'users'`)).toBe(0)
  })

  it('seeds an empty county only', async () => {
    await expect(t.db.transaction((tx) => seedDemoTown(tx, OPTIONS))).rejects.toThrow(/already has regions/)
  })
})
