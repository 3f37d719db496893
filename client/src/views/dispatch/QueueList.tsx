import { useEffect, useRef } from 'react';
import type { QueueIncidentProperties } from '../../api/dispatch-client';
import { useT } from '../../i18n/use-t';
import { QueueRow } from './QueueRow';

export interface QueueListProps {
  rows: QueueIncidentProperties[];
  loading: boolean;
  now: number;
  open: number | null;
  cursor: number | null;
  fresh: ReadonlySet<number>;
  onOpen: (id: number) => void;
}

/**
 * The queue as a listbox: the list itself takes focus, the cursor row is its active descendant
 * (moved with j/k or the arrows by the page), and stays scrolled into view.
 */
export function QueueList({ rows, loading, now, open, cursor, fresh, onOpen }: QueueListProps) {
  const { t } = useT();
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (cursor === null) return;
    listRef.current?.querySelector(`#queue-row-${cursor}`)?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);
  if (loading && rows.length === 0) return <p className="dispatch-queue__note">{t('dispatch.queue.loading')}</p>;
  if (rows.length === 0)
    return (
      <p className="dispatch-queue__note" data-testid="dispatch-queue-empty">
        {t('dispatch.queue.empty')}
      </p>
    );
  return (
    <ul
      ref={listRef}
      className="dispatch-queue__list"
      role="listbox"
      tabIndex={0}
      aria-label={t('dispatch.queue.label')}
      aria-activedescendant={cursor !== null ? `queue-row-${cursor}` : undefined}
      data-testid="dispatch-queue-list"
    >
      {rows.map((p) => (
        <QueueRow key={p.id} incident={p} now={now} isOpen={p.id === open} isCursor={p.id === cursor} isNew={fresh.has(p.id)} onOpen={onOpen} />
      ))}
    </ul>
  );
}
