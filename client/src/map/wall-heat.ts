// The wall's incident heat as a deck.gl HeatmapLayer, aggregated on the GPU inside the MapLibre
// map. Fixed weight, fixed colour domain and a radius that doubles with each zoom level (a fixed
// size on the ground): a place's colour depends only on the incidents around it, never on the
// busiest place in view, the zoom or the screen size, so nothing shifts as the view moves.
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import type { Color } from '@deck.gl/core';
import type { FeatureCollection, MultiPoint } from 'geojson';
import { HEAT_RAMP, HEAT_SLOT } from './wall-layers';

export const WALL_HEAT_ID = 'wg-wall-deck-heat';

/** Radius in screen pixels at `zoom`: 4.2 px at zoom 11, doubling per level (about 270 m on the ground). */
export const heatRadiusPixels = (zoom: number) => 4.2 * 2 ** (zoom - 11);

const rgba = (css: string): Color => {
  if (css.startsWith('#')) return [1, 3, 5].map((k) => parseInt(css.slice(k, k + 2), 16)) as [number, number, number];
  return [0, 0, 0, 0];
};
// The first stop is "nothing": deck leaves weights under the domain's low end out instead.
const COLORS = HEAT_RAMP.slice(1).map(rgba);

/** The incidents of the last 30 days, one MultiPoint, as deck's data: the coordinate list itself. */
export function wallHeatLayer(heat: FeatureCollection<MultiPoint>, zoom: number): HeatmapLayer<number[]> {
  const points = heat.features.flatMap((f) => f.geometry.coordinates);
  return new HeatmapLayer<number[]>({
    id: WALL_HEAT_ID,
    beforeId: HEAT_SLOT,
    data: points,
    getPosition: (p: number[]) => p as [number, number],
    getWeight: 1,
    radiusPixels: heatRadiusPixels(zoom),
    intensity: 1,
    // Fixed: summed kernel weight at a pixel, from one lone incident (low end) to a busy corner.
    colorDomain: [0.6, 8],
    colorRange: COLORS,
    opacity: 0.75,
  } as never);
}
