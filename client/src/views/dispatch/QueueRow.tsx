import type { QueueIncidentProperties } from '../../api/dispatch-client';
import { useT } from '../../i18n/use-t';
import { formatGridCode } from '../../shared/format';
import { ageLabel, categoryLabel, dueLabel, dueState, priorityLabel, statusLabel } from './dispatch-labels';

export interface QueueRowProps {
  incident: QueueIncidentProperties;
  now: number;
  isOpen: boolean;
  isCursor: boolean;
  isNew: boolean;
  onOpen: (id: number) => void;
}

/** Drawn, not a font glyph: the command centre's machines may have no emoji font. */
function PersonIcon() {
  return (
    <svg className="queue-row__person" viewBox="0 0 12 12" width="11" height="11" aria-hidden="true">
      <circle cx="6" cy="3.6" r="2.4" fill="currentColor" />
      <path d="M1.4 11.2c0-2.6 2-4.3 4.6-4.3s4.6 1.7 4.6 4.3z" fill="currentColor" />
    </svg>
  );
}

export function QueueRow({ incident: p, now, isOpen, isCursor, isNew, onOpen }: QueueRowProps) {
  const { t, lang } = useT();
  const due = dueState(p.deadlineAt, p.status, now);
  const dueText = dueLabel(t, due);
  const classes = [
    'queue-row',
    `queue-row--${p.status}`,
    isOpen && 'is-open',
    isCursor && 'is-cursor',
    isNew && 'is-new',
    due.kind === 'overdue' && 'is-overdue',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <li
      id={`queue-row-${p.id}`}
      className={classes}
      role="option"
      aria-selected={isOpen}
      data-testid={`queue-row-${p.id}`}
      data-id={p.id}
      data-status={p.status}
      data-assignee={p.assigneeName ?? ''}
      data-new={isNew || undefined}
      data-cursor={isCursor || undefined}
      onClick={() => onOpen(p.id)}
    >
      <div className="queue-row__line">
        {isNew && <span className="queue-row__new">{t('dispatch.queue.new')}</span>}
        <span className="queue-row__id">#{p.id}</span>
        <span className={`cat cat--${p.category}`}>{categoryLabel(t, lang, p.category)}</span>
        {(p.priority === 'urgent' || p.priority === 'high') && <span className={`prio prio--${p.priority}`}>{priorityLabel(t, lang, p.priority)}</span>}
        <span className="queue-row__desc" title={p.description} data-testid={`queue-desc-${p.id}`}>
          {p.description}
        </span>
        <time className="queue-row__age" dateTime={p.reportedAt}>
          {ageLabel(t, p.reportedAt, now)}
        </time>
      </div>
      <div className="queue-row__line queue-row__line--meta">
        <span className={`status status--${p.status}`}>{statusLabel(t, lang, p.status)}</span>
        <span className="queue-row__grid">{p.gridCode ? formatGridCode(p.gridCode) : t('dispatch.queue.noGrid')}</span>
        <span className={p.assigneeName ? 'queue-row__assignee' : 'queue-row__assignee is-none'} data-testid={`queue-assignee-${p.id}`}>
          {p.assigneeName && <PersonIcon />}
          {p.assigneeName ?? (p.status === 'reported' || p.status === 'accepted' ? t('dispatch.queue.unassigned') : '—')}
        </span>
        {dueText && <span className={due.kind === 'overdue' ? 'queue-row__due is-overdue' : 'queue-row__due'}>{dueText}</span>}
      </div>
    </li>
  );
}
