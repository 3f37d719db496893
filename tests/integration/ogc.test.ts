import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EAST, WEST, feature, point } from '../fixtures/small-town'
import { importAs } from './helpers/coverage-fixture'
import { importOgcTown } from './helpers/ogc-town'
import { createTestApp, type Headers, type TestApp } from './helpers/test-app'

// OGC API – Features Part 1 on the small town: 4 regions, 2 west grids, 3 households (one in the
// east, outside every grid), 3 service points, 2 incidents.
let t: TestApp
const who: Record<string, Headers> = {}
const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84'
const ORIGIN = 'http://localhost:80'

beforeAll(async () => {
  t = await createTestApp()
  await importOgcTown(t)
  await importAs(
    t,
    'incidents',
    feature(point(120.004, 33.004), {
      externalId: 'i-1',
      category: 'environment',
      status: 'reported',
      source: 'patrol',
      reportedAt: '2026-11-01T08:00:00+08:00',
    }),
    feature(point(120.014, 33.014), { externalId: 'i-2', category: 'traffic', status: 'closed', source: 'hotline', reportedAt: '2026-11-02T08:00:00+08:00' }),
  )
  Object.assign(who, await t.everyone(WEST))
})
afterAll(() => t.close())

const get = (url: string, headers: Headers = {}) => t.app.inject({ method: 'GET', url, headers })
const pathOf = (href: string) => href.slice(ORIGIN.length)
const rels = (links: { rel: string; href: string; type?: string }[]) => links.map(({ rel, href, type }) => ({ rel, href: pathOf(href), type }))
const ids = (body: { features: { id: unknown }[] }) => body.features.map((f) => f.id)

describe('OGC API – Features landing page and conformance', () => {
  it('links self, the OpenAPI document, conformance and the collections', async () => {
    const response = await get('/ogc')
    expect([response.statusCode, response.headers['content-type']]).toEqual([200, 'application/json; charset=utf-8'])
    expect(rels(response.json().links)).toEqual([
      { rel: 'self', href: '/ogc', type: 'application/json' },
      { rel: 'service-desc', href: '/ogc/api', type: 'application/vnd.oai.openapi+json;version=3.0' },
      { rel: 'service-doc', href: '/docs', type: 'text/html' },
      { rel: 'conformance', href: '/ogc/conformance', type: 'application/json' },
      { rel: 'data', href: '/ogc/collections', type: 'application/json' },
    ])
    expect(response.json().links[0].href).toBe(`${ORIGIN}/ogc`)
  })

  it('points service-desc at an OpenAPI 3.0 document that describes the OGC paths', async () => {
    const response = await get('/ogc/api')
    const paths = Object.keys(response.json().paths)
    expect([response.statusCode, response.json().openapi.slice(0, 4), paths]).toEqual([
      200,
      '3.0.',
      [
        '/',
        '/api',
        '/conformance',
        '/collections',
        '/collections/{collectionId}',
        '/collections/{collectionId}/queryables',
        '/collections/regions/items',
        '/collections/grids/items',
        '/collections/service-points/items',
        '/collections/households/items',
        '/collections/households/items/{featureId}',
        '/collections/incidents/items',
        '/collections/incidents/items/{featureId}',
        '/collections/{collectionId}/items',
        '/collections/{collectionId}/items/{featureId}',
      ],
    ])
  })

  it('declares Core, GeoJSON, OpenAPI 3.0 and Part 3 queryables', async () => {
    expect((await get('/ogc/conformance?f=json')).json()).toEqual({
      conformsTo: [
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
        'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables',
        'http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables-query-parameters',
      ],
    })
  })
})

