import type { Database } from '../../db/database'
import { AppError } from '../../errors'
import { undoJournaled, writeAllOrNothing, type WrittenId } from './all-or-nothing'
import type { SourceCrs } from './geometry-checks'
import { parseFeatures, type ImportKind } from './parse-features'
import { checkRecords } from './record-checks'
import { WRITERS } from './record-writers'
import type { ProblemList } from './reasons'
import type { ImportWarning } from './warnings'

export interface ImportResult {
  kind: ImportKind
  inserted: number
  ids: WrittenId[]
  /** Coverage findings of a grid import (overlaps, parts outside the community, gaps), imported anyway. */
  warnings: ImportWarning[]
}

export interface ImportContext {
  userId: number | null
  username: string
  minAreaM2: number
  /** Refuse coverage findings instead of importing them with warnings. */
  strict: boolean
}

function refuse(problems: ProblemList, total: number): never {
  throw new AppError(422, 'invalid_features', `${problems.size} of ${total} features cannot be imported; nothing was written`, {
    features: problems.toArray(),
  })
}

function refuseFindings(findings: ImportWarning[]): never {
  throw new AppError(422, 'coverage_findings', `${findings.length} coverage findings, and strict=true refuses them; nothing was written`, { findings })
}

/**
 * Imports a FeatureCollection all or nothing. Every feature is checked first (structure,
 * properties, PostGIS validity, references, and for grids the coverage they leave), in short
 * read-only statements; one bad feature refuses the import with the reasons for each bad feature
 * by index, before anything is written. Then all-or-nothing.ts writes it.
 */
export async function importFeatures(db: Database, kind: ImportKind, features: unknown[], crs: SourceCrs, context: ImportContext): Promise<ImportResult> {
  const { records, problems } = await parseFeatures(kind, features, crs)
  const { rows, warnings } = await checkRecords(db, kind, records, problems, context.minAreaM2)
  if (problems.size > 0) refuse(problems, features.length)
  if (context.strict && warnings.length > 0) refuseFindings(warnings)
  const ids = await writeAllOrNothing(db, kind, rows as never[], WRITERS[kind], context)
  return { kind, inserted: ids.length, ids, warnings }
}

/** At start-up: undoes what imports cut off by a crash had committed (see all-or-nothing.ts). */
export async function recoverInterruptedImports(db: Database): Promise<number> {
  try {
    return await undoJournaled(db, (kind) => WRITERS[kind as ImportKind]?.undo)
  } catch (error) {
    // undefined_table: a database not migrated yet (the app may be ready first) has nothing to undo.
    if ((error as { code?: string })?.code === '42P01') return 0
    throw error
  }
}
