import { useEffect, useMemo, useRef, useState } from 'react';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { FeatureCollection, MultiPoint, Point } from 'geojson';
import { errorText, queryKeys } from '../../api/queries';
import type { StatsOverview, TickerIncident, WallApi } from '../../api/stats-client';
import type { GridCollection } from '../../api/types';
import { LIVE_EVENT_TYPES } from '../../../../server/domain/live-events';
import { decodeMultiPoint, gridsWithScores } from '../../map/wall-layers';
import { addFresh, freshCollection, freshFromEvent, pruneFresh, tickerWithEvent, type FreshIncident } from './fresh-incidents';
import { connectLive, type LiveState } from './live-connection';
import { ALL_PARTS, coalesceParts, partsForEvent, type WallPart } from './wall-parts';

export const TICKER_SIZE = 8;

export interface WallData {
  overview: StatsOverview | null;
  grids: GridCollection | null;
  blindSpots: FeatureCollection | null;
  /**
   * Bumped whenever the households' grids may have changed (a grid edit, or events missed while
   * the link was down): the household tiles' `v`, so that the map fetches them again.
   */
  householdsVersion: number;
  heat: FeatureCollection<MultiPoint> | null;
  ticker: TickerIncident[] | null;
  fresh: FeatureCollection<Point>;
  live: LiveState;
  error: string | null;
  /** The parts whose last read failed (their last figures stay on screen, marked stale). */
  failures: PartFailure[];
  /** Reads the failed parts again. */
  retry: () => void;
}

export interface PartFailure {
  part: WallPart;
  error: unknown;
}

/**
 * Every read of the wall shares these: while a part reloads (an event, the next region of a
 * rotation) its last figures stay on screen; and each answer is a new object, as the map's layers
 * expect (no deep comparison of large collections against the last one).
 */
const WALL_QUERY = { placeholderData: keepPreviousData, structuralSharing: false } as const;

/**
 * Everything the wall shows for one region, kept current over the live stream: each part is a
 * query, and a live event invalidates the parts it makes out of date (bursts coalesced into one
 * reload). The incident heat is fetched only once `density` is true: the wall turns it on when
 * the map has drawn its grids, so it never holds up the first picture. The households are the
 * map's own vector tiles; this only says when they are out of date (householdsVersion).
 */
