import { expect } from 'vitest'
import { smallTownRegions, westGrids } from '../../fixtures/small-town'
import type { TestApp } from './test-app'

/** Logs in as admin, imports the small town's regions and west grids, and returns an import poster. */
export async function importSmallTown(t: TestApp) {
  const headers = await t.adminHeaders()
  const post = (kind: string, body: unknown) => t.app.inject({ method: 'POST', url: `/api/import/${kind}`, headers, payload: body as object })
  expect((await post('regions', smallTownRegions)).statusCode).toBe(201)
  expect((await post('grids', westGrids)).statusCode).toBe(201)
  return { headers, post }
}
