// Sources and layers of the grid editor: the grids (selection as feature state) and the preview
// of a pending edit (overlaps, gaps, the clipped shape, split parts), all ids under OVERLAY_PREFIX.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeoJSONSourceSpecification, LayerSpecification } from 'maplibre-gl';

export const EDIT_GRID_SOURCE = 'wg-edit-grids';
export const EDIT_GRID_FILL = 'wg-edit-grids-fill';
export const EDIT_PREVIEW_SOURCE = 'wg-edit-preview';
/** Neighbours moving with the dragged vertex (topological editing), while the drag lasts. */
export const EDIT_LINKED_SOURCE = 'wg-edit-linked';

export type PreviewKind = 'overlap' | 'gap' | 'result' | 'part';

export interface EditPreview {
  overlaps: Geometry[];
  gap: Geometry | null;
  /** What saving would store (clipped, split parts, merged). */
  results: Geometry[];
}

export function previewCollection(preview: EditPreview): FeatureCollection {
  const f = (geometry: Geometry, kind: PreviewKind, i: number): Feature => ({ type: 'Feature', geometry, properties: { kind, i } });
  return {
    type: 'FeatureCollection',
    features: [
      ...preview.results.map((g, i) => f(g, preview.results.length > 1 ? 'part' : 'result', i)),
      ...(preview.gap ? [f(preview.gap, 'gap', 0)] : []),
      ...preview.overlaps.map((g, i) => f(g, 'overlap', i)),
    ],
  };
}

export const editSources = (): Record<string, GeoJSONSourceSpecification> => ({
  [EDIT_GRID_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' },
  [EDIT_PREVIEW_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
  [EDIT_LINKED_SOURCE]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] } },
});

const PART_COLOURS = ['#2a9d8f', '#e9c46a', '#8e7dbe', '#f4a261'];

export const editLayers = (): LayerSpecification[] => [
  {
    id: EDIT_GRID_FILL,
    type: 'fill',
    source: EDIT_GRID_SOURCE,
    paint: {
      // Grids outside the user's scope (feature state `locked`) are greyed out: they can be looked at, not edited.
      'fill-color': [
        'case',
        ['boolean', ['feature-state', 'selected'], false],
        '#f4a261',
        ['boolean', ['feature-state', 'locked'], false],
        '#8d939a',
        ['match', ['get', 'type'], 'dedicated', '#8e7dbe', '#4a90c2'],
      ],
      'fill-opacity': ['case', ['boolean', ['feature-state', 'selected'], false], 0.55, ['boolean', ['feature-state', 'locked'], false], 0.12, 0.25],
    },
  },
  {
    id: 'wg-edit-grids-line',
    type: 'line',
    source: EDIT_GRID_SOURCE,
    paint: {
      'line-color': [
        'case',
        ['boolean', ['feature-state', 'selected'], false],
        '#f4a261',
        ['boolean', ['feature-state', 'linked'], false],
        '#e76f51',
        ['boolean', ['feature-state', 'locked'], false],
        '#9aa0a6',
        '#8ecae6',
      ],
      'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3, ['boolean', ['feature-state', 'linked'], false], 3, 1],
      'line-opacity': ['case', ['boolean', ['feature-state', 'locked'], false], 0.5, 0.8],
    },
  },
  {
    id: 'wg-edit-linked-line',
    type: 'line',
    source: EDIT_LINKED_SOURCE,
    paint: { 'line-color': '#e76f51', 'line-width': 2, 'line-dasharray': [1, 1] },
  },
  {
    id: 'wg-edit-preview-fill',
    type: 'fill',
    source: EDIT_PREVIEW_SOURCE,
    paint: {
      'fill-color': [
        'match',
        ['get', 'kind'],
        'overlap',
        '#e63946',
        'gap',
        '#ff9f1c',
        'part',
        ['to-color', ['at', ['%', ['get', 'i'], 4], ['literal', PART_COLOURS]]],
        '#2a9d8f',
      ],
      'fill-opacity': ['match', ['get', 'kind'], 'overlap', 0.7, 'gap', 0.6, 0.25],
    },
  },
  {
    id: 'wg-edit-preview-line',
    type: 'line',
    source: EDIT_PREVIEW_SOURCE,
    paint: { 'line-color': ['match', ['get', 'kind'], 'overlap', '#9b2226', 'gap', '#bb3e03', '#264653'], 'line-width': 2, 'line-dasharray': [2, 1] },
  },
];
