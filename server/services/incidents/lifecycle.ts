// The 数字城管 state machine as pure planning: given an incident and a requested action, what
// changes and what the timeline records. The repository applies the plan in one transaction.
import { AppError } from '../../errors'
import { ESCALATION_LEVELS, MEDIATION_BODIES, type IncidentAction, type IncidentCategory, type IncidentStatus } from '../../domain/vocabulary'
import type { LifecycleColumn, LifecycleState, TransitionPlan } from '../../domain/incident-lifecycle'

export type { LifecycleState }

export interface TransitionRequest {
  action: IncidentAction
  note?: string
  /** extend: extra hours (default: the category's deadline again). */
  hours?: number
  /** handover: the mediation body that takes the dispute over. */
  to?: string
  /** dispatch: the grid worker the task goes to (checked to exist by the caller). */
  assigneeId?: number
}

export type { LifecycleColumn, TransitionPlan } from '../../domain/incident-lifecycle'

/** Which status each stage-changing action starts from and leads to. */
const STAGES: Partial<Record<IncidentAction, { from: IncidentStatus[]; to: IncidentStatus; stamp?: LifecycleColumn }>> = {
  accept: { from: ['reported'], to: 'accepted', stamp: 'accepted_at' },
  reject: { from: ['reported'], to: 'rejected', stamp: 'rejected_at' },
  dispatch: { from: ['accepted'], to: 'dispatched', stamp: 'dispatched_at' },
  handle: { from: ['dispatched'], to: 'handled', stamp: 'handled_at' },
  verify: { from: ['handled'], to: 'verified', stamp: 'verified_at' },
  close: { from: ['verified'], to: 'closed', stamp: 'closed_at' },
  // Verification failed: back to the handler, whose deadline keeps running (返工).
  return: { from: ['handled', 'verified'], to: 'dispatched' },
}
const OPEN: IncidentStatus[] = ['reported', 'accepted', 'dispatched', 'handled', 'verified']

/** For each status, the actions allowed from it (reported in 409 details). */
export function allowedActions(state: Pick<LifecycleState, 'status' | 'category'> & { acknowledgedAt?: Date | null }): IncidentAction[] {
  const actions = Object.entries(STAGES)
    .filter(([, s]) => s.from.includes(state.status))
    .map(([a]) => a as IncidentAction)
  if (state.status === 'dispatched' && !state.acknowledgedAt) actions.push('acknowledge')
  if (OPEN.includes(state.status)) actions.push('escalate')
  if (state.status === 'dispatched') actions.push('extend')
  if (state.category === 'dispute' && OPEN.includes(state.status)) actions.push('handover')
  return actions
}

const illegal = (state: LifecycleState, action: IncidentAction, why: string) =>
  new AppError(409, 'illegal_transition', `Cannot ${action} an incident that is ${state.status}: ${why}`, {
    status: state.status,
    action,
    allowed: allowedActions(state),
  })

export function planTransition(state: LifecycleState, request: TransitionRequest, now: Date, deadlineHours: Record<IncidentCategory, number>): TransitionPlan {
  const { action } = request
  if (!allowedActions(state).includes(action)) {
    const why = action === 'handover' && state.category !== 'dispute' ? 'only disputes are handed between mediation bodies' : 'not allowed from this status'
    throw illegal(state, action, why)
  }
  if ((action === 'reject' || action === 'return') && !request.note?.trim()) {
    throw new AppError(400, 'note_required', `${action} needs a note: the reason ${action === 'reject' ? 'the reporter' : 'the worker'} is given`, {
      parameter: 'note',
    })
  }
  if (action === 'dispatch' && request.assigneeId === undefined) {
    throw new AppError(400, 'assignee_required', 'dispatch needs assigneeId: the grid worker the task goes to', { parameter: 'assigneeId' })
  }
  if (action === 'acknowledge') return { set: { acknowledged_at: now }, event: action, details: null }
  const stage = STAGES[action]
  if (stage) {
    const set: TransitionPlan['set'] = { status: stage.to }
    if (stage.stamp) set[stage.stamp] = now
    if (action === 'dispatch') {
      set.deadline_at = new Date(now.getTime() + deadlineHours[state.category] * 3_600_000)
      set.assignee_id = request.assigneeId!
      set.acknowledged_at = null
    }
    if (action === 'return') Object.assign(set, { handled_at: null, verified_at: null })
    return { set, event: action, details: action === 'dispatch' ? { assigneeId: request.assigneeId } : null }
  }
  if (action === 'escalate') {
    const next = ESCALATION_LEVELS[ESCALATION_LEVELS.indexOf(state.escalationLevel) + 1]
    if (!next) throw illegal(state, action, `already at the top level (${state.escalationLevel})`)
    return { set: { escalation_level: next }, event: action, details: { from: state.escalationLevel, to: next } }
  }
  if (action === 'extend') {
    const hours = request.hours ?? deadlineHours[state.category]
    const base = state.deadlineAt ?? now
    const deadline = new Date(base.getTime() + hours * 3_600_000)
    return { set: { deadline_at: deadline }, event: action, details: { hours, deadlineAt: deadline.toISOString() } }
  }
  // handover
  const to = request.to
  if (!to || !(MEDIATION_BODIES as readonly string[]).includes(to)) {
    throw new AppError(400, 'invalid_request', `handover needs "to": one of ${MEDIATION_BODIES.join(', ')}`, { parameter: 'to' })
  }
  if (to === state.mediationBody) throw illegal(state, action, `the dispute is already with ${to} mediation`)
  return { set: { mediation_body: to }, event: action, details: { from: state.mediationBody, to } }
}
