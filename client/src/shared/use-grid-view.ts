import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { errorText, useConfig, useGrids, useRegions } from '../api/queries';
import type { AppConfig, BasemapConfig, BasemapId, GridCollection, Region } from '../api/types';
import { chooseBasemap } from '../map/basemap-style';
import type { ColorMode } from '../map/grid-style';
import { pickRegion } from './regions';
import { parseMapUrlState, withMapUrlState, type MapUrlState } from './url-state';

export interface GridView {
  config: AppConfig | null;
  regions: Region[] | null;
  region: Region | null;
  grids: GridCollection | null;
  error: string | null;
  /** What failed to load (for a message in the reader's words), null when nothing did. */
  failure: unknown;
  /** Asks again for whatever failed to load. */
  retry: () => void;
  basemap: BasemapConfig | null;
  colorMode: ColorMode;
  setBasemap: (id: BasemapId) => void;
  setColorMode: (mode: ColorMode) => void;
}

/** Loads what every view's map needs (config, region tree, the region's grids) and keeps URL state. */
export function useGridView(): GridView {
  const location = useLocation();
  const navigate = useNavigate();
  const urlState = useMemo(() => parseMapUrlState(location.search), [location.search]);
  const configQuery = useConfig();
  const regionsQuery = useRegions();
  // The map waits for both: a config without the region tree has nothing to show yet.
  const loaded = Boolean(configQuery.data && regionsQuery.data);
  const config = loaded ? configQuery.data! : null;
  const regions = loaded ? regionsQuery.data! : null;

  const region = useMemo(() => (regions ? pickRegion(regions, urlState.region) : null), [regions, urlState.region]);
  // The same query as the edit session's: /edit asks for its region's grids once.
  const gridsQuery = useGrids(region ? { region: region.code } : null);
  const grids: GridCollection | null = gridsQuery.data ?? null;
  const failure = configQuery.error ?? regionsQuery.error ?? gridsQuery.error ?? null;
  const error = errorText(failure);
  const retry = useCallback(() => {
    for (const query of [configQuery, regionsQuery, gridsQuery]) if (query.isError) void query.refetch();
  }, [configQuery, regionsQuery, gridsQuery]);

  const update = useCallback(
    (patch: Partial<MapUrlState>) => {
      // Read the live URL: the language switch edits it outside the router.
      const search = window.location.search;
      const next = withMapUrlState(search, { ...parseMapUrlState(search), ...patch });
      navigate({ pathname: location.pathname, search: next }, { replace: true });
    },
    [navigate, location.pathname],
  );

  const basemap = useMemo(() => (config ? chooseBasemap(config.basemaps, urlState.basemap, config.defaultBasemap) : null), [config, urlState.basemap]);

  return {
    config,
    regions,
    region,
    grids,
    error,
    failure,
    retry,
    basemap,
    colorMode: urlState.color,
    setBasemap: useCallback((id: BasemapId) => update({ basemap: id }), [update]),
    setColorMode: useCallback((color: ColorMode) => update({ color }), [update]),
  };
}
