// The grid worker's phone map: their grids, where they are (with the fix's accuracy), their tasks
// coloured by deadline, and the patrol track being recorded. The offline base map by default.
import { useEffect, useRef, useState } from 'react';
import type { GeoJSONSource, LayerSpecification, Map as MaplibreMap, MapLayerMouseEvent } from 'maplibre-gl';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import type { AppConfig, GridCollection } from '../api/types';
import type { WorkerGrids } from '../api/worker-client';
import { useT } from '../i18n/use-t';
import { basemapStyle, chooseBasemap, isDarkBasemap } from './basemap-style';
import { collectionBounds } from './grid-geometry';
import { whenPolygonsDrawn } from './when-drawn';
import { createGridLabels, type GridLabels } from './grid-labels';
import { PALETTE } from './grid-style';
import { createBaseMap } from './maplibre-setup';

export type TaskMarkLevel = 'none' | 'ok' | 'soon' | 'overdue' | 'done';

export interface TaskMark {
  id: number;
  at: Position;
  level: TaskMarkLevel;
}

export interface WorkerMapProps {
  config: AppConfig;
  grids: WorkerGrids | null;
  position: { lng: number; lat: number; accuracy: number } | null;
  tasks: TaskMark[];
  track: Position[] | null;
  selectedTaskId: number | null;
  onSelectTask: (id: number) => void;
  /** Changing it flies the map to the position (the locate button). */
  locateRequest: number;
}

const SRC = { grids: 'wg-worker-grids', me: 'wg-worker-me', tasks: 'wg-worker-tasks', track: 'wg-worker-track' } as const;
const TASK_LAYER = 'wg-worker-tasks-circle';
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

const TASK_COLORS: Record<TaskMarkLevel, string> = { none: '#38bdf8', ok: '#36cfa0', soon: '#f6c244', overdue: '#ff5b4d', done: '#7d8ea3' };

function layers(dark: boolean): LayerSpecification[] {
  return [
    { id: 'wg-worker-grids-fill', type: 'fill', source: SRC.grids, paint: { 'fill-color': PALETTE.comprehensive, 'fill-opacity': 0.18 } },
    {
      id: 'wg-worker-grids-line',
      type: 'line',
      source: SRC.grids,
      paint: { 'line-color': dark ? PALETTE.outline : '#1d3557', 'line-width': 2, 'line-opacity': 0.9 },
    },
    {
      id: 'wg-worker-track-line',
      type: 'line',
      source: SRC.track,
      layout: { 'line-cap': 'round', 'line-join': 'round' },
      paint: { 'line-color': '#f6c244', 'line-width': 4, 'line-opacity': 0.9 },
    },
    {
      id: TASK_LAYER,
      type: 'circle',
      source: SRC.tasks,
      paint: {
        'circle-radius': ['case', ['boolean', ['get', 'selected'], false], 11, 8],
        'circle-color': ['get', 'color'],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': ['case', ['boolean', ['get', 'selected'], false], 3, 1.5],
      },
    },
    {
      id: 'wg-worker-me-accuracy',
      type: 'fill',
      source: SRC.me,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': '#38bdf8', 'fill-opacity': 0.15 },
    },
    {
      id: 'wg-worker-me-dot',
      type: 'circle',
      source: SRC.me,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: { 'circle-radius': 7, 'circle-color': '#1e90ff', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2.5 },
    },
  ];
}

/** A circle of `radiusM` metres around a point, as a 48-gon (the fix's accuracy). */
function circle(lng: number, lat: number, radiusM: number): Feature<Polygon> {
  const ring: Position[] = [];
  const dLat = radiusM / 111_320;
  const dLng = dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180));
  for (let i = 0; i <= 48; i++) {
    const a = (i / 48) * 2 * Math.PI;
    ring.push([lng + dLng * Math.cos(a), lat + dLat * Math.sin(a)]);
  }
  return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: {} };
}

