import { Type } from '@sinclair/typebox'
import { IdParams } from './common.schema'

const Str = Type.Optional(Type.String({ maxLength: 5000 }))
const Nullable = (t: ReturnType<typeof Type.String>) => Type.Union([t, Type.Null()])

/** GeoReport v2 errors: a list of {code, description}; `code` is the HTTP status. */
export const Open311Errors = Type.Array(Type.Object({ code: Type.Integer(), description: Type.String() }))

export const Discovery = Type.Object({
  changeset: Type.String(),
  contact: Type.String(),
  key_service: Type.String(),
  endpoints: Type.Array(
    Type.Object({
      specification: Type.String(),
      url: Type.String(),
      changeset: Type.String(),
      type: Type.String(),
      formats: Type.Array(Type.String()),
    }),
  ),
})

export const Services = Type.Array(
  Type.Object({
    service_code: Type.String(),
    service_name: Type.String(),
    description: Type.String(),
    metadata: Type.Boolean(),
    type: Type.String(),
    keywords: Type.String(),
    group: Type.String(),
  }),
)

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
const ReadKey = Type.Optional(
  Type.String({ maxLength: 200, description: "A client app's api_key: every request, exact positions; without it residents' requests only, coarsened" }),
)

export const RequestsQuery = Type.Object(
  { service_request_id: Str, service_code: Str, start_date: Str, end_date: Str, status: Str, jurisdiction_id: Str, api_key: ReadKey },
  { additionalProperties: false },
)
export const RequestQuery = Type.Object({ api_key: ReadKey, jurisdiction_id: Str })

// Open311 clients send form fields (attribute[...], device_id, ...); unknown ones are ignored. The
// resident's own fields (first_name, last_name, email, phone, address_*, media_url) are personal:
// stored beside the incident, never shown without an api_key or a reader's login.
export const NewRequestBody = Type.Object(
  {
    api_key: Str,
    service_code: Str,
    jurisdiction_id: Str,
    lat: Type.Optional(Type.Union([Type.String(), Type.Number()])),
    long: Type.Optional(Type.Union([Type.String(), Type.Number()])),
    address_string: Str,
    address_id: Str,
    description: Str,
    email: Str,
    first_name: Str,
    last_name: Str,
    phone: Str,
    media_url: Str,
    // A Buffer after multipart parsing: no `type` (nor `format`, which needs one) here, or
    // validation would refuse the file itself.
    media: Type.Optional(Type.Unsafe<Buffer>({ description: 'A photo file (JPEG, PNG or WebP, at most 5 MB), sent as multipart/form-data' })),
  },
  { additionalProperties: true },
)

export const NewRequestResponse = Type.Array(
  Type.Object({
    service_request_id: Type.String(),
    service_notice: Nullable(Type.String()),
    account_id: Nullable(Type.String()),
  }),
)

/** A service definition (services/{code}.json): the extra attributes a service asks for; ours ask for none. */
export const ServiceDefinition = Type.Object({
  service_code: Type.String(),
  attributes: Type.Array(
    Type.Object({
      variable: Type.Boolean(),
      code: Type.String(),
      datatype: Type.String(),
      required: Type.Boolean(),
      datatype_description: Nullable(Type.String()),
      order: Type.Integer(),
      description: Type.String(),
      values: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
    }),
  ),
})
export const ServiceCodeParams = Type.Object({ code: Type.String({ maxLength: 100 }) })

/** The XML twin of a JSON answer (…/requests.xml and the like): a whole document, described not typed. */
export const xmlResponse = (description: string) => ({ description, content: { 'text/xml': { schema: Type.String() } } })

export const RequestIdParams = Type.Object({ id: Type.String({ maxLength: 20 }) })

export const Open311ClientCreate = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false })
export const Open311ClientIssued = Type.Object({ id: Type.Integer(), name: Type.String(), apiKey: Type.String() })
export const Open311ClientIdParams = IdParams
/** No body (type null, as OpenAPI says "no content"). */
export const Open311ClientRevoked = Type.Unsafe<undefined>({ type: 'null', description: 'Revoked (or already revoked): the key is refused at once' })
export const Open311ClientList = Type.Object({
  clients: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      createdAt: Type.String({ format: 'date-time' }),
      revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    }),
  ),
})
