import { describe, expect, it } from 'vitest'
import type { LiveEvent } from '../../../server/events/event-bus'
import { createPgEventRelay, decodeEnvelope, encodeEnvelope, NOTIFY_CHANNEL, NOTIFY_MAX_BYTES } from '../../../server/events/pg-event-relay'

const ORIGIN = '0b9f6a57-2f57-4d53-9f1a-3c1c0d1e2f30'
const bytes = (text: string) => Buffer.byteLength(text, 'utf8')

describe('the live-event envelope (NOTIFY payloads must stay under 8000 bytes)', () => {
  it('carries a small event whole, and decodes to the same event and origin', () => {
    const event: LiveEvent = {
      type: 'incident.created',
      payload: { id: 7, category: 'facility', source: 'patrol', status: 'reported', lng: 120.005, lat: 33.005, at: '2026-11-28T08:00:00.000Z' },
    }
    const text = encodeEnvelope(ORIGIN, event)
    expect(bytes(text)).toBeLessThan(NOTIFY_MAX_BYTES)
    expect(decodeEnvelope(text)).toEqual({ origin: ORIGIN, event })
  })

  it('counts bytes, not characters: 2,700 Chinese characters (8,100 bytes) are cut to the type alone', () => {
    const event: LiveEvent = {
      type: 'grid.changed',
      payload: {
        operation: 'merge',
        communityCode: '320924001001',
        by: '网'.repeat(2_700),
        gridIds: [1],
        codes: ['320924001001001'],
        deletedGridIds: [2],
        householdsMoved: 0,
      },
    }
    expect(JSON.stringify(event).length).toBeLessThan(NOTIFY_MAX_BYTES)
    const text = encodeEnvelope(ORIGIN, event)
    expect(bytes(text)).toBeLessThan(200)
    expect(decodeEnvelope(text)).toEqual({ origin: ORIGIN, event: { type: 'grid.changed', payload: { truncated: true } } })
  })

  it('keeps an event whose envelope is just under the limit whole, and cuts one just over it', () => {
    const envelopeOf = (n: number) =>
      encodeEnvelope(ORIGIN, { type: 'grid.changed', payload: { operation: 'import', kind: 'grids', count: 1, by: 'x'.repeat(n) } })
    const overhead = bytes(envelopeOf(0))
    expect(bytes(envelopeOf(NOTIFY_MAX_BYTES - overhead - 1))).toBe(NOTIFY_MAX_BYTES - 1)
    expect(decodeEnvelope(envelopeOf(NOTIFY_MAX_BYTES - overhead - 1))!.event.payload).toHaveProperty('by')
    expect(decodeEnvelope(envelopeOf(NOTIFY_MAX_BYTES - overhead))!.event.payload).toEqual({ truncated: true })
    expect(NOTIFY_MAX_BYTES).toBeLessThan(8_000)
  })

  it('ignores notifications that are not envelopes of ours', () => {
    for (const text of [
      undefined,
      '',
      'not json',
      '{}',
      '[]',
      '{"v":2,"o":"a","t":"grid.changed","p":{}}',
      '{"v":1,"o":"a","t":"drop.tables","p":{}}',
      '{"v":1,"o":"a","t":"grid.changed","p":[1]}',
    ]) {
      expect(decodeEnvelope(text)).toBeUndefined()
    }
  })
})

describe('publishing through the relay', () => {
  it('delivers to local subscribers once and NOTIFYs the others in order; stats.refreshed stays local', async () => {
    const sent: unknown[][] = []
    const relay = createPgEventRelay({
      db: { query: async (sql: string, params?: unknown[]) => (sent.push([sql, ...(params ?? [])]), { rows: [], rowCount: 1 }) },
      connectionString: 'postgres://unused',
      log: { info: () => {}, warn: () => {} },
    })
    const seen: LiveEvent[] = []
    relay.bus.subscribe((event) => seen.push(event))
    const at = '2026-11-28T08:00:00.000Z'
    const created: LiveEvent = {
      type: 'incident.created',
      payload: { id: 1, category: 'traffic', source: 'hotline', status: 'reported', lng: 120.2, lat: 33.7, at },
    }
    const updated: LiveEvent = { type: 'incident.updated', payload: { id: 1, action: 'accept', status: 'accepted', at } }
    relay.bus.publish(created)
    relay.bus.publish(updated)
    relay.bus.publish({ type: 'stats.refreshed', payload: { region: '320924', computedAt: at } })
    await relay.close()
    expect(seen.map((e) => e.type)).toEqual(['incident.created', 'incident.updated', 'stats.refreshed'])
    expect(sent.map(([sql, channel]) => [sql, channel])).toEqual([
      ['SELECT pg_notify($1, $2)', NOTIFY_CHANNEL],
      ['SELECT pg_notify($1, $2)', NOTIFY_CHANNEL],
    ])
    expect(sent.map(([, , text]) => decodeEnvelope(text as string))).toEqual([
      { origin: relay.origin, event: created },
      { origin: relay.origin, event: updated },
    ])
  })
})
