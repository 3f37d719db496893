import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { OutboxEntry } from '../../api/outbox';
import { workerWrites, type Household, type LngLat, type PhotoData } from '../../api/worker-client';
import { useSession } from '../../auth/session-context';
import { useT } from '../../i18n/use-t';
import { WorkerMap, type TaskMark } from '../../map/WorkerMap';
import { countdown } from './countdown';
import { keepThePageOffline } from './offline-shell';
import { OutboxPanel } from './OutboxPanel';
import { PatrolPanel, formatDistance } from './PatrolPanel';
import { ReportPanel } from './ReportPanel';
import { trackLengthM } from './patrol-track';
import { openTaskCount, taskViews, type TaskView } from './task-view';
import { TaskList } from './TaskList';
import { useOnline } from './use-online';
import { useOutbox } from './use-outbox';
import { usePatrol } from './use-patrol';
import { usePosition } from './use-position';
import { useWorkerData } from './use-worker-data';
import { VisitPanel } from './VisitPanel';
import { WorkerHeader } from './WorkerHeader';
import { WorkerIcon } from './WorkerIcon';
import { containingIndex } from './worker-geo';
import './worker.css';

const TABS = ['tasks', 'report', 'patrol', 'visit'] as const;
type Tab = (typeof TABS)[number];

export default function WorkerPage() {
  const { state: session } = useSession();
  // LoginGate shows this page only to a logged-in worker.
  const user = session.user!;
  return <WorkerScreen key={user.id} userId={user.id} username={user.username} />;
}

