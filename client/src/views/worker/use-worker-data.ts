import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../api/http-client';
import { cacheGet, cachePut } from '../../api/outbox-store';
import type { AppConfig } from '../../api/types';
import { workerApi, type Household, type WorkerMe, type WorkerTask } from '../../api/worker-client';

export interface WorkerData {
  config: AppConfig | null;
  me: WorkerMe | null;
  tasks: WorkerTask[] | null;
  households: Household[] | null;
  /** Set when what is shown is the last saved answer, not a fresh one (ISO time it was saved). */
  cachedAt: string | null;
  error: string | null;
  refreshTasks(): void;
  reload(): void;
}

/** Polling pace of the task list while the page is visible and online. */
const TASKS_EVERY_MS = 60_000;

/**
 * A read that falls back to its last saved answer when the network is gone (the page must stay
 * useful on a patrol through a dead zone). A refusal (4xx) is not papered over.
 */
async function readThrough<T>(name: string, online: boolean, read: () => Promise<T>): Promise<{ value: T; cachedAt: string | null }> {
  if (online) {
    try {
      const value = await read();
      void cachePut(name, value);
      return { value, cachedAt: null };
    } catch (e) {
      if (e instanceof ApiError && e.status < 500) throw e;
      const cached = await cacheGet<T>(name);
      if (cached) return { value: cached.value, cachedAt: cached.savedAt };
      throw e;
    }
  }
  const cached = await cacheGet<T>(name);
  if (cached) return { value: cached.value, cachedAt: cached.savedAt };
  throw new Error('offline');
}

export function useWorkerData(userId: number, online: boolean): WorkerData {
  const [config, setConfig] = useState<AppConfig | null>(null);
  const [me, setMe] = useState<WorkerMe | null>(null);
  const [tasks, setTasks] = useState<WorkerTask[] | null>(null);
  const [households, setHouseholds] = useState<Household[] | null>(null);
  const [cachedAt, setCachedAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const onlineRef = useRef(online);
  onlineRef.current = online;
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const fail = (e: unknown) => {
    if (!alive.current) return;
    // A 401 brings the login form back by itself (auth-events); say nothing over it.
    if (e instanceof ApiError && e.status === 401) return;
    setError(e instanceof Error ? e.message : String(e));
  };

  const refreshTasks = useCallback(() => {
    readThrough(`tasks:${userId}`, onlineRef.current, () => workerApi.tasks()).then((r) => {
      if (!alive.current) return;
      setTasks(r.value);
      setCachedAt(r.cachedAt);
    }, fail);
  }, [userId]);

  useEffect(() => {
    setError(null);
    const on = onlineRef.current;
    readThrough('config', on, () => api.getConfig()).then(
      (r) => alive.current && setConfig(r.value),
      () => {
        // Without the server's config the map still draws on the offline base map.
        if (alive.current) setConfig({ basemaps: [{ id: 'offline' }], defaultBasemap: 'offline', center: [120.25, 33.78], zoom: 11 });
      },
    );
    readThrough(`me:${userId}`, on, () => workerApi.me()).then((r) => alive.current && setMe(r.value), fail);
    readThrough(`households:${userId}`, on, () => workerApi.households()).then((r) => alive.current && setHouseholds(r.value), fail);
    refreshTasks();
  }, [userId, generation, refreshTasks]);

  // Back online: everything again, fresh.
  const wasOnline = useRef(online);
  useEffect(() => {
    if (online && !wasOnline.current) setGeneration((g) => g + 1);
    wasOnline.current = online;
  }, [online]);

  useEffect(() => {
    const id = window.setInterval(() => {
      if (onlineRef.current && document.visibilityState === 'visible') refreshTasks();
    }, TASKS_EVERY_MS);
    return () => window.clearInterval(id);
  }, [refreshTasks]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return { config, me, tasks, households, cachedAt, error, refreshTasks, reload };
}
