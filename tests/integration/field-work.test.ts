// Grid workers (/worker) and the command centre's dispatch: scope, tasks, patrols, visits, candidates,
// and writes sent twice carried out once.
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dbSnapshot } from '../fixtures/bad-input/db-snapshot'
import { collection, EAST, feature, point, rectangle, WEST } from '../fixtures/small-town'
import { coverage } from './helpers/coverage-fixture'
import { importSmallTown } from './helpers/small-town-import'
import { createTestApp, type Headers, type TestApp } from './helpers/test-app'

let t: TestApp
let admin: Headers
let dispatcher: Headers
/** 张三 works WEST 002 (the south-west grid); 李四 EAST 002 (south-east); 王五 EAST 001 (north-east). */
const workers: Record<'zhang' | 'li' | 'wang', { id: number; headers: Headers }> = {} as never

beforeAll(async () => {
  t = await createTestApp()
  const town = await importSmallTown(t)
  admin = town.headers
  expect(
    (
      await town.post(
        'grids',
        collection(
          feature(rectangle(120.01, 33.0, 120.02, 33.01), { name: '东南网格', type: 'comprehensive', communityCode: EAST }),
          feature(rectangle(120.01, 33.01, 120.02, 33.02), { name: '东北网格', type: 'comprehensive', communityCode: EAST }),
        ),
      )
    ).statusCode,
  ).toBe(201)
  expect(
    (
      await town.post(
        'households',
        collection(
          feature(point(120.005, 33.005), { externalId: 'H-SW', address: '西社区南1号', population: 3 }),
          feature(point(120.015, 33.005), { externalId: 'H-SE', address: '东社区南1号', population: 2 }),
        ),
      )
    ).statusCode,
  ).toBe(201)
  const assign = async (name: string, gridCode: string) => {
    const { rows } = await t.db.query<{ id: number }>(
      "INSERT INTO grid_workers (county_code, name, phone, role) VALUES ('320924', $1, '13800000000', 'full_time') RETURNING id::int",
      [name],
    )
    await t.db.query("INSERT INTO grid_assignments (worker_id, grid_id, county_code) SELECT $1, id, '320924' FROM grids WHERE code = $2", [
      rows[0].id,
      gridCode,
    ])
    return { id: rows[0].id, headers: await t.as('worker', { workerId: rows[0].id }) }
  }
  workers.zhang = await assign('张三', `${WEST}002`)
  workers.li = await assign('李四', `${EAST}002`)
  workers.wang = await assign('王五', `${EAST}001`)
  dispatcher = await t.as('dispatcher')
})
afterAll(() => t.close())

const inject = (method: 'GET' | 'POST' | 'PATCH', url: string, headers: Headers, payload?: object) => t.app.inject({ method, url, headers, payload })
const patch = (id: number, headers: Headers, body: object) => inject('PATCH', `/api/incidents/${id}`, headers, body)
const newIncident = async (at = point(120.005, 33.005), category = 'environment') =>
  (await inject('POST', '/api/incidents', admin, { category, source: 'hotline', description: '垃圾堆放', location: at })).json().id as number
async function dispatchedTo(workerId: number, at?: ReturnType<typeof point>) {
  const id = await newIncident(at)
  expect((await patch(id, dispatcher, { action: 'accept' })).statusCode).toBe(200)
  expect((await patch(id, dispatcher, { action: 'dispatch', assigneeId: workerId })).statusCode).toBe(200)
  return id
}
const photo = async () => ({
  data: (
    await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3a6' } })
      .png()
      .toBuffer()
  ).toString('base64'),
})

