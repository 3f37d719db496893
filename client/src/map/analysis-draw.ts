// The analyst's area filter drawn with terra-draw (the editor's drawing tool too): clicks add
// corners; a click on the first or the last corner (a double-click ends on the last) finishes.
// The area is kept as its corners, the closing one left out, as the URL has always held it.
import { TerraDrawPolygonMode, type GeoJSONStoreFeatures } from 'terra-draw';

type Ring = [number, number][];

/** The sources and layers terra-draw adds start with our overlay prefix: a base map switch keeps them. */
export const AREA_DRAW_PREFIX = 'wg-an-draw';
export const AREA_DRAW_MODE = 'polygon';

/** terra-draw's polygon mode in the colours of the drawn area's own layers (analysis-layers.ts). */
export function areaDrawMode(): TerraDrawPolygonMode {
  return new TerraDrawPolygonMode({
    // No keys: Finish and Cancel are the page's buttons, as before terra-draw drew the area.
    keyEvents: null,
    styles: {
      fillColor: '#38bdf8',
      fillOpacity: 0.08,
      outlineColor: '#38bdf8',
      outlineWidth: 2,
      closingPointColor: '#38bdf8',
      closingPointWidth: 5,
      closingPointOutlineColor: '#ffffff',
      closingPointOutlineWidth: 1,
    },
  });
}

const corners = (positions: number[][]): Ring => positions.map(([lng, lat]) => [lng, lat]);

/**
 * The corners clicked so far of the area being drawn ([] when none): terra-draw's polygon also
 * holds the point under the cursor and the closing corner; it counts the committed ones itself.
 */
export function draftCorners(features: GeoJSONStoreFeatures[]): Ring {
  const draft = features.find((f) => f.properties.currentlyDrawing && f.geometry.type === 'Polygon');
  if (draft?.geometry.type !== 'Polygon') return [];
  const committed = Number(draft.properties.committedCoordinateCount);
  return Number.isInteger(committed) && committed > 0 ? corners(draft.geometry.coordinates[0].slice(0, committed)) : [];
}

/** The corners of a finished area (its closing corner left out), or null if it is no polygon. */
export function finishedCorners(feature: GeoJSONStoreFeatures | undefined): Ring | null {
  if (feature?.geometry.type !== 'Polygon') return null;
  return corners(feature.geometry.coordinates[0].slice(0, -1));
}
