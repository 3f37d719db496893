// shpjs ships no types: the two readers the Shapefile import uses (server/services/import/read-shapefile.ts).
declare module 'shpjs' {
  /** The .shp's geometries, as GeoJSON (null for a null shape); reprojected with proj4 when given a .prj. */
  export function parseShp(shp: ArrayBufferView | ArrayBuffer, prj?: string): ({ type: string; coordinates: unknown } | null)[]
  /** The .dbf's records; `cpg` names their text encoding (a WHATWG label), UTF-8 when absent. */
  export function parseDbf(dbf: ArrayBufferView | ArrayBuffer, cpg?: string): Record<string, unknown>[]
}
