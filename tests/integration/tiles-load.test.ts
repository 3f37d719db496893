import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { feature, point } from '../fixtures/small-town'
import { decodeTile, tileAt, tilePath } from '../support/vector-tile'
import { household, importAs } from './helpers/coverage-fixture'
import { importSmallTown } from './helpers/small-town-import'
import { createTestApp, type Headers, type TestApp } from './helpers/test-app'

// Tiles under load (issue 14, item 11): one caller cannot flood the tile route (a per-caller rate
// limit), renders take turns (a bound, and a bounded queue), and overview tiles are not drawn
// again for every incident written. The small town: a 0.02° square at 120°E 33°N.
let t: TestApp
let wall: Headers
const TOWN = tileAt(120.01, 33.01, 12)
const OVERVIEW = tileAt(120.01, 33.01, 8)

beforeAll(async () => {
  t = await createTestApp({ TILE_RENDER_CONCURRENCY: '1' })
  await importSmallTown(t)
  await importAs(t, 'households', household('w-1', 120.005, 33.005), household('e-1', 120.015, 33.005))
  await importAs(
    t,
    'incidents',
    feature(point(120.004, 33.004), {
      externalId: 'i-1',
      category: 'environment',
      status: 'reported',
      source: 'patrol',
      reportedAt: '2026-11-01T08:00:00+08:00',
    }),
  )
  wall = await t.as('display')
  // A remembered display token: the requests below need no query of their own before their render.
  expect((await get(tilePath('grids', TOWN))).statusCode).toBe(200)
})
afterAll(() => t.close())

function get(url: string, headers: Headers = wall, app = t.app) {
  return app.inject({ method: 'GET', url, headers })
}

async function newDisplayToken(app = t.app): Promise<Headers> {
  const response = await app.inject({ method: 'POST', url: '/api/display-tokens', headers: await t.adminHeaders(), payload: { name: 'another wall' } })
  expect(response.statusCode).toBe(201)
  return { authorization: `Bearer ${response.json().token}` }
}

/** `count` different incident tiles of the town that no one has asked for yet (a filter each). */
let asked = 0
const uncachedTiles = (count: number) =>
  Array.from({ length: count }, () => `${tilePath('incidents', TOWN)}?to=${encodeURIComponent(new Date(Date.UTC(2027, 0, 1) + ++asked * 1000).toISOString())}`)

/** Resolves once `condition` holds, looking again after every turn of the event loop. */
async function until(condition: () => boolean): Promise<void> {
  for (let turns = 0; !condition(); turns++) {
    if (turns > 100_000) throw new Error('the condition never held')
    await new Promise((resolve) => setImmediate(resolve))
  }
}

/** Watches the tile statements (the rows of a tile) reaching the database. */
function watchTileStatements() {
  const query = t.db.query
  const seen = { inFlight: 0, peak: 0, started: 0 }
  t.db.query = (async (sql: string, params?: unknown[]) => {
    if (!/ AS fid\b|count\(\*\) FILTER/.test(sql)) return query(sql, params)
    seen.inFlight++
    seen.started++
    seen.peak = Math.max(seen.peak, seen.inFlight)
    try {
      return await query(sql, params)
    } finally {
      seen.inFlight--
    }
  }) as typeof query
  return { seen, stop: () => void (t.db.query = query) }
}

describe('per-caller rate limit', () => {
  it('answers 429 with Retry-After past the limit for one caller, while other callers still get tiles', async () => {
    const limited = await createTestApp({ TILE_RATE_LIMIT: '5', TILE_RATE_WINDOW_SECONDS: '600' }, { reset: false })
    try {
      const [flooder, neighbour] = [await newDisplayToken(limited.app), await newDisplayToken(limited.app)]
      const url = tilePath('grids', TOWN)
      for (let i = 0; i < 5; i++) expect((await get(url, flooder, limited.app)).statusCode).toBe(200)
      const refused = await get(url, flooder, limited.app)
      expect(refused.statusCode).toBe(429)
      expect(refused.json().error.code).toBe('too_many_tile_requests')
      const retryAfter = Number(refused.headers['retry-after'])
      expect(retryAfter > 0 && retryAfter <= 600 && retryAfter === refused.json().error.details.retryAfterSeconds).toBe(true)
      expect((await get(url, neighbour, limited.app)).statusCode).toBe(200)
      expect((await get(url, await limited.as('analyst'), limited.app)).statusCode).toBe(200)
      // Other routes are not limited.
      expect((await get('/api/health', flooder, limited.app)).statusCode).toBe(200)
    } finally {
      await limited.close()
    }
  })
})