describe('OGC collections', () => {
  it('lists the five collections, each a feature collection in CRS84 with its extent, items and queryables links', async () => {
    const body = (await get('/ogc/collections')).json()
    expect(body.collections.map((c: { id: string }) => c.id)).toEqual(['regions', 'grids', 'service-points', 'households', 'incidents'])
    const regions = body.collections[0]
    expect({ ...regions, links: rels(regions.links), title: undefined, description: undefined }).toEqual({
      id: 'regions',
      itemType: 'feature',
      crs: [CRS84],
      extent: { spatial: { bbox: [[120, 33, 120.02, 33.02]], crs: CRS84 } },
      links: [
        { rel: 'self', href: '/ogc/collections/regions', type: 'application/json' },
        { rel: 'items', href: '/ogc/collections/regions/items', type: 'application/geo+json' },
        { rel: 'items', href: '/ogc/collections/regions/items?f=json', type: 'application/json' },
        { rel: 'http://www.opengis.net/def/rel/ogc/1.0/queryables', href: '/ogc/collections/regions/queryables', type: 'application/schema+json' },
      ],
    })
  })

  it('describes one collection as the list does', async () => {
    const all = (await get('/ogc/collections')).json().collections
    expect((await get('/ogc/collections/grids')).json()).toEqual(all[1])
  })
})

describe('OGC items', () => {
  it('are GeoJSON with numberMatched equal to our own API count, numberReturned and a timeStamp', async () => {
    const response = await get('/ogc/collections/grids/items')
    const body = response.json()
    const api = (await get('/api/grids')).json()
    expect(response.headers['content-type']).toBe('application/geo+json; charset=utf-8')
    expect({
      numberMatched: body.numberMatched,
      numberReturned: body.numberReturned,
      ids: ids(body),
      properties: body.features.map((f: { properties: unknown }) => f.properties),
    }).toEqual({
      numberMatched: api.features.length,
      numberReturned: 2,
      ids: api.features.map((f: { id: number }) => f.id).sort(),
      properties: [...api.features].sort((a, b) => a.id - b.id).map((f: { properties: unknown }) => f.properties),
    })
    expect(Math.abs(Date.parse(body.timeStamp) - Date.now())).toBeLessThan(60_000)
    expect(rels(body.links)).toEqual([
      { rel: 'self', href: '/ogc/collections/grids/items?limit=1000', type: 'application/geo+json' },
      { rel: 'alternate', href: '/ogc/collections/grids/items?limit=1000&f=json', type: 'application/json' },
    ])
  })

  it('page by next links until they stop, every feature exactly once', async () => {
    const seen: unknown[] = []
    let url: string | undefined = '/ogc/collections/regions/items?limit=1'
    let pages = 0
    while (url) {
      const body: { numberMatched: number; features: { id: unknown }[]; links: { rel: string; href: string }[] } = (await get(url)).json()
      seen.push(...ids(body))
      expect(body.numberMatched).toBe(4)
      const next = body.links.find((link) => link.rel === 'next')
      url = next && pathOf(next.href)
      if (++pages > 10) throw new Error('next links never end')
    }
    expect(seen).toEqual(['320924', '320924001', WEST, EAST])
  })

  it('keep only what intersects the bbox, counted in numberMatched', async () => {
    const grids = (await get('/ogc/collections/grids/items?bbox=120,33,120.01,33.005')).json()
    const points = (await get('/ogc/collections/service-points/items?bbox=120.01,33.01,120.02,33.02&limit=1')).json()
    expect([grids.features.map((f: { properties: { name: string } }) => f.properties.name), grids.numberMatched]).toEqual([['西社区南网格'], 1])
    expect([points.features.map((f: { properties: { name: string } }) => f.properties.name), points.numberMatched, pathOf(points.links.at(-1).href)]).toEqual([
      ['卫生站'],
      2,
      '/ogc/collections/service-points/items?bbox=120.01%2C33.01%2C120.02%2C33.02&limit=1&offset=1',
    ])
  })

  it('come as plain JSON with f=json', async () => {
    const response = await get('/ogc/collections/regions/items?f=json')
    expect([response.statusCode, response.headers['content-type'], response.json().numberReturned]).toEqual([200, 'application/json; charset=utf-8', 4])
  })

  it('answer one feature by id with self, alternate and collection links', async () => {
    const [grid] = (await get('/api/grids')).json().features
    const response = await get(`/ogc/collections/grids/items/${grid.id}`)
    const region = (await get(`/ogc/collections/regions/items/${WEST}`)).json()
    expect([response.statusCode, response.headers['content-type']]).toEqual([200, 'application/geo+json; charset=utf-8'])
    expect({ ...response.json(), links: rels(response.json().links) }).toEqual({
      ...grid,
      links: [
        { rel: 'self', href: `/ogc/collections/grids/items/${grid.id}`, type: 'application/geo+json' },
        { rel: 'alternate', href: `/ogc/collections/grids/items/${grid.id}?f=json`, type: 'application/json' },
        { rel: 'collection', href: '/ogc/collections/grids', type: 'application/json' },
      ],
    })
    expect([region.id, region.properties.name, region.geometry.type]).toEqual([WEST, '西社区', 'MultiPolygon'])
  })
})

