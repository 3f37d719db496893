import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { gridEditsApi } from '../../api/grid-edits-client';
import { errorText, queryKeys } from '../../api/queries';
import type { GridFeature } from '../../api/types';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';

/** Every version of the selected grid, each (but the current one) revertible. */
export function HistoryPanel({ grid, onReverted }: { grid: GridFeature; onReverted: () => void }) {
  const { t, lang } = useT();
  const { id, version } = grid.properties;
  // Asked again with every new version of the grid; the last list stays until the new one is in.
  const query = useQuery({
    queryKey: queryKeys.gridHistory(id, version),
    queryFn: ({ signal }) => gridEditsApi.history(id, signal),
    placeholderData: keepPreviousData,
  });
  const history = query.data ?? null;
  const [revertError, setRevertError] = useState<string | null>(null);
  const error = revertError ?? errorText(query.error);
  const revert = (toVersion: number) => {
    gridEditsApi.revert(id, toVersion, version).then(onReverted, (e: Error) => setRevertError(e.message));
  };
  return (
    <section className="edit-history" data-testid="edit-history">
      <h2>{t('edit.history.title', { code: grid.properties.code })}</h2>
      {error && <p role="alert">{error}</p>}
      {history && history.entries.length === 0 && <p>{t('edit.history.empty')}</p>}
      <ol>
        {history?.entries.map((e) => (
          <li key={`${e.version}-${e.operation}`} data-testid="history-entry" data-version={e.version}>
            <span>
              {t('edit.history.entry', {
                version: e.version,
                operation: t(`edit.op.${e.operation}` as MessageKey),
                by: e.changedBy ?? '—',
                at: new Date(e.changedAt).toLocaleString(lang),
              })}
            </span>
            {e.reason && <q>{e.reason}</q>}
            {e.version === history.version ? (
              <em>{t('edit.history.current')}</em>
            ) : e.geometryAfter ? (
              <button type="button" onClick={() => revert(e.version)} data-testid={`revert-${e.version}`}>
                {t('edit.history.revert')}
              </button>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
