import type { TestApp } from './test-app'
import { collection, feature, point } from '../../fixtures/small-town'

/** Posts a FeatureCollection to the import API as admin and insists it is accepted. */
export async function importAs(t: TestApp, kind: string, ...features: unknown[]): Promise<number[]> {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/import/${kind}`,
    headers: await t.adminHeaders(),
    payload: collection(...features) as object,
  })
  if (response.statusCode !== 201) throw new Error(`import ${kind} failed: ${response.body}`)
  return response.json().ids
}

export const household = (externalId: string, lng: number, lat: number) => feature(point(lng, lat), { externalId, address: `${externalId}号`, population: 2 })

export interface BlindSpotJson {
  geometry: unknown
  properties: {
    kind: string
    severity: string
    areaM2?: number
    householdExternalIds?: string[]
    gridCodes?: string[]
    gridCode?: string
    communityCode?: string | null
    [k: string]: unknown
  }
}

export interface CoverageJson {
  summary: Record<string, unknown> & {
    gridCount: number
    regionAreaM2: number
    coveredAreaM2: number
    gapAreaM2: number
    overlapAreaM2: number
    households: number
    householdsOutside: number
    householdsMulti: number
    service: Record<string, { distanceM: number; servicePoints: number; householdsLacking: number }>
  }
  scores: { grids: { code: string; households: number; score: number; kinds: string[] }[] }
  blindSpots: { features: BlindSpotJson[] }
}

export async function coverage(t: TestApp, region: string, asOf = '2026-11-28T00:00:00+08:00'): Promise<CoverageJson> {
  const response = await t.app.inject({
    method: 'GET',
    url: `/api/coverage?region=${region}&asOf=${encodeURIComponent(asOf)}`,
    headers: await t.readerHeaders(),
  })
  if (response.statusCode !== 200) throw new Error(`coverage failed: ${response.body}`)
  return response.json()
}

export const spots = (report: CoverageJson, kind: string) => report.blindSpots.features.filter((f) => f.properties.kind === kind).map((f) => f.properties)
export const kinds = (report: CoverageJson) => [...new Set(report.blindSpots.features.map((f) => f.properties.kind))].sort()
