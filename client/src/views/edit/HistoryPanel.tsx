import { useEffect, useState } from 'react';
import { gridEditsApi, type GridHistory } from '../../api/grid-edits-client';
import type { GridFeature } from '../../api/types';
import type { MessageKey } from '../../i18n/zh-CN';
import { useT } from '../../i18n/use-t';

/** Every version of the selected grid, each (but the current one) revertible. */
export function HistoryPanel({ grid, onReverted }: { grid: GridFeature; onReverted: () => void }) {
  const { t, lang } = useT();
  const [history, setHistory] = useState<GridHistory | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { id, version } = grid.properties;
  useEffect(() => {
    // Not aborted: an aborted fetch is a failed request in the browser; a stale answer is just ignored.
    let current = true;
    gridEditsApi.history(id).then((h) => current && setHistory(h), (e: Error) => current && setError(e.message));
    return () => {
      current = false;
    };
  }, [id, version]);
  const revert = (toVersion: number) => {
    gridEditsApi.revert(id, toVersion, version).then(onReverted, (e: Error) => setError(e.message));
  };
  return (
    <section className="edit-history" data-testid="edit-history">
      <h2>{t('edit.history.title', { code: grid.properties.code })}</h2>
      {error && <p role="alert">{error}</p>}
      {history && history.entries.length === 0 && <p>{t('edit.history.empty')}</p>}
      <ol>
        {history?.entries.map((e) => (
          <li key={`${e.version}-${e.operation}`} data-testid="history-entry" data-version={e.version}>
            <span>{t('edit.history.entry', {
              version: e.version, operation: t(`edit.op.${e.operation}` as MessageKey), by: e.changedBy ?? '—', at: new Date(e.changedAt).toLocaleString(lang),
            })}</span>
            {e.reason && <q>{e.reason}</q>}
            {e.version === history.version ? (
              <em>{t('edit.history.current')}</em>
            ) : e.geometryAfter ? (
              <button type="button" onClick={() => revert(e.version)} data-testid={`revert-${e.version}`}>{t('edit.history.revert')}</button>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