describe('a grid worker’s own view', () => {
  it('shows me, my grids and only my tasks, soonest deadline first, with who has them', async () => {
    const me = (await inject('GET', '/api/worker/me', workers.zhang.headers)).json()
    expect(me.worker).toEqual({ id: workers.zhang.id, name: '张三', phone: '13800000000', role: 'full_time' })
    expect(me.grids.features.map((f: { properties: { code: string } }) => f.properties.code)).toEqual([`${WEST}002`])
    const later = await dispatchedTo(workers.zhang.id)
    const sooner = await newIncident(point(120.004, 33.004), 'emergency')
    await patch(sooner, dispatcher, { action: 'accept' })
    await patch(sooner, dispatcher, { action: 'dispatch', assigneeId: workers.zhang.id })
    await dispatchedTo(workers.li.id, point(120.015, 33.005))
    const tasks = (await inject('GET', '/api/worker/tasks', workers.zhang.headers)).json().tasks
    expect(tasks.map((f: { id: number }) => f.id)).toEqual([sooner, later])
    expect(tasks[0].properties).toMatchObject({
      status: 'dispatched',
      assigneeId: workers.zhang.id,
      assigneeName: '张三',
      acknowledgedAt: null,
      returnReason: null,
    })
  })

  it('keeps a worker to their grids: no county-wide reads, only their households', async () => {
    expect((await inject('GET', '/api/incidents', workers.zhang.headers)).statusCode).toBe(403)
    expect((await inject('GET', '/api/households', workers.zhang.headers)).statusCode).toBe(403)
    const households = (await inject('GET', '/api/worker/households', workers.zhang.headers)).json().households
    expect(households.map((h: { externalId: string }) => h.externalId)).toEqual(['H-SW'])
    expect((await inject('GET', '/api/worker/me', dispatcher)).statusCode).toBe(403)
  })

  it('acknowledges and handles its task with a photo, which sends it to 核查; a return comes back with its reason', async () => {
    const id = await dispatchedTo(workers.zhang.id)
    const acknowledged = await patch(id, workers.zhang.headers, { action: 'acknowledge' })
    expect([acknowledged.statusCode, acknowledged.json().properties.status, typeof acknowledged.json().properties.acknowledgedAt]).toEqual([
      200,
      'dispatched',
      'string',
    ])
    expect((await patch(id, workers.zhang.headers, { action: 'acknowledge' })).json().error.code).toBe('illegal_transition')
    const handled = (await patch(id, workers.zhang.headers, { action: 'handle', note: '已清理', photos: [await photo()] })).json()
    expect([handled.properties.status, handled.properties.photos.map((p: { stage: string }) => p.stage)]).toEqual(['handled', ['handle']])
    const photoId = handled.properties.photos[0].id
    expect((await inject('GET', `/api/incidents/${id}/photos/${photoId}?size=thumb`, workers.zhang.headers)).statusCode).toBe(200)
    expect((await inject('GET', `/api/incidents/${id}/photos/${photoId}`, workers.li.headers)).statusCode).toBe(403)
    await patch(id, dispatcher, { action: 'return', note: '照片看不清，请重拍' })
    const back = (await inject('GET', '/api/worker/tasks', workers.zhang.headers)).json().tasks.find((f: { id: number }) => f.id === id)
    expect([back.properties.status, back.properties.returnReason]).toEqual(['dispatched', '照片看不清，请重拍'])
  })

  it('refuses what is not the worker’s to do, writing nothing', async () => {
    const mine = await dispatchedTo(workers.zhang.id)
    const theirs = await dispatchedTo(workers.li.id, point(120.015, 33.005))
    const before = await dbSnapshot(t.db)
    const refusals = [
      await patch(theirs, workers.zhang.headers, { action: 'handle', note: '不是我的' }),
      await patch(mine, workers.zhang.headers, { action: 'verify' }),
      await patch(mine, dispatcher, { action: 'acknowledge' }),
      await inject('POST', '/api/incidents', workers.zhang.headers, {
        category: 'traffic',
        source: 'hotline',
        description: '乱停车',
        location: point(120.005, 33.005),
      }),
      await inject('POST', '/api/incidents', workers.zhang.headers, {
        category: 'traffic',
        source: 'patrol',
        description: '乱停车',
        location: point(120.015, 33.015),
      }),
      await inject('POST', '/api/worker/visits', workers.zhang.headers, {
        householdId: (await t.db.query("SELECT id::int FROM households WHERE external_id = 'H-SE'")).rows[0].id,
      }),
    ]
    expect(refusals.map((r) => [r.statusCode, r.json().error.code])).toEqual([
      [403, 'not_your_task'],
      [403, 'worker_action'],
      [403, 'assignee_only'],
      [403, 'patrol_only'],
      [403, 'out_of_scope'],
      [403, 'out_of_scope'],
    ])
    expect(await dbSnapshot(t.db)).toEqual(before)
  })

  it('reports a patrol finding in its grids, and 50 m past the edge still counts as in them', async () => {
    const created = await inject('POST', '/api/incidents', workers.zhang.headers, {
      category: 'facility',
      source: 'patrol',
      description: '井盖缺失',
      location: point(120.0104, 33.005),
      photos: [await photo()],
    })
    expect(created.statusCode).toBe(201)
    expect(created.json().properties).toMatchObject({ source: 'patrol', status: 'reported', photos: [{ stage: 'report' }] })
  })
})

