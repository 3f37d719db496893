import { Type, type Static } from '@sinclair/typebox'
import { ROLES } from '../domain/vocabulary'
import { Id, IdParams, RegionCode } from './common.schema'
import { LiteralUnion } from './literal-union'

export const RoleName = LiteralUnion(ROLES)
const WorkerId = Id({ description: 'the grid worker a `worker` account belongs to (workers only, required for them)' })
const Password = Type.String({ minLength: 10, maxLength: 200, description: 'at least 10 characters' })
const RegionCodes = Type.Array(RegionCode, { maxItems: 200, uniqueItems: true, description: 'the regions a supervisor may edit (supervisors only)' })

export const UserCreate = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\s:]+$', description: 'no spaces or colons' }),
    password: Password,
    role: RoleName,
    regionCodes: Type.Optional(RegionCodes),
    workerId: Type.Optional(WorkerId),
  },
  { additionalProperties: false },
)

export const UserPatch = Type.Object(
  {
    password: Type.Optional(Password),
    role: Type.Optional(RoleName),
    regionCodes: Type.Optional(RegionCodes),
    workerId: Type.Optional(WorkerId),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
)

/** Never the password hash. */
export const ManagedUser = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  role: RoleName,
  regionCodes: Type.Array(Type.String()),
  workerId: Type.Union([Type.Integer(), Type.Null()]),
  disabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
})

export const UserResponse = Type.Object({ user: ManagedUser })
export const UserList = Type.Object({ users: Type.Array(ManagedUser) })
export const UserIdParams = IdParams

export type UserCreateBody = Static<typeof UserCreate>
export type UserPatchBody = Static<typeof UserPatch>
