import { useEffect, useMemo, useRef, useState } from 'react';
import type { FeatureCollection } from 'geojson';
import type { GeoJSONSource, MapLayerMouseEvent, MapMouseEvent, StyleSpecification } from 'maplibre-gl';
import type { AppConfig, BasemapConfig, BasemapId } from '../api/types';
import { useT } from '../i18n/use-t';
import { AREA_DRAW_MODE, AREA_DRAW_PREFIX, areaDrawMode, draftCorners, finishedCorners } from './analysis-draw';
import type { MapFocus } from './analysis-focus';
import { AN, AN_POINTS_LAYER, analysisLayers, analysisSources, VISIBLE } from './analysis-layers';
import { heatCells, keptBy, legendRange, statusCounts, type Range } from './analysis-legend';
import { AnalysisLegend } from './AnalysisLegend';
import { AnalysisTooltip } from './AnalysisTooltip';
import { basemapStyle, carryOverlay } from './basemap-style';
import { BasemapPicker } from './BasemapPicker';
import { incidentDeckLayers, type DeckIncidentFilter, type DeckIncidentMode } from './incident-deck-layers';
import { followIncidentTiles, type IncidentPointsDrawn } from './incident-points';
import { reportTileRefusals } from './tile-refusals';
import { useDeckIncidentsProbe } from './deck-incidents-probe';
import { useAnalysisHover } from './use-analysis-hover';
import { useDeckOverlay } from './use-deck-overlay';
import { useMapFocus } from './use-map-focus';
import { useOverlayMap } from './use-overlay-map';
import { useTerraDraw } from './use-terra-draw';
import type { LoadedIncidents } from '../views/analyze/incident-window';

export type AnalysisLayer = keyof typeof VISIBLE;
export interface MapView {
  lng: number;
  lat: number;
  zoom: number;
  bbox: [number, number, number, number];
}
/** The GeoJSON sources the page fills; the points are vector tiles (see `incidentTiles`), the focus and selection the map's own. */
export type AnalysisDataSource = Exclude<(typeof AN)[keyof typeof AN], typeof AN.points | typeof AN.focus | typeof AN.selected>;

export interface AnalysisMapProps {
  config: AppConfig;
  basemap: BasemapConfig;
  onBasemapChange: (id: BasemapId) => void;
  layer: AnalysisLayer;
  /** Data per source id (AN.*); null leaves a source as it is. */
  data: Partial<Record<AnalysisDataSource, FeatureCollection | null>>;
  /** The incident tile URL template of the current filters, for the points layer when `incidents` is null. */
  incidentTiles: string;
  /**
   * The loaded incidents (binary, up to the server's cap), drawn by deck.gl in the points, hex and
   * heat modes; null while loading or over the cap, when those modes show the server's tiles and bins.
   */
  incidents: LoadedIncidents | null;
  /** The GPU filter: playback window and chosen categories. */
  gpuFilter: DeckIncidentFilter;
  /** Over the cap: the incident modes show the server's tiles and bins (otherwise nothing until loaded). */
  serverFallback: boolean;
  sizeM: number;
  metric: 'count' | 'overdue';
  polygon: [number, number][] | null;
  drawing: boolean;
  onPolygonDrawn: (ring: [number, number][] | null) => void;
  onSelect: (id: number) => void;
  initialView: { lng: number; lat: number; zoom: number } | null;
  fitTo: [number, number, number, number] | null;
  /** The chosen region or grid: outlined, and zoomed to when chosen. `focusKey` names the choice before its grids are in. */
  focus: MapFocus | null;
  focusKey: string | null;
  /** The incident whose card is open, ringed where it is. */
  selected: { id: number; at: [number, number] } | null;
  onView: (view: MapView) => void;
  /**
   * Shown in data-drawn once the current layer's data has been drawn (for tests and the status
   * line). The points layer counts what it drew itself: only the map knows when tiles are in.
   */
  drawnCount: number | null;
}

const DECK_MODES: readonly string[] = ['points', 'hex', 'heat'] satisfies DeckIncidentMode[];

/** The drawn area for its layers: a polygon once it has three corners, a line before. */
const areaFeature = (ring: [number, number][]) => ({
  type: 'Feature' as const,
  properties: {},
  geometry: ring.length >= 3 ? { type: 'Polygon' as const, coordinates: [[...ring, ring[0]]] } : { type: 'LineString' as const, coordinates: ring },
});

