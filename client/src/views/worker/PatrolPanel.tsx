import { useState } from 'react';
import { useT } from '../../i18n/use-t';
import { formatDuration } from './countdown';
import { trackLengthM, type PatrolRecording } from './patrol-track';
import { PositionLine } from './ReportPanel';
import type { PositionState } from './use-position';
import { useNow } from './use-now';

export function formatDistance(m: number, t: ReturnType<typeof useT>['t']): string {
  return m < 1000 ? t('worker.patrol.meters', { n: Math.round(m) }) : t('worker.patrol.km', { n: (m / 1000).toFixed(2) });
}

export interface PatrolPanelProps {
  recording: PatrolRecording | null;
  position: PositionState;
  onStart: () => void;
  onStop: () => Promise<string>;
}

export function PatrolPanel({ recording, position, onStart, onStop }: PatrolPanelProps) {
  const { t, lang } = useT();
  const now = useNow(1000);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const lengthM = recording ? trackLengthM(recording.positions) : 0;

  return (
    <section className="wk-panel" data-testid="patrol-panel" data-recording={recording ? 'true' : 'false'} aria-labelledby="wk-patrol-title">
      <h2 id="wk-patrol-title" className="wk-panel__title">
        {t('worker.patrol.title')}
      </h2>
      {recording ? (
        <>
          <p className="wk-recording">
            <span className="wk-rec-dot" aria-hidden="true" />
            {t('worker.patrol.recording')} ·{' '}
            {t('worker.patrol.since', { time: new Date(recording.startedAt).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit' }) })}
          </p>
          <dl className="wk-stats">
            <div>
              <dt>{t('worker.patrol.duration')}</dt>
              <dd>{formatDuration(now - Date.parse(recording.startedAt), lang)}</dd>
            </div>
            <div>
              <dt>{t('worker.patrol.distance')}</dt>
              <dd data-testid="patrol-distance">{formatDistance(lengthM, t)}</dd>
            </div>
            <div>
              <dt>{t('worker.patrol.points')}</dt>
              <dd data-testid="patrol-points">{recording.positions.length}</dd>
            </div>
          </dl>
          <p className="wk-hint">{t('worker.patrol.keepOpen')}</p>
          <button
            type="button"
            className="wk-btn wk-btn--danger wk-btn--big"
            data-testid="patrol-stop"
            disabled={busy}
            onClick={() => {
              setBusy(true);
              void onStop()
                .then(setMessage, (e: unknown) => setMessage(e instanceof Error ? e.message : String(e)))
                .finally(() => setBusy(false));
            }}
          >
            {t('worker.patrol.stop')}
          </button>
        </>
      ) : (
        <>
          <p className="wk-hint">{t('worker.patrol.idle')}</p>
          <PositionLine position={position} inMyGrids={null} />
          <button
            type="button"
            className="wk-btn wk-btn--primary wk-btn--big"
            data-testid="patrol-start"
            onClick={() => {
              setMessage(null);
              onStart();
            }}
          >
            {t('worker.patrol.start')}
          </button>
        </>
      )}
      {message && (
        <p className="wk-ok" role="status" data-testid="patrol-message">
          {message}
        </p>
      )}
    </section>
  );
}
