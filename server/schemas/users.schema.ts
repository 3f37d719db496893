import { Type, type Static } from '@sinclair/typebox'
import { RegionCode } from './common.schema'

export const RoleName = Type.Union([Type.Literal('admin'), Type.Literal('supervisor'), Type.Literal('analyst'), Type.Literal('display')])
const Password = Type.String({ minLength: 10, maxLength: 200, description: 'at least 10 characters' })
const RegionCodes = Type.Array(RegionCode, { maxItems: 200, uniqueItems: true, description: 'the regions a supervisor may edit (supervisors only)' })

export const UserCreate = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100, pattern: '^[^\\s:]+$', description: 'no spaces or colons' }),
    password: Password,
    role: RoleName,
    regionCodes: Type.Optional(RegionCodes),
  },
  { additionalProperties: false },
)

export const UserPatch = Type.Object(
  {
    password: Type.Optional(Password),
    role: Type.Optional(RoleName),
    regionCodes: Type.Optional(RegionCodes),
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
  disabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
})

export const UserResponse = Type.Object({ user: ManagedUser })
export const UserList = Type.Object({ users: Type.Array(ManagedUser) })
export const UserIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) })

export type UserCreateBody = Static<typeof UserCreate>
export type UserPatchBody = Static<typeof UserPatch>
