import { Type, type Static } from '@sinclair/typebox'
import {
  INCIDENT_ACTIONS,
  INCIDENT_CATEGORIES,
  INCIDENT_EVENTS,
  INCIDENT_PRIORITIES,
  INCIDENT_SOURCES,
  INCIDENT_STATUSES,
  MEDIATION_BODIES,
} from '../domain/vocabulary'
import { Bytes, FeatureCollection, Id, IdParams, LngLat, RegionCode, Unsafe } from './common.schema'
import { POINTS_MAX } from '../domain/points-layout'

const Timestamp = Type.Union([Type.String({ format: 'date-time' }), Type.Null()])
/** A closed vocabulary as a string enum, keeping its literal type for handlers. */
export const OneOf = <const T extends readonly string[]>(values: T, description?: string) =>
  Unsafe<T[number], { type: 'string'; enum: T }>({ type: 'string', enum: values, ...(description ? { description } : {}) })

/**
 * The filters' closed vocabularies, by query parameter: each takes a comma-separated list of its
 * values (`category=traffic,dispute`; blanks around a value are ignored, repeats count once).
 */
export const FILTER_VOCABULARIES = {
  category: INCIDENT_CATEGORIES,
  status: INCIDENT_STATUSES,
  source: INCIDENT_SOURCES,
  priority: INCIDENT_PRIORITIES,
} as const
export type FilterListParameter = keyof typeof FILTER_VOCABULARIES

/** One of `values` in a list, a pattern fragment. */
const listItem = (values: readonly string[]) => `\\s*(${values.join('|')})\\s*`
/** Empty (no filter), or values of the vocabulary separated by commas: /docs lists them. */
const ListOf = (values: readonly string[], what: string) =>
  Type.Optional(
    Type.String({
      maxLength: 500,
      pattern: `^(${listItem(values)}(,${listItem(values)})*)?$`,
      description: `comma-separated ${what}: ${values.join(', ')}`,
    }),
  )

/**
 * ISO 8601, a date or a date and time with an optional offset; empty is no filter. (Date also
 * reads forms like "1 Jan" that nobody means.) Whether it is a real day in 1990–2200 is the filter's check.
 */
export const ISO_INSTANT_PATTERN = '^(\\d{4}-\\d{2}-\\d{2}([T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?)?)?$'
/** A grid's row id (up to 12 digits) or its 15-digit code; empty is no filter. */
export const GRID_REF_PATTERN = '^([0-9]{15}|[0-9]{1,12})?$'
const NUMBER = '\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*'
/** Four decimal numbers; their ranges and order are the filter's check (services/bbox.ts). */
export const BBOX_PATTERN = `^${NUMBER}(,${NUMBER}){3}$`

/** The filters every incident read shares, so lists, bins, KPIs and exports count the same set. */
export const IncidentFilterProperties = {
  from: Type.Optional(Type.String({ pattern: ISO_INSTANT_PATTERN, description: 'ISO 8601 date or date-time, 1990–2200; reported at or after' })),
  to: Type.Optional(Type.String({ pattern: ISO_INSTANT_PATTERN, description: 'ISO 8601 date or date-time, 1990–2200, after from; reported before' })),
  category: ListOf(FILTER_VOCABULARIES.category, 'categories'),
  status: ListOf(FILTER_VOCABULARIES.status, 'statuses'),
  source: ListOf(FILTER_VOCABULARIES.source, 'sources'),
  priority: ListOf(FILTER_VOCABULARIES.priority, 'priorities'),
  region: Type.Optional(RegionCode),
  grid: Type.Optional(Type.String({ pattern: GRID_REF_PATTERN, description: 'grid id or 15-digit grid code' })),
  bbox: Type.Optional(Type.String({ pattern: BBOX_PATTERN, description: 'minLng,minLat,maxLng,maxLat (WGS84, min < max)' })),
  polygon: Type.Optional(Type.String({ maxLength: 20_000, description: 'a drawn polygon: lng,lat,lng,lat,… (WGS84, at least 3 corners)' })),
  overdue: Type.Optional(
    Type.String({ enum: ['true', 'false'], description: 'true: only incidents being handled past their deadline (超期); false: none of them' }),
  ),
}

export const IncidentsQuery = Type.Object(
  { ...IncidentFilterProperties, limit: Type.Integer({ minimum: 1, maximum: 50_000, default: 1000 }) },
  { additionalProperties: false },
)
export const IncidentFilterQuery = Type.Object(IncidentFilterProperties, { additionalProperties: false })

