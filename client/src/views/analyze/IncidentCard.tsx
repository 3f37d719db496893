import { useQuery } from '@tanstack/react-query';
import { incidentsApi } from '../../api/incidents-client';
import { errorText, queryKeys } from '../../api/queries';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { formatGridCode } from '../../shared/format';

const time = (iso: string | null, lang: string) =>
  iso
    ? new Date(iso).toLocaleString(lang, {
        timeZone: 'Asia/Shanghai',
        hour12: false,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
    : '—';

export function IncidentCard({ id, onClose }: { id: number; onClose: () => void }) {
  const { t, lang } = useT();
  // Another incident picked: its own answer, never the last one's meanwhile.
  const query = useQuery({ queryKey: queryKeys.incident(id), queryFn: ({ signal }) => incidentsApi.detail(id, signal) });
  const error = errorText(query.error);
  const p = query.data?.properties;
  return (
    <section className="incident-card" data-testid="incident-card" aria-label={t('analyze.card.title')}>
      <header>
        <h2>
          {t('analyze.card.title')} #{id}
        </h2>
        <button type="button" data-testid="incident-card-close" onClick={onClose} aria-label={t('analyze.card.close')}>
          ×
        </button>
      </header>
      {error && <p className="error">{t('app.error', { message: error })}</p>}
      {!p && !error && <p className="muted">{t('analyze.card.loading')}</p>}
      {p && (
        <>
          <p className="incident-card__title">
            <span className="tag">{t(`incident.category.${p.category}` as MessageKey)}</span>
            <span className="tag">{t(`incident.status.${p.status}` as MessageKey)}</span>
            <span className="tag">{t(`incident.priority.${p.priority}` as MessageKey)}</span>
          </p>
          <p>{p.description}</p>
          <dl>
            <dt>{t('analyze.card.grid')}</dt>
            <dd>{p.gridCode ? formatGridCode(p.gridCode) : '—'}</dd>
            <dt>{t('analyze.source')}</dt>
            <dd>{t(`incident.source.${p.source}` as MessageKey)}</dd>
            <dt>{t('analyze.card.reported')}</dt>
            <dd>{time(p.reportedAt, lang)}</dd>
            <dt>{t('analyze.card.deadline')}</dt>
            <dd>{time(p.deadlineAt, lang)}</dd>
            <dt>{t('analyze.card.assignee')}</dt>
            <dd data-testid="incident-card-assignee">{p.assigneeName ?? '—'}</dd>
            <dt>{t('analyze.card.level')}</dt>
            <dd>{t(`incident.level.${p.escalationLevel}` as MessageKey)}</dd>
            {p.mediationBody && (
              <>
                <dt>{t('analyze.card.mediation')}</dt>
                <dd>{t(`incident.mediation.${p.mediationBody}` as MessageKey)}</dd>
              </>
            )}
          </dl>
          <h3>{t('analyze.card.timeline')}</h3>
          <ol className="timeline" data-testid="incident-timeline">
            {p.timeline.map((e, k) => (
              <li key={k} data-event={e.event}>
                <time>{time(e.at, lang)}</time>
                <strong>{t(`incident.event.${e.event}` as MessageKey)}</strong>
                {e.actor && <span className="muted"> · {e.actor}</span>}
                {e.note && <div className="muted">{e.note}</div>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
