// The task list as the worker sees it: the server's tasks with the writes still waiting in the
// outbox applied on top (签收 and 处置 made offline show at once), in the order they are due.
// Pure, unit-tested.
import type { OutboxEntry, OutboxRefusal } from '../../api/outbox';
import type { WorkerTask } from '../../api/worker-client';

/**
 * new: dispatched, not yet acknowledged (签收 next). accepted: acknowledged, to be handled (处置
 * next). handled: sent for checking (核查). verified: checked, waiting to be closed.
 */
export type TaskStage = 'new' | 'accepted' | 'handled' | 'verified';

export interface TaskView {
  id: number;
  task: WorkerTask;
  stage: TaskStage;
  /** The stage comes from a write still waiting in the outbox (shown as "待发送"). */
  pending: boolean;
  /** The reason the task came back from 核查, while it is to be handled again. */
  returnReason: string | null;
  /** The last write on this task the server refused for good, with its reason. */
  refused: { kind: OutboxEntry['kind']; refusal: OutboxRefusal; key: string } | null;
}

function serverStage(task: WorkerTask): TaskStage {
  const { status, acknowledgedAt } = task.properties;
  if (status === 'handled') return 'handled';
  if (status === 'verified') return 'verified';
  return acknowledgedAt ? 'accepted' : 'new';
}

const RANK: Record<TaskStage, number> = { new: 0, accepted: 1, handled: 2, verified: 3 };

export function taskViews(tasks: WorkerTask[], outbox: OutboxEntry[]): TaskView[] {
  const views = tasks.map((task): TaskView => {
    const id = task.properties.id;
    let stage = serverStage(task);
    let pending = false;
    let refused: TaskView['refused'] = null;
    for (const entry of outbox) {
      if (entry.taskId !== id) continue;
      if (entry.refused) {
        refused = { kind: entry.kind, refusal: entry.refused, key: entry.key };
        continue;
      }
      const next: TaskStage | null = entry.kind === 'acknowledge' ? 'accepted' : entry.kind === 'handle' ? 'handled' : null;
      // A waiting write only ever moves a task forward; the server's later state wins otherwise.
      if (next && RANK[next] > RANK[stage]) {
        stage = next;
        pending = true;
      }
    }
    const returnReason = stage === 'new' || stage === 'accepted' ? (task.properties.returnReason ?? null) || null : null;
    return { id, task, stage, pending, returnReason, refused };
  });
  return views.sort(byUrgency);
}

/** Tasks still to act on first, soonest deadline first (no deadline last); then those waiting for 核查. */
export function byUrgency(a: TaskView, b: TaskView): number {
  const open = (v: TaskView) => (v.stage === 'new' || v.stage === 'accepted' ? 0 : 1);
  const due = (v: TaskView) => {
    const t = v.task.properties.deadlineAt ? Date.parse(v.task.properties.deadlineAt) : Number.NaN;
    return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
  };
  return open(a) - open(b) || due(a) - due(b) || a.id - b.id;
}

/** How many tasks still need the worker (the tab's badge). */
export function openTaskCount(views: TaskView[]): number {
  return views.filter((v) => v.stage === 'new' || v.stage === 'accepted').length;
}