describe('patrols and visits', () => {
  it('counts a patrol as a visit to every grid its track passed through, clearing their "not patrolled" blind spots', async () => {
    const unpatrolled = async () =>
      (await coverage(t, '320924', new Date().toISOString())).blindSpots.features
        .filter((f) => f.properties.kind === 'grid_unpatrolled')
        .map((f) => f.properties.gridCode)
        .sort()
    expect(await unpatrolled()).toEqual([`${WEST}001`, `${WEST}002`, `${EAST}001`, `${EAST}002`])
    const now = Date.now()
    const response = await inject('POST', '/api/worker/patrols', workers.zhang.headers, {
      startedAt: new Date(now - 30 * 60_000).toISOString(),
      endedAt: new Date(now - 60_000).toISOString(),
      // From the south-west grid across into the south-east one.
      track: {
        type: 'LineString',
        coordinates: [
          [120.004, 33.004],
          [120.008, 33.005],
          [120.013, 33.005],
        ],
      },
    })
    expect(response.statusCode).toBe(201)
    const grids = (await t.db.query<{ id: number; code: string }>('SELECT id::int, code FROM grids ORDER BY code')).rows
    expect(response.json()).toEqual({
      id: expect.any(Number),
      lengthM: expect.any(Number),
      gridIds: [`${WEST}002`, `${EAST}002`].map((c) => grids.find((g) => g.code === c)!.id).sort((a, b) => a - b),
    })
    expect(response.json().lengthM).toBeGreaterThan(800)
    expect(await unpatrolled()).toEqual([`${WEST}001`, `${EAST}001`])
  })

  it('refuses a track that is no line and times that cannot be, writing nothing', async () => {
    const now = Date.now()
    const at = (minutes: number) => new Date(now + minutes * 60_000).toISOString()
    const before = await dbSnapshot(t.db)
    const refusals = []
    for (const body of [
      {
        startedAt: at(-10),
        endedAt: at(-1),
        track: {
          type: 'LineString',
          coordinates: [
            [120.004, 33.004],
            [120.004, 33.004],
          ],
        },
      },
      {
        startedAt: at(-1),
        endedAt: at(-10),
        track: {
          type: 'LineString',
          coordinates: [
            [120.004, 33.004],
            [120.005, 33.004],
          ],
        },
      },
      {
        startedAt: at(-10),
        endedAt: at(60),
        track: {
          type: 'LineString',
          coordinates: [
            [120.004, 33.004],
            [120.005, 33.004],
          ],
        },
      },
      { startedAt: at(-10), endedAt: at(-1), track: { type: 'LineString', coordinates: [[120.004]] } },
      {
        startedAt: at(-10),
        endedAt: at(-1),
        track: {
          type: 'LineString',
          coordinates: [
            [200, 33],
            [120.005, 33.004],
          ],
        },
      },
    ]) {
      const response = await inject('POST', '/api/worker/patrols', workers.zhang.headers, body)
      refusals.push([response.statusCode, response.json().error.code])
    }
    expect(refusals).toEqual([
      [422, 'invalid_track'],
      [400, 'invalid_request'],
      [400, 'invalid_request'],
      [400, 'invalid_request'],
      [400, 'invalid_request'],
    ])
    expect(await dbSnapshot(t.db)).toEqual(before)
  })

  it('logs a household visit (走访) in the worker’s grid', async () => {
    const household = (await t.db.query<{ id: number }>("SELECT id::int FROM households WHERE external_id = 'H-SW'")).rows[0].id
    const response = await inject('POST', '/api/worker/visits', workers.zhang.headers, { householdId: household, note: '独居老人，身体良好' })
    expect(response.statusCode).toBe(201)
    const { rows } = await t.db.query('SELECT worker_id::int AS worker, household_id::int AS household, note FROM patrol_visits WHERE id = $1', [
      response.json().id,
    ])
    expect(rows).toEqual([{ worker: workers.zhang.id, household, note: '独居老人，身体良好' }])
  })
})

