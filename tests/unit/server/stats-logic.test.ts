import { describe, expect, it } from 'vitest'
import { compactPoints } from '../../../server/services/stats/compact-points'
import { dayKeys, windowStart } from '../../../server/services/stats/overview'
import { createRefreshingCache } from '../../../server/services/stats/refreshing-cache'

describe('the refreshing cache', () => {
  function setup(ttlMs = 1000) {
    let clock = 0
    let version = 0
    const computed: string[] = []
    const refreshed: string[] = []
    const cache = createRefreshingCache<string>({
      compute: async (key) => {
        computed.push(key)
        return `${key}@${++version}`
      },
      ttlMs,
      maxEntries: 2,
      now: () => clock,
      onRefreshed: (key) => refreshed.push(key),
    })
    return { cache, computed, refreshed, tick: (ms: number) => (clock += ms) }
  }

  it('computes a key once for concurrent readers and serves it from memory', async () => {
    const { cache, computed } = setup()
    const [a, b] = await Promise.all([cache.get('A'), cache.get('A')])
    expect([a.value, b.value, (await cache.get('A')).value, computed]).toEqual(['A@1', 'A@1', 'A@1', ['A']])
  })

  it('serves the stale value while recomputing in the background, after the TTL or an invalidation', async () => {
    const { cache, computed, refreshed, tick } = setup()
    await cache.get('A')
    tick(1000)
    expect((await cache.get('A')).value).toBe('A@1')
    await cache.settled()
    expect([(await cache.get('A')).value, refreshed]).toEqual(['A@2', ['A']])
    cache.invalidateAll()
    expect((await cache.get('A')).value).toBe('A@2')
    await cache.settled()
    expect([(await cache.get('A')).value, computed]).toEqual(['A@3', ['A', 'A', 'A']])
  })

  it('drops the least recently read key beyond maxEntries, and forgets failures', async () => {
    const { cache } = setup()
    await cache.get('A')
    await cache.get('B')
    await cache.get('A')
    await cache.get('C')
    expect(cache.keys()).toEqual(['A', 'C'])
    const failing = createRefreshingCache<string>({
      compute: async () => {
        throw new Error('boom')
      },
      ttlMs: 1,
      maxEntries: 1,
    })
    await expect(failing.get('X')).rejects.toThrow('boom')
    expect(failing.keys()).toEqual([])
  })
})

describe('compact points and the 30-day window', () => {
  it('packs points as integer offsets from the south-west corner', () => {
    expect(
      compactPoints([
        [120.00002, 33.5],
        [120.0001, 33.50001],
      ]),
    ).toEqual({ count: 2, origin: [120.00002, 33.5], step: 1e-5, offsets: [0, 0, 8, 1] })
    expect(compactPoints([])).toEqual({ count: 0, origin: [0, 0], step: 1e-5, offsets: [] })
  })

  it('starts at local (UTC+8) midnight 29 days back and lists 30 days', () => {
    const now = new Date('2026-11-28T17:30:00+08:00')
    const from = windowStart(now, 30)
    expect(from.toISOString()).toBe('2026-10-29T16:00:00.000Z')
    const keys = dayKeys(from, 30)
    expect([keys.length, keys[0], keys[29]]).toEqual([30, '2026-10-30', '2026-11-28'])
  })
})
