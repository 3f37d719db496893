import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { FeatureCollection, Point } from 'geojson';
import { useLocation, useNavigate } from 'react-router-dom';
import { dispatchApi, type Candidate } from '../../api/dispatch-client';
import { useConfig, useRegions } from '../../api/queries';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { chooseBasemap } from '../../map/basemap-style';
import { DispatchMap } from '../../map/DispatchMap';
import { formatCount } from '../../shared/format';
import { ActionDialog } from './ActionDialog';
import { armAudio, audioArmed, beep } from './beep';
import { ACTION_FORM, actionsFor, patchBody, type ActionInput, type DispatchAction } from './dispatch-actions';
import { describeError } from './dispatch-format';
import { commandForKey } from './dispatch-keys';
import { errorText } from './dispatch-labels';
import { dispatchSearch, movedCursor, parseDispatchUrl, queueQuery, sortQueue, type QueueFilter } from './dispatch-queue';
import { IncidentPanel } from './IncidentPanel';
import { addFresh, pruneFresh, seen, type Fresh } from './new-arrivals';
import { PhotoStrip } from './PhotoStrip';
import { QueueFilters } from './QueueFilters';
import { QueueList } from './QueueList';
import { useDispatchQueue } from './use-dispatch-queue';
import { useIncidentDetail } from './use-incident-detail';
import { useNearbyGrids } from './use-nearby-grids';
import './dispatch.css';

const SOUND_KEY = 'wangge.dispatch.sound';
const TEXT_FIELDS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);
/** Where dispatch.css lays the console out in one column. */
const ONE_COLUMN = '(max-width: 900px)';

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

type Message = { kind: 'ok' | 'error'; text: string };

/**
 * The command centre's console: the live queue on the left (new reports flash and beep), the open
 * incident with what can be done to it on the right, and where it is on a small map.
 */
