// The MapLibre setup our maps share (the wall's, the analyst's, the dispatcher's, the editor's and
// the home page's): a map over a base map, our own sources and layers added once the style has
// loaded, `ready` from then on, and everything removed again when the component goes or the map
// is recreated.
import { useEffect, useRef, useState, type DependencyList, type RefObject } from 'react';
import type { LayerSpecification, Map as MaplibreMap, MapOptions, SourceSpecification, StyleSpecification } from 'maplibre-gl';
import { useT } from '../i18n/use-t';
import { maplibreLocale } from './map-locale';
import { setupMaplibre } from './maplibre-setup';

type Maplibre = ReturnType<typeof setupMaplibre>;
type AddImage = Parameters<MaplibreMap['addImage']>;

export interface OverlayMapInit {
  style: StyleSpecification | string;
  center: [number, number];
  zoom: number;
  /** Any other map option (interactivity, attribution, fade). */
  options?: Omit<MapOptions, 'container' | 'style' | 'center' | 'zoom'>;
  /** Images the layers use (fill patterns), added before the layers. */
  images?: Record<string, { image: AddImage[1]; options?: AddImage[2] }>;
  sources: Record<string, SourceSpecification>;
  layers: LayerSpecification[];
  /** Right after the map is created: controls. */
  onCreate?: (map: MaplibreMap, maplibregl: Maplibre) => void;
  /** Once the sources and layers are in, before `ready` turns true; may return a cleanup. */
  // biome-ignore lint/suspicious/noConfusingVoidType: `void` lets a callback with no cleanup simply not return
  onLoad?: (map: MaplibreMap) => (() => void) | void;
}

/**
 * The map's container element carries the map itself, so that browser tests (and anyone looking
 * from the console) can ask it what it drew (queryRenderedFeatures) rather than trust the pixels.
 */
export type MapContainer = HTMLElement & { maplibreMap?: MaplibreMap };

/** Creates the map when `deps` change (usually once); `ready` is true while its overlay is in. */
export function useOverlayMap(
  containerRef: RefObject<HTMLDivElement | null>,
  init: () => OverlayMapInit,
  deps: DependencyList,
): { mapRef: RefObject<MaplibreMap | null>; ready: boolean } {
  const mapRef = useRef<MaplibreMap | null>(null);
  const [ready, setReady] = useState(false);
  // MapLibre takes its control labels when the map is created; a map made later speaks the language then.
  const { lang } = useT();
  const langRef = useRef(lang);
  langRef.current = lang;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const setup = init();
    const maplibregl = setupMaplibre();
    const map = new maplibregl.Map({
      ...setup.options,
      locale: { ...maplibreLocale(langRef.current), ...setup.options?.locale },
      container,
      style: setup.style,
      center: setup.center,
      zoom: setup.zoom,
    });
    mapRef.current = map;
    (container as MapContainer).maplibreMap = map;
    setup.onCreate?.(map, maplibregl);
    // biome-ignore lint/suspicious/noConfusingVoidType: what onLoad returned (above)
    let cleanup: (() => void) | void;
    map.on('load', () => {
      for (const [id, { image, options }] of Object.entries(setup.images ?? {})) map.addImage(id, image, options);
      for (const [id, source] of Object.entries(setup.sources)) map.addSource(id, source);
      for (const layer of setup.layers) map.addLayer(layer);
      cleanup = setup.onLoad?.(map);
      setReady(true);
    });
    return () => {
      setReady(false);
      cleanup?.();
      mapRef.current = null;
      delete (container as MapContainer).maplibreMap;
      map.remove();
    };
    // The caller says when the map must be recreated; later prop changes go through its own effects.
  }, deps);

  return { mapRef, ready };
}
