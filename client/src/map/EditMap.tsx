import { useEffect, useRef, useState } from 'react';
import type { LineString, Polygon } from 'geojson';
import type { GeoJSONSource, MapLayerMouseEvent } from 'maplibre-gl';
import type { AppConfig, BasemapConfig, BBox, GridCollection } from '../api/types';
import { useT } from '../i18n/use-t';
import { basemapStyle } from './basemap-style';
import { editDrawModes, snapToleranceDeg, syncEditDraw, type EditTool } from './edit-draw';
import { EDIT_GRID_FILL, EDIT_GRID_SOURCE, EDIT_PREVIEW_SOURCE, editLayers, editSources, previewCollection, type EditPreview } from './edit-layers';
import { linkedOutline, type LinkedOutline } from './edit-linked-outline';
import { collectionBounds } from './grid-geometry';
import { createGridLabels, type GridLabels } from './grid-labels';
import { useOverlayMap } from './use-overlay-map';
import { useTerraDraw } from './use-terra-draw';

export { EDITING_FEATURE_ID, type EditTool } from './edit-draw';

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
  /** A box to show (a blind spot chosen in the to-do list); each new object zooms again. */
  focus?: { bounds: BBox } | null;
  /** The grids this user may edit; the others are dimmed (null: not known yet, nothing dimmed). */
  editable?: Set<number> | null;
}

/** The editor's map: grids to pick, terra-draw tools with snapping to neighbours, and the preview. */
export function EditMap(props: EditMapProps) {
  const { t } = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const outline = useRef<LinkedOutline | null>(null);
  const labels = useRef<GridLabels | null>(null);
  const [bounds, setBounds] = useState<string | null>(null);

  // Created once; the effects below apply prop changes.
  const { mapRef, ready } = useOverlayMap(
    containerRef,
    () => ({
      style: basemapStyle(props.basemap),
      center: props.config.center,
      zoom: props.config.zoom,
      // Shift-click adds a grid to the selection; a box zoom would swallow it.
      options: { attributionControl: { compact: true }, boxZoom: false },
      sources: editSources(),
      layers: editLayers(),
      onCreate: (map, maplibregl) => {
        map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
        map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
        map.on('moveend', () => {
          const b = map.getBounds();
          setBounds([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].join(','));
        });
      },
      onLoad: (map) => {
        map.on('click', EDIT_GRID_FILL, (e: MapLayerMouseEvent) => {
          if (latest.current.tool !== 'select') return;
          const id = e.features?.[0]?.properties?.id;
          if (typeof id === 'number') latest.current.onSelect(id, e.originalEvent.shiftKey || e.originalEvent.ctrlKey || e.originalEvent.metaKey);
        });
        outline.current = linkedOutline(map, () => latest.current);
        labels.current = createGridLabels(map);
        return () => {
          outline.current?.clear();
          outline.current = null;
          labels.current?.destroy();
          labels.current = null;
        };
      },
    }),
    [],
  );

  const { drawRef, started } = useTerraDraw(mapRef, ready, {
    modes: (map) => editDrawModes(map, () => latest.current),
    onChange: (draw, ids, type) => outline.current?.onChange(draw, ids, type),
    onFinish: (draw, id, context) => {
      const feature = draw.getSnapshotFeature(id);
      const map = mapRef.current;
      if (!feature || !map) return;
      if (context.mode === 'linestring' && feature.geometry.type === 'LineString') {
        draw.clear();
        latest.current.onLine(feature.geometry);
      } else if (feature.geometry.type === 'Polygon') {
        outline.current?.clear();
        latest.current.onPolygon(feature.geometry, snapToleranceDeg(map));
      }
    },
  });

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !props.grids) return;
    map.getSource<GeoJSONSource>(EDIT_GRID_SOURCE)?.setData(props.grids);
    labels.current?.update(props.grids);
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
      map.setFeatureState(
        { source: EDIT_GRID_SOURCE, id: g.properties.id },
        {
          selected: props.selected.includes(g.properties.id),
          linked: props.linkedIds.includes(g.properties.id),
          locked: props.editable ? !props.editable.has(g.properties.id) : false,
        },
      );
    }
  }, [ready, props.grids, props.selected, props.linkedIds, props.editable]);

  useEffect(() => {
    if (ready) mapRef.current?.getSource<GeoJSONSource>(EDIT_PREVIEW_SOURCE)?.setData(previewCollection(props.preview));
  }, [ready, props.preview]);

  useEffect(() => {
    if (ready && props.focus) mapRef.current?.fitBounds(props.focus.bounds, { padding: 60, animate: false, maxZoom: 18 });
  }, [ready, props.focus]);

  // Keep terra-draw's feature and mode in step with the tool and the shape being edited (undo/redo included).
  useEffect(() => {
    if (started && drawRef.current) syncEditDraw(drawRef.current, props.tool, props.editing);
  }, [started, props.tool, props.editing]);

  // Ready once terra-draw listens: a browser test may click a tool the moment it sees this.
  return (
    <div
      className="edit-map"
      data-testid="edit-map"
      data-ready={started ? 'true' : undefined}
      data-bounds={bounds ?? undefined}
      data-tool={props.tool}
      data-grid-count={started && props.grids ? props.grids.features.length : undefined}
      role="region"
      aria-label={t('edit.map')}
    >
      <div ref={containerRef} className="edit-map__canvas" />
    </div>
  );
}
