// GeoReport v2 as outside Open311 clients use it: the XML format of every endpoint, service
// definitions, the spec's errors everywhere under /open311/, service_request_id lists, POSTs located
// by address, multipart photos, and the resident's details kept out of the public view.
import { DOMParser, type Element } from '@xmldom/xmldom'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collection, feature, point } from '../fixtures/small-town'
import { importSmallTown } from './helpers/small-town-import'
import { createTestApp, tableCounts, type TestApp } from './helpers/test-app'

let t: TestApp
let apiKey: string
let headers: Record<string, string>

const HOUSEHOLD = { address: '幸福路8号2栋', lng: 120.0041, lat: 33.0052 }

beforeAll(async () => {
  t = await createTestApp()
  const imported = await importSmallTown(t)
  headers = imported.headers
  expect(
    (
      await imported.post(
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
        ),
      )
    ).statusCode,
  ).toBe(201)
  // Two flats of one building (the same address, 10 m apart), and one address on two streets far apart.
  expect(
    (
      await imported.post(
        'households',
        collection(
          feature(point(HOUSEHOLD.lng, HOUSEHOLD.lat), { externalId: 'H-201', address: HOUSEHOLD.address, population: 3 }),
          feature(point(HOUSEHOLD.lng + 0.0001, HOUSEHOLD.lat), { externalId: 'H-202', address: HOUSEHOLD.address, population: 2 }),
          feature(point(120.001, 33.001), { externalId: 'H-301', address: '人民路1号', population: 1 }),
          feature(point(120.009, 33.019), { externalId: 'H-302', address: '人民路1号', population: 1 }),
        ),
      )
    ).statusCode,
  ).toBe(201)
  const issued = await t.app.inject({ method: 'POST', url: '/api/open311/clients', headers, payload: { name: '市民热线App' } })
  expect(issued.statusCode).toBe(201)
  apiKey = issued.json().apiKey
})
afterAll(() => t.close())

const get = (url: string) => t.app.inject({ method: 'GET', url })
const postForm = (url: string, fields: Record<string, string>) =>
  t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() })

/** Parses strictly: any XML error fails the test. */
function parseXml(text: string) {
  const document = new DOMParser({
    onError: (level, message) => {
      throw new Error(`XML ${level}: ${message}`)
    },
  }).parseFromString(text, 'text/xml')
  return document.documentElement!
}
const children = (element: Element) => Array.from(element.childNodes).filter((n): n is Element => n.nodeType === 1)
/** An element as JSON would have it: text leaves, lists of repeated members, empty elements null. */
function asJson(element: Element, lists: Record<string, string> = {}): unknown {
  const kids = children(element)
  if (lists[element.tagName]) return kids.map((kid) => asJson(kid, lists))
  if (!kids.length) return element.textContent === '' ? null : element.textContent
  return Object.fromEntries(kids.map((kid) => [kid.tagName, asJson(kid, lists)]))
}
/** JSON values as XML text carries them (numbers and booleans as their text; "" and null are both an empty element). */
const asText = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(asText)
  if (value === null || value === '') return null
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, asText(v)]))
  return String(value)
}
const LISTS = { services: 'service', service_requests: 'request', errors: 'error', endpoints: 'endpoint', formats: 'format', attributes: 'attribute' }

/** A JSON endpoint and its .xml twin say the same, under the spec's root element. */
async function sameInXml(jsonUrl: string, root: string, status = 200) {
  const json = await get(jsonUrl)
  const xml = await get(jsonUrl.replace('.json', '.xml'))
  expect([json.statusCode, xml.statusCode, xml.headers['content-type']]).toEqual([status, status, 'text/xml; charset=utf-8'])
  const element = parseXml(xml.body)
  expect(element.tagName).toBe(root)
  expect(asJson(element, LISTS)).toEqual(asText(json.json()))
  return { json: json.json(), element }
}

