// The GeoJSON shapes the server reads and writes, as plain types (RFC 7946, WGS84 longitude/latitude).

/** A longitude/latitude pair. */
export type Position = [number, number]

export interface PointGeometry {
  type: 'Point'
  coordinates: Position
}

export interface MultiPolygonGeometry {
  type: 'MultiPolygon'
  coordinates: Position[][][]
}
