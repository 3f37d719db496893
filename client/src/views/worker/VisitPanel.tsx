import { useMemo, useState } from 'react';
import type { Household, LngLat } from '../../api/worker-client';
import { useT } from '../../i18n/use-t';
import { searchHouseholds } from './household-search';

export interface VisitPanelProps {
  households: Household[] | null;
  at: LngLat | null;
  onVisit: (household: Household, note: string) => Promise<boolean>;
}

export function VisitPanel({ households, at, onVisit }: VisitPanelProps) {
  const { t } = useT();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<Household | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  // The position moves a little with every fix; the list should not reshuffle under a finger for that.
  const roundedAt = at ? ([Math.round(at[0] * 2000) / 2000, Math.round(at[1] * 2000) / 2000] as LngLat) : null;
  const atKey = roundedAt?.join(',') ?? '';
  const hits = useMemo(() => (households ? searchHouseholds(households, query, roundedAt, 30) : []), [households, query, atKey]);

  return (
    <section className="wk-panel" data-testid="visit-panel" aria-labelledby="wk-visit-title">
      <h2 id="wk-visit-title" className="wk-panel__title">
        {t('worker.visit.title')}
      </h2>
      {chosen ? (
        <form
          className="wk-visit"
          onSubmit={(e) => {
            e.preventDefault();
            setBusy(true);
            void onVisit(chosen, note)
              .then((ok) => {
                if (!ok) return;
                setDone(t('worker.visit.queued', { address: chosen.address }));
                setChosen(null);
                setNote('');
              })
              .finally(() => setBusy(false));
          }}
        >
          <p className="wk-visit__address" data-testid="visit-household">
            {chosen.address}
          </p>
          <label className="wk-field">
            <span>{t('worker.visit.note')}</span>
            <textarea
              rows={3}
              maxLength={2000}
              value={note}
              placeholder={t('worker.visit.notePlaceholder')}
              data-testid="visit-note"
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          <div className="wk-row">
            <button type="button" className="wk-btn wk-btn--ghost" onClick={() => setChosen(null)}>
              {t('worker.visit.change')}
            </button>
            <button type="submit" className="wk-btn wk-btn--primary wk-grow" disabled={busy} data-testid="visit-submit">
              {t('worker.visit.submit')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <label className="wk-field">
            <span>{t('worker.visit.search')}</span>
            <input
              type="search"
              value={query}
              placeholder={t('worker.visit.searchPlaceholder')}
              data-testid="household-search"
              onChange={(e) => setQuery(e.target.value)}
            />
          </label>
          {households === null ? (
            <p className="wk-empty">{t('worker.loading')}</p>
          ) : hits.length === 0 ? (
            <p className="wk-empty">{t('worker.visit.none')}</p>
          ) : (
            <>
              <p className="wk-hint">{t('worker.visit.total', { n: households.length, shown: hits.length })}</p>
              <ul className="wk-households" data-testid="household-list">
                {hits.map(({ household, distanceM }) => (
                  <li key={household.id}>
                    <button
                      type="button"
                      className="wk-household"
                      data-testid={`household-${household.id}`}
                      onClick={() => {
                        setChosen(household);
                        setDone(null);
                      }}
                    >
                      <span>{household.address}</span>
                      {distanceM !== null && <span className="wk-dim">{t('worker.visit.distance', { m: Math.round(distanceM) })}</span>}
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {done && (
        <p className="wk-ok" role="status" data-testid="visit-done">
          {done}
        </p>
      )}
    </section>
  );
}
