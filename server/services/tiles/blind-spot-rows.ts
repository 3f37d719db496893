import type { BlindSpotRow } from '../../repositories/tiles.repository'
import type { BlindSpot } from '../coverage/blind-spots'
import type { CoverageReport } from '../coverage/coverage.service'

type Box = [number, number, number, number]

interface IndexedSpot {
  row: BlindSpotRow
  box: Box
}

/** Reports are shared and immutable once cached: their spots' boxes are worked out once per report. */
const indexed = new WeakMap<CoverageReport, IndexedSpot[]>()

/** Reports of different regions in one tile get ids of their own: the report's ordinal in the high digits. */
const IDS_PER_REPORT = 10_000_000

function boxOf(coordinates: unknown, box: Box = [Infinity, Infinity, -Infinity, -Infinity]): Box {
  if (Array.isArray(coordinates) && typeof coordinates[0] === 'number') {
    const [lng, lat] = coordinates as number[]
    box[0] = Math.min(box[0], lng)
    box[1] = Math.min(box[1], lat)
    box[2] = Math.max(box[2], lng)
    box[3] = Math.max(box[3], lat)
  } else if (Array.isArray(coordinates)) {
    for (const part of coordinates) boxOf(part, box)
  }
  return box
}

/** What a tile says about a blind spot: its kind and where, never who (no names, no household ids). */
function rowOf(spot: BlindSpot, fid: number): BlindSpotRow {
  const p = spot.properties
  return {
    fid,
    kind: p.kind,
    severity: p.severity,
    gridCode: p.gridCode ?? p.gridCodes?.[0],
    communityCode: p.communityCode ?? undefined,
    areaM2: p.areaM2,
    households: p.householdIds?.length ?? (typeof p.households === 'number' ? p.households : undefined),
    geometry: spot.geometry,
  }
}

function index(report: CoverageReport): IndexedSpot[] {
  const known = indexed.get(report)
  if (known) return known
  const spots = report.blindSpots.features.flatMap((spot, position) =>
    spot.geometry ? [{ row: rowOf(spot, position), box: boxOf((spot.geometry as { coordinates: unknown }).coordinates) }] : [],
  )
  indexed.set(report, spots)
  return spots
}

/** The blind spots of the reports whose box meets the tile's candidate box. */
export function blindSpotRows(reports: CoverageReport[], box: Box): BlindSpotRow[] {
  return reports.flatMap((report, ordinal) =>
    index(report)
      .filter((spot) => spot.box[0] <= box[2] && spot.box[2] >= box[0] && spot.box[1] <= box[3] && spot.box[3] >= box[1])
      .map((spot) => ({ ...spot.row, fid: ordinal * IDS_PER_REPORT + spot.row.fid })),
  )
}
