import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useConfig, useGrids, useRegions } from '../../api/queries';
import type { MessageKey } from '../../i18n/zh-CN';

export interface EditLoadFailure {
  /** What failed, as a message key: the map settings, the regions or the grids. */
  what: MessageKey;
  error: unknown;
  /** Whether grids from an earlier load are still on the map (then they must read as old). */
  stale: boolean;
}

/** The first of the editor's reads that failed (the same queries the page already runs), and a retry of the failed ones. */
export function useEditLoad(regionCode: string | undefined): { failure: EditLoadFailure | null; retry: () => void } {
  const config = useConfig();
  const regions = useRegions();
  const grids = useGrids(regionCode ? { region: regionCode } : null);
  const client = useQueryClient();
  const retry = useCallback(() => void client.refetchQueries({ predicate: (q) => q.state.status === 'error' }), [client]);
  // While a retry runs the failure stays: the old figures are no more current than before.
  const failure: EditLoadFailure | null = config.error
    ? { what: 'edit.load.config', error: config.error, stale: false }
    : regions.error
      ? { what: 'edit.load.regions', error: regions.error, stale: false }
      : grids.error
        ? { what: 'edit.load.grids', error: grids.error, stale: grids.data !== undefined }
        : null;
  return { failure, retry };
}
