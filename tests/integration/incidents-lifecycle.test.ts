import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collection, EAST, feature, point, rectangle, WEST } from '../fixtures/small-town'
import { importSmallTown } from './helpers/small-town-import'
import { createTestApp, tableCounts, type TestApp } from './helpers/test-app'

let t: TestApp
let headers: Record<string, string>

beforeAll(async () => {
  t = await createTestApp()
  const town = await importSmallTown(t)
  headers = town.headers
  const post = town.post
  // Grids are numbered north → south: WEST 001 north, 002 south; EAST 001 north, 002 south.
  expect(
    (
      await post(
        'grids',
        collection(
          feature(rectangle(120.01, 33.0, 120.02, 33.01), { name: '东南网格', type: 'comprehensive', communityCode: EAST }),
          feature(rectangle(120.01, 33.01, 120.02, 33.02), { name: '东北网格', type: 'comprehensive', communityCode: EAST }),
        ),
      )
    ).statusCode,
  ).toBe(201)
  const { rows } = await t.db.query<{ id: number }>(
    "INSERT INTO grid_workers (county_code, name, role) VALUES ('320924', '张三', 'full_time'), ('320924', '李四', 'full_time') RETURNING id::int",
  )
  await t.db.query(`INSERT INTO grid_assignments (worker_id, grid_id, county_code) SELECT $1, id, '320924' FROM grids WHERE code = '${WEST}001'`, [rows[0].id])
  await t.db.query(`INSERT INTO grid_assignments (worker_id, grid_id, county_code) SELECT $1, id, '320924' FROM grids WHERE code = '${EAST}002'`, [rows[1].id])
})
afterAll(() => t.close())

const report = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: '/api/incidents', headers, payload: body })
const patch = (id: number, body: Record<string, unknown>) => t.app.inject({ method: 'PATCH', url: `/api/incidents/${id}`, headers, payload: body })
const firstWorker = async () => (await t.db.query<{ id: number }>('SELECT min(id)::int AS id FROM grid_workers')).rows[0].id
const traffic = { category: 'traffic', source: 'patrol', description: '占道停车', location: point(120.005, 33.005) }

