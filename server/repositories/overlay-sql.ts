/**
 * Every overlay runs with a fixed precision (1e-9°, about 0.1 mm). Floating-point overlay can
 * throw a TopologyException on nearly coincident edges — an error on PostGIS, and on the embedded
 * engine zero rows with no error at all. Snap-rounded overlay (GEOS OverlayNG) never fails, and
 * what it moves is far below COVERAGE_MIN_AREA_M2.
 */
export const GRID_SIZE = '1e-9'
/**
 * Results keep only their polygonal part: two polygons sharing an edge intersect in a line, and
 * OverlayNG refuses a GeometryCollection as the input of the next overlay.
 */
const polygonal = (geom: string) => `ST_CollectionExtract(${geom}, 3)`

export const union = (geom: string) => `ST_Union(${geom}, ${GRID_SIZE})`
export const difference = (a: string, b: string) => polygonal(`ST_Difference(${a}, ${b}, ${GRID_SIZE})`)
export const intersection = (a: string, b: string) => polygonal(`ST_Intersection(${a}, ${b}, ${GRID_SIZE})`)
