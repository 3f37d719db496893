/**
 * Grid geometry is stored at exactly the precision the API serves it, so what a client reads
 * saves back unchanged: GET /api/grids prints SERVED_DECIMALS decimals (1e-7°, about 1 cm), and
 * a grid stored with more would come back a few millimetres off — over a 1 km edge, square
 * metres of "overlap" with the neighbour that still has the exact edge.
 */
export const SERVED_DECIMALS = 7
const STEP = '1e-7'

/**
 * A coordinate is stored as the very double a client gets by parsing what is served. ST_SnapToGrid
 * alone computes n × 1e-7, which on PostGIS 3.3 is often one ulp away from the parsed n / 10⁷; the
 * round trip through the served text makes storage and every client agree to the bit.
 */
const asServed = (geom: string) => `ST_SetSRID(ST_GeomFromGeoJSON(ST_AsGeoJSON(${geom}, ${SERVED_DECIMALS})), 4326)`

/** Any geometry (a split's blade) on the served grid; unlike storedShape, nothing is repaired. */
export const onServedGrid = (geom: string) => asServed(`ST_SnapToGrid(${geom}, ${STEP})`)

/**
 * The stored form of a polygonal geometry, which every write of grid geometry goes through (edits,
 * split, merge, import, migration 011). Callers check the input valid first: a broken polygon is
 * refused with PostGIS's reason, not silently repaired, and on the embedded engine a GEOS error is
 * zero rows, not an exception. Snapping drops repeated points and collapsed rings, and is the
 * same per coordinate, so grids sharing an edge still share it after. Rarely it makes a ring touch
 * itself: only then is the shape repaired, and re-snapped, since the repair adds nodes. The result
 * is a MultiPolygon, empty when nothing wider than the grid step was left.
 */
export const storedShape = (geom: string) =>
  `(SELECT ST_Multi(ST_CollectionExtract(${asServed(`CASE WHEN ST_IsValid(snapped) THEN snapped ELSE ST_ReducePrecision(ST_MakeValid(snapped, 'method=structure'), ${STEP}) END`)}, 3))
      FROM (SELECT ST_SnapToGrid(${geom}, ${STEP}) AS snapped) grid_step)`

/**
 * Whether an overlap (or area outside a community) is more than precision noise: something wider
 * than two grid steps (~2 cm) somewhere. A vertex put on a neighbour's edge lands, once stored,
 * within 0.71 grid steps of it, which over a long edge is a thin sliver of a few m².
 */
export const beyondNoise = (geom: string) => `NOT ST_IsEmpty(ST_Buffer(${geom}, -${STEP}))`
