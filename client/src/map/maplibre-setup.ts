import * as maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
// Bundled, the worker cannot be found next to maplibre's own module; ship it as an asset instead.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { Lang } from '../i18n/lang';
import { maplibreLocale } from './map-locale';

let configured = false;

/** What MapLibre draws Chinese labels with: the offline base map ships no CJK glyphs. */
export const CJK_FONT_FAMILY = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';

export function setupMaplibre(): typeof maplibregl {
  if (!configured) {
    maplibregl.setWorkerUrl(workerUrl);
    configured = true;
  }
  return maplibregl;
}

/**
 * A map of ours: the chosen base map at the configured view, a compact attribution, Chinese labels
 * from local fonts, MapLibre's control labels in `lang` and a metric scale; `options` add to or
 * override that (gestures, a view's own locale strings).
 */
export function createBaseMap(
  container: HTMLElement,
  style: maplibregl.StyleSpecification | string,
  view: { center: [number, number]; zoom: number },
  lang: Lang,
  options: Partial<maplibregl.MapOptions> = {},
): maplibregl.Map {
  const lib = setupMaplibre();
  const map = new lib.Map({
    container,
    style,
    center: view.center,
    zoom: view.zoom,
    attributionControl: { compact: true },
    localIdeographFontFamily: CJK_FONT_FAMILY,
    ...options,
    locale: { ...maplibreLocale(lang), ...options.locale },
  });
  map.addControl(new lib.ScaleControl({ unit: 'metric' }), 'bottom-left');
  return map;
}
