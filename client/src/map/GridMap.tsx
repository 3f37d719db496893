import { useEffect, useRef, useState } from 'react';
import type { GeoJSONSource, MapLayerMouseEvent, MapMouseEvent, StyleSpecification } from 'maplibre-gl';
import type { AppConfig, BasemapConfig, BasemapId, GridCollection, GridProperties } from '../api/types';
import { useT } from '../i18n/use-t';
import { basemapStyle, carryOverlay, isDarkBasemap } from './basemap-style';
import { BasemapPicker } from './BasemapPicker';
import { ColorModePicker } from './ColorModePicker';
import { collectionBounds } from './grid-geometry';
import { whenPolygonsDrawn } from './when-drawn';
import { createGridLabels, type GridLabels } from './grid-labels';
import { GRID_FILL_LAYER_ID, GRID_LINE_LAYER_ID, GRID_SOURCE_ID, gridLayers, gridSource, outlineColor } from './grid-layers';
import { GridInfo } from './GridInfo';
import { GridLegend } from './GridLegend';
import { styleGrids, type ColorMode } from './grid-style';
import { CJK_FONT_FAMILY, setupMaplibre } from './maplibre-setup';
import { useOverlayMap } from './use-overlay-map';

export interface GridMapProps {
  config: AppConfig;
  basemap: BasemapConfig;
  onBasemapChange: (id: BasemapId) => void;
  grids: GridCollection | null;
  colorMode: ColorMode;
  onColorModeChange: (mode: ColorMode) => void;
  className?: string;
  /** A place chosen on the map (a click), marked where it is: the home page's "which grid am I in". */
  pick?: GridMapPick;
}

export interface GridMapPick {
  at: [number, number] | null;
  onPick: (lngLat: [number, number]) => void;
}

export function GridMap({ config, basemap, onBasemapChange, grids, colorMode, onColorModeChange, className, pick }: GridMapProps) {
  const { t } = useT();
  const containerRef = useRef<HTMLDivElement>(null);
  const labelsRef = useRef<GridLabels | null>(null);
  const appliedBasemapRef = useRef<BasemapConfig>(basemap);
  const fittedRef = useRef<GridCollection | null>(null);
  const [drawnCount, setDrawnCount] = useState<number | null>(null);
  const [hovered, setHovered] = useState<GridProperties | null>(null);
  const dark = isDarkBasemap(basemap.id);
  const onPickRef = useRef(pick?.onPick);
  onPickRef.current = pick?.onPick;

  // Created once; the effects below apply later prop changes.
  const { mapRef, ready } = useOverlayMap(containerRef, () => {
    const initial = appliedBasemapRef.current;
    return {
      style: basemapStyle(initial),
      center: config.center,
      zoom: config.zoom,
      options: { attributionControl: { compact: true }, localIdeographFontFamily: CJK_FONT_FAMILY },
      sources: { [GRID_SOURCE_ID]: gridSource() },
      layers: gridLayers(isDarkBasemap(initial.id)),
      onCreate: (map, maplibregl) => {
        map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');
        map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
      },
      onLoad: (map) => {
        let hoveredId: number | null = null;
        const setHover = (id: number | null) => {
          if (hoveredId !== null) map.setFeatureState({ source: GRID_SOURCE_ID, id: hoveredId }, { hover: false });
          hoveredId = id;
          if (id !== null) map.setFeatureState({ source: GRID_SOURCE_ID, id }, { hover: true });
        };
        map.on('mousemove', GRID_FILL_LAYER_ID, (e: MapLayerMouseEvent) => {
          const f = e.features?.[0];
          if (!f) return;
          const props = f.properties as unknown as GridProperties;
          if (props.id === hoveredId) return;
          setHover(props.id);
          setHovered(props);
          map.getCanvas().style.cursor = 'pointer';
        });
        map.on('mouseleave', GRID_FILL_LAYER_ID, () => {
          setHover(null);
          setHovered(null);
          map.getCanvas().style.cursor = '';
        });
        labelsRef.current = createGridLabels(map);
        map.on('click', (e: MapMouseEvent) => onPickRef.current?.([e.lngLat.lng, e.lngLat.lat]));
        return () => {
          labelsRef.current?.destroy();
          labelsRef.current = null;
        };
      },
    };
  }, []);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || appliedBasemapRef.current === basemap) return;
    if (JSON.stringify(appliedBasemapRef.current) === JSON.stringify(basemap)) return;
    appliedBasemapRef.current = basemap;
    map.setStyle(basemapStyle(basemap), {
      diff: false,
      transformStyle: (prev: StyleSpecification | undefined, next: StyleSpecification) => carryOverlay(prev, next),
    });
    map.once('style.load', () => {
      if (map.getLayer(GRID_LINE_LAYER_ID)) map.setPaintProperty(GRID_LINE_LAYER_ID, 'line-color', outlineColor(isDarkBasemap(basemap.id)));
    });
  }, [ready, basemap]);

  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !grids) return;
    const source = map.getSource<GeoJSONSource>(GRID_SOURCE_ID);
    if (!source) return;
    source.setData(styleGrids(grids, colorMode));
    if (fittedRef.current !== grids) {
      fittedRef.current = grids;
      const bounds = collectionBounds(grids);
      if (bounds) map.fitBounds(bounds, { padding: 48, animate: false, maxZoom: 17 });
    }
    return whenPolygonsDrawn(map, GRID_SOURCE_ID, GRID_FILL_LAYER_ID, grids.features.length, setDrawnCount);
  }, [ready, grids, colorMode]);

  useEffect(() => {
    if (ready && grids) labelsRef.current?.update(grids);
  }, [ready, grids]);

  const pickedAt = pick?.at ?? null;
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !pickedAt) return;
    const marker = new (setupMaplibre().Marker)({ color: '#ffd166' }).setLngLat(pickedAt).addTo(map);
    return () => void marker.remove();
  }, [ready, pickedAt?.[0], pickedAt?.[1]]);

  const classes = ['grid-map', dark ? 'grid-map--dark' : 'grid-map--light', className].filter(Boolean).join(' ');
  return (
    <div className={classes} data-testid="map" data-grid-count={drawnCount ?? undefined} data-basemap={basemap.id} role="region" aria-label={t('map.label')}>
      <div ref={containerRef} className="grid-map__canvas" />
      <div className="grid-map__controls">
        <BasemapPicker basemaps={config.basemaps} value={basemap.id} onChange={onBasemapChange} />
        <ColorModePicker value={colorMode} onChange={onColorModeChange} />
      </div>
      <div className="grid-map__legend">
        <GridLegend mode={colorMode} />
        {grids && (
          <div className="grid-map__count" data-testid="grid-count">
            {grids.features.length > 0 ? t('map.gridCount', { n: grids.features.length }) : t('map.noGrids')}
          </div>
        )}
      </div>
      {hovered && <GridInfo grid={hovered} />}
    </div>
  );
}
