import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { point, smallTownRegions } from '../fixtures/small-town'
import { importAs } from './helpers/coverage-fixture'
import { createTestApp, type TestApp } from './helpers/test-app'

let t: TestApp
let admin: Record<string, string>

beforeAll(async () => {
  t = await createTestApp()
  admin = await t.adminHeaders()
  await importAs(t, 'regions', ...smallTownRegions.features)
})
afterAll(() => t.close())

const issue = (payload: unknown, headers = admin) => t.app.inject({ method: 'POST', url: '/api/display-tokens', headers, payload: payload as object })
const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } })
const tokenRows = async () => (await t.db.query<Record<string, unknown>>('SELECT * FROM display_tokens ORDER BY id')).rows

describe('display tokens for walls', () => {
  it('are issued by an admin, shown once, and stored only as a hash', async () => {
    const response = await issue({ name: ' 县指挥中心主屏 ' })
    expect(response.statusCode).toBe(201)
    const body = response.json()
    expect(Object.keys(body).sort()).toEqual(['id', 'name', 'token'])
    expect([body.id, body.name]).toEqual([1, '县指挥中心主屏'])
    expect(body.token).toMatch(/^wgd_[A-Za-z0-9_-]{43}$/)
    const rows = await tokenRows()
    expect(rows).toHaveLength(1)
    expect(JSON.stringify(rows)).not.toContain(body.token.slice(4))
    const list = await t.app.inject({ method: 'GET', url: '/api/display-tokens', headers: admin })
    expect(list.json()).toEqual({ tokens: [{ id: 1, name: '县指挥中心主屏', createdAt: expect.any(String), lastUsedAt: null, revokedAt: null }] })
  })

  it('act as a read-only display identity, from a bearer header', async () => {
    const { token } = (await issue({ name: '街道分屏' })).json()
    const response = await me(token)
    expect([response.statusCode, response.json()]).toEqual([200, { user: { id: 0, username: 'display:街道分屏', role: 'display' } }])
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: { authorization: `Bearer ${token}` },
      payload: { category: 'traffic', source: 'patrol', description: '占道', location: point(120.005, 33.005) },
    })
    expect([write.statusCode, write.json().error.code]).toEqual([403, 'forbidden'])
    const escalate = await issue({ name: '自己发令牌' }, { authorization: `Bearer ${token}` })
    expect([escalate.statusCode, escalate.json().error.code]).toEqual([403, 'forbidden'])
    const { rows } = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents')
    expect(rows[0].n).toBe(0)
  })

  it('stop working at once when revoked', async () => {
    const { id, token } = (await issue({ name: '临时屏' })).json()
    expect((await me(token)).statusCode).toBe(200)
    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/display-tokens/${id}`, headers: admin })
    expect(revoked.statusCode).toBe(204)
    const after = await me(token)
    expect([after.statusCode, after.json().error.code]).toEqual([401, 'unauthorized'])
    const again = await t.app.inject({ method: 'DELETE', url: `/api/display-tokens/${id}`, headers: admin })
    expect(again.statusCode).toBe(204)
    const missing = await t.app.inject({ method: 'DELETE', url: '/api/display-tokens/999', headers: admin })
    expect([missing.statusCode, missing.json()]).toEqual([404, { error: { code: 'not_found', message: 'Display token 999 not found' } }])
  })

  it('refuse bad input, anonymous callers and unknown tokens, and write nothing', async () => {
    const before = await tokenRows()
    for (const payload of [{}, { name: '' }, { name: '   ' }, { name: '屏', extra: 1 }, { name: 'x'.repeat(101) }]) {
      const response = await issue(payload)
      expect([response.statusCode, response.json().error.code], JSON.stringify(payload)).toEqual([400, 'invalid_request'])
    }
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/display-tokens', payload: { name: '屏' } })
    expect([anonymous.statusCode, anonymous.json().error.code]).toEqual([401, 'unauthorized'])
    expect((await t.app.inject({ method: 'GET', url: '/api/display-tokens' })).statusCode).toBe(401)
    expect((await me('wgd_not-a-real-token')).statusCode).toBe(401)
    expect(await tokenRows()).toEqual(before)
  })

  it('are taken as ?token= on the event stream only (an EventSource cannot send headers), nowhere else', async () => {
    const { token } = (await issue({ name: '事件屏' })).json()
    const q = `token=${encodeURIComponent(token)}`
    for (const url of [
      `/api/auth/me?${q}`,
      `/api/grids?${q}`,
      `/api/grids/1/history?${q}`,
      `/api/incidents/1?${q}`,
      `/api/stats/overview?${q}`,
      `/tiles/grids/0/0/0.pbf?${q}`,
    ]) {
      const response = await t.app.inject({ method: 'GET', url })
      // Refused either way: as a caller with no credentials, or for a parameter the route does not take.
      expect([401, 400], url).toContain(response.statusCode)
    }
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = t.app.server.address() as AddressInfo
    const controller = new AbortController()
    const stream = await fetch(`http://127.0.0.1:${port}/api/events?${q}`, { signal: controller.signal })
    expect([stream.status, stream.headers.get('content-type')]).toEqual([200, 'text/event-stream; charset=utf-8'])
    controller.abort()
    const anonymous = await fetch(`http://127.0.0.1:${port}/api/events`)
    expect(anonymous.status).toBe(401)
  })
})
