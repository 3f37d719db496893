// Typed calls of the admin view (/admin): users, display tokens for walls, Open311 client keys and
// the audit log. Every shape is the server's TypeBox schema, so the view compiles against what the
// server sends and accepts.
import type { Static } from '@sinclair/typebox';
import type { AuditResponse } from '../../../server/schemas/audit.schema';
import type { DisplayTokenIssued, DisplayTokenList } from '../../../server/schemas/display-tokens.schema';
import type { Open311ClientIssued, Open311ClientList } from '../../../server/schemas/open311.schema';
import type { UserCreateBody, UserList, UserPatchBody, UserResponse } from '../../../server/schemas/users.schema';
import { request } from './request';

export type ManagedUser = Static<typeof UserList>['users'][number];
export type NewUser = UserCreateBody;
export type UserChange = UserPatchBody;
export type DisplayTokenInfo = Static<typeof DisplayTokenList>['tokens'][number];
export type IssuedDisplayToken = Static<typeof DisplayTokenIssued>;
export type Open311ClientInfo = Static<typeof Open311ClientList>['clients'][number];
export type IssuedOpen311Client = Static<typeof Open311ClientIssued>;
export type AuditEntry = Static<typeof AuditResponse>['entries'][number];
export type AuditAction = AuditEntry['action'];

export const adminApi = {
  users: async (signal?: AbortSignal) => (await request<Static<typeof UserList>>('/api/users', { signal })).users,
  createUser: async (user: NewUser) => (await request<Static<typeof UserResponse>>('/api/users', { method: 'POST', json: user })).user,
  changeUser: async (id: number, change: UserChange) =>
    (await request<Static<typeof UserResponse>>(`/api/users/${id}`, { method: 'PATCH', json: change })).user,

  displayTokens: async (signal?: AbortSignal) => (await request<Static<typeof DisplayTokenList>>('/api/display-tokens', { signal })).tokens,
  issueDisplayToken: (name: string) => request<IssuedDisplayToken>('/api/display-tokens', { method: 'POST', json: { name } }),
  revokeDisplayToken: (id: number) => request(`/api/display-tokens/${id}`, { method: 'DELETE', expect: 'none' }),

  open311Clients: async (signal?: AbortSignal) => (await request<Static<typeof Open311ClientList>>('/api/open311/clients', { signal })).clients,
  issueOpen311Client: (name: string) => request<IssuedOpen311Client>('/api/open311/clients', { method: 'POST', json: { name } }),
  revokeOpen311Client: (id: number) => request(`/api/open311/clients/${id}`, { method: 'DELETE', expect: 'none' }),

  /** `qs` from auditQueryString (without `?`). */
  audit: async (qs: string, signal?: AbortSignal) => (await request<Static<typeof AuditResponse>>(`/api/audit?${qs}`, { signal })).entries,
};
