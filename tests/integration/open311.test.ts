import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collection, feature, point } from '../fixtures/small-town'
import { importSmallTown } from './helpers/small-town-import'
import { createTestApp, tableCounts, type TestApp } from './helpers/test-app'

let t: TestApp
let apiKey: string

beforeAll(async () => {
  t = await createTestApp()
  const { headers, post } = await importSmallTown(t)
  expect(
    (
      await post(
        'incidents',
        collection(
          feature(point(120.002, 33.005), {
            externalId: 'A',
            category: 'traffic',
            status: 'closed',
            source: 'patrol',
            reportedAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
          }),
          feature(point(120.004, 33.005), {
            externalId: 'B',
            category: 'environment',
            status: 'dispatched',
            source: 'hotline',
            reportedAt: new Date(Date.now() - 2 * 86_400_000).toISOString(),
          }),
          feature(point(120.004, 33.006), {
            externalId: 'C',
            category: 'environment',
            status: 'reported',
            source: 'hotline',
            reportedAt: new Date(Date.now() - 200 * 86_400_000).toISOString(),
          }),
        ),
      )
    ).statusCode,
  ).toBe(201)
  const issued = await t.app.inject({ method: 'POST', url: '/api/open311/clients', headers, payload: { name: '射阳政务APP' } })
  expect(issued.statusCode).toBe(201)
  apiKey = issued.json().apiKey
})
afterAll(() => t.close())

const get = (url: string) => t.app.inject({ method: 'GET', url })
const postForm = (fields: Record<string, string>) =>
  t.app.inject({
    method: 'POST',
    url: '/open311/v2/requests.json',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(fields).toString(),
  })

const REQUEST_KEYS = [
  'address',
  'address_id',
  'agency_responsible',
  'description',
  'expected_datetime',
  'lat',
  'long',
  'media_url',
  'requested_datetime',
  'service_code',
  'service_name',
  'service_notice',
  'service_request_id',
  'status',
  'status_notes',
  'updated_datetime',
  'zipcode',
]