describe('dispatching', () => {
  it('suggests the incident’s grid’s workers first, then the adjacent grids’ (the least busy first), then the community’s', async () => {
    const id = await newIncident(point(120.015, 33.005))
    const candidates = (await inject('GET', `/api/incidents/${id}/candidates`, dispatcher)).json().candidates
    expect(candidates.map((c: { name: string; relation: string; gridCodes: string[] }) => [c.name, c.relation, c.gridCodes])).toEqual([
      ['李四', 'own', [`${EAST}002`]],
      ['王五', 'adjacent', [`${EAST}001`]],
      ['张三', 'adjacent', [`${WEST}002`]],
    ])
    expect(candidates.map((c: { openTasks: number }) => c.openTasks)[1]).toBe(0)
    expect((await inject('GET', `/api/incidents/${id}/candidates`, await t.as('analyst'))).statusCode).toBe(403)
  })

  it('dispatches only to a grid worker that exists, and shows the assignee masked to analysts', async () => {
    const id = await newIncident()
    await patch(id, dispatcher, { action: 'accept' })
    const before = await dbSnapshot(t.db)
    expect((await patch(id, dispatcher, { action: 'dispatch' })).json().error.code).toBe('assignee_required')
    expect((await patch(id, dispatcher, { action: 'dispatch', assigneeId: 999_999 })).json().error.code).toBe('unknown_worker')
    expect(await dbSnapshot(t.db)).toEqual(before)
    expect((await patch(id, dispatcher, { action: 'dispatch', assigneeId: workers.zhang.id })).json().properties.assigneeName).toBe('张三')
    const seenByAnalyst = (await inject('GET', `/api/incidents/${id}`, await t.as('analyst'))).json().properties
    expect([seenByAnalyst.assigneeId, seenByAnalyst.assigneeName]).toEqual([workers.zhang.id, '张*'])
    // Everywhere the incident goes: the list, the export, OGC API – Features.
    const analyst = await t.as('analyst')
    const inList = (await inject('GET', '/api/incidents?limit=1000', analyst)).json().features.find((f: { id: number }) => f.id === id).properties.assigneeName
    const exported = (await inject('GET', '/api/incidents/export?format=geojson', analyst)).json().features.find((f: { id: number }) => f.id === id)
      .properties.assigneeName
    const csv = (await inject('GET', '/api/incidents/export?format=csv', analyst)).body
    const ogc = (await inject('GET', `/ogc/collections/incidents/items/${id}`, analyst)).json().properties.assigneeName
    expect([inList, exported, ogc, csv.includes('张三'), csv.includes('张*')]).toEqual(['张*', '张*', '张*', false, true])
    const dispatcherTimeline = (await inject('GET', `/api/incidents/${id}`, dispatcher)).json().properties.timeline
    expect(dispatcherTimeline.find((e: { event: string }) => e.event === 'dispatch').details).toEqual({ assigneeId: workers.zhang.id })
  })

  it('filters the queue by overdue', async () => {
    const id = await dispatchedTo(workers.zhang.id)
    await t.db.query("UPDATE incidents SET deadline_at = now() - interval '1 hour' WHERE id = $1", [id])
    const overdue = (await inject('GET', '/api/incidents?overdue=true', dispatcher)).json().features.map((f: { id: number }) => f.id)
    expect(overdue).toEqual([id])
    const notOverdue = (await inject('GET', '/api/incidents?overdue=false', dispatcher)).json().features.map((f: { id: number }) => f.id)
    expect(notOverdue).not.toContain(id)
    expect((await inject('GET', '/api/incidents?overdue=yes', dispatcher)).statusCode).toBe(400)
  })
})

