import { useEffect, useMemo, useRef, useState } from 'react';
import type { Feature, FeatureCollection, MultiPoint, Point } from 'geojson';
import type { GeoJSONSource, VectorTileSource } from 'maplibre-gl';
import { tileRequestWithToken } from '../api/tile-urls';
import type { AppConfig, BasemapConfig, BBox, GridCollection } from '../api/types';
import { useT } from '../i18n/use-t';
import { basemapStyle } from './basemap-style';
import { collectionBounds } from './grid-geometry';
import { setupMaplibre } from './maplibre-setup';
import { reportTileRefusals } from './tile-refusals';
import { useDeckOverlay } from './use-deck-overlay';
import { useOverlayMap } from './use-overlay-map';
import { wallHeatLayer } from './wall-heat';
import { geometryBounds } from './geometry-bounds';
import { wallFitPadding } from './wall-fit';
import { createWallLabels, type PlaceLabel, type WallLabels } from './wall-labels';
import {
  FLAG,
  HATCH_IMAGE,
  hatchPattern,
  HEAT_RAMP,
  householdLayers,
  householdSource,
  HOUSEHOLDS_BEFORE,
  isPulsingSpot,
  pulse,
  PULSING_PAINT,
  SCORE_STOPS,
  WALL,
  wallLayers,
  wallSources,
} from './wall-layers';
import { WallMapLegend } from './WallMapLegend';

export interface WallMapProps {
  config: AppConfig;
  basemap: BasemapConfig;
  /** Screen unit: 1 on a 1920-wide wall, 2 on 3840. */
  unit: number;
  bounds: [number, number, number, number] | null;
  grids: GridCollection | null;
  blindSpots: FeatureCollection | null;
  /** The household tile URL template of the region shown; null until the region is known. */
  /** The TileJSON URL of the region's household tiles. */
  householdTiles: string | null;
  /** The wall's display token, sent with our own tile requests; null when a session reads. */
  token: string | null;
  /** A tile was refused with 401: with a token, the token is no longer good. */
  onTilesDenied?: () => void;
  heat: FeatureCollection<MultiPoint> | null;
  fresh: FeatureCollection<Point>;
  labels: PlaceLabel[];
  /** A blind spot to zoom to (outlined), instead of the whole region; null for the region. */
  focus: Feature | null;
  /** Called once the grids are first on the canvas. */
  onGridsDrawn?: () => void;
}

const PULSE_EVERY_MS = 100;
/** The legend's distance from the map's left and bottom edges, in screen units (see wall.css). */
const LEGEND_INSET = 12;

// The worker pool starts as this module loads, while the wall's data is still on its way, rather
// than when the map is created.
setupMaplibre().prewarm();

