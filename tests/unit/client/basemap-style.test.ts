import { describe, expect, it } from 'vitest';
import type { StyleSpecification } from 'maplibre-gl';
import { basemapStyle, carryOverlay, chooseBasemap, offlineStyle, tiandituTiles } from '../../../client/src/map/basemap-style';

describe('the offline style', () => {
  it('names no URL at all: no sources, glyphs or sprite to fetch', () => {
    const style = offlineStyle();
    expect(JSON.stringify(style)).not.toMatch(/https?:|\/\//);
    expect([style.sources, style.glyphs, style.sprite]).toEqual([{}, undefined, undefined]);
  });
});

describe('the Tianditu style', () => {
  it('spreads tiles over the eight subdomains with the key', () => {
    const tiles = tiandituTiles('vec', 'K&1');
    expect(tiles.map((t) => new URL(t.replace(/[{}]/g, '')).host)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((i) => `t${i}.tianditu.gov.cn`));
    expect(tiles[0]).toBe(
      'https://t0.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=vec&STYLE=default' +
        '&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=K%261',
    );
  });

  it('draws the annotation layer over the vector layer', () => {
    const style = basemapStyle({ id: 'tianditu', key: 'k' }) as StyleSpecification;
    expect(style.layers.map((l) => l.id)).toEqual(['background', 'tdt-vec', 'tdt-cva']);
  });
});

describe('basemapStyle', () => {
  it('hands a style URL straight to MapLibre', () => {
    expect(basemapStyle({ id: 'style', url: 'https://example.org/style.json' })).toBe('https://example.org/style.json');
  });
});

describe('chooseBasemap', () => {
  const available = [{ id: 'offline' as const }, { id: 'osm' as const }];

  it('takes the requested base map when offered', () => {
    expect(chooseBasemap(available, 'osm', 'offline')).toEqual({ id: 'osm' });
  });

  it('falls back to the default when the requested one is not offered', () => {
    expect(chooseBasemap(available, 'tianditu', 'osm')).toEqual({ id: 'osm' });
  });

  it('falls back to offline when even the default is missing', () => {
    expect(chooseBasemap([], null, 'tianditu')).toEqual({ id: 'offline' });
  });
});

describe('carryOverlay', () => {
  it('keeps our wg- sources and layers on top of the new base map', () => {
    const prev: StyleSpecification = {
      version: 8,
      sources: { osm: { type: 'raster', tiles: ['x'] }, 'wg-grids': { type: 'geojson', data: 'y' } },
      layers: [
        { id: 'osm', type: 'raster', source: 'osm' },
        { id: 'wg-grids-fill', type: 'fill', source: 'wg-grids' },
      ],
    };
    const next = carryOverlay(prev, offlineStyle());
    expect(Object.keys(next.sources)).toEqual(['wg-grids']);
    expect(next.layers.map((l) => l.id)).toEqual(['background', 'wg-grids-fill']);
  });
});
