import type { Database, Queryable } from '../../db/database'
import { CODE_LENGTH, type RegionLevel } from '../../domain/vocabulary'
import { footprintOf, numberingOrder } from '../../domain/grid-numbering'
import { AppError } from '../../errors'
import { importRepository } from '../../repositories/import.repository'
import { serviceAccessRepository } from '../../repositories/service-access.repository'
import type { SourceCrs } from './geometry-checks'
import {
  parseFeatures, type GridRecord, type HouseholdRecord, type ImportKind, type IncidentRecord, type RegionRecord, type RecordsByKind, type ResolvedRegion,
} from './parse-features'
import type { ProblemList } from './reasons'

export interface ImportResult {
  kind: ImportKind
  inserted: number
  ids: (number | string)[]
}

export interface ImportContext {
  userId: number | null
  username: string
  minAreaM2: number
}

type Repo = ReturnType<typeof importRepository>

const PARENT_LEVEL: Record<RegionLevel, RegionLevel | undefined> = { county: undefined, street: 'county', community: 'street' }

function refuse(problems: ProblemList, total: number): never {
  throw new AppError(422, 'invalid_features', `${problems.size} of ${total} features cannot be imported; nothing was written`, {
    features: problems.toArray(),
  })
}

/**
 * Imports a FeatureCollection all or nothing: every feature is checked (structure, properties,
 * PostGIS validity, references, containment) inside the transaction that writes them, and one bad
 * feature rolls everything back with the reasons for each bad feature by index.
 */
export async function importFeatures(db: Database, kind: ImportKind, features: unknown[], crs: SourceCrs, context: ImportContext): Promise<ImportResult> {
  const { records, problems } = parseFeatures(kind, features, crs)
  return db.transaction(async (tx) => {
    const write = await checkAgainstDatabase(tx, kind, records, problems, context)
    if (problems.size > 0) refuse(problems, features.length)
    const ids = await write()
    return { kind, inserted: ids.length, ids }
  })
}

async function checkAgainstDatabase<K extends ImportKind>(
  tx: Queryable, kind: K, records: RecordsByKind[K][], problems: ProblemList, context: ImportContext,
): Promise<() => Promise<(number | string)[]>> {
  const repo = importRepository(tx)
  switch (kind) {
    case 'regions': {
      const write = await checkRegions(repo, records as RegionRecord[], problems)
      return async () => {
        const codes = await write()
        await serviceAccessRepository(tx).forgetGapAreas() // cached areas are clipped to regions
        return codes
      }
    }
    case 'grids':
      return checkGrids(repo, records as GridRecord[], problems, context)
    case 'households':
      return checkPoints(repo, records as HouseholdRecord[], problems, 'households', async (ok, counties) => {
        const ids = await repo.insertHouseholds(ok, counties)
        await serviceAccessRepository(tx).refreshHouseholds(ids)
        return ids
      })
    case 'service-points':
      return checkPoints(repo, records as RecordsByKind['service-points'][], problems, null, async (ok, counties) => {
        const ids = await repo.insertServicePoints(ok, counties)
        await serviceAccessRepository(tx).addServicePoints(ids)
        return ids
      })
    case 'incidents':
      return checkPoints(repo, records as IncidentRecord[], problems, 'incidents', (ok, counties) => repo.insertIncidents(ok, counties, context.username))
  }
  throw new Error(`unhandled import kind ${kind}`)
}

/** PostGIS's verdict on each polygon; invalid ones never reach an overlay (GEOS would drop them silently). */
async function rejectInvalidPolygons<R extends { index: number; geometry: object }>(repo: Repo, records: R[], problems: ProblemList): Promise<R[]> {
  const invalid = await repo.invalidGeometries(records.map((r) => JSON.stringify(r.geometry)))
  for (const { position, reason } of invalid) problems.add(records[position].index, 'invalid_geometry', `invalid polygon: ${reason}`)
  const bad = new Set(invalid.map((row) => row.position))
  return records.filter((_, position) => !bad.has(position))
}

async function checkRegions(repo: Repo, records: RegionRecord[], problems: ProblemList) {
  const valid = await rejectInvalidPolygons(repo, records, problems)
  const batchCodes = new Map<string, RegionLevel>()
  const seen = new Set<string>()
  for (const r of records) {
    if (seen.has(r.code)) problems.add(r.index, 'duplicate_code', `code ${r.code} appears twice in this import`, 'code')
    seen.add(r.code)
    if (r.code.length === CODE_LENGTH[r.level]) batchCodes.set(r.code, r.level)
  }
  const existing = await repo.regionLevels([...seen, ...records.map((r) => r.parentCode ?? '')])
  const resolved: ResolvedRegion[] = []
  for (const r of valid) {
    if (r.code.length !== CODE_LENGTH[r.level]) {
      problems.add(r.index, 'code_mismatch', `a ${r.level} code has ${CODE_LENGTH[r.level]} digits, ${r.code} has ${r.code.length}`, 'code')
      continue
    }
    if (existing.has(r.code)) problems.add(r.index, 'duplicate_code', `region ${r.code} already exists`, 'code')
    const expectedParent: string | null = r.level === 'county' ? null : r.code.slice(0, CODE_LENGTH[r.level] - 3)
    const parent: string | null = r.parentCode ?? expectedParent
    if (parent !== expectedParent) {
      problems.add(r.index, 'code_mismatch', `parentCode ${r.parentCode} does not match code ${r.code}`, 'parentCode')
      continue
    }
    const parentLevel = parent === null ? undefined : (existing.get(parent) ?? batchCodes.get(parent))
    if (parent !== null && parentLevel !== PARENT_LEVEL[r.level]) {
      problems.add(r.index, 'unknown_region', `parent region ${parent} does not exist`, 'parentCode')
      continue
    }
    resolved.push({ ...r, parentCode: parent })
  }
  return () => repo.insertRegions(resolved)
}

