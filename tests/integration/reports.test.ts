// Residents' reports (/report): one path with Open311, tracking codes, photos, abuse limits, ratings.
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dbSnapshot } from '../fixtures/bad-input/db-snapshot'
import { point } from '../fixtures/small-town'
import { importSmallTown } from './helpers/small-town-import'
import { createTestApp, type Headers, type TestApp } from './helpers/test-app'

let t: TestApp
let admin: Headers
let workerId: number

beforeAll(async () => {
  t = await createTestApp({ REPORTS_PER_HOUR: '1000' })
  admin = (await importSmallTown(t)).headers
  workerId = (await t.db.query<{ id: number }>("INSERT INTO grid_workers (county_code, name, role) VALUES ('320924', '张三', 'full_time') RETURNING id::int"))
    .rows[0].id
})
afterAll(() => t.close())

/** A real photo as a phone sends one: a JPEG carrying EXIF (a GPS position and an owner). */
async function phonePhoto(): Promise<string> {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } })
    .withExif({ IFD0: { Artist: '王小明', Copyright: '13812345678' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '33/1 0/1 18/1' } })
    .jpeg()
    .toBuffer()
  expect((await sharp(jpeg).metadata()).exif).toBeDefined()
  return jpeg.toString('base64')
}

const report = (body: Record<string, unknown>, headers: Headers = {}) => t.app.inject({ method: 'POST', url: '/api/reports', headers, payload: body })
const trash = { category: 'environment', description: '小区门口垃圾堆放三天了', location: point(120.005, 33.005) }
const statusOf = async (code: string) => (await t.app.inject({ url: `/api/reports/${code}` })).json()
const patch = (id: number, body: Record<string, unknown>) => t.app.inject({ method: 'PATCH', url: `/api/incidents/${id}`, headers: admin, payload: body })
const incidentOfCode = async (code: string) => {
  const { rows } = await t.db.query<{ id: number }>(
    "SELECT incident_id::int AS id FROM citizen_reports WHERE tracking_code_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex')",
    [code],
  )
  return rows[0].id
}

describe('POST /api/reports', () => {
  it('takes a report with a photo and a phone, and answers an unguessable tracking code', async () => {
    const response = await report({ ...trash, phone: '138 1234 5678', photos: [{ data: await phonePhoto() }] })
    expect(response.statusCode).toBe(201)
    const body = response.json()
    expect(body).toEqual({
      trackingCode: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/),
      status: 'reported',
      reportedAt: expect.any(String),
      photos: 1,
    })
    const id = await incidentOfCode(body.trackingCode)
    const detail = (await t.app.inject({ url: `/api/incidents/${id}`, headers: admin })).json()
    expect(detail.properties).toMatchObject({
      source: 'resident',
      status: 'reported',
      description: trash.description,
      photos: [{ id: expect.any(Number), stage: 'report' }],
    })
    // The phone stays beside the incident, never in it.
    expect(JSON.stringify(detail)).not.toContain('5678')
    expect((await t.db.query('SELECT phone FROM citizen_reports WHERE incident_id = $1', [id])).rows).toEqual([{ phone: '138 1234 5678' }])
  })

  it('stores the photo re-encoded as JPEG without its EXIF, and shows it to the command centre only', async () => {
    const { trackingCode } = (await report({ ...trash, photos: [{ data: await phonePhoto() }] })).json()
    const id = await incidentOfCode(trackingCode)
    const photoId = (await t.app.inject({ url: `/api/incidents/${id}`, headers: admin })).json().properties.photos[0].id
    const full = await t.app.inject({ url: `/api/incidents/${id}/photos/${photoId}`, headers: admin })
    expect([full.statusCode, full.headers['content-type']]).toEqual([200, 'image/jpeg'])
    const meta = await sharp(full.rawPayload).metadata()
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 64, 48, undefined])
    const thumb = await sharp((await t.app.inject({ url: `/api/incidents/${id}/photos/${photoId}?size=thumb`, headers: admin })).rawPayload).metadata()
    expect([thumb.width, thumb.height]).toEqual([320, 320])
    const statuses = []
    for (const headers of [{}, await t.as('analyst'), await t.as('display'), await t.as('worker')]) {
      statuses.push((await t.app.inject({ url: `/api/incidents/${id}/photos/${photoId}`, headers })).statusCode)
    }
    expect(statuses).toEqual([401, 403, 403, 403])
  })

  it('refuses, with a reason and writing nothing: the honeypot, a file that is no photo, a photo too large, four photos, a bad phone, a place outside the county', async () => {
    const notAPhoto = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64')
    const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.alloc(5 * 1024 * 1024)]).toString('base64')
    const photo = { data: await phonePhoto() }
    const before = await dbSnapshot(t.db)
    const refusals = []
    for (const body of [
      { ...trash, website: 'http://spam.example' },
      { ...trash, photos: [{ data: notAPhoto }] },
      { ...trash, photos: [{ data: huge }] },
      { ...trash, photos: [photo, photo, photo, photo] },
      { ...trash, photos: [{ data: '这不是base64' }] },
      { ...trash, phone: 'call me maybe' },
      { ...trash, location: point(121, 34) },
      { ...trash, description: 'x'.repeat(2001) },
    ]) {
      const response = await report(body)
      refusals.push([response.statusCode, response.json().error.code])
    }
    expect(refusals).toEqual([
      [422, 'spam_suspected'],
      [415, 'photo_type'],
      [413, 'photo_too_large'],
      [400, 'invalid_request'],
      [400, 'photo_encoding'],
      [400, 'invalid_phone'],
      [422, 'outside_regions'],
      [400, 'invalid_request'],
    ])
    expect(await dbSnapshot(t.db)).toEqual(before)
  })

  it('finds a report by its code typed in lower case without dashes, and nothing by any other code', async () => {
    const { trackingCode } = (await report(trash)).json()
    const typed = trackingCode.toLowerCase().replaceAll('-', '')
    expect((await statusOf(typed)).trackingCode).toBe(trackingCode)
    const other = `${trackingCode.slice(0, -1)}${trackingCode.endsWith('0') ? '1' : '0'}`
    for (const code of [other, 'nonsense', '1'.repeat(16)]) {
      const response = await t.app.inject({ url: `/api/reports/${code}` })
      expect([response.statusCode, response.json().error.code]).toEqual([404, 'not_found'])
    }
  })
})

