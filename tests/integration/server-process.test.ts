import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inject } from 'vitest'
import { startServer, type RunningServer } from '../setup/start-server'
import { collection, feature, point } from '../fixtures/small-town'
import { ADMIN_PASSWORD, createTestApp } from './helpers/test-app'

describe('server.ts as a process', () => {
  let server: RunningServer

  beforeAll(async () => {
    const t = await createTestApp() // leaves an empty, migrated database behind
    await t.close()
    server = await startServer({ DATABASE_URL: inject('databaseUrl'), SEED: 'none', CLIENT_DIR: '/nonexistent' })
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('finishes an in-flight request on SIGTERM, then closes the database and exits 0', async () => {
    const login = await fetch(`${server.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
    })
    const { token } = (await login.json()) as { token: string }
    // Big enough to keep the server busy for a while; every point is outside every region.
    const body = collection(
      ...Array.from({ length: 20_000 }, (_, i) => feature(point(10 + i * 1e-6, 10), { externalId: `H${i}`, address: 'A', population: 1 })),
    )
    const pending = fetch(`${server.baseUrl}/api/import/households`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    })
    await waitFor(() => server.output().includes('/api/import/households'))
    const exit = server.stop()

    const response = await pending
    expect(response.status).toBe(422)
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('invalid_features')
    expect(await exit).toBe(0)
    expect(server.output()).toContain('shutting down')
  })
})

async function waitFor(condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}