describe('Idempotency-Key', () => {
  const withKey = (headers: Headers, key: string) => ({ ...headers, 'idempotency-key': key })
  const finding = { category: 'traffic', source: 'patrol', description: '乱停车', location: point(120.005, 33.005) }

  it('carries out a write sent twice once, and answers the repeat with the first answer', async () => {
    const count = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents')).rows[0].n
    const before = await count()
    const headers = withKey(workers.zhang.headers, 'offline-0001-aaaa')
    const first = await inject('POST', '/api/incidents', headers, finding)
    const again = await inject('POST', '/api/incidents', headers, finding)
    expect([first.statusCode, again.statusCode, again.headers['idempotent-replayed']]).toEqual([201, 201, 'true'])
    expect(again.json()).toEqual(first.json())
    expect(await count()).toBe(before + 1)
    // The same key from another caller is theirs, not a repeat.
    expect(
      (await inject('POST', '/api/incidents', withKey(workers.li.headers, 'offline-0001-aaaa'), { ...finding, location: point(120.015, 33.005) })).statusCode,
    ).toBe(201)
  })

  it('carries out one of several identical writes arriving together', async () => {
    const id = await dispatchedTo(workers.zhang.id)
    const headers = withKey(workers.zhang.headers, 'offline-0002-bbbb')
    const answers = await Promise.all(Array.from({ length: 5 }, () => patch(id, headers, { action: 'handle', note: '已处理' })))
    expect(answers.filter((a) => a.statusCode === 200).length).toBeGreaterThanOrEqual(1)
    expect(answers.every((a) => a.statusCode === 200 || (a.statusCode === 409 && a.json().error.code === 'request_in_progress'))).toBe(true)
    const { rows } = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM incident_events WHERE incident_id = $1 AND event = 'handle'", [id])
    expect(rows[0].n).toBe(1)
  })

  it('refuses a key reused for another request, and a malformed key', async () => {
    const headers = withKey(workers.zhang.headers, 'offline-0003-cccc')
    await inject('POST', '/api/incidents', headers, finding)
    const reused = await inject('POST', '/api/worker/visits', headers, { householdId: 1 })
    expect([reused.statusCode, reused.json().error.code]).toEqual([422, 'idempotency_key_reused'])
    const bad = await inject('POST', '/api/incidents', withKey(workers.zhang.headers, 'short'), finding)
    expect([bad.statusCode, bad.json().error.code]).toEqual([400, 'invalid_idempotency_key'])
  })

  it('lets a write refused for a server fault be sent again', async () => {
    // A fault switched on and off by a row, not by DDL between requests (which the embedded
    // engine's socket layer answers out of order after a failed transaction).
    await t.db.query(`CREATE TABLE fault_switch (on_for text PRIMARY KEY);
      CREATE FUNCTION fault_now() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF EXISTS (SELECT 1 FROM fault_switch WHERE on_for = NEW.description) THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER fault_now BEFORE INSERT ON incidents FOR EACH ROW EXECUTE FUNCTION fault_now();
      INSERT INTO fault_switch VALUES ('故障');`)
    try {
      const headers = withKey(workers.zhang.headers, 'offline-0004-dddd')
      expect((await inject('POST', '/api/incidents', headers, { ...finding, description: '故障' })).statusCode).toBe(500)
      await t.db.query('DELETE FROM fault_switch')
      const again = await inject('POST', '/api/incidents', headers, { ...finding, description: '故障' })
      expect([again.statusCode, again.headers['idempotent-replayed']]).toEqual([201, undefined])
    } finally {
      await t.db.query('DROP TRIGGER fault_now ON incidents; DROP FUNCTION fault_now(); DROP TABLE fault_switch')
    }
  })
})
