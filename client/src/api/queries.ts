// Server state through TanStack Query: the one cache of what the server said, its keys in one
// place, a hook per resource. Two views (or two hooks of one view, like /edit's map and its edit
// session) asking for the same thing share one request and one answer.
//
// The one cancellation rule for reads: a query's fetch gets the query's AbortSignal, so it is
// aborted when nobody watches it any more (the view closed, the key moved on); while anyone still
// does, its answer lands in the cache. Writes are never aborted.
import { useCallback } from 'react';
import { keepPreviousData, QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from './http-client';
import type { GridQuery } from './types';

/** What every key starts with, so that a whole resource can be invalidated at once. */
export const queryKeys = {
  config: () => ['config'] as const,
  regions: () => ['regions'] as const,
  health: () => ['health'] as const,
  grids: (query: GridQuery = {}) => ['grids', { region: query.region ?? null, bbox: query.bbox ?? null }] as const,
  allGrids: () => ['grids'] as const,
  /** Every version of one grid, as of its `version`. */
  gridHistory: (id: number, version: number) => ['grid-history', id, version] as const,
  /** The regions a user may edit grids in (one answer per logged-in user). */
  editScope: (userId: number) => ['edit-scope', userId] as const,
  /** A grid's workers, the workers it could get and its party members. */
  gridStaff: (id: number) => ['grid-staff', id] as const,
  /** A region's coverage report (its blind spots); edits change it. */
  coverage: (region: string) => ['coverage', region] as const,
  allCoverage: () => ['coverage'] as const,
  /** One analysis read (`kind`: kpis, stats, bins…) of one filter query string. */
  incidents: (kind: string, key: string) => ['incidents', kind, key] as const,
  incident: (id: number) => ['incident', id] as const,
  /** One incident as the dispatch console reads it (with its field work; a 403 is the console's, not the session's). */
  dispatchIncident: (id: number) => ['dispatch-incident', id] as const,
  /** The grid workers an incident can go to. */
  candidates: (id: number) => ['candidates', id] as const,
  /** One read of the wall (overview, ticker, heat, grids, blind spots) of one region. */
  wall: (part: string, region: string) => ['wall', part, region] as const,
  allWall: () => ['wall'] as const,
  /** The public "which grid am I in" answer for one point. */
  gridLookup: (lng: number, lat: number) => ['grid-lookup', lng, lat] as const,
  /** One list of the admin view (users, display tokens, Open311 clients, an audit page's query). */
  admin: (part: string, key = '') => ['admin', part, key] as const,
  allAdmin: (part: string) => ['admin', part] as const,
};

/**
 * The app's defaults keep what the hand-written loaders did: one try (a refusal or an outage is
 * shown, not retried behind the user's back), no refetch on focus or reconnect (the views that
 * need fresh data poll or listen to the live stream themselves), and a fetch on every mount.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
    },
  });
}

export function useConfig() {
  return useQuery({ queryKey: queryKeys.config(), queryFn: ({ signal }) => api.getConfig(signal) });
}

export function useRegions() {
  return useQuery({ queryKey: queryKeys.regions(), queryFn: async ({ signal }) => (await api.getRegions(signal)).regions });
}

export function useHealth() {
  return useQuery({ queryKey: queryKeys.health(), queryFn: ({ signal }) => api.getHealth(signal) });
}

/**
 * The grids of a region or a box; `null` asks for nothing yet (the region is not known). While the
 * next region's grids load, the last ones stay on the map.
 */
export function useGrids(query: GridQuery | null) {
  return useQuery({
    queryKey: queryKeys.grids(query ?? {}),
    queryFn: ({ signal }) => api.getGrids(query ?? {}, signal),
    enabled: query !== null,
    placeholderData: keepPreviousData,
  });
}

/** Asks for every region's or box's grids again (after an edit was saved). */
export function useInvalidateGrids(): () => Promise<void> {
  const client = useQueryClient();
  return useCallback(() => client.invalidateQueries({ queryKey: queryKeys.allGrids() }), [client]);
}

/** The message of a query's failure, as the views show it. */
export function errorText(error: unknown): string | null {
  if (error === null || error === undefined) return null;
  return error instanceof Error ? error.message : String(error);
}
