// What the admin view (/admin) needs beyond the older admin routes: revoking an Open311 client's
// key, and the audit log filtered by action and read page by page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type Headers, type TestApp } from './helpers/test-app'

let t: TestApp
let admin: Headers

beforeAll(async () => {
  t = await createTestApp()
  admin = await t.adminHeaders()
})
afterAll(() => t.close())

const clientRows = async () => (await t.db.query<Record<string, unknown>>('SELECT * FROM open311_clients ORDER BY id')).rows
const revoke = (id: number | string, headers = admin) => t.app.inject({ method: 'DELETE', url: `/api/open311/clients/${id}`, headers })
const requestsWith = (apiKey: string) => t.app.inject({ method: 'GET', url: `/open311/v2/requests.json?api_key=${apiKey}` })

describe('revoking an Open311 client key', () => {
  it('refuses the key at once; revoking again is no error; the list shows when', async () => {
    const issued = await t.app.inject({ method: 'POST', url: '/api/open311/clients', headers: admin, payload: { name: '12345热线' } })
    const { id, apiKey } = issued.json()
    expect((await requestsWith(apiKey)).statusCode).toBe(200)
    expect((await revoke(id)).statusCode).toBe(204)
    const refused = await requestsWith(apiKey)
    expect([refused.statusCode, refused.json()]).toEqual([403, [{ code: 403, description: 'api_key: unknown or revoked' }]])
    expect((await revoke(id)).statusCode).toBe(204)
    const listed = (await t.app.inject({ method: 'GET', url: '/api/open311/clients', headers: admin })).json().clients
    expect(listed.find((c: { id: number }) => c.id === id)).toEqual({ id, name: '12345热线', createdAt: expect.any(String), revokedAt: expect.any(String) })
  })

  it('refuses an unknown client, a bad id and a non-admin, and changes nothing', async () => {
    const { id } = (await t.app.inject({ method: 'POST', url: '/api/open311/clients', headers: admin, payload: { name: '政务App' } })).json()
    const before = await clientRows()
    const missing = await revoke(99_999)
    expect([missing.statusCode, missing.json().error]).toEqual([404, expect.objectContaining({ code: 'not_found', message: 'Open311 client 99999 not found' })])
    const bad = await revoke('abc')
    expect([bad.statusCode, bad.json().error.code, bad.json().error.details[0].path]).toEqual([400, 'invalid_request', 'params/id'])
    const analyst = await revoke(id, await t.as('analyst'))
    expect(analyst.statusCode).toBe(403)
    expect((await revoke(id, {})).statusCode).toBe(401)
    expect(await clientRows()).toEqual(before)
  })
})

describe('the audit log for the admin view', () => {
  beforeAll(async () => {
    await t.db.query('TRUNCATE audit_log')
    for (const username of ['audit-a', 'audit-b', 'audit-c']) {
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: admin,
        payload: { username, password: 'long-enough-1', role: 'analyst' },
      })
      expect(created.statusCode).toBe(201)
    }
    const { users } = (await t.app.inject({ method: 'GET', url: '/api/users', headers: admin })).json()
    const b = users.find((u: { username: string }) => u.username === 'audit-b')
    expect((await t.app.inject({ method: 'PATCH', url: `/api/users/${b.id}`, headers: admin, payload: { disabled: true } })).statusCode).toBe(200)
  })

  const entries = async (query: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/audit${query}`, headers: admin })
    expect(response.statusCode).toBe(200)
    return response.json().entries as { action: string; table: string; after: { username?: string } | null }[]
  }
  const usersOf = (list: Awaited<ReturnType<typeof entries>>) => list.filter((e) => e.table === 'users').map((e) => `${e.action} ${e.after?.username}`)

  it('is filtered by action', async () => {
    expect(usersOf(await entries('?action=update&table=users'))).toEqual(['update audit-b'])
    expect(usersOf(await entries('?action=insert&table=users'))).toEqual(['insert audit-c', 'insert audit-b', 'insert audit-a'])
  })

  it('is read page by page, newest first, with limit and offset', async () => {
    const all = usersOf(await entries('?table=users'))
    expect(all).toEqual(['update audit-b', 'insert audit-c', 'insert audit-b', 'insert audit-a'])
    const pages = [
      await entries('?table=users&limit=3&offset=0'),
      await entries('?table=users&limit=3&offset=3'),
      await entries('?table=users&limit=3&offset=6'),
    ]
    expect(pages.map(usersOf)).toEqual([all.slice(0, 3), all.slice(3), []])
  })

  it('refuses an unknown action or a negative offset, naming the parameter', async () => {
    for (const [query, path] of [
      ['?action=drop', 'querystring/action'],
      ['?offset=-1', 'querystring/offset'],
    ]) {
      const response = await t.app.inject({ method: 'GET', url: `/api/audit${query}`, headers: admin })
      expect([query, response.statusCode, response.json().error.code, response.json().error.details[0].path]).toEqual([query, 400, 'invalid_request', path])
    }
  })
})
