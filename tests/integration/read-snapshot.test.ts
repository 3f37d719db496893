import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from './helpers/test-app'

// A report's queries may run side by side on several connections; they must still see one
// snapshot, as if they ran in one transaction.
let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

const countRegions = async (q: { query: TestApp['db']['query'] }) => (await q.query<{ n: number }>('SELECT count(*)::int AS n FROM regions')).rows[0].n

describe('readSnapshot', () => {
  it('gives every reader the same snapshot, blind to what commits meanwhile, and refuses writes', async () => {
    const before = await countRegions(t.db)
    const seen = await t.db.readSnapshot(2, async (readers) => {
      // The embedded engine has one connection: one reader. A real PostgreSQL lends two.
      expect(readers.length).toBe(t.db.engine === 'pglite' ? 1 : 2)
      const first = await countRegions(readers[0])
      if (readers.length > 1) {
        await t.db.query(`INSERT INTO regions (code, name, level, county_code) VALUES ('990000', '别处', 'county', '990000')`)
      }
      const last = await countRegions(readers[readers.length - 1])
      await expect(
        readers[0].query(`INSERT INTO regions (code, name, level, county_code) VALUES ('980000', '别处', 'county', '980000')`),
      ).rejects.toMatchObject({ code: '25006' })
      return [first, last]
    })
    expect(seen).toEqual([before, before])
    await t.db.query(`DELETE FROM regions WHERE code IN ('990000', '980000')`)
  })
})
