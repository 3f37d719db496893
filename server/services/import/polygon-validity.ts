import type { Queryable } from '../../db/database'
import { importRepository } from '../../repositories/import.repository'
import { inPacedChunks } from './chunk-pacer'
import type { ProblemList } from './reasons'

/** PostGIS's verdict (ST_IsValid, the judge the tables' constraints use): invalid positions in `geometries`, with the reason. */
export async function invalidPositions(db: Queryable, geometries: object[]): Promise<Map<number, string>> {
  const repo = importRepository(db)
  const rows = await inPacedChunks(geometries, async (chunk, _last, start) =>
    (await repo.invalidGeometries(chunk.map((g) => JSON.stringify(g)))).map((row) => ({ position: row.position + start, reason: row.reason })),
  )
  return new Map(rows.map((row) => [row.position, row.reason]))
}

/** Drops (and reports) invalid polygons before any overlay sees them: GEOS on the embedded engine would drop them silently. */
export async function rejectInvalidPolygons<R extends { index: number; geometry: object }>(db: Queryable, records: R[], problems: ProblemList): Promise<R[]> {
  const invalid = await invalidPositions(
    db,
    records.map((r) => r.geometry),
  )
  for (const [position, reason] of invalid) problems.add(records[position].index, 'invalid_geometry', `invalid polygon: ${reason}`)
  return records.filter((_, position) => !invalid.has(position))
}
