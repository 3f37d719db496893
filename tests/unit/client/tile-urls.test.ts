import { describe, expect, it } from 'vitest';
import { householdTileJsonUrl, isOwnTileUrl, tileRefusal, tileRequestWithToken, tileUrl } from '../../../client/src/api/tile-urls';
import { analysisSources, AN, sampledOneIn } from '../../../client/src/map/analysis-layers';
import { householdLayers } from '../../../client/src/map/wall-layers';
import { DEFAULT_STATE, filterQuery } from '../../../client/src/views/analyze/analyze-state';

const ORIGIN = 'http://127.0.0.1:3000';

describe('tile URLs', () => {
  it('is an absolute template of the layer, with the query when there is one', () => {
    expect(tileUrl(ORIGIN, 'incidents')).toBe('http://127.0.0.1:3000/tiles/incidents/{z}/{x}/{y}.pbf');
    expect(tileUrl(ORIGIN, 'grids', 'region=320924')).toBe('http://127.0.0.1:3000/tiles/grids/{z}/{x}/{y}.pbf?region=320924');
  });

  it("carries the analyst's filters, the playback window in place of the range, and no bbox", () => {
    const state = {
      ...DEFAULT_STATE,
      categories: ['traffic', 'dispute'],
      statuses: ['closed'],
      region: '320924001',
      from: '2025-01-01',
      to: '2025-02-01',
      playAt: '2025-01-10',
      windowDays: 7,
    };
    const url = new URL(tileUrl(ORIGIN, 'incidents', filterQuery(state)).replace('{z}/{x}/{y}', '14/13666/6533'));
    expect(url.pathname).toBe('/tiles/incidents/14/13666/6533.pbf');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      category: 'traffic,dispute',
      status: 'closed',
      region: '320924001',
      from: '2025-01-10T00:00:00+08:00',
      to: '2025-01-17T00:00:00+08:00',
    });
    expect(tileUrl(ORIGIN, 'incidents', filterQuery(DEFAULT_STATE))).toBe(tileUrl(ORIGIN, 'incidents'));
  });

  it("gives the TileJSON of the wall's households of a region, with a version that changes the URL", () => {
    expect(householdTileJsonUrl(ORIGIN, '320924', 0)).toBe('http://127.0.0.1:3000/tiles/households.json?region=320924&v=0');
    expect(householdTileJsonUrl(ORIGIN, '320924001', 3)).toBe('http://127.0.0.1:3000/tiles/households.json?region=320924001&v=3');
  });
});

describe('tile requests of a wall with a display token', () => {
  const transform = tileRequestWithToken(ORIGIN, 'wgd_secret123');

  it('sends the token as a bearer header with our own tiles only', () => {
    expect(transform(`${ORIGIN}/tiles/households/12/3415/1633.pbf?region=320924&v=0`, 'Tile')).toEqual({
      url: `${ORIGIN}/tiles/households/12/3415/1633.pbf?region=320924&v=0`,
      headers: { authorization: 'Bearer wgd_secret123' },
    });
    expect(transform('https://tile.openstreetmap.org/12/3415/1633.png', 'Tile')).toBeUndefined();
    expect(transform(`http://127.0.0.1:3001/tiles/households/12/3415/1633.pbf`, 'Tile')).toBeUndefined();
    expect(transform(`${ORIGIN}/tiles/households.json?region=320924&v=0`, 'Source')).toEqual({
      url: `${ORIGIN}/tiles/households.json?region=320924&v=0`,
      headers: { authorization: 'Bearer wgd_secret123' },
    });
    expect(transform(`${ORIGIN}/api/grids`, 'Source')).toBeUndefined();
  });

  it('leaves every request alone without a token (the session cookie goes by itself)', () => {
    expect(tileRequestWithToken(ORIGIN, null)(`${ORIGIN}/tiles/households/12/3415/1633.pbf`, 'Tile')).toBeUndefined();
  });

  it('knows our tiles by origin and path', () => {
    expect(isOwnTileUrl(`${ORIGIN}/tiles/incidents/1/0/0.pbf`, ORIGIN)).toBe(true);
    expect(isOwnTileUrl(`${ORIGIN}/tilesets/x`, ORIGIN)).toBe(false);
    expect(isOwnTileUrl(`${ORIGIN}.evil.example/tiles/incidents/1/0/0.pbf`, ORIGIN)).toBe(false);
  });
});

describe('refused tiles', () => {
  const url = `${ORIGIN}/tiles/incidents/12/3416/1639.pbf?category=traffic`;

  it('are the 401s and 403s of our own tiles, as MapLibre reports them', () => {
    expect(tileRefusal({ status: 401, url, message: 'Unauthorized' }, ORIGIN)).toEqual({ url, status: 401, message: 'Unauthorized' });
    expect(tileRefusal({ status: 403, url }, ORIGIN)).toEqual({ url, status: 403, message: '' });
  });

  it("are not other failures, nor other sites' tiles", () => {
    expect(tileRefusal({ status: 500, url, message: 'Internal Server Error' }, ORIGIN)).toBeNull();
    expect(tileRefusal({ status: 401, url: 'https://t0.tianditu.gov.cn/vec_w/wmts?tk=x' }, ORIGIN)).toBeNull();
    expect(tileRefusal(new Error('Style is not done loading'), ORIGIN)).toBeNull();
    expect(tileRefusal(undefined, ORIGIN)).toBeNull();
  });
});

describe('tile-backed layers', () => {
  it('reads the thinning of drawn incidents: the largest keep_one_in, 1 when complete', () => {
    expect(sampledOneIn([])).toBe(1);
    expect(sampledOneIn([{ properties: { status: 'closed' } }, { properties: null }])).toBe(1);
    expect(sampledOneIn([{ properties: { keep_one_in: 2 } }, { properties: { keep_one_in: 8 } }, { properties: {} }])).toBe(8);
  });

  it("draws the analyst's points from the incident tiles it is given", () => {
    expect(analysisSources(tileUrl(ORIGIN, 'incidents', 'category=traffic'))[AN.points]).toEqual({
      type: 'vector',
      tiles: ['http://127.0.0.1:3000/tiles/incidents/{z}/{x}/{y}.pbf?category=traffic'],
    });
  });

  it('weighs each household in the density by the one-in-k it stands for', () => {
    const density = householdLayers(1).find((l) => l.id === 'wg-wall-hh-density')!;
    expect(density).toMatchObject({ type: 'heatmap', source: 'wg-wall-households', 'source-layer': 'households' });
    expect((density as { paint: Record<string, unknown> }).paint['heatmap-weight']).toEqual(['coalesce', ['get', 'keep_one_in'], 1]);
  });
});
