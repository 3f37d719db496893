import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { gridStaffRepository } from '../../server/repositories/grid-staff.repository'
import { editorTown, userHeaders, WEST } from './helpers/grid-edit-fixture'
import { createTestApp, emptyDatabase, type TestApp } from './helpers/test-app'

/** PUT /api/grids/:id/attributes and GET /api/grids/:id/staff: the editor's attribute form. */
let t: TestApp
let admin: Record<string, string>
let north: number
let south: number
let workers: number[]

beforeAll(async () => {
  t = await createTestApp()
})
afterAll(() => t.close())

beforeEach(async () => {
  await emptyDatabase(t)
  ;({ headers: admin, north, south } = await editorTown(t))
  const staff = gridStaffRepository(t.db)
  workers = await staff.insertWorkers('320924', [
    { name: '张伟', phone: '13800000001', publicPhone: null, role: 'grid_leader', isPartyMember: true },
    { name: '李娜', phone: '13800000002', publicPhone: null, role: 'full_time', isPartyMember: false },
    { name: '王芳', phone: '13800000003', publicPhone: null, role: 'part_time', isPartyMember: false },
  ])
  await staff.insertAssignments('320924', [{ workerId: workers[0], gridId: north, assignedAt: new Date('2026-01-01') }])
  await staff.insertPartyGroups('320924', [{ gridId: north, name: '北网格党小组', memberCount: 5 }])
})

const put = (id: number, payload: object, headers = admin) => t.app.inject({ method: 'PUT', url: `/api/grids/${id}/attributes`, headers, payload })
const version = async (id: number) => (await t.db.query<{ version: number }>('SELECT version FROM grids WHERE id = $1', [id])).rows[0].version

/** Everything the attribute form can change, as the database has it. */
async function attributes() {
  const grids = await t.db.query('SELECT id::int, name, type, version FROM grids ORDER BY id')
  const assignments = await t.db.query('SELECT worker_id::int, grid_id::int FROM grid_assignments ORDER BY grid_id, worker_id')
  const party = await t.db.query('SELECT grid_id::int, name, member_count FROM party_groups ORDER BY grid_id, id')
  const history = await t.db.query('SELECT count(*)::int AS n FROM grid_history')
  return { grids: grids.rows, assignments: assignments.rows, party: party.rows, history: history.rows[0] }
}

