import { useConfig, useGrids } from '../../api/queries';
import type { AppConfig, GridCollection } from '../../api/types';

export interface ReportMapData {
  config: AppConfig | null;
  grids: GridCollection | null;
  failed: boolean;
}

/** What the place picker needs: the map config and the grids (public reads). */
export function useReportMapData(): ReportMapData {
  const config = useConfig();
  // The grids only help people find their place: without them the map still takes a tap.
  const grids = useGrids({});
  return { config: config.data ?? null, grids: grids.data ?? null, failed: config.isError };
}
