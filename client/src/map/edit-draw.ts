// terra-draw as the editor uses it: a polygon tool and a vertex editor that snap to the
// neighbours' vertices and edges, a split line, and terra-draw's one feature (the shape being
// drawn or reshaped) kept in step with the editor's tool and state, undo and redo included.
import type { Polygon } from 'geojson';
import type { Map as MaplibreMap } from 'maplibre-gl';
import { TerraDrawLineStringMode, TerraDrawPolygonMode, TerraDrawSelectMode, type SnapToCustom, type TerraDraw } from 'terra-draw';
import type { GridCollection } from '../api/types';
import { SNAP_TOLERANCE_PX, cutAt, ringsOf, snapPosition, type LngLat } from './edit-snapping';
import { noSelfCrossing } from './ring-crossing';

export type EditTool = 'select' | 'draw' | 'split' | 'reshape';
// terra-draw only takes UUID4 ids by default.
export const EDITING_FEATURE_ID = '00000000-0000-4000-8000-00000000e617';

/** What the drawing tools read of the editor's current state (its latest props). */
export interface EditDrawState {
  grids: GridCollection | null;
  /** The shape being drawn or reshaped (terra-draw holds it while the tool is active). */
  editing: Polygon | null;
  /** The grid being reshaped: left out of snapping targets. */
  editingGridId: number | null;
  topological: boolean;
}

/** The snapping tolerance in degrees at the map's current scale. */
export function snapToleranceDeg(map: MaplibreMap): number {
  const b = map.getBounds();
  return (SNAP_TOLERANCE_PX * (b.getEast() - b.getWest())) / Math.max(1, map.getCanvas().clientWidth);
}

/** The editor's terra-draw modes: 'polygon', 'linestring' and 'select'. */
export function editDrawModes(map: MaplibreMap, state: () => EditDrawState) {
  /** Where the vertex being dragged started, when its neighbours' copies move with it. */
  const linkedOrigin = (index: number | undefined): LngLat | undefined => {
    const { topological, editing, editingGridId } = state();
    if (!topological || !editing || editingGridId === null || index === undefined) return undefined;
    return editing.coordinates[0][index] as LngLat | undefined;
  };
  const snap: SnapToCustom = (event, context) => {
    const { grids, editingGridId } = state();
    if (!grids) return undefined;
    const targets = grids.features.filter((g) => g.properties.id !== editingGridId).map((g) => g.geometry);
    const origin = linkedOrigin(context.currentCoordinate);
    // A shared vertex dragged with its neighbours must not snap back onto their copies of it.
    const rings = origin ? cutAt(ringsOf(targets), origin, snapToleranceDeg(map)) : ringsOf(targets);
    return snapPosition({ x: event.containerX, y: event.containerY }, { rings }, (p: LngLat) => {
      const { x, y } = context.project(p[0], p[1]);
      return { x, y };
    });
  };
  return [
    new TerraDrawPolygonMode({ snapping: { toCustom: snap, toCoordinate: true } }),
    // A split line must cross the grid: snapping its ends onto edges would stop it short.
    new TerraDrawLineStringMode(),
    new TerraDrawSelectMode({
      flags: {
        polygon: {
          feature: {
            draggable: false,
            // terra-draw's own check is quadratic per mouse move; ours tests the moved vertex's edges only.
            selfIntersectable: true,
            validation: noSelfCrossing(() => state().editing?.coordinates[0]),
            coordinates: { draggable: true, deletable: true, midpoints: true, snappable: { toCustom: snap } },
          },
        },
      },
    }),
  ];
}

/** Puts terra-draw's feature and mode in step with the tool and the shape being edited. */
export function syncEditDraw(draw: TerraDraw, tool: EditTool, editing: Polygon | null): void {
  const mode = tool === 'draw' && !editing ? 'polygon' : tool === 'split' ? 'linestring' : editing ? 'select' : 'static';
  const current = draw.getSnapshotFeature(EDITING_FEATURE_ID);
  // Leave the select mode before its feature goes, or it still refers to it.
  if (draw.getMode() === 'select' && (!editing || !current)) draw.setMode('static');
  if (!editing) {
    if (draw.getSnapshot().length) draw.clear();
  } else if (!current) {
    draw.clear();
    draw.addFeatures([{ id: EDITING_FEATURE_ID, type: 'Feature', geometry: editing, properties: { mode: 'polygon' } }]);
  } else if (JSON.stringify(current.geometry) !== JSON.stringify(editing)) {
    draw.updateFeatureGeometry(EDITING_FEATURE_ID, editing);
  }
  if (draw.getMode() !== mode) draw.setMode(mode);
  if (editing && mode === 'select' && !current) draw.selectFeature(EDITING_FEATURE_ID);
}
