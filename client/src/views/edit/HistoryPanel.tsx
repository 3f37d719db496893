import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { MultiPolygon, Polygon } from 'geojson';
import { gridEditsApi } from '../../api/grid-edits-client';
import { queryKeys } from '../../api/queries';
import type { GridFeature } from '../../api/types';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';
import { historyReasonText } from './history-reason';
import { LoadFailure } from './LoadFailure';
import { restorableGeometry } from './pending-edit';

/** Every version of the selected grid; choosing an earlier one prepares its restore (checked, then confirmed). */
export function HistoryPanel({ grid, onRestore }: { grid: GridFeature; onRestore: (toVersion: number, geometry: Polygon | MultiPolygon) => void }) {
  const { t, lang } = useT();
  const { id, version } = grid.properties;
  // Asked again with every new version of the grid; the last list stays until the new one is in.
  const query = useQuery({
    queryKey: queryKeys.gridHistory(id, version),
    queryFn: ({ signal }) => gridEditsApi.history(id, signal),
    placeholderData: keepPreviousData,
  });
  // A list of another grid (kept while this one loads) must not pass for this grid's.
  const history = query.data?.gridId === id ? query.data : null;
  return (
    <section className="edit-history" data-testid="edit-history">
      <h2>{t('edit.history.title', { code: grid.properties.code })}</h2>
      {query.error && !query.isFetching && <LoadFailure what={t('edit.load.history')} error={query.error} onRetry={() => void query.refetch()} />}
      {history && history.entries.length === 0 && <p>{t('edit.history.empty')}</p>}
      <ol>
        {history?.entries.map((e) => {
          const geometry = restorableGeometry(e.geometryAfter);
          return (
            <li key={`${e.version}-${e.operation}`} data-testid="history-entry" data-version={e.version}>
              <span>
                {t('edit.history.entry', {
                  version: e.version,
                  operation: t(`edit.op.${e.operation}` as MessageKey),
                  by: e.changedBy ?? '—',
                  at: new Date(e.changedAt).toLocaleString(lang),
                })}
              </span>
              {e.reason && <q data-testid="history-reason">{historyReasonText(e.reason, t)}</q>}
              {e.version === history.version ? (
                <em>{t('edit.history.current')}</em>
              ) : geometry ? (
                <button type="button" onClick={() => onRestore(e.version, geometry)} data-testid={`revert-${e.version}`}>
                  {t('edit.history.revert')}
                </button>
              ) : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
