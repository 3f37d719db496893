// While a shared vertex is dragged with topological editing on, the neighbours moving with it are
// outlined ten times a second, not every frame: each update costs the map a worker round trip on
// top of terra-draw's own.
import type { MultiPolygon, Polygon } from 'geojson';
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import type { TerraDraw } from 'terra-draw';
import { EDITING_FEATURE_ID, snapToleranceDeg, type EditDrawState } from './edit-draw';
import { EDIT_LINKED_SOURCE } from './edit-layers';
import { linkedEdit, neighbourShapes } from './edit-topology';

const LINKED_OUTLINE_MS = 100;

export interface LinkedOutline {
  /** terra-draw changed features `ids` (its 'change' event). */
  onChange(draw: TerraDraw, ids: (string | number)[], type: string): void;
  /** The drag is over (or the map goes): no outline, none pending. */
  clear(): void;
}

export function linkedOutline(map: MaplibreMap, state: () => EditDrawState): LinkedOutline {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let shown = false;
  const show = (geometries: Polygon[] | MultiPolygon[]) => {
    if (!shown && geometries.length === 0) return;
    shown = geometries.length > 0;
    map
      .getSource<GeoJSONSource>(EDIT_LINKED_SOURCE)
      ?.setData({ type: 'FeatureCollection', features: geometries.map((geometry) => ({ type: 'Feature', geometry, properties: {} })) });
  };
  return {
    onChange(draw, ids, type) {
      if (type !== 'update' || !ids.includes(EDITING_FEATURE_ID) || timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        const { topological, editing, editingGridId, grids } = state();
        const feature = draw.getSnapshotFeature(EDITING_FEATURE_ID);
        if (!topological || !editing || editingGridId === null || !grids || feature?.geometry.type !== 'Polygon') return show([]);
        const moved = linkedEdit(editing, feature.geometry, neighbourShapes(grids.features, editingGridId), snapToleranceDeg(map));
        show(moved.map((n) => n.geometry) as Polygon[]);
      }, LINKED_OUTLINE_MS);
    },
    clear() {
      clearTimeout(timer);
      timer = undefined;
      show([]);
    },
  };
}
