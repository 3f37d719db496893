// Sources, layers and pure data shaping for the /analyze map's MapLibre layers; ids start with
// OVERLAY_PREFIX so base-map switches keep them. The incidents themselves are drawn by deck.gl from
// the loaded binary set (incident-deck-layers.ts); the heatmap, bin and tile-point layers here are
// the fallback when more incidents match than the browser loads (POINTS_MAX): the server's exact
// bins, and its incident vector tiles, which show every match however many there are.
import type { Feature, FeatureCollection, Point, Polygon } from 'geojson';
import type { LayerSpecification, SourceSpecification } from 'maplibre-gl';
import { binValue, per100Households, rampPosition, valueRange } from './analysis-legend';

export const AN = {
  grids: 'wg-an-grids',
  bins: 'wg-an-bins',
  heat: 'wg-an-heat',
  points: 'wg-an-points',
  poly: 'wg-an-poly',
  /** The chosen region's or grid's outline (analysis-focus.ts). */
  focus: 'wg-an-focus',
  /** The incident whose card is open. */
  selected: 'wg-an-selected',
} as const;

/** The layers that draw the chosen region's or grid's outline and the open incident's ring. */
export const AN_FOCUS_LAYER = 'wg-an-focus-line';
export const AN_SELECTED_LAYER = 'wg-an-selected-ring';
const FOCUS_COLOR = '#fbbf24';

/** The circle layer of the incident tiles: the one to click and to query for what is drawn. */
export const AN_POINTS_LAYER = 'wg-an-points';

export const RAMP = ['#12324f', '#1f6f8b', '#36cfa0', '#f6c244', '#f97316', '#ef4444'];

interface Bin {
  type: 'Feature';
  geometry: { type: 'Polygon'; coordinates: number[][][] };
  properties: { count: number; overdue: number };
}

/** Bins with `v` in 0..1 for colouring: the bin's value between the smallest and the largest drawn (the legend's ends). */
export function binsForDisplay(bins: Bin[], metric: 'count' | 'overdue'): FeatureCollection<Polygon> {
  const range = valueRange(bins.map((b) => binValue(b, metric))) ?? [0, 0];
  return {
    type: 'FeatureCollection',
    features: bins.map((b) => ({
      type: 'Feature',
      geometry: b.geometry as Polygon,
      properties: { ...b.properties, v: rampPosition(binValue(b, metric), range) },
    })),
  };
}

/** Heat from small server-side bins: each bin's centre weighted by its share of the largest. */
export function heatPoints(bins: Bin[]): FeatureCollection<Point> {
  const max = Math.max(1, ...bins.map((b) => b.properties.count));
  return {
    type: 'FeatureCollection',
    features: bins.map((b): Feature<Point> => {
      const ring = b.geometry.coordinates[0].slice(0, -1);
      const lng = ring.reduce((s, p) => s + p[0], 0) / ring.length;
      const lat = ring.reduce((s, p) => s + p[1], 0) / ring.length;
      return { type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties: { w: b.properties.count / max, count: b.properties.count } };
    }),
  };
}

/**
 * Incidents per 100 households per grid (to one decimal, as the legend and hover show it), with
 * `v` in 0..1 between the smallest and the largest rate drawn, for the choropleth.
 */
export function choroplethValues(
  grids: { id: number; householdCount: number }[],
  counts: Map<number, number>,
): Map<number, { count: number; per100: number; v: number }> {
  const rates = grids.map((g) => ({ id: g.id, count: counts.get(g.id) ?? 0, per100: per100Households(counts.get(g.id) ?? 0, g.householdCount) }));
  const range = valueRange(rates.map((r) => r.per100)) ?? [0, 0];
  return new Map(rates.map((r) => [r.id, { count: r.count, per100: r.per100, v: rampPosition(r.per100, range) }]));
}

const empty = (): SourceSpecification => ({ type: 'geojson', data: { type: 'FeatureCollection', features: [] } });

/** The MVT layer inside the incident tiles (the server names it after the URL's layer). */
export const INCIDENTS_SOURCE_LAYER = 'incidents';

