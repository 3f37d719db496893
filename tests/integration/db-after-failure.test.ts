// After a statement fails inside a request's transaction, the database must go on answering each
// later statement with its own answer. The embedded engine's socket layer once answered one behind
// (the next request's session lookup got another statement's empty result: a 401).
import { afterAll, beforeAll, expect, it } from 'vitest'
import { point } from '../fixtures/small-town'
import { importSmallTown } from './helpers/small-town-import'
import { createTestApp, type Headers, type TestApp } from './helpers/test-app'

let t: TestApp
let admin: Headers
beforeAll(async () => {
  t = await createTestApp()
  admin = (await importSmallTown(t)).headers
})
afterAll(() => t.close())

it('answers every statement in order after a write failed in the database, round after round', async () => {
  for (let k = 0; k < 5; k++) {
    const body = { category: 'traffic', source: 'patrol', description: `故障${k}`, location: point(120.005, 33.005) }
    await t.db.query(`ALTER TABLE incidents ADD CONSTRAINT fault_injected CHECK (description <> '故障${k}')`)
    const failed = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: admin, payload: body })
    await t.db.query('ALTER TABLE incidents DROP CONSTRAINT fault_injected')
    const again = await t.app.inject({ method: 'POST', url: '/api/incidents', headers: admin, payload: body })
    expect([k, failed.statusCode, again.statusCode]).toEqual([k, 500, 201])
  }
})