function WorkerScreen({ userId, username }: { userId: number; username: string }) {
  const { t } = useT();
  useEffect(keepThePageOffline, []);
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'tasks';
  const setTab = (next: Tab) =>
    setParams(
      (p) => {
        const q = new URLSearchParams(p);
        if (next === 'tasks') q.delete('tab');
        else q.set('tab', next);
        return q;
      },
      { replace: true },
    );

  const online = useOnline();
  const position = usePosition();
  const data = useWorkerData(userId, online);
  const { refreshTasks } = data;
  const onSent = useCallback(
    (entry: OutboxEntry) => {
      if (entry.kind === 'acknowledge' || entry.kind === 'handle' || entry.kind === 'report') refreshTasks();
    },
    [refreshTasks],
  );
  const outbox = useOutbox(userId, online, onSent);
  const patrol = usePatrol(userId, position.fix);
  const [outboxOpen, setOutboxOpen] = useState(false);
  const [selectedTask, setSelectedTask] = useState<number | null>(null);
  const [locateRequest, setLocateRequest] = useState(0);

  const views = useMemo(() => (data.tasks ? taskViews(data.tasks, outbox.state?.entries ?? []) : null), [data.tasks, outbox.state]);
  const marks = useMemo<TaskMark[]>(() => {
    const now = Date.now();
    return (views ?? []).map((v) => ({
      id: v.id,
      at: v.task.geometry.coordinates,
      level: v.stage === 'new' || v.stage === 'accepted' ? countdown(v.task.properties.deadlineAt, now).level : 'done',
    }));
  }, [views]);

  const grids = data.me?.grids ?? null;
  const at: LngLat | null = position.fix ? [position.fix.lng, position.fix.lat] : null;
  const inMyGrids = useMemo(
    () =>
      at && grids
        ? containingIndex(
            at,
            grids.features.map((f) => f.geometry),
          ) >= 0
        : null,
    [at?.[0], at?.[1], grids],
  );

  const enqueue = outbox.enqueue;
  // A second tap before the first is stored would queue a second 签收, which the server refuses.
  const acknowledging = useRef(new Set<number>());
  const acknowledge = (v: TaskView) => {
    if (acknowledging.current.has(v.id)) return;
    acknowledging.current.add(v.id);
    void enqueue(workerWrites.acknowledge(v.id, t(`incident.category.${v.task.properties.category}` as never))).finally(() =>
      acknowledging.current.delete(v.id),
    );
  };
  const handle = async (v: TaskView, note: string, photos: PhotoData[]) => {
    await enqueue(workerWrites.handle(v.id, note, photos, t(`incident.category.${v.task.properties.category}` as never)));
  };
  const report = async (input: { category: string; categoryName: string; description: string; photos: PhotoData[] }) => {
    if (!at) return false;
    return (await enqueue(workerWrites.report({ ...input, at }))) !== null;
  };
  const visit = async (household: Household, note: string) =>
    (await enqueue(workerWrites.visit({ householdId: household.id, note, visitedAt: new Date().toISOString() }, household.address))) !== null;
  const stopPatrol = async () => {
    const result = await patrol.stop(async (body) => {
      // Not stored means not cleared: the recording stays until the outbox holds it.
      if (!(await enqueue(workerWrites.patrol(body, formatDistance(trackLengthM(body.track.coordinates), t))))) throw new Error('outbox not ready');
    });
    return result.kind === 'queued'
      ? t('worker.patrol.queued', { distance: formatDistance(result.lengthM, t), n: result.points })
      : t('worker.patrol.tooShort');
  };

  const openCount = views ? openTaskCount(views) : 0;
  const track = useMemo(() => patrol.recording?.positions.map(([lng, lat]) => [lng, lat]) ?? null, [patrol.recording]);
  const name = data.me?.worker.name ?? username;

  return (
    <div className="wk" data-testid="worker-page" data-online={online ? 'true' : 'false'}>
      <WorkerHeader name={name} outbox={outbox.state} online={online} onOpenOutbox={() => setOutboxOpen(true)} />
      {!online && (
        <p className="wk-banner wk-banner--offline" role="status" data-testid="offline-banner">
          {t('worker.offline')}
        </p>
      )}
      {online && data.cachedAt && (
        <p className="wk-banner" role="status">
          {t('worker.cachedAt', { time: new Date(data.cachedAt).toLocaleTimeString() })}
        </p>
      )}
      {!outbox.persistent && (
        <p className="wk-banner wk-banner--warn" role="alert">
          {t('worker.noStorage')}
        </p>
      )}
      {data.error && !data.me && (
        <p className="wk-banner wk-banner--error" role="alert" data-testid="worker-error">
          {t('worker.loadFailed', { message: data.error })}
          <button type="button" className="wk-btn wk-btn--small" onClick={data.reload}>
            {t('worker.retry')}
          </button>
        </p>
      )}

      <div className="wk-map-wrap">
        {data.config && (
          <WorkerMap
            config={data.config}
            grids={grids}
            position={position.fix}
            tasks={marks}
            track={track}
            selectedTaskId={selectedTask}
            onSelectTask={(id) => {
              setSelectedTask(id);
              setTab('tasks');
            }}
            locateRequest={locateRequest}
          />
        )}
        <button
          type="button"
          className="wk-locate"
          aria-label={t('worker.map.locate')}
          title={t('worker.map.locate')}
          disabled={!position.fix}
          data-testid="locate"
          onClick={() => setLocateRequest((n) => n + 1)}
        >
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
            <circle cx="12" cy="12" r="4" fill="currentColor" />
            <path d="M12 2v4M12 18v4M2 12h4M18 12h4" stroke="currentColor" strokeWidth="2" />
            <circle cx="12" cy="12" r="7.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
          </svg>
        </button>
        {grids && (
          <p className="wk-map-caption" data-testid="worker-grids" data-count={grids.features.length}>
            {grids.features.length > 0 ? t('worker.grids', { names: grids.features.map((g) => g.properties.name).join('、') }) : t('worker.noGrids')}
          </p>
        )}
      </div>

      <main className="wk-main" data-testid={`worker-tab-${tab}-panel`}>
        {tab === 'tasks' && (
          <TaskList
            views={views}
            selectedId={selectedTask}
            onSelect={(id) => setSelectedTask((s) => (s === id ? null : id))}
            onAcknowledge={acknowledge}
            onHandle={handle}
            onDismissRefusal={outbox.dismiss}
          />
        )}
        {tab === 'report' && <ReportPanel position={position} inMyGrids={inMyGrids} online={online} onReport={report} />}
        {tab === 'patrol' && <PatrolPanel recording={patrol.recording} position={position} onStart={patrol.start} onStop={stopPatrol} />}
        {tab === 'visit' && <VisitPanel households={data.households} at={at} onVisit={visit} />}
      </main>

      <nav className="wk-tabs" aria-label={t('worker.tabs')}>
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            className={`wk-tab${tab === id ? ' is-on' : ''}`}
            aria-current={tab === id ? 'page' : undefined}
            data-testid={`worker-tab-${id}`}
            onClick={() => setTab(id)}
          >
            <WorkerIcon name={id} />
            <span>{t(`worker.tab.${id}`)}</span>
            {id === 'tasks' && openCount > 0 && (
              <span className="wk-tab__badge" data-testid="tasks-open-count">
                {openCount}
              </span>
            )}
            {id === 'patrol' && patrol.recording && <span className="wk-rec-dot" aria-hidden="true" />}
          </button>
        ))}
      </nav>

      {outboxOpen && outbox.state && (
        <OutboxPanel state={outbox.state} online={online} onRetry={outbox.retryNow} onDismiss={outbox.dismiss} onClose={() => setOutboxOpen(false)} />
      )}
    </div>
  );
}
