import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EAST, WEST, feature, point } from '../fixtures/small-town'
import { importAs } from './helpers/coverage-fixture'
import { importOgcTown } from './helpers/ogc-town'
import { createTestApp, type Headers, type TestApp } from './helpers/test-app'

// OGC API – Features beyond paging: datetime (Part 1, 7.15.4), bbox with heights or across the
// antimeridian (7.15.3), queryables as query parameters (Part 3), the API definition at /ogc/api,
// the landing page with a trailing slash, and the links each feature carries.
let t: TestApp
let admin: Headers
const ORIGIN = 'http://localhost:80'

// Reported at 00:00Z on 1 and 2 November, 12:00Z on 3 November (20:00 in Beijing).
const INCIDENTS = [
  { externalId: 'i-1', category: 'environment', status: 'reported', source: 'patrol', reportedAt: '2026-11-01T08:00:00+08:00', at: point(120.004, 33.004) },
  { externalId: 'i-2', category: 'traffic', status: 'closed', source: 'hotline', reportedAt: '2026-11-02T08:00:00+08:00', at: point(120.014, 33.014) },
  { externalId: 'i-3', category: 'traffic', status: 'reported', source: 'patrol', reportedAt: '2026-11-03T20:00:00+08:00', at: point(120.006, 33.016) },
]

beforeAll(async () => {
  t = await createTestApp()
  await importOgcTown(t)
  await importAs(t, 'incidents', ...INCIDENTS.map(({ at, ...properties }) => feature(at, properties)))
  admin = (await t.everyone(WEST)).admin
})
afterAll(() => t.close())

const get = (url: string, headers: Headers = admin) => t.app.inject({ method: 'GET', url, headers })
const pathOf = (href: string) => href.slice(ORIGIN.length)
type Body = { features: { id: unknown; properties: Record<string, unknown> }[]; numberMatched: number; links: { rel: string; href: string; type?: string }[] }
const incidentsAt = async (query: string) => {
  const response = await get(`/ogc/collections/incidents/items?${query}`)
  expect(response.statusCode, response.body).toBe(200)
  const body: Body = response.json()
  return { ids: body.features.map((f) => f.properties.externalId).sort(), numberMatched: body.numberMatched }
}
const expected = (...ids: string[]) => ({ ids, numberMatched: ids.length })

describe('OGC datetime on incidents (their reportedAt)', () => {
  it.each([
    ['an instant in UTC', '2026-11-01T00:00:00Z', ['i-1']],
    ['the same instant with an offset', '2026-11-01T08:00:00+08:00', ['i-1']],
    ['a date: that whole UTC day', '2026-11-03', ['i-3']],
    ['a date as GDAL 3.6 writes it', '2026-11-03T', ['i-3']],
    ['a closed interval, both ends included', '2026-11-01T00:00:00Z/2026-11-02T00:00:00Z', ['i-1', 'i-2']],
    ['an interval open at the end with ..', '2026-11-02T00:00:00Z/..', ['i-2', 'i-3']],
    ['an interval open at the end, empty', '2026-11-02T00:00:00Z/', ['i-2', 'i-3']],
    ['an interval open at the start with ..', '../2026-11-01T23:59:59Z', ['i-1']],
    ['an interval open at the start, empty', '/2026-11-01T23:59:59Z', ['i-1']],
    ['an interval of dates, the last day whole', '2026-11-02/2026-11-03', ['i-2', 'i-3']],
    ['an interval in fractions of a second', '2026-11-02T00:00:00.001Z/2026-11-03T12:00:00.000Z', ['i-3']],
    ['an interval that holds none', '2025-01-01T00:00:00Z/2025-12-31T00:00:00Z', []],
  ])('selects by %s', async (_name, datetime, ids) => {
    expect(await incidentsAt(`datetime=${encodeURIComponent(datetime)}`)).toEqual(expected(...ids))
  })

  it('keeps datetime and queryables in next links, so paging visits each match once', async () => {
    const seen: unknown[] = []
    let url: string | undefined = `/ogc/collections/incidents/items?datetime=${encodeURIComponent('2026-11-01T00:00:00Z/..')}&category=traffic&limit=1`
    while (url) {
      const body: Body = (await get(url)).json()
      seen.push(...body.features.map((f) => f.properties.externalId))
      expect(body.numberMatched).toBe(2)
      const next = body.links.find((link) => link.rel === 'next')
      url = next && pathOf(next.href)
      if (seen.length > 5) throw new Error('next links never end')
    }
    expect(seen.sort()).toEqual(['i-2', 'i-3'])
  })

  it('gives the collection a temporal extent from the first to the last report, in the Gregorian calendar', async () => {
    const reported = (await get('/api/incidents')).json().features.map((f: { properties: { reportedAt: string } }) => Date.parse(f.properties.reportedAt))
    const incidents = (await get('/ogc/collections/incidents')).json()
    expect(incidents.extent.temporal).toEqual({
      interval: [[new Date(Math.min(...reported)).toISOString(), new Date(Math.max(...reported)).toISOString()]],
      trs: 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian',
    })
    expect(incidents.description).toContain('reportedAt')
    const grids = (await get('/ogc/collections/grids')).json()
    expect([grids.extent.temporal, Object.keys(grids.extent)]).toEqual([undefined, ['spatial']])
  })
})

