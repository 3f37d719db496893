import { Type } from '@sinclair/typebox'
import { AUDIT_ACTIONS } from '../domain/vocabulary'
import { LiteralUnion } from './literal-union'

export const AuditQuery = Type.Object(
  {
    table: Type.Optional(Type.String({ pattern: '^[a-z_0-9]{1,63}$' })),
    actor: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    action: Type.Optional(LiteralUnion(AUDIT_ACTIONS)),
    from: Type.Optional(Type.String({ format: 'date-time' })),
    to: Type.Optional(Type.String({ format: 'date-time' })),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0, description: 'entries to skip, for paging (newest first)' }),
  },
  { additionalProperties: false },
)

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time' }),
  actor: Type.String({ description: 'the username, display:<name>, open311:<client>, anonymous, or the database user for writes outside the API' }),
  action: LiteralUnion(AUDIT_ACTIONS),
  table: Type.String(),
  rowKey: Type.Union([Type.String(), Type.Null()]),
  before: Type.Unknown({ description: 'the row before (secrets masked as ***); null for an insert' }),
  after: Type.Unknown({ description: 'the row after; for rehome (households, incidents): how many rows one statement moved between which grids' }),
})

export const AuditResponse = Type.Object({ entries: Type.Array(AuditEntry) })
