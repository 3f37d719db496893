import type { OutboxState } from '../../api/outbox';
import { useT } from '../../i18n/use-t';
import { formatDuration } from './countdown';
import { refusalMessage } from './refusal';
import { useNow } from './use-now';

export interface OutboxPanelProps {
  state: OutboxState;
  online: boolean;
  onRetry: () => void;
  onDismiss: (key: string) => void;
  onClose: () => void;
}

/** Everything not yet on the server, oldest first: what is being sent, what waits and why, what was refused. */
export function OutboxPanel({ state, online, onRetry, onDismiss, onClose }: OutboxPanelProps) {
  const { t, lang } = useT();
  const now = useNow(1000);
  const waiting = state.entries.filter((e) => !e.refused).length;

  return (
    <div className="wk-sheet" role="dialog" aria-modal="true" aria-labelledby="wk-outbox-title" data-testid="outbox-panel">
      <div className="wk-sheet__backdrop" onClick={onClose} />
      <div className="wk-sheet__body">
        <header className="wk-sheet__head">
          <h2 id="wk-outbox-title">
            {waiting === 0 && state.entries.length > 0
              ? t('worker.outbox.refusedCount', { n: state.entries.length })
              : t('worker.outbox.title', { n: waiting })}
          </h2>
          <button type="button" className="wk-btn wk-btn--ghost wk-btn--small" onClick={onClose} data-testid="outbox-close">
            {t('worker.outbox.close')}
          </button>
        </header>
        {state.entries.length === 0 ? (
          <p className="wk-empty">{t('worker.outbox.empty')}</p>
        ) : (
          <ol className="wk-outbox" data-testid="outbox-list">
            {state.entries.map((e) => {
              const status = e.refused
                ? t('worker.outbox.refused', { reason: t(refusalMessage(e.refused).key, refusalMessage(e.refused).params) })
                : state.sending === e.key
                  ? t('worker.outbox.sending')
                  : !online
                    ? t('worker.outbox.waiting')
                    : e.nextAttemptAt && e.nextAttemptAt > now
                      ? t('worker.outbox.nextTry', { time: formatDuration(e.nextAttemptAt - now, lang) })
                      : t('worker.outbox.waiting');
              return (
                <li
                  key={e.key}
                  className={`wk-outbox__entry${e.refused ? ' is-refused' : ''}`}
                  data-testid="outbox-entry"
                  data-kind={e.kind}
                  data-state={e.refused ? 'refused' : 'waiting'}
                >
                  <div className="wk-outbox__what">
                    <strong>{t(`worker.outbox.kind.${e.kind}`)}</strong>
                    {e.label && <span>{e.label}</span>}
                    {e.taskId !== null && <span className="wk-dim">#{e.taskId}</span>}
                  </div>
                  <div className="wk-dim">
                    {t('worker.outbox.madeAt', {
                      time: new Date(e.createdAt).toLocaleString(lang, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }),
                    })}
                  </div>
                  <div className={e.refused ? 'wk-error' : 'wk-dim'} data-testid="outbox-entry-status">
                    {status}
                  </div>
                  {e.refused && (
                    <div className="wk-dim" lang="en">
                      {e.refused.message}
                    </div>
                  )}
                  {!e.refused && e.lastError && <div className="wk-dim">{t('worker.outbox.lastError', { error: e.lastError })}</div>}
                  {e.refused && (
                    <button type="button" className="wk-btn wk-btn--small" data-testid="outbox-dismiss" onClick={() => onDismiss(e.key)}>
                      {t('worker.outbox.dismiss')}
                    </button>
                  )}
                </li>
              );
            })}
          </ol>
        )}
        {waiting > 0 && (
          <button
            type="button"
            className="wk-btn wk-btn--primary wk-btn--big"
            disabled={!online || state.sending !== null}
            data-testid="outbox-retry"
            onClick={onRetry}
          >
            {t('worker.outbox.retryNow')}
          </button>
        )}
      </div>
    </div>
  );
}
