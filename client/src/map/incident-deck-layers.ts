// The analyst's incidents as deck.gl layers over the loaded binary set: points, hexagons and heat,
// drawn and aggregated on the GPU. The playback window and the chosen categories are the
// DataFilterExtension's range and categories, so a playback frame changes two uniforms and sends
// nothing to the server. (The heatmap has no filter hook in its shaders: its weights, 1 or 0,
// are recomputed on the CPU per frame and the GPU does the rest.)
import type { Color, Layer } from '@deck.gl/core';
import { HeatmapLayer, HexagonLayer } from '@deck.gl/aggregation-layers';
import { DataFilterExtension } from '@deck.gl/extensions';
import { ScatterplotLayer } from '@deck.gl/layers';
import { FLAG_OVERDUE, STATUS_CODES } from '../../../server/domain/points-layout';
import type { LoadedIncidents } from '../views/analyze/incident-window';
import { RAMP, STATUS_COLORS } from './analysis-layers';

export type DeckIncidentMode = 'points' | 'hex' | 'heat';

export interface DeckIncidentFilter {
  /** Minutes since the set's origin, inclusive (see incident-window.ts). */
  minutes: [number, number];
  /** Category codes to keep. */
  categories: number[];
}

/** The deck layers go in under this style layer, so grid outlines and the drawn polygon stay on top. */
export const DECK_BEFORE_ID = 'wg-an-grid-line';
export const DECK_POINTS_ID = 'wg-an-deck-points';

const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16)) as [number, number, number];
const STATUS_RGB: Color[] = STATUS_CODES.map((s) => [...rgb(STATUS_COLORS[s] ?? '#38bdf8'), 235] as Color);
const RAMP_RGB = RAMP.map(rgb) as Color[];
const HEAT_RGB = RAMP.slice(1).map(rgb) as Color[];

const filter = new DataFilterExtension({ filterSize: 1, categorySize: 1 });

interface Row {
  index: number;
}
const filterProps = (incidents: LoadedIncidents, f: DeckIncidentFilter) => ({
  extensions: [filter],
  getFilterValue: (_: unknown, { index }: Row) => incidents.minutes[index],
  getFilterCategory: (_: unknown, { index }: Row) => incidents.categories[index],
  filterRange: f.minutes,
  filterCategories: f.categories,
});

const position =
  (incidents: LoadedIncidents) =>
  (_: unknown, { index }: Row): [number, number] => [incidents.lngLat[2 * index], incidents.lngLat[2 * index + 1]];

export function incidentDeckLayers(
  mode: DeckIncidentMode,
  incidents: LoadedIncidents,
  f: DeckIncidentFilter,
  options: { sizeM: number; metric: 'count' | 'overdue'; onHexDomain?: (domain: [number, number]) => void },
): Layer[] {
  const data = { length: incidents.count };
  if (mode === 'points') {
    return [
      new ScatterplotLayer({
        id: DECK_POINTS_ID,
        beforeId: DECK_BEFORE_ID,
        data: { length: incidents.count, attributes: { getPosition: { value: incidents.lngLat, size: 2 } } },
        // Small at town scale, where tens of thousands overlap; full size once they stand apart.
        radiusUnits: 'meters',
        getRadius: 9,
        radiusMinPixels: 2,
        radiusMaxPixels: 6,
        stroked: true,
        getLineColor: [7, 17, 31, 200],
        lineWidthUnits: 'pixels',
        getLineWidth: 0.6,
        getFillColor: (_: unknown, { index }: Row) => STATUS_RGB[incidents.statuses[index]],
        // Picked on click by AnalysisMap (an interleaved overlay has no pointer events of its own).
        pickable: true,
        ...filterProps(incidents, f),
      } as never),
    ];
  }
  if (mode === 'hex') {
    return [
      new HexagonLayer({
        id: 'wg-an-deck-hex',
        beforeId: DECK_BEFORE_ID,
        data,
        gpuAggregation: true,
        getPosition: position(incidents),
        radius: options.sizeM,
        coverage: 0.96,
        colorRange: RAMP_RGB,
        opacity: 0.72,
        // Count: how many; overdue: the share of the hexagon's incidents past their deadline.
        getColorWeight: options.metric === 'count' ? 1 : (_: unknown, { index }: Row) => incidents.flags[index] & FLAG_OVERDUE,
        colorAggregation: options.metric === 'count' ? 'SUM' : 'MEAN',
        updateTriggers: { getColorWeight: options.metric },
        // The smallest and largest hexagon's value, which the colours span: the legend's ends.
        onSetColorDomain: options.onHexDomain,
        // Picked under the pointer for the hover's count (AnalysisMap), not on click.
        pickable: true,
        ...filterProps(incidents, f),
      } as never),
    ];
  }
  const keep = new Uint8Array(256);
  for (const c of f.categories) keep[c] = 1;
  const [lo, hi] = f.minutes;
  return [
    new HeatmapLayer({
      id: 'wg-an-deck-heat',
      beforeId: DECK_BEFORE_ID,
      data,
      getPosition: position(incidents),
      getWeight: (_: unknown, { index }: Row) => {
        const m = incidents.minutes[index];
        return m >= lo && m <= hi && keep[incidents.categories[index]] ? 1 : 0;
      },
      updateTriggers: { getWeight: `${lo}:${hi}:${f.categories.join(',')}` },
      radiusPixels: 24,
      intensity: 1.2,
      colorRange: HEAT_RGB,
      opacity: 0.85,
    } as never),
  ];
}