describe('grid attributes', () => {
  it("lists a grid's workers, the workers it could be given and its party members", async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/grids/${south}/staff`, headers: admin })
    expect(response.statusCode, response.body).toBe(200)
    const staff = response.json()
    expect(staff.workers).toEqual([])
    expect(staff.partyMembers).toBe(0)
    // 张伟 works a grid of the same community; the other two work none yet.
    expect(staff.candidates.map((w: { name: string }) => w.name)).toEqual(['张伟', '李娜', '王芳'])
    expect(JSON.stringify(staff)).not.toContain('1380000')
  })

  it('saves name, type, workers and party members in one go: a new version with its history, staff changes audited', async () => {
    await t.db.query('TRUNCATE audit_log')
    const before = await version(south)
    const response = await put(south, {
      version: before,
      name: ' 南网格 ',
      type: 'dedicated',
      workerIds: [workers[1], workers[2]],
      partyMembers: 7,
      reason: '人员调整',
    })
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body.grid.properties).toMatchObject({ id: south, name: '南网格', type: 'dedicated', version: before + 1 })
    expect(body.staff.workers.map((w: { name: string }) => w.name)).toEqual(['李娜', '王芳'])
    expect(body.staff.partyMembers).toBe(7)

    const state = await attributes()
    expect(state.grids.find((g) => g.id === south)).toMatchObject({ name: '南网格', type: 'dedicated', version: before + 1 })
    expect(state.assignments.filter((a) => a.grid_id === south).map((a) => a.worker_id)).toEqual([workers[1], workers[2]])
    expect(state.party.filter((p) => p.grid_id === south)).toEqual([{ grid_id: south, name: '南网格党小组', member_count: 7 }])
    const { rows: history } = await t.db.query('SELECT operation, reason, version FROM grid_history WHERE grid_id = $1 ORDER BY id DESC LIMIT 1', [south])
    expect(history[0]).toEqual({ operation: 'update', reason: '人员调整', version: before + 1 })
    const { rows: audited } = await t.db.query<{ table_name: string; action: string; actor: string }>(
      "SELECT table_name, action, actor FROM audit_log WHERE table_name IN ('grid_assignments', 'party_groups', 'grids') ORDER BY id",
    )
    expect(audited.filter((a) => a.table_name === 'grid_assignments')).toHaveLength(2)
    expect(audited.some((a) => a.table_name === 'party_groups' && a.action === 'insert')).toBe(true)
    expect(audited.every((a) => a.actor === 'admin')).toBe(true)
  })

  it("staff changes alone keep the grid's version; a worker taken off keeps their other grids; 0 party members removes the group", async () => {
    await t.db.query('INSERT INTO grid_assignments (worker_id, grid_id, county_code) VALUES ($1, $2, $3)', [workers[0], south, '320924'])
    const v = await version(north)
    const response = await put(north, { version: v, workerIds: [workers[1]], partyMembers: 0 })
    expect(response.statusCode, response.body).toBe(200)
    expect(await version(north)).toBe(v)
    const state = await attributes()
    expect(state.assignments).toEqual([
      { worker_id: workers[1], grid_id: north },
      { worker_id: workers[0], grid_id: south },
    ])
    expect(state.party).toEqual([])
  })

  it('refuses bad input with a 4xx naming what is wrong, and changes nothing', async () => {
    const supervisorElsewhere = await userHeaders(t, 'sup-east', 'supervisor', ['320924001002'])
    const analyst = await userHeaders(t, 'ana', 'analyst')
    const v = await version(north)
    const before = await attributes()
    const cases: [object, number, string, Record<string, string>?][] = [
      [{ version: v, name: '   ' }, 422, 'invalid_name'],
      [{ version: v, workerIds: [workers[1], 999_999] }, 422, 'unknown_worker'],
      [{ version: v + 5, name: '新名字' }, 409, 'stale_version'],
      [{ version: v, name: '新名字' }, 403, 'out_of_scope', supervisorElsewhere],
      [{ version: v, name: '新名字' }, 403, 'forbidden', analyst],
      [{ version: v, partyMembers: -1 }, 400, 'invalid_request'],
      [{ version: v, workerIds: [workers[1], workers[1]] }, 400, 'invalid_request'],
      [{ version: v, colour: 'red' }, 400, 'invalid_request'],
      [{ name: '新名字' }, 400, 'invalid_request'],
      [{ version: v, name: 'x'.repeat(101) }, 400, 'invalid_request'],
    ]
    for (const [payload, status, code, headers] of cases) {
      const response = await put(north, payload, headers)
      expect([response.statusCode, response.json().error.code], `${JSON.stringify(payload)} → ${response.body}`).toEqual([status, code])
    }
    const missing = await put(987_654, { version: 1, name: '新名字' })
    expect([missing.statusCode, missing.json().error.code]).toEqual([404, 'grid_not_found'])
    expect(await attributes()).toEqual(before)
  })

  it("a supervisor changes their own grids' attributes", async () => {
    const supervisor = await userHeaders(t, 'sup-west', 'supervisor', [WEST])
    const response = await put(north, { version: await version(north), name: '北网格' }, supervisor)
    expect(response.statusCode, response.body).toBe(200)
    expect((await attributes()).grids.find((g) => g.id === north)?.name).toBe('北网格')
  })
})

describe('who may edit where (GET /api/grids/editor)', () => {
  it("answers a supervisor's regions, everywhere for an admin, nowhere for an analyst", async () => {
    const ask = async (headers: Record<string, string>) => (await t.app.inject({ method: 'GET', url: '/api/grids/editor', headers })).json().regions
    expect(await ask(admin)).toEqual(['*'])
    expect(await ask(await userHeaders(t, 'sup', 'supervisor', [WEST]))).toEqual([WEST])
    expect(await ask(await userHeaders(t, 'ana2', 'analyst'))).toEqual([])
  })
})
