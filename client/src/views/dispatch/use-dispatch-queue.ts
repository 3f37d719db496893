import { useCallback, useEffect, useRef, useState } from 'react';
import { dispatchApi, type QueueCollection, type QueueIncidentProperties } from '../../api/dispatch-client';
import { INCIDENT_EVENT_TYPES } from '../../../../server/domain/live-events';
import { connectLive, type LiveState } from '../wall/live-connection';
import { announce, emptyArrivals, reconcile, type ArrivalState } from './new-arrivals';

/** A burst of events (an import, a busy minute) costs one reload. */
const COALESCE_MS = 100;

export interface DispatchQueue {
  queue: QueueCollection | null;
  /** The query string the queue shown was fetched with. */
  shownQs: string | null;
  error: unknown;
  live: LiveState;
  reload: () => void;
  /** Shows an incident's new state in its row at once (the reload that follows confirms it). */
  patch: (properties: QueueIncidentProperties) => void;
}

export interface QueueCallbacks {
  /** Rows that just arrived (new since last seen), in list order. */
  onArrived: (ids: number[]) => void;
  /** A live event named this incident (the open one may need refetching). */
  onIncidentEvent: (id: number) => void;
}

/**
 * The queue for `qs`, refetched on every incident event of the live stream (and after the stream
 * was lost and came back, when events may have been missed). The first list of a query is the
 * baseline of "new since last seen"; later lists report what arrived.
 */
export function useDispatchQueue(qs: string, callbacks: QueueCallbacks): DispatchQueue {
  const [queue, setQueue] = useState<QueueCollection | null>(null);
  const [shownQs, setShownQs] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [live, setLive] = useState<LiveState>({ status: 'connecting', since: null });
  const qsRef = useRef(qs);
  qsRef.current = qs;
  const callbacksRef = useRef(callbacks);
  callbacksRef.current = callbacks;
  const arrivals = useRef<{ qs: string; state: ArrivalState }>({ qs, state: emptyArrivals() });
  const seq = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(async () => {
    const wanted = qsRef.current;
    const mine = ++seq.current;
    try {
      const result = await dispatchApi.queue(wanted);
      // A newer request has been sent since: its answer is the one to show.
      if (mine !== seq.current) return;
      if (arrivals.current.qs !== wanted) arrivals.current = { qs: wanted, state: emptyArrivals() };
      const { state, arrived } = reconcile(
        arrivals.current.state,
        result.features.map((f) => ({ id: f.properties.id, reportedAt: f.properties.reportedAt })),
      );
      arrivals.current = { qs: wanted, state };
      setQueue(result);
      setShownQs(wanted);
      setError(null);
      if (arrived.length) callbacksRef.current.onArrived(arrived);
    } catch (e) {
      if (mine === seq.current) setError(e);
    }
  }, []);

  const schedule = useCallback(() => {
    if (timer.current !== null) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void load();
    }, COALESCE_MS);
  }, [load]);

  useEffect(() => {
    void load();
  }, [load, qs]);

  useEffect(() => {
    const connection = connectLive({
      url: dispatchApi.eventsUrl(),
      eventTypes: INCIDENT_EVENT_TYPES,
      onState: setLive,
      onReconnected: schedule,
      onEvent: (_type, data) => {
        const id = (data as { id?: unknown } | null)?.id;
        if (typeof id === 'number') {
          arrivals.current = { ...arrivals.current, state: announce(arrivals.current.state, id) };
          callbacksRef.current.onIncidentEvent(id);
        }
        schedule();
      },
    });
    return () => {
      connection.close();
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [schedule]);

  const patch = useCallback((properties: QueueIncidentProperties) => {
    setQueue((q) => {
      if (!q?.features.some((f) => f.properties.id === properties.id)) return q;
      return { ...q, features: q.features.map((f) => (f.properties.id === properties.id ? { ...f, properties: { ...f.properties, ...properties } } : f)) };
    });
  }, []);

  return { queue, shownQs, error, live, reload: schedule, patch };
}