/** The wall's map: grids by health, flagged blind spots, incident heat, households, community names. */
export function WallMap({
  config,
  basemap,
  unit,
  bounds,
  grids,
  blindSpots,
  householdTiles,
  token,
  onTilesDenied,
  heat,
  fresh,
  labels,
  focus,
  onGridsDrawn,
}: WallMapProps) {
  const { t } = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const onTilesDeniedRef = useRef(onTilesDenied);
  onTilesDeniedRef.current = onTilesDenied;
  const labelsRef = useRef<WallLabels | null>(null);
  const legendRef = useRef<HTMLDivElement>(null);
  const [drawn, setDrawn] = useState<number | null>(null);
  const [densityDrawn, setDensityDrawn] = useState(false);

  // Created once per screen unit; data arrives through the effects below.
  const { mapRef, ready } = useOverlayMap(
    containerRef,
    () => ({
      style: basemapStyle(basemap),
      center: config.center,
      zoom: config.zoom,
      options: {
        attributionControl: false,
        interactive: false,
        fadeDuration: 0,
        // Tiles are fetched from the map's worker, which has the session cookie but not the token.
        transformRequest: (url, resourceType) => tileRequestWithToken(window.location.origin, tokenRef.current)(url, resourceType),
      },
      images: { [HATCH_IMAGE]: { image: hatchPattern(Math.round(12 * unit), [255, 59, 48]), options: { pixelRatio: 1 } } },
      sources: wallSources(),
      layers: wallLayers(unit),
      onCreate: (map) =>
        reportTileRefusals(map, ({ status }) => {
          if (status === 401) onTilesDeniedRef.current?.();
        }),
      onLoad: (map) => {
        labelsRef.current = createWallLabels(map, 'wall-label');
        return () => {
          labelsRef.current?.destroy();
          labelsRef.current = null;
        };
      },
    }),
    [unit],
  );

  // Blind spots and fresh incidents pulse so they catch the eye from across the room. Every pulse
  // repaints the whole map, so it runs only when there is something to pulse, and only once the
  // whole picture, density layers included, is on screen.
  const pulsing = densityDrawn && (fresh.features.length > 0 || (blindSpots?.features.some((f) => isPulsingSpot(f)) ?? false));
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !pulsing) return;
    const timer = setInterval(() => {
      const p = pulse(performance.now());
      for (const [layer, property] of PULSING_PAINT) map.setPaintProperty(layer, property, p);
    }, PULSE_EVERY_MS);
    return () => {
      clearInterval(timer);
      // Steady again, unless the map itself is going.
      if (mapRef.current === map) for (const [layer, property] of PULSING_PAINT) map.setPaintProperty(layer, property, 1);
    };
  }, [ready, pulsing]);

  const setData = (id: string, data: FeatureCollection | null) => {
    const map = mapRef.current;
    if (map && ready && data) map.getSource<GeoJSONSource>(id)?.setData(data);
  };
  useEffect(() => setData(WALL.spots, blindSpots), [ready, blindSpots]);
  // Density layers are the slowest to draw without a GPU: they follow once the grids are on screen.
  const gridsShown = drawn !== null;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !gridsShown || !householdTiles) return;
    const source = map.getSource<VectorTileSource>(WALL.households);
    if (!source) {
      map.addSource(WALL.households, householdSource(householdTiles));
      for (const layer of householdLayers(unit)) map.addLayer(layer, HOUSEHOLDS_BEFORE);
    } else if (source.url !== householdTiles) {
      source.setUrl(householdTiles);
    }
  }, [ready, householdTiles, gridsShown]);
  // The heat is deck.gl's, at the zoom the wall settles on (it does not move by itself).
  const [zoom, setZoom] = useState<number | null>(null);
  const heatLayers = useMemo(() => (gridsShown && heat && zoom !== null ? [wallHeatLayer(heat, zoom)] : []), [gridsShown, heat, zoom]);
  useDeckOverlay(mapRef, ready, heatLayers);
  const [heatDrawn, setHeatDrawn] = useState(false);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || heatLayers.length === 0) return;
    // The overlay draws in MapLibre's own frame: the next frame has the new heat.
    const onRender = () => {
      setHeatDrawn(true);
      // Browser tests ask the map which incidents its heat holds, to look for it in the pixels.
      (map.getContainer() as HTMLElement & { wallHeat?: () => number[][] }).wallHeat = () => heat!.features.flatMap((f) => f.geometry.coordinates);
    };
    map.once('render', onRender);
    map.triggerRepaint();
    return () => {
      map.off('render', onRender);
    };
  }, [ready, heatLayers]);
  useEffect(() => setData(WALL.fresh, fresh), [ready, fresh]);
  // data-density-drawn tells tests and benchmarks when the density layers have followed.
  const densityGiven = gridsShown && householdTiles !== null && heat !== null && heatDrawn;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !densityGiven || densityDrawn) return;
    const onRender = () => {
      if (!map.getSource(WALL.households) || !map.isSourceLoaded(WALL.households)) return;
      map.off('render', onRender);
      setDensityDrawn(true);
    };
    map.on('render', onRender);
    map.triggerRepaint();
    return () => {
      map.off('render', onRender);
    };
  }, [ready, densityGiven, densityDrawn]);
  useEffect(() => {
    if (ready) labelsRef.current?.update(labels);
  }, [ready, labels]);

  // The frame: a chosen blind spot, else the region's grids (the region's box until they come).
  const gridBounds = useMemo(() => (grids ? collectionBounds(grids) : null), [grids]);
  const focusBounds = useMemo(() => (focus ? geometryBounds(focus.geometry as { coordinates?: unknown } | null) : null), [focus]);
  const frame: BBox | null = focusBounds ?? gridBounds ?? bounds;
  useEffect(() => setData(WALL.focus, { type: 'FeatureCollection', features: focus ? [focus] : [] }), [ready, focus]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    if (!frame) return setZoom(map.getZoom());
    const canvas = map.getContainer();
    const legend = legendRef.current;
    const padding = wallFitPadding(
      { width: canvas.clientWidth, height: canvas.clientHeight },
      { width: legend?.offsetWidth ?? 0, height: legend?.offsetHeight ?? 0 },
      LEGEND_INSET * unit,
      frame,
      16 * unit,
    );
    // A blind spot may be a single household: not closer than the households' own zoom.
    // (No maxZoom: undefined: MapLibre takes it for a number and frames nowhere.)
    map.fitBounds(frame, { padding, animate: false, ...(focusBounds ? { maxZoom: 17 } : {}) });
    setZoom(map.getZoom());
  }, [ready, frame?.join(','), unit]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !grids) return;
    map.getSource<GeoJSONSource>(WALL.grids)?.setData(grids);
    // Report the count only once the polygons are really on the canvas (see GridMap). Not on
    // 'idle': the pulsing blind spots keep the map repainting, so it is never idle.
    const onRender = () => {
      const shown = map.isSourceLoaded(WALL.grids) && map.queryRenderedFeatures({ layers: ['wg-wall-grid-fill'] }).length > 0;
      if (shown || grids.features.length === 0) {
        map.off('render', onRender);
        setDrawn(grids.features.length);
        onGridsDrawn?.();
      }
    };
    map.on('render', onRender);
    return () => {
      map.off('render', onRender);
    };
  }, [ready, grids]);

  return (
    <div
      className="wall-map"
      data-testid="wall-map"
      data-grid-count={drawn ?? undefined}
      data-density-drawn={densityDrawn || undefined}
      data-frame={frame?.join(',')}
      role="region"
      aria-label={t('wall.map')}
    >
      <div ref={containerRef} className="wall-map__canvas" />
      <WallMapLegend ref={legendRef} scoreStops={SCORE_STOPS} heatRamp={HEAT_RAMP} flags={FLAG} />
    </div>
  );
}
