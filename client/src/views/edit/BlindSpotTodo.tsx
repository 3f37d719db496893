import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { coverageApi } from '../../api/coverage-client';
import { queryKeys } from '../../api/queries';
import type { BBox } from '../../api/types';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { spotBounds, TODO_KINDS, todoGroups } from './blind-spot-todo';
import { LoadFailure } from './LoadFailure';

// A kind with hundreds of households lists the first ones; the count says how many more.
const SHOWN_PER_KIND = 15;

/** The blind spots in the supervisor's region, by kind, each one a button that zooms the map to it. */
export function BlindSpotTodo({ region, onZoom }: { region: string; onZoom: (bounds: BBox) => void }) {
  const { t, lang } = useT();
  const query = useQuery({ queryKey: queryKeys.coverage(region), queryFn: ({ signal }) => coverageApi.report(region, signal) });
  const groups = useMemo(() => todoGroups(query.data?.blindSpots.features ?? []), [query.data]);
  const total = groups.reduce((n, g) => n + g.spots.length, 0);
  const failed = query.isError && !query.isFetching;
  // A kind the server adds later reads as "other blind spots" until it gets a name.
  const kindText = (kind: string) => t((TODO_KINDS.includes(kind) ? `edit.blind.kind.${kind}` : 'edit.blind.kind.other') as MessageKey);
  return (
    <section className="edit-blind" data-testid="edit-blind-spots" data-stale={failed && query.data ? 'true' : undefined}>
      <h2>{t('edit.blind.title', { n: query.data ? total : '…' })}</h2>
      {failed && <LoadFailure what={t('edit.load.blindSpots')} error={query.error} onRetry={() => void query.refetch()} />}
      {failed && query.data && <p className="edit-stale">{t('edit.load.stale')}</p>}
      {!query.data && !failed && <p>{t('edit.blind.loading')}</p>}
      {query.data && total === 0 && <p data-testid="edit-blind-none">{t('edit.blind.none')}</p>}
      {groups.map((g) => (
        <details key={g.kind} data-testid="blind-kind" data-kind={g.kind} data-count={g.spots.length} open={g === groups[0]}>
          <summary>
            {kindText(g.kind)} <span className="edit-blind__count">{g.spots.length}</span>
          </summary>
          <ul>
            {g.spots.slice(0, SHOWN_PER_KIND).map((s, i) => {
              const bounds = spotBounds(s.geometry);
              return (
                <li key={i} data-severity={s.properties.severity}>
                  <button
                    type="button"
                    disabled={!bounds}
                    onClick={() => bounds && onZoom(bounds)}
                    title={t('edit.blind.zoom')}
                    data-testid="blind-spot"
                    data-bounds={bounds?.join(',')}
                  >
                    {s.properties.explanation[lang]}
                  </button>
                </li>
              );
            })}
          </ul>
          {g.spots.length > SHOWN_PER_KIND && <p className="edit-blind__more">{t('edit.blind.more', { n: g.spots.length - SHOWN_PER_KIND })}</p>}
        </details>
      ))}
    </section>
  );
}
