// Reading our tiles back as a map would: @mapbox/vector-tile (MapLibre's own decoder).
import { VectorTile } from '@mapbox/vector-tile'
import { PbfReader } from 'pbf'

export interface TileXYZ {
  z: number
  x: number
  y: number
}

export interface DecodedFeature {
  id: number | undefined
  properties: Record<string, unknown>
  /** In longitude/latitude, as toGeoJSON gives it back. */
  geometry: { type: string; coordinates: unknown }
  /** Tile units, as stored. */
  rings: { x: number; y: number }[][]
}

/** Every layer's features; an empty body (204) is a tile without layers. */
export function decodeTile(bytes: Uint8Array, { z, x, y }: TileXYZ): Record<string, DecodedFeature[]> {
  const tile = new VectorTile(new PbfReader(bytes))
  const layers: Record<string, DecodedFeature[]> = {}
  for (const [name, layer] of Object.entries(tile.layers)) {
    layers[name] = Array.from({ length: layer.length }, (_, index) => {
      const feature = layer.feature(index)
      return {
        id: feature.id,
        properties: { ...feature.properties },
        geometry: feature.toGeoJSON(x, y, z).geometry as DecodedFeature['geometry'],
        rings: feature.loadGeometry().map((ring) => ring.map(({ x: px, y: py }) => ({ x: px, y: py }))),
      }
    })
  }
  return layers
}

/** The XYZ tile holding a longitude/latitude at zoom z (spherical Mercator, rows counted from the north). */
export function tileAt(lng: number, lat: number, z: number): TileXYZ {
  const n = 2 ** z
  const phi = (lat * Math.PI) / 180
  return {
    z,
    x: Math.floor(((lng + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n),
  }
}

export const tilePath = (layer: string, { z, x, y }: TileXYZ) => `/tiles/${layer}/${z}/${x}/${y}.pbf`