describe('Open311 GeoReport v2', () => {
  it('discovery names the GeoReport v2 endpoint', async () => {
    const body = (await get('/open311/v2/discovery.json')).json()
    expect(body.endpoints).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: 'http://localhost:80/open311/v2',
        changeset: body.changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ])
  })

  it('services are the incident categories with the spec fields', async () => {
    const body = (await get('/open311/v2/services.json')).json()
    expect(body.map((s: { service_code: string }) => s.service_code)).toEqual([
      'environment',
      'facility',
      'safety_hazard',
      'dispute',
      'traffic',
      'illegal_construction',
      'public_service',
      'emergency',
    ])
    expect(body[4]).toEqual({
      service_code: 'traffic',
      service_name: '交通秩序',
      description: '乱停车、占道、交通秩序问题',
      metadata: false,
      type: 'realtime',
      keywords: '停车,交通',
      group: '城市管理',
    })
  })

  // The staff-recorded incidents above are visible with a key only (see the next describe).
  it('requests.json lists the last 90 days with open|closed statuses and WGS84 lat/long', async () => {
    const body = (await get(`/open311/v2/requests.json?api_key=${apiKey}`)).json()
    expect(body.map((r: { description: string; status: string }) => r.status)).toEqual(['open', 'closed'])
    expect(Object.keys(body[1]).sort()).toEqual(REQUEST_KEYS)
    expect(body[1]).toMatchObject({
      service_code: 'traffic',
      service_name: '交通秩序',
      status: 'closed',
      status_notes: '已结案',
      lat: 33.005,
      long: 120.002,
      agency_responsible: '交警中队',
    })
    expect(typeof body[1].service_request_id).toBe('string')
    expect((await get(`/open311/v2/requests.json?status=closed&api_key=${apiKey}`)).json().length).toBe(1)
    expect((await get(`/open311/v2/requests.json?service_code=environment&start_date=2020-01-01T00:00:00Z&api_key=${apiKey}`)).json().length).toBe(2)
  })

  it('requests/:id.json returns one request, 404 in the spec error shape for none', async () => {
    const [first] = (await get(`/open311/v2/requests.json?api_key=${apiKey}`)).json()
    expect((await get(`/open311/v2/requests/${first.service_request_id}.json?api_key=${apiKey}`)).json()).toEqual([first])
    const missing = await get('/open311/v2/requests/999999.json')
    expect([missing.statusCode, missing.json()]).toEqual([404, [{ code: 404, description: 'service_request_id 999999 not found' }]])
  })

  it('a resident POST with an api_key becomes a resident incident, announced live', async () => {
    const seen: unknown[] = []
    const unsubscribe = t.app.events.subscribe((event) => seen.push(event))
    const response = await postForm({ api_key: apiKey, service_code: 'environment', lat: '33.005', long: '120.003', description: '垃圾满溢', first_name: '王' })
    unsubscribe()
    expect(response.statusCode).toBe(201)
    const [created] = response.json()
    expect(created).toEqual({ service_request_id: created.service_request_id, service_notice: null, account_id: null })
    const incident = (await t.app.inject({ url: `/api/incidents/${created.service_request_id}`, headers: await t.readerHeaders() })).json()
    expect(incident.properties).toMatchObject({ source: 'resident', status: 'reported', category: 'environment', description: '垃圾满溢' })
    expect(incident.properties.timeline[0]).toMatchObject({ event: 'report', actor: 'open311:射阳政务APP' })
    expect(seen).toEqual([{ type: 'incident.created', payload: expect.objectContaining({ id: Number(created.service_request_id), source: 'resident' }) }])
  })

  it('refuses a POST without api_key, with a wrong one, or outside every region, writing nothing', async () => {
    const before = await tableCounts(t.db)
    const cases = [
      [{ service_code: 'environment', lat: '33.005', long: '120.003' }, 400, 'api_key: required'],
      [{ api_key: 'nope', service_code: 'environment', lat: '33.005', long: '120.003' }, 403, 'api_key: unknown or revoked'],
      [{ api_key: apiKey, service_code: 'environment', lat: '39.9', long: '116.4' }, 400, 'lat/long: The location 116.4,39.9 lies outside every region'],
      [{ api_key: apiKey, service_code: 'noise', lat: '33.005', long: '120.003' }, 400, 'service_code: unknown noise'],
      [
        { api_key: apiKey, service_code: 'environment', address_string: '人民路1号' },
        400,
        'address_not_found: no registered household at address_string "人民路1号"; send lat and long',
      ],
    ] as const
    for (const [fields, status, description] of cases) {
      const response = await postForm(fields as Record<string, string>)
      expect([response.statusCode, response.json()]).toEqual([status, [{ code: status, description }]])
    }
    expect(await tableCounts(t.db)).toEqual(before)
  })
})

