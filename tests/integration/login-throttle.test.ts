import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_PASSWORD, createTestApp, type TestApp } from './helpers/test-app'

let t: TestApp

beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

// Each case logs in from its own address, so that the per-address count of one does not leak into another.
const login = (username: string, password: string, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress })

async function statuses(n: number, username: string, password: string, address: string): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push((await login(username, password, address)).statusCode)
  return out
}

describe('login rate limit', () => {
  it('refuses a username after 5 failures in 15 minutes with 429, Retry-After and too_many_attempts, even with the right password', async () => {
    expect(await statuses(5, 'admin', 'wrong-password', '10.1.0.1')).toEqual([401, 401, 401, 401, 401])
    const refused = await login('admin', ADMIN_PASSWORD, '10.1.0.2')
    expect(refused.statusCode).toBe(429)
    expect(refused.json().error.code).toBe('too_many_attempts')
    const retryAfter = Number(refused.headers['retry-after'])
    expect(retryAfter).toBeGreaterThan(15 * 60 - 5)
    expect(retryAfter).toBeLessThanOrEqual(15 * 60)
  })

  it('starts the count of a username afresh after a successful login', async () => {
    expect(await statuses(4, 'nobody-a', 'x', '10.2.0.1')).toEqual([401, 401, 401, 401])
    const { rows } = await t.db.query<{ id: number }>(
      "INSERT INTO users (username, password_hash, role) SELECT 'nobody-a', password_hash, 'analyst' FROM users WHERE username = 'admin' RETURNING id::int",
    )
    expect(rows).toHaveLength(1)
    expect((await login('nobody-a', ADMIN_PASSWORD, '10.2.0.1')).statusCode).toBe(200)
    expect(await statuses(4, 'nobody-a', 'x', '10.2.0.1')).toEqual([401, 401, 401, 401])
  })

  it('refuses an address after 20 failures, whatever username it tries next', async () => {
    for (let i = 0; i < 20; i++) expect((await login(`guess-${i}`, 'x', '10.3.0.1')).statusCode).toBe(401)
    const next = await login('someone-else', 'x', '10.3.0.1')
    const elsewhere = await login('someone-else', 'x', '10.3.0.2')
    expect([next.statusCode, next.json().error.code, elsewhere.statusCode]).toEqual([429, 'too_many_attempts', 401])
  })

  it('lets at most 5 attempts for one username through however many arrive at once, the right password among them', async () => {
    const { rows } = await t.db.query(
      "INSERT INTO users (username, password_hash, role) SELECT 'rushed', password_hash, 'analyst' FROM users WHERE username = 'admin' RETURNING id",
    )
    expect(rows).toHaveLength(1)
    // 200 guesses in parallel, each from its own address, one of them right (the last to be sent).
    const attempts = Array.from({ length: 200 }, (_, i) => login('rushed', i === 199 ? ADMIN_PASSWORD : `guess-${i}`, `10.4.${i >> 8}.${i & 255}`))
    const codes = (await Promise.all(attempts)).map((r) => r.statusCode)
    const checked = codes.filter((c) => c !== 429)
    expect(checked.length).toBeLessThanOrEqual(5)
    expect(codes.filter((c) => c === 200)).toEqual([])
  })
})
