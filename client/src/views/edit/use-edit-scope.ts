import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { gridAttributesApi } from '../../api/grid-attributes-client';
import { queryKeys } from '../../api/queries';
import type { GridCollection } from '../../api/types';
import { editableIds } from './editable-grids';

/**
 * Which grids the logged-in user may edit, asked of the server (their scope) and judged by the
 * server's own rule; null until known, so nothing is dimmed or disabled on a guess.
 */
export function useEditScope(userId: number, grids: GridCollection | null): { scope: readonly string[] | null; editable: Set<number> | null } {
  const query = useQuery({ queryKey: queryKeys.editScope(userId), queryFn: ({ signal }) => gridAttributesApi.editScope(signal) });
  const scope = query.data ?? null;
  const editable = useMemo(() => (scope && grids ? editableIds(grids.features, scope) : null), [scope, grids]);
  return { scope, editable };
}
