// Community names as HTML over the wall's map: the browser draws the text from local fonts, so
// the offline base map needs no glyph server (as grid-labels.ts does for grid names).
import type { Map as MaplibreMap } from 'maplibre-gl';

export interface PlaceLabel {
  lngLat: [number, number];
  text: string;
}

export interface WallLabels {
  update(labels: PlaceLabel[]): void;
  destroy(): void;
}

export function createWallLabels(map: MaplibreMap, className: string): WallLabels {
  const layer = document.createElement('div');
  layer.className = 'wall-labels';
  layer.setAttribute('aria-hidden', 'true');
  map.getContainer().appendChild(layer);
  let placed: { lngLat: [number, number]; el: HTMLDivElement }[] = [];

  const place = () => {
    const { clientWidth: w, clientHeight: h } = map.getContainer();
    for (const label of placed) {
      const p = map.project(label.lngLat);
      const visible = p.x >= 0 && p.y >= 0 && p.x <= w && p.y <= h;
      label.el.style.display = visible ? '' : 'none';
      if (visible) label.el.style.transform = `translate(${Math.round(p.x)}px, ${Math.round(p.y)}px) translate(-50%, -50%)`;
    }
  };
  map.on('move', place);
  map.on('resize', place);

  return {
    update(labels) {
      for (const l of placed) l.el.remove();
      placed = labels.map((label) => {
        const el = document.createElement('div');
        el.className = className;
        el.textContent = label.text;
        layer.appendChild(el);
        return { lngLat: label.lngLat, el };
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
