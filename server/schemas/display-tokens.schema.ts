import { Type } from '@sinclair/typebox'
import { IdParams } from './common.schema'

export const DisplayTokenCreate = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S', description: 'where the wall hangs, e.g. 县指挥中心主屏' }) },
  { additionalProperties: false },
)

const Instant = Type.String({ format: 'date-time' })
const NullableInstant = Type.Union([Instant, Type.Null()])

export const DisplayTokenInfo = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  createdAt: Instant,
  lastUsedAt: NullableInstant,
  revokedAt: NullableInstant,
})

export const DisplayTokenIssued = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  token: Type.String({ description: 'shown once; use as /wall?token=… or as a bearer token' }),
})

export const DisplayTokenList = Type.Object({ tokens: Type.Array(DisplayTokenInfo) })
export const DisplayTokenIdParams = IdParams
/** No body (type null, as OpenAPI says "no content"); typed as nothing, so the handler sends none. */
export const DisplayTokenRevoked = Type.Unsafe<undefined>({ type: 'null', description: 'Revoked (or already revoked): walls using it lose access at once' })
