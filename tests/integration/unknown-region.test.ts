import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { editorTown } from './helpers/grid-edit-fixture'
import { createTestApp, type TestApp } from './helpers/test-app'

/**
 * A well-formed region code that names no region is answered alike by every route that takes a
 * region (server/services/known-region.ts says why 400 invalid_filter): an empty answer would look
 * like a quiet place, and a client should not have to learn one answer per route.
 */
let t: TestApp
let admin: Record<string, string>

beforeAll(async () => {
  t = await createTestApp()
  ;({ headers: admin } = await editorTown(t))
})
afterAll(() => t.close())

const ROUTES: ((region: string) => string)[] = [
  (r) => `/api/incidents?region=${r}`,
  (r) => `/api/incidents/aggregate?cell=hex&sizeM=500&region=${r}`,
  (r) => `/api/incidents/kpis?region=${r}`,
  (r) => `/api/incidents/stats?region=${r}`,
  (r) => `/api/incidents/export?format=csv&region=${r}`,
  (r) => `/api/incidents/points.bin?region=${r}`,
  (r) => `/api/grids?region=${r}`,
  (r) => `/api/households?region=${r}`,
  (r) => `/api/coverage?region=${r}`,
  (r) => `/api/stats/overview?region=${r}`,
  (r) => `/api/stats/blind-spots?region=${r}`,
  (r) => `/api/stats/points?layer=households&region=${r}`,
  (r) => `/tiles/grids/12/3413/1649.pbf?region=${r}`,
  (r) => `/tiles/households/12/3413/1649.pbf?region=${r}`,
  (r) => `/tiles/incidents/12/3413/1649.pbf?region=${r}`,
  (r) => `/tiles/blind-spots/12/3413/1649.pbf?region=${r}`,
  (r) => `/tiles/households.json?region=${r}`,
]

describe('an unknown region', () => {
  // A county, a street and a community code that exist nowhere in the town.
  it.each(['320999', '320924999', '320924001999'])('%s: every route that takes a region answers 400 invalid_filter naming it', async (region) => {
    const answers = []
    for (const url of ROUTES.map((route) => route(region))) {
      const response = await t.app.inject({ method: 'GET', url, headers: admin })
      answers.push([url, response.statusCode, response.json().error])
    }
    const expected = { code: 'invalid_filter', message: `region: no region "${region}"`, details: { parameter: 'region' } }
    expect(answers).toEqual(ROUTES.map((route) => [route(region), 400, expected]))
  })
})
