import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { EAST, WEST, smallTownRegions } from '../fixtures/small-town'
import { importAs } from './helpers/coverage-fixture'
import { createTestApp, emptyDatabase, type Headers, type TestApp } from './helpers/test-app'

let t: TestApp
let admin: Headers

beforeAll(async () => {
  t = await createTestApp()
})
beforeEach(async () => {
  await emptyDatabase(t)
  admin = await t.adminHeaders()
  await importAs(t, 'regions', ...smallTownRegions.features)
})
afterAll(() => t.close())

const create = (payload: object) => t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload })
const patch = (id: number, payload: object) => t.app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: admin, payload })
const login = (username: string, password: string) => t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })
const me = (headers: Headers) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers })
const bearer = (token: string): Headers => ({ authorization: `Bearer ${token}` })

async function loggedIn(username: string, password: string): Promise<Headers> {
  const response = await login(username, password)
  expect(response.statusCode).toBe(200)
  return bearer(response.json().token)
}

describe('users, managed by admins', () => {
  it('creates a supervisor with regions and lists users without any password hash', async () => {
    const created = await create({ username: 'wang', password: 'long-enough-1', role: 'supervisor', regionCodes: [WEST] })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toEqual({
      user: { id: 2, username: 'wang', role: 'supervisor', regionCodes: [WEST], workerId: null, disabled: false, createdAt: expect.any(String) },
    })
    const list = await t.app.inject({ method: 'GET', url: '/api/users', headers: admin })
    expect(list.json().users.map((u: { username: string; role: string; regionCodes: string[] }) => [u.username, u.role, u.regionCodes])).toEqual([
      ['admin', 'admin', []],
      ['wang', 'supervisor', [WEST]],
    ])
    expect(list.body).not.toMatch(/scrypt|password/i)
    expect((await me(await loggedIn('wang', 'long-enough-1'))).json().user).toEqual({ id: 2, username: 'wang', role: 'supervisor' })
  })

  it('refuses a short password, a taken username, an unknown region and regions for a non-supervisor', async () => {
    const answers = []
    for (const body of [
      { username: 'li', password: 'short', role: 'analyst' },
      { username: 'admin', password: 'long-enough-1', role: 'analyst' },
      { username: 'li', password: 'long-enough-1', role: 'supervisor', regionCodes: ['320924009'] },
      { username: 'li', password: 'long-enough-1', role: 'analyst', regionCodes: [WEST] },
    ]) {
      const response = await create(body)
      answers.push([response.statusCode, response.json().error.code])
    }
    expect(answers).toEqual([
      [400, 'invalid_request'],
      [409, 'username_taken'],
      [422, 'unknown_region'],
      [422, 'regions_need_supervisor'],
    ])
    expect((await t.db.query('SELECT username FROM users ORDER BY id')).rows).toEqual([{ username: 'admin' }])
  })

  it('binds a worker account to one grid worker, and no other account to any', async () => {
    const workerId = (
      await t.db.query<{ id: number }>("INSERT INTO grid_workers (county_code, name, role) VALUES ('320924', '周八', 'full_time') RETURNING id::int")
    ).rows[0].id
    const answers = []
    for (const body of [
      { username: 'zhou', password: 'long-enough-1', role: 'worker' },
      { username: 'zhou', password: 'long-enough-1', role: 'worker', workerId: 999_999 },
      { username: 'zhou', password: 'long-enough-1', role: 'dispatcher', workerId },
    ]) {
      const response = await create(body)
      answers.push([response.statusCode, response.json().error.code])
    }
    expect(answers).toEqual([
      [422, 'worker_id_required'],
      [422, 'unknown_worker'],
      [422, 'worker_needs_worker_role'],
    ])
    const created = await create({ username: 'zhou', password: 'long-enough-1', role: 'worker', workerId })
    expect([created.statusCode, created.json().user.role, created.json().user.workerId]).toEqual([201, 'worker', workerId])
    // Becoming a dispatcher unbinds the account.
    const moved = await patch(created.json().user.id, { role: 'dispatcher' })
    expect([moved.statusCode, moved.json().user.workerId]).toEqual([200, null])
  })

  it('ends every session of a user who is disabled, at once, and refuses their login', async () => {
    const { id } = (await create({ username: 'zhao', password: 'long-enough-1', role: 'analyst' })).json().user
    const phone = await loggedIn('zhao', 'long-enough-1')
    const desk = await loggedIn('zhao', 'long-enough-1')
    const disabled = await patch(id, { disabled: true })
    expect([disabled.statusCode, disabled.json().user.disabled]).toEqual([200, true])
    expect([(await me(phone)).statusCode, (await me(desk)).statusCode, (await login('zhao', 'long-enough-1')).statusCode]).toEqual([401, 401, 401])
    // Enabled again: a new login works, the sessions of before stay ended.
    await patch(id, { disabled: false })
    expect([(await login('zhao', 'long-enough-1')).statusCode, (await me(phone)).statusCode]).toEqual([200, 401])
  })

  it('ends the sessions of a user whose password changes; only the new password works', async () => {
    const { id } = (await create({ username: 'qian', password: 'long-enough-1', role: 'analyst' })).json().user
    const session = await loggedIn('qian', 'long-enough-1')
    expect((await patch(id, { password: 'another-one-2' })).statusCode).toBe(200)
    expect([(await me(session)).statusCode, (await login('qian', 'long-enough-1')).statusCode, (await login('qian', 'another-one-2')).statusCode]).toEqual([
      401, 401, 200,
    ])
  })

  it('ends the sessions of a user whose role changes, and keeps them when only regions change', async () => {
    const { id } = (await create({ username: 'sun', password: 'long-enough-1', role: 'supervisor', regionCodes: [WEST] })).json().user
    const first = await loggedIn('sun', 'long-enough-1')
    const moved = await patch(id, { regionCodes: [EAST] })
    expect([moved.json().user.regionCodes, (await me(first)).statusCode]).toEqual([[EAST], 200])
    const demoted = await patch(id, { role: 'analyst' })
    expect([demoted.json().user.role, demoted.json().user.regionCodes, (await me(first)).statusCode]).toEqual(['analyst', [], 401])
  })

  it('keeps the last active admin: neither disabled nor demoted', async () => {
    const answers = []
    for (const body of [{ disabled: true }, { role: 'analyst' }]) {
      const response = await patch(1, body)
      answers.push([response.statusCode, response.json().error.code])
    }
    expect(answers).toEqual([
      [409, 'last_admin'],
      [409, 'last_admin'],
    ])
    expect((await me(admin)).statusCode).toBe(200)
  })

  it('answers 404 for an unknown user and 400 for an empty change', async () => {
    const unknown = await patch(99, { disabled: true })
    const empty = await patch(1, {})
    expect([unknown.statusCode, unknown.json().error.code, empty.statusCode]).toEqual([404, 'not_found', 400])
  })
})
