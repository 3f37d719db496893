import { Type, type Static, type TSchema } from '@sinclair/typebox'
import { IMPORT_KINDS } from '../domain/import-vocabulary'
import { GRID_EDIT_OPERATIONS, HEARTBEAT_EVENT, LIVE_EVENT_TYPES, LOCAL_ONLY_EVENT_TYPES, type LiveEventType } from '../domain/live-events'
import { COMMUNITY_CODE_PATTERN, REGION_CODE_PATTERN } from '../domain/region-code'
import { INCIDENT_ACTIONS, INCIDENT_CATEGORIES, INCIDENT_SOURCES, INCIDENT_STATUSES } from '../domain/vocabulary'
// Unions of literals (not incidents.schema.ts's OneOf enums): TypeBox's Value.Check reads them.
import { LiteralUnion } from './literal-union'

// The live events of GET /api/events: each name and the payload its publisher sends. The event bus
// is typed by these (server/events/event-bus.ts), the wall's handlers by their Static types, and
// the route's OpenAPI response lists them. Nothing validates a payload at run time: the tests check
// that what the server publishes matches (tests/integration/live-events.test.ts). Payloads are
// closed (no additional properties) so that a field added to a publisher is added here too.

const closed = { additionalProperties: false }
const At = Type.String({ format: 'date-time', description: 'when it happened' })
const IncidentId = Type.Integer({ minimum: 1 })

export const IncidentCreatedPayload = Type.Object(
  {
    id: IncidentId,
    category: LiteralUnion(INCIDENT_CATEGORIES),
    source: LiteralUnion(INCIDENT_SOURCES),
    status: Type.Literal('reported'),
    lng: Type.Number(),
    lat: Type.Number(),
    at: At,
  },
  { ...closed, description: 'An incident was reported (POST /api/incidents, a resident, Open311)' },
)

export const IncidentUpdatedPayload = Type.Object(
  {
    id: IncidentId,
    action: LiteralUnion([...INCIDENT_ACTIONS, 'rate'] as const),
    status: LiteralUnion(INCIDENT_STATUSES),
    at: At,
  },
  { ...closed, description: 'An incident moved through its lifecycle (PATCH /api/incidents/{id}), or its reporter rated it (action rate)' },
)

export const IncidentAlertPayload = Type.Object(
  {
    id: IncidentId,
    category: LiteralUnion(INCIDENT_CATEGORIES),
    gridIds: Type.Array(Type.Integer(), { description: "the incident's grid and every grid touching it" }),
    gridCodes: Type.Array(Type.String()),
    workerIds: Type.Array(Type.Integer(), { description: 'the workers of those grids, alerted' }),
    at: At,
  },
  { ...closed, description: 'An emergency was reported: the workers of its grid and the grids around it are alerted (网格相连、一体联动)' },
)

const Username = Type.String({ description: 'who made the change' })

export const GridEditedPayload = Type.Object(
  {
    operation: LiteralUnion(GRID_EDIT_OPERATIONS),
    communityCode: Type.String({ pattern: COMMUNITY_CODE_PATTERN }),
    by: Username,
    gridIds: Type.Array(Type.Integer(), { description: 'the grids as they are now' }),
    codes: Type.Array(Type.String()),
    deletedGridIds: Type.Array(Type.Integer()),
    householdsMoved: Type.Integer({ minimum: 0 }),
  },
  { ...closed, description: 'Grids were edited in one community' },
)

export const GridsImportedPayload = Type.Object(
  {
    operation: Type.Literal('import'),
    kind: LiteralUnion(IMPORT_KINDS, { description: 'what was imported (an import of incidents changes no grid and publishes nothing)' }),
    count: Type.Integer({ minimum: 0, description: 'features written' }),
    by: Username,
  },
  { ...closed, description: 'A layer was imported (POST /api/import/{kind})' },
)

export const GridChangedPayload = Type.Union([GridEditedPayload, GridsImportedPayload], {
  description: 'Grids or what lies in them changed: a wall reloads its grids, figures and household tiles',
})

export const StatsRefreshedPayload = Type.Object(
  {
    region: Type.String({ pattern: REGION_CODE_PATTERN }),
    computedAt: Type.String({ format: 'date-time' }),
  },
  { ...closed, description: "A region's coverage was recomputed: its walls reload their figures and blind spots" },
)

/** Each live event's payload, by name, as its publisher sends it. */
export const LiveEventPayloads = {
  'incident.created': IncidentCreatedPayload,
  'incident.updated': IncidentUpdatedPayload,
  'incident.alert': IncidentAlertPayload,
  'grid.changed': GridChangedPayload,
  'stats.refreshed': StatsRefreshedPayload,
} as const satisfies Record<LiveEventType, TSchema>

/**
 * What another API instance sends in place of a payload too large for PostgreSQL's NOTIFY
 * (server/events/pg-event-relay.ts): the event's name alone, enough to refetch.
 */
export const TruncatedPayload = Type.Object(
  { truncated: Type.Literal(true) },
  { ...closed, description: 'The payload was too large to relay from another API instance: refetch' },
)

export const HeartbeatPayload = Type.Object({ at: Type.String({ format: 'date-time' }) }, closed)

type LocalOnlyEventType = (typeof LOCAL_ONLY_EVENT_TYPES)[number]
/** The events relayed between API instances, which may therefore arrive truncated. */
export type RelayedEventType = Exclude<LiveEventType, LocalOnlyEventType>

export type LiveEventPayload<T extends LiveEventType = LiveEventType> = Static<(typeof LiveEventPayloads)[T]>
export type TruncatedPayloadBody = Static<typeof TruncatedPayload>
export type HeartbeatPayloadBody = Static<typeof HeartbeatPayload>
/** What a listener receives for an event: its payload, or, relayed from another instance, possibly only `{ truncated: true }`. */
export type LiveEventData<T extends LiveEventType = LiveEventType> = LiveEventPayload<T> | (T extends RelayedEventType ? TruncatedPayloadBody : never)

/** An event on the bus: its name and what a listener receives with it. */
export type LiveEvent = { [T in LiveEventType]: { type: T; payload: LiveEventData<T> } }[LiveEventType]

const isLocalOnly = (type: LiveEventType) => (LOCAL_ONLY_EVENT_TYPES as readonly string[]).includes(type)

/** The stream's messages for the document: `event: <event>` then `data: <data as JSON>`, one schema per event. */
export const LiveEventMessage = Type.Union(
  [
    ...LIVE_EVENT_TYPES.map((type) => {
      const payload = LiveEventPayloads[type]
      return Type.Object(
        { event: Type.Literal(type), data: isLocalOnly(type) ? payload : Type.Union([payload, TruncatedPayload]) },
        { description: payload.description },
      )
    }),
    Type.Object(
      { event: Type.Literal(HEARTBEAT_EVENT), data: HeartbeatPayload },
      { description: 'Every 15 s, so that a client (and a proxy) notices a dead stream' },
    ),
  ],
  {
    description: [
      'The stream (text/event-stream) opens with `retry: 3000` and carries one message per event: its name as `event:`',
      'and its payload as one line of JSON in `data:`. Listed here are the messages, as { event, data }.',
    ].join(' '),
  },
)