export function AnalysisMap(props: AnalysisMapProps) {
  const { t } = useT();
  const { config, basemap, layer, data, incidentTiles, polygon, drawing, initialView, fitTo, incidents, gpuFilter, sizeM, metric } = props;
  const onGpu = incidents !== null && DECK_MODES.includes(layer);
  const containerRef = useRef<HTMLDivElement>(null);
  const propsRef = useRef(props);
  propsRef.current = props;
  const appliedBasemap = useRef(basemap);
  const [draftSize, setDraftSize] = useState(0);
  const [pointsDrawn, setPointsDrawn] = useState<IncidentPointsDrawn | null>(null);
  // The smallest and largest hexagon deck drew (its colour domain), for the legend.
  const [hexDomain, setHexDomain] = useState<Range | null>(null);
  const incidentPoints = useRef<ReturnType<typeof followIncidentTiles> | null>(null);

  // Created once; the effects below apply later prop changes.
  const { mapRef, ready } = useOverlayMap(
    containerRef,
    () => ({
      style: basemapStyle(appliedBasemap.current),
      center: initialView ? [initialView.lng, initialView.lat] : config.center,
      zoom: initialView?.zoom ?? config.zoom,
      options: { attributionControl: { compact: true } },
      sources: analysisSources(incidentTiles),
      layers: analysisLayers(),
      onCreate: (map, maplibregl) => {
        // A session that ends mid-use refuses the next tiles: the login form comes back, as for any read.
        reportTileRefusals(map);
        map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
        map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
      },
      onLoad: (map) => {
        // A tile feature's id is the incident's id; the card fetches the rest.
        map.on('click', AN_POINTS_LAYER, (e: MapLayerMouseEvent) => {
          const id = Number(e.features?.[0]?.id);
          if (Number.isInteger(id) && !propsRef.current.drawing) propsRef.current.onSelect(id);
        });
        map.on('mouseenter', AN_POINTS_LAYER, () => (map.getCanvas().style.cursor = 'pointer'));
        map.on('mouseleave', AN_POINTS_LAYER, () => (map.getCanvas().style.cursor = ''));
        const points = followIncidentTiles(map, (drawn) =>
          setPointsDrawn((last) => (last && last.tiles === drawn.tiles && last.count === drawn.count && last.oneIn === drawn.oneIn ? last : drawn)),
        );
        points.show(propsRef.current.incidentTiles);
        incidentPoints.current = points;
        const report = () => {
          const b = map.getBounds();
          const c = map.getCenter();
          propsRef.current.onView({ lng: c.lng, lat: c.lat, zoom: map.getZoom(), bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] });
        };
        map.on('moveend', report);
        report();
        return () => {
          points.stop();
          incidentPoints.current = null;
        };
      },
    }),
    [],
  );

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || JSON.stringify(appliedBasemap.current) === JSON.stringify(basemap)) return;
    appliedBasemap.current = basemap;
    map.setStyle(basemapStyle(basemap), {
      diff: false,
      transformStyle: (prev: StyleSpecification | undefined, next: StyleSpecification) => carryOverlay(prev, next),
    });
  }, [ready, basemap]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    // deck.gl draws the incident modes while the set is loaded; MapLibre's layers are the fallback.
    for (const [name, ids] of Object.entries(VISIBLE)) {
      const shown = name === layer && (!DECK_MODES.includes(name) || props.serverFallback);
      for (const id of ids) map.setLayoutProperty(id, 'visibility', shown ? 'visible' : 'none');
    }
  }, [ready, layer, props.serverFallback]);

  const deckLayers = useMemo(
    () =>
      onGpu
        ? incidentDeckLayers(layer as DeckIncidentMode, incidents!, gpuFilter, {
            sizeM,
            metric,
            onHexDomain: (d) => setHexDomain((last) => (last && last[0] === d[0] && last[1] === d[1] ? last : d)),
          })
        : [],
    [onGpu, layer, incidents, gpuFilter.minutes[0], gpuFilter.minutes[1], gpuFilter.categories.join(','), sizeM, metric],
  );
  const deck = useDeckOverlay(mapRef, ready, deckLayers);
  // An interleaved overlay gets no pointer events of its own: a click on the map asks deck's
  // picking which incident is drawn there, and the card opens for it.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !onGpu || layer !== 'points' || !incidents) return;
    const onClick = (e: MapMouseEvent) => {
      if (propsRef.current.drawing) return;
      const info = deck.current?.pick(e.point.x, e.point.y, 3);
      if (info && info.index >= 0) propsRef.current.onSelect(incidents.ids[info.index]);
    };
    map.on('click', onClick);
    return () => {
      map.off('click', onClick);
    };
  }, [ready, onGpu, layer, incidents]);
  // What deck has drawn: the layers' key once a frame with them has been drawn (the map idles).
  const deckKey = onGpu ? `${layer}|${gpuFilter.minutes.join(':')}|${gpuFilter.categories.join(',')}|${sizeM}|${metric}|${incidents!.count}` : null;
  const [deckDrawn, setDeckDrawn] = useState<string | null>(null);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || deckKey === null) return;
    const onIdle = () => setDeckDrawn(deckKey);
    map.once('idle', onIdle);
    map.triggerRepaint();
    return () => {
      map.off('idle', onIdle);
    };
  }, [ready, deckKey]);
  useDeckIncidentsProbe(containerRef, deck, onGpu ? incidents : null, gpuFilter, deckKey);
  // What the legend and the hover say: counts per heat cell and per status of the incidents kept.
  const kept = useMemo(() => (onGpu ? keptBy(incidents!, gpuFilter.minutes, gpuFilter.categories) : null), [onGpu, incidents, deckKey]);
  const heat = useMemo(
    () => (kept && layer === 'heat' ? heatCells(incidents!.lngLat, incidents!.count, kept, config.center as [number, number]) : null),
    [kept, layer],
  );
  const statuses = useMemo(() => (kept && layer === 'points' ? statusCounts(incidents!, kept) : null), [kept, layer]);
  const range = legendRange(layer, metric, { hexDomain, heat, bins: data[AN.bins], heatBins: data[AN.heat], grids: data[AN.grids] }, onGpu);
  const hover = useAnalysisHover(mapRef, ready, deck, { layer, incidents: onGpu ? incidents : null, metric, heat }, drawing);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    for (const [id, fc] of Object.entries(data)) if (fc) map.getSource<GeoJSONSource>(id)?.setData(fc);
  }, [ready, data]);

  // New filters, new tiles. Only a visible layer's tiles are fetched: other modes cost nothing.
  useEffect(() => {
    if (ready) incidentPoints.current?.show(incidentTiles);
  }, [ready, incidentTiles]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !fitTo || initialView) return;
    map.fitBounds(fitTo, { padding: 40, animate: false });
    // Only the first region fit: later the user's own view (kept in the URL) wins.
  }, [ready, fitTo]);
  const fitted = useMapFocus(mapRef, ready, props.focus, props.selected, props.focusKey, initialView !== null);

  // While drawing, terra-draw draws the area (analysis-draw.ts); the drawn one is our own layer.
  const { drawRef } = useTerraDraw(mapRef, ready && drawing, {
    modes: () => [areaDrawMode()],
    mode: AREA_DRAW_MODE,
    prefixId: AREA_DRAW_PREFIX,
    onChange: (draw) => setDraftSize(draftCorners(draw.getSnapshot()).length),
    onFinish: (draw, id) => {
      const ring = finishedCorners(draw.getSnapshotFeature(id));
      if (ring && ring.length >= 3) propsRef.current.onPolygonDrawn(ring);
    },
  });
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    map.getSource<GeoJSONSource>(AN.poly)?.setData({ type: 'FeatureCollection', features: !drawing && polygon?.length ? [areaFeature(polygon)] : [] });
    if (drawing) setDraftSize(0);
  }, [ready, drawing, polygon]);

  // Only what the current tiles drew counts: the last filter's points are not this one's.
  const points = layer === 'points' && !onGpu && pointsDrawn?.tiles === incidentTiles ? pointsDrawn : null;
  // On the GPU: the incidents the filter keeps, once deck has drawn them.
  const drawn = onGpu ? (deckDrawn === deckKey ? props.drawnCount : undefined) : layer === 'points' ? points?.count : props.drawnCount;
  return (
    <div
      className="grid-map grid-map--dark analysis-map"
      data-testid="analysis-map"
      data-layer={layer}
      data-drawn={drawn ?? undefined}
      data-renderer={onGpu ? 'deck' : 'maplibre'}
      data-basemap={basemap.id}
      data-focus={props.focus?.key}
      data-focus-fitted={fitted ?? undefined}
      data-selected={props.selected?.id}
      role="region"
      aria-label={t('analyze.map')}
    >
      <div ref={containerRef} className="grid-map__canvas" />
      <AnalysisLegend layer={layer} metric={metric} sizeM={sizeM} range={range} statuses={statuses} />
      <AnalysisTooltip at={hover} />
      <div className="grid-map__controls">
        <BasemapPicker basemaps={config.basemaps} value={basemap.id} onChange={props.onBasemapChange} />
      </div>
      {points && points.oneIn > 1 && (
        <div className="sampled-note" data-testid="sampled-note" data-keep-one-in={points.oneIn} role="status">
          {t('analyze.sampled', { k: points.oneIn })}
        </div>
      )}
      {drawing && (
        <div className="draw-hint" data-testid="draw-hint">
          <span>{t('analyze.draw.hint', { n: draftSize })}</span>
          <button
            type="button"
            data-testid="draw-finish"
            disabled={draftSize < 3}
            onClick={() => props.onPolygonDrawn(drawRef.current ? draftCorners(drawRef.current.getSnapshot()) : [])}
          >
            {t('analyze.draw.finish')}
          </button>
          <button type="button" data-testid="draw-cancel" onClick={() => props.onPolygonDrawn(null)}>
            {t('analyze.draw.cancel')}
          </button>
        </div>
      )}
    </div>
  );
}
