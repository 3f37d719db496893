// Our own MapLibre source and layers for the grids. Ids start with OVERLAY_PREFIX so that they
// survive a base-map switch (see carryOverlay).
import type { GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';
import { PALETTE } from './grid-style';

export const GRID_SOURCE_ID = 'wg-grids';
export const GRID_FILL_LAYER_ID = 'wg-grids-fill';
export const GRID_LINE_LAYER_ID = 'wg-grids-line';

export function gridSource(): GeoJSONSourceSpecification {
  return { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' };
}

export function outlineColor(dark: boolean): string {
  return dark ? PALETTE.outline : '#1d3557';
}

export function gridLayers(dark: boolean): LayerSpecification[] {
  return [
    {
      id: GRID_FILL_LAYER_ID,
      type: 'fill',
      source: GRID_SOURCE_ID,
      paint: {
        'fill-color': ['coalesce', ['get', 'fill'], PALETTE.comprehensive],
        'fill-opacity': ['case', ['boolean', ['feature-state', 'hover'], false], 0.7, 0.4],
      },
    },
    {
      id: GRID_LINE_LAYER_ID,
      type: 'line',
      source: GRID_SOURCE_ID,
      paint: {
        'line-color': outlineColor(dark),
        'line-width': ['case', ['boolean', ['feature-state', 'hover'], false], 2.5, 1],
        'line-opacity': 0.85,
      },
    },
  ];
}