export default function DispatchPage() {
  const { t, lang } = useT();
  const location = useLocation();
  const navigate = useNavigate();
  const { filter, open } = useMemo(() => parseDispatchUrl(location.search), [location.search]);
  const go = useCallback(
    (f: QueueFilter, o: number | null) => {
      // Read the live URL: the language switch edits it outside the router.
      navigate({ pathname: location.pathname, search: dispatchSearch(window.location.search, f, o) }, { replace: true });
    },
    [navigate, location.pathname],
  );

  // The queue works without the map and the region filter: their failure shows nothing.
  const configQuery = useConfig();
  const regionsQuery = useRegions();
  const loaded = Boolean(configQuery.data && regionsQuery.data);
  const config = loaded ? configQuery.data! : null;
  const regions = useMemo(() => (loaded ? regionsQuery.data! : []), [loaded, regionsQuery.data]);

  // ── the live queue ──────────────────────────────────────────────────────
  const [fresh, setFresh] = useState<readonly Fresh[]>([]);
  const [sound, setSound] = useState(() => localStorage.getItem(SOUND_KEY) !== 'off');
  const [armed, setArmed] = useState(false);
  const soundRef = useRef(sound);
  soundRef.current = sound;
  const openRef = useRef(open);
  openRef.current = open;
  const [detailVersion, setDetailVersion] = useState(0);
  const qs = queueQuery(filter);
  const {
    queue,
    shownQs,
    error: queueError,
    live,
    reload,
    patch,
  } = useDispatchQueue(qs, {
    onArrived: (ids) => {
      setFresh((f) => addFresh(f, ids, Date.now()));
      if (soundRef.current) beep();
    },
    onIncidentEvent: (id) => {
      if (id === openRef.current) setDetailVersion((v) => v + 1);
    },
  });
  const now = useNow(30_000);
  useEffect(() => setFresh((f) => pruneFresh(f, now)), [now]);
  const rows = useMemo(
    () =>
      queue
        ? sortQueue(
            queue.features.map((f) => f.properties),
            filter.sort,
            now,
          )
        : [],
    [queue, filter.sort, now],
  );
  const ids = useMemo(() => rows.map((r) => r.id), [rows]);
  const freshIds = useMemo(() => new Set(fresh.map((f) => f.id)), [fresh]);
  const [cursor, setCursor] = useState<number | null>(open);

  // Sound needs a gesture first (autoplay policy): the first click or key anywhere arms it.
  useEffect(() => {
    const arm = () => {
      armAudio();
      // resume() settles a moment later.
      setTimeout(() => setArmed(audioArmed()), 50);
    };
    window.addEventListener('pointerdown', arm);
    window.addEventListener('keydown', arm);
    return () => {
      window.removeEventListener('pointerdown', arm);
      window.removeEventListener('keydown', arm);
    };
  }, []);
  const toggleSound = () => {
    const next = !sound;
    setSound(next);
    localStorage.setItem(SOUND_KEY, next ? 'on' : 'off');
    if (next) beep();
  };

  // ── the open incident ──────────────────────────────────────────────────
  const { detail, error: detailError, set: setDetail } = useIncidentDetail(open, detailVersion);
  const shown = detail && detail.properties.id === open ? detail : null;
  const offered = useMemo(() => (shown ? actionsFor(shown.properties) : []), [shown]);
  // In one column (a phone) the detail is below the queue: bring a newly opened one into view.
  const sideRef = useRef<HTMLDivElement>(null);
  const shownId = shown?.properties.id ?? null;
  useEffect(() => {
    if (shownId !== null && window.matchMedia(ONE_COLUMN).matches) sideRef.current?.scrollIntoView({ block: 'start' });
  }, [shownId]);
  const [dialog, setDialog] = useState<DispatchAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);

  const openIncident = useCallback(
    (id: number | null) => {
      go(filter, id);
      setCursor(id);
      if (id !== null) setFresh((f) => seen(f, id));
      setDialog(null);
      setMessage(null);
    },
    [go, filter],
  );

  const send = useCallback(
    async (action: DispatchAction, input: ActionInput, chosen: Candidate | null, inDialog: boolean) => {
      if (!shown) return;
      const id = shown.properties.id;
      setBusy(true);
      try {
        const updated = await dispatchApi.act(id, patchBody(action, input));
        setDetail(updated);
        const { timeline: _timeline, photos: _photos, ...row } = updated.properties;
        patch(row);
        setDialog(null);
        setDialogError(null);
        setMessage({ kind: 'ok', text: t(`dispatch.done.${action}` as MessageKey, { id, name: chosen?.name ?? updated.properties.assigneeName ?? '' }) });
        reload();
      } catch (e) {
        const text = errorText(t, lang, e);
        if (inDialog) setDialogError(text);
        else setMessage({ kind: 'error', text });
        // The incident moved on under us: show it as it is now.
        if (describeError(e).code === 'illegal_transition') setDetailVersion((v) => v + 1);
      } finally {
        setBusy(false);
      }
    },
    [shown, setDetail, patch, t, lang, reload],
  );

  const start = useCallback(
    (action: DispatchAction) => {
      setMessage(null);
      if (ACTION_FORM[action] === 'none') void send(action, {}, null, false);
      else {
        setDialogError(null);
        setDialog(action);
      }
    },
    [send],
  );

  // ── the keyboard ───────────────────────────────────────────────────────
  const keys = useRef({ ids, cursor, offered, busy, dialog, start, openIncident });
  keys.current = { ids, cursor, offered, busy, dialog, start, openIncident };
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const k = keys.current;
      const target = e.target as HTMLElement;
      const interactive = target.tagName === 'BUTTON' || target.tagName === 'A' || target.tagName === 'SUMMARY';
      const inField = TEXT_FIELDS.has(target.tagName) || target.isContentEditable || ((e.key === 'Enter' || e.key === ' ') && interactive);
      const dialogOpen = k.dialog !== null || document.querySelector('dialog[open]') !== null;
      const command = commandForKey(e, { inField, dialogOpen, offered: k.busy ? [] : k.offered });
      if (!command) return;
      if (command.type === 'close') return; // a modal <dialog> closes itself on Esc (its cancel event)
      e.preventDefault();
      if (command.type === 'move') setCursor(movedCursor(k.ids, k.cursor, command.delta));
      else if (command.type === 'open' && k.cursor !== null) k.openIncident(k.cursor);
      else if (command.type === 'action') k.start(command.action);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // Keyboard users start in the queue, and come back to it when a dialog closes.
  const focusQueue = () => document.querySelector<HTMLElement>('[data-testid="dispatch-queue-list"]')?.focus({ preventScroll: true });
  const hasRows = rows.length > 0;
  const focusedOnce = useRef(false);
  useEffect(() => {
    if (!hasRows || focusedOnce.current) return;
    focusedOnce.current = true;
    if (document.activeElement === document.body) focusQueue();
  }, [hasRows]);
  const hadDialog = useRef(false);
  useEffect(() => {
    if (hadDialog.current && dialog === null && document.activeElement === document.body) focusQueue();
    hadDialog.current = dialog !== null;
  }, [dialog]);

  // ── the map ────────────────────────────────────────────────────────────
  const openRow = queue?.features.find((f) => f.properties.id === open);
  const point = (shown?.geometry.coordinates ?? openRow?.geometry.coordinates ?? null) as [number, number] | null;
  const grids = useNearbyGrids(point);
  const others = useMemo<FeatureCollection<Point>>(
    () => ({
      type: 'FeatureCollection',
      features: (queue?.features ?? [])
        .filter((f) => f.properties.id !== open)
        .map((f) => ({
          type: 'Feature',
          properties: { id: f.properties.id },
          geometry: { type: 'Point', coordinates: f.geometry.coordinates },
        })),
    }),
    [queue, open],
  );
  const basemap = useMemo(() => (config ? chooseBasemap(config.basemaps, null, config.defaultBasemap) : null), [config]);
  const gridId = shown?.properties.gridId ?? openRow?.properties.gridId ?? null;
  const gridName = grids?.features.find((g) => g.properties.id === gridId)?.properties.name ?? null;

  const loading = shownQs !== qs;
  return (
    <section className="view dispatch" data-testid="dispatch-page">
      <div className="view-titlebar dispatch-titlebar">
        <h1 data-testid="view-title">{t('dispatch.title')}</h1>
        <span className={`dispatch-live dispatch-live--${live.status}`} data-testid="dispatch-live" data-state={live.status} role="status">
          {t(`dispatch.live.${live.status}`)}
        </span>
        {queue && (
          <span className="dispatch-count" data-testid="dispatch-count" data-matched={queue.numberMatched} data-shown={queue.numberReturned}>
            {t('dispatch.count', { matched: formatCount(queue.numberMatched, lang), shown: formatCount(queue.numberReturned, lang) })}
          </span>
        )}
        {fresh.length > 0 && (
          <button
            type="button"
            className="dispatch-new-count"
            data-testid="dispatch-new-count"
            title={t('dispatch.newCount.open')}
            onClick={() => openIncident(fresh[0].id)}
          >
            {t('dispatch.newCount', { n: fresh.length })}
          </button>
        )}
        <span className="dispatch-titlebar__spacer" />
        <span className="dispatch-keys-hint">{t('dispatch.keys.hint')}</span>
        <button
          type="button"
          className={sound ? 'sound-toggle is-on' : 'sound-toggle'}
          aria-pressed={sound}
          data-testid="dispatch-sound"
          onClick={toggleSound}
          title={sound && !armed ? t('dispatch.sound.armHint') : undefined}
        >
          {sound ? t('dispatch.sound.on') : t('dispatch.sound.off')}
        </button>
      </div>
      <div className="dispatch-body">
        <aside
          className="dispatch-queue"
          data-testid="dispatch-queue"
          data-loading={loading || undefined}
          data-count={rows.length}
          aria-label={t('dispatch.queue.label')}
        >
          <QueueFilters filter={filter} regions={regions} onChange={(f) => go(f, open)} />
          {queueError != null && (
            <p className="dispatch-message is-error" role="alert" data-testid="dispatch-queue-error">
              {t('dispatch.error.load', { message: errorText(t, lang, queueError) })}
            </p>
          )}
          <QueueList rows={rows} loading={loading} now={now} open={open} cursor={cursor} fresh={freshIds} onOpen={openIncident} />
        </aside>
        <div className="dispatch-side" ref={sideRef}>
          <div className="dispatch-side__main">
            {message && (
              <p
                className={`dispatch-message is-${message.kind}`}
                role={message.kind === 'error' ? 'alert' : 'status'}
                data-testid="dispatch-message"
                data-kind={message.kind}
              >
                {message.text}
              </p>
            )}
            {open === null && (
              <p className="dispatch-empty" data-testid="dispatch-detail-empty">
                {t('dispatch.detail.empty')}
                <br />
                <small className="dispatch-empty-keys">{t('dispatch.keys.hint')}</small>
              </p>
            )}
            {open !== null && !shown && !detailError && <p className="dispatch-empty">{t('dispatch.detail.loading')}</p>}
            {open !== null && detailError != null && !shown && (
              <p className="dispatch-message is-error" role="alert" data-testid="dispatch-detail-error">
                {errorText(t, lang, detailError)}
              </p>
            )}
            {shown && (
              <IncidentPanel detail={shown} now={now} offered={offered} busy={busy} onAction={start} onClose={() => openIncident(null)} gridName={gridName} />
            )}
          </div>
          <div className="dispatch-side__aside">
            <div className="dispatch-side__map">
              {config && basemap && (
                <DispatchMap
                  config={config}
                  basemap={basemap}
                  incident={point && open !== null ? { id: open, lng: point[0], lat: point[1], gridId } : null}
                  grids={grids}
                  others={others}
                />
              )}
            </div>
            {shown && (
              <section className="dispatch-photos" aria-label={t('dispatch.detail.photos')}>
                <h3>{t('dispatch.detail.photos')}</h3>
                <PhotoStrip key={shown.properties.id} incidentId={shown.properties.id} photos={shown.properties.photos ?? []} />
              </section>
            )}
          </div>
        </div>
      </div>
      {dialog && shown && (
        <ActionDialog
          key={`${dialog}-${shown.properties.id}`}
          action={dialog}
          incident={shown.properties}
          busy={busy}
          error={dialogError}
          onSubmit={(input, chosen) => void send(dialog, input, chosen, true)}
          onClose={() => setDialog(null)}
        />
      )}
    </section>
  );
}