describe('OGC datetime on collections without time', () => {
  it.each(['regions', 'grids', 'service-points', 'households'])('matches every %s feature, as Part 1 /req/core/fc-time-response C asks', async (id) => {
    const all = (await get(`/ogc/collections/${id}/items`)).json()
    const filtered = (await get(`/ogc/collections/${id}/items?datetime=2020-01-01T00:00:00Z%2F2020-01-02T00:00:00Z`)).json()
    expect(all.numberMatched).toBeGreaterThan(0)
    expect([filtered.numberMatched, filtered.features.map((f: { id: unknown }) => f.id)]).toEqual([
      all.numberMatched,
      all.features.map((f: { id: unknown }) => f.id),
    ])
  })
})

describe('OGC datetime errors', () => {
  it.each([
    ['no such day', '2026-11-31'],
    ['no such hour', '2026-11-01T25:00:00Z'],
    ['no offset', '2026-11-01T00:00:00'],
    ['words', 'yesterday'],
    ['both ends open', '../..'],
    ['both ends empty', '/'],
    ['three parts', '2026-11-01/2026-11-02/2026-11-03'],
    ['the start after the end', '2026-11-02T00:00:00Z/2026-11-01T00:00:00Z'],
  ])('answers %s with 400 invalid_datetime, on incidents and on grids alike', async (_name, datetime) => {
    const codes = []
    for (const id of ['incidents', 'grids']) {
      const response = await get(`/ogc/collections/${id}/items?datetime=${encodeURIComponent(datetime)}`)
      codes.push([response.statusCode, response.json().error?.code])
    }
    expect(codes).toEqual([
      [400, 'invalid_datetime'],
      [400, 'invalid_datetime'],
    ])
  })
})

describe('OGC bbox', () => {
  const names = async (url: string) => {
    const response = await get(url)
    expect(response.statusCode, response.body).toBe(200)
    return response
      .json()
      .features.map((f: { properties: { name: string } }) => f.properties.name)
      .sort()
  }

  it('takes six numbers, selecting by the horizontal box (our features have no height)', async () => {
    expect(await names('/ogc/collections/grids/items?bbox=120,33,-100,120.01,33.005,100')).toEqual(
      await names('/ogc/collections/grids/items?bbox=120,33,120.01,33.005'),
    )
    expect(await names('/ogc/collections/grids/items?bbox=120,33,0,120.01,33.005,0')).toEqual(['西社区南网格'])
  })

  it('reads minLon > maxLon as a box across the antimeridian', async () => {
    // East of 179° and west of 120.005°: the west points. East of 120.015° and west of -170°: the east one.
    expect(await names('/ogc/collections/service-points/items?bbox=179,33,120.005,34')).toEqual(['警务室'])
    expect(await names('/ogc/collections/service-points/items?bbox=120.015,33,-170,34')).toEqual(['养老驿站'])
    expect(await names('/ogc/collections/service-points/items?bbox=179,33,0,120.005,34,10')).toEqual(['警务室'])
  })

  it.each([
    ['five numbers', '120,33,120.01,33.005,1', 'invalid_request'],
    ['a latitude past 90', '120,33,121,91', 'invalid_bbox'],
    ['a longitude past 180', '120,33,181,34', 'invalid_bbox'],
    ['south above north', '120,34,121,33', 'invalid_bbox'],
    ['heights reversed', '120,33,10,121,34,0', 'invalid_bbox'],
    ['an empty number', '120,,121,34', 'invalid_request'],
  ])('answers %s with 400', async (_name, bbox, code) => {
    const response = await get(`/ogc/collections/grids/items?bbox=${bbox}`)
    expect([response.statusCode, response.json().error.code]).toEqual([400, code])
  })

  it('leaves our own API strict: GET /api/grids still refuses a box with minLng > maxLng', async () => {
    const response = await get('/api/grids?bbox=121,33,120,34')
    expect([response.statusCode, response.json().error.code]).toEqual([400, 'invalid_bbox'])
  })
})

