import type { DispatchIncidentDetail } from '../../api/dispatch-client';
import { useT } from '../../i18n/use-t';
import { formatGridCode } from '../../shared/format';
import { ActionBar } from './ActionBar';
import type { DispatchAction } from './dispatch-actions';
import { alertSummary } from './dispatch-format';
import { categoryLabel, dueLabel, dueState, levelLabel, mediationLabel, priorityLabel, sourceLabel, statusLabel, timeLabel } from './dispatch-labels';
import { Timeline } from './Timeline';

export interface IncidentPanelProps {
  detail: DispatchIncidentDetail;
  now: number;
  offered: DispatchAction[];
  busy: boolean;
  onAction: (a: DispatchAction) => void;
  onClose: () => void;
  /** The name of the incident's grid, once the map's grids have come. */
  gridName: string | null;
}

/** The open incident: what, who has it, its timeline, and what can be done now (the map and photos sit beside it). */
export function IncidentPanel({ detail, now, offered, busy, onAction, onClose, gridName }: IncidentPanelProps) {
  const { t, lang } = useT();
  const p = detail.properties;
  const due = dueState(p.deadlineAt, p.status, now);
  const dueText = dueLabel(t, due);
  const alert = p.category === 'emergency' ? alertSummary(p.timeline) : null;

  return (
    <article className="dispatch-detail" data-testid="dispatch-detail" data-id={p.id} data-status={p.status} aria-labelledby="dispatch-detail-title">
      <header className="dispatch-detail__head">
        <h2 id="dispatch-detail-title">{t('dispatch.detail.title', { id: p.id })}</h2>
        <span className={`cat cat--${p.category}`}>{categoryLabel(t, lang, p.category)}</span>
        <span className={`status status--${p.status}`} data-testid="detail-status">
          {statusLabel(t, lang, p.status)}
        </span>
        {p.priority !== 'normal' && <span className={`prio prio--${p.priority}`}>{priorityLabel(t, lang, p.priority)}</span>}
        {dueText && (
          <span className={due.kind === 'overdue' ? 'due is-overdue' : 'due'} data-testid="detail-due">
            {dueText}
          </span>
        )}
        <button type="button" className="dispatch-detail__close" onClick={onClose} aria-label={t('dispatch.detail.close')} data-testid="detail-close">
          ×
        </button>
      </header>
      <p className="dispatch-detail__desc" data-testid="detail-description">
        {p.description}
      </p>
      {alert && (
        <p className="dispatch-alert" data-testid="detail-alert">
          {alert.grids.length ? t('dispatch.alert', { grids: alert.grids.length, workers: alert.workers }) : t('dispatch.alert.none')}
        </p>
      )}
      <ActionBar offered={offered} busy={busy} onAction={onAction} />
      <div className="dispatch-detail__info">
        <dl className="facts">
          <dt>{t('dispatch.detail.assignee')}</dt>
          <dd data-testid="detail-assignee" data-assignee={p.assigneeName ?? ''}>
            {p.assigneeName ? (
              <>
                <strong>{p.assigneeName}</strong>
                <span className="muted">
                  {' · '}
                  {p.acknowledgedAt ? t('dispatch.detail.acknowledged', { time: timeLabel(p.acknowledgedAt, lang) }) : t('dispatch.detail.notAcknowledged')}
                </span>
              </>
            ) : (
              <span className="muted">{t('dispatch.queue.unassigned')}</span>
            )}
          </dd>
          <dt>{t('dispatch.detail.grid')}</dt>
          <dd>{p.gridCode ? `${gridName ? `${gridName} · ` : ''}${formatGridCode(p.gridCode)}` : t('dispatch.queue.noGrid')}</dd>
          <dt>{t('dispatch.detail.source')}</dt>
          <dd>{sourceLabel(t, lang, p.source)}</dd>
          <dt>{t('dispatch.detail.reported')}</dt>
          <dd>{timeLabel(p.reportedAt, lang)}</dd>
          <dt>{t('dispatch.detail.deadline')}</dt>
          <dd>{timeLabel(p.deadlineAt, lang)}</dd>
          <dt>{t('dispatch.detail.level')}</dt>
          <dd>{levelLabel(t, lang, p.escalationLevel)}</dd>
          {p.mediationBody && (
            <>
              <dt>{t('dispatch.detail.mediation')}</dt>
              <dd>{mediationLabel(t, lang, p.mediationBody)}</dd>
            </>
          )}
          {p.returnReason && p.status === 'dispatched' && (
            <>
              <dt>{t('dispatch.detail.returnReason')}</dt>
              <dd>{p.returnReason}</dd>
            </>
          )}
        </dl>
        <h3>{t('dispatch.detail.timeline')}</h3>
        <Timeline entries={p.timeline} assignee={p.assigneeId != null && p.assigneeName ? { id: p.assigneeId, name: p.assigneeName } : null} />
      </div>
    </article>
  );
}
