// Sources, layers and pure data shaping for the command-centre wall's map: MapLibre's fill-pattern,
// line and circle layers, and the incident heat as a deck.gl HeatmapLayer drawn between them
// (wall-heat.ts). Every colour domain is fixed, so colours never jump while data or the view
// changes. Sizes scale with the screen.
import type { FeatureCollection, MultiPoint } from 'geojson';
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { GridCollection } from '../api/types';

export const WALL = {
  grids: 'wg-wall-grids',
  spots: 'wg-wall-spots',
  households: 'wg-wall-households',
  fresh: 'wg-wall-fresh',
  /** The blind spot the wall has zoomed to. */
  focus: 'wg-wall-focus',
} as const;
/**
 * Empty layers that only mark places in the layer list: the households go in before the first,
 * deck.gl's incident heat before the second, so the heat lies over the households and under the
 * grid outlines whichever comes first.
 */
export const HOUSEHOLDS_SLOT = 'wg-wall-households-slot';
export const HEAT_SLOT = 'wg-wall-heat-slot';
export const HATCH_IMAGE = 'wg-wall-hatch';
/** The paint properties that pulse (blind-spot outlines, rings of fresh incidents). */
export const PULSING_PAINT = [
  ['wg-wall-spot-line', 'line-opacity'],
  ['wg-wall-fresh', 'circle-stroke-opacity'],
] as const;

/** Coverage health 0–100 → colour; the legend shows the same stops. */
export const SCORE_STOPS: [number, string][] = [
  [0, '#e5484d'],
  [60, '#f5a524'],
  [80, '#e6d54a'],
  [90, '#3fbf8f'],
];
export const HEAT_RAMP = ['rgba(0,0,0,0)', '#7c2d12', '#ea580c', '#f59e0b', '#fde047', '#fffbeb'];
export const FLAG = { gap: '#ff3b30', overlap: '#ffb020', unstaffed: '#ff3b30', outside: '#ff3b30' } as const;

export function scoreColor(score: number): string {
  let color = SCORE_STOPS[0][1];
  for (const [stop, c] of SCORE_STOPS) if (score >= stop) color = c;
  return color;
}

export interface GridScore {
  id: number;
  score: number;
  kinds: string[];
}

/** Grids with their health score and flags (unstaffed) as properties for styling. */
export function gridsWithScores(grids: GridCollection, scores: GridScore[]): GridCollection {
  const byId = new Map(scores.map((s) => [s.id, s]));
  return {
    ...grids,
    features: grids.features.map((f) => {
      const s = byId.get(f.properties.id);
      return { ...f, properties: { ...f.properties, score: s?.score ?? -1, unstaffed: s?.kinds.includes('grid_unstaffed') ?? false } };
    }),
  };
}

/**
 * The server's compact points (integer offsets from an origin) as one MultiPoint feature: what the wall hands to the map. Tens of thousands of
 * Point features cost the main thread far more to build and to post to the map's worker (every
 * object is cloned) than one feature with a coordinate list, and draw the same in the heatmap and
 * circle layers.
 */
export function decodeMultiPoint(packed: { origin: [number, number]; step: number; offsets: number[] }): FeatureCollection<MultiPoint> {
  const coordinates: [number, number][] = [];
  const [x0, y0] = packed.origin;
  for (let i = 0; i + 1 < packed.offsets.length; i += 2) coordinates.push([x0 + packed.offsets[i] * packed.step, y0 + packed.offsets[i + 1] * packed.step]);
  return {
    type: 'FeatureCollection',
    features: coordinates.length ? [{ type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates } }] : [],
  };
}

/** Diagonal stripes (RGBA), drawn once and added with map.addImage: no sprite to fetch. */
export function hatchPattern(
  size: number,
  rgb: [number, number, number],
  width = Math.max(2, Math.round(size / 5)),
): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const on = (x + y) % size < width;
      const k = (y * size + x) * 4;
      data[k] = rgb[0];
      data[k + 1] = rgb[1];
      data[k + 2] = rgb[2];
      data[k + 3] = on ? 230 : 0;
    }
  }
  return { width: size, height: size, data };
}

/** Pulse opacity in [min, 1] for a time in ms (period 1.6 s). */
export function pulse(ms: number, min = 0.25): number {
  return min + (1 - min) * (0.5 + 0.5 * Math.sin((ms / 1600) * 2 * Math.PI));
}

const empty = (): SourceSpecification => ({ type: 'geojson', data: { type: 'FeatureCollection', features: [] } });

/** The households come later, as vector tiles of the wall's region: see householdSource. */
export function wallSources(): Record<string, SourceSpecification> {
  return {
    [WALL.grids]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' },
    [WALL.spots]: empty(),
    [WALL.fresh]: empty(),
    [WALL.focus]: empty(),
  };
}

/** The MVT layer inside the household tiles (the server names it after the URL's layer). */
export const HOUSEHOLDS_SOURCE_LAYER = 'households';
/** The household layers go in under the incident heat, as their place in the list says. */
export const HOUSEHOLDS_BEFORE = HOUSEHOLDS_SLOT;

/** `url` is the TileJSON of the wall's region's households (see api/tile-urls). */
export function householdSource(url: string): SourceSpecification {
  return { type: 'vector', url };
}

/**
 * Household density and, close in, the households themselves. A thinned tile keeps one in k
 * households and says so in `keep_one_in`; each kept one weighs k, so the density stays true.
 */
