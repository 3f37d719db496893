import { importJournalRepository } from '../../repositories/import-journal.repository'
import { importRepository } from '../../repositories/import.repository'
import { serviceAccessRepository } from '../../repositories/service-access.repository'
import type { RecordWriter } from './all-or-nothing'
import type { HouseholdRecord, ImportKind, IncidentRecord, ResolvedRegion, ServicePointRecord } from './parse-features'
import type { CodedGrid, Located } from './record-checks'

const records = <R>(rows: Located<R>[]) => rows.map((row) => row.record)
const counties = <R>(rows: Located<R>[]) => rows.map((row) => row.county)

const regions: RecordWriter<ResolvedRegion> = {
  async write(tx, rows) {
    const codes = await importRepository(tx).insertRegions(rows)
    await serviceAccessRepository(tx).forgetGapAreas() // cached areas are clipped to regions
    return codes
  },
}

const grids: RecordWriter<CodedGrid> = {
  async write(tx, rows, context) {
    return (await importRepository(tx).insertGrids(rows, context.userId)).map((row) => row.id)
  },
}

const households: RecordWriter<Located<HouseholdRecord>> = {
  async write(tx, rows) {
    const ids = await importRepository(tx).insertHouseholds(records(rows), counties(rows))
    await serviceAccessRepository(tx).refreshHouseholds(ids)
    return ids
  },
  undo: (tx, ids) => importJournalRepository(tx).deleteHouseholds(ids),
}

const servicePoints: RecordWriter<Located<ServicePointRecord>> = {
  async write(tx, rows) {
    const ids = await importRepository(tx).insertServicePoints(records(rows), counties(rows))
    await serviceAccessRepository(tx).addServicePoints(ids)
    return ids
  },
}

const incidents: RecordWriter<Located<IncidentRecord>> = {
  write: (tx, rows, context) => importRepository(tx).insertIncidents(records(rows), counties(rows), context.username),
  undo: (tx, ids) => importJournalRepository(tx).deleteIncidents(ids),
}

/** How each kind's checked rows are written (all-or-nothing.ts decides the transactions). */
export const WRITERS: Record<ImportKind, RecordWriter<never>> = {
  regions,
  grids,
  households,
  'service-points': servicePoints,
  incidents,
} as Record<ImportKind, RecordWriter<never>>
