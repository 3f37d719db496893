export interface Footprint {
  minLng: number
  minLat: number
  maxLng: number
  maxLat: number
}

/**
 * Orders grids the way codes are handed out: rows north→south, west→east within a row. Two
 * grids share a row when their centres are less than half a typical grid height apart in latitude.
 * Returns the input indexes in numbering order.
 */
export function numberingOrder(footprints: Footprint[]): number[] {
  if (footprints.length === 0) return []
  const heights = footprints.map((f) => f.maxLat - f.minLat).sort((a, b) => a - b)
  const tolerance = heights[Math.floor(heights.length / 2)] / 2
  const centres = footprints.map((f, index) => ({ index, lng: (f.minLng + f.maxLng) / 2, lat: (f.minLat + f.maxLat) / 2 }))
  centres.sort((a, b) => b.lat - a.lat)
  const rows: (typeof centres)[] = []
  for (const centre of centres) {
    const row = rows[rows.length - 1]
    if (row && row[0].lat - centre.lat < tolerance) row.push(centre)
    else rows.push([centre])
  }
  return rows.flatMap((row) => row.sort((a, b) => a.lng - b.lng).map((centre) => centre.index))
}

export function footprintOf(polygons: [number, number][][][]): Footprint {
  const footprint = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity }
  for (const polygon of polygons) {
    for (const [lng, lat] of polygon[0]) {
      footprint.minLng = Math.min(footprint.minLng, lng)
      footprint.maxLng = Math.max(footprint.maxLng, lng)
      footprint.minLat = Math.min(footprint.minLat, lat)
      footprint.maxLat = Math.max(footprint.maxLat, lat)
    }
  }
  return footprint
}
