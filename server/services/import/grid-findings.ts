import type { Queryable } from '../../db/database'
import { importGridsRepository } from '../../repositories/import-grids.repository'
import { inPacedChunks } from './chunk-pacer'
import type { GridRecord } from './parse-features'
import { invalidPositions } from './polygon-validity'
import type { ProblemList } from './reasons'
import { snapToEdges } from './snap-to-edge'

/** A grid record with the shape it will be stored in (hex EWKB). */
export type ShapedGrid = GridRecord & { stored: string }

/** A coverage finding before the grids have codes: by feature index. */
export type GridFinding =
  | { kind: 'outside_community'; index: number; communityCode: string; areaM2: number }
  | { kind: 'overlap'; index: number; communityCode: string; areaM2: number; otherCode?: string; otherIndex?: number }
  | { kind: 'gap'; communityCode: string; areaM2: number }

/**
 * Grids as they will be stored, and what they do to coverage. Vertices within 5 cm of their
 * community's edge go onto it first, so that datum-conversion noise never becomes a finding; then
 * each grid is judged in its stored shape, the one the coverage report will see. Exact duplicates
 * and shapes that vanish at the stored precision are broken data (problems); overlaps, parts
 * outside the community and gaps are findings. Every input must be valid (checked before).
 */
export async function shapeGrids(
  db: Queryable,
  records: GridRecord[],
  problems: ProblemList,
  minAreaM2: number,
): Promise<{ grids: ShapedGrid[]; findings: GridFinding[] }> {
  const repo = importGridsRepository(db)
  const snapped = await snapToCommunities(db, records)
  const stored = await inPacedChunks(snapped, (chunk) => repo.storedShapes(chunk.map((r) => JSON.stringify(r.geometry))))
  const grids: ShapedGrid[] = []
  snapped.forEach((r, position) => {
    const shape = stored[position]
    if (shape) grids.push({ ...r, stored: shape })
    else problems.add(r.index, 'empty_geometry', 'nothing of the polygon is left at the stored precision (1e-7°, about 1 cm)')
  })

  const findings: GridFinding[] = []
  const existing = await inPacedChunks(grids, async (chunk, _last, start) =>
    (
      await repo.againstExisting(
        chunk.map((g) => g.stored),
        chunk.map((g) => g.communityCode),
        minAreaM2,
      )
    ).map((f) => ({ ...f, position: f.position + start })),
  )
  for (const f of existing) {
    const g = grids[f.position]
    if (f.kind === 'duplicate') problems.add(g.index, 'duplicate_geometry', `the same shape as grid ${f.otherCode}`)
    else if (f.kind === 'outside_community') findings.push({ kind: 'outside_community', index: g.index, communityCode: g.communityCode, areaM2: f.areaM2 })
    else findings.push({ kind: 'overlap', index: g.index, communityCode: g.communityCode, areaM2: f.areaM2, otherCode: f.otherCode ?? undefined })
  }
  for (const pair of await repo.amongThemselves(
    grids.map((g) => g.stored),
    minAreaM2,
  )) {
    const [a, b] = [grids[pair.a], grids[pair.b]]
    if (pair.equal) problems.add(b.index, 'duplicate_geometry', `the same shape as feature ${a.index} of this import`)
    else findings.push({ kind: 'overlap', index: b.index, communityCode: b.communityCode, areaM2: pair.areaM2, otherIndex: a.index })
  }
  for (const community of [...new Set(grids.map((g) => g.communityCode))].sort()) {
    const area = await repo.gapAfter(
      community,
      grids.map((g) => g.stored),
      minAreaM2,
    )
    if (area > 0) findings.push({ kind: 'gap', communityCode: community, areaM2: area })
  }
  return { grids, findings }
}

/** Each grid snapped to its community's edges; one that snapping made invalid keeps its shape as drawn. */
async function snapToCommunities(db: Queryable, records: GridRecord[]): Promise<GridRecord[]> {
  const rings = await importGridsRepository(db).communityRings([...new Set(records.map((r) => r.communityCode))])
  const snapped = records.map((r) => {
    const edges = rings.get(r.communityCode)
    if (!edges) return r
    const { polygons, moved } = snapToEdges(r.geometry.coordinates, edges)
    return moved > 0 ? { ...r, geometry: { type: 'MultiPolygon' as const, coordinates: polygons } } : r
  })
  const changed = snapped.flatMap((r, position) => (r !== records[position] ? [position] : []))
  const invalid = await invalidPositions(
    db,
    changed.map((position) => snapped[position].geometry),
  )
  for (const position of invalid.keys()) snapped[changed[position]] = records[changed[position]]
  return snapped
}