describe('OGC queryables', () => {
  it("serves each collection's queryables as JSON Schema 2020-12, linked from the collection", async () => {
    const response = await get('/ogc/collections/incidents/queryables')
    const collection = (await get('/ogc/collections/incidents')).json()
    expect(response.headers['content-type']).toBe('application/schema+json; charset=utf-8')
    const body = response.json()
    expect({ ...body, properties: Object.keys(body.properties) }).toEqual({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: `${ORIGIN}/ogc/collections/incidents/queryables`,
      type: 'object',
      title: 'Incidents',
      properties: ['category', 'status', 'source', 'priority', 'gridId', 'gridCode'],
      additionalProperties: false,
    })
    expect(body.properties.category).toMatchObject({ type: 'string', enum: expect.arrayContaining(['traffic', 'environment']) })
    expect(collection.links.find((link: { rel: string }) => link.rel === 'http://www.opengis.net/def/rel/ogc/1.0/queryables')).toEqual({
      rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables',
      href: body.$id,
      type: 'application/schema+json',
      title: expect.any(String),
    })
  })

  it('offers no household detail the mask hides', async () => {
    expect(Object.keys((await get('/ogc/collections/households/queryables')).json().properties)).toEqual(['gridId', 'gridCode'])
  })

  it('answers an unknown collection with 404', async () => {
    const response = await get('/ogc/collections/parcels/queryables')
    expect([response.statusCode, response.json().error.code]).toEqual([404, 'not_found'])
  })
})

describe('OGC queryables as query parameters', () => {
  it('select incidents by equality, several at once', async () => {
    expect(await incidentsAt('category=traffic')).toEqual(expected('i-2', 'i-3'))
    expect(await incidentsAt('status=reported&source=patrol')).toEqual(expected('i-1', 'i-3'))
    expect(await incidentsAt('category=traffic&status=reported&datetime=2026-11-03')).toEqual(expected('i-3'))
  })

  it('select every other collection by its own, as our own API counts', async () => {
    const [grid] = (await get('/api/grids')).json().features
    const households = (await get('/api/households')).json().features
    const inGrid = households.filter((f: { properties: { gridId: number } }) => f.properties.gridId === grid.id).map((f: { id: number }) => f.id)
    const ids = async (url: string) =>
      (await get(url))
        .json()
        .features.map((f: { id: unknown }) => f.id)
        .sort()
    expect({
      community: await ids('/ogc/collections/regions/items?level=community'),
      children: await ids('/ogc/collections/regions/items?parentCode=320924001'),
      dedicated: await ids('/ogc/collections/grids/items?type=dedicated'),
      west: (await ids(`/ogc/collections/grids/items?communityCode=${WEST}`)).length,
      health: (await get('/ogc/collections/service-points/items?category=health'))
        .json()
        .features.map((f: { properties: { name: string } }) => f.properties.name),
      households: await ids(`/ogc/collections/households/items?gridId=${grid.id}`),
      byCode: await ids(`/ogc/collections/households/items?gridCode=${grid.properties.code}`),
    }).toEqual({
      community: [WEST, EAST].sort(),
      children: [WEST, EAST].sort(),
      dedicated: [],
      west: 2,
      health: ['卫生站'],
      households: inGrid.sort(),
      byCode: inGrid.sort(),
    })
    expect(inGrid.length).toBeGreaterThan(0)
  })

  it.each([
    ['a value outside the vocabulary', '/ogc/collections/incidents/items?category=parking'],
    ["another collection's queryable", '/ogc/collections/grids/items?category=traffic'],
    ['a parameter no collection knows', '/ogc/collections/incidents/items?colour=red'],
    ['a masked household detail', '/ogc/collections/households/items?address=x'],
    ['a grid id that is no number', '/ogc/collections/households/items?gridId=abc'],
  ])('answer %s with 400', async (_name, url) => {
    const response = await get(url)
    expect([response.statusCode, response.json().error.code]).toEqual([400, 'invalid_request'])
  })

  it('declare themselves, with datetime and a default limit of 1,000, in the OGC API definition', async () => {
    const paths = (await get('/ogc/api')).json().paths
    const names = (path: string) => paths[path].get.parameters.filter((p: { in: string }) => p.in === 'query').map((p: { name: string }) => p.name)
    const limit = paths['/collections/grids/items'].get.parameters.find((p: { name: string }) => p.name === 'limit')
    expect({
      incidents: names('/collections/incidents/items'),
      grids: names('/collections/grids/items'),
      limit: [limit.schema.default, limit.schema.minimum, limit.schema.maximum],
    }).toEqual({
      incidents: ['f', 'bbox', 'datetime', 'limit', 'offset', 'category', 'status', 'source', 'priority', 'gridId', 'gridCode'],
      grids: ['f', 'bbox', 'datetime', 'limit', 'offset', 'type', 'communityCode'],
      limit: [1000, 1, 10000],
    })
  })
})

