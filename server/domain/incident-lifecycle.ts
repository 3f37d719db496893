// The shape of a lifecycle transition as planned (server/services/incidents/lifecycle.ts) and
// applied (server/repositories/incidents-lifecycle.repository.ts).
import type { EscalationLevel, IncidentAction, IncidentCategory, IncidentStatus, MediationBody } from './vocabulary'

/** What the state machine reads of an incident (server/services/incidents/lifecycle.ts plans on it). */
export interface LifecycleState {
  status: IncidentStatus
  category: IncidentCategory
  escalationLevel: EscalationLevel
  mediationBody: MediationBody | null
  deadlineAt: Date | null
  /** When the assigned worker took the task (签收), or null. */
  acknowledgedAt: Date | null
}

/** Columns a transition may set; the repository writes only these names. */
export type LifecycleColumn =
  | 'status'
  | 'accepted_at'
  | 'rejected_at'
  | 'dispatched_at'
  | 'deadline_at'
  | 'handled_at'
  | 'verified_at'
  | 'closed_at'
  | 'escalation_level'
  | 'mediation_body'
  | 'assignee_id'
  | 'acknowledged_at'

export interface TransitionPlan {
  set: Partial<Record<LifecycleColumn, string | number | Date | null>>
  event: IncidentAction
  details: Record<string, unknown> | null
}
