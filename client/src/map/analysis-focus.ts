// The region or grid the analyst filters by, as the map shows it: the box to zoom to and the
// outline to draw. A grid's outline is its own; a region's is the outer edge of its grids (the
// edges two grids share cancel out), as regions have no drawn boundary of their own.
import type { Feature, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import type { BBox, GridCollection, Region } from '../api/types';
import { findRegion } from '../shared/regions';
import { collectionBounds } from './grid-geometry';

export interface MapFocus {
  /** 'grid:<code>' or 'region:<code>': a new key is a new choice to zoom to. */
  key: string;
  bbox: BBox;
  outline: Feature<MultiLineString, { key: string }>;
}

const rings = (g: Polygon | MultiPolygon): Position[][] => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat());

/** Vertices equal to ~1 cm are one: shared edges are drawn from the same points, maybe re-rounded. */
const pointKey = ([x, y]: Position) => `${x.toFixed(7)},${y.toFixed(7)}`;

/** The edges of `geometries` that belong to one of them only: the outer boundary of their union. */
export function outerEdges(geometries: (Polygon | MultiPolygon)[]): Position[][] {
  const edges = new Map<string, { from: Position; to: Position; n: number }>();
  for (const g of geometries)
    for (const ring of rings(g))
      for (let k = 0; k + 1 < ring.length; k++) {
        const [a, b] = [pointKey(ring[k]), pointKey(ring[k + 1])];
        if (a === b) continue;
        const key = a < b ? `${a}|${b}` : `${b}|${a}`;
        const edge = edges.get(key);
        if (edge) edge.n += 1;
        else edges.set(key, { from: ring[k], to: ring[k + 1], n: 1 });
      }
  return [...edges.values()].filter((e) => e.n === 1).map((e) => [e.from, e.to]);
}

/** The key of a choice, known before the grids are loaded: the grid when one is chosen, else the region. */
export const focusKeyOf = (choice: { region: string | null; grid: string | null }): string | null =>
  choice.grid ? `grid:${choice.grid}` : choice.region ? `region:${choice.region}` : null;

/** What the map zooms to and outlines for the chosen grid, else the chosen region; null for neither. */
export function mapFocus(choice: { region: string | null; grid: string | null }, regions: Region[] | null, grids: GridCollection | null): MapFocus | null {
  if (choice.grid) {
    const grid = grids?.features.find((f) => f.properties.code === choice.grid);
    const bbox = grid && collectionBounds({ type: 'FeatureCollection', features: [grid] });
    if (!grid || !bbox) return null;
    const key = focusKeyOf(choice)!;
    return { key, bbox, outline: { type: 'Feature', properties: { key }, geometry: { type: 'MultiLineString', coordinates: rings(grid.geometry) } } };
  }
  if (!choice.region || !regions) return null;
  const region = findRegion(regions, choice.region);
  // The region's grids: the page loads those of the chosen region (see use-grid-view.ts).
  const own = grids?.features.filter((f) => f.properties.communityCode.startsWith(choice.region!)) ?? [];
  const bbox = region?.bbox ?? (own.length ? collectionBounds({ type: 'FeatureCollection', features: own }) : null);
  if (!bbox) return null;
  const key = focusKeyOf(choice)!;
  return {
    key,
    bbox: bbox as BBox,
    outline: { type: 'Feature', properties: { key }, geometry: { type: 'MultiLineString', coordinates: outerEdges(own.map((f) => f.geometry)) } },
  };
}