export function WorkerMap({ config, grids, position, tasks, track, selectedTaskId, onSelectTask, locateRequest }: WorkerMapProps) {
  const { t, lang } = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MaplibreMap | null>(null);
  const labelsRef = useRef<GridLabels | null>(null);
  const onSelectRef = useRef(onSelectTask);
  onSelectRef.current = onSelectTask;
  const [ready, setReady] = useState(false);
  const [drawnGrids, setDrawnGrids] = useState<number | null>(null);
  const basemap = chooseBasemap(config.basemaps, null, config.defaultBasemap);
  const dark = isDarkBasemap(basemap.id);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    // Phones: one finger pans the page's map, two rotate nothing.
    const map = createBaseMap(container, basemapStyle(basemap), config, lang, { dragRotate: false, pitchWithRotate: false, touchPitch: false });
    map.touchZoomRotate.disableRotation();
    mapRef.current = map;
    const onClick = (e: MapLayerMouseEvent) => {
      const id = e.features?.[0]?.properties?.id;
      if (typeof id === 'number') onSelectRef.current(id);
    };
    map.on('load', () => {
      for (const id of Object.values(SRC)) map.addSource(id, { type: 'geojson', data: EMPTY });
      for (const layer of layers(isDarkBasemap(basemap.id))) map.addLayer(layer);
      map.on('click', TASK_LAYER, onClick);
      labelsRef.current = createGridLabels(map);
      setReady(true);
    });
    return () => {
      labelsRef.current?.destroy();
      labelsRef.current = null;
      mapRef.current = null;
      map.remove();
    };
    // The map is made once per page; the base map does not change on a phone.
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !grids) return;
    map.getSource<GeoJSONSource>(SRC.grids)?.setData(grids);
    labelsRef.current?.update(grids as unknown as GridCollection);
    const bounds = collectionBounds(grids as unknown as GridCollection);
    if (bounds) map.fitBounds(bounds, { padding: { top: 24, bottom: 52, left: 24, right: 60 }, animate: false, maxZoom: 17 });
    return whenPolygonsDrawn(map, SRC.grids, 'wg-worker-grids-fill', grids.features.length, setDrawnGrids);
  }, [ready, grids]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const features: Feature[] = position
      ? [
          circle(position.lng, position.lat, Math.min(position.accuracy, 2000)),
          { type: 'Feature', geometry: { type: 'Point', coordinates: [position.lng, position.lat] }, properties: {} },
        ]
      : [];
    map.getSource<GeoJSONSource>(SRC.me)?.setData({ type: 'FeatureCollection', features });
  }, [ready, position]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    map.getSource<GeoJSONSource>(SRC.tasks)?.setData({
      type: 'FeatureCollection',
      features: tasks.map((m) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: m.at },
        properties: { id: m.id, color: TASK_COLORS[m.level], selected: m.id === selectedTaskId },
      })),
    });
  }, [ready, tasks, selectedTaskId]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    map
      .getSource<GeoJSONSource>(SRC.track)
      ?.setData(track && track.length >= 2 ? { type: 'Feature', geometry: { type: 'LineString', coordinates: track }, properties: {} } : EMPTY);
  }, [ready, track]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || selectedTaskId === null) return;
    const mark = tasks.find((m) => m.id === selectedTaskId);
    if (mark) map.easeTo({ center: mark.at as [number, number], zoom: Math.max(map.getZoom(), 16), duration: 400 });
    // Only a new selection moves the map, not a task list refresh.
  }, [ready, selectedTaskId]);

  const positionRef = useRef(position);
  positionRef.current = position;
  useEffect(() => {
    const map = mapRef.current;
    const p = positionRef.current;
    if (!map || !ready || locateRequest === 0 || !p) return;
    map.easeTo({ center: [p.lng, p.lat], zoom: Math.max(map.getZoom(), 16), duration: 400 });
  }, [ready, locateRequest]);

  return (
    <div
      className={`worker-map grid-map ${dark ? 'grid-map--dark' : 'grid-map--light'}`}
      data-testid="worker-map"
      data-ready={ready || undefined}
      data-grid-count={drawnGrids ?? undefined}
      data-position={position ? `${position.lng.toFixed(6)},${position.lat.toFixed(6)}` : undefined}
      role="region"
      aria-label={t('worker.map.label')}
    >
      <div ref={containerRef} className="grid-map__canvas" />
    </div>
  );
}
