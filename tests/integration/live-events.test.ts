import { FormatRegistry } from '@sinclair/typebox'
import { Value } from '@sinclair/typebox/value'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { LIVE_EVENT_TYPES } from '../../server/domain/live-events'
import type { LiveEvent } from '../../server/events/event-bus'
import { LiveEventPayloads } from '../../server/schemas/events.schema'
import { feature, point, rectangle } from '../fixtures/small-town'
import { EAST, WEST, editorTown } from './helpers/grid-edit-fixture'
import { createTestApp, type TestApp } from './helpers/test-app'

// The live events' schemas (server/schemas/events.schema.ts) against what the server really
// publishes: every kind is triggered through the API, and each payload must match its schema
// exactly (payload schemas are closed, so a field added to a publisher alone fails here too).
let t: TestApp
const events: LiveEvent[] = []

beforeAll(async () => {
  // TypeBox checks a string format only when told what it means; Fastify's Ajv knows date-time.
  if (!FormatRegistry.Has('date-time'))
    FormatRegistry.Set('date-time', (value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(value))
  t = await createTestApp()
  t.app.events.subscribe((event) => events.push(event))
})
afterAll(() => t.close())

const problems = (event: LiveEvent) =>
  [...Value.Errors(LiveEventPayloads[event.type], event.payload)].map((error) => `${event.type} ${error.path}: ${error.message}`)

describe('the live events the server publishes', () => {
  it('match their schemas, every kind of them', async () => {
    // Imports (regions, grids, households): grid.changed as an import says it.
    const { headers } = await editorTown(t)
    // The wall's figures for the county, cached: a grid change recomputes them (stats.refreshed).
    expect((await t.app.inject({ method: 'GET', url: '/api/stats/overview?region=320924', headers })).statusCode).toBe(200)
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/grids',
      headers,
      payload: feature(rectangle(120.01, 33.0, 120.02, 33.01), { name: '东南网格', communityCode: EAST, reason: '新建小区' }),
    })
    expect(created.statusCode).toBe(201)
    // An emergency: incident.created, and incident.alert to the grids around it.
    const reported = await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers,
      payload: { category: 'emergency', source: 'patrol', description: '燃气泄漏', location: point(120.005, 33.015) },
    })
    expect(reported.statusCode).toBe(201)
    const accepted = await t.app.inject({ method: 'PATCH', url: `/api/incidents/${reported.json().id}`, headers, payload: { action: 'accept' } })
    expect(accepted.statusCode).toBe(200)
    await expect.poll(() => events.some((event) => event.type === 'stats.refreshed'), { timeout: 20_000 }).toBe(true)

    expect(new Set(events.map((event) => event.type))).toEqual(new Set(LIVE_EVENT_TYPES))
    expect(events.flatMap(problems)).toEqual([])
    // Both shapes of grid.changed were seen: an edit and an import.
    const operations = events.flatMap((event) => (event.type === 'grid.changed' && 'operation' in event.payload ? [event.payload.operation] : []))
    expect(operations).toEqual(expect.arrayContaining(['import', 'create']))
    expect(events.find((event) => event.type === 'incident.alert')?.payload).toMatchObject({ gridCodes: expect.arrayContaining([`${WEST}001`]) })
  })
})