/** `incidentTiles` is the tile URL template of the current filters (see api/tile-urls). */
export function analysisSources(incidentTiles: string): Record<string, SourceSpecification> {
  return {
    [AN.grids]: { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' },
    [AN.bins]: empty(),
    [AN.heat]: empty(),
    [AN.points]: { type: 'vector', tiles: [incidentTiles] },
    [AN.poly]: empty(),
    [AN.focus]: empty(),
    [AN.selected]: empty(),
  };
}

/**
 * The thinning of the drawn incidents: a tile holding more points than the server's cap keeps one
 * in k of them and marks each kept one with `keep_one_in: k`. 1 when everything drawn is complete.
 */
export function sampledOneIn(features: { properties?: Record<string, unknown> | null }[]): number {
  let k = 1;
  for (const f of features) {
    const v = Number(f.properties?.keep_one_in);
    if (Number.isFinite(v) && v > k) k = v;
  }
  return k;
}

const ramp = (input: unknown) => ['interpolate', ['linear'], input, 0, RAMP[0], 0.2, RAMP[1], 0.4, RAMP[2], 0.6, RAMP[3], 0.8, RAMP[4], 1, RAMP[5]];

export const STATUS_COLORS: Record<string, string> = {
  reported: '#38bdf8',
  accepted: '#60a5fa',
  rejected: '#94a3b8',
  dispatched: '#f6c244',
  handled: '#a78bfa',
  verified: '#36cfa0',
  closed: '#64748b',
};

export function analysisLayers(): LayerSpecification[] {
  return [
    {
      id: 'wg-an-choropleth',
      type: 'fill',
      source: AN.grids,
      layout: { visibility: 'none' },
      paint: { 'fill-color': ramp(['coalesce', ['get', 'v'], 0]) as never, 'fill-opacity': 0.7 },
    },
    { id: 'wg-an-grid-line', type: 'line', source: AN.grids, paint: { 'line-color': '#5b7ba3', 'line-width': 0.8, 'line-opacity': 0.7 } },
    {
      id: 'wg-an-bins',
      type: 'fill',
      source: AN.bins,
      layout: { visibility: 'none' },
      paint: { 'fill-color': ramp(['get', 'v']) as never, 'fill-opacity': 0.72, 'fill-outline-color': 'rgba(7,17,31,0.6)' },
    },
    {
      id: 'wg-an-heat',
      type: 'heatmap',
      source: AN.heat,
      layout: { visibility: 'none' },
      paint: {
        'heatmap-weight': ['get', 'w'],
        'heatmap-radius': ['interpolate', ['linear'], ['zoom'], 10, 12, 15, 40],
        'heatmap-intensity': 1.2,
        'heatmap-color': [
          'interpolate',
          ['linear'],
          ['heatmap-density'],
          0,
          'rgba(0,0,0,0)',
          0.15,
          RAMP[1],
          0.4,
          RAMP[2],
          0.6,
          RAMP[3],
          0.8,
          RAMP[4],
          1,
          RAMP[5],
        ] as never,
        'heatmap-opacity': 0.85,
      },
    },
    {
      // Small at town scale, where tens of thousands overlap; full size once they stand apart.
      id: AN_POINTS_LAYER,
      type: 'circle',
      source: AN.points,
      'source-layer': INCIDENTS_SOURCE_LAYER,
      layout: { visibility: 'none' },
      paint: {
        'circle-color': ['match', ['get', 'status'], ...Object.entries(STATUS_COLORS).flat(), '#38bdf8'] as never,
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 11, 2, 15, 5] as never,
        'circle-stroke-color': '#07111f',
        'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 11, 0.3, 15, 1] as never,
      },
    },
    {
      id: 'wg-an-poly-fill',
      type: 'fill',
      source: AN.poly,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': '#38bdf8', 'fill-opacity': 0.08 },
    },
    { id: 'wg-an-poly-line', type: 'line', source: AN.poly, paint: { 'line-color': '#38bdf8', 'line-width': 2, 'line-dasharray': [2, 1] } },
    // A dark casing under the outline keeps it legible over every ramp colour and base map.
    { id: 'wg-an-focus-casing', type: 'line', source: AN.focus, paint: { 'line-color': '#07111f', 'line-width': 6, 'line-opacity': 0.7 } },
    { id: AN_FOCUS_LAYER, type: 'line', source: AN.focus, paint: { 'line-color': FOCUS_COLOR, 'line-width': 3 } },
    {
      // A ring around the open incident, larger than any point, so it shows over the hexagons and heat too.
      id: AN_SELECTED_LAYER,
      type: 'circle',
      source: AN.selected,
      paint: { 'circle-radius': 11, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': FOCUS_COLOR, 'circle-stroke-width': 3 },
    },
    { id: 'wg-an-selected-dot', type: 'circle', source: AN.selected, paint: { 'circle-radius': 3, 'circle-color': '#ffffff' } },
  ];
}

/** Which of our layers each analysis layer shows. */
export const VISIBLE: Record<'heat' | 'hex' | 'points' | 'choropleth', string[]> = {
  heat: ['wg-an-heat'],
  hex: ['wg-an-bins'],
  points: [AN_POINTS_LAYER],
  choropleth: ['wg-an-choropleth'],
};
