/** The closed vocabularies of the domain; the schema's CHECK constraints list the same values. */
export const REGION_LEVELS = ['county', 'street', 'community'] as const
export const GRID_TYPES = ['comprehensive', 'dedicated'] as const
export const SERVICE_CATEGORIES = ['safety', 'volunteer', 'education', 'convenience', 'culture', 'health', 'elderly_care', 'emergency'] as const
export const INCIDENT_CATEGORIES = [
  'environment',
  'facility',
  'safety_hazard',
  'dispute',
  'traffic',
  'illegal_construction',
  'public_service',
  'emergency',
] as const
export const INCIDENT_STATUSES = ['reported', 'accepted', 'rejected', 'dispatched', 'handled', 'verified', 'closed'] as const
export const INCIDENT_SOURCES = ['patrol', 'resident', 'hotline', 'video', 'higher_level'] as const
export const INCIDENT_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const

export type RegionLevel = (typeof REGION_LEVELS)[number]
export type GridType = (typeof GRID_TYPES)[number]
export type ServiceCategory = (typeof SERVICE_CATEGORIES)[number]
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number]
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number]
export type IncidentSource = (typeof INCIDENT_SOURCES)[number]
export type IncidentPriority = (typeof INCIDENT_PRIORITIES)[number]

/** Region code length by level (GB/T 2260 county + 3 digits per level). */
export const CODE_LENGTH: Record<RegionLevel, number> = { county: 6, street: 9, community: 12 }

/** Lifecycle actions of PATCH /api/incidents/:id (数字城管 transitions plus 多调对接 hand-overs). */
export const INCIDENT_ACTIONS = [
  'accept',
  'reject',
  'dispatch',
  'acknowledge',
  'handle',
  'verify',
  'close',
  'return',
  'escalate',
  'extend',
  'handover',
] as const
/** Every kind of timeline entry; `report`, `alert` and `rate` are written by the server, never requested as actions. */
export const INCIDENT_EVENTS = ['report', ...INCIDENT_ACTIONS, 'alert', 'rate'] as const
/** A resident's rating of how their report was handled (满意 / 基本满意 / 不满意). */
export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const
/** Statuses of an incident still being worked on. */
export const OPEN_STATUSES = ['reported', 'accepted', 'dispatched', 'handled', 'verified'] as const
/** Escalation ladder (grid → community → street → department). */
export const ESCALATION_LEVELS = ['grid', 'community', 'street', 'department'] as const
/** Mediation bodies a dispute can be handed between (人民调解, 行政调解, 司法调解). */
export const MEDIATION_BODIES = ['people', 'administrative', 'judicial'] as const

export type IncidentAction = (typeof INCIDENT_ACTIONS)[number]
export type IncidentEventKind = (typeof INCIDENT_EVENTS)[number]
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number]
export type MediationBody = (typeof MEDIATION_BODIES)[number]
export type Rating = (typeof RATINGS)[number]

/** The base maps a client may draw under the grids (GET /api/config lists those this server offers). */
export const BASEMAP_IDS = ['offline', 'tianditu', 'osm', 'style'] as const
export type BasemapId = (typeof BASEMAP_IDS)[number]

/** Who a user is: see server/plugins/access-policy.ts for what each may do. */
export const ROLES = ['admin', 'supervisor', 'analyst', 'display', 'worker', 'dispatcher'] as const
export type Role = (typeof ROLES)[number]

/** What the audit triggers record: a row inserted, updated or deleted, or a statement that moved many rows between grids. */
export const AUDIT_ACTIONS = ['insert', 'update', 'delete', 'rehome'] as const