describe('XML, as the spec writes it', () => {
  it('discovery, services, a service definition, request lists and one request read the same in XML as in JSON', async () => {
    const discovery = await sameInXml('/open311/v2/discovery.json', 'discovery')
    expect(discovery.json.endpoints[0].formats).toEqual(['text/xml', 'application/json'])
    const listed = await sameInXml('/open311/v2/services.json', 'services')
    expect(children(listed.element).map((e) => e.tagName)).toEqual(Array(8).fill('service'))
    expect(listed.json[0]).toMatchObject({ service_code: 'environment', metadata: false })
    await sameInXml('/open311/v2/services/traffic.json', 'service_definition')
    const since = 'start_date=2020-01-01T00:00:00Z'
    const keyed = await sameInXml(`/open311/v2/requests.json?${since}&api_key=${apiKey}`, 'service_requests')
    expect(keyed.json.length).toBe(2)
    expect(children(keyed.element).map((e) => e.tagName)).toEqual(['request', 'request'])
    await sameInXml(`/open311/v2/requests/${keyed.json[0].service_request_id}.json?api_key=${apiKey}`, 'service_requests')
  })

  it('escapes markup and keeps CJK in descriptions, through a POST in XML and the reads after it', async () => {
    const description = `井盖<丢失> & "危险" 'A&B' 请尽快处理 ]]> \u0001`
    const posted = await postForm('/open311/v2/requests.xml', { api_key: apiKey, service_code: 'facility', lat: '33.006', long: '120.006', description })
    expect([posted.statusCode, posted.headers['content-type']]).toEqual([201, 'text/xml; charset=utf-8'])
    const created = parseXml(posted.body)
    expect(created.tagName).toBe('service_requests')
    const [request] = children(created)
    const id = asJson(request) as { service_request_id: string; service_notice: null; account_id: null }
    expect(id).toEqual({ service_request_id: expect.stringMatching(/^[0-9]+$/), service_notice: null, account_id: null })
    for (const url of [`/open311/v2/requests/${id.service_request_id}.xml`, `/open311/v2/requests/${id.service_request_id}.xml?api_key=${apiKey}`]) {
      const read = await get(url)
      expect(read.body).toContain('井盖&lt;丢失&gt; &amp; &quot;危险&quot; &apos;A&amp;B&apos; 请尽快处理 ]]&gt;')
      const [one] = children(parseXml(read.body))
      // The control character cannot travel in XML 1.0: dropped, the rest as written.
      expect(children(one).find((e) => e.tagName === 'description')!.textContent).toBe(description.replace('\u0001', ''))
    }
  })
})

describe('service definitions', () => {
  it('every service has one, with the attributes it asks for (none: metadata false)', async () => {
    const response = await get('/open311/v2/services/dispute.json')
    expect([response.statusCode, response.json()]).toEqual([200, { service_code: 'dispute', attributes: [] }])
  })

  it('an unknown service code is the spec 404 in both formats', async () => {
    const json = await get('/open311/v2/services/ufo.json')
    expect([json.statusCode, json.json()]).toEqual([404, [{ code: 404, description: 'service_code: unknown ufo' }]])
    const xml = await get('/open311/v2/services/ufo.xml')
    expect([xml.statusCode, asJson(parseXml(xml.body), LISTS)]).toEqual([404, [{ code: '404', description: 'service_code: unknown ufo' }]])
    expect(parseXml(xml.body).tagName).toBe('errors')
  })
})

describe('errors in the spec shape everywhere under /open311/', () => {
  it('an unknown path, a format we do not speak and a method a path does not take: 404 in JSON, or in XML for .xml', async () => {
    for (const [method, url] of [
      ['GET', '/open311/v2/nothing.json'],
      ['GET', '/open311/v2/services.csv'],
      ['DELETE', '/open311/v2/requests.json'],
      ['GET', '/open311/v3/services.json'],
      ['GET', '/open311/'],
    ] as const) {
      const response = await t.app.inject({ method, url })
      expect([url, response.statusCode, response.json()]).toEqual([
        url,
        404,
        [{ code: 404, description: expect.stringContaining(`${method} ${url}: no such GeoReport v2 endpoint`) }],
      ])
    }
    const xml = await get('/open311/v2/nothing.xml')
    expect([xml.statusCode, xml.headers['content-type'], parseXml(xml.body).tagName]).toEqual([404, 'text/xml; charset=utf-8', 'errors'])
  })

  it('validation errors of an .xml endpoint are <errors>', async () => {
    const cases = [
      ['/open311/v2/requests.xml?status=pending', 400, 'status: "pending" must be open, closed or both'],
      ['/open311/v2/requests.xml?unknown=1', 400, expect.stringContaining('additional properties')],
      ['/open311/v2/requests/abc.xml', 400, 'service_request_id: "abc" is not a request id'],
      ['/open311/v2/requests.xml?api_key=nope', 403, 'api_key: unknown or revoked'],
    ] as const
    for (const [url, status, description] of cases) {
      const response = await get(url)
      expect([url, response.statusCode, asJson(parseXml(response.body), LISTS)]).toEqual([url, status, [{ code: String(status), description }]])
    }
  })
})

