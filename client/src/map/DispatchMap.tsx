import { useEffect, useRef, useState } from 'react';
import type { FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource, LayerSpecification, SourceSpecification } from 'maplibre-gl';
import type { AppConfig, BasemapConfig, GridCollection } from '../api/types';
import { useT } from '../i18n/use-t';
import { basemapStyle, isDarkBasemap } from './basemap-style';
import { createGridLabels, type GridLabels } from './grid-labels';
import { PALETTE } from './grid-style';
import { useOverlayMap } from './use-overlay-map';

export interface DispatchMapProps {
  config: AppConfig;
  basemap: BasemapConfig;
  /** The open incident, or null when none is open. */
  incident: { id: number; lng: number; lat: number; gridId: number | null } | null;
  /** The grids around it (its own is outlined). */
  grids: GridCollection | null;
  /** The rest of the queue, as small dots for context. */
  others: FeatureCollection<Point>;
}

const SRC = { grids: 'wg-dispatch-grids', others: 'wg-dispatch-others', incident: 'wg-dispatch-incident' } as const;
const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };
const ZOOM = 16;

function sources(): Record<string, SourceSpecification> {
  return {
    [SRC.grids]: { type: 'geojson', data: EMPTY, promoteId: 'id' },
    [SRC.others]: { type: 'geojson', data: EMPTY },
    [SRC.incident]: { type: 'geojson', data: EMPTY },
  };
}

function layers(dark: boolean): LayerSpecification[] {
  const own = ['==', ['get', 'id'], ['literal', -1]];
  return [
    { id: 'wg-dispatch-grid-fill', type: 'fill', source: SRC.grids, paint: { 'fill-color': PALETTE.comprehensive, 'fill-opacity': 0.18 } },
    { id: 'wg-dispatch-grid-own', type: 'fill', source: SRC.grids, filter: own as never, paint: { 'fill-color': '#38bdf8', 'fill-opacity': 0.3 } },
    {
      id: 'wg-dispatch-grid-line',
      type: 'line',
      source: SRC.grids,
      paint: { 'line-color': dark ? PALETTE.outline : '#1d3557', 'line-width': 1, 'line-opacity': 0.8 },
    },
    { id: 'wg-dispatch-grid-own-line', type: 'line', source: SRC.grids, filter: own as never, paint: { 'line-color': '#38bdf8', 'line-width': 2.5 } },
    {
      id: 'wg-dispatch-others',
      type: 'circle',
      source: SRC.others,
      paint: { 'circle-radius': 3.5, 'circle-color': '#f6c244', 'circle-opacity': 0.75, 'circle-stroke-color': '#0b1624', 'circle-stroke-width': 1 },
    },
    { id: 'wg-dispatch-halo', type: 'circle', source: SRC.incident, paint: { 'circle-radius': 18, 'circle-color': '#ff5b4a', 'circle-opacity': 0.25 } },
    {
      id: 'wg-dispatch-point',
      type: 'circle',
      source: SRC.incident,
      paint: { 'circle-radius': 8, 'circle-color': '#ff5b4a', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
    },
  ];
}

/** Where the open incident is: a small map of its grid and the grids around it, the rest of the queue as dots. */
export function DispatchMap({ config, basemap, incident, grids, others }: DispatchMapProps) {
  const { t } = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const labelsRef = useRef<GridLabels | null>(null);
  const [drawnId, setDrawnId] = useState<number | null>(null);

  const { mapRef, ready } = useOverlayMap(
    containerRef,
    () => ({
      style: basemapStyle(basemap),
      center: incident ? [incident.lng, incident.lat] : config.center,
      zoom: incident ? ZOOM : config.zoom,
      options: { attributionControl: { compact: true }, dragRotate: false, pitchWithRotate: false },
      sources: sources(),
      layers: layers(isDarkBasemap(basemap.id)),
      onCreate: (map, maplibregl) => {
        map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
        map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
        // The page's keys (j/k, letters) must not pan the map while it has focus.
        map.keyboard.disable();
      },
      onLoad: (map) => {
        labelsRef.current = createGridLabels(map);
        return () => {
          labelsRef.current?.destroy();
          labelsRef.current = null;
        };
      },
    }),
    [basemap.id],
  );

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    map.getSource<GeoJSONSource>(SRC.grids)?.setData(grids ?? EMPTY);
    // The incident's own grid goes unlabelled: its name would cover the marker (the detail names it).
    if (grids) labelsRef.current?.update({ ...grids, features: grids.features.filter((g) => g.properties.id !== incident?.gridId) });
  }, [ready, grids, incident?.gridId]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    map.getSource<GeoJSONSource>(SRC.others)?.setData(others);
  }, [ready, others]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const own = ['==', ['get', 'id'], ['literal', incident?.gridId ?? -1]] as never;
    map.setFilter('wg-dispatch-grid-own', own);
    map.setFilter('wg-dispatch-grid-own-line', own);
    map.getSource<GeoJSONSource>(SRC.incident)?.setData(
      incident
        ? {
            type: 'FeatureCollection',
            features: [{ type: 'Feature', properties: { id: incident.id }, geometry: { type: 'Point', coordinates: [incident.lng, incident.lat] } }],
          }
        : EMPTY,
    );
    if (incident) map.jumpTo({ center: [incident.lng, incident.lat], zoom: Math.max(map.getZoom(), ZOOM - 1) });
    setDrawnId(incident?.id ?? null);
  }, [ready, incident?.id, incident?.lng, incident?.lat, incident?.gridId]);

  return (
    <div
      className="grid-map grid-map--dark dispatch-map"
      data-testid="dispatch-map"
      data-ready={ready || undefined}
      data-incident={drawnId ?? undefined}
      role="region"
      aria-label={t('dispatch.map.label')}
    >
      <div ref={containerRef} className="grid-map__canvas" />
    </div>
  );
}
