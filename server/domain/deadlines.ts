import type { IncidentCategory } from './vocabulary'

/**
 * Handling deadline per category, counted from dispatch (数字城管 处置时限): the server's defaults
 * (DEADLINE_HOURS_* overrides them, server/config.ts) and the demo town's deadlines.
 */
export const DEFAULT_DEADLINE_HOURS: Record<IncidentCategory, number> = {
  environment: 24,
  facility: 72,
  safety_hazard: 24,
  dispute: 72,
  traffic: 12,
  illegal_construction: 120,
  public_service: 48,
  emergency: 4,
}
