// The part of a view that a shared link must reproduce, parsed from and written to the query string.
import { isRegionCode } from '../../../server/domain/region-code';
import { COLOR_MODES, type ColorMode } from '../map/grid-style';

export interface MapUrlState {
  region: string | null;
  basemap: string | null;
  color: ColorMode;
}

export const DEFAULT_MAP_URL_STATE: MapUrlState = { region: null, basemap: null, color: 'type' };

const BASEMAP_ID = /^[a-z][a-z0-9-]{0,31}$/;

export function parseMapUrlState(search: string): MapUrlState {
  const params = new URLSearchParams(search);
  const region = params.get('region');
  const basemap = params.get('basemap');
  const color = params.get('color');
  return {
    region: region && isRegionCode(region) ? region : null,
    basemap: basemap && BASEMAP_ID.test(basemap) ? basemap : null,
    color: COLOR_MODES.includes(color as ColorMode) ? (color as ColorMode) : DEFAULT_MAP_URL_STATE.color,
  };
}

/**
 * Writes the state into `search`, keeping unrelated parameters (`lang`, `token`) and leaving
 * defaults out so that plain links stay plain. Returns the new search string with its `?`, or ''.
 */
export function withMapUrlState(search: string, state: MapUrlState): string {
  const params = new URLSearchParams(search);
  const set = (name: string, value: string | null, dflt: string | null) => {
    if (value === null || value === dflt) params.delete(name);
    else params.set(name, value);
  };
  set('region', state.region, DEFAULT_MAP_URL_STATE.region);
  set('basemap', state.basemap, DEFAULT_MAP_URL_STATE.basemap);
  set('color', state.color, DEFAULT_MAP_URL_STATE.color);
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}
