import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { queryKeys } from '../../api/queries';
import { createWallApi } from '../../api/stats-client';
import { failureReason } from '../../app/load-failure';
import { VIEW_ROLES } from '../../auth/session-state';
import { useSession } from '../../auth/session-context';
import { dictionaryFor } from '../../i18n/lang';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { blindSpotSummary } from './blind-spot-summary';

const api = createWallApi(null);
const mayRead = (role: string) => (VIEW_ROLES.wall as readonly string[]).includes(role);
const mayEdit = (role: string) => (VIEW_ROLES.edit as readonly string[]).includes(role);

/**
 * The region's blind spots by kind, for those who may read them, with the way to each place they
 * are dealt with: the editor's to-do list (supervisors, admins) and the wall's blind-spot view.
 * The same query as the wall's overview, so both share one answer.
 */
export function HomeBlindSpots({ region, qs }: { region: string | null; qs: string }) {
  const { t, lang } = useT();
  const user = useSession().state.user;
  const readable = Boolean(user && mayRead(user.role) && region);
  const overview = useQuery({
    queryKey: queryKeys.wall('overview', region ?? ''),
    queryFn: ({ signal }) => api.overview(region!, signal),
    enabled: readable,
  });
  const summary = useMemo(() => (overview.data ? blindSpotSummary(overview.data.blindSpotsByKind) : null), [overview.data]);
  if (!readable || !user) return null;

  // The wall names every kind; a kind the server added later shows by its code.
  const kindLabel = (kind: string) => {
    const key = `wall.spot.kind.${kind}`;
    return Object.hasOwn(dictionaryFor(lang), key) ? t(key as MessageKey) : kind;
  };
  const inRegion = `region=${encodeURIComponent(region!)}`;
  const withRegion = qs ? `${qs}&${inRegion}` : `?${inRegion}`;
  return (
    <section className="home-spots" data-testid="home-spots">
      {overview.isError && (
        <p className="grid-lookup__error" role="alert">
          {t('app.error', { message: failureReason(t, overview.error) })}{' '}
          <button type="button" className="retry-button" onClick={() => void overview.refetch()}>
            {t('home.retry')}
          </button>
        </p>
      )}
      {summary && (
        <>
          <h2 className={`home-spots__title${summary.total ? ' is-bad' : ''}`} data-testid="home-spots-total" data-total={summary.total}>
            {summary.total ? t('home.spots.title', { count: summary.total }) : t('home.spots.none')}
          </h2>
          <ul className="home-spots__kinds">
            {summary.kinds.map(({ kind, count }) => (
              <li key={kind} data-kind={kind} data-count={count}>
                {t('home.spots.kind', { kind: kindLabel(kind), count })}
              </li>
            ))}
          </ul>
          <p className="home-spots__links">
            {mayEdit(user.role) && (
              <Link to={`/edit${withRegion}`} data-testid="home-spots-edit">
                {t('home.spots.edit')} →
              </Link>
            )}
            <Link to={`/wall${withRegion}`} data-testid="home-spots-wall">
              {t('home.spots.wall')} →
            </Link>
          </p>
        </>
      )}
    </section>
  );
}
