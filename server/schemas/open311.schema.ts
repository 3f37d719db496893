import { Type, type Static } from '@sinclair/typebox'

const Str = Type.Optional(Type.String({ maxLength: 5000 }))
const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()])

/** GeoReport v2 errors: a list of {code, description}; `code` is the HTTP status. */
export const Open311Errors = Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() }))

export const Discovery = Type.Object({
  changeset: Type.String(),
  contact: Type.String(),
  key_service: Type.String(),
  endpoints: Type.Array(Type.Object({
    specification: Type.String(),
    url: Type.String(),
    changeset: Type.String(),
    type: Type.String(),
    formats: Type.Array(Type.String()),
  })),
})

export const Services = Type.Array(Type.Object({
  service_code: Type.String(),
  service_name: Type.String(),
  description: Type.String(),
  metadata: Type.Boolean(),
  type: Type.String(),
  keywords: Type.String(),
  group: Type.String(),
}))

export const ServiceRequest = Type.Object({
  service_request_id: Type.String(),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  status_notes: Nullable(Type.String()),
  service_name: Type.String(),
  service_code: Type.String(),
  description: Type.String(),
  agency_responsible: Type.String(),
  service_notice: Nullable(Type.String()),
  requested_datetime: Type.String(),
  updated_datetime: Type.String(),
  expected_datetime: Nullable(Type.String()),
  address: Nullable(Type.String()),
  address_id: Nullable(Type.String()),
  zipcode: Nullable(Type.String()),
  lat: Type.Number(),
  long: Type.Number(),
  media_url: Nullable(Type.String()),
})
export const ServiceRequests = Type.Array(ServiceRequest)

// api_key on a read opens the full view (services/incidents/open311-public.ts); logs redact it.
const ReadKey = Type.Optional(Type.String({ maxLength: 200, description: "A client app's api_key: every request, exact positions; without it residents' requests only, coarsened" }))

export const RequestsQuery = Type.Object(
  { service_request_id: Str, service_code: Str, start_date: Str, end_date: Str, status: Str, jurisdiction_id: Str, api_key: ReadKey },
  { additionalProperties: false },
)
export const RequestQuery = Type.Object({ api_key: ReadKey, jurisdiction_id: Str })

// Open311 clients send form fields (first_name, attribute[...], ...); unknown ones are ignored.
export const NewRequestBody = Type.Object(
  {
    api_key: Str, service_code: Str, lat: Type.Optional(Type.Union([Type.String(), Type.Number()])),
    long: Type.Optional(Type.Union([Type.String(), Type.Number()])), description: Str, address_string: Str, jurisdiction_id: Str,
  },
  { additionalProperties: true },
)

export const NewRequestResponse = Type.Array(Type.Object({
  service_request_id: Type.String(),
  service_notice: Nullable(Type.String()),
  account_id: Nullable(Type.String()),
}))

export const RequestIdParams = Type.Object({ id: Type.String({ maxLength: 20 }) })

export const Open311ClientCreate = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false })
export const Open311ClientIssued = Type.Object({ id: Type.Integer(), name: Type.String(), apiKey: Type.String() })
export const Open311ClientList = Type.Object({
  clients: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), createdAt: Type.String({ format: 'date-time' }), revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]) })),
})

export type RequestsQueryString = Static<typeof RequestsQuery>
export type NewRequestBodyType = Static<typeof NewRequestBody>
