// The resident's "which grid am I in, and who is my grid worker" (public, no login).
import { useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type { GridLookupAnswer } from '../../../server/schemas/grid-lookup.schema';
import { queryKeys } from './queries';
import { request } from './request';

export type GridLookup = Static<typeof GridLookupAnswer>;
export type LookupWorker = GridLookup['workers'][number];

export const gridLookupPath = ([lng, lat]: [number, number]) => `/api/grid-lookup?lng=${lng.toFixed(6)}&lat=${lat.toFixed(6)}`;

/** The grid at `point` and its workers; nothing is asked while there is no point. */
export function useGridLookup(point: [number, number] | null) {
  return useQuery({
    queryKey: queryKeys.gridLookup(point?.[0] ?? Number.NaN, point?.[1] ?? Number.NaN),
    queryFn: ({ signal }) => request<GridLookup>(gridLookupPath(point!), { signal }),
    enabled: point !== null,
  });
}
