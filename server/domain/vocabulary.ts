/** The closed vocabularies of the domain; the schema's CHECK constraints list the same values. */
export const REGION_LEVELS = ['county', 'street', 'community'] as const
export const GRID_TYPES = ['comprehensive', 'dedicated'] as const
export const SERVICE_CATEGORIES = ['safety', 'volunteer', 'education', 'convenience', 'culture', 'health', 'elderly_care', 'emergency'] as const
export const INCIDENT_CATEGORIES = ['environment', 'facility', 'safety_hazard', 'dispute', 'traffic', 'illegal_construction', 'public_service', 'emergency'] as const
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
