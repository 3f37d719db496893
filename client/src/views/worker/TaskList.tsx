import { useState } from 'react';
import type { PhotoData } from '../../api/worker-client';
import { useT } from '../../i18n/use-t';
import { tickMs } from './countdown';
import { TaskCard } from './TaskCard';
import type { TaskView } from './task-view';
import { useNow } from './use-now';

export interface TaskListProps {
  views: TaskView[] | null;
  selectedId: number | null;
  onSelect: (id: number) => void;
  onAcknowledge: (view: TaskView) => void;
  onHandle: (view: TaskView, note: string, photos: PhotoData[]) => Promise<void>;
  onDismissRefusal: (key: string) => void;
}

export function TaskList({ views, selectedId, onSelect, onAcknowledge, onHandle, onDismissRefusal }: TaskListProps) {
  const { t } = useT();
  const [handlingId, setHandlingId] = useState<number | null>(null);
  // Seconds only matter when some open task is within an hour of its deadline.
  const fast = (views ?? []).some((v) => {
    const d = v.task.properties.deadlineAt;
    return d !== null && (v.stage === 'new' || v.stage === 'accepted') && tickMs(Date.parse(d) - Date.now()) === 1000;
  });
  const now = useNow(fast ? 1000 : 30_000);

  if (views === null) return <p className="wk-empty">{t('worker.loading')}</p>;
  if (views.length === 0)
    return (
      <p className="wk-empty" data-testid="tasks-empty">
        {t('worker.tasks.empty')}
      </p>
    );
  return (
    <ul className="wk-tasks" data-testid="task-list">
      {views.map((view) => (
        <TaskCard
          key={view.id}
          view={view}
          now={now}
          selected={view.id === selectedId}
          handling={view.id === handlingId}
          onSelect={() => onSelect(view.id)}
          onAcknowledge={() => onAcknowledge(view)}
          onStartHandling={() => setHandlingId(view.id)}
          onCancelHandling={() => setHandlingId(null)}
          onHandle={async (note, photos) => {
            await onHandle(view, note, photos);
            setHandlingId(null);
          }}
          onDismissRefusal={onDismissRefusal}
        />
      ))}
    </ul>
  );
}
