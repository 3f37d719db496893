import { yieldToEventLoop } from './chunk-pacer'
import { checkPoint, checkPolygons, type CheckedPoint, type CheckedPolygons, type SourceCrs } from './geometry-checks'
import { PropertyReader, readGridProps, readHouseholdProps, readIncidentProps, readRegionProps, readServicePointProps } from './property-checks'
import { ProblemList } from './reasons'

import type { ImportKind } from '../../domain/import-vocabulary'

export { IMPORT_KINDS, type ImportKind } from '../../domain/import-vocabulary'

type Defined<T> = { [K in keyof T]: Exclude<T[K], undefined> }
type Indexed<P, G> = Defined<P> & { index: number; geometry: G }

export type RegionRecord = Indexed<Omit<ReturnType<typeof readRegionProps>, 'parentCode'>, CheckedPolygons> & { parentCode?: string }
/** A region whose parent has been resolved from its code (null for a county). */
export type ResolvedRegion = Omit<RegionRecord, 'parentCode'> & { parentCode: string | null }
export type GridRecord = Indexed<Omit<ReturnType<typeof readGridProps>, 'code'>, CheckedPolygons> & { code?: string }
export type HouseholdRecord = Indexed<ReturnType<typeof readHouseholdProps>, CheckedPoint>
export type ServicePointRecord = Indexed<ReturnType<typeof readServicePointProps>, CheckedPoint>
export type IncidentRecord = Indexed<ReturnType<typeof readIncidentProps>, CheckedPoint>

export interface RecordsByKind {
  regions: RegionRecord
  grids: GridRecord
  households: HouseholdRecord
  'service-points': ServicePointRecord
  incidents: IncidentRecord
}

const READERS = {
  regions: { props: readRegionProps, geometry: checkPolygons, optional: ['parentCode'] },
  grids: { props: readGridProps, geometry: checkPolygons, optional: ['code'] },
  households: { props: readHouseholdProps, geometry: checkPoint, optional: [] },
  'service-points': { props: readServicePointProps, geometry: checkPoint, optional: [] },
  incidents: { props: readIncidentProps, geometry: checkPoint, optional: [] },
} as const

/**
 * The database-free half of an import: every feature's shape, geometry structure and properties,
 * with coordinates converted to WGS84. Returns the usable records and the problems by index.
 */
export async function parseFeatures<K extends ImportKind>(
  kind: K,
  features: unknown[],
  crs: SourceCrs,
): Promise<{ records: RecordsByKind[K][]; problems: ProblemList }> {
  const problems = new ProblemList()
  const reader = READERS[kind]
  const records: RecordsByKind[K][] = []
  // Tens of thousands of features (datum conversion included) take a while: let requests in now and then.
  let lastYield = performance.now()
  for (const [index, feature] of features.entries()) {
    if (index % 256 === 0 && performance.now() - lastYield > YIELD_EVERY_MS) {
      await yieldToEventLoop()
      lastYield = performance.now()
    }
    const record = parseFeature(reader, feature, index, crs, problems)
    if (record) records.push(record as unknown as RecordsByKind[K])
  }
  return { records, problems }
}

const YIELD_EVERY_MS = 50

function parseFeature(reader: (typeof READERS)[ImportKind], feature: unknown, index: number, crs: SourceCrs, problems: ProblemList): object | undefined {
  const f = feature as { type?: unknown; geometry?: unknown; properties?: unknown } | null
  if (!f || typeof f !== 'object' || f.type !== 'Feature') {
    problems.add(index, 'not_a_feature', 'expected a GeoJSON Feature object')
    return undefined
  }
  const props = f.properties && typeof f.properties === 'object' ? (f.properties as Record<string, unknown>) : {}
  const values = reader.props(new PropertyReader(props, index, problems)) as Record<string, unknown>
  const geometry = reader.geometry(f.geometry, { index, crs, problems })
  if (problems.has(index) || !geometry) return undefined
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined && !(reader.optional as readonly string[]).includes(key)) return undefined
  }
  return { ...values, index, geometry }
}
