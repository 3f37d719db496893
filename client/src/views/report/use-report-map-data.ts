import { useEffect, useState } from 'react';
import { api } from '../../api/http-client';
import type { AppConfig, GridCollection } from '../../api/types';

export interface ReportMapData {
  config: AppConfig | null;
  grids: GridCollection | null;
  failed: boolean;
}

/** What the place picker needs: the map config and the grids (public reads). */
export function useReportMapData(): ReportMapData {
  const [config, setConfig] = useState<AppConfig | null>(null);
  const [grids, setGrids] = useState<GridCollection | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const ac = new AbortController();
    api.getConfig(ac.signal).then(setConfig, () => !ac.signal.aborted && setFailed(true));
    // The grids only help people find their place: without them the map still takes a tap.
    api.getGrids({}, ac.signal).then(setGrids, () => {});
    return () => ac.abort();
  }, []);
  return { config, grids, failed };
}
