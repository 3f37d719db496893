import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HEARTBEAT_MS } from '../../server/routes/events.route'
import { reportIncident, startFaultRig, timed, waitFor, type FaultRig } from './fault-rig'
import { ReconnectingSse } from './sse-client'

describe("a wall's live stream (GET /api/events) across restarts", () => {
  let rig: FaultRig
  let sse: ReconnectingSse
  const url = (path: string) => `${rig.server.baseUrl}${path}`

  /** Reports an incident as the admin and returns its id. */
  const report = (description: string) => reportIncident(rig.server.baseUrl, rig.headers, description)
  const created = (id: number) => () => sse.events.find((e) => e.type === 'incident.created' && (JSON.parse(e.data) as { id: number }).id === id)

  beforeAll(async () => {
    rig = await startFaultRig('wangge_sse')
    const issued = await timed(url('/api/display-tokens'), {
      method: 'POST',
      headers: { ...rig.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'fault wall' }),
    })
    expect(issued.status).toBe(201)
    sse = new ReconnectingSse(url(`/api/events?token=${(issued.body as { token: string }).token}`))
  })
  afterAll(async () => {
    sse?.close()
    await rig?.close()
  })

  it('opens with a retry hint of at most 5 s and delivers a live event', async () => {
    await waitFor(() => sse.connections === 1, 5_000, 'the stream open')
    const id = await report('first')
    expect(await waitFor(created(id), 5_000, 'incident.created')).toMatchObject({ connection: 1 })
    expect(sse.retryMs).toBeGreaterThan(0)
    expect(sse.retryMs).toBeLessThanOrEqual(5_000)
  })

  it('keeps the stream through a database restart: heartbeats while it is down, events once it is back', async () => {
    rig.pg.pause()
    try {
      const since = sse.events.length
      const heartbeat = await waitFor(() => sse.events.slice(since).find((e) => e.type === 'heartbeat'), HEARTBEAT_MS + 3_000, 'a heartbeat')
      expect(heartbeat.connection).toBe(1)
    } finally {
      rig.pg.resume()
    }
    await waitFor(async () => (await timed(url('/api/health'))).status === 200, 10_000, 'health 200')
    const id = await report('after the database restart')
    expect(await waitFor(created(id), 5_000, 'incident.created')).toMatchObject({ connection: 1 })
    expect(sse.connections).toBe(1)
  })

  it('reconnects by itself after the server process restarts and receives a later event', async () => {
    // SIGTERM ends open streams at once: they do not hold the old process for its 30 s grace period.
    const { stopMs } = await rig.restartServer()
    expect(stopMs).toBeLessThan(5_000)
    await waitFor(() => sse.connections === 2, 10_000, 'the stream reopened')
    const id = await report('after the server restart')
    expect(await waitFor(created(id), 5_000, 'incident.created')).toMatchObject({ connection: 2 })
  })
})
