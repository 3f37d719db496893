// What the dispatcher may do to an incident, as the buttons show it: the server's state machine
// (server/services/incidents/lifecycle.ts, allowedActions) seen from the command centre, which
// never handles a task itself. The server still decides: a stale page gets 409 illegal_transition.

export const DISPATCH_ACTIONS = ['accept', 'reject', 'dispatch', 'verify', 'close', 'return', 'escalate', 'extend', 'handover'] as const;
export type DispatchAction = (typeof DISPATCH_ACTIONS)[number];

export const MEDIATION_BODIES = ['people', 'administrative', 'judicial'] as const;
export type MediationBody = (typeof MEDIATION_BODIES)[number];
const TOP_LEVEL = 'department';

/** The single key that starts each action (shown on its button). */
export const ACTION_KEYS: Record<DispatchAction, string> = {
  accept: 'a',
  reject: 'r',
  dispatch: 'd',
  verify: 'v',
  close: 'c',
  return: 'b',
  escalate: 'e',
  extend: 'x',
  handover: 'h',
};

/** The main, forward step of each stage first; the side steps (escalate, extend, hand over) after. */
const FROM: Record<DispatchAction, readonly string[]> = {
  accept: ['reported'],
  reject: ['reported'],
  dispatch: ['accepted'],
  verify: ['handled'],
  close: ['verified'],
  return: ['handled', 'verified'],
  escalate: ['reported', 'accepted', 'dispatched', 'handled', 'verified'],
  extend: ['dispatched'],
  handover: ['reported', 'accepted', 'dispatched', 'handled', 'verified'],
};

export interface ActionSubject {
  status: string;
  category: string;
  escalationLevel?: string | null;
  mediationBody?: string | null;
}

/** The actions to offer, in button order. */
export function actionsFor(incident: ActionSubject): DispatchAction[] {
  return DISPATCH_ACTIONS.filter((action) => {
    if (!FROM[action].includes(incident.status)) return false;
    if (action === 'handover') return incident.category === 'dispute';
    if (action === 'escalate') return incident.escalationLevel !== TOP_LEVEL;
    return true;
  });
}

/** The mediation bodies a dispute can be handed to (not the one that has it). */
export function handoverTargets(current: string | null | undefined): MediationBody[] {
  return MEDIATION_BODIES.filter((b) => b !== current);
}

export type ActionForm = 'none' | 'reason' | 'note' | 'worker' | 'hours' | 'mediation';

/**
 * What each action asks before it is sent: accept and verify go at once (a forward step the
 * dispatcher takes dozens of times a shift); the rest open a dialog.
 */
export const ACTION_FORM: Record<DispatchAction, ActionForm> = {
  accept: 'none',
  verify: 'none',
  reject: 'reason',
  return: 'reason',
  dispatch: 'worker',
  close: 'note',
  escalate: 'note',
  extend: 'hours',
  handover: 'mediation',
};

export interface ActionInput {
  note?: string;
  assigneeId?: number | null;
  hours?: number | string | null;
  to?: string | null;
}

export interface PatchBody {
  action: DispatchAction;
  note?: string;
  assigneeId?: number;
  hours?: number;
  to?: MediationBody;
}

export const MAX_EXTEND_HOURS = 720;

/** Why the dialog cannot be sent yet (a message key suffix), or null when it can. */
export function inputProblem(action: DispatchAction, input: ActionInput): 'reasonRequired' | 'workerRequired' | 'hoursInvalid' | 'mediationRequired' | null {
  const form = ACTION_FORM[action];
  if (form === 'reason' && !input.note?.trim()) return 'reasonRequired';
  if (form === 'worker' && !(typeof input.assigneeId === 'number' && input.assigneeId > 0)) return 'workerRequired';
  if (form === 'hours') {
    const hours = Number(input.hours);
    if (!Number.isInteger(hours) || hours < 1 || hours > MAX_EXTEND_HOURS) return 'hoursInvalid';
  }
  if (form === 'mediation' && !(MEDIATION_BODIES as readonly string[]).includes(input.to ?? '')) return 'mediationRequired';
  return null;
}

/** The PATCH /api/incidents/:id body; only the fields the action takes, the note trimmed (and left out when empty). */
export function patchBody(action: DispatchAction, input: ActionInput): PatchBody {
  const body: PatchBody = { action };
  const note = input.note?.trim();
  if (note) body.note = note;
  const form = ACTION_FORM[action];
  if (form === 'worker' && typeof input.assigneeId === 'number') body.assigneeId = input.assigneeId;
  if (form === 'hours') body.hours = Number(input.hours);
  if (form === 'mediation') body.to = input.to as MediationBody;
  return body;
}
