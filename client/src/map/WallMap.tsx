import { useEffect, useRef, useState } from 'react';
import type { FeatureCollection, Point } from 'geojson';
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import type { AppConfig, BasemapConfig, GridCollection } from '../api/types';
import { useT } from '../i18n/use-t';
import { basemapStyle } from './basemap-style';
import { setupMaplibre } from './maplibre-setup';
import { createWallLabels, type PlaceLabel, type WallLabels } from './wall-labels';
import { HATCH_IMAGE, hatchPattern, pulse, SCORE_STOPS, WALL, wallLayers, wallSources, FLAG, HEAT_RAMP } from './wall-layers';
import { WallMapLegend } from './WallMapLegend';

export interface WallMapProps {
  config: AppConfig;
  basemap: BasemapConfig;
  /** Screen unit: 1 on a 1920-wide wall, 2 on 3840. */
  unit: number;
  bounds: [number, number, number, number] | null;
  grids: GridCollection | null;
  blindSpots: FeatureCollection | null;
  households: FeatureCollection<Point> | null;
  heat: FeatureCollection<Point> | null;
  fresh: FeatureCollection<Point>;
  labels: PlaceLabel[];
}

const PULSE_EVERY_MS = 100;

/** The wall's map: grids by health, flagged blind spots, incident heat, households, community names. */
export function WallMap({ config, basemap, unit, bounds, grids, blindSpots, households, heat, fresh, labels }: WallMapProps) {
  const { t } = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const mapRef = useRef<MaplibreMap | null>(null);
  const labelsRef = useRef<WallLabels | null>(null);
  const [ready, setReady] = useState(false);
  const [drawn, setDrawn] = useState<number | null>(null);

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const maplibregl = setupMaplibre();
    const map = new maplibregl.Map({
      container,
      style: basemapStyle(basemap),
      center: config.center,
      zoom: config.zoom,
      attributionControl: false,
      interactive: false,
      fadeDuration: 0,
    });
    mapRef.current = map;
    map.on('load', () => {
      map.addImage(HATCH_IMAGE, hatchPattern(Math.round(12 * unit), [255, 59, 48]), { pixelRatio: 1 });
      for (const [id, source] of Object.entries(wallSources())) map.addSource(id, source);
      for (const layer of wallLayers(unit)) map.addLayer(layer);
      labelsRef.current = createWallLabels(map, 'wall-label');
      setReady(true);
    });
    // Blind spots pulse so they catch the eye from across the room.
    const pulsing = setInterval(() => {
      if (!map.getLayer('wg-wall-spot-line')) return;
      const p = pulse(performance.now());
      map.setPaintProperty('wg-wall-spot-line', 'line-opacity', p);
      map.setPaintProperty('wg-wall-fresh', 'circle-stroke-opacity', p);
    }, PULSE_EVERY_MS);
    return () => {
      clearInterval(pulsing);
      labelsRef.current?.destroy();
      labelsRef.current = null;
      mapRef.current = null;
      map.remove();
    };
    // Created once per screen unit; data arrives through the effects below.
  }, [unit]);

  const setData = (id: string, data: FeatureCollection | null) => {
    const map = mapRef.current;
    if (map && ready && data) map.getSource<GeoJSONSource>(id)?.setData(data);
  };
  useEffect(() => setData(WALL.spots, blindSpots), [ready, blindSpots]);
  // Density layers are the slowest to draw without a GPU: they follow once the grids are on screen.
  const gridsShown = drawn !== null;
  useEffect(() => setData(WALL.households, gridsShown ? households : null), [ready, households, gridsShown]);
  useEffect(() => setData(WALL.heat, gridsShown ? heat : null), [ready, heat, gridsShown]);
  useEffect(() => setData(WALL.fresh, fresh), [ready, fresh]);
  useEffect(() => {
    if (ready) labelsRef.current?.update(labels);
  }, [ready, labels]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !bounds) return;
    map.fitBounds(bounds, { padding: 40 * unit, animate: false });
  }, [ready, bounds?.join(','), unit]);

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
      }
    };
    map.on('render', onRender);
    return () => {
      map.off('render', onRender);
    };
  }, [ready, grids]);

  return (
    <div className="wall-map" data-testid="wall-map" data-grid-count={drawn ?? undefined} role="region" aria-label={t('wall.map')}>
      <div ref={containerRef} className="wall-map__canvas" />
      <WallMapLegend scoreStops={SCORE_STOPS} heatRamp={HEAT_RAMP} flags={FLAG} />
    </div>
  );
}
