import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FeatureCollection, MultiPoint, Point } from 'geojson';
import type { StatsOverview, TickerIncident, WallApi } from '../../api/stats-client';
import type { GridCollection, LiveEventData } from '../../api/types';
import { INCIDENT_EVENT_TYPES, LIVE_EVENT_TYPES } from '../../../../server/domain/live-events';
import { decodeMultiPoint, gridsWithScores } from '../../map/wall-layers';
import { addFresh, freshCollection, freshFromEvent, pruneFresh, tickerWithEvent, type FreshIncident } from './fresh-incidents';
import { connectLive, type LiveState } from './live-connection';

export const TICKER_SIZE = 8;
const INCIDENT_EVENTS: readonly string[] = INCIDENT_EVENT_TYPES;
/** Bursts of events cost one reload: the first event schedules it, later ones ride along. */
const COALESCE_MS = 100;

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
}

type Part = 'overview' | 'ticker' | 'heat' | 'grids' | 'spots' | 'households';
/** What the first picture needs; the density layer is the heaviest to fetch, decode and draw. */
const FIRST: Part[] = ['overview', 'ticker', 'grids', 'spots'];
const DENSITY: Part[] = ['heat'];
/** After events were missed: everything, the household tiles included. */
const ALL: Part[] = [...FIRST, ...DENSITY, 'households'];

/**
 * Everything the wall shows for one region, kept current over the live stream. The incident heat
 * is fetched only once `density` is true: the wall turns it on when the map has drawn its grids,
 * so it never holds up the first picture. The households are the map's own vector tiles; this
 * only says when they are out of date (householdsVersion).
 */
export function useWallData(api: WallApi | null, region: string | null, bbox: [number, number, number, number] | null, density = true): WallData {
  const [overview, setOverview] = useState<StatsOverview | null>(null);
  const [rawGrids, setRawGrids] = useState<GridCollection | null>(null);
  const [blindSpots, setBlindSpots] = useState<FeatureCollection | null>(null);
  const [householdsVersion, setHouseholdsVersion] = useState(0);
  const [heat, setHeat] = useState<FeatureCollection<MultiPoint> | null>(null);
  const [ticker, setTicker] = useState<TickerIncident[] | null>(null);
  const [fresh, setFresh] = useState<FreshIncident[]>([]);
  const [live, setLive] = useState<LiveState>({ status: 'connecting', since: null });
  const [error, setError] = useState<string | null>(null);
  const regionRef = useRef(region);
  regionRef.current = region;
  const bboxRef = useRef(bbox);
  bboxRef.current = bbox;
  const densityRef = useRef(density);
  densityRef.current = density;
  const pending = useRef(new Set<Part>());
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(async (parts: Part[]) => {
    const code = regionRef.current;
    if (!api || !code) return;
    const current = () => regionRef.current === code;
    const jobs: Promise<void>[] = [];
    const run = <T,>(part: Part, fetcher: () => Promise<T>, apply: (value: T) => void) => {
      if (!parts.includes(part) || (DENSITY.includes(part) && !densityRef.current)) return;
      jobs.push(fetcher().then((value) => { if (current()) apply(value); }));
    };
    // The ticker first: on the embedded engine requests queue for one connection, and the newest
    // incident is what the room is waiting for.
    run('ticker', () => api.latestIncidents(code, TICKER_SIZE), setTicker);
    run('overview', () => api.overview(code), setOverview);
    run('heat', () => api.points(code, 'incidents'), (p) => setHeat(decodeMultiPoint(p)));
    run('grids', () => api.grids(code), setRawGrids);
    run('spots', () => api.blindSpots(code), (fc) => setBlindSpots(fc as unknown as FeatureCollection));
    // The households are the map's own tiles: a new version is a new URL, which the map fetches.
    if (parts.includes('households')) setHouseholdsVersion((v) => v + 1);
    try {
      await Promise.all(jobs);
      if (current()) setError(null);
    } catch (e) {
      // Keep showing the last good data; the freshness badge tells the room.
      if (current()) setError(e instanceof Error ? e.message : String(e));
    }
  }, [api]);

  const schedule = useCallback((parts: Part[]) => {
    for (const p of parts) pending.current.add(p);
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      const next = [...pending.current];
      pending.current.clear();
      void load(next);
    }, COALESCE_MS);
  }, [load]);

  useEffect(() => {
    void load(FIRST);
  }, [load, region]);
  useEffect(() => {
    if (density) void load(DENSITY);
  }, [load, density, region]);

  useEffect(() => {
    if (!api) return;
    const connection = connectLive({
      url: api.eventsUrl(),
      eventTypes: LIVE_EVENT_TYPES,
      onState: setLive,
      onReconnected: () => schedule(ALL),
      onEvent: (type, data) => {
        if (type === 'incident.created') {
          const f = freshFromEvent(data, Date.now());
          if (f) setFresh((list) => addFresh(list, f, Date.now()));
          setTicker((list) => (list ? tickerWithEvent(list, data, bboxRef.current, TICKER_SIZE) : list));
        }
        if (INCIDENT_EVENTS.includes(type)) schedule(['overview', 'ticker', 'heat']);
        else if (type === 'grid.changed') schedule(['grids', 'overview', 'households']);
        else if (type === 'stats.refreshed' && (data as LiveEventData<'stats.refreshed'> | null)?.region === regionRef.current) schedule(['overview', 'spots']);
      },
    });
    const prune = setInterval(() => setFresh((list) => pruneFresh(list, Date.now())), 10_000);
    return () => {
      connection.close();
      clearInterval(prune);
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [api, schedule]);

  const grids = useMemo(() => (rawGrids && overview ? gridsWithScores(rawGrids, overview.grids) : rawGrids), [rawGrids, overview]);
  const freshFc = useMemo(() => freshCollection(fresh), [fresh]);
  return { overview, grids, blindSpots, householdsVersion, heat, ticker, fresh: freshFc, live, error };
}
