// Pure builders of MapLibre style documents for each base map. Types only from maplibre-gl.
import type { StyleSpecification } from 'maplibre-gl';
import type { BasemapConfig, BasemapId } from '../api/types';

export const OFFLINE_BACKGROUND = '#0b1624';

/**
 * The offline style: no sources that fetch, no glyphs, no sprite. Nothing here may name a URL,
 * because the product must work with no internet at all; text is drawn elsewhere (HTML labels, grid-labels.ts).
 */
export function offlineStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'wangge-offline',
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': OFFLINE_BACKGROUND } }],
  };
}

const TIANDITU_SUBDOMAINS = [0, 1, 2, 3, 4, 5, 6, 7];

export function tiandituTiles(layer: 'vec' | 'cva', key: string): string[] {
  return TIANDITU_SUBDOMAINS.map(
    (s) =>
      `https://t${s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0` +
      `&LAYER=${layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles` +
      `&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`,
  );
}

export function tiandituStyle(key: string): StyleSpecification {
  const attribution = '© 天地图 Tianditu';
  return {
    version: 8,
    name: 'wangge-tianditu',
    sources: {
      'tdt-vec': { type: 'raster', tiles: tiandituTiles('vec', key), tileSize: 256, maxzoom: 18, attribution },
      'tdt-cva': { type: 'raster', tiles: tiandituTiles('cva', key), tileSize: 256, maxzoom: 18 },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f2efe9' } },
      { id: 'tdt-vec', type: 'raster', source: 'tdt-vec' },
      { id: 'tdt-cva', type: 'raster', source: 'tdt-cva' },
    ],
  };
}

export function osmStyle(): StyleSpecification {
  return {
    version: 8,
    name: 'wangge-osm',
    sources: {
      osm: {
        type: 'raster',
        tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
        tileSize: 256,
        maxzoom: 19,
        attribution: '© OpenStreetMap contributors',
      },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#f2efe9' } },
      { id: 'osm', type: 'raster', source: 'osm' },
    ],
  };
}

/** A style document, or the URL MapLibre should load for a `style` base map. */
export function basemapStyle(basemap: BasemapConfig): StyleSpecification | string {
  switch (basemap.id) {
    case 'offline':
      return offlineStyle();
    case 'tianditu':
      return tiandituStyle(basemap.key);
    case 'osm':
      return osmStyle();
    case 'style':
      return basemap.url;
  }
}

/** The requested base map when the server offers it, else its default, else offline. */
export function chooseBasemap(available: BasemapConfig[], wanted: string | null, fallback: BasemapId): BasemapConfig {
  return available.find((b) => b.id === wanted) ?? available.find((b) => b.id === fallback) ?? available.find((b) => b.id === 'offline') ?? { id: 'offline' };
}

/** Light raster base maps need darker outlines than the dark offline background. */
export function isDarkBasemap(id: BasemapId): boolean {
  return id === 'offline';
}

export const OVERLAY_PREFIX = 'wg-';

/**
 * Carries our own sources and layers (ids starting with `wg-`) from the old style into a new
 * base map, so switching base maps keeps the grids without re-adding them.
 */
export function carryOverlay(prev: StyleSpecification | undefined, next: StyleSpecification): StyleSpecification {
  if (!prev) return next;
  const sources = { ...next.sources };
  for (const [id, source] of Object.entries(prev.sources)) if (id.startsWith(OVERLAY_PREFIX)) sources[id] = source;
  const layers = [...next.layers, ...prev.layers.filter((l) => l.id.startsWith(OVERLAY_PREFIX))];
  return { ...next, sources, layers };
}
