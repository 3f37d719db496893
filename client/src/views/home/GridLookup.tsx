import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useGridLookup } from '../../api/grid-lookup-client';
import { failureReason } from '../../app/load-failure';
import { useT } from '../../i18n/use-t';
import { formatGridCode } from '../../shared/format';

type Locating = { state: 'idle' } | { state: 'locating' } | { state: 'failed'; message: string };

/**
 * The resident's side of 面对面、点对点: a place (a click on the map, or the browser's position)
 * → the grid it lies in, its community and its grid workers as the public may see them.
 */
export function GridLookup({ at, onLocate, qs }: { at: [number, number] | null; onLocate: (lngLat: [number, number]) => void; qs: string }) {
  const { t } = useT();
  const lookup = useGridLookup(at);
  const [locating, setLocating] = useState<Locating>({ state: 'idle' });

  const locate = () => {
    if (!('geolocation' in navigator)) {
      setLocating({ state: 'failed', message: t('home.lookup.geoUnavailable') });
      return;
    }
    setLocating({ state: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating({ state: 'idle' });
        onLocate([position.coords.longitude, position.coords.latitude]);
      },
      (error) => setLocating({ state: 'failed', message: t('home.lookup.geoDenied', { message: error.message }) }),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  };

  const answer = lookup.data;
  return (
    <section className="grid-lookup" data-testid="grid-lookup" aria-live="polite">
      <h2 className="section-title">{t('home.lookup.title')}</h2>
      <p className="grid-lookup__hint">
        {t('home.lookup.hint')}{' '}
        <button type="button" className="grid-lookup__locate" data-testid="lookup-locate" onClick={locate} disabled={locating.state === 'locating'}>
          {locating.state === 'locating' ? t('home.lookup.locating') : t('home.lookup.locate')}
        </button>
      </p>
      {locating.state === 'failed' && (
        <p className="grid-lookup__error" role="alert" data-testid="lookup-geo-error">
          {locating.message}
        </p>
      )}
      {at && lookup.isPending && <p className="grid-lookup__pending">{t('home.lookup.looking')}</p>}
      {lookup.isError && (
        <p className="grid-lookup__error" role="alert" data-testid="lookup-error">
          {t('home.lookup.failed', { message: failureReason(t, lookup.error) })}{' '}
          <button type="button" className="retry-button" onClick={() => void lookup.refetch()}>
            {t('home.retry')}
          </button>
        </p>
      )}
      {answer && !answer.grid && (
        <p className="grid-lookup__outside" data-testid="lookup-outside">
          {t('home.lookup.outside')}
        </p>
      )}
      {answer?.grid && (
        <div className="grid-lookup__result" data-testid="lookup-result" data-grid-code={answer.grid.code}>
          <strong data-testid="lookup-grid">{t('home.lookup.grid', { name: answer.grid.name, community: answer.grid.community.name })}</strong>
          <code>{t('home.lookup.code', { code: formatGridCode(answer.grid.code) })}</code>
          <h3>{t('home.lookup.workers')}</h3>
          {answer.workers.length ? (
            <ul data-testid="lookup-workers">
              {answer.workers.map((w, n) => (
                <li key={`${w.name}-${n}`} data-testid="lookup-worker">
                  {w.name} · {t(`home.lookup.role.${w.role}`)}
                  {w.phone ? (
                    <>
                      {' · '}
                      <a href={`tel:${w.phone.replace(/[\s-]/g, '')}`} data-testid="lookup-phone">
                        {w.phone}
                      </a>
                    </>
                  ) : (
                    <small> · {t('home.lookup.noPhone')}</small>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('home.lookup.noWorker')}</p>
          )}
          <Link to={`/report${qs}`} className="grid-lookup__report" data-testid="lookup-report">
            {t('home.lookup.report')} →
          </Link>
        </div>
      )}
    </section>
  );
}
