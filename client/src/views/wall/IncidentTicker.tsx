import { useRef } from 'react';
import type { TickerIncident } from '../../api/stats-client';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { tickerTime } from './wall-format';

/** The latest incidents, newest first. */
export function IncidentTicker({ incidents, stale }: { incidents: TickerIncident[] | null; stale: boolean }) {
  const { t } = useT();
  // The incidents of the first list are not news: only later arrivals light up.
  const first = useRef<Set<number> | null>(null);
  if (first.current === null && incidents) first.current = new Set(incidents.map((i) => i.id));
  return (
    <section className={`wall-panel wall-ticker${stale ? ' wall-stale' : ''}`} data-testid="wall-ticker" data-stale={stale || undefined}>
      <h2>{t('wall.ticker')}</h2>
      {incidents && incidents.length === 0 && <p className="wall-muted">{t('wall.ticker.empty')}</p>}
      <ol>
        {(incidents ?? []).map((i) => (
          <li
            key={i.id}
            data-testid={`ticker-${i.id}`}
            className={`wall-ticker__item wall-ticker__item--${i.priority}${first.current?.has(i.id) ? '' : ' wall-ticker__item--new'}`}
          >
            <time>{tickerTime(i.reportedAt, new Date())}</time>
            <span className="wall-ticker__cat">{t(`incident.category.${i.category}` as MessageKey)}</span>
            <span className="wall-ticker__desc">{i.description || t(`incident.category.${i.category}` as MessageKey)}</span>
            <span className={`wall-ticker__status wall-ticker__status--${i.status}`}>{t(`incident.status.${i.status}` as MessageKey)}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