describe('OGC API definition and landing page', () => {
  it('serves the OGC paths as an OpenAPI 3.0 document of their own, rooted at the landing page, typed as service-desc says', async () => {
    const landing = (await get('/ogc')).json()
    const serviceDesc = landing.links.find((link: { rel: string }) => link.rel === 'service-desc')
    const response = await get(pathOf(serviceDesc.href))
    const whole = (await get('/docs/json')).json()
    const body = response.json()
    expect([serviceDesc.type, response.statusCode, response.headers['content-type']]).toEqual([
      'application/vnd.oai.openapi+json;version=3.0',
      200,
      'application/vnd.oai.openapi+json;version=3.0;charset=utf-8',
    ])
    expect([body.openapi, body.servers]).toEqual([whole.openapi, [{ url: `${ORIGIN}/ogc`, description: expect.any(String) }]])
    expect(Object.keys(body.paths)).toEqual(
      Object.keys(whole.paths)
        .filter((path) => path.startsWith('/ogc'))
        .map((path) => path.slice(4) || '/'),
    )
    expect(body.paths['/collections/{collectionId}/queryables']).toEqual(whole.paths['/ogc/collections/{collectionId}/queryables'])
  })

  it('answers /ogc/ (as OWSLib asks) with the landing page', async () => {
    const [plain, slash] = [await get('/ogc', {}), await get('/ogc/', {})]
    expect([slash.statusCode, slash.headers['content-type'], slash.json()]).toEqual([200, plain.headers['content-type'], plain.json()])
  })

  it('declares Part 3 queryables and queryables as query parameters', async () => {
    expect((await get('/ogc/conformance')).json().conformsTo).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
        'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
      ]),
    )
  })
})

describe('OGC feature links', () => {
  it('give each feature self, its alternate in the other format, and its collection (Part 1 /req/core/f-links)', async () => {
    const [incident] = (await get('/ogc/collections/incidents/items?limit=1')).json().features
    const path = `/ogc/collections/incidents/items/${incident.id}`
    const asGeoJson = await get(path)
    const asJson = await get(`${path}?f=json`)
    const links = (response: typeof asGeoJson) =>
      response.json().links.map(({ rel, href, type }: { rel: string; href: string; type: string }) => ({ rel, href: pathOf(href), type }))
    expect([asGeoJson.headers['content-type'], links(asGeoJson)]).toEqual([
      'application/geo+json; charset=utf-8',
      [
        { rel: 'self', href: path, type: 'application/geo+json' },
        { rel: 'alternate', href: `${path}?f=json`, type: 'application/json' },
        { rel: 'collection', href: '/ogc/collections/incidents', type: 'application/json' },
      ],
    ])
    expect([asJson.headers['content-type'], links(asJson)]).toEqual([
      'application/json; charset=utf-8',
      [
        { rel: 'self', href: `${path}?f=json`, type: 'application/json' },
        { rel: 'alternate', href: path, type: 'application/geo+json' },
        { rel: 'collection', href: '/ogc/collections/incidents', type: 'application/json' },
      ],
    ])
  })

  it('give a page asked for as plain JSON a plain JSON self', async () => {
    const body = (await get('/ogc/collections/grids/items?f=json')).json()
    expect(body.links.map(({ rel, href, type }: { rel: string; href: string; type: string }) => ({ rel, href: pathOf(href), type }))).toEqual([
      { rel: 'self', href: '/ogc/collections/grids/items?limit=1000&f=json', type: 'application/json' },
      { rel: 'alternate', href: '/ogc/collections/grids/items?limit=1000', type: 'application/geo+json' },
    ])
  })
})