describe('a report through its lifecycle, as the resident sees it', () => {
  it('shows each stage without officials, the reason of a close, and takes one rating after 结案', async () => {
    const { trackingCode } = (await report(trash)).json()
    const id = await incidentOfCode(trackingCode)
    const rate = (body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/reports/${trackingCode}/rating`, payload: body })
    expect((await rate({ rating: 'satisfied' })).json().error.code).toBe('not_closed')
    for (const step of [
      { action: 'accept', note: '内部备注：联系物业李经理' },
      { action: 'dispatch', assigneeId: workerId },
      { action: 'handle', note: '已清运' },
      { action: 'verify' },
      { action: 'close', note: '垃圾已清运完毕' },
    ]) {
      expect((await patch(id, step)).statusCode, step.action).toBe(200)
    }
    const closed = await statusOf(trackingCode)
    expect(closed).toMatchObject({ status: 'closed', canRate: true, rating: null })
    expect(closed.timeline.map((e: { event: string; note: string | null }) => [e.event, e.note])).toEqual([
      ['report', null],
      ['accept', null],
      ['dispatch', null],
      ['handle', null],
      ['verify', null],
      ['close', '垃圾已清运完毕'],
    ])
    expect(JSON.stringify(closed)).not.toMatch(/admin|张三|李经理/)

    const rated = await rate({ rating: 'basically_satisfied', comment: '处理及时' })
    expect(rated.statusCode).toBe(200)
    expect(rated.json()).toMatchObject({ canRate: false, rating: { rating: 'basically_satisfied', comment: '处理及时' } })
    expect((await rate({ rating: 'dissatisfied' })).json().error.code).toBe('already_rated')
    expect((await rate({ rating: 'great' })).statusCode).toBe(400)
  })

  it('counts ratings into 满意率 for the wall and the analysts', async () => {
    const rateAfterClosing = async (rating: string) => {
      const { trackingCode } = (await report(trash)).json()
      const id = await incidentOfCode(trackingCode)
      for (const step of [{ action: 'accept' }, { action: 'dispatch', assigneeId: workerId }, { action: 'handle' }, { action: 'verify' }, { action: 'close' }])
        await patch(id, step)
      await t.app.inject({ method: 'POST', url: `/api/reports/${trackingCode}/rating`, payload: { rating } })
    }
    await t.db.query('UPDATE citizen_reports SET rating = NULL, rated_at = NULL, rating_comment = NULL')
    await rateAfterClosing('satisfied')
    await rateAfterClosing('dissatisfied')
    await rateAfterClosing('basically_satisfied')
    await rateAfterClosing('satisfied')
    const wall = (await t.app.inject({ url: '/api/stats/overview?region=320924', headers: admin })).json().kpis
    expect([wall.rated, wall.satisfactionRate]).toEqual([4, 0.75])
    const kpis = (await t.app.inject({ url: '/api/incidents/kpis?source=resident', headers: admin })).json()
    expect([kpis.rated, kpis.satisfied, kpis.satisfactionRate]).toEqual([4, 3, 0.75])
  })
})

describe('abuse limits', () => {
  it('lets at most REPORTS_PER_HOUR reports in per address, however many arrive at once, and says when to come back', async () => {
    const limited = await createTestApp({ REPORTS_PER_HOUR: '3' }, { reset: false })
    try {
      const before = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents')).rows[0].n
      const answers = await Promise.all(
        Array.from({ length: 12 }, () => limited.app.inject({ method: 'POST', url: '/api/reports', payload: trash, remoteAddress: '203.0.113.9' })),
      )
      expect(answers.map((a) => a.statusCode).sort()).toEqual([...Array(3).fill(201), ...Array(9).fill(429)])
      const refused = answers.find((a) => a.statusCode === 429)!
      expect(refused.json().error).toMatchObject({ code: 'too_many_reports', details: { retryAfterSeconds: expect.any(Number) } })
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000)
      expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM incidents')).rows[0].n).toBe(before + 3)
      // Another address is not held back by the first.
      expect((await limited.app.inject({ method: 'POST', url: '/api/reports', payload: trash, remoteAddress: '203.0.113.10' })).statusCode).toBe(201)
    } finally {
      await limited.close()
    }
  })
})

describe('behind a reverse proxy', () => {
  const fromBehindTheProxy = (app: TestApp, client: string) =>
    app.app.inject({ method: 'POST', url: '/api/reports', payload: trash, remoteAddress: '10.0.0.2', headers: { 'x-forwarded-for': client } })

  it('counts each resident by the address the trusted proxy names (TRUST_PROXY)', async () => {
    const proxied = await createTestApp({ REPORTS_PER_HOUR: '1', TRUST_PROXY: '10.0.0.2' }, { reset: false })
    try {
      const answers = [
        await fromBehindTheProxy(proxied, '198.51.100.1'),
        await fromBehindTheProxy(proxied, '198.51.100.2'),
        await fromBehindTheProxy(proxied, '198.51.100.1'),
      ]
      expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 429])
    } finally {
      await proxied.close()
    }
  })

  it('believes no forwarded address from a proxy it was not told to trust', async () => {
    const direct = await createTestApp({ REPORTS_PER_HOUR: '1' }, { reset: false })
    try {
      const answers = [await fromBehindTheProxy(direct, '198.51.100.1'), await fromBehindTheProxy(direct, '198.51.100.2')]
      expect(answers.map((a) => a.statusCode)).toEqual([201, 429])
    } finally {
      await direct.close()
    }
  })
})

describe('Open311 POST goes the same way', () => {
  it('keeps the phone beside the incident, never in Open311 reads, and holds the same description limit', async () => {
    const key = (await t.app.inject({ method: 'POST', url: '/api/open311/clients', headers: admin, payload: { name: '市民App' } })).json().apiKey
    const form = (fields: Record<string, string>) =>
      t.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      })
    const created = await form({ api_key: key, service_code: 'facility', lat: '33.005', long: '120.005', description: '路灯不亮', phone: '13900001111' })
    expect(created.statusCode).toBe(201)
    const id = Number(created.json()[0].service_request_id)
    expect((await t.db.query('SELECT phone FROM citizen_reports WHERE incident_id = $1', [id])).rows).toEqual([{ phone: '13900001111' }])
    expect((await t.app.inject({ url: `/open311/v2/requests/${id}.json` })).body).not.toContain('13900001111')
    const long = await form({ api_key: key, service_code: 'facility', lat: '33.005', long: '120.005', description: '长'.repeat(2001) })
    expect([long.statusCode, long.json()[0].description]).toEqual([400, 'description: longer than 2000 characters (with the address)'])
  })
})