export function householdLayers(u: number): LayerSpecification[] {
  const source = { source: WALL.households, 'source-layer': HOUSEHOLDS_SOURCE_LAYER } as const;
  return [
    {
      id: 'wg-wall-hh-density',
      type: 'heatmap',
      ...source,
      maxzoom: 15.5,
      paint: {
        'heatmap-weight': ['coalesce', ['get', 'keep_one_in'], 1] as never,
        'heatmap-intensity': 0.45,
        'heatmap-radius': ['interpolate', ['exponential', 2], ['zoom'], 11, 1.6, 16, 51] as never,
        'heatmap-color': [
          'interpolate',
          ['linear'],
          ['heatmap-density'],
          0,
          'rgba(0,0,0,0)',
          0.3,
          'rgba(56,189,248,0.1)',
          0.7,
          'rgba(125,211,252,0.2)',
          1,
          'rgba(224,242,254,0.32)',
        ] as never,
        'heatmap-opacity': ['interpolate', ['linear'], ['zoom'], 14.5, 0.9, 15.5, 0] as never,
      },
    },
    {
      id: 'wg-wall-hh-points',
      type: 'circle',
      ...source,
      minzoom: 14.5,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 14.5, 1.2 * u, 18, 4 * u] as never,
        'circle-color': '#bae6fd',
        'circle-opacity': ['interpolate', ['linear'], ['zoom'], 14.5, 0, 15.2, 0.8] as never,
      },
    },
  ];
}

const POLY_SPOTS = ['gap', 'overlap', 'grid_outside_community', 'region_empty'];
const POINT_SPOTS = ['household_outside', 'household_multi'];

/** A blind spot drawn with a pulsing outline. */
export function isPulsingSpot(f: { properties: unknown }): boolean {
  return POLY_SPOTS.includes((f.properties as { kind?: string } | null)?.kind ?? '');
}

/** `u` is the screen unit: 1 on a 1920-wide wall, 2 on 3840. */
export function wallLayers(u: number): LayerSpecification[] {
  const scoreFill = [
    'case',
    ['<', ['get', 'score'], 0],
    '#51657d',
    ['step', ['get', 'score'], ...SCORE_STOPS.flatMap(([s, c], i) => (i === 0 ? [c] : [s, c]))],
  ];
  return [
    // No fill antialiasing: the line layer draws the outlines, and each antialiased fill costs
    // another shader program to compile before the first picture, which is slow without a GPU.
    { id: 'wg-wall-grid-fill', type: 'fill', source: WALL.grids, paint: { 'fill-color': scoreFill as never, 'fill-opacity': 0.42, 'fill-antialias': false } },
    // (The household layers go in here, once their tiles are wanted: householdLayers.)
    { id: HOUSEHOLDS_SLOT, type: 'background', layout: { visibility: 'none' } },
    // (The incident heat, deck.gl's, goes in here: wall-heat.ts.)
    { id: HEAT_SLOT, type: 'background', layout: { visibility: 'none' } },
    { id: 'wg-wall-grid-line', type: 'line', source: WALL.grids, paint: { 'line-color': '#cfe6ff', 'line-width': 0.8 * u, 'line-opacity': 0.55 } },
    {
      id: 'wg-wall-unstaffed',
      type: 'line',
      source: WALL.grids,
      filter: ['==', ['get', 'unstaffed'], true],
      paint: { 'line-color': FLAG.unstaffed, 'line-width': 3.5 * u, 'line-dasharray': [2, 1] },
    },
    {
      id: 'wg-wall-spot-fill',
      type: 'fill',
      source: WALL.spots,
      filter: ['in', ['get', 'kind'], ['literal', POLY_SPOTS]],
      paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': 0.9, 'fill-antialias': false },
    },
    {
      id: 'wg-wall-spot-line',
      type: 'line',
      source: WALL.spots,
      filter: ['in', ['get', 'kind'], ['literal', POLY_SPOTS]],
      paint: { 'line-color': ['match', ['get', 'kind'], 'overlap', FLAG.overlap, FLAG.gap] as never, 'line-width': 3 * u, 'line-opacity': 1 },
    },
    {
      id: 'wg-wall-spot-points',
      type: 'circle',
      source: WALL.spots,
      filter: ['in', ['get', 'kind'], ['literal', POINT_SPOTS]],
      paint: {
        'circle-radius': 3.5 * u,
        'circle-color': ['match', ['get', 'kind'], 'household_multi', FLAG.overlap, FLAG.outside] as never,
        'circle-stroke-color': '#fff',
        'circle-stroke-width': 1 * u,
      },
    },
    // The blind spot zoomed to: a bright outline, or rings around its households.
    {
      id: 'wg-wall-focus-line',
      type: 'line',
      source: WALL.focus,
      filter: ['!', ['in', ['get', 'kind'], ['literal', POINT_SPOTS]]],
      paint: { 'line-color': '#ffffff', 'line-width': 4 * u, 'line-dasharray': [2, 1] },
    },
    {
      id: 'wg-wall-focus-points',
      type: 'circle',
      source: WALL.focus,
      filter: ['in', ['get', 'kind'], ['literal', POINT_SPOTS]],
      paint: { 'circle-radius': 9 * u, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2.5 * u },
    },
    {
      id: 'wg-wall-fresh',
      type: 'circle',
      source: WALL.fresh,
      paint: { 'circle-radius': 10 * u, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#fde047', 'circle-stroke-width': 3 * u, 'circle-opacity': 1 },
    },
  ];
}