export const AggregateQuery = Type.Object(
  {
    ...IncidentFilterProperties,
    cell: OneOf(['hex', 'square'], 'bin shape'),
    sizeM: Type.Number({ minimum: 10, maximum: 100_000, description: 'hex: edge length (circumradius) in metres; square: side in metres' }),
  },
  { additionalProperties: false },
)

/** GET /api/incidents/export: the download, CSV text or a GeoJSON FeatureCollection (as GET /api/incidents gives, all of it). */
export const IncidentsDownload = {
  description: 'The filtered incidents as a download (Content-Disposition: attachment): CSV (UTF-8) for format=csv, else GeoJSON',
  content: {
    'text/csv': { schema: Type.String() },
    'application/geo+json': { schema: Type.Object({}, { additionalProperties: true }) },
  },
}

export const ExportQuery = Type.Object(
  {
    ...IncidentFilterProperties,
    format: OneOf(['csv', 'geojson']),
    lang: Type.Optional(OneOf(['zh-CN', 'en'], "The CSV's language (headers and labels); without it, English for an English Accept-Language, else zh-CN")),
  },
  { additionalProperties: false },
)

export const IncidentProperties = Type.Object({
  id: Type.Integer(),
  externalId: Type.Union([Type.String(), Type.Null()]),
  category: Type.String(),
  source: Type.String(),
  priority: Type.String(),
  status: OneOf(INCIDENT_STATUSES),
  description: Type.String(),
  gridId: Type.Union([Type.Integer(), Type.Null()]),
  gridCode: Type.Union([Type.String(), Type.Null()]),
  escalationLevel: Type.String(),
  mediationBody: Type.Union([Type.String(), Type.Null()]),
  reportedAt: Type.String({ format: 'date-time' }),
  acceptedAt: Timestamp,
  dispatchedAt: Timestamp,
  deadlineAt: Timestamp,
  handledAt: Timestamp,
  verifiedAt: Timestamp,
  closedAt: Timestamp,
  rejectedAt: Timestamp,
  assigneeId: Type.Union([Type.Integer(), Type.Null()], { description: 'the grid worker the incident is dispatched to' }),
  assigneeName: Type.Union([Type.String(), Type.Null()], { description: 'masked (张*) for roles that may not see the names of workers' }),
  acknowledgedAt: Type.Union([Type.String({ format: 'date-time', description: 'when the assignee took the task (签收)' }), Type.Null()]),
})

export const IncidentCollection = FeatureCollection(IncidentProperties, { numberMatched: Type.Integer(), numberReturned: Type.Integer() })

export const TimelineEntry = Type.Object({
  event: OneOf(INCIDENT_EVENTS),
  actor: Type.Union([Type.String(), Type.Null()]),
  note: Type.Union([Type.String(), Type.Null()]),
  at: Type.String({ format: 'date-time' }),
  details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
})

export const IncidentDetail = Type.Object({
  type: Type.Literal('Feature'),
  id: Type.Integer(),
  geometry: Type.Object({ type: Type.Literal('Point'), coordinates: Type.Array(Type.Number()) }),
  properties: Type.Composite([
    IncidentProperties,
    Type.Object({
      timeline: Type.Array(TimelineEntry),
      photos: Type.Array(Type.Object({ id: Type.Integer(), stage: OneOf(['report', 'handle']) }), { description: 'GET /api/incidents/:id/photos/:photoId' }),
    }),
  ]),
})

/** Photos as JSON bodies carry them: base64 of a JPEG, PNG or WebP file, at most 5 MB each decoded. */
export const PhotoUploads = Type.Array(
  Type.Object({ data: Type.String({ minLength: 1, maxLength: 7_000_000, description: 'base64 (no data: prefix)' }) }, { additionalProperties: false }),
  { maxItems: 3, description: 'at most 3 photos; re-encoded as JPEG without metadata' },
)
export const PHOTO_BODY_LIMIT_BYTES = 22 * 1024 * 1024

export const Point = Type.Object(
  {
    type: Type.Literal('Point'),
    // Both within ±180 here (no per-position bounds in OpenAPI 3.0); a latitude beyond ±90 lies in no grid.
    coordinates: LngLat({ minimum: -180, maximum: 180 }),
  },
  { additionalProperties: false },
)

export const IncidentIdParams = IdParams

