import { useEffect, useRef, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, MapLayerMouseEvent, MapMouseEvent, StyleSpecification } from 'maplibre-gl';
import type { AppConfig, BasemapConfig, BasemapId } from '../api/types';
import { useT } from '../i18n/use-t';
import { AN, analysisLayers, analysisSources, VISIBLE } from './analysis-layers';
import { basemapStyle, carryOverlay } from './basemap-style';
import { BasemapPicker } from './BasemapPicker';
import { useOverlayMap } from './use-overlay-map';

export type AnalysisLayer = keyof typeof VISIBLE;
export interface MapView { lng: number; lat: number; zoom: number; bbox: [number, number, number, number] }

export interface AnalysisMapProps {
  config: AppConfig;
  basemap: BasemapConfig;
  onBasemapChange: (id: BasemapId) => void;
  layer: AnalysisLayer;
  /** Data per source id (AN.*); null leaves a source as it is. */
  data: Partial<Record<(typeof AN)[keyof typeof AN], FeatureCollection | null>>;
  polygon: [number, number][] | null;
  drawing: boolean;
  onPolygonDrawn: (ring: [number, number][] | null) => void;
  onSelect: (id: number) => void;
  initialView: { lng: number; lat: number; zoom: number } | null;
  fitTo: [number, number, number, number] | null;
  onView: (view: MapView) => void;
  /** Shown in data-drawn once the current layer's data has been drawn (for tests and the status line). */
  drawnCount: number | null;
}

const ringFeature = (ring: [number, number][], closed: boolean) => ({
  type: 'Feature' as const,
  properties: {},
  geometry: closed && ring.length >= 3 ? { type: 'Polygon' as const, coordinates: [[...ring, ring[0]]] } : { type: 'LineString' as const, coordinates: ring },
});

export function AnalysisMap(props: AnalysisMapProps) {
  const { t } = useT();
  const { config, basemap, layer, data, polygon, drawing, initialView, fitTo } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const appliedBasemap = useRef(basemap);
  const draft = useRef<[number, number][]>([]);
  const [draftSize, setDraftSize] = useState(0);

  // Created once; the effects below apply later prop changes.
  const { mapRef, ready } = useOverlayMap(containerRef, () => ({
    style: basemapStyle(appliedBasemap.current),
    center: initialView ? [initialView.lng, initialView.lat] : config.center,
    zoom: initialView?.zoom ?? config.zoom,
    options: { attributionControl: { compact: true } },
    sources: analysisSources(),
    layers: analysisLayers(),
    onCreate: (map, maplibregl) => {
      map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
      map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
    },
    onLoad: (map) => {
      map.on('click', 'wg-an-points', (e: MapLayerMouseEvent) => {
        const id = Number(e.features?.[0]?.properties?.id);
        if (Number.isInteger(id) && !propsRef.current.drawing) propsRef.current.onSelect(id);
      });
      map.on('click', 'wg-an-clusters', async (e: MapLayerMouseEvent) => {
        const f = e.features?.[0];
        if (!f || propsRef.current.drawing) return;
        const zoom = await map.getSource<GeoJSONSource>(AN.points)!.getClusterExpansionZoom(Number(f.properties.cluster_id));
        map.easeTo({ center: (f.geometry as unknown as { coordinates: [number, number] }).coordinates, zoom });
      });
      for (const id of ['wg-an-points', 'wg-an-clusters']) {
        map.on('mouseenter', id, () => (map.getCanvas().style.cursor = 'pointer'));
        map.on('mouseleave', id, () => (map.getCanvas().style.cursor = ''));
      }
      const report = () => {
        const b = map.getBounds();
        const c = map.getCenter();
        propsRef.current.onView({ lng: c.lng, lat: c.lat, zoom: map.getZoom(), bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] });
      };
      map.on('moveend', report);
      report();
    },
  }), []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || JSON.stringify(appliedBasemap.current) === JSON.stringify(basemap)) return;
    appliedBasemap.current = basemap;
    map.setStyle(basemapStyle(basemap), { diff: false, transformStyle: (prev: StyleSpecification | undefined, next: StyleSpecification) => carryOverlay(prev, next) });
  }, [ready, basemap]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    for (const [name, ids] of Object.entries(VISIBLE)) {
      for (const id of ids) map.setLayoutProperty(id, 'visibility', name === layer ? 'visible' : 'none');
    }
  }, [ready, layer]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    for (const [id, fc] of Object.entries(data)) if (fc) map.getSource<GeoJSONSource>(id)?.setData(fc);
  }, [ready, data]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !fitTo || initialView) return;
    map.fitBounds(fitTo, { padding: 40, animate: false });
    // Only the first region fit: later the user's own view (kept in the URL) wins.
  }, [ready, fitTo]);

  // The drawn polygon, or the draft while drawing: clicks add corners, a double-click finishes.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    const source = map.getSource<GeoJSONSource>(AN.poly);
    const show = (ring: [number, number][], closed: boolean) =>
      source?.setData({ type: 'FeatureCollection', features: ring.length ? [ringFeature(ring, closed)] : [] });
    if (!drawing) {
      show(polygon ?? [], true);
      return;
    }
    draft.current = [];
    setDraftSize(0);
    show([], false);
    map.doubleClickZoom.disable();
    map.getCanvas().style.cursor = 'crosshair';
    const onClick = (e: MapMouseEvent) => {
      draft.current = [...draft.current, [e.lngLat.lng, e.lngLat.lat]];
      setDraftSize(draft.current.length);
      show(draft.current, false);
    };
    const onDblClick = (e: MapMouseEvent) => {
      e.preventDefault();
      if (draft.current.length >= 3) propsRef.current.onPolygonDrawn(draft.current);
    };
    map.on('click', onClick);
    map.on('dblclick', onDblClick);
    return () => {
      map.off('click', onClick);
      map.off('dblclick', onDblClick);
      map.doubleClickZoom.enable();
      map.getCanvas().style.cursor = '';
    };
  }, [ready, drawing, polygon]);

  return (
    <div className="grid-map grid-map--dark analysis-map" data-testid="analysis-map" data-layer={layer} data-drawn={props.drawnCount ?? undefined} data-basemap={basemap.id} role="region" aria-label={t('analyze.map')}>
      <div ref={containerRef} className="grid-map__canvas" />
      <div className="grid-map__controls">
        <BasemapPicker basemaps={config.basemaps} value={basemap.id} onChange={props.onBasemapChange} />
      </div>
      {drawing && (
        <div className="draw-hint" data-testid="draw-hint">
          <span>{t('analyze.draw.hint', { n: draftSize })}</span>
          <button type="button" data-testid="draw-finish" disabled={draftSize < 3} onClick={() => props.onPolygonDrawn(draft.current)}>{t('analyze.draw.finish')}</button>
          <button type="button" data-testid="draw-cancel" onClick={() => props.onPolygonDrawn(null)}>{t('analyze.draw.cancel')}</button>
        </div>
      )}
    </div>
  );
}