describe('OGC errors', () => {
  it.each([
    ['a bbox of three numbers', '/ogc/collections/grids/items?bbox=120,33,121', 'invalid_request'],
    ['a bbox with south above north', '/ogc/collections/grids/items?bbox=120,34,121,33', 'invalid_bbox'],
    ['a limit over 10,000', '/ogc/collections/grids/items?limit=10001', 'invalid_request'],
    ['a limit of 0', '/ogc/collections/grids/items?limit=0', 'invalid_request'],
    ['a negative offset', '/ogc/collections/grids/items?offset=-1', 'invalid_request'],
    ['an unknown format', '/ogc/collections?f=html', 'invalid_request'],
  ])('answers %s with 400', async (_name, url, code) => {
    const response = await get(url)
    expect([response.statusCode, response.json().error.code]).toEqual([400, code])
  })

  it.each([
    ['an unknown collection', '/ogc/collections/parcels'],
    ['the items of an unknown collection', '/ogc/collections/parcels/items'],
    ['an unknown grid', '/ogc/collections/grids/items/999999'],
    ['a grid id that is no number', '/ogc/collections/grids/items/abc'],
    ['an unknown region', '/ogc/collections/regions/items/999999'],
  ])('answers %s with 404', async (_name, url) => {
    const response = await get(url)
    expect([response.statusCode, response.json().error.code]).toEqual([404, 'not_found'])
  })
})

describe('OGC access', () => {
  it('serves households and incidents only to readers; regions, grids and service points to anyone', async () => {
    const [household] = (await get('/api/households', who.admin)).json().features
    const statuses = []
    for (const url of [
      '/ogc/collections/households/items',
      `/ogc/collections/households/items/${household.id}`,
      '/ogc/collections/incidents/items',
      '/ogc/collections/incidents/items/1',
    ]) {
      statuses.push([(await get(url)).statusCode, (await get(url, who.display)).statusCode])
    }
    for (const id of ['regions', 'grids', 'service-points']) statuses.push([(await get(`/ogc/collections/${id}/items`)).statusCode])
    expect(statuses).toEqual([[401, 200], [401, 200], [401, 200], [401, 200], [200], [200], [200]])
  })

  it('masks households exactly as /api/households does, for each role', async () => {
    const seen: Record<string, unknown> = {}
    const expected: Record<string, unknown> = {}
    for (const role of ['admin', 'westSupervisor', 'analyst', 'display']) {
      seen[role] = (await get('/ogc/collections/households/items', who[role])).json().features.map((f: { properties: unknown }) => f.properties)
      expected[role] = (await get('/api/households', who[role])).json().features.map((f: { properties: unknown }) => f.properties)
    }
    expect(seen).toEqual(expected)
    expect((seen.westSupervisor as { address?: string }[]).map((p) => p.address)).toEqual(['西社区幸福路1号', '西社区幸福路9号', undefined])
  })

  it('masks one household as the list does', async () => {
    const list = (await get('/ogc/collections/households/items', who.analyst)).json().features
    const one = (await get(`/ogc/collections/households/items/${list[0].id}`, who.analyst)).json()
    expect(one.properties).toEqual(list[0].properties)
    expect(Object.keys(one.properties)).toEqual(['id', 'externalId', 'gridId', 'gridCode'])
  })
})
