// Grid name labels as HTML over the map canvas. The browser draws the text from local fonts, so
// the offline base map never needs a glyph server and Chinese names render without one.
// (HTML rather than deck.gl's TextLayer: the browser's own font fallback draws any Chinese name, where a
// TextLayer needs a glyph atlas of every character it may meet.)
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { GridCollection } from '../api/types';
import { cellSizeMeters, labelFits, labelPoint, metersPerPixel } from './grid-geometry';

interface Label {
  lngLat: [number, number];
  text: string;
  cellWidthM: number;
  el: HTMLDivElement;
}

export interface GridLabels {
  update(grids: GridCollection): void;
  destroy(): void;
}

const FONT_PX = 13;
const MAX_LABELS = 400; // beyond that the text is unreadable anyway and the DOM gets heavy

export function createGridLabels(map: MaplibreMap): GridLabels {
  const layer = document.createElement('div');
  layer.className = 'grid-labels';
  layer.setAttribute('aria-hidden', 'true');
  map.getContainer().appendChild(layer);
  let labels: Label[] = [];

  const place = () => {
    const zoom = map.getZoom();
    const { clientWidth: w, clientHeight: h } = map.getContainer();
    let shown = 0;
    for (const label of labels) {
      const p = map.project(label.lngLat);
      const visible =
        shown < MAX_LABELS &&
        p.x >= 0 &&
        p.y >= 0 &&
        p.x <= w &&
        p.y <= h &&
        labelFits(label.text, FONT_PX, label.cellWidthM, metersPerPixel(zoom, label.lngLat[1]));
      label.el.style.display = visible ? '' : 'none';
      if (visible) {
        shown += 1;
        label.el.style.transform = `translate(${Math.round(p.x)}px, ${Math.round(p.y)}px) translate(-50%, -50%)`;
      }
    }
  };
  map.on('move', place);
  map.on('resize', place);

  return {
    update(grids) {
      for (const l of labels) l.el.remove();
      labels = grids.features
        .filter((f) => f.geometry && f.properties.name)
        .map((f) => {
          const el = document.createElement('div');
          el.className = 'grid-label';
          el.textContent = f.properties.name;
          layer.appendChild(el);
          return { lngLat: labelPoint(f.geometry), text: f.properties.name, cellWidthM: cellSizeMeters(f.geometry).width, el };
        });
      place();
    },
    destroy() {
      map.off('move', place);
      map.off('resize', place);
      layer.remove();
    },
  };
}