async function checkGrids(repo: Repo, records: GridRecord[], problems: ProblemList, context: ImportContext) {
  const communities = await repo.regionLevels(records.map((r) => r.communityCode))
  const known = records.filter((r) => {
    if (communities.get(r.communityCode) === 'community') return true
    problems.add(r.index, 'unknown_region', `community ${r.communityCode} does not exist`, 'communityCode')
    return false
  })
  const valid = await rejectInvalidPolygons(repo, known, problems)
  const outside = await repo.areaOutsideCommunity(valid.map((r) => JSON.stringify(r.geometry)), valid.map((r) => r.communityCode))
  valid.forEach((r, position) => {
    if (outside[position] > context.minAreaM2) {
      problems.add(r.index, 'outside_community', `${outside[position].toFixed(1)} m² lies outside community ${r.communityCode}`)
    }
  })

  const given = records.filter((r) => r.code !== undefined).map((r) => r.code as string)
  const taken = await repo.existingGridCodes(given)
  const seen = new Set<string>()
  for (const r of records) {
    if (r.code === undefined) continue
    if (!r.code.startsWith(r.communityCode)) problems.add(r.index, 'code_mismatch', `grid code ${r.code} does not start with community ${r.communityCode}`, 'code')
    if (taken.has(r.code)) problems.add(r.index, 'duplicate_code', `grid ${r.code} already exists`, 'code')
    if (seen.has(r.code)) problems.add(r.index, 'duplicate_code', `code ${r.code} appears twice in this import`, 'code')
    seen.add(r.code)
  }
  const coded = await assignGridCodes(repo, valid, seen, problems)
  return async () => (await repo.insertGrids(coded, context.userId)).map((row) => row.id)
}

/** Grids without a code get the community's next free sequences, in west→east, north→south order. */
async function assignGridCodes(repo: Repo, records: GridRecord[], usedInBatch: Set<string>, problems: ProblemList) {
  const highest = await repo.highestGridSequence([...new Set(records.map((r) => r.communityCode))])
  for (const code of usedInBatch) {
    const community = code.slice(0, 12)
    highest.set(community, Math.max(highest.get(community) ?? 0, Number(code.slice(12))))
  }
  const uncoded = records.filter((r) => r.code === undefined)
  const order = numberingOrder(uncoded.map((r) => footprintOf(r.geometry.coordinates)))
  const codes = new Map<GridRecord, string>()
  for (const position of order) {
    const r = uncoded[position]
    const next = (highest.get(r.communityCode) ?? 0) + 1
    if (next > 999) {
      problems.add(r.index, 'invalid_property', `community ${r.communityCode} has no free grid sequence left`, 'code')
      continue
    }
    highest.set(r.communityCode, next)
    codes.set(r, r.communityCode + String(next).padStart(3, '0'))
  }
  return records.map((r) => ({ ...r, code: r.code ?? codes.get(r) ?? '' }))
}

async function checkPoints<R extends { index: number; geometry: { coordinates: [number, number] }; externalId?: string }>(
  repo: Repo,
  records: R[],
  problems: ProblemList,
  uniqueIn: 'households' | 'incidents' | null,
  insert: (records: R[], counties: string[]) => Promise<number[]>,
) {
  const counties = await repo.countyOfPoints(records)
  const located: { record: R; county: string }[] = []
  records.forEach((record, position) => {
    const county = counties[position]
    if (county) located.push({ record, county })
    else problems.add(record.index, 'outside_regions', `[${record.geometry.coordinates.join(', ')}] lies in no known region`)
  })
  if (uniqueIn) {
    const keyOf = ({ record, county }: { record: R; county: string }) => `${county}/${record.externalId}`
    const existing = await repo.existingExternalIds(uniqueIn, located.map((l) => ({ county: l.county, externalId: l.record.externalId as string })))
    const seen = new Set<string>()
    for (const item of located) {
      const key = keyOf(item)
      if (existing.has(key)) problems.add(item.record.index, 'duplicate_external_id', `externalId ${item.record.externalId} already exists`, 'externalId')
      else if (seen.has(key)) problems.add(item.record.index, 'duplicate_external_id', `externalId ${item.record.externalId} appears twice in this import`, 'externalId')
      seen.add(key)
    }
  }
  return () => insert(located.map((l) => l.record), located.map((l) => l.county))
}
