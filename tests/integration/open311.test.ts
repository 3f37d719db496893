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
  expect((await post('incidents', collection(
    feature(point(120.002, 33.005), { externalId: 'A', category: 'traffic', status: 'closed', source: 'patrol', reportedAt: new Date(Date.now() - 5 * 86_400_000).toISOString() }),
    feature(point(120.004, 33.005), { externalId: 'B', category: 'environment', status: 'dispatched', source: 'hotline', reportedAt: new Date(Date.now() - 2 * 86_400_000).toISOString() }),
    feature(point(120.004, 33.006), { externalId: 'C', category: 'environment', status: 'reported', source: 'hotline', reportedAt: new Date(Date.now() - 200 * 86_400_000).toISOString() }),
  ))).statusCode).toBe(201)
  const issued = await t.app.inject({ method: 'POST', url: '/api/open311/clients', headers, payload: { name: '射阳政务APP' } })
  expect(issued.statusCode).toBe(201)
  apiKey = issued.json().apiKey
})
afterAll(() => t.close())

const get = (url: string) => t.app.inject({ method: 'GET', url })
const postForm = (fields: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() })

const REQUEST_KEYS = [
  'address', 'address_id', 'agency_responsible', 'description', 'expected_datetime', 'lat', 'long', 'media_url', 'requested_datetime',
  'service_code', 'service_name', 'service_notice', 'service_request_id', 'status', 'status_notes', 'updated_datetime', 'zipcode',
]

describe('Open311 GeoReport v2', () => {
  it('discovery names the GeoReport v2 endpoint', async () => {
    const body = (await get('/open311/v2/discovery.json')).json()
    expect(body.endpoints).toEqual([{ specification: 'http://wiki.open311.org/GeoReport_v2', url: 'http://localhost:80/open311/v2', changeset: body.changeset, type: 'production', formats: ['application/json'] }])
  })

  it('services are the incident categories with the spec fields', async () => {
    const body = (await get('/open311/v2/services.json')).json()
    expect(body.map((s: { service_code: string }) => s.service_code)).toEqual(['environment', 'facility', 'safety_hazard', 'dispute', 'traffic', 'illegal_construction', 'public_service', 'emergency'])
    expect(body[4]).toEqual({ service_code: 'traffic', service_name: '交通秩序', description: '乱停车、占道、交通秩序问题', metadata: false, type: 'realtime', keywords: '停车,交通', group: '城市管理' })
  })

  it('requests.json lists the last 90 days with open|closed statuses and WGS84 lat/long', async () => {
    const body = (await get('/open311/v2/requests.json')).json()
    expect(body.map((r: { description: string; status: string }) => r.status)).toEqual(['open', 'closed'])
    expect(Object.keys(body[1]).sort()).toEqual(REQUEST_KEYS)
    expect(body[1]).toMatchObject({ service_code: 'traffic', service_name: '交通秩序', status: 'closed', status_notes: '已结案', lat: 33.005, long: 120.002, agency_responsible: '交警中队' })
    expect(typeof body[1].service_request_id).toBe('string')
    expect((await get('/open311/v2/requests.json?status=closed')).json().length).toBe(1)
    expect((await get('/open311/v2/requests.json?service_code=environment&start_date=2020-01-01T00:00:00Z')).json().length).toBe(2)
  })

  it('requests/:id.json returns one request, 404 in the spec error shape for none', async () => {
    const [first] = (await get('/open311/v2/requests.json')).json()
    expect((await get(`/open311/v2/requests/${first.service_request_id}.json`)).json()).toEqual([first])
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
      [{ api_key: apiKey, service_code: 'environment', address_string: '人民路1号' }, 400, 'lat and long: required (WGS84); address_string alone cannot be located'],
    ] as const
    for (const [fields, status, description] of cases) {
      const response = await postForm(fields as Record<string, string>)
      expect([response.statusCode, response.json()]).toEqual([status, [{ code: status, description }]])
    }
    expect(await tableCounts(t.db)).toEqual(before)
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
    t.app.events.publish({ type: 'incident.updated', payload: { id: 7, status: 'closed' } })
    const { value } = await reader.read()
    expect(new TextDecoder().decode(value)).toBe('event: incident.updated\ndata: {"id":7,"status":"closed"}\n\n')
    expect(t.app.events.listenerCount()).toBe(before + 1)
    controller.abort()
    await expect.poll(() => t.app.events.listenerCount()).toBe(before)
  })
})