describe('service_request_id', () => {
  it('a comma-separated list overrides every other filter, but not who may see what', async () => {
    const all = (await get(`/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&api_key=${apiKey}`)).json() as {
      service_request_id: string
      service_code: string
      status: string
    }[]
    const closedTraffic = all.find((r) => r.service_code === 'traffic')!
    const openEnvironment = all.find((r) => r.service_code === 'environment')!
    const ids = `${closedTraffic.service_request_id},${openEnvironment.service_request_id}`
    // The dates, the service code and the status would each exclude one of the two.
    const url = `/open311/v2/requests.json?service_request_id=${ids}&service_code=dispute&status=open&start_date=2030-01-01T00:00:00Z&end_date=2031-01-01T00:00:00Z`
    const keyed = await get(`${url}&api_key=${apiKey}`)
    expect([
      keyed.statusCode,
      keyed
        .json()
        .map((r: { service_request_id: string }) => r.service_request_id)
        .sort(),
    ]).toEqual([200, ids.split(',').sort()])
    // Both are staff records (patrol, hotline): the public still sees neither.
    expect((await get(url)).json()).toEqual([])
  })
})

describe('POST located by address', () => {
  const count = async () => Number((await t.db.query<{ n: string }>('SELECT count(*) AS n FROM incidents')).rows[0].n)
  const positionOf = async (id: string) =>
    (await t.db.query<{ lng: number; lat: number }>('SELECT ST_X(geom) AS lng, ST_Y(geom) AS lat FROM incidents WHERE id = $1', [id])).rows[0]

  it('an address_string of registered households (spaces and full-width forms aside) is placed at their centre', async () => {
    const response = await postForm('/open311/v2/requests.json', {
      api_key: apiKey,
      service_code: 'environment',
      address_string: ' 幸福路 ８号２栋 ',
      description: '垃圾',
    })
    expect(response.statusCode).toBe(201)
    const at = await positionOf(response.json()[0].service_request_id)
    expect(at.lng).toBeCloseTo(HOUSEHOLD.lng + 0.00005, 9)
    expect(at.lat).toBeCloseTo(HOUSEHOLD.lat, 9)
  })

  it("an address_id is a household's externalId, in the jurisdiction when one is named", async () => {
    const response = await postForm('/open311/v2/requests.json', { api_key: apiKey, service_code: 'facility', address_id: 'H-301', jurisdiction_id: '320924' })
    expect(response.statusCode).toBe(201)
    expect(await positionOf(response.json()[0].service_request_id)).toEqual({ lng: 120.001, lat: 33.001 })
    const elsewhere = await postForm('/open311/v2/requests.json', { api_key: apiKey, service_code: 'facility', address_id: 'H-301', jurisdiction_id: '110101' })
    expect([elsewhere.statusCode, elsewhere.json()]).toEqual([
      400,
      [{ code: 400, description: 'address_not_found: no registered household at address_id "H-301"; send lat and long' }],
    ])
  })

  it('an unknown or ambiguous address, or no place at all, is refused and nothing is written', async () => {
    const before = await tableCounts(t.db)
    const incidents = await count()
    const cases = [
      [{ address_string: '不存在路99号' }, 'address_not_found: no registered household at address_string "不存在路99号"; send lat and long'],
      [
        { address_string: '人民路1号' },
        expect.stringMatching(/^address_ambiguous: address_string "人民路1号" matches 2 households up to [0-9]+ m apart; send lat and long$/),
      ],
      [{}, 'lat and long, address_string or address_id: one of them is required'],
      [{ lat: '33.005' }, 'lat and long: both or neither (then address_string or address_id)'],
    ] as const
    for (const [fields, description] of cases) {
      const response = await postForm('/open311/v2/requests.json', { api_key: apiKey, service_code: 'environment', ...fields })
      expect([response.statusCode, response.json()]).toEqual([400, [{ code: 400, description }]])
    }
    expect([await tableCounts(t.db), await count()]).toEqual([before, incidents])
  })
})

