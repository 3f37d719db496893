import { useEffect, useRef, useState } from 'react';
import type { LineString, MultiPolygon, Polygon } from 'geojson';
import type { GeoJSONSource, Map as MaplibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import {
  TerraDraw, TerraDrawLineStringMode, TerraDrawPolygonMode, TerraDrawSelectMode, type SnapToCustom,
} from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';
import type { AppConfig, BasemapConfig, GridCollection } from '../api/types';
import { useT } from '../i18n/use-t';
import { basemapStyle } from './basemap-style';
import {
  EDIT_GRID_FILL, EDIT_GRID_SOURCE, EDIT_LINKED_SOURCE, EDIT_PREVIEW_SOURCE, editLayers, editSources, previewCollection, type EditPreview,
} from './edit-layers';
import { SNAP_TOLERANCE_PX, cutAt, ringsOf, snapPosition, type LngLat } from './edit-snapping';
import { linkedEdit, neighbourShapes } from './edit-topology';
import { noSelfCrossing } from './ring-crossing';
import { renderChangesOnly } from './terra-draw-diff-render';
import { fasterStoreCopies } from './terra-draw-speed';
import { collectionBounds } from './grid-geometry';
import { setupMaplibre } from './maplibre-setup';

export type EditTool = 'select' | 'draw' | 'split' | 'reshape';
const LINKED_OUTLINE_MS = 100;
// terra-draw only takes UUID4 ids by default.
export const EDITING_FEATURE_ID = '00000000-0000-4000-8000-00000000e617';

export interface EditMapProps {
  config: AppConfig;
  basemap: BasemapConfig;
  grids: GridCollection | null;
  tool: EditTool;
  selected: number[];
  /** The shape being drawn or reshaped (terra-draw holds it while the tool is active). */
  editing: Polygon | null;
  /** The grid being reshaped: left out of snapping targets. */
  editingGridId: number | null;
  preview: EditPreview;
  /** Topological editing: the neighbours' vertices shared with a dragged one follow it. */
  topological: boolean;
  /** Neighbours the pending edit already moved along (shown in `grids` in their new shape). */
  linkedIds: number[];
  onSelect: (id: number, additive: boolean) => void;
  /** A finished drawing or vertex edit, with the snapping tolerance in degrees at the map's scale. */
  onPolygon: (geometry: Polygon, toleranceDeg: number) => void;
  onLine: (line: LineString) => void;
}

/** The editor's map: grids to pick, terra-draw tools with snapping to neighbours, and the preview. */
export function EditMap(props: EditMapProps) {
  const { t } = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MaplibreMap | null>(null);
  const drawRef = useRef<TerraDraw | null>(null);
  const latest = useRef(props);
  latest.current = props;
  const [ready, setReady] = useState(false);
  const [bounds, setBounds] = useState<string | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const maplibregl = setupMaplibre();
    const map = new maplibregl.Map({ container, style: basemapStyle(props.basemap), center: props.config.center, zoom: props.config.zoom, attributionControl: { compact: true },
      // Shift-click adds a grid to the selection; a box zoom would swallow it.
      boxZoom: false });
    mapRef.current = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    const toleranceDeg = () => {
      const b = map.getBounds();
      return (SNAP_TOLERANCE_PX * (b.getEast() - b.getWest())) / Math.max(1, map.getCanvas().clientWidth);
    };
    /** Where the vertex being dragged started, when its neighbours' copies move with it. */
    const linkedOrigin = (index: number | undefined): LngLat | undefined => {
      const { topological, editing, editingGridId } = latest.current;
      if (!topological || !editing || editingGridId === null || index === undefined) return undefined;
      return editing.coordinates[0][index] as LngLat | undefined;
    };
    const snap: SnapToCustom = (event, context) => {
      const { grids, editingGridId } = latest.current;
      if (!grids) return undefined;
      const targets = grids.features.filter((g) => g.properties.id !== editingGridId).map((g) => g.geometry);
      const origin = linkedOrigin(context.currentCoordinate);
      // A shared vertex dragged with its neighbours must not snap back onto their copies of it.
      const rings = origin ? cutAt(ringsOf(targets), origin, toleranceDeg()) : ringsOf(targets);
      return snapPosition({ x: event.containerX, y: event.containerY }, { rings }, (p: LngLat) => {
        const { x, y } = context.project(p[0], p[1]);
        return { x, y };
      });
    };
    map.on('load', () => {
      for (const [id, source] of Object.entries(editSources())) map.addSource(id, source);
      for (const layer of editLayers()) map.addLayer(layer);
      map.on('click', EDIT_GRID_FILL, (e: MapLayerMouseEvent) => {
        if (latest.current.tool !== 'select') return;
        const id = e.features?.[0]?.properties?.id;
        if (typeof id === 'number') latest.current.onSelect(id, e.originalEvent.shiftKey || e.originalEvent.ctrlKey || e.originalEvent.metaKey);
      });
      const adapter = new TerraDrawMapLibreGLAdapter({ map });
      renderChangesOnly(adapter);
      const draw = new TerraDraw({
        adapter,
        modes: [
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
                  validation: noSelfCrossing(() => latest.current.editing?.coordinates[0]),
                  coordinates: { draggable: true, deletable: true, midpoints: true, snappable: { toCustom: snap } },
                },
              },
            },
          }),
        ],
      });
      fasterStoreCopies(draw);
      draw.start();
      // While a vertex is dragged, the neighbours moving with it are outlined ten times a second, not
      // every frame: each update costs the map a worker round trip on top of terra-draw's own.
      let timer: ReturnType<typeof setTimeout> | undefined;
      let linkedShown = false;
      const showLinked = (geometries: Polygon[] | MultiPolygon[]) => {
        if (!linkedShown && geometries.length === 0) return;
        linkedShown = geometries.length > 0;
        map.getSource<GeoJSONSource>(EDIT_LINKED_SOURCE)?.setData({ type: 'FeatureCollection', features: geometries.map((geometry) => ({ type: 'Feature', geometry, properties: {} })) });
      };
      draw.on('change', (ids, type) => {
        if (type !== 'update' || !ids.includes(EDITING_FEATURE_ID) || timer) return;
        timer = setTimeout(() => {
          timer = undefined;
          const { topological, editing, editingGridId, grids } = latest.current;
          const feature = draw.getSnapshotFeature(EDITING_FEATURE_ID);
          if (!topological || !editing || editingGridId === null || !grids || feature?.geometry.type !== 'Polygon') return showLinked([]);
          const moved = linkedEdit(editing, feature.geometry, neighbourShapes(grids.features, editingGridId), toleranceDeg());
          showLinked(moved.map((n) => n.geometry) as Polygon[]);
        }, LINKED_OUTLINE_MS);
      });
      draw.on('finish', (id, context) => {
        const feature = draw.getSnapshotFeature(id);
        if (!feature) return;
        if (context.mode === 'linestring' && feature.geometry.type === 'LineString') {
          draw.clear();
          latest.current.onLine(feature.geometry);
        } else if (feature.geometry.type === 'Polygon') {
          clearTimeout(timer);
          timer = undefined;
          showLinked([]);
          latest.current.onPolygon(feature.geometry, toleranceDeg());
        }
      });
      drawRef.current = draw;
      setReady(true);
    });
    const onMove = () => {
      const b = map.getBounds();
      setBounds([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].join(','));
    };
    map.on('moveend', onMove);
    return () => {
      drawRef.current?.stop();
      drawRef.current = null;
      mapRef.current = null;
      map.remove();
    };
    // Created once; the effects below apply prop changes.
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !props.grids) return;
    map.getSource<GeoJSONSource>(EDIT_GRID_SOURCE)?.setData(props.grids);
    const b = collectionBounds(props.grids);
    if (b && !map.getCanvas().dataset.fitted) {
      map.getCanvas().dataset.fitted = '1';
      map.fitBounds(b, { padding: 40, animate: false, maxZoom: 17 });
    }
  }, [ready, props.grids]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !props.grids) return;
    for (const g of props.grids.features) {
      map.setFeatureState({ source: EDIT_GRID_SOURCE, id: g.properties.id }, { selected: props.selected.includes(g.properties.id), linked: props.linkedIds.includes(g.properties.id) });
    }
  }, [ready, props.grids, props.selected, props.linkedIds]);

  useEffect(() => {
    if (ready) mapRef.current?.getSource<GeoJSONSource>(EDIT_PREVIEW_SOURCE)?.setData(previewCollection(props.preview));
  }, [ready, props.preview]);

  // Keep terra-draw's feature and mode in step with the tool and the shape being edited (undo/redo included).
  useEffect(() => {
    const draw = drawRef.current;
    if (!draw || !ready) return;
    const { tool, editing } = props;
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
  }, [ready, props.tool, props.editing]);

  return (
    <div className="edit-map" data-testid="edit-map" data-ready={ready ? 'true' : undefined} data-bounds={bounds ?? undefined} data-tool={props.tool} data-grid-count={ready && props.grids ? props.grids.features.length : undefined} role="region" aria-label={t('edit.map')}>
      <div ref={containerRef} className="edit-map__canvas" />
    </div>
  );
}
