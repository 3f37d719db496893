import { useCallback, useEffect, useMemo, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api/http-client';
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
  const [config, setConfig] = useState<AppConfig | null>(null);
  const [regions, setRegions] = useState<Region[] | null>(null);
  const [grids, setGrids] = useState<GridCollection | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const ac = new AbortController();
    Promise.all([api.getConfig(ac.signal), api.getRegions(ac.signal)])
      .then(([c, r]) => {
        setConfig(c);
        setRegions(r.regions);
      })
      .catch((e: unknown) => {
        if (!ac.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => ac.abort();
  }, []);

  const region = useMemo(() => (regions ? pickRegion(regions, urlState.region) : null), [regions, urlState.region]);

  useEffect(() => {
    if (!region) return;
    const ac = new AbortController();
    api
      .getGrids({ region: region.code }, ac.signal)
      .then(setGrids)
      .catch((e: unknown) => {
        if (!ac.signal.aborted) setError(e instanceof Error ? e.message : String(e));
      });
    return () => ac.abort();
  }, [region]);

  const update = useCallback(
    (patch: Partial<MapUrlState>) => {
      // Read the live URL: the language switch edits it outside the router.
      const search = window.location.search;
      const next = withMapUrlState(search, { ...parseMapUrlState(search), ...patch });
      navigate({ pathname: location.pathname, search: next }, { replace: true });
    },
    [navigate, location.pathname],
  );

  const basemap = useMemo(
    () => (config ? chooseBasemap(config.basemaps, urlState.basemap, config.defaultBasemap) : null),
    [config, urlState.basemap],
  );

  return {
    config,
    regions,
    region,
    grids,
    error,
    basemap,
    colorMode: urlState.color,
    setBasemap: useCallback((id: BasemapId) => update({ basemap: id }), [update]),
    setColorMode: useCallback((color: ColorMode) => update({ color }), [update]),
  };
}