/** A multipart/form-data body as a phone's Open311 client sends it. */
function multipart(fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }) {
  const boundary = '----open311test'
  const parts: Buffer[] = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  )
  if (file) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
      file.bytes,
      Buffer.from('\r\n'),
    )
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`))
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) }
}

describe('multipart POST with a media photo', () => {
  it('stores the photo as residents’ report photos are stored: re-encoded JPEG, no metadata', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c03030' } })
      .png()
      .withMetadata({ exif: { IFD0: { Copyright: '王先生 13812345678' } } })
      .toBuffer()
    const body = multipart(
      { api_key: apiKey, service_code: 'facility', lat: '33.007', long: '120.007', description: '路灯不亮' },
      { name: 'lamp.png', type: 'image/png', bytes: png },
    )
    const response = await t.app.inject({ method: 'POST', url: '/open311/v2/requests.json', ...body })
    expect(response.statusCode).toBe(201)
    const id = response.json()[0].service_request_id
    const incident = (await t.app.inject({ url: `/api/incidents/${id}`, headers: await t.readerHeaders() })).json()
    expect(incident.properties).toMatchObject({ source: 'resident', category: 'facility', description: '路灯不亮' })
    expect(incident.properties.photos.length).toBe(1)
    const photo = await t.app.inject({ url: `/api/incidents/${id}/photos/${incident.properties.photos[0].id}`, headers })
    const meta = await sharp(photo.rawPayload).metadata()
    expect([photo.statusCode, meta.format, meta.width, meta.height, meta.exif]).toEqual([200, 'jpeg', 40, 30, undefined])
  })

  it('a JPEG in XML format works too; a file that is no image, or too big, is refused in the spec shape, writing nothing', async () => {
    const jpeg = await sharp({ create: { width: 16, height: 16, channels: 3, background: '#3050c0' } })
      .jpeg()
      .toBuffer()
    const ok = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      ...multipart({ api_key: apiKey, service_code: 'environment', lat: '33.004', long: '120.004' }, { name: 'a.jpg', type: 'image/jpeg', bytes: jpeg }),
    })
    expect([ok.statusCode, parseXml(ok.body).tagName]).toEqual([201, 'service_requests'])
    const before = await tableCounts(t.db)
    const text = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      ...multipart(
        { api_key: apiKey, service_code: 'environment', lat: '33.004', long: '120.004' },
        { name: 'a.jpg', type: 'image/jpeg', bytes: Buffer.from('not a photo') },
      ),
    })
    expect([text.statusCode, text.json()]).toEqual([415, [{ code: 415, description: 'media: only JPEG, PNG and WebP photos are taken' }]])
    const huge = Buffer.concat([jpeg, Buffer.alloc(5 * 1024 * 1024)])
    const big = await t.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      ...multipart({ api_key: apiKey, service_code: 'environment', lat: '33.004', long: '120.004' }, { name: 'a.jpg', type: 'image/jpeg', bytes: huge }),
    })
    expect([big.statusCode, big.json()[0].code]).toEqual([413, 413])
    expect(await tableCounts(t.db)).toEqual(before)
  })
})

describe("the resident's own details", () => {
  const PERSONAL = {
    email: 'wang@example.cn',
    first_name: '小明',
    last_name: '王',
    phone: '13900002222',
    media_url: 'https://img.example.cn/p/1.jpg',
    address_string: '幸福路8号2栋',
  }

  it('are kept beside the incident: the full view shows address and media_url, the public view none of them', async () => {
    const posted = await postForm('/open311/v2/requests.json', {
      api_key: apiKey,
      service_code: 'environment',
      lat: '33.0052',
      long: '120.0041',
      description: '楼道堆物',
      ...PERSONAL,
    })
    expect(posted.statusCode).toBe(201)
    const id = posted.json()[0].service_request_id
    const stored = (
      await t.db.query('SELECT first_name, last_name, email, phone, address, address_id, media_url FROM citizen_reports WHERE incident_id = $1', [id])
    ).rows[0]
    expect(stored).toEqual({
      first_name: '小明',
      last_name: '王',
      email: 'wang@example.cn',
      phone: '13900002222',
      address: '幸福路8号2栋',
      address_id: null,
      media_url: 'https://img.example.cn/p/1.jpg',
    })
    const full = await get(`/open311/v2/requests/${id}.json?api_key=${apiKey}`)
    expect([full.headers['cache-control'], full.json()[0]]).toEqual([
      'private, no-store',
      expect.objectContaining({ address: '幸福路8号2栋', address_id: null, media_url: 'https://img.example.cn/p/1.jpg' }),
    ])
    for (const url of [`/open311/v2/requests/${id}.json`, `/open311/v2/requests/${id}.xml`, '/open311/v2/requests.json', '/open311/v2/requests.xml']) {
      const open = await get(url)
      expect([url, open.statusCode]).toEqual([url, 200])
      for (const secret of ['wang@example.cn', '小明', '13900002222', 'img.example.cn', '幸福路'])
        expect([url, open.body]).toEqual([url, expect.not.stringContaining(secret)])
    }
    expect((await get(`/open311/v2/requests/${id}.json`)).json()[0]).toMatchObject({ address: null, address_id: null, media_url: null })
  })

  it('a bad e-mail or media_url is refused before anything is written', async () => {
    const before = await tableCounts(t.db)
    for (const [fields, description] of [
      [{ email: 'not-an-address' }, 'email: "not-an-address" is not an e-mail address'],
      [{ media_url: 'javascript:alert(1)' }, 'media_url: only http and https URLs'],
    ] as const) {
      const response = await postForm('/open311/v2/requests.json', { api_key: apiKey, service_code: 'environment', lat: '33.005', long: '120.005', ...fields })
      expect([response.statusCode, response.json()]).toEqual([400, [{ code: 400, description }]])
    }
    expect(await tableCounts(t.db)).toEqual(before)
  })
})
