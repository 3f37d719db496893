/**
 * The names of the live events GET /api/events streams, for the server that publishes them and the
 * wall that listens. Their payloads are described in server/schemas/events.schema.ts.
 */
export const INCIDENT_EVENT_TYPES = ['incident.created', 'incident.updated', 'incident.alert'] as const
/** Grid writes publish grid.changed; the wall's stats publish stats.refreshed after recomputing coverage. */
export const LIVE_EVENT_TYPES = [...INCIDENT_EVENT_TYPES, 'grid.changed', 'stats.refreshed'] as const

export type IncidentEventType = (typeof INCIDENT_EVENT_TYPES)[number]
export type LiveEventType = (typeof LIVE_EVENT_TYPES)[number]

/** What each instance computes for itself (its own coverage cache): never relayed to the others. */
export const LOCAL_ONLY_EVENT_TYPES = ['stats.refreshed'] as const satisfies readonly LiveEventType[]

/** Sent by the stream itself every 15 s, not published: a wall that hears nothing knows the stream is dead. */
export const HEARTBEAT_EVENT = 'heartbeat'

/** The grid edits a grid.changed names (an import says `import`). */
export const GRID_EDIT_OPERATIONS = ['create', 'update', 'delete', 'split', 'merge', 'revert'] as const
export type GridEditOperation = (typeof GRID_EDIT_OPERATIONS)[number]

export const isLiveEventType = (value: string): value is LiveEventType => (LIVE_EVENT_TYPES as readonly string[]).includes(value)
