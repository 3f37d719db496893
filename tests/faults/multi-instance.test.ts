import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer } from '../setup/start-server'
import { reportIncident, startFaultRig, timed, waitFor, type FaultRig } from './fault-rig'
import { ReconnectingSse } from './sse-client'

const DATABASE = 'wangge_multi'
const LISTENERS = `SELECT pid FROM pg_stat_activity WHERE datname = '${DATABASE}' AND application_name = 'wangge-events-listener' ORDER BY pid`
// After an event arrives, how long a duplicate would have had to arrive too.
const SETTLE_MS = 1_000

describe('two API instances on one database: live events fan out through LISTEN/NOTIFY', () => {
  let rig: FaultRig
  let b: RunningServer
  let admin: pg.Client
  let sseA: ReconnectingSse
  let sseB: ReconnectingSse

  /** Reports an incident through instance A as the admin and returns its id. */
  const reportThroughA = (description: string) => reportIncident(rig.server.baseUrl, rig.headers, description)
  const createdOf = (sse: ReconnectingSse, id: number) =>
    sse.events.filter((e) => e.type === 'incident.created' && (JSON.parse(e.data) as { id: number }).id === id)
  async function expectOnEachOnce(id: number): Promise<void> {
    await waitFor(() => createdOf(sseA, id).length > 0 && createdOf(sseB, id).length > 0, 5_000, `incident.created ${id} on A and B`)
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS))
    expect({ a: createdOf(sseA, id).length, b: createdOf(sseB, id).length }).toEqual({ a: 1, b: 1 })
  }
  const listenerPids = async () => (await admin.query<{ pid: number }>(LISTENERS)).rows.map((r) => r.pid)

  beforeAll(async () => {
    rig = await startFaultRig(DATABASE)
    b = await startServer(rig.env, 60_000)
    admin = new pg.Client({ connectionString: rig.pg.url })
    await admin.connect()
    const issued = await timed(`${rig.server.baseUrl}/api/display-tokens`, {
      method: 'POST',
      headers: { ...rig.headers, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'multi-instance wall' }),
    })
    expect(issued.status).toBe(201)
    const token = (issued.body as { token: string }).token
    sseA = new ReconnectingSse(`${rig.server.baseUrl}/api/events?token=${token}`)
    sseB = new ReconnectingSse(`${b.baseUrl}/api/events?token=${token}`)
    await waitFor(() => sseA.connections === 1 && sseB.connections === 1, 5_000, 'both streams open')
  })
  afterAll(async () => {
    sseA?.close()
    sseB?.close()
    await admin?.end()
    await b?.stop()
    await rig?.close()
  })

  it('each instance holds one listening connection of its own, outside its pool', async () => {
    expect(await listenerPids()).toHaveLength(2)
  })

  it('an incident reported through A reaches the walls on A and on B, each exactly once', async () => {
    await expectOnEachOnce(await reportThroughA('seen by both instances'))
  })

  it("reconnects a listener whose connection is killed, and a later event from A still reaches B's wall once", async () => {
    const before = await listenerPids()
    await admin.query(`SELECT pg_terminate_backend(pid) FROM (${LISTENERS}) listeners`)
    const after = await waitFor(
      async () => {
        const pids = await listenerPids()
        return pids.length === 2 && pids.every((pid) => !before.includes(pid)) && pids
      },
      10_000,
      'both listeners back on new connections',
    )
    expect(after).toHaveLength(2)
    expect(b.output()).toContain('live event listener lost its database connection; reconnecting')
    await waitFor(() => b.output().includes('live event listener reconnected'), 5_000, "B's reconnect logged")
    await expectOnEachOnce(await reportThroughA('after the listeners were killed'))
    expect({ a: sseA.connections, b: sseB.connections }).toEqual({ a: 1, b: 1 })
  })
})