export function useWallData(api: WallApi | null, region: string | null, bbox: [number, number, number, number] | null, density = true): WallData {
  const client = useQueryClient();
  const [householdsVersion, setHouseholdsVersion] = useState(0);
  const [fresh, setFresh] = useState<FreshIncident[]>([]);
  const [live, setLive] = useState<LiveState>({ status: 'connecting', since: null });
  const regionRef = useRef(region);
  regionRef.current = region;
  const bboxRef = useRef(bbox);
  bboxRef.current = bbox;

  const code = region ?? '';
  const enabled = api !== null && region !== null;
  // Declared in the order their first fetches start: the ticker first (see RELOAD_ORDER).
  const ticker = useQuery({
    ...WALL_QUERY,
    queryKey: queryKeys.wall('ticker', code),
    enabled,
    queryFn: ({ signal }) => api!.latestIncidents(code, TICKER_SIZE, signal),
  });
  const overview = useQuery({
    ...WALL_QUERY,
    queryKey: queryKeys.wall('overview', code),
    enabled,
    queryFn: ({ signal }) => api!.overview(code, signal),
  });
  const heat = useQuery({
    ...WALL_QUERY,
    queryKey: queryKeys.wall('heat', code),
    enabled: enabled && density,
    queryFn: async ({ signal }) => decodeMultiPoint(await api!.points(code, 'incidents', signal)),
  });
  const rawGrids = useQuery({
    ...WALL_QUERY,
    queryKey: queryKeys.wall('grids', code),
    enabled,
    queryFn: ({ signal }) => api!.grids(code, signal),
  });
  const blindSpots = useQuery({
    ...WALL_QUERY,
    queryKey: queryKeys.wall('spots', code),
    enabled,
    queryFn: async ({ signal }) => (await api!.blindSpots(code, signal)) as unknown as FeatureCollection,
  });

  // Another wall API (the token changed) reads again whatever is on screen.
  const lastApi = useRef(api);
  useEffect(() => {
    if (lastApi.current === api) return;
    lastApi.current = api;
    if (api) void client.invalidateQueries({ queryKey: queryKeys.allWall() });
  }, [api, client]);

  useEffect(() => {
    if (!api) return;
    let closed = false;
    const followUps = new Set<string>();
    // Only the parts on screen refetch (the heat waits for the map); the others are marked stale.
    const refresh = (part: WallPart, region: string) => {
      const filters = { queryKey: queryKeys.wall(part, region), exact: true };
      if (client.getQueryState(filters.queryKey)?.fetchStatus !== 'fetching') {
        void client.invalidateQueries(filters);
        return;
      }
      // A read already on its way may predate the event: let it land, then read once more. Never
      // cancel it: under a steady stream of events it would never land at all.
      const id = `${part}|${region}`;
      if (followUps.has(id)) return;
      followUps.add(id);
      void client.invalidateQueries(filters, { cancelRefetch: false }).finally(() => {
        followUps.delete(id);
        if (!closed) void client.invalidateQueries(filters);
      });
    };
    const reload = (parts: WallPart[]) => {
      const current = regionRef.current;
      if (!current) return;
      for (const part of parts) {
        // The households are the map's own tiles: a new version is a new URL, which the map fetches.
        if (part === 'households') setHouseholdsVersion((v) => v + 1);
        else refresh(part, current);
      }
    };
    const coalescer = coalesceParts(reload);
    const connection = connectLive({
      url: api.eventsUrl(),
      eventTypes: LIVE_EVENT_TYPES,
      onState: setLive,
      onReconnected: () => coalescer.add(ALL_PARTS),
      onEvent: (type, data) => {
        if (type === 'incident.created') {
          const f = freshFromEvent(data, Date.now());
          if (f) setFresh((list) => addFresh(list, f, Date.now()));
          const current = regionRef.current;
          if (current) {
            client.setQueryData<TickerIncident[]>(queryKeys.wall('ticker', current), (list) =>
              list ? tickerWithEvent(list, data, bboxRef.current, TICKER_SIZE) : list,
            );
          }
        }
        coalescer.add(partsForEvent(type, data, regionRef.current));
      },
    });
    const prune = setInterval(() => setFresh((list) => pruneFresh(list, Date.now())), 10_000);
    return () => {
      closed = true;
      connection.close();
      clearInterval(prune);
      coalescer.cancel();
    };
  }, [api, client]);

  const overviewData = overview.data ?? null;
  const rawGridsData = rawGrids.data ?? null;
  const grids = useMemo(() => (rawGridsData && overviewData ? gridsWithScores(rawGridsData, overviewData.grids) : rawGridsData), [rawGridsData, overviewData]);
  const freshFc = useMemo(() => freshCollection(fresh), [fresh]);
  const reads: [WallPart, { isError: boolean; error: unknown }][] = [
    ['overview', overview],
    ['ticker', ticker],
    ['grids', rawGrids],
    ['spots', blindSpots],
    ['heat', heat],
  ];
  const failures: PartFailure[] = reads.filter(([, q]) => q.isError).map(([part, q]) => ({ part, error: q.error }));
  const retry = () => {
    for (const { part } of failures) void client.refetchQueries({ queryKey: queryKeys.wall(part, code), exact: true });
  };
  // Keep showing the last good data; the freshness badge tells the room.
  const error = errorText(ticker.error ?? overview.error ?? heat.error ?? rawGrids.error ?? blindSpots.error);
  return {
    overview: overviewData,
    grids,
    blindSpots: blindSpots.data ?? null,
    householdsVersion,
    heat: heat.data ?? null,
    ticker: ticker.data ?? null,
    fresh: freshFc,
    live,
    error,
    failures,
    retry,
  };
}
