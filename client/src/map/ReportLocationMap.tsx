// The residents' place picker on /report: a tap puts the marker where the problem is. The grids are
// drawn faintly (names as the map zooms in) so people can see where they are even on the offline
// base map, which has nothing else on it; the grid under the marker is lit.
import { useEffect, useRef, useState } from 'react';
import type { GeoJSONSource, Map as MaplibreMap, Marker } from 'maplibre-gl';
import type { AppConfig, GridCollection } from '../api/types';
import { useT } from '../i18n/use-t';
import { basemapStyle, chooseBasemap, isDarkBasemap } from './basemap-style';
import { collectionBounds } from './grid-geometry';
import { whenPolygonsDrawn } from './when-drawn';
import { createGridLabels, type GridLabels } from './grid-labels';
import { createBaseMap, setupMaplibre } from './maplibre-setup';

export type LngLat = [number, number];

export interface ReportLocationMapProps {
  config: AppConfig;
  grids: GridCollection | null;
  /** Where the marker is, or null before anything is chosen. */
  value: LngLat | null;
  /** The grid under the marker, lit on the map. */
  selectedGridId: number | null;
  onPick: (point: LngLat) => void;
  /** Changes whenever the map should move to `value` (the device's position came in). */
  focusKey: number;
  className?: string;
}

const SOURCE_ID = 'wg-report-grids';
const FILL_ID = 'wg-report-grids-fill';
const LINE_ID = 'wg-report-grids-line';
const FOCUS_ZOOM = 16;
/** Where a first rough tap takes the view: the grid and its neighbours, with their names. */
const TAP_ZOOM = 15;
/** Below this zoom a tapped place is too rough to keep the view where it is. */
const CLOSE_ZOOM = 14;
const MARKER_COLOR = '#ff6b5b';

export function ReportLocationMap({ config, grids, value, selectedGridId, onPick, focusKey, className }: ReportLocationMapProps) {
  const { t, lang } = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MaplibreMap | null>(null);
  const markerRef = useRef<Marker | null>(null);
  const labelsRef = useRef<GridLabels | null>(null);
  const onPickRef = useRef(onPick);
  const fittedRef = useRef<GridCollection | null>(null);
  const selectedRef = useRef<number | null>(null);
  const [ready, setReady] = useState(false);
  const [drawnCount, setDrawnCount] = useState<number | null>(null);
  const [bounds, setBounds] = useState<string | null>(null);
  const basemap = chooseBasemap(config.basemaps, null, config.defaultBasemap);
  const dark = isDarkBasemap(basemap.id);

  useEffect(() => {
    onPickRef.current = onPick;
  }, [onPick]);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const maplibregl = setupMaplibre();
    const map = createBaseMap(container, basemapStyle(basemap), config, lang, {
      // A map inside a page that scrolls: one finger scrolls the page, two move the map.
      cooperativeGestures: true,
      locale: {
        'CooperativeGesturesHandler.WindowsHelpText': t('report.map.gestureDesktop'),
        'CooperativeGesturesHandler.MacHelpText': t('report.map.gestureMac'),
        'CooperativeGesturesHandler.MobileHelpText': t('report.map.gestureMobile'),
      },
    });
    mapRef.current = map;
    (container as HTMLElement & { maplibreMap?: MaplibreMap }).maplibreMap = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');

    const reportBounds = () => {
      const b = map.getBounds();
      setBounds([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()].map((v) => v.toFixed(7)).join(','));
    };
    map.on('moveend', reportBounds);
    map.on('resize', reportBounds);
    map.on('click', (e) => {
      onPickRef.current([e.lngLat.lng, e.lngLat.lat]);
      // A tap on the whole county is a rough guess: come closer, so the next tap can be exact.
      if (map.getZoom() < CLOSE_ZOOM) map.easeTo({ center: e.lngLat, zoom: TAP_ZOOM, duration: 500 });
    });
    map.on('load', () => {
      map.addSource(SOURCE_ID, { type: 'geojson', data: { type: 'FeatureCollection', features: [] }, promoteId: 'id' });
      map.addLayer({
        id: FILL_ID,
        type: 'fill',
        source: SOURCE_ID,
        paint: {
          'fill-color': dark ? '#38bdf8' : '#1d6fa5',
          'fill-opacity': ['case', ['boolean', ['feature-state', 'selected'], false], 0.32, 0.07],
        },
      });
      map.addLayer({
        id: LINE_ID,
        type: 'line',
        source: SOURCE_ID,
        paint: {
          'line-color': dark ? '#5fb8e8' : '#1d3557',
          'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 2.5, 1],
          'line-opacity': 0.7,
        },
      });
      labelsRef.current = createGridLabels(map);
      reportBounds();
      setReady(true);
    });

    return () => {
      labelsRef.current?.destroy();
      labelsRef.current = null;
      markerRef.current = null;
      mapRef.current = null;
      delete (container as HTMLElement & { maplibreMap?: MaplibreMap }).maplibreMap;
      map.remove();
    };
    // The map is created once; the language of the gesture hint is the one it was opened in.
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !grids) return;
    map.getSource<GeoJSONSource>(SOURCE_ID)?.setData(grids);
    labelsRef.current?.update(grids);
    if (fittedRef.current !== grids) {
      fittedRef.current = grids;
      const b = collectionBounds(grids);
      // A marker already placed (the device answered first) keeps the view on it.
      if (b && !markerRef.current) map.fitBounds(b, { padding: 24, animate: false, maxZoom: 16 });
    }
    return whenPolygonsDrawn(map, SOURCE_ID, FILL_ID, grids.features.length, setDrawnCount);
  }, [ready, grids]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const previous = selectedRef.current;
    if (previous !== null) map.setFeatureState({ source: SOURCE_ID, id: previous }, { selected: false });
    selectedRef.current = selectedGridId;
    if (selectedGridId !== null) map.setFeatureState({ source: SOURCE_ID, id: selectedGridId }, { selected: true });
  }, [ready, selectedGridId, grids]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (!value) {
      markerRef.current?.remove();
      markerRef.current = null;
      return;
    }
    if (!markerRef.current) {
      const maplibregl = setupMaplibre();
      markerRef.current = new maplibregl.Marker({ color: MARKER_COLOR }).setLngLat(value).addTo(map);
      markerRef.current.getElement().setAttribute('data-testid', 'report-map-marker');
    } else {
      markerRef.current.setLngLat(value);
    }
    // value is read through the key: only a new device position moves the map, never a tap.
  }, [value]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !value || focusKey === 0) return;
    map.easeTo({ center: value, zoom: Math.max(map.getZoom(), FOCUS_ZOOM), duration: 600 });
    // Only a new focus request moves the map.
  }, [focusKey]);

  const classes = ['report-map', dark ? 'grid-map--dark' : 'grid-map--light', className].filter(Boolean).join(' ');
  return (
    <div
      className={classes}
      data-testid="report-map"
      data-ready={ready || undefined}
      data-grid-count={drawnCount ?? undefined}
      data-bounds={bounds ?? undefined}
      data-marker={value ? value.map((v) => v.toFixed(6)).join(',') : undefined}
      role="region"
      aria-label={t('report.map.label')}
    >
      <div ref={containerRef} className="report-map__canvas" />
      {!ready && <div className="report-map__loading">{t('report.map.loading')}</div>}
    </div>
  );
}
