import type { Queryable } from '../../db/database'
import { footprintOf, numberingOrder } from '../../domain/grid-numbering'
import { CODE_LENGTH, type RegionLevel } from '../../domain/vocabulary'
import { importRepository } from '../../repositories/import.repository'
import { inPacedChunks } from './chunk-pacer'
import { shapeGrids, type GridFinding, type ShapedGrid } from './grid-findings'
import type { GridRecord, ImportKind, RecordsByKind, RegionRecord, ResolvedRegion } from './parse-features'
import { rejectInvalidPolygons } from './polygon-validity'
import type { ProblemList } from './reasons'
import { warn, type ImportWarning } from './warnings'

/** A grid ready to write: its stored shape and its code. */
export type CodedGrid = ShapedGrid & { code: string }
/** A point feature with the county it lies in. */
export interface Located<R> {
  record: R
  county: string
}

export interface Checked {
  rows: unknown[]
  warnings: ImportWarning[]
}

type Repo = ReturnType<typeof importRepository>
type PointRecord = { index: number; geometry: { coordinates: [number, number] }; externalId?: string }

const PARENT_LEVEL: Record<RegionLevel, RegionLevel | undefined> = { county: undefined, street: 'county', community: 'street' }

/**
 * The database half of an import's checks: validity, references, uniqueness, and for grids their
 * stored shape and coverage findings. Read-only, in short statements, before anything is written:
 * what fails here is reported in `problems`; what passes comes back as rows ready to write.
 */
export async function checkRecords<K extends ImportKind>(
  db: Queryable,
  kind: K,
  records: RecordsByKind[K][],
  problems: ProblemList,
  minAreaM2: number,
): Promise<Checked> {
  switch (kind) {
    case 'regions':
      return { rows: await checkRegions(db, records as RegionRecord[], problems), warnings: [] }
    case 'grids':
      return checkGrids(db, records as GridRecord[], problems, minAreaM2)
    case 'households':
      return { rows: await checkPoints(db, records as PointRecord[], problems, 'households'), warnings: [] }
    case 'service-points':
      return { rows: await checkPoints(db, records as PointRecord[], problems, null), warnings: [] }
    case 'incidents':
      return { rows: await checkPoints(db, records as PointRecord[], problems, 'incidents'), warnings: [] }
  }
  throw new Error(`unhandled import kind ${kind}`)
}

async function checkRegions(db: Queryable, records: RegionRecord[], problems: ProblemList): Promise<ResolvedRegion[]> {
  const valid = await rejectInvalidPolygons(db, records, problems)
  const batchCodes = new Map<string, RegionLevel>()
  const seen = new Set<string>()
  for (const r of records) {
    if (seen.has(r.code)) problems.add(r.index, 'duplicate_code', `code ${r.code} appears twice in this import`, 'code')
    seen.add(r.code)
    if (r.code.length === CODE_LENGTH[r.level]) batchCodes.set(r.code, r.level)
  }
  const existing = await importRepository(db).regionLevels([...seen, ...records.map((r) => r.parentCode ?? '')])
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
  // Parents before children, however the rows are cut into chunks.
  return resolved.sort((a, b) => a.code.length - b.code.length)
}

async function checkGrids(db: Queryable, records: GridRecord[], problems: ProblemList, minAreaM2: number): Promise<Checked> {
  const repo = importRepository(db)
  const communities = await repo.regionLevels(records.map((r) => r.communityCode))
  const known = records.filter((r) => {
    if (communities.get(r.communityCode) === 'community') return true
    problems.add(r.index, 'unknown_region', `community ${r.communityCode} does not exist`, 'communityCode')
    return false
  })
  const valid = await rejectInvalidPolygons(db, known, problems)
  const { grids, findings } = await shapeGrids(db, valid, problems, minAreaM2)

  const given = records.filter((r) => r.code !== undefined).map((r) => r.code as string)
  const taken = await repo.existingGridCodes(given)
  const seen = new Set<string>()
  for (const r of records) {
    if (r.code === undefined) continue
    if (!r.code.startsWith(r.communityCode))
      problems.add(r.index, 'code_mismatch', `grid code ${r.code} does not start with community ${r.communityCode}`, 'code')
    if (taken.has(r.code)) problems.add(r.index, 'duplicate_code', `grid ${r.code} already exists`, 'code')
    if (seen.has(r.code)) problems.add(r.index, 'duplicate_code', `code ${r.code} appears twice in this import`, 'code')
    seen.add(r.code)
  }
  const coded = await assignGridCodes(repo, grids, seen, problems)
  const codeOf = new Map(coded.map((g) => [g.index, g.code]))
  // In code order, so the ids come back in code order however the rows are cut into chunks.
  return { rows: coded.sort((a, b) => a.code.localeCompare(b.code)), warnings: sortWarnings(findings.map((f) => toWarning(f, codeOf))) }
}

