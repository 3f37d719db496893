import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ADMIN_PASSWORD, createTestApp, type TestApp } from './helpers/test-app'

// Wangge speaks plain HTTP; TLS ends at a reverse proxy (docs/security.md). What the app says about
// HTTPS must follow what the request really came over, as a trusted proxy reports it.
let direct: TestApp
let proxied: TestApp
let clientDir: string

const HSTS = 'strict-transport-security'
const login = (t: TestApp, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD }, headers, remoteAddress })
const sessionCookie = (response: { headers: Record<string, unknown> }) => String(response.headers['set-cookie'])

beforeAll(async () => {
  clientDir = await mkdtemp(join(tmpdir(), 'wangge-client-'))
  await mkdir(join(clientDir, 'assets'))
  await writeFile(join(clientDir, 'index.html'), '<!doctype html><script type="module" src="/assets/app.js"></script>')
  await writeFile(join(clientDir, 'assets', 'app.js'), 'console.log(1)\n')
  await writeFile(join(clientDir, 'assets', 'app.js.map'), '{"version":3,"sources":["../../client/src/secret.ts"]}')
  direct = await createTestApp({ CLIENT_DIR: clientDir })
  proxied = await createTestApp({ TRUST_PROXY: '127.0.0.1' }, { reset: false })
})
afterAll(async () => {
  for (const t of [direct, proxied]) await t?.close()
  await rm(clientDir, { recursive: true, force: true })
})

describe('HTTPS as the request came', () => {
  it('sends no HSTS and no Secure cookie over plain HTTP (a browser would ignore the one and lose the other)', async () => {
    const response = await login(direct)
    expect(response.statusCode).toBe(200)
    expect(response.headers[HSTS]).toBeUndefined()
    expect(sessionCookie(response)).not.toMatch(/;\s*Secure/i)
    expect((await direct.app.inject({ url: '/api/config' })).headers[HSTS]).toBeUndefined()
  })

  it('sends HSTS and a Secure session cookie when a trusted proxy says the request came over HTTPS', async () => {
    const response = await login(proxied, { 'x-forwarded-proto': 'https' })
    expect(response.statusCode).toBe(200)
    expect(response.headers[HSTS]).toBe('max-age=31536000; includeSubDomains')
    expect(sessionCookie(response)).toMatch(/;\s*Secure/i)
  })

  it('believes no X-Forwarded-Proto from anyone but the trusted proxy', async () => {
    const response = await login(proxied, { 'x-forwarded-proto': 'https' }, '10.9.9.9')
    expect(response.headers[HSTS]).toBeUndefined()
    expect(sessionCookie(response)).not.toMatch(/;\s*Secure/i)
  })
})

describe('the built client', () => {
  it('serves its scripts but not their source maps (they would publish the whole client source)', async () => {
    const script = await direct.app.inject({ url: '/assets/app.js' })
    expect(script.statusCode).toBe(200)
    const map = await direct.app.inject({ url: '/assets/app.js.map' })
    expect(map.statusCode).toBe(404)
    expect(map.body).not.toContain('secret.ts')
  })
})
