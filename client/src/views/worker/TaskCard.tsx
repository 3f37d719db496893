import { useEffect, useRef } from 'react';
import type { PhotoData } from '../../api/worker-client';
import { useT } from '../../i18n/use-t';
import type { MessageKey } from '../../i18n/zh-CN';
import { countdown, formatDuration } from './countdown';
import { HandleForm } from './HandleForm';
import { refusalMessage } from './refusal';
import type { TaskView } from './task-view';

export interface TaskCardProps {
  view: TaskView;
  now: number;
  selected: boolean;
  handling: boolean;
  onSelect: () => void;
  onAcknowledge: () => void;
  onStartHandling: () => void;
  onCancelHandling: () => void;
  onHandle: (note: string, photos: PhotoData[]) => Promise<void>;
  onDismissRefusal: (key: string) => void;
}

function clock(iso: string, lang: string): string {
  return new Date(iso).toLocaleString(lang, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function TaskCard({
  view,
  now,
  selected,
  handling,
  onSelect,
  onAcknowledge,
  onStartHandling,
  onCancelHandling,
  onHandle,
  onDismissRefusal,
}: TaskCardProps) {
  const { t, lang } = useT();
  const p = view.task.properties;
  const open = view.stage === 'new' || view.stage === 'accepted';
  const due = countdown(p.deadlineAt, now);
  const category = t(`incident.category.${p.category}` as MessageKey);
  const ref = useRef<HTMLLIElement>(null);
  // Picked on the map: bring the card into view below it.
  useEffect(() => {
    if (selected) ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [selected]);
  const refusal = view.refused ? refusalMessage(view.refused.refusal) : null;
  const stageText = view.pending ? t(`worker.task.pending.${view.stage === 'handled' ? 'handled' : 'accepted'}`) : t(`worker.task.stage.${view.stage}`);

  return (
    <li
      ref={ref}
      className={`wk-task wk-task--${view.stage}${open && due.level === 'overdue' ? ' wk-task--overdue' : ''}${selected ? ' is-selected' : ''}`}
      data-testid={`task-${view.id}`}
      data-stage={view.stage}
      data-pending={view.pending || undefined}
    >
      <button type="button" className="wk-task__head" onClick={onSelect} aria-expanded={selected}>
        <span className="wk-task__category">{category}</span>
        <span className={`wk-chip wk-chip--${view.stage}${view.pending ? ' wk-chip--pending' : ''}`} data-testid={`task-stage-${view.id}`}>
          {stageText}
        </span>
      </button>
      {view.returnReason && (
        <p className="wk-task__returned" data-testid={`task-return-reason-${view.id}`} role="note">
          <strong>{t('worker.task.returned')}</strong> {t('worker.task.returnReason', { reason: view.returnReason })}
        </p>
      )}
      <p className="wk-task__desc">{p.description}</p>
      <div className="wk-task__meta">
        {open && (
          <span className={`wk-countdown wk-countdown--${due.level}`} data-testid={`task-countdown-${view.id}`} data-level={due.level}>
            {due.level === 'none'
              ? t('worker.task.noDeadline')
              : due.level === 'overdue'
                ? t('worker.task.overdue', { time: formatDuration(due.ms, lang) })
                : t('worker.task.left', { time: formatDuration(due.ms, lang) })}
          </span>
        )}
        {p.deadlineAt && <span className="wk-dim">{t('worker.task.deadline', { time: clock(p.deadlineAt, lang) })}</span>}
        <span className="wk-dim">#{p.id}</span>
      </div>
      {view.refused && (
        <div className="wk-refused" role="alert" data-testid={`task-refused-${view.id}`}>
          <span>{t('worker.task.refused', { reason: t(refusal!.key, refusal!.params) })}</span>
          <button type="button" className="wk-btn wk-btn--small" onClick={() => onDismissRefusal(view.refused!.key)}>
            {t('worker.outbox.dismiss')}
          </button>
        </div>
      )}
      {open && !handling && (
        <div className="wk-row">
          {view.stage === 'new' ? (
            <button type="button" className="wk-btn wk-btn--primary wk-grow" data-testid={`task-ack-${view.id}`} onClick={onAcknowledge}>
              {t('worker.task.acknowledge')}
            </button>
          ) : (
            <button type="button" className="wk-btn wk-btn--primary wk-grow" data-testid={`task-handle-${view.id}`} onClick={onStartHandling}>
              {t('worker.task.handle')}
            </button>
          )}
        </div>
      )}
      {open && handling && <HandleForm taskId={view.id} onSubmit={onHandle} onCancel={onCancelHandling} />}
    </li>
  );
}