function toWarning(f: GridFinding, codeOf: Map<number, string>): ImportWarning {
  if (f.kind === 'gap') return warn.gap(f.communityCode, f.areaM2)
  const code = codeOf.get(f.index) ?? ''
  if (f.kind === 'outside_community') return warn.outside(f.index, code, f.communityCode, f.areaM2)
  const other = f.otherIndex === undefined ? { code: f.otherCode ?? '' } : { code: codeOf.get(f.otherIndex) ?? '', index: f.otherIndex }
  return warn.overlap(f.index, code, f.communityCode, f.areaM2, other)
}

/** By feature, then kind and other grid; gaps (a community's, not a feature's) last. */
function sortWarnings(warnings: ImportWarning[]): ImportWarning[] {
  const key = (w: ImportWarning) => [w.index ?? Number.MAX_SAFE_INTEGER, w.kind, w.otherCode ?? '', w.communityCode] as const
  return warnings.sort((a, b) => {
    const [x, y] = [key(a), key(b)]
    return x[0] - y[0] || x[1].localeCompare(y[1]) || x[2].localeCompare(y[2]) || x[3].localeCompare(y[3])
  })
}

/** Grids without a code get the community's next free sequences, in west→east, north→south order. */
async function assignGridCodes(repo: Repo, records: ShapedGrid[], usedInBatch: Set<string>, problems: ProblemList): Promise<CodedGrid[]> {
  const highest = await repo.highestGridSequence([...new Set(records.map((r) => r.communityCode))])
  for (const code of usedInBatch) {
    const community = code.slice(0, 12)
    highest.set(community, Math.max(highest.get(community) ?? 0, Number(code.slice(12))))
  }
  const uncoded = records.filter((r) => r.code === undefined)
  const order = numberingOrder(uncoded.map((r) => footprintOf(r.geometry.coordinates)))
  const codes = new Map<ShapedGrid, string>()
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

async function checkPoints<R extends PointRecord>(
  db: Queryable,
  records: R[],
  problems: ProblemList,
  uniqueIn: 'households' | 'incidents' | null,
): Promise<Located<R>[]> {
  const repo = importRepository(db)
  const counties = await inPacedChunks(records, (chunk) => repo.countyOfPoints(chunk))
  const located: Located<R>[] = []
  records.forEach((record, position) => {
    const county = counties[position]
    if (county) located.push({ record, county })
    else problems.add(record.index, 'outside_regions', `[${record.geometry.coordinates.join(', ')}] lies in no known region`)
  })
  if (uniqueIn) {
    const keyOf = ({ record, county }: Located<R>) => `${county}/${record.externalId}`
    const existing = new Set(
      await inPacedChunks(located, async (chunk) => [
        ...(await repo.existingExternalIds(
          uniqueIn,
          chunk.map((l) => ({ county: l.county, externalId: l.record.externalId as string })),
        )),
      ]),
    )
    const seen = new Set<string>()
    for (const item of located) {
      const key = keyOf(item)
      if (existing.has(key)) problems.add(item.record.index, 'duplicate_external_id', `externalId ${item.record.externalId} already exists`, 'externalId')
      else if (seen.has(key))
        problems.add(item.record.index, 'duplicate_external_id', `externalId ${item.record.externalId} appears twice in this import`, 'externalId')
      seen.add(key)
    }
  }
  return located
}