describe('POST /api/incidents', () => {
  it('reports an incident in its home grid with a report event by the user', async () => {
    const response = await report(traffic)
    expect(response.statusCode).toBe(201)
    const body = response.json()
    expect(body.properties).toMatchObject({
      category: 'traffic',
      source: 'patrol',
      priority: 'normal',
      status: 'reported',
      gridCode: `${WEST}002`,
      escalationLevel: 'grid',
      mediationBody: null,
    })
    expect(body.properties.timeline.map((e: { event: string; actor: string }) => [e.event, e.actor])).toEqual([['report', 'admin']])
  })

  it('refuses a location outside every region and writes nothing', async () => {
    const before = await tableCounts(t.db)
    const response = await report({ ...traffic, location: point(121, 34) })
    expect(response.statusCode).toBe(422)
    expect(response.json().error).toEqual({
      code: 'outside_regions',
      message: 'The location 121,34 lies outside every region',
      details: { parameter: 'location' },
    })
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('refuses an unknown category and an anonymous caller', async () => {
    expect((await report({ ...traffic, category: 'noise' })).json().error.code).toBe('invalid_request')
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/incidents', payload: traffic })
    expect(anonymous.statusCode).toBe(401)
  })
})

describe('PATCH /api/incidents/:id', () => {
  it('walks report → accept → dispatch → handle → return → handle → verify → close, each an event', async () => {
    const id = (await report(traffic)).json().id
    for (const action of ['accept', 'dispatch', 'handle', 'return', 'handle', 'verify', 'close']) {
      const response = await patch(id, { action, note: `${action}!`, ...(action === 'dispatch' ? { assigneeId: await firstWorker() } : {}) })
      expect(response.statusCode, action).toBe(200)
    }
    const body = (await t.app.inject({ method: 'GET', url: `/api/incidents/${id}`, headers: await t.readerHeaders() })).json()
    expect(body.properties.status).toBe('closed')
    expect(body.properties.timeline.map((e: { event: string }) => e.event)).toEqual([
      'report',
      'accept',
      'dispatch',
      'handle',
      'return',
      'handle',
      'verify',
      'close',
    ])
    // The deadline is the category's configured hours after dispatch (traffic: 12 h).
    expect(Date.parse(body.properties.deadlineAt) - Date.parse(body.properties.dispatchedAt)).toBe(12 * 3_600_000)
  })

  it('answers 409 for an illegal transition, naming what is allowed, and writes nothing', async () => {
    const id = (await report(traffic)).json().id
    const before = await tableCounts(t.db)
    const response = await patch(id, { action: 'close' })
    expect(response.statusCode).toBe(409)
    expect(response.json().error).toEqual({
      code: 'illegal_transition',
      message: 'Cannot close an incident that is reported: not allowed from this status',
      details: { status: 'reported', action: 'close', allowed: ['accept', 'reject', 'escalate'] },
    })
    expect(await tableCounts(t.db)).toEqual(before)
  })

  it('escalates grid → community → street → department, then refuses', async () => {
    const id = (await report(traffic)).json().id
    const levels = []
    for (let k = 0; k < 3; k++) levels.push((await patch(id, { action: 'escalate' })).json().properties.escalationLevel)
    expect(levels).toEqual(['community', 'street', 'department'])
    expect((await patch(id, { action: 'escalate' })).statusCode).toBe(409)
  })

  it('extends the deadline of a dispatched incident by the requested hours', async () => {
    const id = (await report(traffic)).json().id
    await patch(id, { action: 'accept' })
    const dispatched = (await patch(id, { action: 'dispatch', assigneeId: await firstWorker() })).json().properties
    const extended = (await patch(id, { action: 'extend', hours: 6 })).json().properties
    expect(Date.parse(extended.deadlineAt) - Date.parse(dispatched.deadlineAt)).toBe(6 * 3_600_000)
  })

  it('hands a dispute between mediation bodies, each hand-over in its timeline', async () => {
    const id = (await report({ ...traffic, category: 'dispute' })).json().id
    await patch(id, { action: 'handover', to: 'people' })
    const body = (await patch(id, { action: 'handover', to: 'judicial', note: '调解不成，转司法调解' })).json()
    expect(body.properties.mediationBody).toBe('judicial')
    expect(
      body.properties.timeline
        .filter((e: { event: string }) => e.event === 'handover')
        .map((e: { details: unknown; note: string | null }) => [e.details, e.note]),
    ).toEqual([
      [{ from: null, to: 'people' }, null],
      [{ from: 'people', to: 'judicial' }, '调解不成，转司法调解'],
    ])
    expect((await patch(id, { action: 'handover', to: 'judicial' })).statusCode).toBe(409)
    const notDispute = (await report(traffic)).json().id
    expect((await patch(notDispute, { action: 'handover', to: 'people' })).json().error.code).toBe('illegal_transition')
  })

  it('answers 404 for an unknown incident and 400 for an unknown action', async () => {
    expect((await patch(999_999, { action: 'accept' })).json().error.code).toBe('not_found')
    expect((await patch(1, { action: 'teleport' })).statusCode).toBe(400)
  })
})

describe('linked response', () => {
  it('alerts the emergency grid and every grid touching it, with their workers', async () => {
    // In the west-south grid (WEST 002): neighbours west-north and east-south by an edge, east-north by a corner.
    const body = (await report({ category: 'emergency', source: 'hotline', description: '燃气泄漏', location: point(120.005, 33.005) })).json()
    expect(body.properties.priority).toBe('urgent')
    const alert = body.properties.timeline.find((e: { event: string }) => e.event === 'alert')
    const { rows } = await t.db.query<{ id: number }>('SELECT id::int FROM grid_workers ORDER BY id')
    expect(alert.details).toEqual({
      // Its own grid first, then the neighbours by code.
      gridCodes: [`${WEST}002`, `${WEST}001`, `${EAST}001`, `${EAST}002`],
      gridIds: alert.details.gridIds,
      workerIds: rows.map((r) => r.id),
    })
  })
})