export const IncidentCreate = Type.Object(
  {
    category: OneOf(INCIDENT_CATEGORIES),
    source: OneOf(INCIDENT_SOURCES),
    priority: Type.Optional(OneOf(INCIDENT_PRIORITIES)),
    description: Type.String({ minLength: 1, maxLength: 2000 }),
    location: Point,
    photos: Type.Optional(PhotoUploads),
  },
  { additionalProperties: false },
)

export const IncidentPatch = Type.Object(
  {
    action: OneOf(INCIDENT_ACTIONS),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
    hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 720, description: 'extend: extra hours' })),
    to: Type.Optional(OneOf(MEDIATION_BODIES, 'handover: the mediation body taking over')),
    assigneeId: Type.Optional(Id({ description: 'dispatch: the grid worker the task goes to (required)' })),
    photos: Type.Optional(PhotoUploads),
  },
  { additionalProperties: false },
)

export const BinCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  cell: OneOf(['hex', 'square']),
  sizeM: Type.Number(),
  total: Type.Integer({ description: 'the sum of every bin count = numberMatched of GET /api/incidents with the same filters' }),
  features: Type.Array(
    Type.Object({
      type: Type.Literal('Feature'),
      id: Type.String(),
      geometry: Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Type.Array(Type.Array(Type.Number()))) }),
      properties: Type.Object({ key: Type.String(), count: Type.Integer(), overdue: Type.Integer() }),
    }),
  ),
})

const Count = Type.Integer()
const Rate = Type.Union([Type.Number(), Type.Null()])
export const IncidentKpis = Type.Object({
  total: Count,
  dispatched: Count,
  due: Count,
  closed: Count,
  closedOnTime: Count,
  overdue: Count,
  reworked: Count,
  extended: Count,
  rated: Count,
  satisfied: Count,
  closeRate: Rate,
  onTimeCloseRate: Rate,
  reworkRate: Rate,
  extensionRate: Rate,
  satisfactionRate: Type.Union([Type.Number(), Type.Null()], {
    description: '满意率: (满意 + 基本满意) / rated, of the residents’ reports among the filtered incidents',
  }),
  discoveryToDispatchMinutes: Rate,
  dispatchToCloseMinutes: Rate,
})

const KeyCount = Type.Array(Type.Object({ key: Type.String(), count: Count }))
export const IncidentBreakdown = Type.Object({
  byCategory: KeyCount,
  byStatus: KeyCount,
  bySource: KeyCount,
  byDay: Type.Array(Type.Object({ day: Type.String(), count: Count })),
  byGrid: Type.Array(Type.Object({ gridId: Type.Integer(), count: Count, overdue: Count })),
})

export type IncidentFilterQueryString = Static<typeof IncidentFilterQuery>
export type IncidentDetailBody = Static<typeof IncidentDetail>
export type IncidentFeatureBody = Static<typeof IncidentCollection>['features'][number]
export type IncidentKpisBody = Static<typeof IncidentKpis>
export type IncidentBreakdownBody = Static<typeof IncidentBreakdown>
export type BinCollectionBody = Static<typeof BinCollection>

export const PointsQuery = Type.Object(
  {
    ...IncidentFilterProperties,
    max: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: POINTS_MAX,
        description: 'refuse (400 points_too_many) when more incidents than this match; default and at most 500,000',
      }),
    ),
  },
  { additionalProperties: false },
)

/** GET /api/incidents/points.bin: raw bytes, documented here for OpenAPI (Fastify sends the Buffer as is). */
export const IncidentPointsBinary = {
  description: [
    'The filtered incidents in a compact little-endian binary form (server/domain/points-layout.ts), ordered by reported time:',
    'header 16 bytes — magic "WGIP", Uint16 version (1), Uint16 flags (0), Uint32 count n, Uint32 reserved;',
    'then Uint32 id ×n; Float32 lng,lat ×n (WGS84); Uint32 reported_at in seconds since the Unix epoch ×n;',
    'Uint8 category ×n (index into environment, facility, safety_hazard, dispute, traffic, illegal_construction, public_service, emergency);',
    'Uint8 status ×n (index into reported, accepted, rejected, dispatched, handled, verified, closed);',
    'Uint8 flags ×n (bit 0: overdue). 16 + 19n bytes. The X-Incident-Count header repeats n.',
    'More than `max` (default and at most 500,000) matches are refused with 400 points_too_many (details.numberMatched, details.max).',
  ].join(' '),
  content: { 'application/octet-stream': { schema: Bytes() } },
} as const
