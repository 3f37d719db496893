import { fromGeojsonVt } from '@maplibre/vt-pbf'
import type { TileGeometry } from './tile-geometry'

/**
 * Node-side stand-in for PostGIS's ST_AsMVT(rows, layer, extent, 'geom', 'fid'), for databases
 * without it. Geometry comes from toTileGeometry; the bytes are written by @maplibre/vt-pbf.
 */

export type PropertyValue = string | number | boolean | null | undefined

export interface EncodedFeature {
  /** ST_AsMVT's feature_id_name column: a non-negative integer, or absent. */
  id?: number
  geometry: TileGeometry
  properties: Record<string, PropertyValue>
}

export interface EncodedLayer {
  name: string
  features: EncodedFeature[]
}

/** What fromGeojsonVt reads of a geojson-vt tile feature (FeatureWrapper in vt-pbf). */
type VtFeature = TileGeometry & { id?: number; tags: Record<string, string | number | boolean> }

/**
 * geojson-vt's declared tile type intersects its untransformed point shape (a flat number[]) with
 * the transformed one ([x, y][]) that vt-pbf actually reads, which no value satisfies: hence a cast.
 */
type VtLayers = Parameters<typeof fromGeojsonVt>[0]

/**
 * The tile's bytes (MVT version 2). A layer without features is left out, and a tile with none at
 * all is zero bytes, as ST_AsMVT over zero rows returns an empty bytea.
 */
export function encodeTile(layers: EncodedLayer[], extent = 4096): Uint8Array {
  const vtLayers: Record<string, { features: VtFeature[] }> = {}
  for (const layer of layers) {
    if (layer.features.length === 0) continue
    if (Object.hasOwn(vtLayers, layer.name)) throw new Error(`layer "${layer.name}" is given twice`)
    vtLayers[layer.name] = { features: layer.features.map(vtFeature) }
  }
  if (Object.keys(vtLayers).length === 0) return new Uint8Array(0)
  // pbf hands back a view into its larger, growing buffer: copy it so that `.buffer` is exactly the tile.
  return fromGeojsonVt(vtLayers as unknown as VtLayers, { version: 2, extent }).slice()
}

function vtFeature({ id, geometry, properties }: EncodedFeature): VtFeature {
  const feature = { ...geometry, tags: withoutNulls(properties) }
  return id === undefined ? feature : { ...feature, id: checkedId(id) }
}

/**
 * ST_AsMVT leaves NULL attributes out of the feature. vt-pbf 4.3.3 skips null and undefined too,
 * but older releases wrote the string "null", so this does not rely on it.
 */
function withoutNulls(properties: Record<string, PropertyValue>): Record<string, string | number | boolean> {
  const kept: Record<string, string | number | boolean> = {}
  for (const [key, value] of Object.entries(properties)) {
    if (value !== null && value !== undefined) kept[key] = value
  }
  return kept
}

/** The id is written as an unsigned varint: anything else would come back as a different number. */
function checkedId(id: number): number {
  if (!Number.isSafeInteger(id) || id < 0) throw new RangeError(`feature id must be a non-negative integer, got ${id}`)
  return id
}