describe('renders take turns', () => {
  it('never draws more tiles at once than TILE_RENDER_CONCURRENCY, and callers asking for the same tile share one render', async () => {
    const urls = uncachedTiles(12)
    const watch = watchTileStatements()
    const misses = t.app.tiles.cache.stats.misses
    let responses: LightMyRequestResponse[]
    try {
      responses = await Promise.all([...urls, ...urls].map((url) => get(url)))
    } finally {
      watch.stop()
    }
    expect(responses.map((r) => r.statusCode)).toEqual(Array(24).fill(200))
    expect(watch.seen.peak).toBe(1)
    expect(t.app.tiles.cache.stats.misses - misses).toBe(12)
  })

  it('answers /api/health while many uncached tiles wait their turn', async () => {
    const urls = uncachedTiles(16)
    const watch = watchTileStatements()
    let tilesDone = 0
    try {
      const tiles = urls.map((url) =>
        get(url).then((response) => {
          tilesDone++
          return response
        }),
      )
      // Every request has either reached the database or is waiting for its turn to render.
      await until(() => watch.seen.started + (t.app.tiles.renders?.load.waiting ?? 0) >= urls.length)
      const health = await get('/api/health', {})
      const doneWhenHealthAnswered = tilesDone
      expect([health.statusCode, health.json().status]).toEqual([200, 'ok'])
      // The render holding the turn, and at most the next, may finish first; all the others wait.
      expect(doneWhenHealthAnswered).toBeLessThanOrEqual(2)
      expect((await Promise.all(tiles)).map((r) => r.statusCode)).toEqual(Array(16).fill(200))
    } finally {
      watch.stop()
    }
  })

  it('refuses renders past the queue with 503 tiles_busy and Retry-After; those in the queue are drawn', async () => {
    const busy = await createTestApp({ TILE_RENDER_CONCURRENCY: '1', TILE_RENDER_QUEUE: '2' }, { reset: false })
    try {
      const display = await newDisplayToken(busy.app)
      expect((await get(tilePath('grids', TOWN), display, busy.app)).statusCode).toBe(200)
      const responses = await Promise.all(uncachedTiles(6).map((url) => get(url, display, busy.app)))
      expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 200, 503, 503, 503])
      for (const refused of responses.slice(3)) {
        expect(refused.json().error.code).toBe('tiles_busy')
        expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1)
      }
    } finally {
      await busy.close()
    }
  })
})

describe('overview tiles', () => {
  it('are not drawn again for an incident written (served for the overview lag), but are for a grid change', async () => {
    const url = tilePath('incidents', OVERVIEW)
    const first = await get(url)
    expect(first.statusCode).toBe(200)
    const misses = t.app.tiles.cache.stats.misses

    const created = await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: await t.adminHeaders(),
      payload: { category: 'safety_hazard', source: 'patrol', description: '楼道堆物', location: point(120.006, 33.006) },
    })
    expect(created.statusCode).toBe(201)
    // Past the change feed's one-second look too: it says only that something was written.
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    const again = await get(url)
    expect([again.statusCode, again.headers.etag, t.app.tiles.cache.stats.misses - misses]).toEqual([200, first.headers.etag, 0])
    // A closer tile follows the write at once, as before.
    expect(decodeTile((await get(tilePath('incidents', TOWN))).rawPayload, TOWN).incidents.map((i) => i.id)).toContain(created.json().id)

    t.app.events.publish({ type: 'grid.changed', payload: { truncated: true } })
    const redrawn = await get(url)
    expect(redrawn.headers.etag).not.toBe(first.headers.etag)
    expect(decodeTile(redrawn.rawPayload, OVERVIEW).incidents.map((i) => i.id)).toContain(created.json().id)
  })
})