describe('Open311 reads: what the public sees, what a key opens', () => {
  const INTERNAL_TEXT = '独居老人王奶奶，住址幸福路8号2栋301室，电话13812345678，需每周走访'
  const RESIDENT_TEXT = '楼下垃圾堆了三天没人清，联系我13912345678或0515-88881234，身份证320924199001011234'
  let internal: string
  let resident: string

  beforeAll(async () => {
    const staff = await t.app.inject({
      method: 'POST',
      url: '/api/incidents',
      headers: await t.adminHeaders(),
      payload: { category: 'public_service', source: 'patrol', description: INTERNAL_TEXT, location: point(120.00537, 33.00461) },
    })
    expect(staff.statusCode).toBe(201)
    internal = String(staff.json().id)
    const posted = await postForm({
      api_key: apiKey,
      service_code: 'environment',
      lat: '33.00461',
      long: '120.00537',
      description: RESIDENT_TEXT,
      address_string: '幸福路8号2栋',
      phone: '13900001111',
    })
    expect(posted.statusCode).toBe(201)
    resident = posted.json()[0].service_request_id
  })

  const ids = (response: { json(): { service_request_id: string }[] }) => response.json().map((r) => r.service_request_id)
  const SINCE = 'start_date=2020-01-01T00:00:00Z'

  it('an internal report does not exist for the public: 404 by id, absent from the list', async () => {
    const byId = await get(`/open311/v2/requests/${internal}.json`)
    expect([byId.statusCode, byId.json()]).toEqual([404, [{ code: 404, description: `service_request_id ${internal} not found` }]])
    const residents = (await t.db.query<{ id: string }>("SELECT id::text FROM incidents WHERE source = 'resident' ORDER BY reported_at DESC, id DESC")).rows
    const list = await get(`/open311/v2/requests.json?${SINCE}`)
    expect(ids(list)).toEqual(residents.map((r) => r.id))
    expect(list.body).not.toContain('独居老人')
  })

  it("a resident's request is public without its address, exact position or contact numbers", async () => {
    const [keyed] = (await get(`/open311/v2/requests/${resident}.json?api_key=${apiKey}`)).json()
    const open = await get(`/open311/v2/requests/${resident}.json`)
    expect([open.statusCode, open.json()]).toEqual([
      200,
      [
        {
          ...keyed,
          description: '楼下垃圾堆了三天没人清，联系我[手机号]或[电话]，身份证[身份证号]',
          address: null,
          lat: 33.005,
          long: 120.005,
        },
      ],
    ])
    for (const secret of ['幸福路', '13912345678', '0515-88881234', '320924199001011234', '13900001111', '33.00461', '120.00537'])
      expect(open.body).not.toContain(secret)
    expect(ids(await get(`/open311/v2/requests.json?${SINCE}`))).toContain(resident)
  })

  it('an api_key or a reader session opens the full view: every source, the words as written, the exact position', async () => {
    const fullInternal = {
      service_request_id: internal,
      service_code: 'public_service',
      description: INTERNAL_TEXT,
      lat: 33.00461,
      long: 120.00537,
      address: null,
    }
    const fullResident = {
      service_request_id: resident,
      description: `${RESIDENT_TEXT} （地址：幸福路8号2栋）`,
      address: '幸福路8号2栋',
      lat: 33.00461,
      long: 120.00537,
    }
    const keyed = await get(`/open311/v2/requests/${internal}.json?api_key=${apiKey}`)
    expect([keyed.statusCode, keyed.headers['cache-control'], keyed.json()]).toEqual([200, 'private, no-store', [expect.objectContaining(fullInternal)]])
    const session = await t.app.inject({ url: `/open311/v2/requests/${resident}.json`, headers: await t.readerHeaders() })
    expect(session.json()).toEqual([expect.objectContaining(fullResident)])
    const list = await get(`/open311/v2/requests.json?${SINCE}&api_key=${apiKey}`)
    const all = (await t.db.query<{ id: string }>('SELECT id::text FROM incidents ORDER BY reported_at DESC, id DESC')).rows
    expect(ids(list)).toEqual(all.map((r) => r.id))
  })

  it("a grid worker's session, which may not read incidents at large, gets the public view", async () => {
    const response = await t.app.inject({ url: `/open311/v2/requests/${internal}.json`, headers: await t.as('worker') })
    expect(response.statusCode).toBe(404)
  })

  it('a wrong api_key on a read is refused in the spec shape, not quietly served the public view', async () => {
    for (const url of [`/open311/v2/requests.json?api_key=nope`, `/open311/v2/requests/${resident}.json?api_key=nope`]) {
      const response = await get(url)
      expect([url, response.statusCode, response.json()]).toEqual([url, 403, [{ code: 403, description: 'api_key: unknown or revoked' }]])
    }
  })
})

describe('GET /api/events', () => {
  it('streams published events as server-sent events and lets go of closed streams', async () => {
    await t.app.listen({ port: 0, host: '127.0.0.1' })
    const { port } = t.app.server.address() as AddressInfo
    // Other parts of the app (the wall's stats cache) listen too; count the stream's own listener.
    const before = t.app.events.listenerCount()
    const controller = new AbortController()
    const response = await fetch(`http://127.0.0.1:${port}/api/events`, { headers: await t.readerHeaders(), signal: controller.signal })
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8')
    const reader = response.body!.getReader()
    await reader.read() // the greeting
    t.app.events.publish({ type: 'incident.updated', payload: { id: 7, action: 'close', status: 'closed', at: '2026-11-28T08:00:00.000Z' } })
    const { value } = await reader.read()
    expect(new TextDecoder().decode(value)).toBe(
      'event: incident.updated\ndata: {"id":7,"action":"close","status":"closed","at":"2026-11-28T08:00:00.000Z"}\n\n',
    )
    expect(t.app.events.listenerCount()).toBe(before + 1)
    controller.abort()
    await expect.poll(() => t.app.events.listenerCount()).toBe(before)
  })
})
